// Pure helpers of scripts/bench.js and its parts. Nothing here measures or asserts time.
const bench = {
  ...require("../../scripts/bench"),
  ...require("../../scripts/bench/baseline"),
  ...require("../../scripts/bench/report"),
  ...require("../../scripts/bench/runner"),
};

const NAMESPACES: Map<string, string> = bench.parseRootNamespaces(
  [
    "export * as iamRole from './iam-role';",
    "export * as dataAwsRegion from './data-aws-region';",
    "export * as provider from './provider';",
  ].join("\n"),
);

describe("parseArgs", () => {
  test("defaults to 10 runs, tests included, nothing written", () => {
    expect(bench.parseArgs([])).toEqual({ runs: 10, skipTest: false, write: false });
  });

  test("reads --runs N, --runs=N, --skip-test and --write", () => {
    expect(bench.parseArgs(["--runs", "3", "--skip-test", "--write"])).toEqual({
      runs: 3,
      skipTest: true,
      write: true,
    });
    expect(bench.parseArgs(["--runs=5"]).runs).toBe(5);
  });

  test("rejects a non-positive run count and unknown flags", () => {
    expect(() => bench.parseArgs(["--runs", "0"])).toThrow("positive integer");
    expect(() => bench.parseArgs(["--runs"])).toThrow("positive integer");
    expect(() => bench.parseArgs(["--fast"])).toThrow("Unknown argument");
  });
});

describe("median", () => {
  test("takes the middle value of an odd count and the mean of the middle two of an even one", () => {
    expect(bench.median([3, 1, 2])).toBe(2);
    expect(bench.median([4, 1, 3, 2])).toBe(2.5);
  });

  test("does not reorder its input", () => {
    const values = [3, 1, 2];
    bench.median(values);
    expect(values).toEqual([3, 1, 2]);
  });
});

describe("parseGnuTimeMaxRss", () => {
  test("reads the maximum resident set size in kB", () => {
    const output = "\tUser time (seconds): 0.20\n\tMaximum resident set size (kbytes): 64124\n\tExit status: 0\n";
    expect(bench.parseGnuTimeMaxRss(output)).toBe(64124);
  });

  test("throws when the line is missing", () => {
    expect(() => bench.parseGnuTimeMaxRss("Command exited with non-zero status 1")).toThrow(
      "Maximum resident set size",
    );
  });
});

describe("rewriteDeepRequires", () => {
  test("turns each deep require into the root namespace of the same module", () => {
    const js = [
      'const iam_role_1 = require("@cdktf/provider-aws/lib/iam-role");',
      'const provider_1 = require("@cdktf/provider-aws/lib/provider");',
      'const cdktf_1 = require("cdktf");',
    ].join("\n");

    const { text, count } = bench.rewriteDeepRequires(js, NAMESPACES);

    expect(count).toBe(2);
    expect(text).toBe(
      [
        'const iam_role_1 = require("@cdktf/provider-aws").iamRole;',
        'const provider_1 = require("@cdktf/provider-aws").provider;',
        'const cdktf_1 = require("cdktf");',
      ].join("\n"),
    );
  });

  test("throws for a module the root does not export", () => {
    expect(() => bench.rewriteDeepRequires('require("@cdktf/provider-aws/lib/nope")', NAMESPACES)).toThrow("lib/nope");
  });
});

const PROVIDER_ROOT = "@cdktf/provider-aws";

describe("rewriteDeepImports", () => {
  test("imports the root namespace and aliases each imported name", () => {
    const ts =
      'import { DataAwsRegion, DataAwsRegionConfig as Config } from "@cdktf/provider-aws/lib/data-aws-region";\n';

    const { text, count } = bench.rewriteDeepImports(ts, NAMESPACES);

    expect(count).toBe(1);
    expect(text).toBe(
      [
        // The rewriter's whole point: the baseline imports the package root.
        `import { dataAwsRegion } from "${PROVIDER_ROOT}";`,
        "import DataAwsRegion = dataAwsRegion.DataAwsRegion;",
        "import Config = dataAwsRegion.DataAwsRegionConfig;",
        "",
      ].join("\n"),
    );
  });
});

describe("renderReport", () => {
  const rows = [
    { key: "floor", label: "Floor", display: "node -e x" },
    { key: "app", label: "App", display: "node app.js" },
    { key: "baseline", label: "Baseline", display: "node app.js" },
    { key: "test", label: "Tests", display: "npm test" },
  ];
  const meta = { date: "2000-01-01", cores: 2, node: "v20.0.0", load: "0.00", rssMethod: "GNU time", note: "" };

  test("shows ratios to the floor and the baseline, and judges each target", () => {
    const results = {
      floor: { runs: 3, wallMs: 200, rssKb: 64 * 1024 },
      app: { runs: 3, wallMs: 400, rssKb: 80 * 1024 },
      baseline: { runs: 3, wallMs: 4000, rssKb: 560 * 1024 },
      test: { runs: 1, wallMs: 50000, rssKb: 300 * 1024 },
    };

    const { text, failed } = bench.renderReport({ rows, results, meta });

    expect(text).toContain("| App | `node app.js` | 3 | 0.40 s | 80 MiB | 2.00× / 1.25× | 0.10× / 0.14× |");
    expect(text).toContain("| App command within 2.5× the floor's wall time | 2.00× | pass |");
    expect(text).toContain("| Root-import baseline at least 4× slower than the app command | 10.00× | pass |");
    expect(text).toContain("| `npm test` passes in under 45 s | 50.00 s | FAIL |");
    expect(failed).toBe(true);
  });

  test("marks a skipped row and its target as skipped, not failed", () => {
    const results = {
      floor: { runs: 3, wallMs: 200, rssKb: 64 * 1024 },
      app: { runs: 3, wallMs: 300, rssKb: 70 * 1024 },
      baseline: { runs: 3, wallMs: 4000, rssKb: 560 * 1024 },
    };

    const { text, failed } = bench.renderReport({ rows, results, meta });

    expect(text).toContain("| Tests | `npm test` | – | skipped | – | – | – |");
    expect(text).toContain("| `npm test` passes in under 45 s | not measured | skipped |");
    expect(failed).toBe(false);
  });

  test("fails the test target when npm test exits non-zero, however fast", () => {
    const results = {
      floor: { runs: 3, wallMs: 200, rssKb: 64 * 1024 },
      test: { runs: 1, wallMs: 20000, rssKb: 300 * 1024, exit: 2 },
    };

    const { text, failed } = bench.renderReport({ rows, results, meta });

    expect(text).toContain("| Tests | `npm test` | 1 | 20.00 s (exited with 2) | 300 MiB |");
    expect(text).toContain("| `npm test` passes in under 45 s | 20.00 s (exited with 2) | FAIL |");
    expect(failed).toBe(true);
  });
});

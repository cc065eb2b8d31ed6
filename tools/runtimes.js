#!/usr/bin/env node
// The Node.js releases the package is tested on, and how CI runs a command on each of them.
//
// CI runs on the machine's own Node.js and on each release below: one per maintained major, and
// 20, the machine's, which is past its end of life (April 2026) but still what this machine runs.
// Each is pinned to an exact release so that a run can be repeated; package.json's `engines`
// declares exactly these majors (test/tools/runtimes.test.ts). They come from the npm
// registry's `node` package: `npx --package node@X` installs it once into npm's cache (~30 MB,
// ~7 s; its install script fetches the platform's binary, `node-<platform>-<arch>`, from the same
// registry), and later runs reuse it (~1 s). To move a pin, take the major's latest
// (`npm view node versions`), and update the README's Quickstart if the README's major changes.
//
//   node tools/runtimes.js install          `npm ci` on the README's Node; fails on an engine warning
//   node tools/runtimes.js each <cmd> ...   <cmd> on every tested Node, one after the other
//   node tools/runtimes.js synth            the module on every tested Node: the same bytes
//
// A command runs "on" a release with that release's directory first on PATH: `node`, and the
// `npm` script's `#!/usr/bin/env node`, Jest's workers (process.execPath) and every `node` a script
// spawns are that release. npm_config_nodedir points node-gyp at that release's own headers,
// which the `node` package ships: the cdktf CLI's node-pty has prebuilt binaries only up to
// Node 22, so npm compiles it on 24 and later, and this machine's npm config points node-gyp at
// /usr, the headers of its own Node 20, which build a binary that Node 24 refuses to load.
const fs = require("fs");
const os = require("os");
const path = require("path");
const { createHash } = require("crypto");
const { execFileSync, spawnSync } = require("child_process");

const root = path.resolve(__dirname, "..");

/** The releases CI tests on, oldest first: each maintained major's latest when pinned, and the machine's 20. */
const TESTED_NODES = ["20.20.2", "22.23.3", "24.21.0", "26.10.0"];
/**
 * The release the README's Quickstart names (by its major) and CI installs with: 24, supported
 * until April 2028, where 22's support ends in April 2027.
 */
const README_NODE = "24.21.0";
/** The oldest Node.js that cdktn-cli runs on (its engines, and examples/cdktn-app's). */
const CDKTN_CLI_NODE = "22.19.0";
/** The module's stack, as the Quickstart's `npm run synth` writes it. */
const MODULE_STACK = path.join("stacks", "finetune-workflow", "cdk.tf.json");

/**
 * The headers of the Node.js at execPath, for node-gyp: the `node` package's platform package
 * holds them in include/node/, beside its bin/node. undefined when there are none.
 */
function headersDir(execPath, platform = process.platform, arch = process.arch) {
  try {
    const pkg = require.resolve(`node-${platform}-${arch}/package.json`, { paths: [path.dirname(execPath)] });
    const dir = path.dirname(pkg);
    return fs.existsSync(path.join(dir, "include", "node", "node_version.h")) ? dir : undefined;
  } catch (error) {
    if (error.code === "MODULE_NOT_FOUND") return undefined;
    throw error;
  }
}

/**
 * A directory that holds the machine's own `node` alone, to put first on PATH. Its real directory
 * (here /usr/bin) also holds the system's python3, which has no moto or botocore: first on PATH,
 * it would hide the python3 that has them. The `node` package's bin/ holds its node alone.
 */
function ownNodeBin(execPath = process.execPath) {
  const digest = createHash("sha256").update(execPath).digest("hex").slice(0, 12);
  const bin = path.join(os.tmpdir(), `finetune-workflow-node-${digest}`);
  fs.mkdirSync(bin, { recursive: true });
  const link = path.join(bin, "node");
  try {
    fs.symlinkSync(execPath, link);
  } catch (error) {
    // Another run made it first.
    if (error.code !== "EEXIST" || fs.realpathSync(link) !== fs.realpathSync(execPath)) throw error;
  }
  return bin;
}

/**
 * Node.js `version` ("24.21.0"): the directory of its executable and, for node-gyp, its headers.
 * The machine's own Node when it is that release (node-gyp then keeps npm's configuration),
 * otherwise the `node` package of the npm registry, which npx installs on first use.
 */
function nodeRuntime(version) {
  if (process.version === `v${version}`) return { version, bin: ownNodeBin(), nodedir: undefined };
  const out = execFileSync(
    "npx",
    [
      "--yes",
      "--package",
      `node@${version}`,
      "--",
      "node",
      "-p",
      "JSON.stringify([process.version, process.execPath])",
    ],
    { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
  );
  const [actual, execPath] = JSON.parse(out.trim().split("\n").pop());
  if (actual !== `v${version}`) throw new Error(`runtimes: npx gave Node ${actual}, not v${version}`);
  const nodedir = headersDir(execPath);
  if (nodedir === undefined) throw new Error(`runtimes: no headers for node-gyp beside ${execPath}`);
  return { version, bin: path.dirname(execPath), nodedir };
}

/** Whether release `version` ("24.21.0") is at or above `floor`. */
function atLeast(version, floor) {
  const [a, b] = [version, floor].map((v) => v.split(".").map(Number));
  const i = a.findIndex((part, index) => part !== b[index]);
  return i === -1 || a[i] > b[i];
}

/** The environment that runs commands on `runtime`: the machine's own keeps npm's node-gyp configuration. */
function runtimeEnv(runtime, env = process.env) {
  const result = { ...env, PATH: `${runtime.bin}${path.delimiter}${env.PATH ?? ""}` };
  if (runtime.nodedir !== undefined) result.npm_config_nodedir = runtime.nodedir;
  return result;
}

/** The versions CI runs on: the tested ones, and the machine's own first when it is not one of them. */
function ciVersions(machine = process.version) {
  const own = machine.replace(/^v/, "");
  return TESTED_NODES.includes(own) ? TESTED_NODES : [own, ...TESTED_NODES];
}

/** npm's engine warnings in its output, one line each (`npm warn EBADENGINE ...`). */
function engineWarnings(output) {
  return output.split("\n").filter((line) => /\bEBADENGINE\b/.test(line));
}

/**
 * Runs an install command (`npm ci`, or a line of the docs' through `sh -c`) to completion: its
 * result, and what was wrong with it, if anything: a failed exit, or an engine warning npm
 * printed, which a user on that Node.js would see.
 */
function checkedInstall(file, args, { cwd, env }) {
  const result = spawnSync(file, args, { cwd, env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  if (result.status !== 0) return { result, problem: `exited with ${result.status}` };
  const warnings = engineWarnings(`${result.stdout}\n${result.stderr}`);
  return { result, problem: warnings.length > 0 ? `warned about engines:\n${warnings.join("\n")}` : undefined };
}

/**
 * The releases whose output differs from the first one's, given [version, text] pairs in order:
 * empty when every release wrote the same bytes.
 */
function differingOutputs(outputs) {
  const [, first] = outputs[0];
  return outputs.filter(([, text]) => text !== first).map(([version]) => version);
}

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

function timed(label, fn) {
  const start = Date.now();
  const result = fn();
  process.stdout.write(`runtimes: ${label} (${seconds(Date.now() - start)})\n`);
  return result;
}

/** `npm ci` on the README's Node, as the Quickstart says: any engine warning fails it. */
function install() {
  const runtime = timed(`Node ${README_NODE}, the README's`, () => nodeRuntime(README_NODE));
  const { result, problem } = timed(`npm ci on Node ${README_NODE}`, () =>
    checkedInstall("npm", ["ci", "--no-audit", "--no-fund"], { cwd: root, env: runtimeEnv(runtime) }),
  );
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  if (problem !== undefined) {
    process.stderr.write(`runtimes: npm ci on Node ${README_NODE}, the README's, ${problem}\n`);
    return result.status || 1;
  }
  process.stdout.write(`runtimes: npm ci on Node ${README_NODE} printed no engine warning\n`);
  return 0;
}

/** `command` on every tested Node, one after the other; fails if it fails on any. */
function each(command) {
  if (command.length === 0) throw new Error("Usage: node tools/runtimes.js each <command> [args]");
  const failed = [];
  for (const version of ciVersions()) {
    const runtime = nodeRuntime(version);
    process.stdout.write(`\nruntimes: ${command.join(" ")} on Node ${version}\n`);
    const result = timed(`${command.join(" ")} on Node ${version}`, () =>
      spawnSync(command[0], command.slice(1), { cwd: root, env: runtimeEnv(runtime), stdio: "inherit" }),
    );
    if (result.error) throw result.error;
    if (result.status !== 0) failed.push(`${version} (exit ${result.status ?? result.signal})`);
  }
  if (failed.length > 0) {
    process.stderr.write(`runtimes: \`${command.join(" ")}\` failed on Node ${failed.join(", ")}\n`);
    return 1;
  }
  return 0;
}

/**
 * The module, synthesized on every tested Node by the app command that `npm run synth` runs
 * (tools/app.js, in process), and on the README's by the whole Quickstart command, through the
 * cdktf CLI: the same bytes each time. The CLIs themselves run on every Node in the pack smoke
 * test, where each app's native modules are built for the Node at hand; here they are built for
 * the README's, which `npm ci` ran on.
 */
function synth() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "finetune-workflow-runtimes-"));
  try {
    const outputs = [];
    for (const version of ciVersions()) {
      const runtime = nodeRuntime(version);
      const outdir = path.join(tmp, version);
      const env = { ...runtimeEnv(runtime), CDKTF_OUTDIR: outdir };
      timed(`node tools/app.js on Node ${version}`, () =>
        execFileSync("node", [path.join(root, "tools", "app.js")], { cwd: root, env, stdio: "inherit" }),
      );
      outputs.push([version, fs.readFileSync(path.join(outdir, MODULE_STACK), "utf8")]);
      if (version === README_NODE) {
        const quickstart = path.join(tmp, `${version}-quickstart`);
        timed(`npm run synth on Node ${version}, the README's`, () =>
          execFileSync("npm", ["run", "--silent", "synth", "--", "--output", quickstart], {
            cwd: root,
            env: runtimeEnv(runtime),
            stdio: ["ignore", "ignore", "inherit"],
          }),
        );
        outputs.push([`${version} (npm run synth)`, fs.readFileSync(path.join(quickstart, MODULE_STACK), "utf8")]);
      }
    }
    const differing = differingOutputs(outputs);
    if (differing.length > 0) {
      process.stderr.write(
        `runtimes: the module synthesized on Node ${differing.join(", ")} differs from Node ${outputs[0][0]}'s\n`,
      );
      return 1;
    }
    const digest = createHash("sha256").update(outputs[0][1]).digest("hex").slice(0, 12);
    process.stdout.write(
      `runtimes: the module is the same ${outputs[0][1].length} bytes (sha256 ${digest}…) on Node ${outputs.map(([v]) => v).join(", ")}\n`,
    );
    return 0;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

const COMMANDS = { install: () => install(), each: (args) => each(args), synth: () => synth() };

if (require.main === module) {
  const [name, ...args] = process.argv.slice(2);
  try {
    if (!(name in COMMANDS)) throw new Error(`Usage: node tools/runtimes.js ${Object.keys(COMMANDS).join("|")} ...`);
    process.exitCode = COMMANDS[name](args);
  } catch (error) {
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 1;
  }
}

module.exports = {
  CDKTN_CLI_NODE,
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
};

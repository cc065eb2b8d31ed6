#!/usr/bin/env node
// The package as a user gets it, installed the way the examples' READMEs say: `npm pack` (which
// runs `prepare`, the build) once, the tarball into a copy of examples/cdktf-app and of
// examples/cdktn-app, `npm install` in each, then `npx tsc --noEmit` and the core's own CLI,
// `cdktf synth` or `cdktn synth`. The copies live in a temp dir, so the checkout stays clean.
// Each `npm install` fetches that app's own core, constructs and provider from the npm registry,
// at the versions this repository develops against; npm refuses the install if they do not
// satisfy the package's peerDependencies. The script then checks that the package resolves those
// very copies, has none of its own, and that the other core is not installed at all: its peers
// are optional, and two copies of a core, of constructs or of a provider break construct identity
// or cost hundreds of MB.
//
// cdktn-cli needs Node 22.19 or later, and on Node 20 its synth crashes, so `cdktn synth` runs
// under Node NODE_22, which npx installs from the npm registry as the `node` package (its install
// script fetches the platform's binary, another package of that registry).
//
// Run from .ci/run after `npm test`, not from Jest: it takes minutes, mostly `npm install`, and
// the build rewrites dist/, which other tests read. Exit code 1 on any failure. `--keep` keeps
// the temp dir.
const fs = require("fs");
const os = require("os");
const path = require("path");
const { builtinModules } = require("module");
const { execFileSync } = require("child_process");

const root = path.resolve(__dirname, "..");
const APP_STACK = "finetune-prod";
/** The Node.js that runs cdktn-cli: a 22.x at or above the 22.19 it requires. */
const NODE_22 = "22.23.3";
const CLI_ENV = { ...process.env, CHECKPOINT_DISABLE: "1" };
/**
 * Where the stack of examples/cdktn-app may differ from that of examples/cdktf-app, which it is
 * after the move to cdktn. Every Terraform address and the backend are the same; what differs:
 */
const MIGRATION_DIFFERENCES = [
  // the cdktf app's override for the S3 lock file, an option of cdktn's S3Backend;
  "//.metadata.overrides",
  // the core's version;
  "//.metadata.version",
  // the tag the example changes;
  "provider.aws.0.default_tags.0.tags.ManagedBy",
  // "aws" and "hashicorp/aws", the same provider to Terraform;
  "terraform.required_providers.aws.source",
  // the hashicorp/aws release each provider package was generated from.
  "terraform.required_providers.aws.version",
];
/** Each example: the import it takes and the build behind it, the packages of its core, the other core's, and how its CLI synthesizes. */
const EXAMPLES = [
  {
    name: "cdktf-app",
    core: "cdktf",
    entry: "",
    build: "dist/src",
    peers: ["cdktf", "@cdktf/provider-aws", "constructs"],
    absent: ["cdktn", "@cdktn/provider-aws"],
    synth: ["npx", ["cdktf", "synth"]],
  },
  {
    name: "cdktn-app",
    core: "cdktn",
    entry: "/cdktn",
    build: "dist/cdktn",
    peers: ["cdktn", "@cdktn/provider-aws", "constructs"],
    absent: ["cdktf", "@cdktf/provider-aws"],
    synth: ["npx", ["--yes", "--package", `node@${NODE_22}`, "--", "cdktn", "synth"]],
  },
];
/** What the example's folder holds besides what a user's install and synth create. */
const EXAMPLE_LEFT_OUT = new Set(["node_modules", "cdktf.out", "package-lock.json", "README.md"]);
/** The public API, as src/index.ts exports it at run time. */
const PUBLIC_EXPORTS = ["Duration", "FinetuneWorkflow", "FinetuneWorkflowModule", "InvalidPropsError"];

function step(label, fn) {
  const start = Date.now();
  const result = fn();
  process.stdout.write(`pack-smoke: ${label} (${((Date.now() - start) / 1000).toFixed(1)} s)\n`);
  return result;
}

function fail(message) {
  throw new Error(`pack-smoke: ${message}`);
}

function run(command, args, options = {}) {
  return execFileSync(command, args, { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], ...options });
}

const readJson = (file) => JSON.parse(fs.readFileSync(file, "utf8"));

/** `npm pack --json` into dir; returns npm's description of the tarball. */
function pack(dir) {
  const out = run("npm", ["pack", "--json", "--pack-destination", dir], { cwd: root });
  // `prepare` may print to stdout before the JSON, which starts on a line of its own.
  const [info] = JSON.parse(out.slice(out.search(/^\[/m)));
  return info;
}

/**
 * The tarball holds both builds' JavaScript and .d.ts files, the README, changelog and licence; no
 * tests, no snapshots. Each file the exports map and typesVersions name is in it, and the two
 * builds hold the same files.
 */
function checkContents(info, pkg) {
  const files = info.files.map((f) => f.path);
  const allowed = (f) =>
    ["package.json", "README.md", "CHANGELOG.md", "LICENSE"].includes(f) ||
    (/^dist\/(src|cdktn)\//.test(f) && /\.(js|d\.ts)$/.test(f));
  const unexpected = files.filter(
    (f) => !allowed(f) || /(^|\/)(test|__snapshots__)\//.test(f) || /\.(test|spec)\./.test(f),
  );
  if (unexpected.length > 0) fail(`unexpected files in the tarball: ${unexpected.join(", ")}`);
  const named = [
    ...Object.values(pkg.exports).flatMap((target) => (typeof target === "string" ? [target] : Object.values(target))),
    ...Object.values(pkg.typesVersions["*"]).flat(),
  ].map((entry) => entry.replace(/^\.\//, ""));
  for (const entry of [pkg.main, pkg.types, ...named, "CHANGELOG.md"]) {
    if (!files.includes(entry)) fail(`${entry} is not in the tarball`);
  }
  const build = (dir) =>
    files
      .filter((f) => f.startsWith(dir))
      .map((f) => f.slice(dir.length))
      .sort();
  if (JSON.stringify(build("dist/cdktn/")) !== JSON.stringify(build("dist/src/")))
    fail("dist/cdktn/ and dist/src/ do not hold the same files");
  const missingTypes = files.filter((f) => f.endsWith(".js") && !files.includes(f.replace(/\.js$/, ".d.ts")));
  if (missingTypes.length > 0) fail(`no .d.ts for ${missingTypes.join(", ")}`);
  return files;
}

/** Every bare `require("x")` in the packed JavaScript names a declared dependency, a peer or a Node built-in. */
function checkDeclaredDependencies(packageDir, files, pkg) {
  const declared = new Set([...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})]);
  const undeclared = new Set();
  for (const file of files.filter((f) => f.endsWith(".js"))) {
    const source = fs.readFileSync(path.join(packageDir, file), "utf8");
    for (const [, specifier] of source.matchAll(/require\("([^"]+)"\)/g)) {
      if (specifier.startsWith(".")) continue;
      const name = specifier
        .split("/")
        .slice(0, specifier.startsWith("@") ? 2 : 1)
        .join("/");
      if (!declared.has(name) && !builtinModules.includes(name.replace(/^node:/, "")))
        undeclared.add(`${name} (${file})`);
    }
  }
  if (undeclared.size > 0)
    fail(`required but declared neither as a dependency nor as a peer: ${[...undeclared].join(", ")}`);
}

/**
 * The example installs the tarball `npm pack` names, and each peer of its core at the exact
 * version this repository develops and tests against, so the smoke test proves the versions we
 * ship with; it names nothing of the other core.
 */
function checkExampleManifest(example, info, pkg, { name, peers, absent }) {
  const expected = { [pkg.name]: `file:${info.filename}` };
  for (const peer of peers) expected[peer] = pkg.devDependencies[peer];
  const wrong = Object.entries(expected).filter(([dependency, spec]) => example.dependencies?.[dependency] !== spec);
  if (wrong.length > 0) {
    fail(`examples/${name}/package.json must depend on ${wrong.map(([dep, spec]) => `${dep}@${spec}`).join(", ")}`);
  }
  const other = absent.filter((dependency) => dependency in { ...example.dependencies, ...example.devDependencies });
  if (other.length > 0) fail(`examples/${name}/package.json must not depend on ${other.join(", ")}`);
}

/**
 * The package loads the app's own copy of each peer of the app's core, at the pinned version,
 * ships none of its own, and finds no copy of the other core's packages: npm installed none.
 */
function checkSingleCopies(app, pkg, { peers, absent }) {
  const packageDir = path.join(app, "node_modules", pkg.name);
  const resolves = (peer) => {
    try {
      return require.resolve(`${peer}/package.json`, { paths: [packageDir] });
    } catch (error) {
      if (error.code === "MODULE_NOT_FOUND") return undefined;
      throw error;
    }
  };
  const installed = absent.filter((peer) => resolves(peer) !== undefined);
  if (installed.length > 0) fail(`${pkg.name} finds ${installed.join(", ")}, of the other core, in the app`);
  for (const peer of peers) {
    const resolved = require.resolve(`${peer}/package.json`, { paths: [packageDir] });
    const own = path.join(app, "node_modules", peer, "package.json");
    if (resolved !== own) fail(`${pkg.name} resolves ${peer} to ${resolved}, not the app's ${own}`);
    const version = readJson(resolved).version;
    if (version !== pkg.devDependencies[peer])
      fail(`the app has ${peer} ${version}, expected ${pkg.devDependencies[peer]}`);
  }
  if (fs.existsSync(path.join(packageDir, "node_modules")))
    fail(`npm installed packages under node_modules/${pkg.name}/node_modules`);
}

/**
 * Only src/index.ts's exports load, from the example's entry point, built on the example's core
 * (the module stack extends that core's TerraformStack); internals are behind the exports map.
 */
function checkPublicApi(app, pkg, { core, entry, build }) {
  const script = [
    `const api = require(${JSON.stringify(pkg.name + entry)});`,
    'const core = Object.getPrototypeOf(api.FinetuneWorkflowModule)[Symbol.for("jsii.rtti")].fqn.split(".")[0];',
    "let internal;",
    `try { require(${JSON.stringify(`${pkg.name}/${build}/naming`)}); internal = "loaded"; } catch (e) { internal = e.code; }`,
    "console.log(JSON.stringify({ exports: Object.keys(api).sort(), core, internal }));",
  ].join("\n");
  const loaded = JSON.parse(run(process.execPath, ["-e", script], { cwd: app }));
  if (JSON.stringify(loaded.exports) !== JSON.stringify(PUBLIC_EXPORTS))
    fail(`${pkg.name}${entry} exports ${loaded.exports.join(", ")}; expected ${PUBLIC_EXPORTS.join(", ")}`);
  if (loaded.core !== core) fail(`${pkg.name}${entry} is built on ${loaded.core}, not ${core}`);
  if (loaded.internal !== "ERR_PACKAGE_PATH_NOT_EXPORTED")
    fail(`a deep import of ${build}/naming gave ${loaded.internal}, not ERR_PACKAGE_PATH_NOT_EXPORTED`);
}

/** The paths, dot-separated, at which two JSON values differ. */
function differences(a, b, at = []) {
  const isObject = (value) => typeof value === "object" && value !== null;
  if (!isObject(a) || !isObject(b) || Array.isArray(a) !== Array.isArray(b)) return a === b ? [] : [at.join(".")];
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return keys.flatMap((key) => differences(a[key], b[key], [...at, key]));
}

/** The stack holds the provider, backend, workflow and outputs, and the app's core wrote it. */
function checkSynthesized(app, pkg, { core }) {
  const synthesized = readJson(path.join(app, "cdktf.out", "stacks", APP_STACK, "cdk.tf.json"));
  const version = synthesized["//"]?.metadata?.version;
  if (version !== pkg.devDependencies[core])
    fail(`the stack was synthesized by version ${version}, not ${core} ${pkg.devDependencies[core]}`);
  const expectations = {
    "provider.aws": synthesized.provider?.aws?.[0]?.region,
    "terraform.backend.s3": synthesized.terraform?.backend?.s3?.bucket,
    "resource.aws_sfn_state_machine.finetune": synthesized.resource?.aws_sfn_state_machine?.finetune,
    "output.state_machine_arn": synthesized.output?.state_machine_arn?.value,
  };
  const missing = Object.entries(expectations).filter(([, value]) => value === undefined);
  if (missing.length > 0) fail(`the synthesized app lacks ${missing.map(([key]) => key).join(", ")}`);
  return synthesized;
}

/** One example, copied into tmp with the tarball, installed from the registry, type-checked and synthesized. */
function buildExample(tmp, tarball, info, pkg, example) {
  const app = path.join(tmp, example.name);
  fs.cpSync(path.join(root, "examples", example.name), app, {
    recursive: true,
    filter: (source) => !EXAMPLE_LEFT_OUT.has(path.basename(source)) && !source.endsWith(".tgz"),
  });
  // As the example's README says: the tarball in the example's folder, then install there.
  fs.copyFileSync(tarball, path.join(app, info.filename));
  const label = (what) => `${example.name}: ${what}`;
  step(label("package.json"), () => checkExampleManifest(readJson(path.join(app, "package.json")), info, pkg, example));
  step(label("npm install, from the registry"), () => run("npm", ["install", "--no-audit", "--no-fund"], { cwd: app }));
  step(label(`one copy of each ${example.core} peer, the app's, and nothing of the other core`), () =>
    checkSingleCopies(app, pkg, example),
  );
  step(label(`public API of ${pkg.name}${example.entry}`), () => checkPublicApi(app, pkg, example));
  const tsVersion = readJson(path.join(app, "node_modules", "typescript", "package.json")).version;
  step(label(`npx tsc --noEmit (TypeScript ${tsVersion}) against the packed types`), () =>
    run("npx", ["tsc", "--noEmit"], { cwd: app }),
  );
  // `cdktf init`'s tsconfig sets no moduleResolution: TypeScript then ignores the exports map and
  // finds the subpath's types through typesVersions.
  step(label("npx tsc --noEmit, with the node10 module resolution"), () =>
    run("npx", ["tsc", "--noEmit", "--module", "commonjs", "--moduleResolution", "node10"], { cwd: app }),
  );
  const [command, args] = example.synth;
  step(label(`${command} ${args.join(" ")}`), () => run(command, args, { cwd: app, env: CLI_ENV }));
  return step(label("synthesized stack"), () => checkSynthesized(app, pkg, example));
}

function main(argv) {
  const started = Date.now();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "finetune-workflow-pack-"));
  try {
    const pkg = readJson(path.join(root, "package.json"));
    const info = step("npm pack (runs prepare: both builds)", () => pack(tmp));
    const tarball = path.join(tmp, info.filename);
    const packageDir = path.join(tmp, "unpacked");
    fs.mkdirSync(packageDir);
    run("tar", ["-xzf", tarball, "-C", packageDir, "--strip-components=1"]);
    const files = step("tarball contents", () => checkContents(info, pkg));
    step("declared dependencies and peers", () => checkDeclaredDependencies(packageDir, files, pkg));
    step(`Node ${NODE_22}, for cdktn-cli, from the registry`, () => {
      const version = run("npx", ["--yes", "--package", `node@${NODE_22}`, "--", "node", "--version"]).trim();
      if (version !== `v${NODE_22}`) fail(`npx gave Node ${version}, not v${NODE_22}`);
    });
    const [cdktfStack, cdktnStack] = EXAMPLES.map((example) => buildExample(tmp, tarball, info, pkg, example));
    step("the two apps' stacks differ only where the move to cdktn changes them", () => {
      const found = differences(cdktfStack, cdktnStack);
      if (JSON.stringify(found) !== JSON.stringify(MIGRATION_DIFFERENCES))
        fail(`the stacks differ at ${found.join(", ")}; expected ${MIGRATION_DIFFERENCES.join(", ")}`);
    });

    process.stdout.write(
      `pack-smoke: ${info.filename} (${files.length} files) OK in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
    );
  } finally {
    if (argv.includes("--keep")) process.stdout.write(`pack-smoke: kept ${tmp}\n`);
    else fs.rmSync(tmp, { recursive: true, force: true });
  }
}

try {
  main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}

#!/usr/bin/env node
// The package as a user gets it: `npm pack` (which runs `prepare`, i.e. the build), then a
// scratch CDKTF app in a temp directory that installs the tarball, type-checks
// examples/cdktf-app/main.ts against the packed .d.ts files, and synthesizes it.
//
// Installing is done the way npm installs a tarball, by unpacking it into
// node_modules/finetune-workflow; its dependencies (cdktf, constructs, @cdktf/provider-aws,
// pinned to exact versions) are symlinked from this repository's node_modules rather than
// installed again, which would copy hundreds of MB of provider bindings for no extra
// assurance. What that skips, npm checking the declared dependencies, is checked here
// instead: every package the packed JavaScript requires must be declared in its package.json.
//
// Run from .ci/run after `npm test`, not from Jest: the build alone takes ~10 s and rewrites
// dist/, which other tests read. Exit code 1 on any failure. `--keep` keeps the temp dir.
const fs = require("fs");
const os = require("os");
const path = require("path");
const { builtinModules } = require("module");
const { execFileSync } = require("child_process");

const root = path.resolve(__dirname, "..");
const EXAMPLE = path.join(root, "examples", "cdktf-app");
const APP_STACK = "finetune-prod";
/** Only for type-checking the app: main.ts uses `require.main`. */
const APP_DEV_DEPENDENCIES = ["@types/node"];

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

/** `npm pack --json` into dir; returns npm's description of the tarball. */
function pack(dir) {
  const out = run("npm", ["pack", "--json", "--pack-destination", dir], { cwd: root });
  // `prepare` may print to stdout before the JSON, which starts on a line of its own.
  const [info] = JSON.parse(out.slice(out.search(/^\[/m)));
  return info;
}

/** The tarball holds the built JavaScript and its .d.ts files, the README and the licence; no tests, no snapshots. */
function checkContents(info, pkg) {
  const files = info.files.map((f) => f.path);
  const allowed = (f) =>
    ["package.json", "README.md", "LICENSE"].includes(f) || (f.startsWith("dist/src/") && /\.(js|d\.ts)$/.test(f));
  const unexpected = files.filter((f) => !allowed(f) || /(^|\/)(test|__snapshots__)\//.test(f) || /\.(test|spec)\./.test(f));
  if (unexpected.length > 0) fail(`unexpected files in the tarball: ${unexpected.join(", ")}`);
  for (const entry of [pkg.main, pkg.types]) {
    if (!files.includes(entry)) fail(`package.json points at ${entry}, which is not in the tarball`);
  }
  const missingTypes = files.filter((f) => f.endsWith(".js") && !files.includes(f.replace(/\.js$/, ".d.ts")));
  if (missingTypes.length > 0) fail(`no .d.ts for ${missingTypes.join(", ")}`);
  return files;
}

/** Every bare `require("x")` in the packed JavaScript names a declared dependency or a Node built-in. */
function checkDeclaredDependencies(packageDir, files, pkg) {
  const declared = new Set(Object.keys(pkg.dependencies ?? {}));
  const undeclared = new Set();
  for (const file of files.filter((f) => f.endsWith(".js"))) {
    const source = fs.readFileSync(path.join(packageDir, file), "utf8");
    for (const [, specifier] of source.matchAll(/require\("([^"]+)"\)/g)) {
      if (specifier.startsWith(".")) continue;
      const name = specifier.split("/").slice(0, specifier.startsWith("@") ? 2 : 1).join("/");
      if (!declared.has(name) && !builtinModules.includes(name.replace(/^node:/, ""))) undeclared.add(`${name} (${file})`);
    }
  }
  if (undeclared.size > 0) fail(`required but not in dependencies: ${[...undeclared].join(", ")}`);
}

/** Links a package from this repository's node_modules, after checking it is the pinned version. */
function linkFromRepo(appModules, name, version) {
  const source = path.join(root, "node_modules", name);
  const installed = JSON.parse(fs.readFileSync(path.join(source, "package.json"), "utf8")).version;
  if (version !== undefined && installed !== version) fail(`${name}: the package pins ${version}, the repository has ${installed}`);
  fs.mkdirSync(path.dirname(path.join(appModules, name)), { recursive: true });
  fs.symlinkSync(source, path.join(appModules, name), "dir");
}

function main(argv) {
  const started = Date.now();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "finetune-workflow-pack-"));
  try {
    const info = step("npm pack (runs prepare: the build)", () => pack(tmp));
    const tarball = path.join(tmp, info.filename);

    // The scratch app: the tarball unpacked where npm would put it, its dependencies linked.
    const app = path.join(tmp, "app");
    const packageDir = path.join(app, "node_modules", info.name);
    fs.mkdirSync(packageDir, { recursive: true });
    run("tar", ["-xzf", tarball, "-C", packageDir, "--strip-components=1"]);
    const pkg = JSON.parse(fs.readFileSync(path.join(packageDir, "package.json"), "utf8"));
    const files = step("tarball contents", () => checkContents(info, pkg));
    step("declared dependencies", () => checkDeclaredDependencies(packageDir, files, pkg));
    for (const [name, version] of Object.entries(pkg.dependencies ?? {})) linkFromRepo(path.join(app, "node_modules"), name, version);
    for (const name of APP_DEV_DEPENDENCIES) linkFromRepo(path.join(app, "node_modules"), name);
    fs.copyFileSync(path.join(EXAMPLE, "main.ts"), path.join(app, "main.ts"));
    fs.copyFileSync(path.join(EXAMPLE, "tsconfig.json"), path.join(app, "tsconfig.json"));

    // Type-check against the packed .d.ts and compile; then synthesize as `cdktf synth` would.
    step("tsc on examples/cdktf-app/main.ts against the packed types", () =>
      run(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", path.join(app, "tsconfig.json")], { cwd: app }),
    );
    const outdir = path.join(app, "cdktf.out");
    step("synth", () => run(process.execPath, ["main.js"], { cwd: app, env: { ...process.env, CDKTF_OUTDIR: outdir } }));

    const synthesized = JSON.parse(fs.readFileSync(path.join(outdir, "stacks", APP_STACK, "cdk.tf.json"), "utf8"));
    const expectations = {
      "provider.aws": synthesized.provider?.aws?.[0]?.region,
      "terraform.backend.s3": synthesized.terraform?.backend?.s3?.bucket,
      "resource.aws_sfn_state_machine.finetune": synthesized.resource?.aws_sfn_state_machine?.finetune,
      "output.state_machine_arn": synthesized.output?.state_machine_arn?.value,
    };
    const missing = Object.entries(expectations).filter(([, value]) => value === undefined);
    if (missing.length > 0) fail(`the synthesized app lacks ${missing.map(([key]) => key).join(", ")}`);

    process.stdout.write(`pack-smoke: ${info.filename} (${files.length} files) OK in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
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

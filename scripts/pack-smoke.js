#!/usr/bin/env node
// The package as a user gets it, installed the way examples/cdktf-app/README.md says: `npm pack`
// (which runs `prepare`, the build) into a copy of the example, `npm install` there, then
// `npx tsc --noEmit` and `npx cdktf synth`. The copy lives in a temp dir, so the checkout stays
// clean. Its `npm install` fetches the app's own cdktf, constructs and @cdktf/provider-aws from
// the npm registry, at the versions this repository develops against; npm refuses the install if
// they do not satisfy the package's peerDependencies. The script then checks that the package
// resolves those very copies and has none of its own, since two copies of cdktf or constructs
// break construct identity.
//
// Run from .ci/run after `npm test`, not from Jest: it takes a minute, mostly `npm install`, and
// the build rewrites dist/, which other tests read. Exit code 1 on any failure. `--keep` keeps
// the temp dir.
const fs = require("fs");
const os = require("os");
const path = require("path");
const { builtinModules } = require("module");
const { execFileSync } = require("child_process");

const root = path.resolve(__dirname, "..");
const EXAMPLE = path.join(root, "examples", "cdktf-app");
const APP_STACK = "finetune-prod";
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
 * The example installs the tarball `npm pack` names, and each peer at the exact version this
 * repository develops and tests against, so the smoke test proves the versions we ship with.
 */
function checkExampleManifest(example, info, pkg) {
  const expected = { [pkg.name]: `file:${info.filename}` };
  for (const peer of Object.keys(pkg.peerDependencies)) expected[peer] = pkg.devDependencies[peer];
  const wrong = Object.entries(expected).filter(([name, spec]) => example.dependencies?.[name] !== spec);
  if (wrong.length > 0) {
    fail(`examples/cdktf-app/package.json must depend on ${wrong.map(([name, spec]) => `${name}@${spec}`).join(", ")}`);
  }
}

/** The package loads the app's own copy of each peer, at the pinned version, and ships none of its own. */
function checkSingleCopies(app, pkg) {
  const packageDir = path.join(app, "node_modules", pkg.name);
  for (const peer of Object.keys(pkg.peerDependencies)) {
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

/** Only src/index.ts's exports load; internals are behind the exports map. */
function checkPublicApi(app, pkg) {
  const script = [
    `const api = require(${JSON.stringify(pkg.name)});`,
    "let internal;",
    `try { require(${JSON.stringify(`${pkg.name}/dist/src/naming`)}); internal = "loaded"; } catch (e) { internal = e.code; }`,
    "console.log(JSON.stringify({ exports: Object.keys(api).sort(), internal }));",
  ].join("\n");
  const { exports, internal } = JSON.parse(run(process.execPath, ["-e", script], { cwd: app }));
  if (JSON.stringify(exports) !== JSON.stringify(PUBLIC_EXPORTS))
    fail(`the package exports ${exports.join(", ")}; expected ${PUBLIC_EXPORTS.join(", ")}`);
  if (internal !== "ERR_PACKAGE_PATH_NOT_EXPORTED")
    fail(`a deep import of dist/src/naming gave ${internal}, not ERR_PACKAGE_PATH_NOT_EXPORTED`);
}

function checkSynthesized(app) {
  const synthesized = readJson(path.join(app, "cdktf.out", "stacks", APP_STACK, "cdk.tf.json"));
  const expectations = {
    "provider.aws": synthesized.provider?.aws?.[0]?.region,
    "terraform.backend.s3": synthesized.terraform?.backend?.s3?.bucket,
    "resource.aws_sfn_state_machine.finetune": synthesized.resource?.aws_sfn_state_machine?.finetune,
    "output.state_machine_arn": synthesized.output?.state_machine_arn?.value,
  };
  const missing = Object.entries(expectations).filter(([, value]) => value === undefined);
  if (missing.length > 0) fail(`the synthesized app lacks ${missing.map(([key]) => key).join(", ")}`);
}

function main(argv) {
  const started = Date.now();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "finetune-workflow-pack-"));
  try {
    const pkg = readJson(path.join(root, "package.json"));
    const app = path.join(tmp, "cdktf-app");
    fs.cpSync(EXAMPLE, app, {
      recursive: true,
      filter: (source) => !EXAMPLE_LEFT_OUT.has(path.basename(source)) && !source.endsWith(".tgz"),
    });

    // As the example's README says: pack into the example's folder, then install there.
    const info = step("npm pack (runs prepare: the build)", () => pack(app));
    step("examples/cdktf-app/package.json", () =>
      checkExampleManifest(readJson(path.join(app, "package.json")), info, pkg),
    );
    const packageDir = path.join(tmp, "unpacked");
    fs.mkdirSync(packageDir);
    run("tar", ["-xzf", path.join(app, info.filename), "-C", packageDir, "--strip-components=1"]);
    const files = step("tarball contents", () => checkContents(info, pkg));
    step("declared dependencies and peers", () => checkDeclaredDependencies(packageDir, files, pkg));

    step("npm install, from the registry", () => run("npm", ["install", "--no-audit", "--no-fund"], { cwd: app }));
    step("one copy of each peer, the app's", () => checkSingleCopies(app, pkg));
    step("public API", () => checkPublicApi(app, pkg));
    const tsVersion = readJson(path.join(app, "node_modules", "typescript", "package.json")).version;
    step(`npx tsc --noEmit (TypeScript ${tsVersion}) against the packed types`, () =>
      run("npx", ["tsc", "--noEmit"], { cwd: app }),
    );
    step("npx cdktf synth", () =>
      run("npx", ["cdktf", "synth"], { cwd: app, env: { ...process.env, CHECKPOINT_DISABLE: "1" } }),
    );
    step("synthesized stack", () => checkSynthesized(app));

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

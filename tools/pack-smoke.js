#!/usr/bin/env node
// The package as a user gets it, in the app docs/usage.md's "Installing" sets up, with what npm
// picks today: `npm pack` (which runs `prepare`, the build) once, then for examples/cdktf-app and
// examples/cdktn-app, a folder holding the example's main.ts, tsconfig.json and cdktf.json and the
// tarball, where the docs' install commands for that core run as they are written, on the
// README's Node. Each then type-checks against the packed types with the TypeScript the docs
// installed (npm's latest) and with this repository's own 5.x, and synthesizes with its core's
// CLI (`cdktf synth`, `cdktn synth`) on every Node.js that CI tests (tools/runtimes.js), which
// must all write the same stack, byte for byte. The folders live in a temp dir, so the checkout
// stays clean.
//
// What npm picks must be what the examples pin, up to the patch or minor a caret range allows:
// a new major (TypeScript 8, say) fails here until an example, which pins exact versions, has
// been moved to it and this test shows that it works. npm refuses the install if the peers do
// not satisfy the package's peerDependencies, and an engine warning fails it here. The script
// then checks that the package resolves the app's own copy of each peer, has none of its own,
// and that the other core is not installed at all: its peers are optional, and two copies of a
// core, of constructs or of a provider break construct identity or cost hundreds of MB.
//
// The apps are installed once, on the README's Node, as its users would. Before synthesizing on
// another Node, `npm rebuild` builds the native modules for it, as an install on that Node
// would: cdktf-cli's node-pty ships binaries for Node 22 and older only, so on 24 and 26 npm
// compiles it (tools/runtimes.js). cdktn-cli needs Node 22.19 or later, and on Node 20 its
// synth crashes, so `cdktn synth` runs on the tested releases from 22 on.
//
// Run from .ci/run after `npm test`, not from Jest: it takes minutes, mostly `npm install`, and
// the build rewrites dist/, which other tests read. Exit code 1 on any failure. `--keep` keeps
// the temp dir.
const fs = require("fs");
const os = require("os");
const path = require("path");
const { builtinModules } = require("module");
const { execFileSync } = require("child_process");
const {
  CDKTN_CLI_NODE,
  README_NODE,
  TESTED_NODES,
  atLeast,
  checkedInstall,
  differingOutputs,
  nodeRuntime,
  runtimeEnv,
} = require("./runtimes");
// The CLIs run as `npm run synth` runs cdktf's: with no Checkpoint call, and without a
// TF_CLI_CONFIG_FILE that names no file, which each of their Terraform runs would warn about.
const { synthEnv } = require("./synth");
const { sectionBlocks } = require("./markdown");

const root = path.resolve(__dirname, "..");
const APP_STACK = "finetune-prod";
/** Where the apps' install commands are, in docs/usage.md. */
const DOCS = path.join("docs", "usage.md");
const INSTALLING = "### Installing";
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
/** Each example: the import it takes and the build behind it, the packages of its core, the other core's, its CLI and the Nodes it runs on. */
const EXAMPLES = [
  {
    name: "cdktf-app",
    core: "cdktf",
    entry: "",
    build: "dist/src",
    peers: ["cdktf", "@cdktf/provider-aws", "constructs"],
    absent: ["cdktn", "@cdktn/provider-aws"],
    cli: "cdktf-cli",
    nodes: TESTED_NODES,
  },
  {
    name: "cdktn-app",
    core: "cdktn",
    entry: "/cdktn",
    build: "dist/cdktn",
    peers: ["cdktn", "@cdktn/provider-aws", "constructs"],
    absent: ["cdktf", "@cdktf/provider-aws"],
    cli: "cdktn-cli",
    nodes: TESTED_NODES.filter((version) => atLeast(version, CDKTN_CLI_NODE)),
  },
];
/** What the example's folder holds besides the app's sources: what a user's install and synth create, and the docs. */
const EXAMPLE_LEFT_OUT = new Set([
  "node_modules",
  "cdktf.out",
  "dist",
  "package.json",
  "package-lock.json",
  "README.md",
]);
/**
 * The compiler options of `cdktf init`'s and `cdktn init`'s tsconfig.json that decide how the
 * package's types are found: CommonJS with no moduleResolution, which TypeScript 5 takes as
 * node10 (it ignores the exports map and finds the subpath's types through typesVersions) and
 * TypeScript 7 as bundler. TypeScript 7 also loads no @types package that `types` does not name,
 * so the template needs `"types": ["node"]` there, as the examples have.
 */
const INIT_TSCONFIG = {
  compilerOptions: { module: "CommonJS", target: "ES2018", strict: true, skipLibCheck: true, types: ["node"] },
  include: ["main.ts"],
};
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
 * The ```sh blocks of the "Installing" section of docs/usage.md, each as its commands, with the
 * comments and blank lines left out.
 */
function installBlocks(markdown) {
  const blocks = sectionBlocks(markdown, INSTALLING, "sh");
  if (blocks === undefined) fail(`${DOCS} has no "${INSTALLING}" section`);
  return blocks.map((body) =>
    body
      .split("\n")
      .map((line) => line.replace(/(^|\s)#.*$/, "").trim())
      .filter((line) => line !== ""),
  );
}

/**
 * What the `npm install` commands among `commands` install: the tarballs, and each other package
 * by name, as a dependency or a dev dependency, with the version it asks for ("" for npm's latest).
 * Only plain `npm init` and `npm install` commands may appear, with no shell operators, since
 * the commands are run as they are written.
 */
function parseInstall(commands) {
  const installed = { tarballs: [], dependencies: {}, devDependencies: {} };
  for (const command of commands) {
    const [npm, verb, ...args] = command.split(/\s+/);
    if (npm !== "npm" || !["init", "install"].includes(verb) || /[;&|`$<>(){}\\]/.test(command))
      fail(`${DOCS}: "${command}" is not a plain npm init or npm install command`);
    if (verb !== "install") continue;
    const group = args.some((arg) => arg === "--save-dev" || arg === "-D") ? "devDependencies" : "dependencies";
    for (const arg of args.filter((a) => !a.startsWith("-"))) {
      if (arg.endsWith(".tgz")) {
        installed.tarballs.push(arg);
        continue;
      }
      const at = arg.lastIndexOf("@");
      const [name, version] = at > 0 ? [arg.slice(0, at), arg.slice(at + 1)] : [arg, ""];
      installed[group][name] = version;
    }
  }
  return installed;
}

/** The docs' commands for an app of the example's core: the one block that installs its CLI. */
function commandsFor(blocks, { cli }) {
  const found = blocks.filter((commands) => cli in parseInstall(commands).devDependencies);
  if (found.length !== 1) fail(`${DOCS}'s "${INSTALLING}" has ${found.length} blocks that install ${cli}, not one`);
  return found[0];
}

/** Whether `version` is one that `wanted`, as the docs write it after the `@` (a major, a minor, a release, or "" for the latest), asks for. */
function withinWanted(version, wanted) {
  return wanted === "" || version === wanted || version.startsWith(`${wanted}.`);
}

/** Whether a caret range on `pinned` admits `version`: the same major, or the same minor below 1.0, and no older. */
function caretAdmits(pinned, version) {
  const [v, p] = [version, pinned].map((release) => release.split(".").map(Number));
  const sameLine = p[0] > 0 ? v[0] === p[0] : v[0] === 0 && v[1] === p[1];
  return sameLine && atLeast(version, pinned);
}

/**
 * The docs' commands, run in the app as they are written, on `env`'s Node: they must install the
 * tarball `npm pack` wrote, and npm must print no engine warning.
 */
function runInstall(app, commands, info, env) {
  for (const command of commands) {
    const wrong = parseInstall([command]).tarballs.filter((tarball) => path.basename(tarball) !== info.filename);
    if (wrong.length > 0) fail(`${DOCS} installs ${wrong.join(", ")}, but npm pack wrote ${info.filename}`);
    const { result, problem } = checkedInstall("sh", ["-c", command], { cwd: app, env });
    if (problem !== undefined) fail(`\`${command}\` ${problem}\n${result.stdout}${result.stderr}`);
  }
}

/**
 * The app the docs' commands made has the packages examples/<name>/package.json pins, in the same
 * groups, and the tarball; npm picked, for each, a version that a caret range on the pin admits.
 * Returns what it picked.
 */
function checkPicked(app, info, pkg, { name }) {
  const pinned = readJson(path.join(root, "examples", name, "package.json"));
  const made = readJson(path.join(app, "package.json"));
  for (const group of ["dependencies", "devDependencies"]) {
    const names = (manifest) =>
      Object.keys(manifest[group] ?? {})
        .sort()
        .join(", ");
    if (names(made) !== names(pinned))
      fail(
        `the docs' commands install the ${group} ${names(made)}; examples/${name}/package.json has ${names(pinned)}`,
      );
  }
  if (made.dependencies[pkg.name] !== `file:${info.filename}`)
    fail(`the app depends on ${pkg.name}@${made.dependencies[pkg.name]}, not file:${info.filename}`);
  const picked = {};
  const moved = [];
  for (const [dependency, pin] of Object.entries({ ...pinned.dependencies, ...pinned.devDependencies })) {
    if (dependency === pkg.name) continue;
    picked[dependency] = readJson(path.join(app, "node_modules", dependency, "package.json")).version;
    if (!caretAdmits(pin, picked[dependency])) moved.push(`${dependency} ${picked[dependency]} (it pins ${pin})`);
  }
  if (moved.length > 0)
    fail(
      `npm now picks what examples/${name}/package.json does not pin: ${moved.join(", ")}. Move the example there once it works.`,
    );
  return picked;
}

/**
 * The package loads the app's own copy of each peer of the app's core, ships none of its own, and
 * finds no copy of the other core's packages: npm installed none.
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
    const resolved = resolves(peer);
    const own = path.join(app, "node_modules", peer, "package.json");
    if (resolved !== own) fail(`${pkg.name} resolves ${peer} to ${resolved}, not the app's ${own}`);
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

/** The stack holds the provider, backend, workflow and outputs, and the app's own core wrote it. */
function checkSynthesized(synthesized, { core }, picked) {
  const version = synthesized["//"]?.metadata?.version;
  if (version !== picked[core])
    fail(`the stack was synthesized by version ${version}, not the app's ${core} ${picked[core]}`);
  const expectations = {
    "provider.aws": synthesized.provider?.aws?.[0]?.region,
    "terraform.backend.s3": synthesized.terraform?.backend?.s3?.bucket,
    // The workflow's id, "finetune", scopes its addresses (docs/usage.md, Addresses).
    "resource.aws_sfn_state_machine.finetune_state_machine_922A20ED":
      synthesized.resource?.aws_sfn_state_machine?.finetune_state_machine_922A20ED,
    "output.state_machine_arn": synthesized.output?.state_machine_arn?.value,
  };
  const missing = Object.entries(expectations).filter(([, value]) => value === undefined);
  if (missing.length > 0) fail(`the synthesized app lacks ${missing.map(([key]) => key).join(", ")}`);
}

/**
 * The app type-checks against the packed types with the TypeScript the docs installed and with
 * this repository's own, each with the example's tsconfig.json and with `cdktf init`'s settings.
 */
function typecheck(app, label) {
  fs.writeFileSync(path.join(app, "tsconfig.init.json"), `${JSON.stringify(INIT_TSCONFIG, null, 2)}\n`);
  const repoTsc = require.resolve("typescript/bin/tsc", { paths: [root] });
  const compilers = [
    ["the app's", readJson(path.join(app, "node_modules", "typescript", "package.json")).version, "npx", ["tsc"]],
    [
      "the repository's",
      readJson(path.join(root, "node_modules", "typescript", "package.json")).version,
      process.execPath,
      [repoTsc],
    ],
  ];
  const tsconfigs = [
    ["its tsconfig.json", "tsconfig.json"],
    ["cdktf init's module settings", "tsconfig.init.json"],
  ];
  for (const [whose, version, command, args] of compilers) {
    for (const [what, file] of tsconfigs) {
      step(label(`TypeScript ${version} (${whose}), ${what}, against the packed types`), () =>
        run(command, [...args, "--noEmit", "-p", file], { cwd: app }),
      );
    }
  }
}

/**
 * The app's stack, synthesized by its core's CLI on each of the example's Nodes, the same bytes on
 * each. On a Node other than the one npm installed with, `npm rebuild` first builds the native
 * modules for it, as an install on that Node would.
 */
function synthesizeOnEach(app, example, runtimes, label) {
  const stacks = [];
  for (const version of example.nodes) {
    const env = synthEnv(runtimeEnv(runtimes(version)));
    if (version !== README_NODE)
      step(label(`npm rebuild on Node ${version}`), () => run("npm", ["rebuild"], { cwd: app, env }));
    const outdir = `cdktf.out-${version}`;
    step(label(`npx ${example.core} synth on Node ${version}`), () =>
      run("npx", [example.core, "synth", "--output", outdir], { cwd: app, env }),
    );
    stacks.push([version, fs.readFileSync(path.join(app, outdir, "stacks", APP_STACK, "cdk.tf.json"), "utf8")]);
  }
  const differing = differingOutputs(stacks);
  if (differing.length > 0)
    fail(`${example.name}: the stack synthesized on Node ${differing.join(", ")} differs from Node ${stacks[0][0]}'s`);
  return JSON.parse(stacks[0][1]);
}

/**
 * One example: its sources and the tarball in a folder of tmp, where the docs' commands install
 * the rest from the registry; then type-checked, and synthesized on every Node it runs on.
 */
function buildExample(tmp, tarball, info, pkg, example, commands, runtimes) {
  const app = path.join(tmp, example.name);
  fs.cpSync(path.join(root, "examples", example.name), app, {
    recursive: true,
    filter: (source) => !EXAMPLE_LEFT_OUT.has(path.basename(source)) && !source.endsWith(".tgz"),
  });
  // As the docs say: the tarball in the app's folder, then the commands there.
  fs.copyFileSync(tarball, path.join(app, info.filename));
  const label = (what) => `${example.name}: ${what}`;
  step(label(`${commands.join("; ")} (on Node ${README_NODE}, from the registry)`), () =>
    runInstall(app, commands, info, runtimeEnv(runtimes(README_NODE))),
  );
  const picked = step(label(`what npm picked is what examples/${example.name}/package.json pins`), () =>
    checkPicked(app, info, pkg, example),
  );
  process.stdout.write(
    `pack-smoke: ${label(
      Object.entries(picked)
        .map(([name, version]) => `${name} ${version}`)
        .join(", "),
    )}\n`,
  );
  step(label(`one copy of each ${example.core} peer, the app's, and nothing of the other core`), () =>
    checkSingleCopies(app, pkg, example),
  );
  step(label(`public API of ${pkg.name}${example.entry}`), () => checkPublicApi(app, pkg, example));
  typecheck(app, label);
  const synthesized = synthesizeOnEach(app, example, runtimes, label);
  step(label("synthesized stack"), () => checkSynthesized(synthesized, example, picked));
  return synthesized;
}

function main(argv) {
  const started = Date.now();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "finetune-workflow-pack-"));
  try {
    const pkg = readJson(path.join(root, "package.json"));
    const blocks = installBlocks(fs.readFileSync(path.join(root, DOCS), "utf8"));
    const info = step("npm pack (runs prepare: both builds)", () => pack(tmp));
    const tarball = path.join(tmp, info.filename);
    const packageDir = path.join(tmp, "unpacked");
    fs.mkdirSync(packageDir);
    run("tar", ["-xzf", tarball, "-C", packageDir, "--strip-components=1"]);
    const files = step("tarball contents", () => checkContents(info, pkg));
    step("declared dependencies and peers", () => checkDeclaredDependencies(packageDir, files, pkg));
    const found = new Map();
    const runtimes = (version) => found.get(version);
    step(`Node ${TESTED_NODES.join(", ")}, from the registry`, () => {
      for (const version of TESTED_NODES) found.set(version, nodeRuntime(version));
    });
    const [cdktfStack, cdktnStack] = EXAMPLES.map((example) =>
      buildExample(tmp, tarball, info, pkg, example, commandsFor(blocks, example), runtimes),
    );
    step("the two apps' stacks differ only where the move to cdktn changes them", () => {
      const paths = differences(cdktfStack, cdktnStack);
      if (JSON.stringify(paths) !== JSON.stringify(MIGRATION_DIFFERENCES))
        fail(`the stacks differ at ${paths.join(", ")}; expected ${MIGRATION_DIFFERENCES.join(", ")}`);
    });

    process.stdout.write(
      `pack-smoke: ${info.filename} (${files.length} files) OK in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
    );
  } finally {
    if (argv.includes("--keep")) process.stdout.write(`pack-smoke: kept ${tmp}\n`);
    else fs.rmSync(tmp, { recursive: true, force: true });
  }
}

if (require.main === module) {
  try {
    main(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}

module.exports = { caretAdmits, commandsFor, installBlocks, parseInstall, withinWanted };

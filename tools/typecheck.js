// `npm run typecheck`, the first half of `npm test`: the repository against cdktf's types
// (tsconfig.json) and src/ against CDK Terrain's (tools/tsconfig.cdktn.json), in one `tsc --build`.
//
// Build mode checks each project only when one of its inputs (a source, a tsconfig, a file that
// was a root and is gone) changed since its last check, and reports the errors of that check
// again until they are fixed. A second `npm test` on an unchanged tree so skips 7 s of CPU that
// `tsc --incremental` spent only to find that nothing had changed. The buildinfo files live in a
// folder named for package-lock.json's hash, since build mode does not look at node_modules: a
// changed dependency is a new folder, checked from scratch.
// https://www.typescriptlang.org/docs/handbook/project-references.html#build-mode-for-typescript
const { spawnSync } = require("child_process");
const { createHash } = require("crypto");
const fs = require("fs");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");
const CACHE = path.join(ROOT, "node_modules", ".cache", "finetune-workflow");

/** The repository's two type-checks, by the folder name of each one's generated config. */
const PROJECTS = { main: "tsconfig.json", cdktn: path.join("tools", "tsconfig.cdktn.json") };

/** The folder that holds the generated configs and their buildinfo for this package-lock.json. */
function cacheFolder(lockText, cache = CACHE) {
  const hash = createHash("sha256").update(lockText).digest("hex").slice(0, 16);
  return path.join(cache, `typecheck-${hash}`);
}

/**
 * The config that checks `base` (relative to `root`) from `dir`: the same files and options, with
 * nothing emitted and its buildinfo kept in `dir`. Paths in a config are relative to the file that
 * sets them, so the base's `include` and `paths` still mean the repository's files.
 */
function checkConfig(dir, base, root = ROOT) {
  return {
    extends: path.relative(dir, path.join(root, base)).split(path.sep).join("/"),
    compilerOptions: { noEmit: true, incremental: true, tsBuildInfoFile: "./typecheck.tsbuildinfo" },
  };
}

/** Writes the generated configs into `folder`, and removes the folders of other package-locks. */
function prepare(folder, root = ROOT) {
  const cache = path.dirname(folder);
  if (fs.existsSync(cache)) {
    for (const name of fs.readdirSync(cache)) {
      if (name.startsWith("typecheck-") && name !== path.basename(folder)) {
        fs.rmSync(path.join(cache, name), { recursive: true, force: true });
      }
    }
  }
  return Object.entries(PROJECTS).map(([name, base]) => {
    const dir = path.join(folder, name);
    const file = path.join(dir, "tsconfig.json");
    const text = `${JSON.stringify(checkConfig(dir, base, root), null, 2)}\n`;
    fs.mkdirSync(dir, { recursive: true });
    // Rewriting an unchanged config would make build mode check its project again.
    if (!fs.existsSync(file) || fs.readFileSync(file, "utf8") !== text) fs.writeFileSync(file, text);
    return file;
  });
}

function main() {
  const folder = cacheFolder(fs.readFileSync(path.join(ROOT, "package-lock.json")));
  const tsc = require.resolve("typescript/bin/tsc");
  const { status } = spawnSync(process.execPath, [tsc, "--build", ...prepare(folder)], { cwd: ROOT, stdio: "inherit" });
  // A null status is a tsc killed by a signal.
  process.exit(status ?? 1);
}

if (require.main === module) main();

module.exports = { PROJECTS, cacheFolder, checkConfig, prepare };

// Scripts run the compiled JavaScript, which loads in a fraction of the time a TypeScript
// runner needs. ensureBuilt() rebuilds dist/ first whenever a source file is newer than it,
// so an edit is never run stale; TypeScript itself is loaded only when a rebuild is needed.
const fs = require("fs");
const path = require("path");
const { execFileSync } = require("child_process");

const root = path.resolve(__dirname, "..");
const entry = path.join(root, "dist", "main.js");

function mtimeIfExists(file) {
  return fs.existsSync(file) ? fs.statSync(file).mtimeMs : 0;
}

/** The newest modification time of a .ts file under `dir`, 0 when it holds none. */
function newestSourceMtime(dir) {
  let newest = 0;
  for (const item of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, item.name);
    if (item.isDirectory()) newest = Math.max(newest, newestSourceMtime(full));
    else if (item.name.endsWith(".ts")) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

function isStale() {
  if (!fs.existsSync(entry)) return true;
  const sources = Math.max(mtimeIfExists(path.join(root, "main.ts")), newestSourceMtime(path.join(root, "src")));
  return sources > fs.statSync(entry).mtimeMs;
}

/**
 * Rebuilds dist/ as `npm run build` does (tsc, then the cdktn build from it) when dist/main.js is
 * missing or older than main.ts or any .ts under src/.
 */
function ensureBuilt() {
  if (!isStale()) return;
  process.stderr.write("finetune-workflow: sources changed, rebuilding dist/ with tsc\n");
  execFileSync(
    process.execPath,
    [require.resolve("typescript/bin/tsc"), "-p", path.join(__dirname, "tsconfig.build.json")],
    {
      stdio: "inherit",
    },
  );
  execFileSync(process.execPath, [path.join(__dirname, "cdktn-build.js")], { stdio: ["ignore", "ignore", "inherit"] });
}

module.exports = { ensureBuilt, newestSourceMtime };

#!/usr/bin/env node
// The cdktf.json app command. Synthesis runs the compiled JavaScript, which loads in a
// fraction of the time a TypeScript runner needs; dist/ is rebuilt first whenever a source
// file is newer than it, so an edit is never synthesized stale.
const fs = require("fs");
const path = require("path");
const { execFileSync } = require("child_process");

const root = path.resolve(__dirname, "..");
const entry = path.join(root, "dist", "main.js");

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
  const built = fs.statSync(entry).mtimeMs;
  const sources = Math.max(
    fs.statSync(path.join(root, "main.ts")).mtimeMs,
    newestSourceMtime(path.join(root, "src")),
  );
  return sources > built;
}

if (isStale()) {
  process.stderr.write("finetune-workflow: sources changed, rebuilding dist/ with tsc\n");
  execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", path.join(root, "tsconfig.build.json")], {
    stdio: "inherit",
  });
  const now = new Date();
  fs.utimesSync(entry, now, now);
}

require(entry);

#!/usr/bin/env node
// The cdktf.json app command: synthesizes from dist/, rebuilt first if a source changed.
// `node tools/app.js [entry]` runs another compiled app entry the same way.
//
// Bad props are the user's to fix, not a crash: an InvalidPropsError prints as its list of
// problems, once, with no stack trace and no dump of the error's fields, and the app exits 1.
const path = require("path");
const { ensureBuilt } = require("./ensure-built");

const dist = path.resolve(__dirname, "..", "dist");

ensureBuilt();
const { InvalidPropsError } = require(path.join(dist, "src", "interface", "validation"));
try {
  require(path.resolve(process.argv[2] ?? path.join(dist, "main.js")));
} catch (error) {
  if (!(error instanceof InvalidPropsError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exitCode = 1;
}

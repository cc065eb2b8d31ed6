#!/usr/bin/env node
// The cdktf.json app command: synthesizes from dist/, rebuilt first if a source changed.
const path = require("path");
const { ensureBuilt } = require("./ensure-built");

ensureBuilt();
require(path.resolve(__dirname, "..", "dist", "main.js"));

#!/usr/bin/env node
// `npm run bench`: how close synthesis and the tests are to the floor of loading cdktf at all.
//
//   npm run bench                   measure everything, print the table and the targets
//   npm run bench -- --runs 5       measured runs per command (default 10; fewer for the slow ones)
//   npm run bench -- --skip-test    leave out `npm test`
//   npm run bench -- --write        also rewrite CONTRIBUTING.md's BENCH block with the results
//
// Exit code 1 when a measured target fails (or a command fails), 0 otherwise. No timing is
// asserted in the unit tests; this script is the only place that judges time. Its parts:
// bench/commands.js (what is measured), bench/runner.js (how one command is measured),
// bench/baseline.js (the root-import copy), bench/report.js (ratios, targets, the table).
const fs = require("fs");
const os = require("os");
const path = require("path");
const { measuredCommands } = require("./bench/commands");
const { renderReport } = require("./bench/report");
const { GNU_TIME, measure } = require("./bench/runner");

const readmePath = path.resolve(__dirname, "..", "CONTRIBUTING.md");

/** Parses `--runs N`, `--skip-test`, `--write`. Throws on anything else. */
function parseArgs(argv) {
  const options = { runs: 10, skipTest: false, write: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--skip-test") options.skipTest = true;
    else if (arg === "--write") options.write = true;
    else if (arg === "--runs" || arg.startsWith("--runs=")) {
      const value = arg === "--runs" ? argv[++i] : arg.slice("--runs=".length);
      const runs = Number(value);
      if (!Number.isInteger(runs) || runs < 1)
        throw new Error(`--runs needs a positive integer, got ${JSON.stringify(value)}.`);
      options.runs = runs;
    } else throw new Error(`Unknown argument ${JSON.stringify(arg)}. Use --runs N, --skip-test, --write.`);
  }
  return options;
}

async function main(argv) {
  const options = parseArgs(argv);
  const { ensureBuilt } = require("./ensure-built");
  ensureBuilt();
  const useGnuTime = fs.existsSync(GNU_TIME);
  // Reported with the results: a busy machine inflates every row, the floor included.
  const load = os.loadavg()[0].toFixed(2);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "finetune-workflow-bench-"));
  try {
    // 1. What is measured.
    const { rows, baselineMatchesApp } = measuredCommands(work, options, ensureBuilt);

    // 2. Each command, warm-up first, then the measured runs.
    const results = {};
    for (const row of rows.filter((r) => !r.skip)) {
      process.stderr.write(`${row.label}: ${row.display}\n`);
      if (row.prepare) row.prepare();
      results[row.key] = await measure(row, options, useGnuTime, ensureBuilt);
    }
    const sameSynth = baselineMatchesApp();
    if (!sameSynth) {
      process.stderr.write(
        "bench: the root-import baseline synthesized a different cdk.tf.json from the app command; did src/ change meanwhile? Rerun.\n",
      );
    }

    // 3. The report, and the README block when asked.
    const meta = {
      date: new Date().toISOString().slice(0, 10),
      cores: os.cpus().length,
      node: process.version,
      load,
      rssMethod: useGnuTime ? "GNU time" : "polling /proc VmHWM",
      note: options.skipTest ? "`npm test` was skipped in this run." : "",
    };
    const report = renderReport({ rows, results, meta });
    process.stdout.write(`\n${report.text}`);
    if (options.write) {
      const { replaceBlock } = require("../dist/src/docs/readme-blocks");
      fs.writeFileSync(readmePath, replaceBlock(fs.readFileSync(readmePath, "utf8"), "BENCH", `\n${report.text}`));
      process.stdout.write("\nCONTRIBUTING.md: rewrote the BENCH block.\n");
    }
    return report.failed || !sameSynth ? 1 : 0;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      process.stderr.write(`bench: ${error.message}\n`);
      process.exitCode = 1;
    },
  );
}

module.exports = { parseArgs };

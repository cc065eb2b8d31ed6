#!/usr/bin/env node
// `npm run bench`: how close synthesis is to the floor of loading cdktf at all, and whether each
// test suite keeps its time budget.
//
//   npm run bench                   measure everything, print the tables and the targets
//   npm run bench -- --runs 5       measured runs per command (default 10; fewer for the slow ones)
//   npm run bench -- --skip-test    leave out the test suites
//   npm run bench -- --tests-only   only the test suites
//
// It prints its tables and writes them to reports/bench.md, which git ignores: they hold this
// machine's measurements, which say nothing about another's. What is measured and each target are
// policy, the same everywhere: CONTRIBUTING.md's BENCH_TARGETS block, which `npm run docs` writes.
//
// Exit code 1 when a measured target fails (or a command fails), 0 otherwise. No timing is
// asserted in the unit tests; this script is the only place that judges time. Its parts:
// bench/commands.js (the synthesis commands), bench/suites.js (the test suites and their
// budgets), bench/runner.js (how one command is measured), bench/baseline.js (the root-import
// copy), bench/report.js (ratios, targets, the tables).
const fs = require("fs");
const os = require("os");
const path = require("path");
const { measuredCommands } = require("./bench/commands");
const { median, renderReport, renderTargets } = require("./bench/report");
const { GNU_TIME, measure } = require("./bench/runner");
const { SUITES, suiteRows, spanUnder } = require("./bench/suites");

const REPORT_FILE = path.resolve(__dirname, "..", "reports", "bench.md");

/** Parses `--runs N`, `--skip-test`, `--tests-only`. Throws on anything else. */
function parseArgs(argv) {
  const options = { runs: 10, skipTest: false, testsOnly: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--skip-test") options.skipTest = true;
    else if (arg === "--tests-only") options.testsOnly = true;
    else if (arg === "--runs" || arg.startsWith("--runs=")) {
      const value = arg === "--runs" ? argv[++i] : arg.slice("--runs=".length);
      const runs = Number(value);
      if (!Number.isInteger(runs) || runs < 1)
        throw new Error(`--runs needs a positive integer, got ${JSON.stringify(value)}.`);
      options.runs = runs;
    } else throw new Error(`Unknown argument ${JSON.stringify(arg)}. Use --runs N, --skip-test, --tests-only.`);
  }
  if (options.skipTest && options.testsOnly) throw new Error("--skip-test and --tests-only leave nothing to measure.");
  return options;
}

/** Writes the report's markdown to `file` (reports/bench.md unless told another), creating its folder. */
function writeReport(text, file = REPORT_FILE) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

/** CONTRIBUTING.md's BENCH_TARGETS block: what the bench measures and each target, unmeasured. */
function targetsBlock() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "finetune-workflow-bench-targets-"));
  try {
    return renderTargets({ rows: measuredCommands(work, () => {}).rows });
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/**
 * A suite that runs inside another one's Jest run, from that run's file times: the median span
 * of its files, over the runs that had any. Undefined when the other suite was not measured.
 */
function resultWithin(suite, results) {
  const parent = results[suite.within.suite];
  if (!parent) return undefined;
  const spans = parent.runFiles.map((files) => spanUnder(files, suite.within.under)).filter((ms) => ms !== undefined);
  if (spans.length === 0) return undefined;
  return { runs: spans.length, exit: parent.exit, wallMs: median(spans), loads: parent.loads, runFiles: [] };
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
    const commands = measuredCommands(work, ensureBuilt);
    const rows = [...commands.rows.map((row) => ({ ...row, skip: options.testsOnly })), ...suiteRows(work, options)];

    // 2. Each command, warm-up first, then the measured runs; then the suites timed within others.
    const results = {};
    for (const row of rows.filter((r) => !r.skip)) {
      process.stderr.write(`${row.label}: ${row.display}\n`);
      if (row.prepare) row.prepare();
      results[row.key] = await measure(row, options, useGnuTime, ensureBuilt);
    }
    for (const suite of SUITES.filter((s) => s.within)) results[suite.key] = resultWithin(suite, results);
    const sameSynth = options.testsOnly || commands.baselineMatchesApp();
    if (!sameSynth) {
      process.stderr.write(
        "bench: the root-import baseline synthesized a different cdk.tf.json from the app command; did src/ change meanwhile? Rerun.\n",
      );
    }

    // 3. The report, printed and kept in reports/.
    const meta = {
      date: new Date().toISOString().slice(0, 10),
      cores: os.cpus().length,
      node: process.version,
      load,
      rssMethod: useGnuTime ? "GNU time" : "polling /proc VmHWM",
      note: options.skipTest
        ? "The test suites were skipped in this run."
        : options.testsOnly
          ? "Only the test suites ran."
          : "",
    };
    const report = renderReport({ rows: commands.rows, suites: SUITES, results, meta });
    process.stdout.write(`\n${report.text}`);
    process.stdout.write(`\nbench: wrote ${path.relative(process.cwd(), writeReport(report.text))}\n`);
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

module.exports = { REPORT_FILE, parseArgs, resultWithin, targetsBlock, writeReport };

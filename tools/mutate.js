#!/usr/bin/env node
// `npm run mutate`: Stryker on the pure logic in src/ (tools/stryker.config.json), then CONTRIBUTING.md's
// MUTATION block rewritten from its report.
//
//   npm run mutate                              every file of the config, then the table
//   npm run mutate -- --mutate src/naming/names.ts    one file, for work in progress; table left alone
//
// The run is incremental: reports/stryker-incremental.json holds the last full run's results on
// this machine (git ignores it: megabytes that only Stryker reads, and that a run rebuilds), so
// only the mutants whose code or tests changed since are tested again; `-- --force`, or a clone
// without the file, tests them all, and writes it. Stryker rewrites that file with what it
// mutated, so a run on some files starts from a copy of it and leaves it whole. Not part of
// `npm test`: a run from scratch takes hours.
//
// Stryker reuses a surviving mutant as long as the tests it knew to cover the mutant are unchanged,
// even when tests added since would kill it (seen with static mutants, code that runs when a module
// loads, and with others). Every run therefore forgets the survivors first and tests them again:
// they are few, and the table then counts only survivors that are real today.
const { spawnSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");
const tablePath = path.join(root, "CONTRIBUTING.md");
/** Stryker's config, from the repository's root, where Stryker runs. */
const STRYKER_CONFIG = "tools/stryker.config.json";
const reportPath = path.join(root, "reports", "mutation", "mutation.json");
const partialIncrementalFile = path.join(root, "reports", "stryker-incremental-partial.json");

/** Counts each status, from a mutation-testing-elements report's mutants. */
function countStatuses(mutants) {
  const counts = { Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0, Ignored: 0, CompileError: 0, RuntimeError: 0 };
  for (const { status } of mutants) {
    if (!(status in counts)) throw new Error(`Unexpected mutant status ${JSON.stringify(status)}.`);
    counts[status] += 1;
  }
  return counts;
}

/**
 * Stryker's mutation score: detected (killed or timed out) over valid mutants, those that compiled
 * and were not ignored. https://stryker-mutator.io/docs/mutation-testing-elements/mutant-states-and-metrics/
 */
function score(counts) {
  const detected = counts.Killed + counts.Timeout;
  const valid = detected + counts.Survived + counts.NoCoverage;
  return valid === 0 ? "n/a" : `${((100 * detected) / valid).toFixed(2)}%`;
}

function row(name, counts) {
  return `| ${name} | ${score(counts)} | ${counts.Killed} | ${counts.Survived} | ${counts.NoCoverage} | ${counts.Timeout} | ${counts.Ignored} |`;
}

/** The MUTATION block: one row per mutated file, sorted by path, then the total. */
function mutationTable(report) {
  const files = Object.keys(report.files).sort();
  const all = files.flatMap((file) => report.files[file].mutants);
  return [
    "",
    "| File | Score | Killed | Survived | No coverage | Timeouts | Ignored (equivalent) |",
    "|---|--:|--:|--:|--:|--:|--:|",
    ...files.map((file) => row(`\`${file}\``, countStatuses(report.files[file].mutants))),
    row("**All files**", countStatuses(all)),
    "",
  ].join("\n");
}

/** The files a MUTATION block has a row for, in its order. */
function tableFiles(block) {
  return [...block.matchAll(/^\| `([^`]+)` \|/gm)].map(([, file]) => file);
}

/**
 * Why the committed MUTATION block cannot be the last full run of the files the config mutates,
 * if it cannot: a file mutated and not in the table, or in the table and no longer mutated. This
 * needs neither Stryker's cache nor a run, so it holds in every clone.
 */
function tableProblems(block, mutated) {
  const inTable = new Set(tableFiles(block));
  const missing = mutated.filter((file) => !inTable.has(file));
  const extra = [...inTable].filter((file) => !mutated.includes(file));
  const problems = [];
  if (missing.length > 0) problems.push(`has no row for ${missing.join(", ")}, which ${STRYKER_CONFIG} mutates`);
  if (extra.length > 0) problems.push(`has rows for ${extra.join(", ")}, which ${STRYKER_CONFIG} does not mutate`);
  return problems;
}

/** The incremental report without its survivors, so that Stryker tests them again. */
function forgetSurvivors(report) {
  const files = Object.fromEntries(
    Object.entries(report.files).map(([file, result]) => [
      file,
      {
        ...result,
        mutants: result.mutants.filter((mutant) => mutant.status !== "Survived" && mutant.status !== "NoCoverage"),
      },
    ]),
  );
  return { ...report, files };
}

function isPartial(argv) {
  return argv.some((arg) => arg === "--mutate" || arg === "-m" || arg.startsWith("--mutate="));
}

/** Where the config has Stryker keep its results between runs: the last full run's, on this machine. */
function incrementalFilePath() {
  return path.join(root, JSON.parse(fs.readFileSync(path.join(root, STRYKER_CONFIG), "utf8")).incrementalFile);
}

/** The last full run's results on this machine, or undefined where none ran (CI, a fresh clone). */
function lastFullRun() {
  const file = incrementalFilePath();
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : undefined;
}

function main(argv) {
  const incrementalFile = incrementalFilePath();
  const partial = isPartial(argv);
  const args = [...argv];
  const runFile = partial ? partialIncrementalFile : incrementalFile;
  if (fs.existsSync(incrementalFile)) {
    fs.mkdirSync(path.dirname(runFile), { recursive: true });
    const previous = JSON.parse(fs.readFileSync(incrementalFile, "utf8"));
    fs.writeFileSync(runFile, JSON.stringify(forgetSurvivors(previous), null, 2));
  }
  if (partial) args.push("--incrementalFile", path.relative(root, partialIncrementalFile));
  const stryker = path.join(root, "node_modules", ".bin", "stryker");
  const run = spawnSync(stryker, ["run", STRYKER_CONFIG, ...args], { cwd: root, stdio: "inherit" });
  if (run.status !== 0) return run.status ?? 1;
  // A run on some files only is not the table of the whole.
  if (partial) return 0;
  const { ensureBuilt } = require("./ensure-built");
  ensureBuilt();
  const { replaceBlock } = require("../dist/tools/docs/readme-blocks");
  const report = JSON.parse(fs.readFileSync(reportPath, "utf8"));
  fs.writeFileSync(tablePath, replaceBlock(fs.readFileSync(tablePath, "utf8"), "MUTATION", mutationTable(report)));
  process.stdout.write("CONTRIBUTING.md: rewrote the MUTATION block.\n");
  return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));

module.exports = { STRYKER_CONFIG, forgetSurvivors, lastFullRun, mutationTable, tableProblems };

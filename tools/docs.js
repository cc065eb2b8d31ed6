#!/usr/bin/env node
// `npm run docs`: regenerates the generated blocks of the repository's markdown.
// `npm run docs -- --check` writes nothing and exits 1 if any block is out of date, for CI.
//
// The blocks come from three places:
//   - the synthesized module: every block src/docs/generated-docs.ts lists (README.md,
//     docs/workflow.md, docs/data-prep-container.md);
//   - stryker-incremental.json, which the last full `npm run mutate` wrote: CONTRIBUTING.md's
//     MUTATION table, here rendered again from it;
//   - a measurement: CONTRIBUTING.md's BENCH block, which only `npm run bench -- --write` can
//     write. This script checks that it still lists what the bench measures.
// terraform/README.md is `npm run module`'s.
//
// The module is synthesized in-process from dist/ rather than through the cdktf CLI, which
// would add seconds of start-up for no benefit here.
const fs = require("fs");
const os = require("os");
const path = require("path");
const { readRelease } = require("./module");
const { mutationTable } = require("./mutate");

const root = path.resolve(__dirname, "..");
const CONTRIBUTING = "CONTRIBUTING.md";
const STRYKER_CONFIG = "stryker.config.json";
const STRYKER_RESULTS = "stryker-incremental.json";

const read = (file) => fs.readFileSync(path.join(root, file), "utf8");

/**
 * Every block this script writes, as `{ file, marker, content }`. `lib` holds the pure renderers,
 * compiled from src/ for the script and straight from src/ for the tests: `GENERATED_BLOCKS` of
 * src/docs/generated-docs.ts. `synthesized` is the module's Terraform JSON.
 */
function renderedBlocks(lib, synthesized) {
  const sources = { module: synthesized, release: readRelease() };
  return [
    ...lib.GENERATED_BLOCKS.map(({ file, marker, render }) => ({ file, marker, content: render(sources) })),
    { file: CONTRIBUTING, marker: "MUTATION", content: mutationTable(JSON.parse(read(STRYKER_RESULTS))) },
  ];
}

/**
 * Each file holding rendered blocks: its text now, its text with every block rendered afresh, and
 * the markers that differ. `lib` also holds `replaceBlock` and `extractBlock` (src/docs/readme-blocks.ts).
 */
function docsFiles(lib, synthesized) {
  const byFile = new Map();
  for (const { file, marker, content } of renderedBlocks(lib, synthesized)) {
    const entry = byFile.get(file) ?? { file, current: read(file), stale: [] };
    entry.updated = lib.replaceBlock(entry.updated ?? entry.current, marker, content);
    if (lib.extractBlock(entry.current, marker) !== content) entry.stale.push(marker);
    byFile.set(file, entry);
  }
  return [...byFile.values()];
}

/** A bench table's rows by what they name: each command's label and command, and each target. */
function benchRows(block) {
  let table;
  const rows = [];
  for (const line of block.split("\n").filter((l) => l.startsWith("| ") && !l.startsWith("|---"))) {
    const cells = line.split(" | ").map((cell) => cell.replace(/^\| | \|$/g, ""));
    if (cells[0] === "What" || cells[0] === "Target") table = cells[0];
    else rows.push(table === "What" ? `${cells[0]}: ${cells[1]}` : `target: ${cells[0]}`);
  }
  return rows;
}

/**
 * Why the blocks this script cannot write are stale, if they are: MUTATION when stryker.config.json
 * mutates other files than the last full run did, BENCH when the bench measures other commands or
 * targets than the table shows.
 */
function unwritableProblems(lib) {
  const problems = [];
  const mutated = JSON.parse(read(STRYKER_CONFIG)).mutate;
  const recorded = Object.keys(JSON.parse(read(STRYKER_RESULTS)).files);
  if (JSON.stringify([...mutated].sort()) !== JSON.stringify([...recorded].sort())) {
    problems.push(
      `${CONTRIBUTING}'s MUTATION table is of other files than ${STRYKER_CONFIG} mutates: run \`npm run mutate\`.`,
    );
  }
  const { measuredCommands } = require("./bench/commands");
  const { renderReport } = require("./bench/report");
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "finetune-workflow-docs-"));
  try {
    // The rows as the bench would report them, unmeasured: only what they name is compared.
    const { rows } = measuredCommands(work, { skipTest: false }, () => {});
    const expected = benchRows(renderReport({ rows, results: {}, meta: {} }).text);
    if (JSON.stringify(benchRows(lib.extractBlock(read(CONTRIBUTING), "BENCH"))) !== JSON.stringify(expected)) {
      problems.push(
        `${CONTRIBUTING}'s BENCH table shows other commands or targets than \`npm run bench\` measures: run \`npm run bench -- --write\`.`,
      );
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  return problems;
}

function main(argv) {
  const check = argv.includes("--check");
  const { ensureBuilt } = require("./ensure-built");
  const { synthesizeModule } = require("./synthesize");
  ensureBuilt();
  const lib = { ...require("../dist/src/docs/generated-docs"), ...require("../dist/src/docs/readme-blocks") };
  const synthesized = JSON.parse(synthesizeModule(require("../dist/src/module-stack").FinetuneWorkflowModule));

  const problems = unwritableProblems(lib);
  for (const problem of problems) process.stderr.write(`${problem}\n`);
  let stale = false;
  for (const { file, updated, stale: markers } of docsFiles(lib, synthesized)) {
    if (markers.length === 0) {
      process.stdout.write(`${file} is up to date.\n`);
    } else if (check) {
      process.stderr.write(`${file} has stale generated blocks: ${markers.join(", ")}. Run \`npm run docs\`.\n`);
      stale = true;
    } else {
      fs.writeFileSync(path.join(root, file), updated);
      process.stdout.write(`${file}: regenerated ${markers.join(", ")}.\n`);
    }
  }
  return stale || problems.length > 0 ? 1 : 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));

module.exports = { benchRows, docsFiles, renderedBlocks, unwritableProblems };

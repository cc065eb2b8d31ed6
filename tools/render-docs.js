#!/usr/bin/env node
// `npm run docs`: regenerates the generated blocks of the repository's markdown.
// `npm run docs -- --check` writes nothing and exits 1 if any block is out of date, for CI.
//
// The blocks come from three places:
//   - the synthesized module: every block tools/docs/generated-docs.ts lists (README.md,
//     docs/workflow.md, docs/data-prep-container.md);
//   - the bench's own definitions: CONTRIBUTING.md's BENCH_TARGETS block, what `npm run bench`
//     measures and the target each must meet (its measurements go to reports/bench.md);
//   - the last full `npm run mutate` on this machine, whose results Stryker keeps in its
//     incremental cache (git-ignored): CONTRIBUTING.md's MUTATION table, rendered again from
//     them. Where no run left them (CI, a fresh clone), the committed table stays as it is, and
//     is only checked to have a row for each file Stryker mutates, and no other.
// terraform/README.md is `npm run module`'s.
//
// The module is synthesized in-process from dist/ rather than through the cdktf CLI, which
// would add seconds of start-up for no benefit here.
const fs = require("fs");
const path = require("path");
const { targetsBlock } = require("./bench");
const { readRelease } = require("./module");
const { STRYKER_CONFIG, lastFullRun, mutationTable, tableProblems } = require("./mutate");

const root = path.resolve(__dirname, "..");
const CONTRIBUTING = "CONTRIBUTING.md";

const read = (file) => fs.readFileSync(path.join(root, file), "utf8");

/**
 * Every block this script writes, as `{ file, marker, content }`. `lib` holds the pure renderers,
 * compiled from src/ for the script and straight from src/ for the tests: `GENERATED_BLOCKS` of
 * tools/docs/generated-docs.ts. `synthesized` is the module's Terraform JSON. `mutationRun` is the
 * last full Stryker run's results (`lastFullRun()`), or undefined where there are none.
 */
function renderedBlocks(lib, synthesized, mutationRun) {
  const sources = { module: synthesized, release: readRelease() };
  return [
    ...lib.GENERATED_BLOCKS.map(({ file, marker, render }) => ({ file, marker, content: render(sources) })),
    { file: CONTRIBUTING, marker: "BENCH_TARGETS", content: targetsBlock() },
    ...(mutationRun ? [{ file: CONTRIBUTING, marker: "MUTATION", content: mutationTable(mutationRun) }] : []),
  ];
}

/**
 * Each file holding rendered blocks: its text now, its text with every block rendered afresh, and
 * the markers that differ. `lib` also holds `replaceBlock` and `extractBlock` (tools/docs/readme-blocks.ts).
 */
function docsFiles(lib, synthesized, mutationRun) {
  const byFile = new Map();
  for (const { file, marker, content } of renderedBlocks(lib, synthesized, mutationRun)) {
    const entry = byFile.get(file) ?? { file, current: read(file), stale: [] };
    entry.updated = lib.replaceBlock(entry.updated ?? entry.current, marker, content);
    if (lib.extractBlock(entry.current, marker) !== content) entry.stale.push(marker);
    byFile.set(file, entry);
  }
  return [...byFile.values()];
}

/**
 * Why the MUTATION table cannot be the last full run of the files Stryker mutates today, if it
 * cannot. It needs no run, so it holds in every clone; only `npm run mutate` can mend it.
 */
function unwritableProblems(lib) {
  const { mutate } = JSON.parse(read(STRYKER_CONFIG));
  return tableProblems(lib.extractBlock(read(CONTRIBUTING), "MUTATION"), mutate).map(
    (problem) => `${CONTRIBUTING}'s MUTATION table ${problem}: run \`npm run mutate\`.`,
  );
}

function main(argv) {
  const check = argv.includes("--check");
  const { ensureBuilt } = require("./ensure-built");
  const { synthesizeModule } = require("./synthesize");
  ensureBuilt();
  const lib = { ...require("../dist/tools/docs/generated-docs"), ...require("../dist/tools/docs/readme-blocks") };
  const synthesized = JSON.parse(synthesizeModule(require("../dist/src/module-stack").FinetuneWorkflowModule));

  const mutationRun = lastFullRun();
  if (!mutationRun) {
    process.stdout.write(
      `${CONTRIBUTING}'s MUTATION table: no full \`npm run mutate\` on this machine to render it from; only its files are checked.\n`,
    );
  }
  const problems = unwritableProblems(lib);
  for (const problem of problems) process.stderr.write(`${problem}\n`);
  let stale = false;
  for (const { file, updated, stale: markers } of docsFiles(lib, synthesized, mutationRun)) {
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

module.exports = { docsFiles, renderedBlocks, unwritableProblems };

// Every generated block of the repository's markdown is what its generator writes today, as
// `npm run docs -- --check` judges it: rendered from a fresh synth or the bench's definitions, and
// the MUTATION table from the last full Stryker run where its results are on this machine, and
// otherwise only checked to name the files Stryker mutates.
import * as generatedDocs from "../../tools/docs/generated-docs";
import * as readmeBlocks from "../../tools/docs/readme-blocks";
import { synthesizedText } from "../support/synthesized";
import { withHint } from "../support/with-hint";

const { docsFiles, unwritableProblems } = require("../../tools/render-docs");
const { lastFullRun, mutationTable, tableProblems } = require("../../tools/mutate");

const LIB = { ...generatedDocs, ...readmeBlocks };

type DocsFile = { file: string; current: string; updated: string; stale: string[] };

describe("the generated docs", () => {
  // The module as `npm run docs` synthesizes it.
  const synthesized = JSON.parse(synthesizedText());
  const files: DocsFile[] = docsFiles(LIB, synthesized, lastFullRun());

  test.each(files.map((entry) => [entry.file, entry]))("%s has no stale block", (file, entry) => {
    withHint(`${file} has stale generated blocks: run \`npm run docs\` and commit the result.`, () =>
      expect(entry.stale).toEqual([]),
    );
  });

  // Under `npm run mutate` (test/jest.stryker.config.js), whose run writes the table.
  const mutationRun = (globalThis as { FINETUNE_MUTATION_RUN?: boolean }).FINETUNE_MUTATION_RUN === true;
  (mutationRun ? test.skip : test)(
    "the MUTATION table has a row for each file Stryker mutates, and no other, with or without a run here",
    () => {
      expect(unwritableProblems(LIB)).toEqual([]);
    },
  );

  describe("the MUTATION table", () => {
    const contributing = (run: unknown) =>
      (docsFiles(LIB, synthesized, run) as DocsFile[]).find((entry) => entry.file === "CONTRIBUTING.md")!;

    test("is rendered from a full run's results where they are, and is stale while it differs from them", () => {
      // GIVEN a run whose results the committed table does not show
      const run = { files: { "src/naming/arn.ts": { mutants: [{ status: "Killed" }, { status: "Survived" }] } } };

      // WHEN
      const entry = contributing(run);

      // THEN
      expect(entry.stale).toEqual(["MUTATION"]);
      expect(readmeBlocks.extractBlock(entry.updated, "MUTATION")).toBe(mutationTable(run));
    });

    test("is left as committed where no full run left its results (CI, a fresh clone)", () => {
      // WHEN
      const entry = contributing(undefined);

      // THEN
      expect(entry.stale).not.toContain("MUTATION");
      expect(readmeBlocks.extractBlock(entry.updated, "MUTATION")).toBe(
        readmeBlocks.extractBlock(entry.current, "MUTATION"),
      );
    });
  });
});

describe("tableProblems", () => {
  // GIVEN a table of two files
  const table = mutationTable({
    files: {
      "src/naming/arn.ts": { mutants: [{ status: "Killed" }] },
      "src/naming/names.ts": { mutants: [{ status: "Timeout" }] },
    },
  });

  test("none when the table has a row for each mutated file, in any order, its total aside", () => {
    expect(tableProblems(table, ["src/naming/names.ts", "src/naming/arn.ts"])).toEqual([]);
  });

  test("names a mutated file the table has no row for, and a row for a file no longer mutated", () => {
    expect(tableProblems(table, ["src/naming/arn.ts", "src/naming/expr.ts"])).toEqual([
      "has no row for src/naming/expr.ts, which tools/stryker.config.json mutates",
      "has rows for src/naming/names.ts, which tools/stryker.config.json does not mutate",
    ]);
  });
});

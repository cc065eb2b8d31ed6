// Every generated block of the repository's markdown is what its generator writes today, as
// `npm run docs -- --check` judges it: rendered from a fresh synth, from the last full Stryker run,
// or, for the bench table, still listing what the bench measures.
import * as generatedDocs from "../../src/docs/generated-docs";
import * as readmeBlocks from "../../src/docs/readme-blocks";
import { synthesizedText } from "../support/synthesized";
import { withHint } from "../support/with-hint";

const { docsFiles, unwritableProblems, benchRows } = require("../../tools/docs");

const LIB = { ...generatedDocs, ...readmeBlocks };

describe("the generated docs", () => {
  // The module as `npm run docs` synthesizes it.
  const files: { file: string; stale: string[] }[] = docsFiles(LIB, JSON.parse(synthesizedText()));

  test.each(files.map((entry) => [entry.file, entry]))("%s has no stale block", (file, entry) => {
    withHint(`${file} has stale generated blocks: run \`npm run docs\` and commit the result.`, () =>
      expect(entry.stale).toEqual([]),
    );
  });

  test("the blocks nothing here can write still describe what their generators measure", () => {
    expect(unwritableProblems(LIB)).toEqual([]);
  });
});

describe("benchRows", () => {
  test("names each measured row by label and command, and each target, leaving out what was measured", () => {
    // GIVEN
    const block = [
      "Measured on a day.",
      "",
      "| What | Command | Runs | Median wall |",
      "|---|---|--:|--:|",
      "| Floor | `node -e 1` | 10 | 0.23 s |",
      "",
      "| Target | Measured | Result |",
      "|---|--:|---|",
      "| Fast enough | 1.49× | pass |",
    ].join("\n");

    // WHEN
    const rows = benchRows(block);

    // THEN
    expect(rows).toEqual(["Floor: `node -e 1`", "target: Fast enough"]);
  });
});

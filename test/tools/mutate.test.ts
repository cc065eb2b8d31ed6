// The MUTATION table of tools/mutate.js, from a Stryker report. Running Stryker is not tested here.
const { forgetSurvivors, mutationTable } = require("../../tools/mutate");

const mutants = (statuses: Record<string, number>) =>
  Object.entries(statuses).flatMap(([status, count]) => Array.from({ length: count }, () => ({ status })));

describe("mutationTable", () => {
  test("one row per file, sorted by path, then the total; the score leaves out ignored and uncompiled mutants", () => {
    // GIVEN a report with two files, out of order
    const report = {
      files: {
        "src/naming.ts": { mutants: mutants({ Killed: 18, Timeout: 1, Survived: 1, Ignored: 2, CompileError: 3 }) },
        "src/arn.ts": { mutants: mutants({ Killed: 9, NoCoverage: 1 }) },
      },
    };
    // WHEN
    const table = mutationTable(report);
    // THEN
    expect(table).toBe(
      [
        "",
        "| File | Score | Killed | Survived | No coverage | Timeouts | Ignored (equivalent) |",
        "|---|--:|--:|--:|--:|--:|--:|",
        "| `src/arn.ts` | 90.00% | 9 | 0 | 1 | 0 | 0 |",
        "| `src/naming.ts` | 95.00% | 18 | 1 | 0 | 1 | 2 |",
        "| **All files** | 93.33% | 27 | 1 | 1 | 1 | 2 |",
        "",
      ].join("\n"),
    );
  });

  test("a file with no valid mutant has no score", () => {
    expect(mutationTable({ files: { "src/props.ts": { mutants: mutants({ Ignored: 1 }) } } })).toContain(
      "| `src/props.ts` | n/a | 0 | 0 | 0 | 0 | 1 |",
    );
  });

  test("an unknown status is an error, not a row that silently leaves it out", () => {
    expect(() => mutationTable({ files: { "src/arn.ts": { mutants: [{ status: "Pending" }] } } })).toThrow(
      'Unexpected mutant status "Pending".',
    );
  });
});

describe("forgetSurvivors", () => {
  test("drops the mutants that survived or had no coverage, static or not, and keeps every other result", () => {
    // GIVEN an incremental report with each kind of mutant
    const mutant = (id: string, status: string, isStatic: boolean) => ({ id, status, static: isStatic });
    const report = {
      schemaVersion: "2",
      files: {
        "src/naming.ts": {
          language: "typescript",
          mutants: [
            mutant("1", "Survived", true),
            mutant("2", "NoCoverage", true),
            mutant("3", "Killed", true),
            mutant("4", "Survived", false),
            mutant("5", "Timeout", true),
          ],
        },
      },
    };
    // WHEN
    const forgotten = forgetSurvivors(report);
    // THEN
    expect(forgotten).toEqual({
      schemaVersion: "2",
      files: {
        "src/naming.ts": {
          language: "typescript",
          mutants: [mutant("3", "Killed", true), mutant("5", "Timeout", true)],
        },
      },
    });
  });
});

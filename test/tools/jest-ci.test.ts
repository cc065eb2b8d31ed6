// The CI log's account of a failed Jest run (tools/jest-ci.js), from a `--json` result.
import * as path from "path";

const { failureReport, resultFile } = require("../../tools/jest-ci");

const ROOT = path.resolve(__dirname, "../..");

const passed = (fullName: string) => ({ fullName, status: "passed", duration: 3, failureMessages: [] });

/** A `jest --json` result, trimmed to the fields the report reads. */
const RESULTS = {
  numFailedTests: 1,
  numTotalTests: 4,
  numFailedTestSuites: 2,
  numTotalTestSuites: 3,
  testResults: [
    {
      name: path.join(ROOT, "test/a.test.ts"),
      status: "passed",
      message: "",
      startTime: 1000,
      endTime: 2000,
      assertionResults: [passed("a works")],
    },
    {
      name: path.join(ROOT, "test/support/sfn/harness.test.ts"),
      status: "failed",
      message: "● variable quotas › an execution may store 10 MiB of variables in all\n\n  thrown: Exceeded timeout",
      startTime: 1000,
      endTime: 9000,
      assertionResults: [
        passed("variable quotas a small one"),
        {
          fullName: "variable quotas an execution may store 10 MiB of variables in all",
          status: "failed",
          duration: 5012,
          failureMessages: ["Error: thrown: Exceeded timeout of 5000 ms for a test.\n    at harness.test.ts:1286:3"],
        },
      ],
    },
    {
      name: path.join(ROOT, "test/b.test.ts"),
      status: "failed",
      message: "  ● Test suite failed to run\n\n    Cannot find module './gone'",
      startTime: 1000,
      endTime: 1500,
      assertionResults: [],
    },
  ],
};

describe("failureReport", () => {
  test("names the results file and the load, then each failed test and each file that failed outside its tests", () => {
    expect(failureReport(RESULTS, "/ci/reports/jest/test-x.json", [3.5, 2.25, 1])).toBe(
      [
        "Jest results: /ci/reports/jest/test-x.json",
        "1 of 4 tests failed, in 2 of 3 test files; 1/5/15-minute load average at the end: 3.50 2.25 1.00.",
        "",
        "● variable quotas an execution may store 10 MiB of variables in all (test/support/sfn/harness.test.ts, 5.0 s)",
        "Error: thrown: Exceeded timeout of 5000 ms for a test.\n    at harness.test.ts:1286:3",
        "",
        "● test/b.test.ts, outside any test (0.5 s)",
        "  ● Test suite failed to run\n\n    Cannot find module './gone'",
        "",
      ].join("\n"),
    );
  });
});

describe("resultFile", () => {
  test("one file per run under reports/jest/, named after the script and when it started", () => {
    const file: string = resultFile("test:deploy", new Date("2026-12-01T21:00:05.123Z"));
    expect(path.relative(ROOT, file)).toBe(`reports/jest/test_deploy-2026-12-01T21-00-05-123Z-${process.pid}.json`);
  });
});

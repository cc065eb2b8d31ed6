import { errorMessages, outcomeOf, parseTestOutput, warnings } from "./test-report";

const line = (message: object) => JSON.stringify({ "@level": "info", ...message });

// The shape of `terraform test -json` output (Terraform 1.11), trimmed to the fields read.
const OUTPUT = [
  line({ type: "version", terraform: "1.11.4" }),
  line({
    type: "test_file",
    "@testfile": "tests/a.tftest.hcl",
    test_file: { path: "tests/a.tftest.hcl", progress: "starting" },
  }),
  line({ type: "test_run", "@testfile": "tests/a.tftest.hcl", "@testrun": "one", test_run: { status: "pass" } }),
  line({
    type: "test_file",
    "@testfile": "tests/a.tftest.hcl",
    test_file: { path: "tests/a.tftest.hcl", progress: "complete", status: "pass" },
  }),
  line({
    type: "diagnostic",
    "@testfile": "tests/b.tftest.hcl",
    "@testrun": "two",
    diagnostic: { severity: "error", summary: "Test assertion failed", detail: "Role names: []." },
  }),
  line({
    type: "diagnostic",
    "@testfile": "tests/b.tftest.hcl",
    diagnostic: { severity: "warning", summary: "Deprecated" },
  }),
  line({
    type: "test_file",
    "@testfile": "tests/b.tftest.hcl",
    test_file: { path: "tests/b.tftest.hcl", progress: "complete", status: "fail" },
  }),
  line({ type: "test_summary", test_summary: { status: "fail", passed: 1, failed: 1 } }),
  "",
].join("\n");

describe("parseTestOutput", () => {
  test("each file's status, and its errors, run by run; warnings are left out", () => {
    expect(parseTestOutput(OUTPUT)).toEqual(
      new Map([
        ["tests/a.tftest.hcl", { status: "pass", errors: [] }],
        ["tests/b.tftest.hcl", { status: "fail", errors: ["two: Test assertion failed: Role names: []."] }],
      ]),
    );
  });
});

describe("warnings", () => {
  test("every warning, with its file and run where Terraform names them; errors are left out", () => {
    const output = [
      OUTPUT,
      line({
        type: "diagnostic",
        "@testfile": "tests/a.tftest.hcl",
        "@testrun": "one",
        diagnostic: { severity: "warning", summary: "Argument is deprecated", detail: "Use another." },
      }),
      line({ type: "diagnostic", diagnostic: { severity: "warning", summary: "Unused variable" } }),
    ].join("\n");
    expect(warnings(output)).toEqual([
      "tests/b.tftest.hcl: Deprecated",
      "tests/a.tftest.hcl one: Argument is deprecated: Use another.",
      "Unused variable",
    ]);
  });

  test("none in output without a warning", () => {
    expect(warnings(OUTPUT.replace(/"severity":"warning"/, '"severity":"error"'))).toEqual([]);
  });
});

describe("outcomeOf", () => {
  test("a file Terraform never reported shows the runs' error output", () => {
    const results = [{ code: 1, stdout: "", stderr: "Error: Invalid test file\n" }];
    expect(outcomeOf(new Map(), results, "tests/c.tftest.hcl")).toEqual({
      status: "not reported",
      errors: ["Error: Invalid test file"],
    });
  });
});

describe("errorMessages", () => {
  test("each file's errors, the first paragraph of each detail; warnings and run-less lines are left out", () => {
    const refused = (file: string, detail: string) =>
      line({
        type: "diagnostic",
        "@testfile": file,
        "@testrun": "refused",
        diagnostic: { severity: "error", summary: "Invalid value for variable", detail },
      });
    const output = [
      refused(
        "tests/a.plan.tftest.hcl",
        "The a variable must be short.\n\nThis was checked by the validation rule at cdk.tf.json:1,2-3.",
      ),
      refused("tests/b.plan.tftest.hcl", "The b variable must be set."),
      refused(
        "tests/b.plan.tftest.hcl",
        "The b variable must be long.\n\nThis was checked by the validation rule at cdk.tf.json:4,5-6.",
      ),
      line({
        type: "diagnostic",
        "@testfile": "tests/b.plan.tftest.hcl",
        diagnostic: { severity: "warning", summary: "Deprecated", detail: "Old." },
      }),
      line({ type: "diagnostic", diagnostic: { severity: "error", summary: "No test file", detail: "Nowhere." } }),
    ].join("\n");
    expect(errorMessages(output)).toEqual(
      new Map([
        ["tests/a.plan.tftest.hcl", ["The a variable must be short."]],
        ["tests/b.plan.tftest.hcl", ["The b variable must be set.", "The b variable must be long."]],
      ]),
    );
  });
});

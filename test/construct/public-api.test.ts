import * as api from "../../src/index";

describe("the public API (src/index.ts)", () => {
  test("exports only the construct, the Duration of its timeout props, the module stack and the error type at run time", () => {
    // GIVEN
    const exported = Object.keys(api);

    // WHEN
    const names = [...exported].sort();

    // THEN
    expect(names).toEqual(["Duration", "FinetuneWorkflow", "FinetuneWorkflowModule", "InvalidPropsError"]);
  });
});

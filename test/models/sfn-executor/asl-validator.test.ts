import type { AnyStateMachineDefinition as StateMachineDefinition } from "../../../src/workflow/asl";
import { aslErrors } from "./asl-validator";

const pass = (Output: string): StateMachineDefinition => ({
  QueryLanguage: "JSONata",
  StartAt: "A",
  States: { A: { Type: "Pass", Output: Output as `{% ${string} %}`, End: true } },
});

describe("aslErrors, on one shared Ajv", () => {
  test("each verdict is the definition's own, whatever was validated before", () => {
    // GIVEN a valid definition, one with a JSONata syntax error, one with a bad Resource, and the valid one again
    const badResource = {
      ...pass("{% 1 %}"),
      States: { A: { Type: "Task", Resource: "nope", End: true } },
    } as StateMachineDefinition;

    // WHEN
    const verdicts = [pass("{% 1 %}"), pass("{% 1)%}"), badResource, pass("{% 1 %}")].map(aslErrors);

    // THEN
    expect(verdicts).toEqual([
      "",
      "SCHEMA_VALIDATION_FAILED: /States/A/Output is invalid. must match exactly one schema in oneOf\n" +
        "SCHEMA_VALIDATION_FAILED: /States/A/Type is invalid. must be equal to one of the allowed values",
      "SCHEMA_VALIDATION_FAILED: /States/A/Resource is invalid. must match exactly one schema in oneOf",
      "",
    ]);
  });
});

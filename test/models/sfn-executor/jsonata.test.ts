import { evaluateAssign, evaluateField, type Scope } from "./jsonata";
import { SfnError } from "./sfn-error";

const scope: Scope = { stateName: "S", states: { input: { name: "abc" }, context: {} }, variables: { n: 2 } };

const evaluate = (expression: string): Promise<unknown> => evaluateField(`{% ${expression} %}`, scope, "Output");

describe("evaluateField", () => {
  test("evaluates whole-string expressions at any depth and leaves other strings alone", async () => {
    // WHEN
    const value = await evaluateField(
      { a: "{% $n + 1 %}", b: ["{% $states.input.name %}", "x {% $n %}", 3, null, true], c: "{% $n %} tail" },
      scope,
      "Output",
    );
    // THEN
    expect(value).toEqual({ a: 3, b: ["abc", "x {% $n %}", 3, null, true], c: "{% $n %} tail" });
  });

  test("evaluateAssign evaluates every value against the same variables", async () => {
    // WHEN
    const assigned = await evaluateAssign({ n: "{% $n * 10 %}", before: "{% $n %}" }, scope);
    // THEN
    expect(assigned).toEqual({ n: 20, before: 2 });
  });

  test("a function value is not JSON and fails the evaluation", async () => {
    // WHEN / THEN
    await expect(evaluate("function($x) { $x }")).rejects.toThrow(
      new SfnError(
        "States.QueryEvaluationError",
        "The JSONata expression 'function($x) { $x }' specified for the field 'Output' in state 'S' returned a value that is not JSON",
      ),
    );
  });
});

describe("error outputs", () => {
  test("$states.errorOutput.Cause of a timeout, which has no Cause, is an evaluation error", async () => {
    // GIVEN
    const timedOut: Scope = { ...scope, states: { ...scope.states, errorOutput: { Error: "States.Timeout" } } };
    // WHEN / THEN
    await expect(evaluateField("{% $states.errorOutput.Cause %}", timedOut, "Output")).rejects.toThrow(
      new SfnError(
        "States.QueryEvaluationError",
        "The JSONata expression '$states.errorOutput.Cause' specified for the field 'Output' in state 'S' returned nothing (undefined)",
      ),
    );
  });
});

// https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html#jsonata-functions-provided-by-sfn
describe("Step Functions JSONata functions", () => {
  test.each<[string, unknown]>([
    ["$partition([1, 2, 3, 4, 5, 6, 7], 3)", [[1, 2, 3], [4, 5, 6], [7]]],
    ["$range(0, 10, 2)", [0, 2, 4, 6, 8, 10]],
    ["$range(5, 1, -2)", [5, 3, 1]],
    ["$hash('abc', 'MD5')", "900150983cd24fb0d6963f7d28e17f72"],
    ["$hash('abc', 'SHA-1')", "a9993e364706816aba3e25717850c26c9cd0d89d"],
    ["$hash('abc', 'SHA-256')", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"],
    ["$parse('{\"a\": [1, true]}')", { a: [1, true] }],
    ["$random(7) = $random(7)", true],
    ["$random(7) >= 0 and $random(7) < 1", true],
    ["$random() < 1", true],
    ["$contains($uuid(), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)", true],
  ])("%s", async (expression, expected) => {
    // WHEN / THEN
    expect(await evaluate(expression)).toEqual(expected);
  });

  test.each<[string, string]>([
    ["$hash('abc', 'SHA-3')", "$hash algorithm must be one of MD5, SHA-1, SHA-256, SHA-384, SHA-512, got 'SHA-3'"],
    ["$partition([1], 0)", "$partition size must be a positive integer, got 0"],
    ["$range(1, 2, 0)", "$range step must not be 0"],
    ["$eval('1')", "$eval is not available in Step Functions; use $parse"],
  ])("%s is an evaluation error", async (expression, message) => {
    // WHEN / THEN
    await expect(evaluate(expression)).rejects.toThrow(
      `The JSONata expression '${expression}' specified for the field 'Output' in state 'S' threw an error: ${message}`,
    );
  });
});

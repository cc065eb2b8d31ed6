import type { State, StateMachineDefinition } from "./asl";
import { aslErrors } from "./asl-validator";
import { execute, SfnError, type TaskCall, type TaskHandler } from "./harness";

const LAMBDA = "arn:aws:states:::lambda:invoke";

/** A JSONata state machine that asl-validator accepts; a fixture that is not fails the test. */
function machine(States: Record<string, State>, StartAt = Object.keys(States)[0]): StateMachineDefinition {
  const definition: StateMachineDefinition = { QueryLanguage: "JSONata", StartAt, States };
  expect(aslErrors(definition)).toBe("");
  return definition;
}

const noTasks: TaskHandler = (call) => {
  throw new Error(`unexpected Task call ${call.stateName}`);
};

/** Throws the given errors in turn, then returns `response`. */
function failingThen(errors: readonly string[], response: unknown = { ok: true }): TaskHandler {
  return (call: TaskCall) => {
    const error = errors[call.attempt - 1];
    if (error !== undefined) throw new SfnError(error, `attempt ${call.attempt}`);
    return response;
  };
}

describe("Pass and variables", () => {
  test("Output shapes the state output and Assign stores variables for later states", async () => {
    // GIVEN
    const definition = machine({
      Store: {
        Type: "Pass",
        Assign: { doubled: "{% $states.input.n * 2 %}" },
        Output: { n: "{% $states.input.n %}" },
        Next: "Read",
      },
      Read: { Type: "Pass", Output: { n: "{% $states.input.n %}", doubled: "{% $doubled %}" }, End: true },
    });
    // WHEN
    const result = await execute(definition, { handler: noTasks, input: { n: 21 } });
    // THEN
    expect(result).toEqual({
      status: "SUCCEEDED",
      output: { n: 21, doubled: 42 },
      calls: [],
      statesEntered: ["Store", "Read"],
      transitions: 2,
      retries: [],
      stops: [],
      elapsedSeconds: 0,
    });
  });

  test("Pass without Output passes its input on", async () => {
    // GIVEN
    const definition = machine({ Only: { Type: "Pass", End: true } });
    // WHEN
    const result = await execute(definition, { handler: noTasks, input: { kept: true } });
    // THEN
    expect(result.output).toEqual({ kept: true });
  });

  test("sibling assignments and Output see the variables as they were on entry", async () => {
    // GIVEN
    const definition = machine({
      Init: { Type: "Pass", Assign: { x: 1 }, Next: "Update" },
      Update: { Type: "Pass", Assign: { x: "{% $x + 1 %}", oldX: "{% $x %}" }, Output: "{% $x %}", Next: "Report" },
      Report: {
        Type: "Pass",
        Output: { x: "{% $x %}", oldX: "{% $oldX %}", updateOutput: "{% $states.input %}" },
        End: true,
      },
    });
    // WHEN
    const result = await execute(definition, { handler: noTasks });
    // THEN
    expect(result.output).toEqual({ x: 2, oldX: 1, updateOutput: 1 });
  });
});

describe("Choice", () => {
  const definition = (): StateMachineDefinition =>
    machine({
      Route: {
        Type: "Choice",
        Choices: [
          {
            Condition: "{% $states.input.size > 10 %}",
            Assign: { route: "big" },
            Output: { size: "{% $states.input.size %}" },
            Next: "Done",
          },
          { Condition: "{% $states.input.size > 5 %}", Next: "Done" },
        ],
        Default: "Done",
        Assign: { route: "default" },
        Output: "{% 'small' %}",
      },
      Done: {
        Type: "Pass",
        Output: { input: "{% $states.input %}", route: "{% $exists($route) ? $route : 'none' %}" },
        End: true,
      },
    });

  test("the first matching rule wins and applies its own Assign and Output", async () => {
    // WHEN
    const result = await execute(definition(), { handler: noTasks, input: { size: 11 } });
    // THEN
    expect(result.output).toEqual({ input: { size: 11 }, route: "big" });
    expect(result.statesEntered).toEqual(["Route", "Done"]);
  });

  test("a matching rule without Output passes the input on and skips the state-level Assign", async () => {
    // WHEN
    const result = await execute(definition(), { handler: noTasks, input: { size: 6 } });
    // THEN
    expect(result.output).toEqual({ input: { size: 6 }, route: "none" });
  });

  test("Default applies the state-level Assign and Output", async () => {
    // WHEN
    const result = await execute(definition(), { handler: noTasks, input: { size: 1 } });
    // THEN
    expect(result.output).toEqual({ input: "small", route: "default" });
  });

  test("no matching rule and no Default fails with States.NoChoiceMatched", async () => {
    // GIVEN
    const noDefault = machine({
      Route: { Type: "Choice", Choices: [{ Condition: "{% $states.input.size > 10 %}", Next: "Done" }] },
      Done: { Type: "Succeed" },
    });
    // WHEN
    const result = await execute(noDefault, { handler: noTasks, input: { size: 1 } });
    // THEN
    expect(result).toMatchObject({
      status: "FAILED",
      error: "States.NoChoiceMatched",
      cause: "No Choice Rule matched in state 'Route' and it has no Default",
    });
  });
});

describe("Task", () => {
  test("each call is recorded with its evaluated Arguments and the result is the default output", async () => {
    // GIVEN
    const definition = machine({
      Invoke: {
        Type: "Task",
        Resource: LAMBDA,
        Arguments: {
          FunctionName: "fn",
          Payload: { id: "{% $states.input.id %}", tags: ["{% $uppercase('a') %}", "b"] },
        },
        Next: "Shape",
      },
      Shape: { Type: "Pass", Output: "{% $states.input.Payload %}", End: true },
    });
    // WHEN
    const result = await execute(definition, {
      handler: () => ({ StatusCode: 200, Payload: { done: true } }),
      input: { id: 7 },
    });
    // THEN
    expect(result.calls).toEqual([
      {
        stateName: "Invoke",
        resource: LAMBDA,
        arguments: { FunctionName: "fn", Payload: { id: 7, tags: ["A", "b"] } },
        attempt: 1,
      },
    ]);
    expect(result.output).toEqual({ done: true });
  });

  test("Arguments may be a single expression, and Output and Assign see $states.result", async () => {
    // GIVEN
    const definition = machine({
      Invoke: {
        Type: "Task",
        Resource: LAMBDA,
        Arguments: "{% $merge([$states.input, {'extra': 1}]) %}",
        Assign: { status: "{% $states.result.StatusCode %}" },
        Output: { status: "{% $states.result.StatusCode %}", before: "{% $exists($status) %}" },
        End: true,
      },
    });
    // WHEN
    const result = await execute(definition, { handler: () => ({ StatusCode: 200 }), input: { a: 1 } });
    // THEN
    expect(result.calls[0].arguments).toEqual({ a: 1, extra: 1 });
    expect(result.output).toEqual({ status: 200, before: false });
  });

  test("a handler exception that is not an SfnError is rethrown, not turned into a workflow error", async () => {
    // GIVEN
    const definition = machine({
      Invoke: {
        Type: "Task",
        Resource: LAMBDA,
        Retry: [{ ErrorEquals: ["States.ALL"] }],
        Catch: [{ ErrorEquals: ["States.ALL"], Next: "Done" }],
        End: true,
      },
      Done: { Type: "Succeed" },
    });
    // WHEN / THEN
    await expect(
      execute(definition, {
        handler: () => {
          throw new TypeError("recording missing");
        },
      })
    ).rejects.toThrow(new TypeError("recording missing"));
  });

  test("a handler that returns undefined is a test bug and rejects", async () => {
    // GIVEN
    const definition = machine({ Invoke: { Type: "Task", Resource: LAMBDA, End: true } });
    // WHEN / THEN
    await expect(execute(definition, { handler: () => undefined })).rejects.toThrow(
      new Error("The handler returned undefined for Task 'Invoke'; return the service response ({} when it is empty)")
    );
  });
});

describe("Retry and Catch", () => {
  test("delays grow by BackoffRate up to MaxDelaySeconds, then the exhausted error is caught", async () => {
    // GIVEN
    const definition = machine({
      Invoke: {
        Type: "Task",
        Resource: LAMBDA,
        Retry: [
          {
            ErrorEquals: ["Throttled"],
            IntervalSeconds: 2,
            BackoffRate: 2,
            MaxDelaySeconds: 5,
            MaxAttempts: 3,
            JitterStrategy: "FULL",
          },
        ],
        Catch: [{ ErrorEquals: ["States.ALL"], Assign: { failure: "{% $states.errorOutput %}" }, Next: "Recover" }],
        End: true,
      },
      Recover: { Type: "Pass", Output: { failure: "{% $failure %}", caughtOutput: "{% $states.input %}" }, End: true },
    });
    // WHEN
    const result = await execute(definition, {
      handler: failingThen(["Throttled", "Throttled", "Throttled", "Throttled"]),
    });
    // THEN
    expect(result.calls.map((call) => call.attempt)).toEqual([1, 2, 3, 4]);
    expect(result.retries).toEqual([
      { stateName: "Invoke", error: "Throttled", attempt: 1, delaySeconds: 2, jitter: "FULL" },
      { stateName: "Invoke", error: "Throttled", attempt: 2, delaySeconds: 4, jitter: "FULL" },
      { stateName: "Invoke", error: "Throttled", attempt: 3, delaySeconds: 5, jitter: "FULL" },
    ]);
    const errorOutput = { Error: "Throttled", Cause: "attempt 4" };
    expect(result.output).toEqual({ failure: errorOutput, caughtOutput: errorOutput });
    expect(result.statesEntered).toEqual(["Invoke", "Recover"]);
    expect(result.transitions).toBe(5);
  });

  test("defaults: IntervalSeconds 1, BackoffRate 2, MaxAttempts 3, no jitter; a success ends the retries", async () => {
    // GIVEN
    const definition = machine({
      Invoke: { Type: "Task", Resource: LAMBDA, Retry: [{ ErrorEquals: ["Boom"] }], End: true },
    });
    // WHEN
    const result = await execute(definition, { handler: failingThen(["Boom", "Boom"], { ok: 1 }) });
    // THEN
    expect(result).toMatchObject({ status: "SUCCEEDED", output: { ok: 1 }, transitions: 3 });
    expect(result.retries.map(({ delaySeconds, jitter }) => ({ delaySeconds, jitter }))).toEqual([
      { delaySeconds: 1, jitter: "NONE" },
      { delaySeconds: 2, jitter: "NONE" },
    ]);
  });

  test("MaxAttempts 0 never retries, and an uncaught error fails the execution", async () => {
    // GIVEN
    const definition = machine({
      Invoke: { Type: "Task", Resource: LAMBDA, Retry: [{ ErrorEquals: ["Boom"], MaxAttempts: 0 }], End: true },
    });
    // WHEN
    const result = await execute(definition, { handler: failingThen(["Boom"]) });
    // THEN
    expect(result).toMatchObject({ status: "FAILED", error: "Boom", cause: "attempt 1", retries: [] });
    expect(result.calls).toHaveLength(1);
  });

  test("each retrier counts its own attempts and only the first matching retrier applies", async () => {
    // GIVEN
    const definition = machine({
      Invoke: {
        Type: "Task",
        Resource: LAMBDA,
        Retry: [
          { ErrorEquals: ["A"], MaxAttempts: 1 },
          { ErrorEquals: ["B", "A"], MaxAttempts: 5 },
        ],
        End: true,
      },
    });
    // WHEN
    const result = await execute(definition, { handler: failingThen(["A", "B", "B", "A"]) });
    // THEN the second A finds the A retrier exhausted and is not retried by the B retrier
    expect(result.retries.map(({ error, attempt }) => [error, attempt])).toEqual([
      ["A", 1],
      ["B", 1],
      ["B", 2],
    ]);
    expect(result).toMatchObject({ status: "FAILED", error: "A", cause: "attempt 4" });
  });

  test("States.TaskFailed matches every error except States.Timeout, which States.ALL matches", async () => {
    // GIVEN
    const definition = machine({
      Invoke: {
        Type: "Task",
        Resource: LAMBDA,
        Retry: [{ ErrorEquals: ["States.TaskFailed"], MaxAttempts: 1 }],
        Catch: [
          { ErrorEquals: ["States.TaskFailed"], Output: "task-failed", Next: "Done" },
          { ErrorEquals: ["States.ALL"], Output: "all", Next: "Done" },
        ],
        End: true,
      },
      Done: { Type: "Succeed" },
    });
    // WHEN
    const custom = await execute(definition, { handler: failingThen(["Custom.Error", "Custom.Error"]) });
    const timeout = await execute(definition, { handler: failingThen(["States.Timeout"]) });
    // THEN
    expect([custom.output, custom.retries.length]).toEqual(["task-failed", 1]);
    expect([timeout.output, timeout.retries.length]).toEqual(["all", 0]);
  });

  test("a caught error skips the state's own Assign", async () => {
    // GIVEN
    const definition = machine({
      Invoke: {
        Type: "Task",
        Resource: LAMBDA,
        Assign: { fromTask: true },
        Catch: [{ ErrorEquals: ["Boom"], Assign: { fromCatch: "{% $states.errorOutput.Cause %}" }, Next: "Done" }],
        End: true,
      },
      Done: {
        Type: "Pass",
        Output: { fromTask: "{% $exists($fromTask) %}", fromCatch: "{% $fromCatch %}" },
        End: true,
      },
    });
    // WHEN
    const result = await execute(definition, { handler: failingThen(["Boom"]) });
    // THEN
    expect(result.output).toEqual({ fromTask: false, fromCatch: "attempt 1" });
  });
});

describe("Fail", () => {
  test("Error and Cause may be JSONata expressions", async () => {
    // GIVEN
    const definition = machine({
      Stop: {
        Type: "Fail",
        Error: "{% 'Job.' & $states.input.kind %}",
        Cause: "{% 'job ' & $states.input.id & ' failed' %}",
      },
    });
    // WHEN
    const result = await execute(definition, { handler: noTasks, input: { kind: "Failed", id: "j-1" } });
    // THEN
    expect(result).toEqual({
      status: "FAILED",
      error: "Job.Failed",
      cause: "job j-1 failed",
      calls: [],
      statesEntered: ["Stop"],
      transitions: 1,
      retries: [],
      stops: [],
      elapsedSeconds: 0,
    });
  });
});

describe("Parallel", () => {
  test("the result is the array of branch outputs and branch assignments stay in their branch", async () => {
    // GIVEN
    const definition = machine({
      Init: { Type: "Pass", Assign: { x: 1 }, Next: "Fork" },
      Fork: {
        Type: "Parallel",
        Arguments: { base: "{% $states.input.base %}" },
        Branches: [
          {
            StartAt: "Set",
            States: {
              Set: { Type: "Pass", Assign: { x: 10 }, Next: "Get" },
              Get: { Type: "Pass", Output: "{% $states.input.base + $x %}", End: true },
            },
          },
          { StartAt: "Read", States: { Read: { Type: "Pass", Output: "{% $states.input.base + $x %}", End: true } } },
        ],
        Output: { results: "{% $states.result %}", x: "{% $x %}" },
        End: true,
      },
    });
    // WHEN
    const result = await execute(definition, { handler: noTasks, input: { base: 100 } });
    // THEN
    expect(result.output).toEqual({ results: [110, 101], x: 1 });
    expect(result.statesEntered).toEqual(["Init", "Fork", "Set", "Get", "Read"]);
    expect(result.transitions).toBe(5);
  });

  test("a failing branch fails the Parallel state, which its Catch can handle", async () => {
    // GIVEN
    const definition = machine({
      Fork: {
        Type: "Parallel",
        Branches: [
          { StartAt: "Work", States: { Work: { Type: "Task", Resource: LAMBDA, End: true } } },
          { StartAt: "Never", States: { Never: { Type: "Pass", End: true } } },
        ],
        Catch: [{ ErrorEquals: ["Job.Failed"], Next: "Handle" }],
        End: true,
      },
      Handle: { Type: "Pass", End: true },
    });
    // WHEN
    const result = await execute(definition, { handler: failingThen(["Job.Failed"]) });
    // THEN
    expect(result.output).toEqual({ Error: "Job.Failed", Cause: "attempt 1" });
    expect(result.statesEntered).toEqual(["Fork", "Work", "Handle"]);
  });

  test("an uncaught branch failure fails the execution with the branch's error", async () => {
    // GIVEN
    const definition = machine({
      Fork: {
        Type: "Parallel",
        Branches: [{ StartAt: "Stop", States: { Stop: { Type: "Fail", Error: "Branch.Failed", Cause: "why" } } }],
        End: true,
      },
    });
    // WHEN
    const result = await execute(definition, { handler: noTasks });
    // THEN
    expect(result).toMatchObject({ status: "FAILED", error: "Branch.Failed", cause: "why" });
  });
});

describe("JSONata evaluation errors", () => {
  test("an expression that throws fails the state with States.QueryEvaluationError and the JSONata message", async () => {
    // GIVEN
    const definition = machine({ Bad: { Type: "Pass", Output: { value: "{% $notAFunction() %}" }, End: true } });
    // WHEN
    const result = await execute(definition, { handler: noTasks });
    // THEN
    expect(result).toMatchObject({
      status: "FAILED",
      error: "States.QueryEvaluationError",
      cause:
        "The JSONata expression '$notAFunction()' specified for the field 'Output.value' in state 'Bad' threw an error: Attempted to invoke a non-function",
    });
  });

  test("an expression that returns nothing fails the state", async () => {
    // GIVEN
    const definition = machine({ Bad: { Type: "Pass", Assign: { missing: "{% $states.input.nope %}" }, End: true } });
    // WHEN
    const result = await execute(definition, { handler: noTasks });
    // THEN
    expect(result.cause).toBe(
      "The JSONata expression '$states.input.nope' specified for the field 'Assign.missing' in state 'Bad' returned nothing (undefined)"
    );
  });

  test("a Task's evaluation error can be caught like any other error", async () => {
    // GIVEN
    const definition = machine({
      Invoke: {
        Type: "Task",
        Resource: LAMBDA,
        Arguments: "{% $states.input.nope %}",
        Catch: [{ ErrorEquals: ["States.QueryEvaluationError"], Output: "caught", Next: "Done" }],
        End: true,
      },
      Done: { Type: "Succeed" },
    });
    // WHEN
    const result = await execute(definition, { handler: noTasks });
    // THEN
    expect(result).toMatchObject({ status: "SUCCEEDED", output: "caught", calls: [] });
  });

  test("a Choice Condition that is not a boolean fails the state", async () => {
    // GIVEN
    const definition = machine({
      Route: { Type: "Choice", Choices: [{ Condition: "{% $states.input.size %}", Next: "Done" }] },
      Done: { Type: "Succeed" },
    });
    // WHEN
    const result = await execute(definition, { handler: noTasks, input: { size: 3 } });
    // THEN
    expect(result).toMatchObject({
      error: "States.QueryEvaluationError",
      cause: "The Condition Choices[0].Condition in state 'Route' returned 3, not a boolean",
    });
  });
});

describe("context object", () => {
  test("$states.context describes the execution, the state machine and the state", async () => {
    // GIVEN
    const definition = machine({
      Invoke: {
        Type: "Task",
        Resource: LAMBDA,
        Arguments: "{% $states.context %}",
        Retry: [{ ErrorEquals: ["Boom"] }],
        End: true,
      },
    });
    // WHEN
    const result = await execute(definition, {
      handler: failingThen(["Boom"]),
      input: { job: 1 },
      executionName: "run-1",
      startTime: "2026-11-26T05:03:38.123Z",
      stateMachineArn: "arn:aws:states:eu-west-1:111122223333:stateMachine:finetune",
    });
    // THEN
    expect(result.calls[1].arguments).toEqual({
      Execution: {
        Id: "arn:aws:states:eu-west-1:111122223333:execution:finetune:run-1",
        Name: "run-1",
        StartTime: "2026-11-26T05:03:38.123Z",
        Input: { job: 1 },
        RoleArn: "arn:aws:iam::123456789012:role/HarnessStateMachineRole",
        RedriveCount: 0,
      },
      StateMachine: { Id: "arn:aws:states:eu-west-1:111122223333:stateMachine:finetune", Name: "finetune" },
      State: { Name: "Invoke", EnteredTime: "2026-11-26T05:03:38.123Z", RetryCount: 1 },
    });
  });

  test("an explicit executionArn is used as is", async () => {
    // GIVEN
    const definition = machine({ Show: { Type: "Pass", Output: "{% $states.context.Execution.Id %}", End: true } });
    // WHEN
    const result = await execute(definition, {
      handler: noTasks,
      executionArn: "arn:aws:states:us-east-1:1:execution:sm:x",
    });
    // THEN
    expect(result.output).toBe("arn:aws:states:us-east-1:1:execution:sm:x");
  });
});

describe("guards and structure", () => {
  test("exceeding maxTransitions throws instead of looping forever", async () => {
    // GIVEN
    const definition = machine({
      Poll: { Type: "Wait", Seconds: "{% $states.input.delay %}", Next: "Check" },
      Check: {
        Type: "Choice",
        Choices: [{ Condition: "{% $states.input.delay > 0 %}", Next: "Poll" }],
        Default: "Done",
      },
      Done: { Type: "Succeed" },
    });
    // WHEN / THEN
    await expect(execute(definition, { handler: noTasks, input: { delay: 30 }, maxTransitions: 5 })).rejects.toThrow(
      "Execution exceeded maxTransitions (5); the workflow may loop forever"
    );
  });

  test.each<[string, StateMachineDefinition, string]>([
    [
      "an unknown Next",
      { QueryLanguage: "JSONata", StartAt: "A", States: { A: { Type: "Pass", Next: "Nowhere" } } },
      "Invalid state machine (StateMachine): state 'A' field Next names unknown state 'Nowhere'",
    ],
    [
      "a missing StartAt state",
      { QueryLanguage: "JSONata", StartAt: "Missing", States: { A: { Type: "Succeed" } } },
      "Invalid state machine (StateMachine): StartAt 'Missing' is not a state in States",
    ],
    [
      "a state without Next or End",
      { QueryLanguage: "JSONata", StartAt: "A", States: { A: { Type: "Pass" } } },
      `Invalid state machine (StateMachine): state 'A' must have exactly one of Next or "End": true`,
    ],
    [
      "an unknown Catch target in a branch",
      {
        QueryLanguage: "JSONata",
        StartAt: "P",
        States: {
          P: {
            Type: "Parallel",
            End: true,
            Branches: [
              {
                StartAt: "T",
                States: {
                  T: { Type: "Task", Resource: LAMBDA, End: true, Catch: [{ ErrorEquals: ["States.ALL"], Next: "X" }] },
                },
              },
            ],
          },
        },
      },
      "Invalid state machine (StateMachine.P.Branches[0]): state 'T' field Catch[0].Next names unknown state 'X'",
    ],
    [
      "a JSONPath field",
      {
        QueryLanguage: "JSONata",
        StartAt: "A",
        States: { A: { Type: "Pass", End: true, ResultPath: "$.x" } as unknown as State },
      },
      "Invalid state machine (StateMachine): state 'A' has JSONPath field ResultPath; use Arguments, Output or Assign",
    ],
    [
      "the JSONPath query language",
      { StartAt: "A", States: { A: { Type: "Pass", End: true } } },
      "Invalid state machine (StateMachine): state 'A' uses query language JSONPath (the default); the harness runs JSONata only",
    ],
    [
      "a Map state",
      { QueryLanguage: "JSONata", StartAt: "M", States: { M: { Type: "Map", End: true } as unknown as State } },
      "Invalid state machine (StateMachine): state 'M' has Type Map, which the harness does not run (Map is not supported)",
    ],
  ])("rejects %s", async (_, definition, message) => {
    // WHEN / THEN
    await expect(execute(definition, { handler: noTasks })).rejects.toThrow(new Error(message));
  });
});

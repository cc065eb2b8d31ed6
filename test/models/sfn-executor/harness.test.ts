import type { AnyState as State, AnyStateMachineDefinition as StateMachineDefinition } from "../../../src/workflow/asl";
import { aslErrors } from "./asl-validator";
import { delayed, execute, hang, SfnError, type TaskCall, type TaskHandler } from "./harness";

const LAMBDA = "arn:aws:states:::lambda:invoke";
const RUN_TASK = "arn:aws:states:::ecs:runTask.sync";
const START_CHILD = "arn:aws:states:::states:startExecution.sync:2";
const ONE_YEAR = 365 * 24 * 60 * 60;

/** A JSONata state machine that asl-validator accepts; a fixture that is not fails the test. */
function machine(States: Record<string, State>, StartAt = Object.keys(States)[0]): StateMachineDefinition {
  const definition: StateMachineDefinition = { QueryLanguage: "JSONata", StartAt, States };
  expect(aslErrors(definition)).toBe("");
  return definition;
}

/** The same machine with an execution-level TimeoutSeconds. */
function timed(definition: StateMachineDefinition, TimeoutSeconds: number): StateMachineDefinition {
  const withTimeout = { ...definition, TimeoutSeconds };
  expect(aslErrors(withTimeout)).toBe("");
  return withTimeout;
}

/** Answers each Task by its state name. */
function byState(answers: Readonly<Record<string, unknown>>): TaskHandler {
  return (call) => {
    if (!(call.stateName in answers)) throw new Error(`unexpected Task call ${call.stateName}`);
    return answers[call.stateName];
  };
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
      }),
    ).rejects.toThrow(new TypeError("recording missing"));
  });

  test("a handler that returns undefined is a test bug and rejects", async () => {
    // GIVEN
    const definition = machine({ Invoke: { Type: "Task", Resource: LAMBDA, End: true } });
    // WHEN / THEN
    await expect(execute(definition, { handler: () => undefined })).rejects.toThrow(
      new Error("The handler returned undefined for Task 'Invoke'; return the service response ({} when it is empty)"),
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

  test("an Error in Step Functions' own States. namespace is refused, as the States Language reserves it", async () => {
    // GIVEN
    const definition = machine({ Stop: { Type: "Fail", Error: "{% 'States.' & $states.input.kind %}" } });
    // WHEN
    const run = execute(definition, { handler: noTasks, input: { kind: "Timeout" } });
    // THEN
    await expect(run).rejects.toThrow(
      "The Fail state 'Stop' reports States.Timeout, a name reserved for Step Functions' own errors.",
    );
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
      "The JSONata expression '$states.input.nope' specified for the field 'Assign.missing' in state 'Bad' returned nothing (undefined)",
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
      "Execution exceeded maxTransitions (5); the workflow may loop forever",
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
    [
      "an execution TimeoutSeconds of 0",
      { QueryLanguage: "JSONata", TimeoutSeconds: 0, StartAt: "A", States: { A: { Type: "Succeed" } } },
      "Invalid state machine (StateMachine): TimeoutSeconds must be an integer from 1 to 99999999, got 0",
    ],
    [
      "a fractional Task TimeoutSeconds",
      {
        QueryLanguage: "JSONata",
        StartAt: "T",
        States: { T: { Type: "Task", Resource: LAMBDA, TimeoutSeconds: 1.5, End: true } },
      },
      "Invalid state machine (StateMachine): state 'T' TimeoutSeconds must be an integer from 1 to 99999999, got 1.5",
    ],
    [
      "a Task TimeoutSeconds over 99999999",
      {
        QueryLanguage: "JSONata",
        StartAt: "T",
        States: { T: { Type: "Task", Resource: LAMBDA, TimeoutSeconds: 100_000_000, End: true } },
      },
      "Invalid state machine (StateMachine): state 'T' TimeoutSeconds must be an integer from 1 to 99999999, got 100000000",
    ],
    [
      "a HeartbeatSeconds not below TimeoutSeconds",
      {
        QueryLanguage: "JSONata",
        StartAt: "T",
        States: { T: { Type: "Task", Resource: LAMBDA, TimeoutSeconds: 60, HeartbeatSeconds: 60, End: true } },
      },
      "Invalid state machine (StateMachine): state 'T' HeartbeatSeconds 60 must be less than TimeoutSeconds 60",
    ],
    [
      "a Wait Seconds over 99999999",
      {
        QueryLanguage: "JSONata",
        StartAt: "W",
        States: { W: { Type: "Wait", Seconds: 100_000_000, End: true } },
      },
      "Invalid state machine (StateMachine): state 'W' Seconds must be an integer from 0 to 99999999, got 100000000",
    ],
  ])("rejects %s", async (_, definition, message) => {
    // WHEN / THEN
    await expect(execute(definition, { handler: noTasks })).rejects.toThrow(new Error(message));
  });
});

describe("answers that take time", () => {
  test("an answer arrives after the seconds the handler gives, and the clock shows them", async () => {
    // GIVEN
    const definition = machine({
      Invoke: { Type: "Task", Resource: LAMBDA, TimeoutSeconds: 60, Next: "Show" },
      Show: { Type: "Pass", Output: "{% $states.context.State.EnteredTime %}", End: true },
    });
    // WHEN
    const result = await execute(definition, {
      handler: () => delayed(59, { ok: true }),
      startTime: "2026-01-01T00:00:00.000Z",
    });
    // THEN
    expect(result).toMatchObject({ status: "SUCCEEDED", output: "2026-01-01T00:00:59.000Z", elapsedSeconds: 59 });
  });

  test("a delayed SfnError fails the attempt when it arrives", async () => {
    // GIVEN
    const definition = machine({ Invoke: { Type: "Task", Resource: LAMBDA, End: true } });
    // WHEN
    const result = await execute(definition, { handler: () => delayed(12, new SfnError("Job.Failed", "exit 1")) });
    // THEN
    expect(result).toMatchObject({ status: "FAILED", error: "Job.Failed", cause: "exit 1", elapsedSeconds: 12 });
  });

  test.each<[string, () => unknown]>([
    ["negative seconds", () => delayed(-1, {})],
    ["infinite seconds", () => delayed(Infinity, {})],
    ["no answer", () => delayed(5, undefined)],
    ["a delayed answer inside another", () => delayed(5, delayed(1, {}))],
  ])("delayed() refuses %s", (_, make) => {
    // WHEN / THEN
    expect(make).toThrow(/^A delayed answer needs/);
  });

  test("retry delays advance the clock by the computed delay, the upper bound of FULL jitter", async () => {
    // GIVEN
    const definition = machine({
      Invoke: {
        Type: "Task",
        Resource: LAMBDA,
        Retry: [
          { ErrorEquals: ["Throttled"], IntervalSeconds: 2, BackoffRate: 2, MaxAttempts: 3, JitterStrategy: "FULL" },
        ],
        End: true,
      },
    });
    // WHEN
    const result = await execute(definition, { handler: failingThen(["Throttled", "Throttled", "Throttled"]) });
    // THEN 2 + 4 + 8 seconds of delays, every attempt answering at once
    expect(result).toMatchObject({ status: "SUCCEEDED", elapsedSeconds: 14 });
  });

  test("a Wait advances the clock by its Seconds, or up to its Timestamp", async () => {
    // GIVEN
    const definition = machine({
      Pause: { Type: "Wait", Seconds: "{% $states.input.pause %}", Next: "Until" },
      Until: { Type: "Wait", Timestamp: "2026-01-01T01:00:00Z", Next: "Show" },
      Show: { Type: "Pass", Output: "{% $states.context.State.EnteredTime %}", End: true },
    });
    // WHEN
    const result = await execute(definition, { handler: noTasks, input: { pause: 90 } });
    // THEN
    expect(result).toMatchObject({ output: "2026-01-01T01:00:00.000Z", elapsedSeconds: 3600 });
  });

  test("a Wait Timestamp that is not RFC 3339 fails the state", async () => {
    // GIVEN
    const definition = machine({ Until: { Type: "Wait", Timestamp: "{% '2026-01-01 01:00' %}", End: true } });
    // WHEN
    const result = await execute(definition, { handler: noTasks });
    // THEN
    expect(result).toMatchObject({
      status: "FAILED",
      error: "States.QueryEvaluationError",
      cause: `The field Timestamp in state 'Until' returned "2026-01-01 01:00", not an RFC 3339 timestamp`,
    });
  });
});

describe("Task TimeoutSeconds", () => {
  test("an attempt that runs too long fails with States.Timeout after exactly TimeoutSeconds, with no Cause", async () => {
    // GIVEN
    const definition = machine({
      Invoke: {
        Type: "Task",
        Resource: LAMBDA,
        TimeoutSeconds: 30,
        Catch: [{ ErrorEquals: ["States.Timeout"], Next: "Caught" }],
        End: true,
      },
      Caught: { Type: "Pass", End: true },
    });
    // WHEN
    const result = await execute(definition, { handler: () => hang() });
    // THEN the catcher's default output is the error output, which has no Cause
    expect(result).toMatchObject({ status: "SUCCEEDED", output: { Error: "States.Timeout" }, elapsedSeconds: 30 });
  });

  test("an uncaught timeout fails the execution without a cause", async () => {
    // GIVEN
    const definition = machine({ Invoke: { Type: "Task", Resource: LAMBDA, TimeoutSeconds: 30, End: true } });
    // WHEN
    const result = await execute(definition, { handler: () => delayed(31, { late: true }) });
    // THEN
    expect(result).toMatchObject({ status: "FAILED", error: "States.Timeout", elapsedSeconds: 30 });
    expect(result).not.toHaveProperty("cause");
  });

  test("an answer due at the very second the timeout fires loses the race", async () => {
    // GIVEN
    const definition = machine({ Invoke: { Type: "Task", Resource: LAMBDA, TimeoutSeconds: 30, End: true } });
    // WHEN
    const onTime = await execute(definition, { handler: () => delayed(29, { ok: true }) });
    const tie = await execute(definition, { handler: () => delayed(30, { ok: true }) });
    // THEN
    expect([onTime.status, tie.status, tie.error]).toEqual(["SUCCEEDED", "FAILED", "States.Timeout"]);
  });

  test("a timeout is retried like any error, and each attempt gets its own TimeoutSeconds", async () => {
    // GIVEN
    const definition = machine({
      Invoke: {
        Type: "Task",
        Resource: LAMBDA,
        TimeoutSeconds: 10,
        Retry: [{ ErrorEquals: ["States.Timeout"], IntervalSeconds: 3, MaxAttempts: 1 }],
        End: true,
      },
    });
    // WHEN
    const result = await execute(definition, {
      handler: (call) => (call.attempt === 1 ? hang() : delayed(9, { ok: 2 })),
    });
    // THEN 10 s timed out, 3 s delay, 9 s answer
    expect(result).toMatchObject({ status: "SUCCEEDED", output: { ok: 2 }, elapsedSeconds: 22 });
    expect(result.retries).toEqual([
      { stateName: "Invoke", error: "States.Timeout", attempt: 1, delaySeconds: 3, jitter: "NONE" },
    ]);
  });

  test("a real timeout is matched by States.ALL, not by States.TaskFailed", async () => {
    // GIVEN
    const definition = machine({
      Invoke: {
        Type: "Task",
        Resource: LAMBDA,
        TimeoutSeconds: 5,
        Retry: [{ ErrorEquals: ["States.TaskFailed"] }],
        Catch: [
          { ErrorEquals: ["States.TaskFailed"], Output: "task-failed", Next: "Done" },
          { ErrorEquals: ["States.ALL"], Output: "all", Next: "Done" },
        ],
        End: true,
      },
      Done: { Type: "Succeed" },
    });
    // WHEN
    const result = await execute(definition, { handler: () => hang() });
    // THEN
    expect(result).toMatchObject({ output: "all", retries: [], elapsedSeconds: 5 });
  });

  test("TimeoutSeconds may be a JSONata expression, evaluated for each attempt", async () => {
    // GIVEN
    const definition = machine({
      Invoke: { Type: "Task", Resource: LAMBDA, TimeoutSeconds: "{% $states.input.timeout %}", End: true },
    });
    // WHEN
    const result = await execute(definition, { handler: () => hang(), input: { timeout: 45 } });
    const invalid = await execute(definition, { handler: () => hang(), input: { timeout: 0 } });
    // THEN
    expect(result).toMatchObject({ error: "States.Timeout", elapsedSeconds: 45 });
    expect(invalid).toMatchObject({
      error: "States.QueryEvaluationError",
      cause: "The field TimeoutSeconds in state 'Invoke' returned 0, not an integer from 1 to 99999999",
      calls: [],
    });
  });

  test("without TimeoutSeconds a Task may run as long as the execution: one year, then the execution times out", async () => {
    // GIVEN
    const definition = machine({
      Invoke: { Type: "Task", Resource: LAMBDA, Catch: [{ ErrorEquals: ["States.ALL"], Next: "Caught" }], End: true },
      Caught: { Type: "Pass", End: true },
    });
    // WHEN
    const result = await execute(definition, { handler: () => hang() });
    // THEN the Task's own default (99,999,999 s) would come later, so no catcher runs
    expect(result).toMatchObject({ status: "TIMED_OUT", error: "States.Timeout", elapsedSeconds: ONE_YEAR });
  });
});

describe("stopping .sync work", () => {
  test("a timed-out .sync Task has its ECS task or child execution stopped; a request-response Task has nothing to stop", async () => {
    // GIVEN
    const definition = machine({
      RunJob: {
        Type: "Task",
        Resource: RUN_TASK,
        TimeoutSeconds: 5,
        Catch: [{ ErrorEquals: ["States.ALL"], Next: "Child" }],
        End: true,
      },
      Child: {
        Type: "Task",
        Resource: START_CHILD,
        TimeoutSeconds: 5,
        Catch: [{ ErrorEquals: ["States.ALL"], Next: "Invoke" }],
        End: true,
      },
      Invoke: {
        Type: "Task",
        Resource: LAMBDA,
        TimeoutSeconds: 5,
        Catch: [{ ErrorEquals: ["States.ALL"], Next: "Done" }],
        End: true,
      },
      Done: { Type: "Succeed" },
    });
    const told: TaskCall[] = [];
    // WHEN
    const result = await execute(definition, { handler: () => hang(), onStop: (call) => told.push(call) });
    // THEN
    expect(result.stops.map((call) => call.stateName)).toEqual(["RunJob", "Child"]);
    expect(told).toEqual(result.stops);
    expect(result.stops[0]).toBe(result.calls[0]);
    expect(result.elapsedSeconds).toBe(15);
  });

  test("a .sync Task that answers in time is not stopped", async () => {
    // GIVEN
    const definition = machine({ RunJob: { Type: "Task", Resource: RUN_TASK, TimeoutSeconds: 5, End: true } });
    // WHEN
    const result = await execute(definition, { handler: () => delayed(4, { Tasks: [] }) });
    // THEN
    expect(result).toMatchObject({ status: "SUCCEEDED", stops: [] });
  });
});

describe("execution TimeoutSeconds", () => {
  const slowJob = (): StateMachineDefinition =>
    machine({
      RunJob: {
        Type: "Task",
        Resource: RUN_TASK,
        TimeoutSeconds: 3600,
        Retry: [{ ErrorEquals: ["States.ALL"] }],
        Catch: [{ ErrorEquals: ["States.ALL"], Next: "Caught" }],
        End: true,
      },
      Caught: { Type: "Pass", End: true },
    });

  test("the execution times out at its TimeoutSeconds, uncaught, and the running .sync work is stopped", async () => {
    // GIVEN
    const definition = timed(slowJob(), 600);
    const told: TaskCall[] = [];
    // WHEN
    const result = await execute(definition, { handler: () => hang(), onStop: (call) => told.push(call) });
    // THEN
    expect(result).toEqual({
      status: "TIMED_OUT",
      error: "States.Timeout",
      calls: [{ stateName: "RunJob", resource: RUN_TASK, arguments: {}, attempt: 1 }],
      stops: [{ stateName: "RunJob", resource: RUN_TASK, arguments: {}, attempt: 1 }],
      statesEntered: ["RunJob"],
      transitions: 1,
      retries: [],
      elapsedSeconds: 600,
    });
    expect(told).toEqual(result.stops);
  });

  test("work ending at the very second the execution times out is too late", async () => {
    // GIVEN
    const definition = timed(slowJob(), 600);
    // WHEN
    const result = await execute(definition, { handler: () => delayed(600, { Tasks: [] }) });
    // THEN
    expect(result).toMatchObject({ status: "TIMED_OUT", elapsedSeconds: 600 });
  });

  test("the deadline also falls during a retry delay or a Wait, with nothing to stop", async () => {
    // GIVEN
    const retrying = timed(
      machine({
        Invoke: { Type: "Task", Resource: LAMBDA, Retry: [{ ErrorEquals: ["Boom"], IntervalSeconds: 100 }], End: true },
      }),
      50,
    );
    const waiting = timed(machine({ Pause: { Type: "Wait", Seconds: 100, End: true } }), 50);
    // WHEN
    const retried = await execute(retrying, { handler: failingThen(["Boom"]) });
    const waited = await execute(waiting, { handler: noTasks });
    // THEN
    expect(retried).toMatchObject({ status: "TIMED_OUT", error: "States.Timeout", stops: [], elapsedSeconds: 50 });
    expect(retried.calls).toHaveLength(1);
    expect(waited).toMatchObject({ status: "TIMED_OUT", error: "States.Timeout", stops: [], elapsedSeconds: 50 });
  });

  test("an execution that ends in time succeeds", async () => {
    // GIVEN
    const definition = timed(slowJob(), 600);
    // WHEN
    const result = await execute(definition, { handler: () => delayed(599, { Tasks: [] }) });
    // THEN
    expect(result).toMatchObject({ status: "SUCCEEDED", output: { Tasks: [] }, elapsedSeconds: 599 });
  });
});

describe("Parallel on the clock", () => {
  const fork = (catchers: boolean): StateMachineDefinition =>
    machine({
      Fork: {
        Type: "Parallel",
        Branches: [
          {
            StartAt: "Train",
            States: {
              Train: { Type: "Task", Resource: START_CHILD, Next: "Trained" },
              Trained: { Type: "Pass", End: true },
            },
          },
          { StartAt: "Prepare", States: { Prepare: { Type: "Task", Resource: RUN_TASK, End: true } } },
        ],
        ...(catchers && { Catch: [{ ErrorEquals: ["States.ALL"], Next: "Caught" }] }),
        Next: "Show",
      },
      Show: { Type: "Pass", Output: "{% $states.context.State.EnteredTime %}", End: true },
      ...(catchers && { Caught: { Type: "Pass" as const, End: true } }),
    });

  test("branches start together and the Parallel state ends with its slowest branch", async () => {
    // WHEN
    const result = await execute(fork(false), {
      handler: byState({ Train: delayed(300, { Output: "{}" }), Prepare: delayed(120, { Tasks: [] }) }),
    });
    // THEN
    expect(result).toMatchObject({ status: "SUCCEEDED", output: "2026-01-01T00:05:00.000Z", elapsedSeconds: 300 });
    expect(result.statesEntered).toEqual(["Fork", "Train", "Prepare", "Trained", "Show"]);
  });

  test("the first branch to fail fails the Parallel state then, and the other branch's .sync work is stopped", async () => {
    // WHEN
    const result = await execute(fork(true), {
      handler: byState({
        Train: delayed(300, { Output: "{}" }),
        Prepare: delayed(120, new SfnError("ECS.Failed", "exit 1")),
      }),
    });
    // THEN
    expect(result).toMatchObject({
      status: "SUCCEEDED",
      output: { Error: "ECS.Failed", Cause: "exit 1" },
      elapsedSeconds: 120,
    });
    expect(result.stops.map((call) => call.stateName)).toEqual(["Train"]);
    expect(result.statesEntered).toEqual(["Fork", "Train", "Prepare", "Caught"]);
  });

  test("the execution's timeout stops the .sync work of every running branch, in the order it started", async () => {
    // GIVEN
    const definition = timed(fork(true), 200);
    // WHEN
    const result = await execute(definition, { handler: () => hang() });
    // THEN
    expect(result).toMatchObject({ status: "TIMED_OUT", error: "States.Timeout", elapsedSeconds: 200 });
    expect(result.stops.map((call) => call.stateName)).toEqual(["Train", "Prepare"]);
  });
});

describe("Parallel branches stopped", () => {
  test("a failure stops .sync work in nested Parallel branches too", async () => {
    // GIVEN
    const definition = machine({
      Outer: {
        Type: "Parallel",
        Branches: [
          {
            StartAt: "Inner",
            States: {
              Inner: {
                Type: "Parallel",
                Branches: [{ StartAt: "Train", States: { Train: { Type: "Task", Resource: START_CHILD, End: true } } }],
                End: true,
              },
            },
          },
          { StartAt: "Check", States: { Check: { Type: "Task", Resource: LAMBDA, End: true } } },
        ],
        End: true,
      },
    });
    // WHEN
    const result = await execute(definition, {
      handler: byState({ Train: hang(), Check: delayed(7, new SfnError("Check.Failed", "bad data")) }),
    });
    // THEN
    expect(result).toMatchObject({ status: "FAILED", error: "Check.Failed", cause: "bad data", elapsedSeconds: 7 });
    expect(result.stops.map((call) => call.stateName)).toEqual(["Train"]);
  });

  test("a handler bug in one branch still rejects the execution while another branch waits", async () => {
    // GIVEN
    const definition = machine({
      Fork: {
        Type: "Parallel",
        Branches: [
          { StartAt: "Train", States: { Train: { Type: "Task", Resource: START_CHILD, End: true } } },
          { StartAt: "Check", States: { Check: { Type: "Task", Resource: LAMBDA, End: true } } },
        ],
        Catch: [{ ErrorEquals: ["States.ALL"], Next: "Caught" }],
        End: true,
      },
      Caught: { Type: "Pass", End: true },
    });
    // WHEN / THEN
    await expect(
      execute(definition, {
        handler: (call) => {
          if (call.stateName === "Train") return hang();
          throw new TypeError("recording missing");
        },
      }),
    ).rejects.toThrow(new TypeError("recording missing"));
  });
});

describe("payload quota", () => {
  const QUOTA = 262_144;
  /** `{"data":"..."}` of exactly `bytes` UTF-8 bytes, written with `char`. */
  const payload = (bytes: number, char = "x"): { data: string } => {
    const charBytes = Buffer.byteLength(char, "utf8");
    return { data: char.repeat((bytes - 11) / charBytes) };
  };
  const guarded = (): StateMachineDefinition =>
    machine({
      Invoke: {
        Type: "Task",
        Resource: LAMBDA,
        Retry: [{ ErrorEquals: ["States.DataLimitExceeded"] }, { ErrorEquals: ["States.ALL"] }],
        Catch: [
          { ErrorEquals: ["States.DataLimitExceeded"], Next: "Caught" },
          { ErrorEquals: ["States.ALL"], Next: "Caught" },
        ],
        End: true,
      },
      Caught: { Type: "Pass", End: true },
    });

  test("a result of exactly 262,144 bytes passes", async () => {
    // WHEN
    const result = await execute(guarded(), { handler: () => payload(QUOTA) });
    // THEN
    expect(result.status).toBe("SUCCEEDED");
  });

  test("a larger Task result fails the execution with States.DataLimitExceeded, which nothing retries or catches", async () => {
    // WHEN
    const result = await execute(guarded(), { handler: () => payload(QUOTA + 1) });
    // THEN
    expect(result).toMatchObject({
      status: "FAILED",
      error: "States.DataLimitExceeded",
      cause: `The result of Task 'Invoke' (${LAMBDA}) is 262145 bytes, more than the 262,144-byte quota`,
      retries: [],
      statesEntered: ["Invoke"],
    });
  });

  test("size is measured in UTF-8 bytes, not characters", async () => {
    // GIVEN 'é' takes two bytes, so this result has far fewer than 262,144 characters
    const big = payload(QUOTA + 1, "é");
    expect(JSON.stringify(big).length).toBeLessThan(QUOTA);
    // WHEN
    const result = await execute(guarded(), { handler: () => big });
    // THEN
    expect(result.error).toBe("States.DataLimitExceeded");
  });

  test("a Task input over the quota after Arguments processing fails before the call", async () => {
    // GIVEN
    const definition = machine({
      Invoke: {
        Type: "Task",
        Resource: LAMBDA,
        Arguments: { data: "{% $pad('', 262144, 'x') %}" },
        Catch: [{ ErrorEquals: ["States.ALL"], Next: "Caught" }],
        End: true,
      },
      Caught: { Type: "Pass", End: true },
    });
    // WHEN
    const result = await execute(definition, { handler: noTasks });
    // THEN
    expect(result).toMatchObject({
      status: "FAILED",
      error: "States.DataLimitExceeded",
      cause: "The input of Task 'Invoke' after Arguments processing is 262155 bytes, more than the 262,144-byte quota",
      calls: [],
    });
  });

  test("a state output over the quota fails the execution", async () => {
    // GIVEN
    const definition = machine({ Grow: { Type: "Pass", Output: "{% $pad('', 262143, 'x') %}", End: true } });
    // WHEN
    const result = await execute(definition, { handler: noTasks });
    // THEN the JSON string has two quotes more than its characters
    expect(result).toMatchObject({
      status: "FAILED",
      error: "States.DataLimitExceeded",
      cause: "The output of state 'Grow' is 262145 bytes, more than the 262,144-byte quota",
    });
  });

  test("a Parallel state's combined result is held to the quota even when its Output would shrink it", async () => {
    // GIVEN
    const half = { Type: "Pass" as const, Output: "{% $pad('', 140000, 'x') %}", End: true };
    const definition = machine({
      Fork: {
        Type: "Parallel",
        Branches: [
          { StartAt: "A", States: { A: half } },
          { StartAt: "B", States: { B: half } },
        ],
        Output: "{% $count($states.result) %}",
        Catch: [{ ErrorEquals: ["States.ALL"], Next: "Caught" }],
        End: true,
      },
      Caught: { Type: "Pass", End: true },
    });
    // WHEN
    const result = await execute(definition, { handler: noTasks });
    // THEN
    expect(result).toMatchObject({
      status: "FAILED",
      error: "States.DataLimitExceeded",
      cause: "The combined result of Parallel 'Fork' is 280007 bytes, more than the 262,144-byte quota",
    });
  });

  test("StartExecution refuses an input over the quota, so no execution starts", async () => {
    // GIVEN
    const definition = machine({ Only: { Type: "Pass", End: true } });
    // WHEN / THEN
    await expect(execute(definition, { handler: noTasks, input: payload(QUOTA + 1) })).rejects.toThrow(
      new Error("StartExecution refuses an input of 262145 bytes; the quota is 262144 bytes"),
    );
  });
});

describe("variable quotas", () => {
  test("one variable may hold 256 KiB", async () => {
    // GIVEN
    const definition = machine({ Store: { Type: "Pass", Assign: { big: "{% $pad('', 262143, 'x') %}" }, End: true } });
    // WHEN
    const result = await execute(definition, { handler: noTasks });
    // THEN
    expect(result).toMatchObject({
      status: "FAILED",
      error: "States.DataLimitExceeded",
      cause: "Variable 'big' assigned in state 'Store' is 262145 bytes, more than the 262,144-byte quota",
    });
  });

  test("one Assign may set 256 KiB in all", async () => {
    // GIVEN
    const half = "{% $pad('', 140000, 'x') %}";
    const definition = machine({ Store: { Type: "Pass", Assign: { a: half, b: half }, End: true } });
    // WHEN
    const result = await execute(definition, { handler: noTasks });
    // THEN
    expect(result).toMatchObject({
      error: "States.DataLimitExceeded",
      cause: "The Assign of state 'Store' is 280015 bytes, more than the 262,144-byte quota",
    });
  });

  test("an execution may store 10 MiB of variables in all", async () => {
    // GIVEN 42 states, each storing a fresh variable of 255,000 characters, taken from the input
    // (JSONata's $pad would spend more time making them than the harness spends on the quota)
    const names = Array.from({ length: 42 }, (_, index) => `S${index}`);
    const states: Record<string, State> = Object.fromEntries(
      names.map((name, index) => [
        name,
        {
          Type: "Pass" as const,
          Assign: { [`v${index}`]: "{% $states.input.value %}" },
          ...(index + 1 < names.length ? { Next: names[index + 1] } : { End: true }),
        },
      ]),
    );
    // WHEN
    const result = await execute(machine(states), { handler: noTasks, input: { value: "x".repeat(255_000) } });
    // THEN the 42nd variable takes the total past 10,485,760 bytes
    expect(result).toMatchObject({
      status: "FAILED",
      error: "States.DataLimitExceeded",
      cause: "The variables stored after state 'S41' is 10710369 bytes, more than the 10,485,760-byte quota",
    });
    expect(result.statesEntered).toHaveLength(42);
  });
});

describe("errors without Cause or Error", () => {
  test("the error output holds only the fields the error carries", async () => {
    // GIVEN
    const definition = machine({
      Invoke: { Type: "Task", Resource: LAMBDA, Catch: [{ ErrorEquals: ["States.ALL"], Next: "Caught" }], End: true },
      Caught: { Type: "Pass", End: true },
    });
    // WHEN
    const nameOnly = await execute(definition, {
      handler: () => {
        throw new SfnError("Child.Failed");
      },
    });
    const nothing = await execute(definition, {
      handler: () => {
        throw new SfnError();
      },
    });
    // THEN
    expect([nameOnly.output, nothing.output]).toEqual([{ Error: "Child.Failed" }, {}]);
  });

  test("an error without a name is matched only by States.ALL, and an uncaught one fails the execution without error or cause", async () => {
    // GIVEN
    const definition = machine({
      Fork: {
        Type: "Parallel",
        Branches: [{ StartAt: "Stop", States: { Stop: { Type: "Fail" } } }],
        Retry: [{ ErrorEquals: ["States.TaskFailed"] }],
        Catch: [{ ErrorEquals: ["States.TaskFailed"], Next: "Caught" }],
        End: true,
      },
      Caught: { Type: "Pass", End: true },
    });
    // WHEN
    const result = await execute(definition, { handler: noTasks });
    // THEN
    expect(result).toMatchObject({ status: "FAILED", retries: [] });
    expect(result).not.toHaveProperty("error");
    expect(result).not.toHaveProperty("cause");
  });
});

describe("expressions on an error output without a Cause", () => {
  test("$states.errorOutput.Cause yields nothing after a timeout, so the state that reads it fails", async () => {
    // GIVEN the catcher passes the error output on and the next state reads its Cause
    const definition = machine({
      Invoke: {
        Type: "Task",
        Resource: LAMBDA,
        TimeoutSeconds: 5,
        Catch: [{ ErrorEquals: ["States.Timeout"], Next: "Report" }],
        End: true,
      },
      Report: { Type: "Pass", Output: { reason: "{% $states.input.Cause %}" }, End: true },
    });
    // WHEN
    const result = await execute(definition, { handler: () => hang() });
    // THEN
    expect(result).toMatchObject({
      status: "FAILED",
      error: "States.QueryEvaluationError",
      cause:
        "The JSONata expression '$states.input.Cause' specified for the field 'Output.reason' in state 'Report' returned nothing (undefined)",
      statesEntered: ["Invoke", "Report"],
    });
  });

  test("an error in a catcher's own Output is not caught again: the execution fails with States.QueryEvaluationError", async () => {
    // GIVEN
    const definition = machine({
      Invoke: {
        Type: "Task",
        Resource: LAMBDA,
        TimeoutSeconds: 5,
        Catch: [
          { ErrorEquals: ["States.Timeout"], Output: { reason: "{% $states.errorOutput.Cause %}" }, Next: "Done" },
          { ErrorEquals: ["States.ALL"], Next: "Done" },
        ],
        End: true,
      },
      Done: { Type: "Succeed" },
    });
    // WHEN
    const result = await execute(definition, { handler: () => hang() });
    // THEN
    expect(result).toMatchObject({
      status: "FAILED",
      error: "States.QueryEvaluationError",
      cause:
        "The JSONata expression '$states.errorOutput.Cause' specified for the field 'Output.reason' in state 'Invoke' returned nothing (undefined)",
      statesEntered: ["Invoke"],
    });
  });

  test("an error in a catcher's own Assign inside a branch is not caught by the enclosing Parallel state either", async () => {
    // GIVEN
    const definition = machine({
      Fork: {
        Type: "Parallel",
        Branches: [
          {
            StartAt: "Invoke",
            States: {
              Invoke: {
                Type: "Task",
                Resource: LAMBDA,
                TimeoutSeconds: 5,
                Catch: [
                  { ErrorEquals: ["States.ALL"], Assign: { reason: "{% $states.errorOutput.Cause %}" }, Next: "Done" },
                ],
                End: true,
              },
              Done: { Type: "Succeed" },
            },
          },
        ],
        Catch: [{ ErrorEquals: ["States.ALL"], Next: "Caught" }],
        End: true,
      },
      Caught: { Type: "Pass", End: true },
    });
    // WHEN
    const result = await execute(definition, { handler: () => hang() });
    // THEN
    expect(result).toMatchObject({ status: "FAILED", error: "States.QueryEvaluationError" });
    expect(result.statesEntered).toEqual(["Fork", "Invoke"]);
  });
});

describe("States.Runtime", () => {
  test("is neither retried nor caught, even by States.ALL or a retrier that names it: the execution fails", async () => {
    // GIVEN
    const definition = machine({
      Invoke: {
        Type: "Task",
        Resource: LAMBDA,
        Retry: [{ ErrorEquals: ["States.Runtime"] }, { ErrorEquals: ["States.ALL"] }],
        Catch: [{ ErrorEquals: ["States.ALL"], Next: "Recover" }],
        End: true,
      },
      Recover: { Type: "Pass", End: true },
    });
    // WHEN
    const result = await execute(definition, { handler: failingThen(["States.Runtime"]) });
    // THEN
    expect(result).toMatchObject({
      status: "FAILED",
      error: "States.Runtime",
      cause: "attempt 1",
      retries: [],
      statesEntered: ["Invoke"],
    });
  });
});

describe("answers an optimized integration fails the Task with", () => {
  const EVENTS = "arn:aws:states:::events:putEvents";
  const task = (Resource: string) =>
    machine({
      Call: { Type: "Task", Resource, Catch: [{ ErrorEquals: ["States.ALL"], Next: "Caught" }], End: true },
      Caught: { Type: "Pass", End: true },
    });
  const run = (Resource: string, answer: unknown) => execute(task(Resource), { handler: () => answer });

  test("RunTask with Failures and no task: AmazonECS.Unknown, the answer as the cause", async () => {
    const answer = {
      Tasks: [],
      Failures: [{ Arn: "arn:aws:ecs:eu-west-1:1:container-instance/x", Reason: "RESOURCE:FARGATE" }],
    };
    expect(await run(RUN_TASK, answer)).toMatchObject({
      status: "SUCCEEDED",
      output: { Error: "AmazonECS.Unknown", Cause: JSON.stringify(answer) },
    });
  });

  test("RunTask with Failures is returned as it is by the Request Response pattern", async () => {
    const answer = { Tasks: [], Failures: [{ Reason: "RESOURCE:FARGATE" }] };
    expect(await run("arn:aws:states:::ecs:runTask", answer)).toMatchObject({ output: answer });
  });

  test("PutEvents with FailedEntryCount > 0: EventBridge.FailedEntry; with 0, a success", async () => {
    const failed = { FailedEntryCount: 1, Entries: [{ ErrorCode: "InternalFailure", ErrorMessage: "try again" }] };
    expect(await run(EVENTS, failed)).toMatchObject({
      output: { Error: "EventBridge.FailedEntry", Cause: JSON.stringify(failed) },
    });
    const accepted = { FailedEntryCount: 0, Entries: [{ EventId: "e1" }] };
    expect(await run(EVENTS, accepted)).toMatchObject({ output: accepted });
  });

  test.each(["FAILED", "TIMED_OUT", "ABORTED"])(
    "a child whose description says %s: States.TaskFailed, the description as the cause",
    async (Status) => {
      const described = { ExecutionArn: "arn:aws:states:eu-west-1:1:execution:child:1", Status };
      expect(await run(START_CHILD, described)).toMatchObject({
        output: { Error: "States.TaskFailed", Cause: JSON.stringify(described) },
      });
    },
  );

  test("a child that SUCCEEDED is the Task's result", async () => {
    const described = { ExecutionArn: "arn:aws:states:eu-west-1:1:execution:child:1", Status: "SUCCEEDED" };
    expect(await run(START_CHILD, described)).toMatchObject({ output: described });
  });
});

/**
 * Runs a JSONata Step Functions definition offline against a test-supplied Task handler, so
 * that tests exercise the real workflow definition with recorded AWS responses. Test code only.
 *
 * Deliberate simplifications: no clock (Wait and retry delays are recorded, not slept; every
 * EnteredTime is StartTime), Parallel branches run one after another in definition order, and
 * Map, JSONPath, timeouts and heartbeats are not simulated.
 */
import type {
  Branch,
  Catcher,
  ChoiceState,
  FailState,
  ParallelState,
  Retrier,
  State,
  StateMachineDefinition,
  TaskState,
} from "./asl";
import { evaluateAssign, evaluateField, QUERY_EVALUATION_ERROR, type Scope, type StatesBinding } from "./jsonata";
import { SfnError } from "./sfn-error";
import { validateDefinition } from "./validate";

export { SfnError } from "./sfn-error";

export interface TaskCall {
  readonly stateName: string;
  readonly resource: string;
  readonly arguments: unknown;
  /** 1-based; grows with each retry of the same state entry. */
  readonly attempt: number;
}

/** Returns the service response, or throws `SfnError(name, cause)` to fail the Task. */
export type TaskHandler = (call: TaskCall) => unknown | Promise<unknown>;

export interface RetryRecord {
  readonly stateName: string;
  readonly error: string;
  /** The retrier's own retry number, 1-based. */
  readonly attempt: number;
  /** Before jitter, after BackoffRate and MaxDelaySeconds. */
  readonly delaySeconds: number;
  readonly jitter: "FULL" | "NONE";
}

export interface ExecutionOptions {
  readonly handler: TaskHandler;
  /** @default {} */
  readonly input?: unknown;
  /** @default derived from stateMachineArn and executionName */
  readonly executionArn?: string;
  /** @default "harness-execution" */
  readonly executionName?: string;
  /** ISO-8601. @default "2026-01-01T00:00:00.000Z" */
  readonly startTime?: string;
  /** @default "arn:aws:states:us-east-1:123456789012:stateMachine:HarnessStateMachine" */
  readonly stateMachineArn?: string;
  /** Guards against infinite loops; exceeding it throws. @default 1000 */
  readonly maxTransitions?: number;
}

export interface ExecutionResult {
  readonly status: "SUCCEEDED" | "FAILED";
  readonly output?: unknown;
  readonly error?: string;
  readonly cause?: string;
  /** Every Task invocation in order, retried attempts included. */
  readonly calls: readonly TaskCall[];
  /** Every state entered in order, Parallel branch states included. */
  readonly statesEntered: readonly string[];
  /** Billed state transitions: states entered plus retry attempts. */
  readonly transitions: number;
  readonly retries: readonly RetryRecord[];
}

const DEFAULT_STATE_MACHINE_ARN = "arn:aws:states:us-east-1:123456789012:stateMachine:HarnessStateMachine";
const DEFAULT_ROLE_ARN = "arn:aws:iam::123456789012:role/HarnessStateMachineRole";

/**
 * Executes `definition` to completion. Resolves with FAILED for workflow errors; rejects for
 * an invalid definition, a handler exception that is not an SfnError, or too many transitions.
 */
export async function execute(definition: StateMachineDefinition, options: ExecutionOptions): Promise<ExecutionResult> {
  validateDefinition(definition);
  const run = new Execution(options);
  try {
    const output = await run.runBranch(definition, run.input, {});
    return { status: "SUCCEEDED", output, ...run.record() };
  } catch (error) {
    if (!(error instanceof SfnError)) throw error;
    // A Fail state may omit Error and Cause; the execution then has none either.
    const failure = {
      ...(error.error !== "" && { error: error.error }),
      ...(error.cause !== "" && { cause: error.cause }),
    };
    return { status: "FAILED", ...failure, ...run.record() };
  }
}

type Variables = Readonly<Record<string, unknown>>;

/** How a state ends: its output, the variables it assigns, and where to go (undefined ends the branch). */
interface StateOutcome {
  readonly output: unknown;
  readonly assigned: Variables;
  readonly next: string | undefined;
}

class Execution {
  private readonly calls: TaskCall[] = [];
  private readonly statesEntered: string[] = [];
  private readonly retries: RetryRecord[] = [];
  private transitions = 0;
  private readonly maxTransitions: number;
  /** `null` is a valid execution input, so only a missing input defaults to `{}`. */
  readonly input: unknown;
  private readonly context: { readonly Execution: object; readonly StateMachine: object; readonly startTime: string };

  constructor(private readonly options: ExecutionOptions) {
    // Standard workflows allow 25,000 history events; tests need far fewer, so a loop shows up fast.
    this.maxTransitions = options.maxTransitions ?? 1000;
    this.input = options.input === undefined ? {} : options.input;
    const stateMachineArn = options.stateMachineArn ?? DEFAULT_STATE_MACHINE_ARN;
    const stateMachineName = stateMachineArn.split(":").pop() ?? stateMachineArn;
    const executionName = options.executionName ?? "harness-execution";
    const startTime = options.startTime ?? "2026-01-01T00:00:00.000Z";
    // https://docs.aws.amazon.com/step-functions/latest/dg/input-output-contextobject.html
    this.context = {
      Execution: {
        Id: options.executionArn ?? `${stateMachineArn.replace(":stateMachine:", ":execution:")}:${executionName}`,
        Name: executionName,
        StartTime: startTime,
        Input: this.input,
        RoleArn: DEFAULT_ROLE_ARN,
        RedriveCount: 0,
      },
      StateMachine: { Id: stateMachineArn, Name: stateMachineName },
      startTime,
    };
  }

  record(): Pick<ExecutionResult, "calls" | "statesEntered" | "transitions" | "retries"> {
    return {
      calls: this.calls,
      statesEntered: this.statesEntered,
      transitions: this.transitions,
      retries: this.retries,
    };
  }

  /** Runs states from StartAt until one ends the branch; returns its output or throws SfnError. */
  async runBranch(branch: Branch, input: unknown, outerVariables: Variables): Promise<unknown> {
    // Each branch works on its own copy, so its assignments never reach the outer scope.
    // https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html#variable-scope
    let variables: Variables = { ...outerVariables };
    let stateName: string | undefined = branch.StartAt;
    let stateInput = input;
    while (stateName !== undefined) {
      this.countTransition();
      this.statesEntered.push(stateName);
      const outcome = await this.runState(stateName, branch.States[stateName], stateInput, variables);
      // All of a state's assignments land together, after every value was evaluated.
      // https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html#variable-evaluation-order
      variables = { ...variables, ...outcome.assigned };
      stateInput = outcome.output;
      stateName = outcome.next;
    }
    return stateInput;
  }

  private countTransition(): void {
    this.transitions += 1;
    if (this.transitions > this.maxTransitions) {
      throw new Error(`Execution exceeded maxTransitions (${this.maxTransitions}); the workflow may loop forever`);
    }
  }

  private scope(
    stateName: string,
    variables: Variables,
    states: Omit<StatesBinding, "context">,
    retryCount = 0
  ): Scope {
    const { Execution, StateMachine, startTime } = this.context;
    const context = {
      Execution,
      StateMachine,
      State: { Name: stateName, EnteredTime: startTime, RetryCount: retryCount },
    };
    return { stateName, variables, states: { ...states, context } };
  }

  private async runState(name: string, state: State, input: unknown, variables: Variables): Promise<StateOutcome> {
    switch (state.Type) {
      case "Task":
        return this.withErrorHandling(name, state, input, variables, (retryCount) =>
          this.runTask(name, state, input, variables, retryCount)
        );
      case "Parallel":
        return this.withErrorHandling(name, state, input, variables, (retryCount) =>
          this.runParallel(name, state, input, variables, retryCount)
        );
      case "Choice":
        return this.runChoice(name, state, input, variables);
      case "Wait": {
        // The harness has no clock: the wait is evaluated, so a bad expression still fails, but not slept.
        const scope = this.scope(name, variables, { input });
        if (state.Seconds !== undefined) await this.evaluateNumber(state.Seconds, scope, "Seconds");
        if (state.Timestamp !== undefined) await evaluateField(state.Timestamp, scope, "Timestamp");
        return this.finish(state, scope, input, state.Next);
      }
      case "Pass":
        return this.finish(state, this.scope(name, variables, { input }), input, state.Next);
      case "Succeed":
        return this.finish(state, this.scope(name, variables, { input }), input, undefined);
      case "Fail":
        throw await this.failure(state, this.scope(name, variables, { input }));
    }
  }

  /**
   * Output and Assign are evaluated with the same bindings, before any assignment applies, so
   * Output sees the variables as they were when the state was entered.
   * https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html#variable-evaluation-order
   */
  private async finish(
    fields: { readonly Output?: unknown; readonly Assign?: Variables },
    scope: Scope,
    defaultOutput: unknown,
    next: string | undefined
  ): Promise<StateOutcome> {
    const output = fields.Output === undefined ? defaultOutput : await evaluateField(fields.Output, scope, "Output");
    const assigned = await evaluateAssign(fields.Assign, scope);
    return { output, assigned, next };
  }

  private async runTask(
    name: string,
    state: TaskState,
    input: unknown,
    variables: Variables,
    retryCount: number
  ): Promise<StateOutcome> {
    const scope = this.scope(name, variables, { input }, retryCount);
    // Assumption: without Arguments the service gets the state input, as JSONPath's Parameters default does.
    const args = state.Arguments === undefined ? input : await evaluateField(state.Arguments, scope, "Arguments");
    if (state.TimeoutSeconds !== undefined) await this.evaluateNumber(state.TimeoutSeconds, scope, "TimeoutSeconds");
    if (state.HeartbeatSeconds !== undefined)
      await this.evaluateNumber(state.HeartbeatSeconds, scope, "HeartbeatSeconds");
    const call: TaskCall = { stateName: name, resource: state.Resource, arguments: args, attempt: retryCount + 1 };
    this.calls.push(call);
    const response = await this.options.handler(call);
    if (response === undefined) {
      throw new Error(
        `The handler returned undefined for Task '${name}'; return the service response ({} when it is empty)`
      );
    }
    const result = JSON.parse(JSON.stringify(response)) as unknown;
    // A Task's default output is its result: https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html
    return this.finish(state, this.scope(name, variables, { input, result }, retryCount), result, state.Next);
  }

  private async runParallel(
    name: string,
    state: ParallelState,
    input: unknown,
    variables: Variables,
    retryCount: number
  ): Promise<StateOutcome> {
    const scope = this.scope(name, variables, { input }, retryCount);
    const branchInput =
      state.Arguments === undefined ? input : await evaluateField(state.Arguments, scope, "Arguments");
    // The first branch to fail fails the Parallel state; later branches are not started.
    // https://docs.aws.amazon.com/step-functions/latest/dg/state-parallel.html
    const result: unknown[] = [];
    for (const branch of state.Branches) result.push(await this.runBranch(branch, branchInput, variables));
    return this.finish(state, this.scope(name, variables, { input, result }, retryCount), result, state.Next);
  }

  /**
   * The first rule whose Condition is true wins and brings its own Assign and Output; the
   * state-level Assign and Output apply only when the Default path is taken.
   * https://docs.aws.amazon.com/step-functions/latest/dg/state-choice.html
   */
  private async runChoice(
    name: string,
    state: ChoiceState,
    input: unknown,
    variables: Variables
  ): Promise<StateOutcome> {
    const scope = this.scope(name, variables, { input });
    for (const [index, rule] of state.Choices.entries()) {
      const field = `Choices[${index}].Condition`;
      const matched = await evaluateField(rule.Condition, scope, field);
      if (typeof matched !== "boolean") {
        throw new SfnError(
          QUERY_EVALUATION_ERROR,
          `The Condition ${field} in state '${name}' returned ${JSON.stringify(matched)}, not a boolean`
        );
      }
      if (matched) return this.finish(rule, scope, input, rule.Next);
    }
    if (state.Default === undefined) {
      throw new SfnError("States.NoChoiceMatched", `No Choice Rule matched in state '${name}' and it has no Default`);
    }
    return this.finish(state, scope, input, state.Default);
  }

  private async failure(state: FailState, scope: Scope): Promise<SfnError> {
    const text = async (value: string | undefined, field: string): Promise<string> => {
      const evaluated = await evaluateField(value ?? "", scope, field);
      if (typeof evaluated !== "string") {
        throw new SfnError(
          QUERY_EVALUATION_ERROR,
          `The field ${field} in state '${scope.stateName}' returned ${JSON.stringify(evaluated)}, not a string`
        );
      }
      return evaluated;
    };
    return new SfnError(await text(state.Error, "Error"), await text(state.Cause, "Cause"));
  }

  private async evaluateNumber(value: number | string, scope: Scope, field: string): Promise<number> {
    const evaluated = await evaluateField(value, scope, field);
    if (typeof evaluated !== "number" || !Number.isInteger(evaluated) || evaluated < 0) {
      throw new SfnError(
        QUERY_EVALUATION_ERROR,
        `The field ${field} in state '${scope.stateName}' returned ${JSON.stringify(
          evaluated
        )}, not a non-negative integer`
      );
    }
    return evaluated;
  }

  /**
   * Runs one attempt after another until one succeeds, no retrier applies, or the first
   * matching retrier is exhausted; then the first matching catcher takes over. An error in the
   * state's own Arguments, Output or Assign counts as a failed attempt too.
   * https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html
   */
  private async withErrorHandling(
    name: string,
    state: { readonly Retry?: readonly Retrier[]; readonly Catch?: readonly Catcher[] },
    input: unknown,
    variables: Variables,
    attempt: (retryCount: number) => Promise<StateOutcome>
  ): Promise<StateOutcome> {
    const retriers = state.Retry ?? [];
    // Each retrier counts its own retries.
    const retriesUsed = retriers.map(() => 0);
    for (let retryCount = 0; ; retryCount += 1) {
      try {
        return await attempt(retryCount);
      } catch (error) {
        if (!(error instanceof SfnError)) throw error;
        const index = retriers.findIndex((retrier) => matches(retrier.ErrorEquals, error.error));
        if (index >= 0 && retriesUsed[index] < (retriers[index].MaxAttempts ?? 3)) {
          retriesUsed[index] += 1;
          this.recordRetry(name, retriers[index], error.error, retriesUsed[index]);
          continue;
        }
        const catcher = (state.Catch ?? []).find((candidate) => matches(candidate.ErrorEquals, error.error));
        if (catcher === undefined) throw error;
        const errorOutput = { Error: error.error, Cause: error.cause };
        // Without Output, a catcher passes the error output on.
        return this.finish(
          catcher,
          this.scope(name, variables, { input, errorOutput }, retryCount),
          errorOutput,
          catcher.Next
        );
      }
    }
  }

  /** https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html#error-handling-retrying-after-an-error */
  private recordRetry(stateName: string, retrier: Retrier, error: string, attempt: number): void {
    const interval = retrier.IntervalSeconds ?? 1;
    const backoff = interval * (retrier.BackoffRate ?? 2) ** (attempt - 1);
    const delaySeconds = retrier.MaxDelaySeconds === undefined ? backoff : Math.min(backoff, retrier.MaxDelaySeconds);
    this.retries.push({ stateName, error, attempt, delaySeconds, jitter: retrier.JitterStrategy ?? "NONE" });
    this.countTransition();
  }
}

/**
 * States.ALL matches every error; States.TaskFailed matches every error except States.Timeout.
 * https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html#error-handling-error-representation
 */
function matches(errorEquals: readonly string[], error: string): boolean {
  return errorEquals.some(
    (name) => name === error || name === "States.ALL" || (name === "States.TaskFailed" && error !== "States.Timeout")
  );
}

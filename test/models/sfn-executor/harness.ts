/**
 * # The offline Step Functions executor
 *
 * Runs any JSONata state machine definition (`AnyStateMachineDefinition`, src/workflow/asl.ts:
 * the module's, or a copy broken on purpose) offline against a test-supplied Task handler, so
 * that tests exercise the real workflow definition with recorded AWS responses. A test tool: it
 * imports nothing else from test/, and from src/ only the ASL types. This file is its entry;
 * each part's tests sit beside it, and harness.test.ts runs the whole.
 *
 * Time is virtual (see clock.ts): a Task attempt takes the time its handler says, retry delays
 * and Wait states advance the clock, and nothing sleeps for real. On that clock the harness
 * enforces Task and execution TimeoutSeconds, stops the `.sync` work a timeout or a failed
 * Parallel branch cuts short, and enforces the payload and variable quotas (quotas.ts). It fails
 * the answers an optimized integration fails (integrations/optimized.ts), and lets nothing catch
 * or retry what AWS documents as terminal.
 *
 * The rules, where each lives, and the pages it cites (under
 * https://docs.aws.amazon.com/step-functions/latest/dg/ unless named in full):
 * - A definition's shape, checked before it runs: JSONata only, no JSONPath field, transitions to
 *   states that exist, seconds AWS accepts (validate.ts): transforming-data, statemachine-structure,
 *   state-task, state-wait.
 * - `{% %}` fields, `$states` and Step Functions' own JSONata functions (jsonata.ts):
 *   transforming-data.
 * - Task, Choice, Wait and Parallel states (here): state-task, state-choice, state-wait,
 *   state-parallel; a Fail state's error names: https://states-language.net/spec.html#appendix-a.
 * - Variables, each branch with its own copy, a state's assignments landing together (here):
 *   workflow-variables.
 * - Retry, Catch, the error output, and the errors nothing catches (here, sfn-error.ts):
 *   concepts-error-handling.
 * - The input StartExecution refuses, and the context object (here):
 *   https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartExecution.html,
 *   input-output-contextobject.
 * - Payload and variable quotas, the one-year execution (quotas.ts): service-quotas,
 *   workflow-variables.
 * - The `.sync` work Step Functions stops when its Task ends without an answer (here, clock.ts):
 *   connect-ecs, connect-stepfunctions, state-parallel.
 * - Answers that arrive with HTTP 200 and still fail the Task (integrations/optimized.ts):
 *   connect-ecs, connect-eventbridge, connect-to-resource.
 * - Every error each integration can raise, for the tests that inject them
 *   (integrations/catalog.ts): concepts-error-handling, supported-services-awssdk and each
 *   integration's page, the services' CommonErrors pages, and botocore's API models.
 *
 * asl-validator.ts wraps the `asl-validator` package, which judges a definition as a whole.
 *
 * Deliberate simplifications: Standard workflows only (no Express 5-minute limit); no Map
 * state, JSONPath, activities or callbacks (.waitForTaskToken); HeartbeatSeconds is evaluated but
 * no heartbeat is simulated; a retry waits its whole computed delay, the upper bound of FULL
 * jitter; branches whose Tasks answer at once run one after another in definition order; the
 * 10 MiB variable quota counts the variables one branch can see; and maxTransitions stands in
 * for the 25,000-event history limit.
 */
import type {
  AnyBranch as Branch,
  AnyCatcher as Catcher,
  AnyChoiceState as ChoiceState,
  AnyFailState as FailState,
  AnyParallelState as ParallelState,
  AnyRetrier as Retrier,
  AnyState as State,
  AnyStateMachineDefinition as StateMachineDefinition,
  AnyTaskState as TaskState,
} from "../../../src/workflow/asl";
import { ExecutionTimedOut, VirtualClock } from "./clock";
import { optimizedFailure } from "./integrations/optimized";
import { evaluateAssign, evaluateField, QUERY_EVALUATION_ERROR, type Scope, type StatesBinding } from "./jsonata";
import {
  ASSIGN_QUOTA_BYTES,
  DATA_LIMIT_EXCEEDED,
  enforceBytes,
  enforceQuota,
  type EntrySizes,
  entrySizes,
  jsonBytes,
  MAX_EXECUTION_SECONDS,
  MAX_SECONDS,
  objectBytes,
  PAYLOAD_QUOTA_BYTES,
  VARIABLE_QUOTA_BYTES,
  VARIABLES_PER_EXECUTION_QUOTA_BYTES,
} from "./quotas";
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

/**
 * Answers a Task call: returns the service response (it arrives at once), a DelayedAnswer (it
 * arrives after some execution time, or never), or throws `SfnError(name, cause)` to fail at once.
 */
export type TaskHandler = (call: TaskCall) => unknown | Promise<unknown>;

/** A service answer that arrives after `seconds` of execution time; see `delayed` and `hang`. */
export class DelayedAnswer {
  constructor(
    readonly seconds: number,
    readonly answer: unknown,
  ) {
    const hangs = seconds === Infinity && answer === undefined;
    if (!hangs && !(Number.isFinite(seconds) && seconds >= 0))
      throw new Error(`A delayed answer needs a finite number of seconds >= 0, got ${seconds}`);
    if (!hangs && (answer === undefined || answer instanceof DelayedAnswer))
      throw new Error("A delayed answer needs the service response, or an SfnError to fail with");
  }
}

/** An answer that arrives after `seconds` of execution time; `answer` may be an SfnError to fail then. */
export function delayed(seconds: number, answer: unknown): DelayedAnswer {
  return new DelayedAnswer(seconds, answer);
}

/** A call that never answers: only a TimeoutSeconds ends it. */
export function hang(): DelayedAnswer {
  return new DelayedAnswer(Infinity, undefined);
}

export interface RetryRecord {
  readonly stateName: string;
  /** Absent when the error carries no name. */
  readonly error?: string;
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
  /** Told of each `.sync` call that Step Functions stops (see ExecutionResult.stops). */
  readonly onStop?: (call: TaskCall) => void;
}

export interface ExecutionResult {
  readonly status: "SUCCEEDED" | "FAILED" | "TIMED_OUT";
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
  /** The `.sync` calls Step Functions stopped, in order: the ECS task or child execution they started. */
  readonly stops: readonly TaskCall[];
  /** The execution time on the virtual clock when the execution ended. */
  readonly elapsedSeconds: number;
}

const DEFAULT_STATE_MACHINE_ARN = "arn:aws:states:us-east-1:123456789012:stateMachine:HarnessStateMachine";
const DEFAULT_ROLE_ARN = "arn:aws:iam::123456789012:role/HarnessStateMachineRole";

/**
 * Executes `definition` to completion. Resolves with FAILED for workflow errors and TIMED_OUT
 * when the execution outlives its TimeoutSeconds; rejects for an invalid definition, an input
 * StartExecution would refuse, a handler exception that is not an SfnError, or too many transitions.
 */
export async function execute(definition: StateMachineDefinition, options: ExecutionOptions): Promise<ExecutionResult> {
  validateDefinition(definition);
  return new Execution(definition, options).run();
}

const TIMEOUT = "States.Timeout";
/**
 * "A States.Runtime error isn't retriable, and will always cause the execution to fail. A retry
 * or catch on States.ALL won't catch States.Runtime errors."
 * https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html
 */
const RUNTIME = "States.Runtime";

type Variables = Readonly<Record<string, unknown>>;

/** How a state ends: its output, the variables it assigns, and where to go (undefined ends the branch). */
interface StateOutcome {
  readonly output: unknown;
  readonly assigned: Variables;
  /** The size of each assigned variable's entry in the variables' JSON, measured once. */
  readonly assignedSizes: EntrySizes;
  readonly next: string | undefined;
}

/** The state being run: its name and when it was entered, for `$states.context.State`. */
interface Frame {
  readonly name: string;
  readonly enteredTime: string;
}

// Step Functions stops the ECS task or child execution a `.sync` Task started when the Task ends
// without its answer (a timeout, the execution's timeout, a stopped Parallel branch); that is why
// the `.sync` IAM policies grant ecs:StopTask and states:StopExecution.
// https://docs.aws.amazon.com/step-functions/latest/dg/connect-ecs.html
// https://docs.aws.amazon.com/step-functions/latest/dg/connect-stepfunctions.html
const RUN_A_JOB = /\.sync(:\d+)?$/;

// Errors raised while a catcher evaluates its own Assign or Output; no catcher sees them again.
const uncatchable = new WeakSet<SfnError>();

class Execution {
  private readonly calls: TaskCall[] = [];
  private readonly stops: TaskCall[] = [];
  private readonly statesEntered: string[] = [];
  private readonly retries: RetryRecord[] = [];
  private transitions = 0;
  private readonly maxTransitions: number;
  /** `null` is a valid execution input, so only a missing input defaults to `{}`. */
  private readonly input: unknown;
  private readonly context: { readonly Execution: object; readonly StateMachine: object; readonly startTime: string };
  private readonly startMillis: number;
  private readonly clock: VirtualClock;

  constructor(
    private readonly definition: StateMachineDefinition,
    private readonly options: ExecutionOptions,
  ) {
    // Standard workflows allow 25,000 history events; tests need far fewer, so a loop shows up fast.
    this.maxTransitions = options.maxTransitions ?? 1000;
    this.input = options.input === undefined ? {} : options.input;
    const stateMachineArn = options.stateMachineArn ?? DEFAULT_STATE_MACHINE_ARN;
    const stateMachineName = stateMachineArn.split(":").pop() ?? stateMachineArn;
    const executionName = options.executionName ?? "harness-execution";
    const startTime = options.startTime ?? "2026-01-01T00:00:00.000Z";
    this.startMillis = Date.parse(startTime);
    if (Number.isNaN(this.startMillis)) throw new Error(`startTime '${startTime}' is not an ISO-8601 timestamp`);
    // The execution's own TimeoutSeconds, and in any case the one-year maximum execution time.
    // https://docs.aws.amazon.com/step-functions/latest/dg/statemachine-structure.html
    this.clock = new VirtualClock(Math.min(definition.TimeoutSeconds ?? Infinity, MAX_EXECUTION_SECONDS));
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

  async run(): Promise<ExecutionResult> {
    // StartExecution refuses a larger input, so no execution starts.
    // https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartExecution.html
    const inputBytes = jsonBytes(this.input);
    if (inputBytes > PAYLOAD_QUOTA_BYTES) {
      throw new Error(
        `StartExecution refuses an input of ${inputBytes} bytes; the quota is ${PAYLOAD_QUOTA_BYTES} bytes`,
      );
    }
    try {
      // The execution's output is its last state's output, which runBranch has held to the quota.
      const output = await this.runBranch(this.definition, this.input, {});
      return { status: "SUCCEEDED", output, ...this.record() };
    } catch (error) {
      // A timed-out execution reports States.Timeout without a Cause, and no catcher sees it:
      // catchers belong to states. https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html
      if (error instanceof ExecutionTimedOut) return { status: "TIMED_OUT", error: TIMEOUT, ...this.record() };
      if (!(error instanceof SfnError)) throw error;
      // A Fail state may omit Error and Cause; the execution then has none either.
      const failure = {
        ...(error.error !== undefined && { error: error.error }),
        ...(error.cause !== undefined && { cause: error.cause }),
      };
      return { status: "FAILED", ...failure, ...this.record() };
    }
  }

  private record(): Pick<
    ExecutionResult,
    "calls" | "statesEntered" | "transitions" | "retries" | "stops" | "elapsedSeconds"
  > {
    return {
      calls: this.calls,
      statesEntered: this.statesEntered,
      transitions: this.transitions,
      retries: this.retries,
      stops: this.stops,
      elapsedSeconds: this.clock.now,
    };
  }

  /** Runs states from StartAt until one ends the branch; returns its output or throws SfnError. */
  private async runBranch(branch: Branch, input: unknown, outerVariables: Variables): Promise<unknown> {
    // Each branch works on its own copy, so its assignments never reach the outer scope.
    // https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html#variable-scope
    let variables: Variables = { ...outerVariables };
    // Measured once here, then entry by entry as states assign: serializing every variable
    // after every Assign costs time quadratic in the number of variables.
    const sizes = entrySizes(variables);
    let stateName: string | undefined = branch.StartAt;
    let stateInput = input;
    while (stateName !== undefined) {
      this.countTransition();
      this.statesEntered.push(stateName);
      const frame: Frame = { name: stateName, enteredTime: this.timestamp() };
      const outcome = await this.runState(frame, branch.States[stateName], stateInput, variables);
      // The output becomes the next state's input, or the branch's or the execution's output.
      enforceQuota(outcome.output, PAYLOAD_QUOTA_BYTES, `The output of state '${stateName}'`);
      // All of a state's assignments land together, after every value was evaluated.
      // https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html#variable-evaluation-order
      if (Object.keys(outcome.assigned).length > 0) {
        variables = { ...variables, ...outcome.assigned };
        for (const [name, size] of outcome.assignedSizes) sizes.set(name, size);
        // Strict reading of the per-execution quota: every variable this branch can see, names included.
        enforceBytes(
          objectBytes(sizes),
          VARIABLES_PER_EXECUTION_QUOTA_BYTES,
          `The variables stored after state '${stateName}'`,
        );
      }
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

  /** The virtual clock's time as an ISO-8601 timestamp; the start time exactly as given at first. */
  private timestamp(): string {
    if (this.clock.now === 0) return this.context.startTime;
    return new Date(this.startMillis + this.clock.now * 1000).toISOString();
  }

  private scope(frame: Frame, variables: Variables, states: Omit<StatesBinding, "context">, retryCount = 0): Scope {
    const { Execution, StateMachine } = this.context;
    const context = {
      Execution,
      StateMachine,
      State: { Name: frame.name, EnteredTime: frame.enteredTime, RetryCount: retryCount },
    };
    return { stateName: frame.name, variables, states: { ...states, context } };
  }

  private async runState(frame: Frame, state: State, input: unknown, variables: Variables): Promise<StateOutcome> {
    switch (state.Type) {
      case "Task":
        return this.withErrorHandling(frame, state, input, variables, (retryCount) =>
          this.runTask(frame, state, input, variables, retryCount),
        );
      case "Parallel":
        return this.withErrorHandling(frame, state, input, variables, (retryCount) =>
          this.runParallel(frame, state, input, variables, retryCount),
        );
      case "Choice":
        return this.runChoice(frame, state, input, variables);
      case "Wait": {
        // https://docs.aws.amazon.com/step-functions/latest/dg/state-wait.html
        const scope = this.scope(frame, variables, { input });
        if (state.Seconds !== undefined) {
          const seconds = await this.evaluateSeconds(state.Seconds, scope, "Seconds", 0);
          await this.clock.sleep(this.clock.now + seconds);
        }
        if (state.Timestamp !== undefined) await this.clock.sleep(await this.evaluateTimestamp(state.Timestamp, scope));
        return this.finish(state, scope, input, state.Next);
      }
      case "Pass":
        return this.finish(state, this.scope(frame, variables, { input }), input, state.Next);
      case "Succeed":
        return this.finish(state, this.scope(frame, variables, { input }), input, undefined);
      case "Fail":
        throw await this.failure(state, this.scope(frame, variables, { input }));
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
    next: string | undefined,
  ): Promise<StateOutcome> {
    const output = fields.Output === undefined ? defaultOutput : await evaluateField(fields.Output, scope, "Output");
    const assigned = await evaluateAssign(fields.Assign, scope);
    const assignedSizes = entrySizes(assigned);
    for (const [name, entry] of assignedSizes) {
      // The value's own size: its entry less `"name":`.
      const bytes = entry === undefined ? 0 : entry - jsonBytes(name) - 1;
      enforceBytes(bytes, VARIABLE_QUOTA_BYTES, `Variable '${name}' assigned in state '${scope.stateName}'`);
    }
    enforceBytes(objectBytes(assignedSizes), ASSIGN_QUOTA_BYTES, `The Assign of state '${scope.stateName}'`);
    return { output, assigned, assignedSizes, next };
  }

  private async runTask(
    frame: Frame,
    state: TaskState,
    input: unknown,
    variables: Variables,
    retryCount: number,
  ): Promise<StateOutcome> {
    const scope = this.scope(frame, variables, { input }, retryCount);
    // Assumption: without Arguments the service gets the state input, as JSONPath's Parameters default does.
    const args = state.Arguments === undefined ? input : await evaluateField(state.Arguments, scope, "Arguments");
    enforceQuota(args, PAYLOAD_QUOTA_BYTES, `The input of Task '${frame.name}' after Arguments processing`);
    // Unset, a Task times out after 99,999,999 seconds. https://docs.aws.amazon.com/step-functions/latest/dg/state-task.html
    const timeoutSeconds =
      state.TimeoutSeconds === undefined
        ? MAX_SECONDS
        : await this.evaluateSeconds(state.TimeoutSeconds, scope, "TimeoutSeconds", 1);
    if (state.HeartbeatSeconds !== undefined)
      await this.evaluateSeconds(state.HeartbeatSeconds, scope, "HeartbeatSeconds", 1);
    const call: TaskCall = {
      stateName: frame.name,
      resource: state.Resource,
      arguments: args,
      attempt: retryCount + 1,
    };
    this.calls.push(call);
    const result = JSON.parse(JSON.stringify(await this.attempt(call, timeoutSeconds))) as unknown;
    enforceQuota(result, PAYLOAD_QUOTA_BYTES, `The result of Task '${frame.name}' (${state.Resource})`);
    // A Task's default output is its result: https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html
    return this.finish(state, this.scope(frame, variables, { input, result }, retryCount), result, state.Next);
  }

  /**
   * One service call on the virtual clock: its answer arrives when the handler says, unless the
   * Task's TimeoutSeconds comes first. A timed-out attempt fails with States.Timeout and no Cause,
   * which the retriers and catchers then see like any other error.
   * https://docs.aws.amazon.com/step-functions/latest/dg/state-task.html
   */
  private async attempt(call: TaskCall, timeoutSeconds: number): Promise<unknown> {
    const response = await this.options.handler(call);
    if (response === undefined) {
      throw new Error(
        `The handler returned undefined for Task '${call.stateName}'; return the service response ({} when it is empty)`,
      );
    }
    const { seconds, answer } = response instanceof DelayedAnswer ? response : { seconds: 0, answer: response };
    const answersAt = this.clock.now + seconds;
    const timesOutAt = this.clock.now + timeoutSeconds;
    try {
      await this.clock.sleep(Math.min(answersAt, timesOutAt));
    } catch (interruption) {
      this.stopIfRunAJob(call);
      throw interruption;
    }
    // "Runs longer than the specified seconds": an answer due at the very second the timeout fires loses.
    if (timesOutAt <= answersAt) {
      this.stopIfRunAJob(call);
      throw new SfnError(TIMEOUT);
    }
    if (answer instanceof SfnError) throw answer;
    // Some answers an optimized integration still fails the Task with (integrations/optimized.ts).
    const failure = optimizedFailure(call.resource, answer);
    if (failure !== undefined) throw failure;
    return answer;
  }

  private stopIfRunAJob(call: TaskCall): void {
    if (!RUN_A_JOB.test(call.resource)) return;
    this.stops.push(call);
    this.options.onStop?.(call);
  }

  private async runParallel(
    frame: Frame,
    state: ParallelState,
    input: unknown,
    variables: Variables,
    retryCount: number,
  ): Promise<StateOutcome> {
    const scope = this.scope(frame, variables, { input }, retryCount);
    const branchInput =
      state.Arguments === undefined ? input : await evaluateField(state.Arguments, scope, "Arguments");
    enforceQuota(branchInput, PAYLOAD_QUOTA_BYTES, `The input of Parallel '${frame.name}' after Arguments processing`);
    // Every branch starts now; the first to fail fails the Parallel state and stops the others.
    // https://docs.aws.amazon.com/step-functions/latest/dg/state-parallel.html
    const outcome = await this.clock.fork(
      state.Branches.map((branch) => () => this.runBranch(branch, branchInput, variables)),
    );
    if ("error" in outcome) throw outcome.error;
    const result = outcome.values;
    // The docs name task results, state input and state output; the combined branch outputs are
    // held to the quota too, strictly, before Output can shrink them.
    enforceQuota(result, PAYLOAD_QUOTA_BYTES, `The combined result of Parallel '${frame.name}'`);
    return this.finish(state, this.scope(frame, variables, { input, result }, retryCount), result, state.Next);
  }

  /**
   * The first rule whose Condition is true wins and brings its own Assign and Output; the
   * state-level Assign and Output apply only when the Default path is taken.
   * https://docs.aws.amazon.com/step-functions/latest/dg/state-choice.html
   */
  private async runChoice(
    frame: Frame,
    state: ChoiceState,
    input: unknown,
    variables: Variables,
  ): Promise<StateOutcome> {
    const scope = this.scope(frame, variables, { input });
    for (const [index, rule] of state.Choices.entries()) {
      const field = `Choices[${index}].Condition`;
      const matched = await evaluateField(rule.Condition, scope, field);
      if (typeof matched !== "boolean") {
        throw new SfnError(
          QUERY_EVALUATION_ERROR,
          `The Condition ${field} in state '${frame.name}' returned ${JSON.stringify(matched)}, not a boolean`,
        );
      }
      if (matched) return this.finish(rule, scope, input, rule.Next);
    }
    if (state.Default === undefined) {
      throw new SfnError(
        "States.NoChoiceMatched",
        `No Choice Rule matched in state '${frame.name}' and it has no Default`,
      );
    }
    return this.finish(state, scope, input, state.Default);
  }

  /** A Fail state may omit Error and Cause; the error then carries only what it names. */
  private async failure(state: FailState, scope: Scope): Promise<SfnError> {
    const text = async (value: string | undefined, field: string): Promise<string | undefined> => {
      if (value === undefined) return undefined;
      const evaluated = await evaluateField(value, scope, field);
      if (typeof evaluated !== "string") {
        throw new SfnError(
          QUERY_EVALUATION_ERROR,
          `The field ${field} in state '${scope.stateName}' returned ${JSON.stringify(evaluated)}, not a string`,
        );
      }
      return evaluated;
    };
    const error = await text(state.Error, "Error");
    // "States MAY report errors with other names, which MUST NOT begin with the prefix
    // 'States.'" (https://states-language.net/spec.html#appendix-a); LocalStack's interpreter,
    // which moto runs, refuses such a name at run time. A definition that reports one is wrong.
    if (error?.startsWith("States.")) {
      throw new Error(
        `The Fail state '${scope.stateName}' reports ${error}, a name reserved for Step Functions' own errors.`,
      );
    }
    return new SfnError(error, await text(state.Cause, "Cause"));
  }

  /** A seconds field: an integer from `min` to 99,999,999, as validate.ts requires of literal values. */
  private async evaluateSeconds(value: number | string, scope: Scope, field: string, min: number): Promise<number> {
    const evaluated = await evaluateField(value, scope, field);
    if (typeof evaluated !== "number" || !Number.isInteger(evaluated) || evaluated < min || evaluated > MAX_SECONDS) {
      throw new SfnError(
        QUERY_EVALUATION_ERROR,
        `The field ${field} in state '${scope.stateName}' returned ${JSON.stringify(
          evaluated,
        )}, not an integer from ${min} to ${MAX_SECONDS}`,
      );
    }
    return evaluated;
  }

  /**
   * A Wait Timestamp, as seconds since the execution started. AWS requires RFC 3339 with an
   * uppercase T, and an uppercase Z when there is no numeric offset.
   * https://docs.aws.amazon.com/step-functions/latest/dg/state-wait.html
   */
  private async evaluateTimestamp(value: string, scope: Scope): Promise<number> {
    const evaluated = await evaluateField(value, scope, "Timestamp");
    const millis = typeof evaluated === "string" && RFC3339.test(evaluated) ? Date.parse(evaluated) : NaN;
    if (Number.isNaN(millis)) {
      throw new SfnError(
        QUERY_EVALUATION_ERROR,
        `The field Timestamp in state '${scope.stateName}' returned ${JSON.stringify(
          evaluated,
        )}, not an RFC 3339 timestamp`,
      );
    }
    return (millis - this.startMillis) / 1000;
  }

  /**
   * Runs one attempt after another until one succeeds, no retrier applies, or the first
   * matching retrier is exhausted; then the first matching catcher takes over. An error in the
   * state's own Arguments, Output or Assign counts as a failed attempt too.
   * https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html
   */
  private async withErrorHandling(
    frame: Frame,
    state: { readonly Retry?: readonly Retrier[]; readonly Catch?: readonly Catcher[] },
    input: unknown,
    variables: Variables,
    attempt: (retryCount: number) => Promise<StateOutcome>,
  ): Promise<StateOutcome> {
    const retriers = state.Retry ?? [];
    // Each retrier counts its own retries.
    const retriesUsed = retriers.map(() => 0);
    for (let retryCount = 0; ; retryCount += 1) {
      try {
        return await attempt(retryCount);
      } catch (error) {
        if (!(error instanceof SfnError)) throw error;
        const index = retriers.findIndex((retrier) => matches(retrier.ErrorEquals, error));
        if (index >= 0 && retriesUsed[index] < (retriers[index].MaxAttempts ?? 3)) {
          retriesUsed[index] += 1;
          const delaySeconds = this.recordRetry(frame.name, retriers[index], error, retriesUsed[index]);
          await this.clock.sleep(this.clock.now + delaySeconds);
          continue;
        }
        const catcher = (state.Catch ?? []).find((candidate) => matches(candidate.ErrorEquals, error));
        if (catcher === undefined) throw error;
        // The error output holds only the fields the error carries: a timeout has no Cause.
        // https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html#error-handling-error-output
        const errorOutput = {
          ...(error.error !== undefined && { Error: error.error }),
          ...(error.cause !== undefined && { Cause: error.cause }),
        };
        try {
          // Without Output, a catcher passes the error output on.
          return await this.finish(
            catcher,
            this.scope(frame, variables, { input, errorOutput }, retryCount),
            errorOutput,
            catcher.Next,
          );
        } catch (catcherError) {
          // An error in the catcher's own Assign or Output is not caught again, here or by an
          // enclosing Parallel: the execution fails with it (strict; AWS documents no recovery).
          if (catcherError instanceof SfnError) uncatchable.add(catcherError);
          throw catcherError;
        }
      }
    }
  }

  /**
   * Records a retry and returns its delay: IntervalSeconds grown by BackoffRate, capped by
   * MaxDelaySeconds. The clock waits all of it, the upper bound of a FULL jitter delay.
   * https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html#error-handling-retrying-after-an-error
   */
  private recordRetry(stateName: string, retrier: Retrier, error: SfnError, attempt: number): number {
    const interval = retrier.IntervalSeconds ?? 1;
    const backoff = interval * (retrier.BackoffRate ?? 2) ** (attempt - 1);
    const delaySeconds = retrier.MaxDelaySeconds === undefined ? backoff : Math.min(backoff, retrier.MaxDelaySeconds);
    this.retries.push({
      stateName,
      ...(error.error !== undefined && { error: error.error }),
      attempt,
      delaySeconds,
      jitter: retrier.JitterStrategy ?? "NONE",
    });
    this.countTransition();
    return delaySeconds;
  }
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * States.ALL matches every error; States.TaskFailed matches every named error except
 * States.Timeout. Neither matches States.DataLimitExceeded, which is terminal, nor
 * States.Runtime, which "will always cause the execution to fail"; the harness lets nothing
 * catch or retry either, not even a retrier or catcher that names it (strict: the docs call
 * them terminal without saying whether naming them helps). An error without a name matches only
 * States.ALL.
 * https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html#error-handling-error-representation
 */
function matches(errorEquals: readonly string[], error: SfnError): boolean {
  if (error.error === DATA_LIMIT_EXCEEDED || error.error === RUNTIME || uncatchable.has(error)) return false;
  const name = error.error;
  return errorEquals.some(
    (candidate) =>
      candidate === "States.ALL" ||
      (name !== undefined && (candidate === name || (candidate === "States.TaskFailed" && name !== TIMEOUT))),
  );
}

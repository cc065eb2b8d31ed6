/**
 * The subset of the Amazon States Language that the harness executes: JSONata states only.
 * JSONPath-only fields (InputPath, Parameters, ResultPath, ...) are absent on purpose; the
 * harness rejects them at run time when a definition typed elsewhere carries them.
 * @see https://states-language.net/spec.html
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html
 */

/** A string that Step Functions evaluates as JSONata: `{% expr %}` (the spaces matter to asl-validator). */
export type JsonataString = `{% ${string} %}`;

/** Assign values: JSON, with any string of the form `{% expr %}` evaluated, at any depth. */
export type AssignBlock = Readonly<Record<string, unknown>>;

/** @see https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html#error-handling-retrying-after-an-error */
export interface Retrier {
  readonly ErrorEquals: readonly string[];
  /** @default 1 */
  readonly IntervalSeconds?: number;
  /** @default 3 */
  readonly MaxAttempts?: number;
  /** @default 2.0 */
  readonly BackoffRate?: number;
  readonly MaxDelaySeconds?: number;
  /** @default "NONE" */
  readonly JitterStrategy?: "FULL" | "NONE";
  readonly Comment?: string;
}

/** @see https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html#error-handling-fallback-states */
export interface Catcher {
  readonly ErrorEquals: readonly string[];
  readonly Next: string;
  readonly Assign?: AssignBlock;
  readonly Output?: unknown;
  readonly Comment?: string;
}

interface StateBase {
  readonly Comment?: string;
  readonly QueryLanguage?: "JSONata" | "JSONPath";
}

interface Transition {
  readonly Next?: string;
  readonly End?: boolean;
}

export interface TaskState extends StateBase, Transition {
  readonly Type: "Task";
  readonly Resource: string;
  readonly Arguments?: unknown;
  readonly Output?: unknown;
  readonly Assign?: AssignBlock;
  readonly Retry?: readonly Retrier[];
  readonly Catch?: readonly Catcher[];
  readonly TimeoutSeconds?: number | JsonataString;
  readonly HeartbeatSeconds?: number | JsonataString;
}

export interface PassState extends StateBase, Transition {
  readonly Type: "Pass";
  readonly Output?: unknown;
  readonly Assign?: AssignBlock;
}

export interface WaitState extends StateBase, Transition {
  readonly Type: "Wait";
  readonly Seconds?: number | JsonataString;
  readonly Timestamp?: string;
  readonly Output?: unknown;
  readonly Assign?: AssignBlock;
}

/** @see https://docs.aws.amazon.com/step-functions/latest/dg/state-choice.html#state-choice-rules */
export interface ChoiceRule {
  readonly Condition: JsonataString;
  readonly Next: string;
  readonly Assign?: AssignBlock;
  readonly Output?: unknown;
  readonly Comment?: string;
}

export interface ChoiceState extends StateBase {
  readonly Type: "Choice";
  readonly Choices: readonly ChoiceRule[];
  readonly Default?: string;
  /** Used only when the Default path is taken; a matching rule brings its own. */
  readonly Output?: unknown;
  /** Used only when the Default path is taken; a matching rule brings its own. */
  readonly Assign?: AssignBlock;
}

export interface ParallelState extends StateBase, Transition {
  readonly Type: "Parallel";
  readonly Branches: readonly Branch[];
  readonly Arguments?: unknown;
  readonly Output?: unknown;
  readonly Assign?: AssignBlock;
  readonly Retry?: readonly Retrier[];
  readonly Catch?: readonly Catcher[];
}

export interface SucceedState extends StateBase {
  readonly Type: "Succeed";
  readonly Output?: unknown;
}

export interface FailState extends StateBase {
  readonly Type: "Fail";
  readonly Error?: string;
  readonly Cause?: string;
}

export type State = TaskState | PassState | WaitState | ChoiceState | ParallelState | SucceedState | FailState;

/** A state machine or a Parallel branch: a start state and the states it may reach. */
export interface Branch {
  readonly StartAt: string;
  readonly States: Readonly<Record<string, State>>;
  readonly Comment?: string;
}

export interface StateMachineDefinition extends Branch {
  readonly QueryLanguage?: "JSONata" | "JSONPath";
  readonly TimeoutSeconds?: number;
  readonly Version?: string;
}

/**
 * The parts of the Amazon States Language (JSONata query language) this module writes.
 * @see https://states-language.net/spec.html
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html
 */

import type { JsonataString } from "./jsonata";

export type Assign = Readonly<Record<string, unknown>>;

export interface Retrier {
  readonly ErrorEquals: readonly string[];
  readonly IntervalSeconds: number;
  readonly MaxAttempts: number;
  readonly BackoffRate: number;
  readonly MaxDelaySeconds: number;
  readonly JitterStrategy: "FULL" | "NONE";
}

export interface Catcher {
  readonly ErrorEquals: readonly string[];
  readonly Next: string;
  readonly Assign?: Assign;
  readonly Output?: unknown;
}

type Transition = { readonly Next: string; readonly End?: never } | { readonly End: true; readonly Next?: never };

interface Common {
  readonly Comment?: string;
  readonly Assign?: Assign;
  readonly Output?: unknown;
}

export type TaskState = Common &
  Transition & {
    readonly Type: "Task";
    readonly Resource: string;
    readonly Arguments: unknown;
    readonly TimeoutSeconds?: number;
    readonly Retry?: readonly Retrier[];
    readonly Catch?: readonly Catcher[];
  };

export type PassState = Common & Transition & { readonly Type: "Pass" };

export interface ChoiceRule {
  readonly Condition: JsonataString;
  readonly Next: string;
  /** Says when the rule matches, in words; the workflow diagram labels the edge with it. */
  readonly Comment?: string;
}

export interface ChoiceState extends Common {
  readonly Type: "Choice";
  readonly Choices: readonly ChoiceRule[];
  readonly Default: string;
}

export type ParallelState = Common &
  Transition & {
    readonly Type: "Parallel";
    readonly Branches: readonly Branch[];
    readonly Retry?: readonly Retrier[];
    readonly Catch?: readonly Catcher[];
  };

export interface SucceedState {
  readonly Type: "Succeed";
  readonly Comment?: string;
}

export interface FailState {
  readonly Type: "Fail";
  readonly Comment?: string;
  readonly Error: string;
  readonly Cause: string;
}

export type State = TaskState | PassState | ChoiceState | ParallelState | SucceedState | FailState;

export interface Branch {
  readonly StartAt: string;
  readonly States: Readonly<Record<string, State>>;
}

export interface StateMachineDefinition extends Branch {
  readonly Comment: string;
  readonly QueryLanguage: "JSONata";
  /** The execution's own timeout; no catcher can handle it. */
  readonly TimeoutSeconds: number;
}

/**
 * The language as Step Functions accepts it, JSONata states only: every field a state may carry,
 * optional where AWS makes it optional. The offline executor (test/models/sfn-executor) runs any
 * definition of these types, copies of ours broken on purpose included; the types above, the part
 * of the language this module writes, are assignable to them. JSONPath-only fields (InputPath,
 * Parameters, ResultPath, ...) are absent on purpose: the executor refuses them at run time.
 */

/** @see https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html#error-handling-retrying-after-an-error */
export interface AnyRetrier {
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
export interface AnyCatcher {
  readonly ErrorEquals: readonly string[];
  readonly Next: string;
  readonly Assign?: Assign;
  readonly Output?: unknown;
  readonly Comment?: string;
}

interface AnyStateBase {
  readonly Comment?: string;
  readonly QueryLanguage?: "JSONata" | "JSONPath";
}

interface AnyTransition {
  readonly Next?: string;
  readonly End?: boolean;
}

export interface AnyTaskState extends AnyStateBase, AnyTransition {
  readonly Type: "Task";
  readonly Resource: string;
  readonly Arguments?: unknown;
  readonly Output?: unknown;
  readonly Assign?: Assign;
  readonly Retry?: readonly AnyRetrier[];
  readonly Catch?: readonly AnyCatcher[];
  readonly TimeoutSeconds?: number | JsonataString;
  readonly HeartbeatSeconds?: number | JsonataString;
}

export interface AnyPassState extends AnyStateBase, AnyTransition {
  readonly Type: "Pass";
  readonly Output?: unknown;
  readonly Assign?: Assign;
}

export interface AnyWaitState extends AnyStateBase, AnyTransition {
  readonly Type: "Wait";
  readonly Seconds?: number | JsonataString;
  readonly Timestamp?: string;
  readonly Output?: unknown;
  readonly Assign?: Assign;
}

/** @see https://docs.aws.amazon.com/step-functions/latest/dg/state-choice.html#state-choice-rules */
export interface AnyChoiceRule {
  readonly Condition: JsonataString;
  readonly Next: string;
  readonly Assign?: Assign;
  readonly Output?: unknown;
  readonly Comment?: string;
}

export interface AnyChoiceState extends AnyStateBase {
  readonly Type: "Choice";
  readonly Choices: readonly AnyChoiceRule[];
  readonly Default?: string;
  /** Used only when the Default path is taken; a matching rule brings its own. */
  readonly Output?: unknown;
  /** Used only when the Default path is taken; a matching rule brings its own. */
  readonly Assign?: Assign;
}

export interface AnyParallelState extends AnyStateBase, AnyTransition {
  readonly Type: "Parallel";
  readonly Branches: readonly AnyBranch[];
  readonly Arguments?: unknown;
  readonly Output?: unknown;
  readonly Assign?: Assign;
  readonly Retry?: readonly AnyRetrier[];
  readonly Catch?: readonly AnyCatcher[];
}

export interface AnySucceedState extends AnyStateBase {
  readonly Type: "Succeed";
  readonly Output?: unknown;
}

export interface AnyFailState extends AnyStateBase {
  readonly Type: "Fail";
  readonly Error?: string;
  readonly Cause?: string;
}

export type AnyState =
  AnyTaskState | AnyPassState | AnyWaitState | AnyChoiceState | AnyParallelState | AnySucceedState | AnyFailState;

/** A state machine or a Parallel branch: a start state and the states it may reach. */
export interface AnyBranch {
  readonly StartAt: string;
  readonly States: Readonly<Record<string, AnyState>>;
  readonly Comment?: string;
}

export interface AnyStateMachineDefinition extends AnyBranch {
  readonly QueryLanguage?: "JSONata" | "JSONPath";
  readonly TimeoutSeconds?: number;
  readonly Version?: string;
}

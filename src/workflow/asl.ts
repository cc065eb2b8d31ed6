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

/**
 * How long each part of the workflow may take, and the execution-level backstop derived from
 * them. Every Task carries its own `TimeoutSeconds`, so a hung call ends in a catchable
 * `States.Timeout`; the execution's `TimeoutSeconds` is longer than the longest path through
 * the definition, so it only fires if something no state bounds goes wrong.
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/state-task.html
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html
 */
import { Duration } from "./duration";
import type { Branch, Retrier, State } from "./asl";

/**
 * An AWS API call (SSM, ECS, S3, EventBridge) answers within seconds; a minute means it is stuck.
 * The same bound is given to every request-response Task.
 */
export const SDK_CALL_TIMEOUT_SECONDS = 60;

/**
 * The data-prep container normally needs minutes. Four hours leaves room for a large backlog of
 * tickets while stopping a hung task (and its Fargate bill) the same working day.
 */
export const DEFAULT_DATA_PREP_TIMEOUT = Duration.hours(4);

/**
 * A child fine-tune runs one training job; SageMaker stops a training job after one day unless
 * told otherwise (`StoppingCondition.MaxRuntimeInSeconds`), so a day bounds a stuck child to one
 * day of GPU time.
 * @see https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_StoppingCondition.html
 */
export const DEFAULT_FINE_TUNE_TIMEOUT = Duration.hours(24);

/**
 * Pages of `GetParametersByPath` (10 parameters each) read while looking for the data-prep image
 * version. Bounding the loop is what makes the longest path, and so the backstop, finite.
 */
export const MAX_IMAGE_PAGES = 10;

/**
 * Added to the longest path for what no state's timeout counts: the time Step Functions takes
 * between states and to schedule each attempt.
 */
export const EXECUTION_TIMEOUT_MARGIN_SECONDS = 3600;

/**
 * A Standard workflow runs for at most one year.
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html#service-limits-state-machine-executions
 */
export const MAX_EXECUTION_SECONDS = 365 * 86400;

/** What a Task waits when it sets no `TimeoutSeconds`. https://states-language.net/spec.html#task-state */
const DEFAULT_TASK_TIMEOUT_SECONDS = 99999999;

/** The ASL defaults of a retrier's fields. https://states-language.net/spec.html#retrying-after-error */
function retryPlan(retriers: readonly Retrier[]): { attempts: number; waitSeconds: number } {
  let attempts = 1;
  let waitSeconds = 0;
  for (const retrier of retriers) {
    attempts += retrier.MaxAttempts;
    for (let retry = 1; retry <= retrier.MaxAttempts; retry += 1) {
      const interval = retrier.IntervalSeconds * retrier.BackoffRate ** (retry - 1);
      waitSeconds += Math.min(interval, retrier.MaxDelaySeconds);
    }
  }
  return { attempts, waitSeconds };
}

/**
 * The longest a state can take before it moves on: every attempt running to its timeout (or, for
 * a Parallel, to its slowest branch's longest path) and every retry waiting its longest.
 */
function stateSeconds(state: State, maxVisits: number): number {
  switch (state.Type) {
    case "Task": {
      const { attempts, waitSeconds } = retryPlan(state.Retry ?? []);
      return attempts * (state.TimeoutSeconds ?? DEFAULT_TASK_TIMEOUT_SECONDS) + waitSeconds;
    }
    case "Parallel": {
      const { attempts, waitSeconds } = retryPlan(state.Retry ?? []);
      const slowest = Math.max(...state.Branches.map((branch) => longestPathSeconds(branch, maxVisits)));
      return attempts * slowest + waitSeconds;
    }
    default:
      return 0;
  }
}

/** Every state a state may go to next: Next, each Choice rule, the Default, and every catcher. */
function successors(state: State): string[] {
  switch (state.Type) {
    case "Choice":
      return [...state.Choices.map((rule) => rule.Next), state.Default];
    case "Succeed":
    case "Fail":
      return [];
    default: {
      const catchers = state.Type === "Task" || state.Type === "Parallel" ? (state.Catch ?? []) : [];
      return [...(state.Next === undefined ? [] : [state.Next]), ...catchers.map((c) => c.Next)];
    }
  }
}

/**
 * The longest time any execution path through `branch` can take, entering each state at most
 * `maxVisits` times: the workflow's only loop, the SSM paging, stops after MAX_IMAGE_PAGES.
 */
export function longestPathSeconds(branch: Branch, maxVisits: number): number {
  const visits = new Map<string, number>();
  const from = (name: string): number => {
    const count = visits.get(name) ?? 0;
    if (count === maxVisits) return Number.NEGATIVE_INFINITY;
    visits.set(name, count + 1);
    const state = branch.States[name];
    const next = successors(state);
    const rest = next.length === 0 ? 0 : Math.max(...next.map(from));
    visits.set(name, count);
    return stateSeconds(state, maxVisits) + rest;
  };
  const longest = from(branch.StartAt);
  if (!Number.isFinite(longest))
    throw new Error(`No path through the definition ends within ${maxVisits} visits per state.`);
  return longest;
}

/** The execution's `TimeoutSeconds`: the longest path through `branch` plus the margin, in whole hours. */
export function executionTimeoutSeconds(branch: Branch): number {
  const seconds = longestPathSeconds(branch, MAX_IMAGE_PAGES) + EXECUTION_TIMEOUT_MARGIN_SECONDS;
  return Math.ceil(seconds / 3600) * 3600;
}

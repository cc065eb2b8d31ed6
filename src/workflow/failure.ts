/**
 * The failure path: how a caught error reaches NotifyFailure with the state it came from, its
 * name and its cause, and the Fail state that ends the execution with a name a Fail state may report.
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html
 */
import type { Catcher, FailState } from "./asl";
import { jsonata, str } from "./jsonata";

/** The state every unrecoverable error goes to: it sends `finetune-failed`, then fails the execution. */
export const FAILURE_STATE = "NotifyFailure";
/** Reported when a caught error carries no name, so the failure path always has one to report. */
export const UNNAMED_ERROR = "FinetuneWorkflow.UnnamedError";
/**
 * The prefix Step Functions reserves for its own errors: a state may report other names only,
 * and they "MUST NOT begin with the prefix 'States.'".
 * @see https://states-language.net/spec.html#appendix-a
 */
export const RESERVED_ERROR_PREFIX = "States.";
/** What the execution's error begins with when the caught error was Step Functions' own. */
export const WORKFLOW_ERROR_PREFIX = "FinetuneWorkflow.";
/**
 * The longest cause an execution can report.
 * @see https://docs.aws.amazon.com/step-functions/latest/apireference/API_ExecutionFailedEventDetails.html
 */
export const MAX_CAUSE_LENGTH = 32768;

/** The name the execution fails with for a caught `error`: `States.X` becomes `FinetuneWorkflow.X`. */
export function reportedError(error: string): string {
  return error.startsWith(RESERVED_ERROR_PREFIX)
    ? `${WORKFLOW_ERROR_PREFIX}${error.slice(RESERVED_ERROR_PREFIX.length)}`
    : error;
}

/**
 * The execution fails with the caught error, but a Fail state may not report one of Step
 * Functions' own names: reportedError, in JSONata, with the original name leading the cause (`States.Timeout`, or `States.TaskFailed: <cause>`).
 * The `finetune-failed` event keeps the original name.
 */
export function failed(): FailState {
  const reserved = `$substring($error, 0, ${RESERVED_ERROR_PREFIX.length}) = ${str(RESERVED_ERROR_PREFIX)}`;
  return {
    Type: "Fail",
    Error: jsonata(
      `${reserved} ? ${str(WORKFLOW_ERROR_PREFIX)} & $substringAfter($error, ${str(RESERVED_ERROR_PREFIX)}) : $error`,
    ),
    Cause: jsonata(
      `${reserved} ? $substring($error & ($cause = '' ? '' : ': ' & $cause), 0, ${MAX_CAUSE_LENGTH}) : $cause`,
    ),
  };
}

/**
 * Every unrecoverable error lands on the failure path with the state it came from, its name and
 * its cause. An error output "usually" holds Error and Cause, but a `States.Timeout` has no
 * Cause, and a JSONata expression that yields nothing raises `States.QueryEvaluationError` inside
 * the catcher, which nothing catches. So each field falls back to a string of its own.
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html
 */
export function failWith(next: string = FAILURE_STATE): Catcher {
  return {
    ErrorEquals: ["States.ALL"],
    Assign: {
      failedState: jsonata("$states.context.State.Name"),
      error: jsonata(`$exists($states.errorOutput.Error) ? $string($states.errorOutput.Error) : ${str(UNNAMED_ERROR)}`),
      cause: jsonata("$exists($states.errorOutput.Cause) ? $string($states.errorOutput.Cause) : ''"),
    },
    Next: next,
  };
}

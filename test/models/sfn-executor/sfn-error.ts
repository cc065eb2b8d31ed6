/**
 * A workflow error: what a Task's service call throws, or what a state raises (Fail,
 * States.NoChoiceMatched, States.QueryEvaluationError). Retry and Catch match on `error`.
 * Anything else thrown during an execution is a bug in the test or the harness.
 *
 * Either field may be absent: a Task timeout has no Cause, and a Fail state or a failed child
 * execution may carry neither. The error output a catcher sees then holds only the fields present.
 * https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html#error-handling-error-output
 */
export class SfnError extends Error {
  constructor(
    readonly error?: string,
    readonly cause?: string,
  ) {
    super([error ?? "(no Error)", cause].filter((part) => part !== undefined).join(": "));
    this.name = "SfnError";
  }
}

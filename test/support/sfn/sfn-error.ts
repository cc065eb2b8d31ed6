/**
 * A workflow error: what a Task's service call throws, or what a state raises (Fail,
 * States.NoChoiceMatched, States.QueryEvaluationError). Retry and Catch match on `error`.
 * Anything else thrown during an execution is a bug in the test or the harness.
 */
export class SfnError extends Error {
  constructor(readonly error: string, readonly cause: string) {
    super(cause === "" ? error : `${error}: ${cause}`);
    this.name = "SfnError";
  }
}

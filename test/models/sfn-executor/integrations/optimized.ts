/**
 * What Step Functions' optimized integrations make of an answer the service gave with HTTP 200:
 * some such answers still fail the Task. The executor applies these rules to every answer a
 * test's handler returns, so that a fixture shaped like one of them fails as it would on AWS
 * instead of passing as a success. Each rule cites the page that states it. Test code only.
 */
import { SfnError } from "../sfn-error";

interface Rule {
  /** The integrations it applies to: the Resource after `arn:<partition>:states:::`. */
  readonly resource: RegExp;
  /** The error the answer fails the Task with, or undefined when it is a success. */
  readonly judge: (answer: Readonly<Record<string, unknown>>) => SfnError | undefined;
  readonly page: string;
}

const failure = (error: string, answer: unknown) => new SfnError(error, JSON.stringify(answer));

const RULES: readonly Rule[] = [
  {
    // "ecs:runTask can return an HTTP 200 response, but have a non-empty Failures field": with
    // the Run a Job or Task Token pattern "the task is failed with an AmazonECS.Unknown error";
    // Request Response returns the answer as it is.
    resource: /^ecs:runTask\.(sync|waitForTaskToken)$/,
    judge: (answer) =>
      Array.isArray(answer.Failures) && answer.Failures.length > 0 ? failure("AmazonECS.Unknown", answer) : undefined,
    page: "https://docs.aws.amazon.com/step-functions/latest/dg/connect-ecs.html",
  },
  {
    // "If the response from PutEvents contains a non-zero FailedEntryCount then the Task state
    // fails with the error EventBridge.FailedEntry."
    resource: /^events:putEvents(\.waitForTaskToken)?$/,
    judge: (answer) =>
      typeof answer.FailedEntryCount === "number" && answer.FailedEntryCount > 0
        ? failure("EventBridge.FailedEntry", answer)
        : undefined,
    page: "https://docs.aws.amazon.com/step-functions/latest/dg/connect-eventbridge.html",
  },
  {
    // Run a Job waits for the child execution to end; one that did not succeed fails the Task
    // with States.TaskFailed (the "Task failed" of the .sync pattern), its description the cause.
    resource: /^states:startExecution\.sync(:2)?$/,
    judge: (answer) =>
      typeof answer.Status === "string" && answer.Status !== "SUCCEEDED"
        ? failure("States.TaskFailed", answer)
        : undefined,
    page: "https://docs.aws.amazon.com/step-functions/latest/dg/connect-to-resource.html#connect-sync",
  },
];

/** The error an optimized integration fails the Task with for `answer`, or undefined for a success. */
export function optimizedFailure(resource: string, answer: unknown): SfnError | undefined {
  const at = resource.indexOf(":::");
  if (at === -1 || answer === null || typeof answer !== "object" || Array.isArray(answer)) return undefined;
  const integration = resource.slice(at + 3);
  for (const rule of RULES) {
    if (rule.resource.test(integration)) return rule.judge(answer as Record<string, unknown>);
  }
  return undefined;
}

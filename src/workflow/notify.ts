/**
 * The notify phase: one verdict per batch on the event bus, `finetune-complete` or
 * `finetune-failed`, and the Fail state that ends a failed execution.
 */
import { FAILURE_STATE, failed } from "./failure";
import type { WorkflowDefinitionInput } from "./input";
import { RETRY } from "./errors";
import { jsonata } from "./jsonata";
import { optimized, type Phase, phase, type Task, taskState } from "./task";
import { SDK_CALL_TIMEOUT_SECONDS } from "./timeouts";

export const EVENT_SOURCE = "gata";
export const COMPLETE_DETAIL_TYPE = "finetune-complete";
export const FAILED_DETAIL_TYPE = "finetune-failed";

/** PutEvents of one event of `detailType`, its detail a JSONata expression. */
function notify(
  input: WorkflowDefinitionInput,
  detailType: string,
  detail: string,
  then: Parameters<typeof taskState>[3],
  extra: Parameters<typeof taskState>[4],
): Task {
  return {
    state: taskState(
      optimized(input.partition, "events:putEvents"),
      {
        Entries: [
          { Source: EVENT_SOURCE, DetailType: detailType, Detail: jsonata(detail), EventBusName: input.eventBusName },
        ],
      },
      RETRY.putEvents,
      then,
      extra,
    ),
    permissions: ({ eventBusArn }) => [{ sid: "EmitEvents", actions: ["events:PutEvents"], resources: [eventBusArn] }],
  };
}

export function notifyPhase(input: WorkflowDefinitionInput): Phase {
  return phase({
    // The models are trained: whatever happens now, the batch must not be reported failed, which
    // would have it trained again. So nothing catches this Task's last error: the execution fails
    // here, at a Task, and a redrive "reschedules and then reruns the Task state" and nothing
    // before it, FineTune included. A catcher would end the execution in a Fail state instead,
    // and the docs promise no redrive back past a catcher (docs/workflow.md, "When the
    // completion event cannot be sent").
    // https://docs.aws.amazon.com/step-functions/latest/dg/redrive-executions.html
    NotifyComplete: notify(
      input,
      COMPLETE_DETAIL_TYPE,
      "{'batch_id': $batchId}",
      { End: true },
      {
        Comment: "Not caught: if this event cannot be sent, the execution fails here, and a redrive sends it again.",
        TimeoutSeconds: SDK_CALL_TIMEOUT_SECONDS,
        Output: jsonata("{'BatchID': $batchId}"),
      },
    ),
    [FAILURE_STATE]: notify(
      input,
      FAILED_DETAIL_TYPE,
      "$merge([{'batch_id': $batchId, 'state': $failedState, 'error': $error}, $cause = '' ? {} : {'cause': $cause}])",
      { Next: "Failed" },
      {
        Comment: "Even when this event cannot be sent, the execution still ends FAILED.",
        TimeoutSeconds: SDK_CALL_TIMEOUT_SECONDS,
        Output: jsonata("{}"),
        Catch: [{ ErrorEquals: ["States.ALL"], Next: "Failed" }],
      },
    ),
    Failed: failed(),
  });
}

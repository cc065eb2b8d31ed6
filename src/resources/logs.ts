import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import type { Construct } from "constructs";
import type { WorkflowContext } from "./context";
import type { ResourceNames } from "../naming/names";

export const LOG_RETENTION_DAYS = 30;

/** The data-prep container's log group and the state machine's execution log group. */
export function createLogGroups(
  scope: Construct,
  ctx: WorkflowContext,
  names: Pick<ResourceNames<string>, "dataPrepLogGroup" | "stateMachineLogGroup">,
) {
  // No kms_key_id: CloudWatch Logs can only use a customer-managed key whose key policy
  // grants the logs service principal, and that key policy belongs to the caller, not to us.
  // https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html
  const group = (name: string, logGroupName: string) => {
    const logGroup = new CloudwatchLogGroup(scope, `${name}_log_group`, {
      name: logGroupName,
      retentionInDays: LOG_RETENTION_DAYS,
      tags: ctx.tags,
    });
    return ctx.addressing.place(logGroup, name);
  };
  return {
    ecsDataPrep: group("ecs_data_prep", names.dataPrepLogGroup),
    // Step Functions delivers logs as vended logs, which need the /aws/vendedlogs/ prefix to
    // stay clear of the resource-policy size limit.
    // https://docs.aws.amazon.com/step-functions/latest/dg/cw-logs.html
    sfn: group("sfn", names.stateMachineLogGroup),
  };
}

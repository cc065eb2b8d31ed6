import { SfnStateMachine } from "@cdktf/provider-aws/lib/sfn-state-machine";
import type { Construct } from "constructs";
import type { WorkflowContext } from "./context";
import type { StateMachineDefinition } from "../workflow/asl";

/** How long Step Functions reuses a data key before asking KMS for a new one (the maximum). */
export const KMS_DATA_KEY_REUSE_SECONDS = 300;

export interface StateMachineInput {
  readonly name: string;
  readonly roleArn: string;
  readonly definition: StateMachineDefinition;
  readonly kmsKeyArn: string;
  readonly logGroupArn: string;
}

export function createStateMachine(scope: Construct, ctx: WorkflowContext, input: StateMachineInput) {
  const stateMachine = new SfnStateMachine(scope, "state_machine", {
    name: input.name,
    roleArn: input.roleArn,
    // Serialized as JSON text: interpolated values stay inside JSON strings, so the plan shows
    // a readable document and tools can validate it once the values are known.
    definition: JSON.stringify(input.definition, null, 2),
    encryptionConfiguration: {
      type: "CUSTOMER_MANAGED_KMS_KEY",
      kmsKeyId: input.kmsKeyArn,
      kmsDataKeyReusePeriodSeconds: KMS_DATA_KEY_REUSE_SECONDS,
    },
    loggingConfiguration: {
      level: "ERROR",
      includeExecutionData: true,
      logDestination: `${input.logGroupArn}:*`,
    },
    tracingConfiguration: { enabled: true },
    tags: ctx.tags,
  });
  return ctx.addressing.place(stateMachine, "finetune");
}

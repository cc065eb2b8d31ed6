/**
 * The fine-tune workflow as an Amazon States Language definition (JSONata), built as a plain
 * object, and the state machine's IAM policy, collected from the Tasks that need it. Input values
 * may be Terraform interpolations: they only ever land inside JSON strings, so the synthesized
 * definition stays a readable, valid JSON document.
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html
 */
import { mergeStatements, type PolicyStatement } from "../iam/policy";
import { stateMachineStatements } from "../iam/statements";
import type { StateMachineDefinition } from "./asl";
import { configurationPhase } from "./configuration";
import { dataPrepPhase } from "./data-prep";
import { fineTunePhase } from "./fine-tune";
import type { PermissionsInput, WorkflowDefinitionInput } from "./input";
import { notifyPhase } from "./notify";
import { type Phase, phase, type Task } from "./task";
import { executionTimeoutSeconds } from "./timeouts";

/**
 * The order the state machine's policy has always listed its statements in, kept so that the
 * synthesized policy does not change with how its parts are declared.
 */
const STATEMENT_ORDER = [
  "RegisterDataPrepTaskDefinition",
  "DeregisterDataPrepTaskDefinition",
  "RunDataPrepTask",
  "TrackDataPrepTask",
  "PassDataPrepRoles",
  "ManageSyncEventRules",
  "EmitEvents",
  "StartChildFineTunes",
  "TrackChildFineTunes",
  "ReadImageVersions",
  "CheckLowVolumeData",
  "EncryptExecutionData",
  "UseChildExecutionData",
  "EncryptExecutionLogs",
  "DeliverExecutionLogs",
  "WriteTraces",
];

/** The workflow: its definition, and its Tasks by name, each with the statements it needs. */
export interface Workflow {
  readonly definition: StateMachineDefinition;
  readonly tasks: Readonly<Record<string, Task>>;
}

/** The four phases, in the order they run: configuration, data prep, fine-tune, notify. */
export function buildWorkflow(input: WorkflowDefinitionInput): Workflow {
  const phases: Phase[] = [configurationPhase(input), dataPrepPhase(input), fineTunePhase(input), notifyPhase(input)];
  const { states, tasks } = phase(Object.assign({}, ...phases.map((p) => p.states)), phases);
  const branch = { StartAt: "Init", States: states };
  return {
    definition: {
      Comment:
        "Prepares the fine-tune datasets on ECS Fargate, then fine-tunes the general and low-volume models in parallel.",
      QueryLanguage: "JSONata",
      TimeoutSeconds: executionTimeoutSeconds(branch),
      ...branch,
    },
    tasks,
  };
}

export function buildWorkflowDefinition(input: WorkflowDefinitionInput): StateMachineDefinition {
  return buildWorkflow(input).definition;
}

/** The state machine's policy: every statement its Tasks need, and its own. */
export function stateMachinePolicy(workflow: Workflow, permissions: PermissionsInput): PolicyStatement[] {
  return mergeStatements(
    [
      ...Object.values(workflow.tasks).flatMap((task) => task.permissions(permissions)),
      ...stateMachineStatements(permissions),
    ],
    STATEMENT_ORDER,
  );
}

/**
 * The execution timeout the definition gets for these task timeouts. It depends on the states'
 * timeouts and retries only, so every other input is a placeholder.
 */
export function executionTimeoutFor(
  timeouts: Pick<WorkflowDefinitionInput, "dataPrepTimeoutSeconds" | "fineTuneTimeoutSeconds">,
): number {
  const placeholders = Object.fromEntries(PLACEHOLDER_FIELDS.map((field) => [field, field])) as Omit<
    WorkflowDefinitionInput,
    keyof typeof timeouts
  >;
  return buildWorkflowDefinition({ ...placeholders, ...timeouts }).TimeoutSeconds;
}

const PLACEHOLDER_FIELDS = [
  "partition",
  "region",
  "ssmImagePath",
  "dataPrepName",
  "dataPrepRepositoryUrl",
  "executionRoleArn",
  "taskRoleArn",
  "logGroupName",
  "dbClusterArn",
  "dbSecretArn",
  "lowVolumeFallbackLabel",
  "bucketName",
  "clusterArn",
  "subnetIdsCsv",
  "securityGroupId",
  "generalStateMachineArn",
  "lowVolumeStateMachineArn",
  "eventBusName",
] as const satisfies readonly Exclude<
  keyof WorkflowDefinitionInput,
  "dataPrepTimeoutSeconds" | "fineTuneTimeoutSeconds"
>[];

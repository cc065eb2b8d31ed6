/**
 * IAM statements as plain data: the roles' trust policies, the data-prep roles' permissions, the
 * state machine's own (its data key, logs and traces), what a grant of StartExecution gives, and
 * the pieces the workflow's Tasks build theirs from (src/workflow/). Values may be concrete
 * strings (tests, simulations) or Terraform expressions (the construct); the builders only place them.
 */
import { type AccountScope, arn, s3Arn } from "../naming/arn";
import { TRAINING_PREFIX } from "../naming/s3-layout";
import type { PolicyStatement } from "./policy";

export const ECS_TASKS = "ecs-tasks.amazonaws.com";
const STATES = "states.amazonaws.com";

/**
 * What Step Functions needs to manage the EventBridge rule by which it learns that a `.sync`
 * Task's job ended: each integration has its rule, created in the account on first use.
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/ecs-iam.html
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/stepfunctions-iam.html
 */
export function manageSyncEventRule(scope: AccountScope, rule: string): PolicyStatement {
  return {
    sid: "ManageSyncEventRules",
    actions: ["events:PutRule", "events:PutTargets", "events:DescribeRule"],
    resources: [arn(scope, "events", `rule/${rule}`)],
  };
}

/**
 * Actions Step Functions needs to deliver its execution logs to CloudWatch Logs. They are
 * account-level log-delivery APIs with no resource-level permissions, so AWS requires `*`.
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/cw-logs.html#cloudwatch-iam-policy
 */
export const LOG_DELIVERY_ACTIONS: readonly string[] = [
  "logs:CreateLogDelivery",
  "logs:GetLogDelivery",
  "logs:UpdateLogDelivery",
  "logs:DeleteLogDelivery",
  "logs:ListLogDeliveries",
  "logs:PutResourcePolicy",
  "logs:DescribeResourcePolicies",
  "logs:DescribeLogGroups",
];

/**
 * Actions X-Ray tracing needs; X-Ray has no resource-level permissions for them.
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/xray-iam.html
 * @see https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsx-ray.html
 */
export const XRAY_ACTIONS: readonly string[] = [
  "xray:PutTraceSegments",
  "xray:PutTelemetryRecords",
  "xray:GetSamplingRules",
  "xray:GetSamplingTargets",
];

/** kms:Decrypt and kms:GenerateDataKey on the key, only where the condition key holds one of `values`. */
export function useKeyWhere(
  sid: string,
  kmsKeyArn: string,
  variable: string,
  values: readonly string[],
): PolicyStatement {
  return {
    sid,
    actions: ["kms:Decrypt", "kms:GenerateDataKey"],
    resources: [kmsKeyArn],
    conditions: [{ test: "StringEquals", variable, values: [...values] }],
  };
}

/** The encryption context Step Functions binds each data key to. https://docs.aws.amazon.com/step-functions/latest/dg/encryption-at-rest.html */
export const STATE_MACHINE_CONTEXT = "kms:EncryptionContext:aws:states:stateMachineArn";

function sourceAccount(scope: AccountScope) {
  return { test: "StringEquals", variable: "aws:SourceAccount", values: [scope.account] };
}

/**
 * Trust policy of the data-prep execution role. ECS sets `aws:SourceAccount` when it
 * assumes the role, which stops another account's tasks from borrowing it.
 * @see https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html
 */
export function ecsExecAssumeStatements(scope: AccountScope): PolicyStatement[] {
  return [
    {
      sid: "EcsTasksAssumeRole",
      actions: ["sts:AssumeRole"],
      principals: [{ type: "Service", identifiers: [ECS_TASKS] }],
      conditions: [sourceAccount(scope)],
    },
  ];
}

/**
 * Trust policy of the data-prep task role: as the execution role's, and only for ECS
 * resources of this account and region.
 * @see https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html
 */
export function ecsTaskAssumeStatements(scope: AccountScope): PolicyStatement[] {
  return [
    {
      sid: "EcsTasksAssumeRole",
      actions: ["sts:AssumeRole"],
      principals: [{ type: "Service", identifiers: [ECS_TASKS] }],
      conditions: [
        sourceAccount(scope),
        { test: "ArnLike", variable: "aws:SourceArn", values: [arn(scope, "ecs", "*")] },
      ],
    },
  ];
}

/**
 * Trust policy of the state machine role: Step Functions, for this account's state machines.
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/procedure-create-iam-role.html
 */
export function sfnAssumeStatements(scope: AccountScope): PolicyStatement[] {
  return [
    {
      sid: "StepFunctionsAssumeRole",
      actions: ["sts:AssumeRole"],
      principals: [{ type: "Service", identifiers: [STATES] }],
      conditions: [
        sourceAccount(scope),
        { test: "ArnLike", variable: "aws:SourceArn", values: [arn(scope, "states", "stateMachine:*")] },
      ],
    },
  ];
}

/**
 * What a role needs to start executions of the workflow, for an app's own code or the role an
 * EventBridge schedule or rule assumes: `states:StartExecution`, whose resource type is the state
 * machine, on this one only.
 * @see https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsstepfunctions.html
 */
export function startExecutionStatements(stateMachineArn: string): PolicyStatement[] {
  return [{ sid: "StartFinetuneWorkflow", actions: ["states:StartExecution"], resources: [stateMachineArn] }];
}

export interface DataPrepExecPolicyInput {
  /** ARN of the ECR repository holding the data-prep image. */
  readonly dataPrepRepositoryArn: string;
  /** ARN of the data-prep log group, without a trailing `:*`. */
  readonly logGroupArn: string;
}

/** What ECS does on the task's behalf: pull the image and ship the container's logs. */
export function dataPrepExecStatements(input: DataPrepExecPolicyInput): PolicyStatement[] {
  return [
    {
      // ECR issues registry-wide tokens; the action has no resource type.
      // https://docs.aws.amazon.com/AmazonECR/latest/userguide/security_iam_id-based-policy-examples.html
      sid: "EcrAuthorizationToken",
      actions: ["ecr:GetAuthorizationToken"],
      resources: ["*"],
    },
    {
      sid: "PullDataPrepImage",
      actions: ["ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"],
      resources: [input.dataPrepRepositoryArn],
    },
    {
      sid: "ShipContainerLogs",
      actions: ["logs:CreateLogStream", "logs:PutLogEvents"],
      resources: [`${input.logGroupArn}:log-stream:*`],
    },
  ];
}

export interface DataPrepTaskPolicyInput {
  readonly partition: string;
  readonly region: string;
  /** `data.aws_partition.current.dns_suffix`, e.g. `amazonaws.com`; service endpoints end with it. */
  readonly dnsSuffix: string;
  readonly dbSecretArn: string;
  readonly dbClusterArn: string;
  readonly bucketName: string;
  readonly kmsKeyArn: string;
}

/** What the data-prep container itself does: read the DB secret, query Aurora, write datasets. */
export function dataPrepTaskStatements(input: DataPrepTaskPolicyInput): PolicyStatement[] {
  return [
    { sid: "ReadDatabaseSecret", actions: ["secretsmanager:GetSecretValue"], resources: [input.dbSecretArn] },
    { sid: "QueryDatabase", actions: ["rds-data:ExecuteStatement"], resources: [input.dbClusterArn] },
    { sid: "ListBucket", actions: ["s3:ListBucket"], resources: [s3Arn(input.partition, input.bucketName)] },
    {
      sid: "ReadWriteTrainingData",
      actions: ["s3:GetObject", "s3:PutObject"],
      resources: [s3Arn(input.partition, `${input.bucketName}/${TRAINING_PREFIX}*`)],
    },
    // The container never calls KMS itself: S3 (SSE-KMS objects) and Secrets Manager (the DB
    // secret) do, with its credentials, and say so in kms:ViaService.
    // https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-via-service
    useKeyWhere(
      "UseDataKeyThroughServices",
      input.kmsKeyArn,
      "kms:ViaService",
      ["s3", "secretsmanager"].map((service) => `${service}.${input.region}.${input.dnsSuffix}`),
    ),
  ];
}

export interface StateMachinePolicyInput {
  readonly scope: AccountScope;
  readonly kmsKeyArn: string;
  /** This state machine's own name; its ARN is built from it to avoid a dependency cycle. */
  readonly stateMachineName: string;
}

/**
 * What the state machine needs whatever its Tasks do: its execution data encrypted with the key,
 * its execution logs delivered (and encrypted), its traces written. Each Task adds its own.
 */
export function stateMachineStatements(input: StateMachinePolicyInput): PolicyStatement[] {
  const { scope } = input;
  return [
    // Step Functions encrypts execution data with the key, binding each data key to this machine.
    useKeyWhere("EncryptExecutionData", input.kmsKeyArn, STATE_MACHINE_CONTEXT, [
      arn(scope, "states", `stateMachine:${input.stateMachineName}`),
    ]),
    {
      // With a customer-managed key, log delivery asks for a data key on behalf of CloudWatch Logs.
      // https://docs.aws.amazon.com/step-functions/latest/dg/encryption-at-rest.html#encrypt-logs
      sid: "EncryptExecutionLogs",
      actions: ["kms:GenerateDataKey"],
      resources: [input.kmsKeyArn],
      conditions: [{ test: "ArnLike", variable: "kms:EncryptionContext:SourceArn", values: [arn(scope, "logs", "*")] }],
    },
    {
      // https://docs.aws.amazon.com/step-functions/latest/dg/cw-logs.html#cloudwatch-iam-policy
      sid: "DeliverExecutionLogs",
      actions: [...LOG_DELIVERY_ACTIONS],
      resources: ["*"],
    },
    {
      // https://docs.aws.amazon.com/step-functions/latest/dg/xray-iam.html
      sid: "WriteTraces",
      actions: [...XRAY_ACTIONS],
      resources: ["*"],
    },
  ];
}

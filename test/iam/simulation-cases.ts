/**
 * The simulation table: every API call the workflow makes with each role, as AWS authorizes it
 * (action, resource ARN, request context), and near misses that must be denied. Rows are data;
 * `simulation.test.ts` evaluates each one against the role's policy built from the README's
 * example inputs in the `aws` partition (region eu-west-1, account 111122223333, ns `gata-prod`).
 */
import type { Request } from "../models/iam-evaluator/evaluator";
import type { DocumentName } from "./sample";

export type Role = "data-prep exec" | "data-prep task" | "state machine" | "exec trust" | "task trust" | "sfn trust";

/** The policy document each role's requests are decided against. */
export const DOCUMENT_OF: Record<Role, DocumentName> = {
  "data-prep exec": "data_prep_exec",
  "data-prep task": "data_prep_task",
  "state machine": "sfn",
  "exec trust": "ecs_exec_assume",
  "task trust": "ecs_task_assume",
  "sfn trust": "sfn_assume",
};

/** What sets a denied row apart from the call the workflow really makes. */
export type NearMiss =
  | "another account"
  | "another region"
  | "another service"
  | "another cluster"
  | "another task definition family"
  | "another repository"
  | "another log group"
  | "another bucket"
  | "another bucket prefix"
  | "another key"
  | "another secret"
  | "another database"
  | "another SSM path"
  | "another state machine"
  | "another event bus"
  | "another event rule"
  | "another role"
  | "missing context"
  | "an action the workflow never calls";

export interface SimulationCase {
  readonly role: Role;
  /** The call, in words: who makes it and why. */
  readonly description: string;
  readonly request: Request;
  readonly expected: "Allowed" | "Denied";
  /** For a denied row, how it differs from an allowed call. */
  readonly nearMiss?: NearMiss;
}

const P = "aws";
const R = "eu-west-1";
const A = "111122223333";
const OTHER = "444455556666";
const at = (service: string, resource: string, account = A, region = R) =>
  `arn:${P}:${service}:${region}:${account}:${resource}`;

const CLUSTER = at("ecs", "cluster/gata");
const OTHER_CLUSTER = at("ecs", "cluster/shared");
const TASK = at("ecs", "task/gata/0a1b2c3d4e5f60718293a4b5c6d7e8f9");
const TASK_DEFINITION = at("ecs", "task-definition/gata-prod-data-prep:7");
const EXEC_ROLE = `arn:${P}:iam::${A}:role/gata-prod-data-prep-exec`;
const TASK_ROLE = `arn:${P}:iam::${A}:role/gata-prod-data-prep-task`;
const STATE_MACHINE = at("states", "stateMachine:gata-prod-finetune");
const GENERAL = at("states", "stateMachine:gata-finetune-general");
const LOW_VOLUME = at("states", "stateMachine:gata-finetune-low-volume");
const KEY = at("kms", "key/1234abcd-12ab-34cd-56ef-1234567890ab");
const OTHER_KEY = at("kms", "key/0000aaaa-00aa-00aa-00aa-000000000000");
const BUCKET = `arn:${P}:s3:::gata-training-data`;
const BATCH = "2024061509";
const LOG_STREAM = at(
  "logs",
  `log-group:/ecs/gata-prod-data-prep:log-stream:batch-${BATCH}/gata-prod-data-prep-${BATCH}/0a1b2c3d4e5f60718293a4b5c6d7e8f9`,
);

const ECS_TASKS = { type: "Service", id: "ecs-tasks.amazonaws.com" } as const;
const STATES = { type: "Service", id: "states.amazonaws.com" } as const;
const ASSUME = "sts:AssumeRole";

const allowed = (role: Role, description: string, request: Request): SimulationCase => ({
  role,
  description,
  request,
  expected: "Allowed",
});
const denied = (role: Role, nearMiss: NearMiss, description: string, request: Request): SimulationCase => ({
  role,
  description,
  request,
  expected: "Denied",
  nearMiss,
});

const onCluster = { "ecs:cluster": CLUSTER };
const toEcsTasks = { "iam:PassedToService": "ecs-tasks.amazonaws.com" };
const forThisMachine = { "kms:EncryptionContext:aws:states:stateMachineArn": STATE_MACHINE };
const forMachine = (arn: string) => ({ "kms:EncryptionContext:aws:states:stateMachineArn": arn });
const via = (service: string, region = R) => ({ "kms:ViaService": `${service}.${region}.amazonaws.com` });

export const SIMULATION_CASES: readonly SimulationCase[] = [
  // --- data-prep execution role: ECS pulls the image and ships the container's logs ---------
  allowed("data-prep exec", "ECS gets a registry token", { action: "ecr:GetAuthorizationToken" }),
  allowed("data-prep exec", "ECS checks the image layers", {
    action: "ecr:BatchCheckLayerAvailability",
    resource: at("ecr", "repository/gata/data-prep"),
  }),
  allowed("data-prep exec", "ECS gets the image manifest", {
    action: "ecr:BatchGetImage",
    resource: at("ecr", "repository/gata/data-prep"),
  }),
  allowed("data-prep exec", "ECS downloads a layer", {
    action: "ecr:GetDownloadUrlForLayer",
    resource: at("ecr", "repository/gata/data-prep"),
  }),
  allowed("data-prep exec", "awslogs creates the batch's log stream", {
    action: "logs:CreateLogStream",
    resource: LOG_STREAM,
  }),
  allowed("data-prep exec", "awslogs writes log events", { action: "logs:PutLogEvents", resource: LOG_STREAM }),
  denied("data-prep exec", "another repository", "pull an image from another repository", {
    action: "ecr:BatchGetImage",
    resource: at("ecr", "repository/gata/inference"),
  }),
  denied("data-prep exec", "an action the workflow never calls", "push an image to the data-prep repository", {
    action: "ecr:PutImage",
    resource: at("ecr", "repository/gata/data-prep"),
  }),
  denied("data-prep exec", "another log group", "write to another log group", {
    action: "logs:PutLogEvents",
    resource: at("logs", "log-group:/ecs/gata-prod-inference:log-stream:x"),
  }),

  // --- data-prep task role: the container reads the secret, queries Aurora, writes datasets ---
  allowed("data-prep task", "read the database secret", {
    action: "secretsmanager:GetSecretValue",
    resource: at("secretsmanager", "secret:tickets-db-AbCdEf"),
  }),
  allowed("data-prep task", "query Aurora through the Data API", {
    action: "rds-data:ExecuteStatement",
    resource: at("rds", "cluster:tickets"),
  }),
  allowed("data-prep task", "list the bucket", {
    action: "s3:ListBucket",
    resource: BUCKET,
    context: { "s3:prefix": "training/" },
  }),
  allowed("data-prep task", "write the general train set", {
    action: "s3:PutObject",
    resource: `${BUCKET}/training/gata-general/${BATCH}/train/data.json`,
  }),
  allowed("data-prep task", "read back a test set", {
    action: "s3:GetObject",
    resource: `${BUCKET}/training/gata-low-vol/${BATCH}/test/data.json`,
  }),
  allowed("data-prep task", "S3 gets a data key for an SSE-KMS dataset write", {
    action: "kms:GenerateDataKey",
    resource: KEY,
    context: via("s3"),
  }),
  allowed("data-prep task", "S3 decrypts an SSE-KMS dataset read", {
    action: "kms:Decrypt",
    resource: KEY,
    context: via("s3"),
  }),
  allowed("data-prep task", "Secrets Manager decrypts the DB secret", {
    action: "kms:Decrypt",
    resource: KEY,
    context: via("secretsmanager"),
  }),
  denied("data-prep task", "another secret", "read another secret", {
    action: "secretsmanager:GetSecretValue",
    resource: at("secretsmanager", "secret:billing-db-XyZ123"),
  }),
  denied("data-prep task", "another database", "query another Aurora cluster", {
    action: "rds-data:ExecuteStatement",
    resource: at("rds", "cluster:billing"),
  }),
  denied("data-prep task", "another bucket prefix", "write outside training/", {
    action: "s3:PutObject",
    resource: `${BUCKET}/models/general/model.tar.gz`,
  }),
  denied("data-prep task", "another bucket", "read from another bucket", {
    action: "s3:GetObject",
    resource: `arn:${P}:s3:::gata-training-data-archive/training/x.json`,
  }),
  denied("data-prep task", "an action the workflow never calls", "delete a dataset", {
    action: "s3:DeleteObject",
    resource: `${BUCKET}/training/gata-general/${BATCH}/train/data.json`,
  }),
  denied("data-prep task", "another key", "decrypt with another key", {
    action: "kms:Decrypt",
    resource: OTHER_KEY,
    context: via("s3"),
  }),
  denied("data-prep task", "missing context", "the container calls kms:Decrypt itself, not through a service", {
    action: "kms:Decrypt",
    resource: KEY,
  }),
  denied("data-prep task", "another service", "decrypt through SSM", {
    action: "kms:Decrypt",
    resource: KEY,
    context: via("ssm"),
  }),
  denied("data-prep task", "another region", "get a data key through S3 in another region", {
    action: "kms:GenerateDataKey",
    resource: KEY,
    context: via("s3", "us-east-1"),
  }),

  // --- state machine role: everything the definition calls -----------------------------------
  allowed("state machine", "LoadImageVersions: ssm:getParametersByPath on the path as sent", {
    action: "ssm:GetParametersByPath",
    resource: at("ssm", "parameter/gata/images/"),
  }),
  allowed("state machine", "RegisterTaskDefinition: a new revision of the family", {
    action: "ecs:RegisterTaskDefinition",
    resource: TASK_DEFINITION,
  }),
  allowed("state machine", "RegisterTaskDefinition passes the execution role to ECS tasks", {
    action: "iam:PassRole",
    resource: EXEC_ROLE,
    context: toEcsTasks,
  }),
  allowed("state machine", "RegisterTaskDefinition passes the task role to ECS tasks", {
    action: "iam:PassRole",
    resource: TASK_ROLE,
    context: toEcsTasks,
  }),
  allowed("state machine", "RunDataPrep: ecs:runTask.sync on the cluster", {
    action: "ecs:RunTask",
    resource: TASK_DEFINITION,
    context: onCluster,
  }),
  allowed("state machine", "RunDataPrep (.sync) polls the task", {
    action: "ecs:DescribeTasks",
    resource: TASK,
    context: onCluster,
  }),
  allowed("state machine", "RunDataPrep (.sync) stops the task on timeout or abort", {
    action: "ecs:StopTask",
    resource: TASK,
    context: onCluster,
  }),
  allowed("state machine", "RunDataPrep (.sync) creates its completion rule", {
    action: "events:PutRule",
    resource: at("events", "rule/StepFunctionsGetEventsForECSTaskRule"),
  }),
  allowed("state machine", "RunDataPrep (.sync) targets its completion rule", {
    action: "events:PutTargets",
    resource: at("events", "rule/StepFunctionsGetEventsForECSTaskRule"),
  }),
  allowed("state machine", "RunDataPrep (.sync) reads its completion rule", {
    action: "events:DescribeRule",
    resource: at("events", "rule/StepFunctionsGetEventsForECSTaskRule"),
  }),
  allowed("state machine", "DeregisterTaskDefinition (no resource-level permissions)", {
    action: "ecs:DeregisterTaskDefinition",
  }),
  allowed("state machine", "FindLowVolumeData: s3:listObjectsV2 with the key as prefix", {
    action: "s3:ListBucket",
    resource: BUCKET,
    context: { "s3:prefix": `training/gata-low-vol/${BATCH}/train/data.json` },
  }),
  allowed("state machine", "FineTuneGeneral: start the general child", {
    action: "states:StartExecution",
    resource: GENERAL,
  }),
  allowed("state machine", "FineTuneLowVolume: start the low-volume child", {
    action: "states:StartExecution",
    resource: LOW_VOLUME,
  }),
  allowed("state machine", "startExecution.sync:2 polls the child", {
    action: "states:DescribeExecution",
    resource: at("states", `execution:gata-finetune-general:${BATCH}-abc`),
  }),
  allowed("state machine", "startExecution.sync:2 stops the child when the branch fails", {
    action: "states:StopExecution",
    resource: at("states", "execution:gata-finetune-low-volume:0f1e2d3c"),
  }),
  allowed("state machine", "startExecution.sync:2 creates its completion rule", {
    action: "events:PutRule",
    resource: at("events", "rule/StepFunctionsGetEventsForStepFunctionsExecutionRule"),
  }),
  allowed("state machine", "NotifyComplete / NotifyFailure: put the event on the bus", {
    action: "events:PutEvents",
    resource: at("events", "event-bus/gata"),
  }),
  allowed("state machine", "Step Functions encrypts execution data", {
    action: "kms:GenerateDataKey",
    resource: KEY,
    context: forThisMachine,
  }),
  allowed("state machine", "Step Functions decrypts execution data", {
    action: "kms:Decrypt",
    resource: KEY,
    context: forThisMachine,
  }),
  allowed("state machine", "FineTuneGeneral: StartExecution encrypts the CMK-encrypted child's input", {
    action: "kms:GenerateDataKey",
    resource: KEY,
    context: forMachine(GENERAL),
  }),
  allowed("state machine", "startExecution.sync:2 DescribeExecution decrypts the child's input and output", {
    action: "kms:Decrypt",
    resource: KEY,
    context: forMachine(LOW_VOLUME),
  }),
  allowed("state machine", "log delivery asks for a data key for the log group", {
    action: "kms:GenerateDataKey",
    resource: KEY,
    context: { "kms:EncryptionContext:SourceArn": at("logs", "log-group:/aws/vendedlogs/states/gata-prod-finetune") },
  }),
  // Step Functions manages the vended-log delivery to its log group with these (none has a resource type).
  ...[
    "logs:CreateLogDelivery",
    "logs:GetLogDelivery",
    "logs:UpdateLogDelivery",
    "logs:DeleteLogDelivery",
    "logs:ListLogDeliveries",
    "logs:PutResourcePolicy",
    "logs:DescribeResourcePolicies",
    "logs:DescribeLogGroups",
  ].map((action) => allowed("state machine", `execution log delivery: ${action.split(":")[1]}`, { action })),
  // Tracing: segments, telemetry and sampling decisions (none has a resource type).
  ...["xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules", "xray:GetSamplingTargets"].map(
    (action) => allowed("state machine", `X-Ray tracing: ${action.split(":")[1]}`, { action }),
  ),
  denied("state machine", "another task definition family", "register a task definition of another family", {
    action: "ecs:RegisterTaskDefinition",
    resource: at("ecs", "task-definition/gata-prod-inference:1"),
  }),
  denied("state machine", "another task definition family", "run a task definition of another family", {
    action: "ecs:RunTask",
    resource: at("ecs", "task-definition/gata-prod-inference:1"),
    context: onCluster,
  }),
  denied("state machine", "another cluster", "run the data-prep task on another cluster", {
    action: "ecs:RunTask",
    resource: TASK_DEFINITION,
    context: { "ecs:cluster": OTHER_CLUSTER },
  }),
  denied("state machine", "another cluster", "stop a task on another cluster", {
    action: "ecs:StopTask",
    resource: at("ecs", "task/shared/0a1b2c3d"),
    context: { "ecs:cluster": OTHER_CLUSTER },
  }),
  denied("state machine", "missing context", "run a task without the cluster in the request context", {
    action: "ecs:RunTask",
    resource: TASK_DEFINITION,
  }),
  denied("state machine", "another service", "pass the task role to Lambda", {
    action: "iam:PassRole",
    resource: TASK_ROLE,
    context: { "iam:PassedToService": "lambda.amazonaws.com" },
  }),
  denied("state machine", "another role", "pass another role to ECS tasks", {
    action: "iam:PassRole",
    resource: `arn:${P}:iam::${A}:role/admin`,
    context: toEcsTasks,
  }),
  denied("state machine", "another role", "pass its own role to ECS tasks", {
    action: "iam:PassRole",
    resource: `arn:${P}:iam::${A}:role/sfn-gata-prod-finetune`,
    context: toEcsTasks,
  }),
  denied("state machine", "another event rule", "change another EventBridge rule", {
    action: "events:PutTargets",
    resource: at("events", "rule/nightly-export"),
  }),
  denied("state machine", "another event bus", "put events on the default bus", {
    action: "events:PutEvents",
    resource: at("events", "event-bus/default"),
  }),
  denied("state machine", "another account", "put events on a bus of the same name in another account", {
    action: "events:PutEvents",
    resource: at("events", "event-bus/gata", OTHER),
  }),
  denied("state machine", "another state machine", "start another state machine", {
    action: "states:StartExecution",
    resource: at("states", "stateMachine:gata-prod-deploy"),
  }),
  denied("state machine", "another account", "start the general child's namesake in another account", {
    action: "states:StartExecution",
    resource: at("states", "stateMachine:gata-finetune-general", OTHER),
  }),
  denied("state machine", "another state machine", "stop an execution of another state machine", {
    action: "states:StopExecution",
    resource: at("states", "execution:gata-prod-deploy:0f1e2d3c"),
  }),
  denied("state machine", "another SSM path", "read parameters under another path", {
    action: "ssm:GetParametersByPath",
    resource: at("ssm", "parameter/gata/secrets/"),
  }),
  denied("state machine", "an action the workflow never calls", "read image-version parameters one by one", {
    action: "ssm:GetParameters",
    resource: at("ssm", "parameter/gata/images/version-data-prep"),
  }),
  denied("state machine", "another bucket", "list another bucket", {
    action: "s3:ListBucket",
    resource: `arn:${P}:s3:::gata-training-data-archive`,
    context: { "s3:prefix": "training/" },
  }),
  denied("state machine", "another bucket prefix", "list the bucket outside training/", {
    action: "s3:ListBucket",
    resource: BUCKET,
    context: { "s3:prefix": "models/" },
  }),
  denied("state machine", "an action the workflow never calls", "read a dataset", {
    action: "s3:GetObject",
    resource: `${BUCKET}/training/gata-general/${BATCH}/train/data.json`,
  }),
  denied("state machine", "another state machine", "decrypt another state machine's execution data", {
    action: "kms:Decrypt",
    resource: KEY,
    context: { "kms:EncryptionContext:aws:states:stateMachineArn": at("states", "stateMachine:gata-prod-deploy") },
  }),
  denied("state machine", "another state machine", "get a data key to start another machine's execution", {
    action: "kms:GenerateDataKey",
    resource: KEY,
    context: forMachine(at("states", "stateMachine:gata-prod-deploy")),
  }),
  denied("state machine", "another account", "decrypt the general child's namesake in another account", {
    action: "kms:Decrypt",
    resource: KEY,
    context: forMachine(at("states", "stateMachine:gata-finetune-general", OTHER)),
  }),
  denied("state machine", "missing context", "decrypt with the key outside Step Functions (no encryption context)", {
    action: "kms:Decrypt",
    resource: KEY,
  }),
  denied("state machine", "another key", "encrypt execution data with another key", {
    action: "kms:GenerateDataKey",
    resource: OTHER_KEY,
    context: forThisMachine,
  }),
  denied("state machine", "another account", "get a data key for another account's logs", {
    action: "kms:GenerateDataKey",
    resource: KEY,
    context: { "kms:EncryptionContext:SourceArn": at("logs", "log-group:/aws/vendedlogs/states/x", OTHER) },
  }),

  // --- trust policies: who may assume each role (confused-deputy conditions) -----------------
  allowed("exec trust", "ECS assumes the execution role for this account's task", {
    action: ASSUME,
    principal: ECS_TASKS,
    context: { "aws:SourceAccount": A },
  }),
  denied("exec trust", "another account", "ECS assumes it for another account's task", {
    action: ASSUME,
    principal: ECS_TASKS,
    context: { "aws:SourceAccount": OTHER },
  }),
  denied("exec trust", "another service", "Step Functions assumes it", {
    action: ASSUME,
    principal: STATES,
    context: { "aws:SourceAccount": A },
  }),
  allowed("task trust", "ECS assumes the task role for this account's task", {
    action: ASSUME,
    principal: ECS_TASKS,
    context: { "aws:SourceAccount": A, "aws:SourceArn": TASK },
  }),
  denied("task trust", "another account", "ECS assumes it for another account's task", {
    action: ASSUME,
    principal: ECS_TASKS,
    context: { "aws:SourceAccount": OTHER, "aws:SourceArn": at("ecs", "task/gata/0a1b2c3d", OTHER) },
  }),
  denied("task trust", "another region", "ECS assumes it for a task in another region", {
    action: ASSUME,
    principal: ECS_TASKS,
    context: { "aws:SourceAccount": A, "aws:SourceArn": at("ecs", "task/gata/0a1b2c3d", A, "us-east-1") },
  }),
  denied("task trust", "another service", "ECS tasks present another service's source ARN", {
    action: ASSUME,
    principal: ECS_TASKS,
    context: { "aws:SourceAccount": A, "aws:SourceArn": STATE_MACHINE },
  }),
  denied("task trust", "missing context", "ECS tasks without a source ARN", {
    action: ASSUME,
    principal: ECS_TASKS,
    context: { "aws:SourceAccount": A },
  }),
  allowed("sfn trust", "Step Functions assumes the role for this account's state machine", {
    action: ASSUME,
    principal: STATES,
    context: { "aws:SourceAccount": A, "aws:SourceArn": STATE_MACHINE },
  }),
  denied("sfn trust", "another account", "Step Functions assumes it for another account's state machine", {
    action: ASSUME,
    principal: STATES,
    context: { "aws:SourceAccount": OTHER, "aws:SourceArn": at("states", "stateMachine:gata-prod-finetune", OTHER) },
  }),
  denied("sfn trust", "another service", "Step Functions presents another service's source ARN", {
    action: ASSUME,
    principal: STATES,
    context: { "aws:SourceAccount": A, "aws:SourceArn": TASK },
  }),
  denied("sfn trust", "another service", "ECS tasks assume the state machine role", {
    action: ASSUME,
    principal: ECS_TASKS,
    context: { "aws:SourceAccount": A, "aws:SourceArn": STATE_MACHINE },
  }),
];

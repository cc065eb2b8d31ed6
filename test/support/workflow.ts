/**
 * Recorded AWS responses for the fine-tune workflow, shaped like the real ones, and a fake AWS
 * that answers the workflow's Task calls from them. Each fixture keeps the fields the service
 * returns (trimmed of the ones nobody reads), so the definition is exercised against what AWS
 * really sends back, not against what the definition happens to read.
 */
import type { StateMachineDefinition } from "../../src/workflow/asl";
import { buildWorkflowDefinition } from "../../src/workflow/definition";
import type { WorkflowDefinitionInput } from "../../src/workflow/input";
import {
  execute,
  type ExecutionResult,
  SfnError,
  type TaskCall,
  type TaskHandler,
} from "../models/sfn-executor/harness";

export const ACCOUNT = "111122223333";
export const REGION = "eu-west-1";
export const NS = "gata-prod";
export const BATCH_ID = "2026011508";
export const START_TIME = "2026-01-15T08:42:17.123Z";
export const STATE_MACHINE_ARN = `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:${NS}-finetune`;
export const EXECUTION_ARN = `arn:aws:states:${REGION}:${ACCOUNT}:execution:${NS}-finetune:${BATCH_ID}`;
export const DATA_PREP_IMAGE_VERSION = ":1.4.2";

/** One concrete set of module inputs, as the module would pass them once Terraform knows them. */
export const SAMPLE_INPUT: WorkflowDefinitionInput = {
  partition: "aws",
  region: REGION,
  ssmImagePath: "/gata/images/",
  dataPrepName: `${NS}-data-prep`,
  dataPrepRepositoryUrl: `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/gata/data-prep`,
  executionRoleArn: `arn:aws:iam::${ACCOUNT}:role/${NS}-data-prep-exec`,
  taskRoleArn: `arn:aws:iam::${ACCOUNT}:role/${NS}-data-prep-task`,
  logGroupName: `/ecs/${NS}-data-prep`,
  dbClusterArn: `arn:aws:rds:${REGION}:${ACCOUNT}:cluster:tickets`,
  dbSecretArn: `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:tickets-db-AbCdEf`,
  lowVolumeFallbackLabel: "0",
  bucketName: "gata-training-data",
  clusterArn: `arn:aws:ecs:${REGION}:${ACCOUNT}:cluster/gata`,
  subnetIdsCsv: "subnet-0123456789abcdef0,subnet-0fedcba9876543210",
  securityGroupId: "sg-0a1b2c3d4e5f60718",
  generalStateMachineArn: `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:gata-finetune-general`,
  lowVolumeStateMachineArn: `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:gata-finetune-low-volume`,
  eventBusName: "gata",
  dataPrepTimeoutSeconds: 4 * 3600,
  fineTuneTimeoutSeconds: 24 * 3600,
};

/**
 * Every Terraform interpolation the synthesized definition may contain, with the value that
 * makes it equal to `buildWorkflowDefinition(SAMPLE_INPUT)`. A new interpolation must be added
 * here on purpose: the test fails on any it does not know.
 */
export const INTERPOLATIONS: Readonly<Record<string, string>> = {
  "${data.aws_partition.current.partition}": SAMPLE_INPUT.partition,
  "${data.aws_region.current.region}": SAMPLE_INPUT.region,
  "${var.ssm_image_path}": SAMPLE_INPUT.ssmImagePath,
  "${local.ns}": NS,
  "${aws_iam_role.data_prep_exec.arn}": SAMPLE_INPUT.executionRoleArn,
  "${aws_iam_role.data_prep_task.arn}": SAMPLE_INPUT.taskRoleArn,
  "${local.data_prep_repository_url}": SAMPLE_INPUT.dataPrepRepositoryUrl,
  "${var.db_cluster_arn}": SAMPLE_INPUT.dbClusterArn,
  "${var.db_secret_arn}": SAMPLE_INPUT.dbSecretArn,
  "${var.low_volume_fallback_label}": SAMPLE_INPUT.lowVolumeFallbackLabel,
  "${var.s3_bucket_name}": SAMPLE_INPUT.bucketName,
  "${aws_cloudwatch_log_group.ecs_data_prep.name}": SAMPLE_INPUT.logGroupName,
  "${var.ecs_cluster_arn}": SAMPLE_INPUT.clusterArn,
  "${local.subnet_ids_csv}": SAMPLE_INPUT.subnetIdsCsv,
  "${aws_security_group.this.id}": SAMPLE_INPUT.securityGroupId,
  "${local.general_state_machine_arn}": SAMPLE_INPUT.generalStateMachineArn,
  "${local.low_volume_state_machine_arn}": SAMPLE_INPUT.lowVolumeStateMachineArn,
  "${var.event_bus_name}": SAMPLE_INPUT.eventBusName,
};

/** Replaces every `${...}` with its sample value; throws on one the map does not know. */
export function fillInterpolations(text: string, values: Readonly<Record<string, string>> = INTERPOLATIONS): string {
  return text.replace(/\$\{[^}]*\}/g, (expression) => {
    const value = values[expression];
    if (value === undefined)
      throw new Error(`No sample value for the interpolation ${expression}; add it to INTERPOLATIONS.`);
    return value;
  });
}

// ---------------------------------------------------------------------------------------------
// Recorded responses
// ---------------------------------------------------------------------------------------------

/** One entry of GetParametersByPath's `Parameters`. */
export function ssmParameter(name: string, value: string, version = 1) {
  return {
    Name: `${SAMPLE_INPUT.ssmImagePath}${name}`,
    Type: "String",
    Value: value,
    Version: version,
    LastModifiedDate: "2026-01-10T09:30:00.000Z",
    ARN: `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter${SAMPLE_INPUT.ssmImagePath}${name}`,
    DataType: "text",
  };
}

/** A GetParametersByPath page; `nextToken` present means more pages follow. */
export function ssmPage(parameters: readonly ReturnType<typeof ssmParameter>[], nextToken?: string) {
  return { Parameters: parameters, ...(nextToken !== undefined && { NextToken: nextToken }) };
}

/** The image versions of every module under the path, data-prep among them. */
export const IMAGE_PARAMETERS = [
  ssmParameter("version-data-prep", DATA_PREP_IMAGE_VERSION, 7),
  ssmParameter("version-finetune", ":2.0.1", 3),
  ssmParameter("version-inference", "@sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", 12),
];

export const TASK_DEFINITION_REVISION = 42;
export const TASK_DEFINITION_ARN = `arn:aws:ecs:${REGION}:${ACCOUNT}:task-definition/${NS}-data-prep:${TASK_DEFINITION_REVISION}`;
export const TASK_ARN = `arn:aws:ecs:${REGION}:${ACCOUNT}:task/gata/3b8f1c2d9e0a4b5c8d7e6f5a4b3c2d1e`;

function taskDefinition(revision: number, status: "ACTIVE" | "INACTIVE", batchId: string, image: string) {
  return {
    TaskDefinitionArn: `arn:aws:ecs:${REGION}:${ACCOUNT}:task-definition/${NS}-data-prep:${revision}`,
    ContainerDefinitions: [
      {
        Name: `${NS}-data-prep-${batchId}`,
        Image: image,
        Cpu: 0,
        Essential: true,
        Command: [batchId],
        Environment: [],
        MountPoints: [],
        VolumesFrom: [],
        LogConfiguration: { LogDriver: "awslogs", Options: { "awslogs-group": SAMPLE_INPUT.logGroupName } },
      },
    ],
    Family: `${NS}-data-prep`,
    TaskRoleArn: SAMPLE_INPUT.taskRoleArn,
    ExecutionRoleArn: SAMPLE_INPUT.executionRoleArn,
    NetworkMode: "awsvpc",
    Revision: revision,
    Volumes: [],
    Status: status,
    RequiresAttributes: [{ Name: "com.amazonaws.ecs.capability.logging-driver.awslogs" }],
    PlacementConstraints: [],
    Compatibilities: ["EC2", "FARGATE"],
    RequiresCompatibilities: ["FARGATE"],
    Cpu: "1024",
    Memory: "4096",
    RegisteredAt: "2026-01-15T08:42:19.000Z",
    RegisteredBy: `arn:aws:sts::${ACCOUNT}:assumed-role/${NS}-sfn/states`,
  };
}

/** RegisterTaskDefinition's response for the revision the request describes. */
export function registeredTaskDefinition(args: RegisterArgs, revision = TASK_DEFINITION_REVISION) {
  const container = args.ContainerDefinitions[0];
  return { TaskDefinition: taskDefinition(revision, "ACTIVE", container.Command[0], container.Image), Tags: [] };
}

/** DeregisterTaskDefinition's response: the same revision, now INACTIVE. */
export function deregisteredTaskDefinition(taskDefinitionArn: string) {
  const revision = Number(taskDefinitionArn.split(":").pop());
  return {
    TaskDefinition: {
      ...taskDefinition(revision, "INACTIVE", BATCH_ID, "image"),
      TaskDefinitionArn: taskDefinitionArn,
    },
  };
}

/** The described task runTask.sync returns once the task stops, or puts in the Cause when it failed. */
export function stoppedTask(taskDefinitionArn: string, exitCode: number) {
  return {
    Attachments: [
      { Id: "c4d5e6f7-0000-4000-8000-000000000001", Type: "ElasticNetworkInterface", Status: "DELETED", Details: [] },
    ],
    Attributes: [{ Name: "ecs.cpu-architecture", Value: "x86_64" }],
    AvailabilityZone: `${REGION}a`,
    ClusterArn: SAMPLE_INPUT.clusterArn,
    Connectivity: "CONNECTED",
    Containers: [
      {
        ContainerArn: `arn:aws:ecs:${REGION}:${ACCOUNT}:container/gata/3b8f1c2d/5e6f7a8b`,
        ExitCode: exitCode,
        LastStatus: "STOPPED",
        Name: `${NS}-data-prep-${BATCH_ID}`,
        TaskArn: TASK_ARN,
      },
    ],
    Cpu: "1024",
    CreatedAt: 1768466541000,
    DesiredStatus: "STOPPED",
    EnableExecuteCommand: false,
    Group: `family:${NS}-data-prep`,
    LastStatus: "STOPPED",
    LaunchType: "FARGATE",
    Memory: "4096",
    PlatformVersion: "1.4.0",
    StartedBy: "AWS Step Functions",
    StopCode: "EssentialContainerExited",
    StoppedReason: "Essential container in task exited",
    TaskArn: TASK_ARN,
    TaskDefinitionArn: taskDefinitionArn,
    Version: 5,
  };
}

export const LOW_VOLUME_TRAIN_KEY = (batchId: string) => `training/gata-low-vol/${batchId}/train/data.json`;

/** ListObjectsV2 with MaxKeys 1: the key itself when it exists, else nothing. */
export function listedObjects(prefix: string, keys: readonly string[]) {
  return {
    IsTruncated: false,
    ...(keys.length > 0 && {
      Contents: keys.map((Key) => ({
        Key,
        LastModified: "2026-01-15T09:05:44.000Z",
        ETag: '"9b2cf535f27731c974343645a3985328"',
        Size: 1048576,
        StorageClass: "STANDARD",
      })),
    }),
    Name: SAMPLE_INPUT.bucketName,
    Prefix: prefix,
    MaxKeys: 1,
    KeyCount: keys.length,
  };
}

/** DescribeExecution of a finished child, as startExecution.sync:2 returns it (Output parsed). */
export function childExecution(stateMachineArn: string, input: unknown, status: "SUCCEEDED" | "FAILED") {
  const name = "6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
  return {
    ExecutionArn: `${stateMachineArn.replace(":stateMachine:", ":execution:")}:${name}`,
    Input: input,
    InputDetails: { Included: true },
    Name: name,
    StartDate: 1768468000000,
    StateMachineArn: stateMachineArn,
    Status: status,
    StopDate: 1768475200000,
    ...(status === "SUCCEEDED"
      ? { Output: { ModelVersion: 17 }, OutputDetails: { Included: true } }
      : { Error: "ModelTrainingFailed", Cause: "Training job failed: loss diverged" }),
  };
}

export function eventsAccepted() {
  return { Entries: [{ EventId: "11710aed-b79e-4468-a20b-bb3c0c3b4860" }], FailedEntryCount: 0 };
}

/** PutEvents answered HTTP 200, but its one entry was not put. */
export function eventsFailedEntry() {
  return {
    Entries: [{ ErrorCode: "InternalFailure", ErrorMessage: "The event could not be put. Try again." }],
    FailedEntryCount: 1,
  };
}

/** RunTask answered HTTP 200 with no task: Fargate had no capacity for it. */
export function runTaskFailures() {
  return { Tasks: [], Failures: [{ Reason: "Capacity is unavailable at this time." }] };
}

// ---------------------------------------------------------------------------------------------
// A fake AWS answering the workflow's calls
// ---------------------------------------------------------------------------------------------

export interface RegisterArgs {
  readonly Family: string;
  readonly ContainerDefinitions: readonly {
    readonly Name: string;
    readonly Image: string;
    readonly Command: string[];
  }[];
}

/** `arn:aws:states:::aws-sdk:ssm:getParametersByPath` → `ssm:getParametersByPath`. */
export function apiOf(resource: string): string {
  return resource.split(":::")[1].replace(/^aws-sdk:/, "");
}

/** A service answer: the response, or an AWS error to throw. */
export type Answer = unknown | SfnError;

/** Answers calls to one API; `attempt` counts calls to that API, 1-based. */
export type Responder = (args: any, attempt: number, call: TaskCall) => Answer;

/** An AWS error as Step Functions reports it. */
export function awsError(error: string, cause = `${error} (recorded)`): SfnError {
  return new SfnError(error, cause);
}

/** Throws `errors` in turn on the first calls, then answers with `then`. */
export function failing(errors: readonly SfnError[], then: Responder = () => awsError("Fixture.Exhausted")): Responder {
  return (args, attempt, call) =>
    attempt <= errors.length ? errors[attempt - 1] : then(args, attempt - errors.length, call);
}

/** What AWS answers by default: the happy path with low-volume data. */
export function defaultResponders(): Record<string, Responder> {
  return {
    "ssm:getParametersByPath": () => ssmPage(IMAGE_PARAMETERS),
    "ecs:registerTaskDefinition": (args: RegisterArgs) => registeredTaskDefinition(args),
    "ecs:runTask.sync": (args: { TaskDefinition: string }) => stoppedTask(args.TaskDefinition, 0),
    "ecs:deregisterTaskDefinition": (args: { TaskDefinition: string }) =>
      deregisteredTaskDefinition(args.TaskDefinition),
    "s3:listObjectsV2": (args: { Prefix: string }) => listedObjects(args.Prefix, [args.Prefix]),
    "states:startExecution.sync:2": (args: { StateMachineArn: string; Input: unknown }) =>
      childExecution(args.StateMachineArn, args.Input, "SUCCEEDED"),
    "events:putEvents": () => eventsAccepted(),
  };
}

/** A recorded call, reduced to what identifies it: the API and its key arguments. */
export interface ApiCall {
  readonly api: string;
  readonly args: Readonly<Record<string, unknown>>;
}

/**
 * What Step Functions calls to stop the work of a `.sync` Task it cut short, with the argument
 * that identifies which work. https://docs.aws.amazon.com/step-functions/latest/dg/connect-ecs.html
 * https://docs.aws.amazon.com/step-functions/latest/dg/connect-stepfunctions.html
 */
function stopOf(call: TaskCall): ApiCall {
  const api = apiOf(call.resource);
  const args = call.arguments as { TaskDefinition?: string; StateMachineArn?: string };
  if (api === "ecs:runTask.sync") return { api: "ecs:stopTask", args: { TaskDefinition: args.TaskDefinition } };
  if (api === "states:startExecution.sync:2")
    return { api: "states:stopExecution", args: { StateMachineArn: args.StateMachineArn } };
  throw new Error(`Step Functions stopped ${api}, which the fake AWS does not know how to stop`);
}

export class FakeAws {
  private readonly responders: Record<string, Responder>;
  private readonly counts = new Map<string, number>();
  readonly calls: TaskCall[] = [];
  /** Every call in order, Step Functions' stops of `.sync` work included. */
  private readonly log: ApiCall[] = [];

  constructor(overrides: Readonly<Record<string, Responder>> = {}) {
    this.responders = { ...defaultResponders(), ...overrides };
  }

  readonly handler: TaskHandler = (call) => {
    const api = apiOf(call.resource);
    const responder = this.responders[api];
    if (responder === undefined) throw new Error(`The fake AWS has no responder for ${api} (state ${call.stateName})`);
    const attempt = (this.counts.get(api) ?? 0) + 1;
    this.counts.set(api, attempt);
    this.calls.push(call);
    this.log.push({ api, args: keyArguments(api, call.arguments) });
    const answer = responder(call.arguments, attempt, call);
    if (answer instanceof SfnError) throw answer;
    return answer;
  };

  /** Step Functions stops a `.sync` Task's work (a timeout, a failed sibling branch). */
  readonly onStop = (call: TaskCall): void => {
    this.log.push(stopOf(call));
  };

  /** The calls made, in order, each with its key arguments. */
  apiCalls(): ApiCall[] {
    return [...this.log];
  }
}

/** The arguments that identify what a call does; the rest is asserted once, in its own test. */
function keyArguments(api: string, args: any): Record<string, unknown> {
  switch (api) {
    case "ssm:getParametersByPath":
      return { Path: args.Path, ...(args.NextToken !== undefined && { NextToken: args.NextToken }) };
    case "ecs:registerTaskDefinition":
      return { Family: args.Family, Image: args.ContainerDefinitions[0].Image };
    case "ecs:runTask.sync":
    case "ecs:deregisterTaskDefinition":
      return { TaskDefinition: args.TaskDefinition };
    case "s3:listObjectsV2":
      return { Bucket: args.Bucket, Prefix: args.Prefix };
    case "states:startExecution.sync:2":
      return { StateMachineArn: args.StateMachineArn, Input: args.Input };
    case "events:putEvents":
      return { DetailType: args.Entries[0].DetailType, Detail: args.Entries[0].Detail };
    default:
      return args;
  }
}

// Expected calls, for readable assertions.
export const call = {
  loadImages: (nextToken?: string): ApiCall => ({
    api: "ssm:getParametersByPath",
    args: { Path: SAMPLE_INPUT.ssmImagePath, ...(nextToken !== undefined && { NextToken: nextToken }) },
  }),
  register: (image = `${SAMPLE_INPUT.dataPrepRepositoryUrl}${DATA_PREP_IMAGE_VERSION}`): ApiCall => ({
    api: "ecs:registerTaskDefinition",
    args: { Family: SAMPLE_INPUT.dataPrepName, Image: image },
  }),
  runTask: (arn = TASK_DEFINITION_ARN): ApiCall => ({ api: "ecs:runTask.sync", args: { TaskDefinition: arn } }),
  deregister: (arn = TASK_DEFINITION_ARN): ApiCall => ({
    api: "ecs:deregisterTaskDefinition",
    args: { TaskDefinition: arn },
  }),
  findLowVolume: (batchId = BATCH_ID): ApiCall => ({
    api: "s3:listObjectsV2",
    args: { Bucket: SAMPLE_INPUT.bucketName, Prefix: LOW_VOLUME_TRAIN_KEY(batchId) },
  }),
  startChild: (stateMachineArn: string, batchId = BATCH_ID): ApiCall => ({
    api: "states:startExecution.sync:2",
    args: {
      StateMachineArn: stateMachineArn,
      Input: { StatePayload: { BatchID: batchId }, AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID: EXECUTION_ARN },
    },
  }),
  complete: (batchId = BATCH_ID): ApiCall => ({
    api: "events:putEvents",
    args: { DetailType: "finetune-complete", Detail: { batch_id: batchId } },
  }),
  /** The failure event: the state whose error was caught, the error, and the cause when there is one. */
  stopTask: (arn = TASK_DEFINITION_ARN): ApiCall => ({ api: "ecs:stopTask", args: { TaskDefinition: arn } }),
  stopChild: (stateMachineArn: string): ApiCall => ({
    api: "states:stopExecution",
    args: { StateMachineArn: stateMachineArn },
  }),
  failed: (batchId: string, state: string, error: string, cause?: string): ApiCall => ({
    api: "events:putEvents",
    args: {
      DetailType: "finetune-failed",
      Detail: { batch_id: batchId, state, error, ...(cause !== undefined && { cause }) },
    },
  }),
};

/** Executes `definition` as this workflow's execution `BATCH_ID`, against a fake AWS with `overrides`. */
export async function runWorkflow(
  definition: StateMachineDefinition,
  overrides: Readonly<Record<string, Responder>> = {},
  input: unknown = { BatchID: BATCH_ID },
): Promise<{ aws: FakeAws; result: ExecutionResult }> {
  const aws = new FakeAws(overrides);
  const result = await execute(definition, {
    handler: aws.handler,
    onStop: aws.onStop,
    input,
    executionArn: EXECUTION_ARN,
    executionName: BATCH_ID,
    startTime: START_TIME,
    stateMachineArn: STATE_MACHINE_ARN,
  });
  return { aws, result };
}

/** The workflow's definition for SAMPLE_INPUT. */
export const SAMPLE_DEFINITION = buildWorkflowDefinition(SAMPLE_INPUT);

/** Executes SAMPLE_DEFINITION as execution `BATCH_ID`, against a fake AWS with `overrides`. */
export const runSample = (
  overrides: Readonly<Record<string, Responder>> = {},
  input: unknown = { BatchID: BATCH_ID },
) => runWorkflow(SAMPLE_DEFINITION, overrides, input);

/**
 * The fine-tune workflow as an Amazon States Language definition (JSONata), built as a
 * plain object. Input values may be Terraform interpolations: they only ever land inside
 * JSON strings, so the synthesized definition stays a readable, valid JSON document.
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html
 */
import { integrationArn } from "../naming/arn";
import { LOW_VOLUME_PREFIX, TRAIN_SET_KEY } from "../naming/s3-layout";
import type { Catcher, FailState, Retrier, StateMachineDefinition, TaskState } from "./asl";
import { RETRY } from "./errors";
import { jsonata, str } from "./jsonata";
import { executionTimeoutSeconds, MAX_IMAGE_PAGES, SDK_CALL_TIMEOUT_SECONDS } from "./timeouts";

export interface WorkflowDefinitionInput {
  readonly partition: string;
  readonly region: string;
  /** `ssm_image_path`, which starts and ends with `/`. */
  readonly ssmImagePath: string;
  /** `<ns>-data-prep`: the task definition family and the container name prefix. */
  readonly dataPrepName: string;
  /** URL of the data-prep ECR repository; the image version from SSM is appended to it. */
  readonly dataPrepRepositoryUrl: string;
  readonly executionRoleArn: string;
  readonly taskRoleArn: string;
  readonly logGroupName: string;
  readonly dbClusterArn: string;
  readonly dbSecretArn: string;
  /** The low-volume fallback label, as a string. */
  readonly lowVolumeFallbackLabel: string;
  readonly bucketName: string;
  readonly clusterArn: string;
  /** Subnet ids joined with commas, since the list may be a single Terraform expression. */
  readonly subnetIdsCsv: string;
  readonly securityGroupId: string;
  readonly generalStateMachineArn: string;
  readonly lowVolumeStateMachineArn: string;
  /** Name or ARN of the event bus; PutEvents accepts either. */
  readonly eventBusName: string;
  /** How long the data-prep task may run before Step Functions stops it. */
  readonly dataPrepTimeoutSeconds: number;
  /** How long each child fine-tune may run before Step Functions stops it. */
  readonly fineTuneTimeoutSeconds: number;
}

/** Name of the SSM parameter, relative to `ssm_image_path`, holding the data-prep image version. */
export const DATA_PREP_VERSION_PARAMETER = "version-data-prep";
export const EVENT_SOURCE = "gata";
export const COMPLETE_DETAIL_TYPE = "finetune-complete";
export const FAILED_DETAIL_TYPE = "finetune-failed";
export const INVALID_BATCH_ID_ERROR = "FinetuneWorkflow.InvalidBatchID";
export const MISSING_IMAGE_VERSION_ERROR = "FinetuneWorkflow.MissingImageVersion";
/** Reported when a caught error carries no name, so the failure path always has one to report. */
export const UNNAMED_ERROR = "FinetuneWorkflow.UnnamedError";
/**
 * The prefix Step Functions reserves for its own errors: a state may report other names only,
 * and they "MUST NOT begin with the prefix 'States.'".
 * @see https://states-language.net/spec.html#appendix-a
 */
export const RESERVED_ERROR_PREFIX = "States.";
/** What the execution's error begins with when the caught error was Step Functions' own. */
export const WORKFLOW_ERROR_PREFIX = "FinetuneWorkflow.";
/**
 * The longest cause an execution can report.
 * @see https://docs.aws.amazon.com/step-functions/latest/apireference/API_ExecutionFailedEventDetails.html
 */
export const MAX_CAUSE_LENGTH = 32768;
/** Data-prep task size, in Fargate CPU units and MiB. */
export const DATA_PREP_CPU = "1024";
export const DATA_PREP_MEMORY = "4096";

const FAILURE_STATE = "NotifyFailure";
/** How much of a malformed BatchID its error shows. */
const SHOWN_BATCH_ID_LENGTH = 64;

/** The name the execution fails with for a caught `error`: `States.X` becomes `FinetuneWorkflow.X`. */
export function reportedError(error: string): string {
  return error.startsWith(RESERVED_ERROR_PREFIX)
    ? `${WORKFLOW_ERROR_PREFIX}${error.slice(RESERVED_ERROR_PREFIX.length)}`
    : error;
}

/**
 * The execution fails with the caught error, but a Fail state may not report one of Step
 * Functions' own names: reportedError, in JSONata, with the original name leading the cause (`States.Timeout`, or `States.TaskFailed: <cause>`).
 * The `finetune-failed` event keeps the original name.
 */
function failed(): FailState {
  const reserved = `$substring($error, 0, ${RESERVED_ERROR_PREFIX.length}) = ${str(RESERVED_ERROR_PREFIX)}`;
  return {
    Type: "Fail",
    Error: jsonata(
      `${reserved} ? ${str(WORKFLOW_ERROR_PREFIX)} & $substringAfter($error, ${str(RESERVED_ERROR_PREFIX)}) : $error`,
    ),
    Cause: jsonata(
      `${reserved} ? $substring($error & ($cause = '' ? '' : ': ' & $cause), 0, ${MAX_CAUSE_LENGTH}) : $cause`,
    ),
  };
}

/**
 * Every unrecoverable error lands on the failure path with the state it came from, its name and
 * its cause. An error output "usually" holds Error and Cause, but a `States.Timeout` has no
 * Cause, and a JSONata expression that yields nothing raises `States.QueryEvaluationError` inside
 * the catcher, which nothing catches. So each field falls back to a string of its own.
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html
 */
function failWith(next: string = FAILURE_STATE): Catcher {
  return {
    ErrorEquals: ["States.ALL"],
    Assign: {
      failedState: jsonata("$states.context.State.Name"),
      error: jsonata(`$exists($states.errorOutput.Error) ? $string($states.errorOutput.Error) : ${str(UNNAMED_ERROR)}`),
      cause: jsonata("$exists($states.errorOutput.Cause) ? $string($states.errorOutput.Cause) : ''"),
    },
    Next: next,
  };
}

type Then = { readonly Next: string } | { readonly End: true };

function task(
  resource: string,
  args: unknown,
  retry: readonly Retrier[],
  then: Then,
  extra: Partial<Pick<TaskState, "Assign" | "Catch" | "Output" | "TimeoutSeconds" | "Comment">> = {},
): TaskState {
  return { Type: "Task", Resource: resource, Arguments: args, Retry: retry, ...extra, ...then };
}

/** Key the data-prep container writes when there is enough low-volume data to train a model. */
export function lowVolumeTrainKeyExpression(): string {
  return `${str(LOW_VOLUME_PREFIX)} & $batchId & ${str(`/${TRAIN_SET_KEY}`)}`;
}

export function buildWorkflowDefinition(input: WorkflowDefinitionInput): StateMachineDefinition {
  const optimized = (api: string) => integrationArn(input.partition, api);
  const sdk = (api: string) => integrationArn(input.partition, `aws-sdk:${api}`);
  const path = str(input.ssmImagePath);
  const thisTaskDefinition = { TaskDefinition: jsonata("$taskDefinitionArn") };
  const putEvents = (detailType: string, detail: string) => ({
    Entries: [
      { Source: EVENT_SOURCE, DetailType: detailType, Detail: jsonata(detail), EventBusName: input.eventBusName },
    ],
  });
  const dataPrepVersionName = str(input.ssmImagePath + DATA_PREP_VERSION_PARAMETER);
  const startChild = (stateMachineArn: string) =>
    task(
      optimized("states:startExecution.sync:2"),
      {
        StateMachineArn: stateMachineArn,
        Input: {
          StatePayload: { BatchID: jsonata("$batchId") },
          AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID: jsonata("$states.context.Execution.Id"),
        },
      },
      RETRY.startExecution,
      { End: true },
      {
        // On timeout Step Functions stops the child execution.
        // https://docs.aws.amazon.com/step-functions/latest/dg/connect-stepfunctions.html
        TimeoutSeconds: input.fineTuneTimeoutSeconds,
        // The result is the child's whole DescribeExecution (its input and output); only the
        // execution and its status go on, so the Parallel's result stays a few hundred bytes.
        Output: jsonata("{'ExecutionArn': $states.result.ExecutionArn, 'Status': $states.result.Status}"),
      },
    );

  const states: StateMachineDefinition["States"] = {
    Init: {
      Type: "Pass",
      Comment: "BatchID (YYYYMMDDHH) comes from the input, or else from the execution's start time in UTC.",
      Assign: {
        batchId: jsonata(
          "$exists($states.input.BatchID) ? $string($states.input.BatchID) : " +
            "$fromMillis($toMillis($states.context.Execution.StartTime), '[Y0001][M01][D01][H01]')",
        ),
        dataPrepVersion: null,
        nextToken: null,
        pages: 0,
      },
      Next: "LoadImageVersions",
    },
    LoadImageVersions: task(
      sdk("ssm:getParametersByPath"),
      jsonata(`$merge([{'Path': ${path}}, $nextToken ? {'NextToken': $nextToken} : {}])`),
      RETRY.ssm,
      { Next: "CheckConfiguration" },
      {
        Comment: "One page (at most 10 parameters) per call; only the data-prep image version is kept.",
        TimeoutSeconds: SDK_CALL_TIMEOUT_SECONDS,
        Assign: {
          dataPrepVersion: jsonata(
            `($found := $states.result.Parameters[Name = ${dataPrepVersionName}].Value; $exists($found) ? $found : $dataPrepVersion)`,
          ),
          nextToken: jsonata("$exists($states.result.NextToken) ? $states.result.NextToken : null"),
          pages: jsonata("$pages + 1"),
        },
        Output: jsonata("{}"),
        Catch: [failWith()],
      },
    ),
    CheckConfiguration: {
      Type: "Choice",
      Choices: [
        {
          Comment: "not found yet, more pages",
          Condition: jsonata(`$dataPrepVersion = null and $nextToken != null and $pages < ${MAX_IMAGE_PAGES}`),
          Next: "LoadImageVersions",
        },
        {
          Comment: "BatchID not 10 digits",
          Condition: jsonata("$not($contains($batchId, /^[0-9]{10}$/))"),
          Next: "InvalidBatchID",
        },
        {
          Comment: `${DATA_PREP_VERSION_PARAMETER} missing`,
          Condition: jsonata("$dataPrepVersion = null"),
          Next: "MissingImageVersion",
        },
      ],
      Default: "RegisterTaskDefinition",
    },
    InvalidBatchID: {
      Type: "Pass",
      Assign: {
        failedState: "CheckConfiguration",
        error: INVALID_BATCH_ID_ERROR,
        // The caller's BatchID may be as long as the execution input; the cause shows enough of it.
        cause: jsonata(
          `'BatchID must be 10 digits (YYYYMMDDHH), got "' & $substring($batchId, 0, ${SHOWN_BATCH_ID_LENGTH}) & '".'`,
        ),
      },
      Next: FAILURE_STATE,
    },
    MissingImageVersion: {
      Type: "Pass",
      Assign: {
        failedState: "CheckConfiguration",
        error: MISSING_IMAGE_VERSION_ERROR,
        cause: jsonata(
          `'SSM parameter ' & ${dataPrepVersionName} & ' not found' & ` +
            `($nextToken = null ? '' : ' in the first ${MAX_IMAGE_PAGES} pages under ' & ${path}) & ` +
            "': it holds the data-prep image version.'",
        ),
      },
      Next: FAILURE_STATE,
    },
    RegisterTaskDefinition: task(
      sdk("ecs:registerTaskDefinition"),
      {
        Family: input.dataPrepName,
        RequiresCompatibilities: ["FARGATE"],
        NetworkMode: "awsvpc",
        Cpu: DATA_PREP_CPU,
        Memory: DATA_PREP_MEMORY,
        ExecutionRoleArn: input.executionRoleArn,
        TaskRoleArn: input.taskRoleArn,
        ContainerDefinitions: [
          {
            Name: jsonata(`${str(`${input.dataPrepName}-`)} & $batchId`),
            Image: jsonata(`${str(input.dataPrepRepositoryUrl)} & $dataPrepVersion`),
            Essential: true,
            Command: [jsonata("$batchId")],
            Environment: [
              { Name: "DB_ARN", Value: input.dbClusterArn },
              { Name: "DB_SECRET_ARN", Value: input.dbSecretArn },
              { Name: "LOG_LEVEL", Value: "INFO" },
              { Name: "LOW_VOLUME_FALLBACK_LABEL", Value: input.lowVolumeFallbackLabel },
              { Name: "TARGET_BUCKET", Value: input.bucketName },
            ],
            LogConfiguration: {
              LogDriver: "awslogs",
              Options: {
                "awslogs-group": input.logGroupName,
                "awslogs-region": input.region,
                "awslogs-stream-prefix": jsonata("'batch-' & $batchId"),
              },
            },
          },
        ],
      },
      RETRY.registerTaskDefinition,
      { Next: "RunDataPrep" },
      {
        TimeoutSeconds: SDK_CALL_TIMEOUT_SECONDS,
        Assign: { taskDefinitionArn: jsonata("$states.result.TaskDefinition.TaskDefinitionArn") },
        Output: jsonata("{}"),
        Catch: [failWith()],
      },
    ),
    RunDataPrep: task(
      optimized("ecs:runTask.sync"),
      {
        Cluster: input.clusterArn,
        TaskDefinition: jsonata("$taskDefinitionArn"),
        LaunchType: "FARGATE",
        NetworkConfiguration: {
          AwsvpcConfiguration: {
            Subnets: jsonata(`$split(${str(input.subnetIdsCsv)}, ',')`),
            SecurityGroups: [input.securityGroupId],
            AssignPublicIp: "DISABLED",
          },
        },
      },
      RETRY.runTask,
      { Next: "DeregisterTaskDefinition" },
      {
        // On timeout Step Functions stops the ECS task. https://docs.aws.amazon.com/step-functions/latest/dg/connect-ecs.html
        TimeoutSeconds: input.dataPrepTimeoutSeconds,
        Output: jsonata("{}"),
        Catch: [failWith("DeregisterAfterFailure")],
      },
    ),
    DeregisterTaskDefinition: task(
      sdk("ecs:deregisterTaskDefinition"),
      thisTaskDefinition,
      RETRY.deregisterTaskDefinition,
      { Next: "FineTune" },
      { TimeoutSeconds: SDK_CALL_TIMEOUT_SECONDS, Output: jsonata("{}"), Catch: [failWith()] },
    ),
    DeregisterAfterFailure: task(
      sdk("ecs:deregisterTaskDefinition"),
      thisTaskDefinition,
      RETRY.deregisterTaskDefinition,
      { Next: FAILURE_STATE },
      {
        Comment: "Cleans up after a failed data-prep run; the original error is what gets reported.",
        TimeoutSeconds: SDK_CALL_TIMEOUT_SECONDS,
        Output: jsonata("{}"),
        Catch: [{ ErrorEquals: ["States.ALL"], Next: FAILURE_STATE }],
      },
    ),
    FineTune: {
      Type: "Parallel",
      Comment: "A failing branch fails the batch, and Step Functions stops the other branch.",
      Branches: [
        { StartAt: "FineTuneGeneral", States: { FineTuneGeneral: startChild(input.generalStateMachineArn) } },
        {
          StartAt: "FindLowVolumeData",
          States: {
            FindLowVolumeData: task(
              sdk("s3:listObjectsV2"),
              // Listing with the key as prefix tells whether it exists without reading it into the
              // state, whose payload is capped at 256 KiB; the exact key sorts first among its prefixes.
              { Bucket: input.bucketName, Prefix: jsonata(lowVolumeTrainKeyExpression()), MaxKeys: 1 },
              RETRY.s3,
              { Next: "LowVolumeDataExists" },
              {
                TimeoutSeconds: SDK_CALL_TIMEOUT_SECONDS,
                Assign: {
                  lowVolumeDataFound: jsonata(`$states.result.Contents[0].Key = ${lowVolumeTrainKeyExpression()}`),
                },
                Output: jsonata("{}"),
              },
            ),
            LowVolumeDataExists: {
              Type: "Choice",
              Choices: [
                {
                  Comment: "low-volume data found",
                  Condition: jsonata("$lowVolumeDataFound"),
                  Next: "FineTuneLowVolume",
                },
              ],
              Default: "NoLowVolumeData",
            },
            FineTuneLowVolume: startChild(input.lowVolumeStateMachineArn),
            NoLowVolumeData: { Type: "Succeed" },
          },
        },
      ],
      Output: jsonata("{}"),
      Catch: [failWith()],
      Next: "NotifyComplete",
    },
    // The models are trained: whatever happens now, the batch must not be reported failed, which
    // would have it trained again. So nothing catches this Task's last error: the execution fails
    // here, at a Task, and a redrive "reschedules and then reruns the Task state" and nothing
    // before it, FineTune included. A catcher would end the execution in a Fail state instead,
    // and the docs promise no redrive back past a catcher (docs/workflow.md, "When the
    // completion event cannot be sent").
    // https://docs.aws.amazon.com/step-functions/latest/dg/redrive-executions.html
    NotifyComplete: task(
      optimized("events:putEvents"),
      putEvents(COMPLETE_DETAIL_TYPE, "{'batch_id': $batchId}"),
      RETRY.putEvents,
      { End: true },
      {
        Comment: "Not caught: if this event cannot be sent, the execution fails here, and a redrive sends it again.",
        TimeoutSeconds: SDK_CALL_TIMEOUT_SECONDS,
        Output: jsonata("{'BatchID': $batchId}"),
      },
    ),
    [FAILURE_STATE]: task(
      optimized("events:putEvents"),
      putEvents(
        FAILED_DETAIL_TYPE,
        "$merge([{'batch_id': $batchId, 'state': $failedState, 'error': $error}, $cause = '' ? {} : {'cause': $cause}])",
      ),
      RETRY.putEvents,
      { Next: "Failed" },
      {
        Comment: "Even when this event cannot be sent, the execution still ends FAILED.",
        TimeoutSeconds: SDK_CALL_TIMEOUT_SECONDS,
        Output: jsonata("{}"),
        Catch: [{ ErrorEquals: ["States.ALL"], Next: "Failed" }],
      },
    ),
    Failed: failed(),
  };
  const branch = { StartAt: "Init", States: states };
  return {
    Comment:
      "Prepares the fine-tune datasets on ECS Fargate, then fine-tunes the general and low-volume models in parallel.",
    QueryLanguage: "JSONata",
    TimeoutSeconds: executionTimeoutSeconds(branch),
    ...branch,
  };
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

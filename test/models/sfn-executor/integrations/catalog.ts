/**
 * Every error a Task's integration can raise, from two sources of truth, never from a hand list
 * of what the workflow happens to handle:
 * - the service's API model (botocore-errors.json, extracted from the models botocore ships by
 *   botocore-errors.py): each operation's errors, and which of them are server faults;
 * - what AWS documents for the integration: the errors Step Functions itself raises for a Task,
 *   and those each integration's page names. Each carries its page.
 * The failure tests inject each of them (test/workflow/failure-paths.test.ts), and judge every
 * retry by what the error says about the call: refused, done, or unknown. Test code only.
 */
import extract from "./botocore-errors.json";

/** What an error says about the call that raised it. */
export type Effect =
  /** Nothing happened: the request was refused, so the call may be made again. */
  | "none"
  /** The work was done (a job ran and failed): doing it again is a second run. */
  | "done"
  /** It may or may not have taken effect: a server fault, or Step Functions stopped waiting. */
  | "unknown";

export interface IntegrationError {
  readonly name: string;
  readonly effect: Effect;
  /** Where the name comes from: `botocore <service>:<Operation>`, or the AWS page that documents it. */
  readonly source: string;
  /**
   * No retrier or catcher can handle it: "A retry or catch on States.ALL won't catch" it.
   * https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html
   */
  readonly uncatchable?: true;
}

/** What repeating a call does. */
export type Repeat =
  /** A read, or a call whose second run changes nothing: always safe to repeat. */
  | "safe"
  /** Repeating may duplicate its effect, which its consumers are told to expect. */
  | "duplicates"
  /** A second run is a second effect: repeat only after an error whose effect is "none". */
  | "once";

export interface Integration {
  /** The Task's Resource after `arn:<partition>:states:::`. */
  readonly resource: string;
  /** The API it calls, as botocore names it: `<service>:<Operation>`. */
  readonly operation: string;
  readonly repeat: Repeat;
  /** Why repeating it is what `repeat` says. */
  readonly repeatBecause: string;
  /** The integration's page. */
  readonly page: string;
  /** How Step Functions names the service's error `code` for this integration. */
  readonly errorName: (code: string) => string;
  /** Errors AWS documents for this integration beyond the model's. */
  readonly documented: readonly IntegrationError[];
  /** Whether the Task waits for a job (`.sync`): then States.TaskFailed means the job ran and failed. */
  readonly runsAJob: boolean;
}

const ERROR_HANDLING = "https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html";
const AWS_SDK = "https://docs.aws.amazon.com/step-functions/latest/dg/supported-services-awssdk.html";
const CONNECT_ECS = "https://docs.aws.amazon.com/step-functions/latest/dg/connect-ecs.html";
const CONNECT_EVENTBRIDGE = "https://docs.aws.amazon.com/step-functions/latest/dg/connect-eventbridge.html";
const CONNECT_STEP_FUNCTIONS = "https://docs.aws.amazon.com/step-functions/latest/dg/connect-stepfunctions.html";
const RUN_TASK_CAPACITY = "https://repost.aws/knowledge-center/ecs-fargate-runtask-capacity";

/**
 * "ServiceName.ErrorName", both in PascalCase, with an `Exception` suffix where the service's
 * own name lacks it (S3's BucketAlreadyExists is S3.BucketAlreadyExistsException).
 * https://docs.aws.amazon.com/step-functions/latest/dg/supported-services-awssdk.html
 */
function awsSdkName(service: string): (code: string) => string {
  return (code) => `${service}.${code.endsWith("Exception") ? code : `${code}Exception`}`;
}

/** A throttled call is refused; each service's API reference lists it among its common errors. */
function throttling(service: string, page: string): IntegrationError {
  return { name: awsSdkName(service)("ThrottlingException"), effect: "none", source: page };
}

export const INTEGRATIONS: readonly Integration[] = [
  {
    resource: "aws-sdk:ssm:getParametersByPath",
    operation: "ssm:GetParametersByPath",
    repeat: "safe",
    repeatBecause: "a read",
    page: AWS_SDK,
    errorName: awsSdkName("Ssm"),
    documented: [
      throttling("Ssm", "https://docs.aws.amazon.com/systems-manager/latest/APIReference/CommonErrors.html"),
    ],
    runsAJob: false,
  },
  {
    resource: "aws-sdk:ecs:registerTaskDefinition",
    operation: "ecs:RegisterTaskDefinition",
    repeat: "once",
    repeatBecause: "each call registers a new revision",
    page: AWS_SDK,
    errorName: awsSdkName("Ecs"),
    documented: [throttling("Ecs", "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/CommonErrors.html")],
    runsAJob: false,
  },
  {
    resource: "ecs:runTask.sync",
    operation: "ecs:RunTask",
    repeat: "once",
    repeatBecause: "each call starts a task",
    page: CONNECT_ECS,
    // The integration's prefix is ECS; the error is the exception's name (ECS.AmazonECSException).
    errorName: (code) => `ECS.${code}`,
    documented: [
      // "If a non-empty Failures field is encountered, the task is failed with an AmazonECS.Unknown error."
      { name: "AmazonECS.Unknown", effect: "none", source: CONNECT_ECS },
      // RunTask refused for want of capacity (or throttled): no task started.
      { name: "ECS.AmazonECSException", effect: "none", source: RUN_TASK_CAPACITY },
    ],
    runsAJob: true,
  },
  {
    resource: "aws-sdk:ecs:deregisterTaskDefinition",
    operation: "ecs:DeregisterTaskDefinition",
    repeat: "safe",
    repeatBecause: "deregistering a revision that is already INACTIVE changes nothing",
    page: AWS_SDK,
    errorName: awsSdkName("Ecs"),
    documented: [throttling("Ecs", "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/CommonErrors.html")],
    runsAJob: false,
  },
  {
    resource: "aws-sdk:s3:listObjectsV2",
    operation: "s3:ListObjectsV2",
    repeat: "safe",
    repeatBecause: "a read",
    page: AWS_SDK,
    errorName: awsSdkName("S3"),
    // S3 slows a caller down with 503 SlowDown, which no operation's model lists.
    documented: [
      {
        name: "S3.SlowDownException",
        effect: "unknown",
        source: "https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html",
      },
    ],
    runsAJob: false,
  },
  {
    resource: "states:startExecution.sync:2",
    operation: "stepfunctions:StartExecution",
    repeat: "once",
    repeatBecause: "each call starts a child execution, a fine-tune",
    page: CONNECT_STEP_FUNCTIONS,
    // "Use the Retry on StepFunctions.ExecutionLimitExceeded to ensure your execution is started."
    // https://docs.aws.amazon.com/step-functions/latest/dg/concepts-nested-workflows.html
    errorName: (code) => `StepFunctions.${code}`,
    documented: [
      // The optimized integrations name an error after AWS's Java SDK class (ECS.AmazonECSException
      // above), whose class for this error is ExecutionLimitExceededException.
      {
        name: "StepFunctions.ExecutionLimitExceededException",
        effect: "none",
        source:
          "https://docs.aws.amazon.com/AWSJavaSDK/latest/javadoc/com/amazonaws/services/stepfunctions/model/ExecutionLimitExceededException.html",
      },
    ],
    runsAJob: true,
  },
  {
    resource: "events:putEvents",
    operation: "events:PutEvents",
    repeat: "duplicates",
    repeatBecause: "an event sent twice arrives twice; EventBridge itself delivers at least once",
    page: CONNECT_EVENTBRIDGE,
    errorName: (code) => `EventBridge.${code}`,
    documented: [
      // "If the response from PutEvents contains a non-zero FailedEntryCount then the Task state
      // fails with the error EventBridge.FailedEntry": the entry was not put.
      { name: "EventBridge.FailedEntry", effect: "none", source: CONNECT_EVENTBRIDGE },
    ],
    runsAJob: false,
  },
];

interface ModelError {
  readonly code: string;
  readonly fault: "client" | "server";
}

const MODELS = extract.operations as Readonly<Record<string, readonly ModelError[]>>;

/** `arn:<partition>:states:::ecs:runTask.sync` → `ecs:runTask.sync`. */
export function integrationResource(resource: string): string {
  const at = resource.indexOf(":::");
  if (at === -1) throw new Error(`${resource} is not a Step Functions integration ARN`);
  return resource.slice(at + 3);
}

export function integrationOf(resource: string): Integration {
  const name = integrationResource(resource);
  const integration = INTEGRATIONS.find((candidate) => candidate.resource === name);
  if (integration === undefined)
    throw new Error(`No error catalog for ${name}: add it to INTEGRATIONS in ${__filename}.`);
  return integration;
}

/**
 * Every error a Task calling `resource` can raise: the API model's, the integration's documented
 * ones, and Step Functions' own for a Task (States.Timeout only when the Task has a timeout; no
 * HeartbeatSeconds is ever set, so never States.HeartbeatTimeout).
 */
export function errorsOf(resource: string, options: { readonly timeout: boolean }): IntegrationError[] {
  const integration = integrationOf(resource);
  const model = MODELS[integration.operation];
  if (model === undefined) {
    throw new Error(
      `botocore-errors.json has no ${integration.operation}: run python3 test/models/sfn-executor/integrations/botocore-errors.py ${integration.operation}`,
    );
  }
  const fromModel = model.map(({ code, fault }): IntegrationError => ({
    name: integration.errorName(code),
    // A client error is a refusal; after a server fault nobody knows.
    effect: fault === "server" ? "unknown" : "none",
    source: `botocore ${integration.operation}`,
  }));
  const states: IntegrationError[] = [
    // A Task's own failure: for a job, the job ran and failed (an ECS container that exited
    // non-zero, a child execution that failed); otherwise the generic failure of the call.
    { name: "States.TaskFailed", effect: integration.runsAJob ? "done" : "unknown", source: ERROR_HANDLING },
    // "A Task state failed because it had insufficient privileges": refused before the call.
    { name: "States.Permissions", effect: "none", source: ERROR_HANDLING },
    { name: "States.Runtime", effect: "unknown", source: ERROR_HANDLING, uncatchable: true },
    ...(options.timeout ? [{ name: "States.Timeout", effect: "unknown" as const, source: ERROR_HANDLING }] : []),
  ];
  const all = [...fromModel, ...integration.documented, ...states];
  const names = all.map((error) => error.name);
  const twice = names.filter((name, index) => names.indexOf(name) !== index);
  if (twice.length > 0) throw new Error(`${integration.resource} lists ${twice.join(", ")} twice`);
  return all;
}

/** The botocore operations the catalog reads, for the staleness check. */
export function modelledOperations(): string[] {
  return Object.keys(MODELS);
}

export const BOTOCORE_VERSION: string = extract.botocore;

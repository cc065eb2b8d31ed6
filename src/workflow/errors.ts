/**
 * Which errors each Task retries, and where AWS documents each name. A call is repeated only
 * when repeating it is safe: a read or a deregistration may always run again, an event may
 * arrive twice (its consumers are told), but a registration, a data-prep run or a child
 * fine-tune is repeated only after an error that proves it did not happen. So a container that
 * exits non-zero, or a child that fails, surfaces as `States.TaskFailed`, which those Tasks never
 * retry, and goes straight to the failure path.
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html
 */
import type { Retrier } from "./asl";

/** Exponential backoff with full jitter, so parallel retries don't arrive in lockstep. */
function transient(errors: readonly string[]): Retrier {
  return {
    ErrorEquals: errors,
    IntervalSeconds: 2,
    MaxAttempts: 6,
    BackoffRate: 2,
    MaxDelaySeconds: 60,
    JitterStrategy: "FULL",
  };
}

const ERROR_HANDLING = "https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html";

/** An error name, and the AWS pages that document it for the integration that raises it. */
export interface ErrorSource {
  readonly name: string;
  readonly pages: readonly string[];
  /** What the pages say it means, in a few words. */
  readonly means: string;
}

export const ERRORS = {
  all: {
    name: "States.ALL",
    pages: [ERROR_HANDLING],
    means: "Any error but States.DataLimitExceeded and States.Runtime, which nothing catches.",
  },
  /** Every named error but a timeout: the wildcard for a call that is safe to repeat whatever went wrong. */
  taskFailed: {
    name: "States.TaskFailed",
    pages: [ERROR_HANDLING],
    means: "In a Retry or Catch, any known error name except States.Timeout.",
  },
  timeout: {
    name: "States.Timeout",
    pages: [ERROR_HANDLING],
    means:
      "The Task ran longer than its TimeoutSeconds: Step Functions stopped waiting, the call may have taken effect.",
  },
  /**
   * The AWS SDK integration names an error `Service.Name`, adding `Exception` where the name lacks
   * it; ThrottlingException is one of the errors common to every ECS action.
   */
  ecsThrottling: {
    name: "Ecs.ThrottlingException",
    pages: [
      "https://docs.aws.amazon.com/step-functions/latest/dg/supported-services-awssdk.html",
      "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/CommonErrors.html",
    ],
    means: "The request was throttled, so refused: nothing was registered.",
  },
  runTaskRefused: {
    name: "ECS.AmazonECSException",
    pages: ["https://repost.aws/knowledge-center/ecs-fargate-runtask-capacity"],
    means: "RunTask refused, for want of Fargate capacity or by throttling: no task started.",
  },
  runTaskFailures: {
    name: "AmazonECS.Unknown",
    pages: ["https://docs.aws.amazon.com/step-functions/latest/dg/connect-ecs.html"],
    means: "RunTask answered with a non-empty Failures, so no task to wait for.",
  },
  childLimit: {
    name: "StepFunctions.ExecutionLimitExceeded",
    pages: ["https://docs.aws.amazon.com/step-functions/latest/dg/concepts-nested-workflows.html"],
    means: "The account's open-execution quota refused the child: it did not start.",
  },
  /**
   * The optimized integrations name a service's error after AWS's Java SDK class
   * (ECS.AmazonECSException above); that SDK's class for this one is ExecutionLimitExceededException.
   * Both names are retried, so whichever Step Functions reports is.
   */
  childLimitClass: {
    name: "StepFunctions.ExecutionLimitExceededException",
    pages: [
      "https://docs.aws.amazon.com/AWSJavaSDK/latest/javadoc/com/amazonaws/services/stepfunctions/model/ExecutionLimitExceededException.html",
    ],
    means: "The same refusal, under the Java SDK's class name.",
  },
} as const satisfies Record<string, ErrorSource>;

/** Every name a Retry or Catch may use, with its pages. */
export const ERROR_SOURCES: readonly ErrorSource[] = Object.values(ERRORS);

/** A call that is safe to repeat on any error: a timeout included. */
const anyError = () => [transient([ERRORS.taskFailed.name, ERRORS.timeout.name])];

export const RETRY = {
  /** A read: repeating it changes nothing. */
  ssm: anyError(),
  /**
   * Each call registers a new revision, so only a refusal is retried. A server fault
   * (Ecs.ServerException) or a timeout may have registered one the workflow never learns of.
   */
  registerTaskDefinition: [transient([ERRORS.ecsThrottling.name])],
  /** Deregistering a revision that is already INACTIVE changes nothing. */
  deregisterTaskDefinition: anyError(),
  /** Each call starts a task: only a refusal that started none is retried. */
  runTask: [transient([ERRORS.runTaskRefused.name, ERRORS.runTaskFailures.name])],
  /** A read: repeating it changes nothing. */
  s3: anyError(),
  /** Each call starts a fine-tune: only the quota's refusal, which started none, is retried. */
  startExecution: [transient([ERRORS.childLimit.name, ERRORS.childLimitClass.name])],
  /**
   * An event sent twice arrives twice, which its consumers expect: EventBridge itself delivers
   * at least once. So every error is retried, a timeout included.
   */
  putEvents: anyError(),
} satisfies Record<string, readonly Retrier[]>;

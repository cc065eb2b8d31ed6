/**
 * Which errors each Task retries. Only transient service errors are retried: a data-prep
 * container that exits non-zero, or a child fine-tune that fails, surfaces as
 * `States.TaskFailed`, which no retrier lists, so it goes straight to the failure path.
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

/**
 * Error names as Step Functions reports them. AWS SDK integrations name errors
 * `<Service>.<Exception>`, and an error the service model does not define (throttling,
 * S3's 503 SlowDown) arrives as that service's base exception.
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/supported-services-awssdk.html
 */
export const ERRORS = {
  /** SSM defines ThrottlingException for its whole API. https://docs.aws.amazon.com/systems-manager/latest/APIReference/CommonErrors.html */
  ssmThrottling: "Ssm.ThrottlingException",
  ssmInternal: "Ssm.InternalServerErrorException",
  /**
   * SSM's base exception: how an error the SDK behind Step Functions does not model arrives,
   * throttling included if that SDK predates the modeled ThrottlingException. It also covers
   * AccessDenied, which then fails after the retries (about 2 minutes) instead of at once.
   */
  ssmUnmodeled: "Ssm.SsmException",
  /** ECS models no throttling error, so a throttled SDK call is the base EcsException. */
  ecsUnmodeled: "Ecs.EcsException",
  ecsServer: "Ecs.ServerException",
  /** S3 SlowDown is not in the ListObjectsV2 model. https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html */
  s3Unmodeled: "S3.S3Exception",
  /** RunTask refused (throttling, no capacity). https://docs.aws.amazon.com/step-functions/latest/dg/connect-ecs.html */
  runTaskApi: "ECS.AmazonECSException",
  /** RunTask answered with Failures (e.g. no Fargate capacity); no task was started. Same page. */
  runTaskFailures: "AmazonECS.Unknown",
  /** https://docs.aws.amazon.com/step-functions/latest/dg/concepts-nested-workflows.html */
  childLimit: "StepFunctions.ExecutionLimitExceeded",
  /** An entry PutEvents could not accept. https://docs.aws.amazon.com/step-functions/latest/dg/connect-eventbridge.html */
  eventsFailedEntry: "EventBridge.FailedEntry",
  eventsApi: "EventBridge.AmazonEventBridgeException",
  timeout: "States.Timeout",
} satisfies Record<string, string>;

export const RETRY = {
  /** Reads are idempotent, so a timed-out call is safe to repeat. */
  ssm: [transient([ERRORS.ssmThrottling, ERRORS.ssmUnmodeled, ERRORS.ssmInternal, ERRORS.timeout])],
  /** Registering twice after a timeout could leak a revision nobody deregisters: no retry on timeout. */
  registerTaskDefinition: [transient([ERRORS.ecsUnmodeled, ERRORS.ecsServer])],
  /** Deregistering an inactive revision again is harmless, so a timeout is safe to retry. */
  deregisterTaskDefinition: [transient([ERRORS.ecsUnmodeled, ERRORS.ecsServer, ERRORS.timeout])],
  runTask: [transient([ERRORS.runTaskApi, ERRORS.runTaskFailures])],
  s3: [transient([ERRORS.s3Unmodeled, ERRORS.timeout])],
  startExecution: [transient([ERRORS.childLimit])],
  putEvents: [transient([ERRORS.eventsFailedEntry, ERRORS.eventsApi])],
} satisfies Record<string, readonly Retrier[]>;

/**
 * The fine-tune phase: the general model always, the low-volume one when data prep wrote its
 * training set, each a child state machine run to its end, in parallel.
 */
import { manageSyncEventRule, STATE_MACHINE_CONTEXT, useKeyWhere } from "../iam/statements";
import { s3Arn } from "../naming/arn";
import { LOW_VOLUME_PREFIX, TRAIN_SET_KEY, TRAINING_PREFIX } from "../naming/s3-layout";
import { failWith } from "./failure";
import type { WorkflowDefinitionInput } from "./input";
import { RETRY } from "./errors";
import { jsonata, str } from "./jsonata";
import { optimized, type Phase, phase, sdk, type Task, taskState } from "./task";
import { SDK_CALL_TIMEOUT_SECONDS } from "./timeouts";

/**
 * The rule Step Functions creates to learn when a `.sync` child execution ends.
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/stepfunctions-iam.html
 */
export const CHILD_SYNC_RULE = "StepFunctionsGetEventsForStepFunctionsExecutionRule";

/** Key the data-prep container writes when there is enough low-volume data to train a model. */
export function lowVolumeTrainKeyExpression(): string {
  return `${str(LOW_VOLUME_PREFIX)} & $batchId & ${str(`/${TRAIN_SET_KEY}`)}`;
}

/** A child fine-tune state machine, started and waited for until its execution ends. */
function startChild(input: WorkflowDefinitionInput, stateMachineArn: string): Task {
  return {
    state: taskState(
      optimized(input.partition, "states:startExecution.sync:2"),
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
    ),
    // https://docs.aws.amazon.com/step-functions/latest/dg/stepfunctions-iam.html
    permissions: ({ scope, childStateMachineArns, childExecutionArns, kmsKeyArn }) => [
      manageSyncEventRule(scope, CHILD_SYNC_RULE),
      { sid: "StartChildFineTunes", actions: ["states:StartExecution"], resources: [...childStateMachineArns] },
      {
        sid: "TrackChildFineTunes",
        actions: ["states:DescribeExecution", "states:StopExecution"],
        resources: [...childExecutionArns],
      },
      // The children are encrypted with the same key, so starting one (its input) needs a data key
      // and .sync:2's DescribeExecution (its input and output) needs Decrypt, under each child's own
      // encryption context. https://docs.aws.amazon.com/step-functions/latest/apireference/API_DescribeExecution.html
      useKeyWhere("UseChildExecutionData", kmsKeyArn, STATE_MACHINE_CONTEXT, childStateMachineArns),
    ],
  };
}

/** Whether data prep wrote the low-volume training set. */
function findLowVolumeData(input: WorkflowDefinitionInput): Task {
  return {
    state: taskState(
      sdk(input.partition, "s3:listObjectsV2"),
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
    permissions: ({ scope }) => [
      {
        // ListObjectsV2 is sent with the low-volume train key as its prefix, always under training/.
        // https://docs.aws.amazon.com/AmazonS3/latest/userguide/amazon-s3-policy-keys.html
        sid: "CheckLowVolumeData",
        actions: ["s3:ListBucket"],
        resources: [s3Arn(scope.partition, input.bucketName)],
        conditions: [{ test: "StringLike", variable: "s3:prefix", values: [`${TRAINING_PREFIX}*`] }],
      },
    ],
  };
}

export function fineTunePhase(input: WorkflowDefinitionInput): Phase {
  const general = phase({ FineTuneGeneral: startChild(input, input.generalStateMachineArn) });
  const lowVolume = phase({
    FindLowVolumeData: findLowVolumeData(input),
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
    FineTuneLowVolume: startChild(input, input.lowVolumeStateMachineArn),
    NoLowVolumeData: { Type: "Succeed" },
  });
  return phase(
    {
      FineTune: {
        Type: "Parallel",
        Comment: "A failing branch fails the batch, and Step Functions stops the other branch.",
        Branches: [
          { StartAt: "FineTuneGeneral", States: general.states },
          { StartAt: "FindLowVolumeData", States: lowVolume.states },
        ],
        Output: jsonata("{}"),
        Catch: [failWith()],
        Next: "NotifyComplete",
      },
    },
    [general, lowVolume],
  );
}

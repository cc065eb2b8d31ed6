/**
 * The configuration phase: the batch id, and the data-prep image version read from SSM Parameter
 * Store page by page, both checked before anything is registered.
 */
import { arn } from "../naming/arn";
import { FAILURE_STATE, failWith } from "./failure";
import type { WorkflowDefinitionInput } from "./input";
import { RETRY } from "./errors";
import { jsonata, str } from "./jsonata";
import { type Phase, phase, sdk, type Task, taskState } from "./task";
import { MAX_IMAGE_PAGES, SDK_CALL_TIMEOUT_SECONDS } from "./timeouts";

/** Name of the SSM parameter, relative to `ssm_image_path`, holding the data-prep image version. */
export const DATA_PREP_VERSION_PARAMETER = "version-data-prep";
export const INVALID_BATCH_ID_ERROR = "FinetuneWorkflow.InvalidBatchID";
export const MISSING_IMAGE_VERSION_ERROR = "FinetuneWorkflow.MissingImageVersion";
/** How much of a malformed BatchID its error shows. */
const SHOWN_BATCH_ID_LENGTH = 64;

/** The SSM path the versions are under, and the data-prep version's parameter name, as JSONata strings. */
function imageParameters(input: WorkflowDefinitionInput) {
  return { path: str(input.ssmImagePath), dataPrepVersionName: str(input.ssmImagePath + DATA_PREP_VERSION_PARAMETER) };
}

/** One page of parameters under the path, keeping only the data-prep image version. */
function loadImageVersions(input: WorkflowDefinitionInput): Task {
  const { path, dataPrepVersionName } = imageParameters(input);
  return {
    state: taskState(
      sdk(input.partition, "ssm:getParametersByPath"),
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
    permissions: ({ scope }) => [
      {
        sid: "ReadImageVersions",
        // The definition calls only GetParametersByPath, which is authorized against the path as
        // sent (with its trailing slash); it needs no GetParameter(s) on the parameters themselves.
        // https://docs.aws.amazon.com/systems-manager/latest/userguide/ps-retrieval-authorization.html
        actions: ["ssm:GetParametersByPath"],
        resources: [arn(scope, "ssm", `parameter${input.ssmImagePath}*`)],
      },
    ],
  };
}

export function configurationPhase(input: WorkflowDefinitionInput): Phase {
  const { path, dataPrepVersionName } = imageParameters(input);
  return phase({
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
    LoadImageVersions: loadImageVersions(input),
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
  });
}

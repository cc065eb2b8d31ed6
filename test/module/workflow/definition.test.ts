/**
 * buildWorkflowDefinition (src/workflow/definition.ts) with concrete sample inputs: exact
 * states, and the error handling every Task must carry.
 */
import { buildWorkflowDefinition, WorkflowDefinitionInput } from "../../../src/workflow/definition";
import { RETRY } from "../../../src/workflow/errors";

const INPUT: WorkflowDefinitionInput = {
  partition: "aws",
  region: "eu-west-1",
  ssmImagePath: "/gata/images/",
  dataPrepName: "gata-prod-data-prep",
  dataPrepRepositoryUrl: "111122223333.dkr.ecr.eu-west-1.amazonaws.com/gata/data-prep",
  executionRoleArn: "exec-role-arn",
  taskRoleArn: "task-role-arn",
  logGroupName: "/ecs/gata-prod-data-prep",
  dbClusterArn: "cluster-arn",
  dbSecretArn: "secret-arn",
  lowVolumeFallbackLabel: "0",
  bucketName: "gata-training-data",
  clusterArn: "ecs-cluster-arn",
  subnetIdsCsv: "subnet-a,subnet-b",
  securityGroupId: "sg-0123",
  generalStateMachineArn: "general-arn",
  lowVolumeStateMachineArn: "low-volume-arn",
  eventBusName: "gata",
  dataPrepTimeoutSeconds: 7200,
  fineTuneTimeoutSeconds: 36000,
};

const definition = buildWorkflowDefinition(INPUT);
const states = definition.States as Record<string, any>;
const failWith = (next: string) => ({
  ErrorEquals: ["States.ALL"],
  Assign: {
    failedState: "{% $states.context.State.Name %}",
    error: "{% $exists($states.errorOutput.Error) ? $string($states.errorOutput.Error) : 'FinetuneWorkflow.UnnamedError' %}",
    cause: "{% $exists($states.errorOutput.Cause) ? $string($states.errorOutput.Cause) : '' %}",
  },
  Next: next,
});

/** Every Task, with where it sits, across the Parallel's branches too. */
function tasks(): Array<{ name: string; inBranch: boolean; state: any }> {
  const out: Array<{ name: string; inBranch: boolean; state: any }> = [];
  for (const [name, state] of Object.entries(states)) {
    if (state.Type === "Task") out.push({ name, inBranch: false, state });
    for (const branch of state.Branches ?? []) {
      for (const [inner, innerState] of Object.entries<any>(branch.States)) {
        if (innerState.Type === "Task") out.push({ name: inner, inBranch: true, state: innerState });
      }
    }
  }
  return out;
}

describe("buildWorkflowDefinition", () => {
  test("Init takes BatchID from the input, else from the start time, and starts paging with nothing found", () => {
    expect(states.Init).toEqual({
      Type: "Pass",
      Comment: "BatchID (YYYYMMDDHH) comes from the input, or else from the execution's start time in UTC.",
      Assign: {
        batchId:
          "{% $exists($states.input.BatchID) ? $string($states.input.BatchID) : " +
          "$fromMillis($toMillis($states.context.Execution.StartTime), '[Y0001][M01][D01][H01]') %}",
        dataPrepVersion: null,
        nextToken: null,
        pages: 0,
      },
      Next: "LoadImageVersions",
    });
  });

  test("LoadImageVersions pages through the SSM path, keeping only the data-prep version once found", () => {
    expect(states.LoadImageVersions).toEqual({
      Type: "Task",
      Resource: "arn:aws:states:::aws-sdk:ssm:getParametersByPath",
      Comment: "One page (at most 10 parameters) per call; only the data-prep image version is kept.",
      Arguments: "{% $merge([{'Path': '/gata/images/'}, $nextToken ? {'NextToken': $nextToken} : {}]) %}",
      TimeoutSeconds: 60,
      Retry: RETRY.ssm,
      Assign: {
        dataPrepVersion:
          "{% ($found := $states.result.Parameters[Name = '/gata/images/version-data-prep'].Value; $exists($found) ? $found : $dataPrepVersion) %}",
        nextToken: "{% $exists($states.result.NextToken) ? $states.result.NextToken : null %}",
        pages: "{% $pages + 1 %}",
      },
      Output: "{% {} %}",
      Catch: [failWith("NotifyFailure")],
      Next: "CheckConfiguration",
    });
  });

  test("CheckConfiguration reads the next page until found (10 pages at most), then rejects a bad BatchID or a missing version", () => {
    expect(states.CheckConfiguration).toEqual({
      Type: "Choice",
      Choices: [
        {
          Comment: "not found yet, more pages",
          Condition: "{% $dataPrepVersion = null and $nextToken != null and $pages < 10 %}",
          Next: "LoadImageVersions",
        },
        {
          Comment: "BatchID not 10 digits",
          Condition: "{% $not($contains($batchId, /^[0-9]{10}$/)) %}",
          Next: "InvalidBatchID",
        },
        {
          Comment: "version-data-prep missing",
          Condition: "{% $dataPrepVersion = null %}",
          Next: "MissingImageVersion",
        },
      ],
      Default: "RegisterTaskDefinition",
    });
  });

  test("MissingImageVersion names the full parameter path in its cause, and the page limit when it stopped there", () => {
    expect(states.MissingImageVersion.Assign).toEqual({
      failedState: "CheckConfiguration",
      error: "FinetuneWorkflow.MissingImageVersion",
      cause:
        "{% 'SSM parameter ' & '/gata/images/version-data-prep' & ' not found' & " +
        "($nextToken = null ? '' : ' in the first 10 pages under ' & '/gata/images/') & ': it holds the data-prep image version.' %}",
    });
  });

  test("InvalidBatchID reports CheckConfiguration as the failed state", () => {
    expect(states.InvalidBatchID.Assign).toEqual({
      failedState: "CheckConfiguration",
      error: "FinetuneWorkflow.InvalidBatchID",
      cause: `{% 'BatchID must be 10 digits (YYYYMMDDHH), got "' & $substring($batchId, 0, 64) & '".' %}`,
    });
  });

  test("RegisterTaskDefinition's container is named and logged per batch, from the concrete inputs", () => {
    const [container] = states.RegisterTaskDefinition.Arguments.ContainerDefinitions;
    expect(container).toEqual({
      Name: "{% 'gata-prod-data-prep-' & $batchId %}",
      Image: "{% '111122223333.dkr.ecr.eu-west-1.amazonaws.com/gata/data-prep' & $dataPrepVersion %}",
      Essential: true,
      Command: ["{% $batchId %}"],
      Environment: [
        { Name: "DB_ARN", Value: "cluster-arn" },
        { Name: "DB_SECRET_ARN", Value: "secret-arn" },
        { Name: "LOG_LEVEL", Value: "INFO" },
        { Name: "LOW_VOLUME_FALLBACK_LABEL", Value: "0" },
        { Name: "TARGET_BUCKET", Value: "gata-training-data" },
      ],
      LogConfiguration: {
        LogDriver: "awslogs",
        Options: {
          "awslogs-group": "/ecs/gata-prod-data-prep",
          "awslogs-region": "eu-west-1",
          "awslogs-stream-prefix": "{% 'batch-' & $batchId %}",
        },
      },
    });
  });

  test("RunDataPrep is bounded by the data-prep timeout and cleans up the task definition when the run fails", () => {
    expect(states.RunDataPrep.TimeoutSeconds).toBe(7200);
    expect(states.RunDataPrep.Catch).toEqual([failWith("DeregisterAfterFailure")]);
    expect(states.DeregisterAfterFailure.Next).toBe("NotifyFailure");
  });

  test("each child fine-tune is bounded by the fine-tune timeout and passes on only its execution ARN and status", () => {
    const children = [states.FineTune.Branches[0].States.FineTuneGeneral, states.FineTune.Branches[1].States.FineTuneLowVolume];
    for (const child of children) {
      expect(child.TimeoutSeconds).toBe(36000);
      expect(child.Output).toBe("{% {'ExecutionArn': $states.result.ExecutionArn, 'Status': $states.result.Status} %}");
    }
  });

  test("FindLowVolumeData lists the exact key as a prefix, one key at most", () => {
    const find = states.FineTune.Branches[1].States.FindLowVolumeData;
    expect(find.Resource).toBe("arn:aws:states:::aws-sdk:s3:listObjectsV2");
    expect(find.Arguments).toEqual({
      Bucket: "gata-training-data",
      Prefix: "{% 'training/gata-low-vol/' & $batchId & '/train/data.json' %}",
      MaxKeys: 1,
    });
    expect(find.Assign).toEqual({
      lowVolumeDataFound: "{% $states.result.Contents[0].Key = 'training/gata-low-vol/' & $batchId & '/train/data.json' %}",
    });
  });

  test("NotifyComplete ends the execution, outputting the batch id", () => {
    expect(states.NotifyComplete).toEqual({
      Type: "Task",
      Resource: "arn:aws:states:::events:putEvents",
      Arguments: {
        Entries: [
          { Source: "gata", DetailType: "finetune-complete", Detail: "{% {'batch_id': $batchId} %}", EventBusName: "gata" },
        ],
      },
      Retry: RETRY.putEvents,
      TimeoutSeconds: 60,
      Output: "{% {'BatchID': $batchId} %}",
      Catch: [failWith("NotifyFailure")],
      End: true,
    });
  });

  test("Failed fails with the error and cause the failure path assigned", () => {
    expect(states.Failed).toEqual({ Type: "Fail", Error: "{% $error %}", Cause: "{% $cause %}" });
  });
});

describe("error handling on every Task", () => {
  test("every Task retries at least one transient error, never States.ALL or States.TaskFailed", () => {
    const offenders = tasks().filter(({ state }) => {
      const errors: string[] = (state.Retry ?? []).flatMap((r: { ErrorEquals: string[] }) => r.ErrorEquals);
      return errors.length === 0 || errors.includes("States.ALL") || errors.includes("States.TaskFailed");
    });
    expect(offenders.map((t) => t.name)).toEqual([]);
  });

  test("every top-level Task catches States.ALL; the branch Tasks rely on the Parallel's Catch", () => {
    const withoutCatch = tasks()
      .filter(({ state }) => !state.Catch?.some((c: { ErrorEquals: string[] }) => c.ErrorEquals.includes("States.ALL")))
      .map(({ name, inBranch }) => ({ name, inBranch }));
    expect(withoutCatch).toEqual([
      { name: "FineTuneGeneral", inBranch: true },
      { name: "FindLowVolumeData", inBranch: true },
      { name: "FineTuneLowVolume", inBranch: true },
    ]);
    expect(states.FineTune.Catch).toEqual([failWith("NotifyFailure")]);
  });

  test("the failure path cannot loop: NotifyFailure and DeregisterAfterFailure catch without reassigning", () => {
    expect(states.NotifyFailure.Catch).toEqual([{ ErrorEquals: ["States.ALL"], Next: "Failed" }]);
    expect(states.DeregisterAfterFailure.Catch).toEqual([{ ErrorEquals: ["States.ALL"], Next: "NotifyFailure" }]);
  });

  test("every Retry backs off exponentially with full jitter, capped at a minute", () => {
    const shapes = new Set(
      tasks()
        .flatMap(({ state }) => state.Retry)
        .map(({ ErrorEquals: _errors, ...shape }: any) => JSON.stringify(shape)),
    );
    expect([...shapes].map((shape) => JSON.parse(shape))).toEqual([
      { IntervalSeconds: 2, MaxAttempts: 6, BackoffRate: 2, MaxDelaySeconds: 60, JitterStrategy: "FULL" },
    ]);
  });
});

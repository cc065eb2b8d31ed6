/**
 * The workflow definition, every check of it in one place:
 * - as built from concrete inputs: each state exactly, and the error handling every Task carries;
 * - as the module synthesizes it: valid JSON with plain Terraform references inside its strings,
 *   the documented states, and the arguments each Task sends;
 * - valid ASL in both forms, by asl-validator, and the
 *   exact errors each Task retries.
 */
import { buildWorkflowDefinition } from "../../src/workflow/definition";
import { reportedError } from "../../src/workflow/failure";
import type { WorkflowDefinitionInput } from "../../src/workflow/input";
import { RETRY } from "../../src/workflow/errors";
import { definitionOf, synthModule } from "../support/synthesized";
import type { Branch, State } from "../../src/workflow/asl";
import { aslErrors } from "../models/sfn-executor/asl-validator";
import { evaluateField } from "../models/sfn-executor/jsonata";
import { fillInterpolations, SAMPLE_INPUT } from "../support/workflow";

describe("as built from concrete inputs", () => {
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
      error:
        "{% $exists($states.errorOutput.Error) ? $string($states.errorOutput.Error) : 'FinetuneWorkflow.UnnamedError' %}",
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
      const children = [
        states.FineTune.Branches[0].States.FineTuneGeneral,
        states.FineTune.Branches[1].States.FineTuneLowVolume,
      ];
      for (const child of children) {
        expect(child.TimeoutSeconds).toBe(36000);
        expect(child.Output).toBe(
          "{% {'ExecutionArn': $states.result.ExecutionArn, 'Status': $states.result.Status} %}",
        );
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
        lowVolumeDataFound:
          "{% $states.result.Contents[0].Key = 'training/gata-low-vol/' & $batchId & '/train/data.json' %}",
      });
    });

    test("NotifyComplete ends the execution, outputting the batch id; nothing catches its last error", () => {
      expect(states.NotifyComplete).toEqual({
        Type: "Task",
        Comment: "Not caught: if this event cannot be sent, the execution fails here, and a redrive sends it again.",
        Resource: "arn:aws:states:::events:putEvents",
        Arguments: {
          Entries: [
            {
              Source: "gata",
              DetailType: "finetune-complete",
              Detail: "{% {'batch_id': $batchId} %}",
              EventBusName: "gata",
            },
          ],
        },
        Retry: RETRY.putEvents,
        TimeoutSeconds: 60,
        Output: "{% {'BatchID': $batchId} %}",
        End: true,
      });
    });

    test("Failed fails with the error and cause the failure path assigned, renaming Step Functions' own errors", () => {
      expect(states.Failed).toEqual({
        Type: "Fail",
        Error:
          "{% $substring($error, 0, 7) = 'States.' ? 'FinetuneWorkflow.' & $substringAfter($error, 'States.') : $error %}",
        Cause:
          "{% $substring($error, 0, 7) = 'States.' ? $substring($error & ($cause = '' ? '' : ': ' & $cause), 0, 32768) : $cause %}",
      });
    });

    describe("Failed, evaluated", () => {
      // As the executor evaluates a Fail state's fields: with the variables the failure path assigned.
      const fail = async (error: string, cause: string) => {
        const scope = { stateName: "Failed", variables: { error, cause }, states: { input: {}, context: {} } };
        return {
          Error: await evaluateField(states.Failed.Error, scope, "Error"),
          Cause: await evaluateField(states.Failed.Cause, scope, "Cause"),
        };
      };

      test.each([
        ["States.Timeout", "", "FinetuneWorkflow.Timeout", "States.Timeout"],
        ["States.TaskFailed", '{"ExitCode":3}', "FinetuneWorkflow.TaskFailed", 'States.TaskFailed: {"ExitCode":3}'],
        [
          "States.DataLimitExceeded",
          "too big",
          "FinetuneWorkflow.DataLimitExceeded",
          "States.DataLimitExceeded: too big",
        ],
      ])(
        "a caught %s is reported as a name of ours, the original leading the cause",
        async (error, cause, name, reported) => {
          expect(await fail(error, cause)).toEqual({ Error: name, Cause: reported });
          expect(reportedError(error)).toBe(name);
        },
      );

      test.each([
        ["FinetuneWorkflow.InvalidBatchID", "BatchID must be 10 digits"],
        ["Ecs.EcsException", ""],
        ["StatesLike.Error", "not Step Functions' own"],
      ])("any other error, %s, is reported as it was caught", async (error, cause) => {
        expect(await fail(error, cause)).toEqual({ Error: error, Cause: cause });
        expect(reportedError(error)).toBe(error);
      });

      test("the renamed error's cause is cut to the 32,768 characters an execution may report", async () => {
        const { Cause } = await fail("States.TaskFailed", "x".repeat(32768));
        expect(Cause).toBe(`States.TaskFailed: ${"x".repeat(32768 - "States.TaskFailed: ".length)}`);
      });
    });
  });

  describe("error handling on every Task", () => {
    test("every Task retries at least one error, never States.ALL, and States.TaskFailed only where a call may run twice", () => {
      const offenders = tasks().filter(({ state }) => {
        const errors: string[] = (state.Retry ?? []).flatMap((r: { ErrorEquals: string[] }) => r.ErrorEquals);
        const once = /:(registerTaskDefinition|runTask|startExecution)/.test(state.Resource);
        return errors.length === 0 || errors.includes("States.ALL") || (once && errors.includes("States.TaskFailed"));
      });
      expect(offenders.map((t) => t.name)).toEqual([]);
    });

    test("every top-level Task but NotifyComplete catches States.ALL; the branch Tasks rely on the Parallel's Catch", () => {
      const withoutCatch = tasks()
        .filter(
          ({ state }) => !state.Catch?.some((c: { ErrorEquals: string[] }) => c.ErrorEquals.includes("States.ALL")),
        )
        .map(({ name, inBranch }) => ({ name, inBranch }));
      expect(withoutCatch).toEqual([
        { name: "FineTuneGeneral", inBranch: true },
        { name: "FindLowVolumeData", inBranch: true },
        { name: "FineTuneLowVolume", inBranch: true },
        { name: "NotifyComplete", inBranch: false },
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
});

describe("as the module synthesizes it", () => {
  // Synthesized once for the whole file.
  let definition: any;
  let raw: string;
  beforeAll(() => {
    const { tf } = synthModule();
    raw = tf.resource.aws_sfn_state_machine.finetune.definition;
    definition = definitionOf(tf);
  });

  const PARTITION = "${data.aws_partition.current.partition}";

  /**
   * Everything the definition may interpolate. Each is a bare reference: an expression with
   * quotes would have to be escaped inside the JSON string, and Terraform's template parser
   * would then see the backslashes.
   */
  const KNOWN_REFERENCES = [
    "aws_cloudwatch_log_group.ecs_data_prep.name",
    "aws_iam_role.data_prep_exec.arn",
    "aws_iam_role.data_prep_task.arn",
    "aws_security_group.this.id",
    "data.aws_partition.current.partition",
    "data.aws_region.current.region",
    "local.data_prep_repository_url",
    "local.general_state_machine_arn",
    "local.low_volume_state_machine_arn",
    "local.ns",
    "local.subnet_ids_csv",
    "var.db_cluster_arn",
    "var.db_secret_arn",
    "var.ecs_cluster_arn",
    "var.event_bus_name",
    "var.low_volume_fallback_label",
    "var.s3_bucket_name",
    "var.ssm_image_path",
  ];

  describe("synthesized definition text", () => {
    test("is valid JSON as written, before Terraform interpolates it", () => {
      expect(() => JSON.parse(raw)).not.toThrow();
    });

    test("interpolates exactly the known plain references", () => {
      const references = [...new Set([...raw.matchAll(/\$\{([^}]*)\}/g)].map((m) => m[1]))].sort();
      expect(references).toEqual(KNOWN_REFERENCES);
    });

    test("has no quote, backslash or nested interpolation inside any ${...}", () => {
      const insides = [...raw.matchAll(/\$\{([^}]*)\}/g)].map((m) => m[1]);
      expect(insides.filter((inside) => !/^[a-z_][a-z0-9_.]*$/.test(inside))).toEqual([]);
    });

    test("opens no Terraform template directive (%{)", () => {
      expect(raw).not.toContain("%{");
    });
  });

  describe("definition structure", () => {
    test("uses JSONata and starts at Init", () => {
      expect(definition.QueryLanguage).toBe("JSONata");
      expect(definition.StartAt).toBe("Init");
    });

    test("has exactly the documented states, with their types", () => {
      const types = Object.fromEntries(
        Object.entries(definition.States).map(([name, s]: [string, any]) => [name, s.Type]),
      );
      expect(types).toEqual({
        Init: "Pass",
        LoadImageVersions: "Task",
        CheckConfiguration: "Choice",
        InvalidBatchID: "Pass",
        MissingImageVersion: "Pass",
        RegisterTaskDefinition: "Task",
        RunDataPrep: "Task",
        DeregisterTaskDefinition: "Task",
        DeregisterAfterFailure: "Task",
        FineTune: "Parallel",
        NotifyComplete: "Task",
        NotifyFailure: "Task",
        Failed: "Fail",
      });
    });

    test("the happy path runs Init → load → check → register → run → deregister → fine-tune → notify", () => {
      const path: string[] = [];
      let name: string | undefined = definition.StartAt;
      while (name) {
        path.push(name);
        const state = definition.States[name];
        name = state.Type === "Choice" ? state.Default : state.Next;
      }
      expect(path).toEqual([
        "Init",
        "LoadImageVersions",
        "CheckConfiguration",
        "RegisterTaskDefinition",
        "RunDataPrep",
        "DeregisterTaskDefinition",
        "FineTune",
        "NotifyComplete",
      ]);
    });

    test("the parallel branches fine-tune general always and low_volume only when its data exists", () => {
      const [general, lowVolume] = definition.States.FineTune.Branches;
      expect(general.StartAt).toBe("FineTuneGeneral");
      expect(Object.keys(general.States)).toEqual(["FineTuneGeneral"]);
      expect(lowVolume.StartAt).toBe("FindLowVolumeData");
      expect(lowVolume.States.LowVolumeDataExists).toEqual({
        Type: "Choice",
        Choices: [
          { Comment: "low-volume data found", Condition: "{% $lowVolumeDataFound %}", Next: "FineTuneLowVolume" },
        ],
        Default: "NoLowVolumeData",
      });
      expect(lowVolume.States.NoLowVolumeData).toEqual({ Type: "Succeed" });
    });
  });

  describe("data-prep task", () => {
    test("RegisterTaskDefinition registers the <ns>-data-prep family on Fargate with the two roles", () => {
      const state = definition.States.RegisterTaskDefinition;
      expect(state.Resource).toBe(`arn:${PARTITION}:states:::aws-sdk:ecs:registerTaskDefinition`);
      expect(state.Arguments).toEqual({
        Family: "${local.ns}-data-prep",
        RequiresCompatibilities: ["FARGATE"],
        NetworkMode: "awsvpc",
        Cpu: "1024",
        Memory: "4096",
        ExecutionRoleArn: "${aws_iam_role.data_prep_exec.arn}",
        TaskRoleArn: "${aws_iam_role.data_prep_task.arn}",
        ContainerDefinitions: [
          {
            Name: "{% '${local.ns}-data-prep-' & $batchId %}",
            Image: "{% '${local.data_prep_repository_url}' & $dataPrepVersion %}",
            Essential: true,
            Command: ["{% $batchId %}"],
            Environment: [
              { Name: "DB_ARN", Value: "${var.db_cluster_arn}" },
              { Name: "DB_SECRET_ARN", Value: "${var.db_secret_arn}" },
              { Name: "LOG_LEVEL", Value: "INFO" },
              { Name: "LOW_VOLUME_FALLBACK_LABEL", Value: "${var.low_volume_fallback_label}" },
              { Name: "TARGET_BUCKET", Value: "${var.s3_bucket_name}" },
            ],
            LogConfiguration: {
              LogDriver: "awslogs",
              Options: {
                "awslogs-group": "${aws_cloudwatch_log_group.ecs_data_prep.name}",
                "awslogs-region": "${data.aws_region.current.region}",
                "awslogs-stream-prefix": "{% 'batch-' & $batchId %}",
              },
            },
          },
        ],
      });
    });

    test("RunDataPrep runs the registered revision on the cluster, in the subnets, with the module's security group", () => {
      const state = definition.States.RunDataPrep;
      expect(state.Resource).toBe(`arn:${PARTITION}:states:::ecs:runTask.sync`);
      expect(state.Arguments).toEqual({
        Cluster: "${var.ecs_cluster_arn}",
        TaskDefinition: "{% $taskDefinitionArn %}",
        LaunchType: "FARGATE",
        NetworkConfiguration: {
          AwsvpcConfiguration: {
            Subnets: "{% $split('${local.subnet_ids_csv}', ',') %}",
            SecurityGroups: ["${aws_security_group.this.id}"],
            AssignPublicIp: "DISABLED",
          },
        },
      });
    });
  });

  describe("child fine-tunes and events", () => {
    const childArguments = (stateMachineArn: string) => ({
      StateMachineArn: stateMachineArn,
      Input: {
        StatePayload: { BatchID: "{% $batchId %}" },
        AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID: "{% $states.context.Execution.Id %}",
      },
    });

    test("FineTuneGeneral starts sfn_arns.general with the batch id and this execution's id", () => {
      const state = definition.States.FineTune.Branches[0].States.FineTuneGeneral;
      expect(state.Resource).toBe(`arn:${PARTITION}:states:::states:startExecution.sync:2`);
      expect(state.Arguments).toEqual(childArguments("${local.general_state_machine_arn}"));
    });

    test("FineTuneLowVolume starts sfn_arns.low_volume with the same input", () => {
      const state = definition.States.FineTune.Branches[1].States.FineTuneLowVolume;
      expect(state.Resource).toBe(`arn:${PARTITION}:states:::states:startExecution.sync:2`);
      expect(state.Arguments).toEqual(childArguments("${local.low_volume_state_machine_arn}"));
    });

    test("NotifyComplete puts one finetune-complete event from gata on event_bus_name", () => {
      expect(definition.States.NotifyComplete.Arguments).toEqual({
        Entries: [
          {
            Source: "gata",
            DetailType: "finetune-complete",
            Detail: "{% {'batch_id': $batchId} %}",
            EventBusName: "${var.event_bus_name}",
          },
        ],
      });
    });

    test("NotifyFailure puts one finetune-failed event naming the failed state and the error, with the cause when there is one", () => {
      expect(definition.States.NotifyFailure.Arguments).toEqual({
        Entries: [
          {
            Source: "gata",
            DetailType: "finetune-failed",
            Detail:
              "{% $merge([{'batch_id': $batchId, 'state': $failedState, 'error': $error}, $cause = '' ? {} : {'cause': $cause}]) %}",
            EventBusName: "${var.event_bus_name}",
          },
        ],
      });
    });
  });
});

describe("valid ASL, retrying exactly the transient errors", () => {
  const definition = buildWorkflowDefinition(SAMPLE_INPUT);

  /** Every state, Parallel branches included, by name. */
  function allStates(branch: Branch): [string, State][] {
    return Object.entries(branch.States).flatMap(([name, state]): [string, State][] =>
      state.Type === "Parallel" ? [[name, state], ...state.Branches.flatMap(allStates)] : [[name, state]],
    );
  }

  describe("the workflow definition is valid ASL", () => {
    test("as the builder returns it for concrete inputs", () => {
      expect(aslErrors(definition)).toBe("");
    });

    test("as the module synthesizes it, once Terraform fills in the interpolations", () => {
      // GIVEN
      const synthesized = synthModule().tf;
      const text: string = synthesized.resource.aws_sfn_state_machine.finetune.definition;

      // WHEN
      const filled = JSON.parse(fillInterpolations(text));

      // THEN it is the builder's definition for the same values, and valid
      expect(filled).toEqual(definition);
      expect(aslErrors(filled)).toBe("");
    });

    test("an interpolation without a sample value fails the fill, naming it", () => {
      expect(() => fillInterpolations('{"a": "${var.unknown}"}')).toThrow(
        "No sample value for the interpolation ${var.unknown}; add it to INTERPOLATIONS.",
      );
    });
  });

  describe("error handling", () => {
    test("each Task retries exactly its transient errors", () => {
      // WHEN
      const retried = Object.fromEntries(
        allStates(definition)
          .filter(([, state]) => state.Type === "Task")
          .map(([name, state]) => [name, (state.Type === "Task" && state.Retry?.flatMap((r) => r.ErrorEquals)) || []]),
      );

      // THEN
      const anyError = ["States.TaskFailed", "States.Timeout"];
      const childLimit = ["StepFunctions.ExecutionLimitExceeded", "StepFunctions.ExecutionLimitExceededException"];
      expect(retried).toEqual({
        LoadImageVersions: anyError,
        RegisterTaskDefinition: ["Ecs.ThrottlingException"],
        RunDataPrep: ["ECS.AmazonECSException", "AmazonECS.Unknown"],
        DeregisterTaskDefinition: anyError,
        DeregisterAfterFailure: anyError,
        FineTuneGeneral: childLimit,
        FindLowVolumeData: anyError,
        FineTuneLowVolume: childLimit,
        NotifyComplete: anyError,
        NotifyFailure: anyError,
      });
    });

    test("every retrier backs off exponentially, capped, with full jitter, and never retries a failed job", () => {
      for (const [, state] of allStates(definition)) {
        if (state.Type !== "Task") continue;
        for (const retrier of state.Retry ?? []) {
          expect(retrier).toMatchObject({
            IntervalSeconds: 2,
            MaxAttempts: 6,
            BackoffRate: 2,
            MaxDelaySeconds: 60,
            JitterStrategy: "FULL",
          });
          expect(retrier.ErrorEquals).not.toContain("States.ALL");
          if (/\.sync(:2)?$/.test(state.Resource)) expect(retrier.ErrorEquals).not.toContain("States.TaskFailed");
        }
      }
    });

    test("States.Timeout is retried only where the call has a timeout and repeating it is safe", () => {
      for (const [name, state] of allStates(definition)) {
        if (state.Type !== "Task" || !state.Retry?.some((r) => r.ErrorEquals.includes("States.Timeout"))) continue;
        expect([name, state.TimeoutSeconds]).toEqual([name, 60]);
        expect(state.Resource).not.toMatch(/:(registerTaskDefinition|runTask|startExecution)/);
      }
    });

    test("every top-level Task and Parallel catches everything but NotifyComplete; only the failure path itself does not report", () => {
      const catchers = Object.entries(definition.States)
        .filter(([, state]) => state.Type === "Task" || state.Type === "Parallel")
        .map(([name, state]) => [
          name,
          (state.Type === "Task" || state.Type === "Parallel") && state.Catch?.map((c) => [c.ErrorEquals, c.Next]),
        ]);
      expect(Object.fromEntries(catchers)).toEqual({
        LoadImageVersions: [[["States.ALL"], "NotifyFailure"]],
        RegisterTaskDefinition: [[["States.ALL"], "NotifyFailure"]],
        RunDataPrep: [[["States.ALL"], "DeregisterAfterFailure"]],
        DeregisterTaskDefinition: [[["States.ALL"], "NotifyFailure"]],
        DeregisterAfterFailure: [[["States.ALL"], "NotifyFailure"]],
        FineTune: [[["States.ALL"], "NotifyFailure"]],
        NotifyComplete: undefined,
        NotifyFailure: [[["States.ALL"], "Failed"]],
      });
    });
  });
});

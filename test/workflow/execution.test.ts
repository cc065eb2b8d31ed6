/**
 * Executes the workflow's own definition offline, against recorded AWS responses, and checks
 * the calls it makes and how it ends. Parallel branches run one after another in the harness
 * (general first), so the order of calls is deterministic.
 */
import {
  awsError,
  BATCH_ID,
  call,
  childExecution,
  failing,
  type FakeAws,
  IMAGE_PARAMETERS,
  listedObjects,
  type Responder,
  SAMPLE_INPUT,
  ssmPage,
  runSample,
  ssmParameter,
  stoppedTask,
  TASK_DEFINITION_ARN,
} from "../support/workflow";

const { generalStateMachineArn: GENERAL, lowVolumeStateMachineArn: LOW_VOLUME } = SAMPLE_INPUT;
const run = runSample;

const noLowVolumeData: Responder = (args: { Prefix: string }) => listedObjects(args.Prefix, []);

describe("the fine-tune workflow, executed against recorded AWS responses", () => {
  test("1. with low-volume data it prepares the data, fine-tunes both models and reports completion", async () => {
    // WHEN
    const { aws, result } = await run();

    // THEN
    expect(aws.apiCalls()).toEqual([
      call.loadImages(),
      call.register(),
      call.runTask(),
      call.deregister(),
      call.startChild(GENERAL),
      call.findLowVolume(),
      call.startChild(LOW_VOLUME),
      call.complete(),
    ]);
    expect(result).toMatchObject({ status: "SUCCEEDED", output: { BatchID: BATCH_ID }, retries: [] });
  });

  test("1a. the task definition it registers runs the image from SSM with the batch id, batch-scoped", async () => {
    // WHEN
    const { aws } = await run();

    // THEN
    const register = aws.calls.find((c) => c.stateName === "RegisterTaskDefinition");
    expect(register?.arguments).toEqual({
      Family: "gata-prod-data-prep",
      RequiresCompatibilities: ["FARGATE"],
      NetworkMode: "awsvpc",
      Cpu: "1024",
      Memory: "4096",
      ExecutionRoleArn: SAMPLE_INPUT.executionRoleArn,
      TaskRoleArn: SAMPLE_INPUT.taskRoleArn,
      ContainerDefinitions: [
        {
          Name: `gata-prod-data-prep-${BATCH_ID}`,
          Image: `${SAMPLE_INPUT.dataPrepRepositoryUrl}:1.4.2`,
          Essential: true,
          Command: [BATCH_ID],
          Environment: [
            { Name: "DB_ARN", Value: SAMPLE_INPUT.dbClusterArn },
            { Name: "DB_SECRET_ARN", Value: SAMPLE_INPUT.dbSecretArn },
            { Name: "LOG_LEVEL", Value: "INFO" },
            { Name: "LOW_VOLUME_FALLBACK_LABEL", Value: "0" },
            { Name: "TARGET_BUCKET", Value: SAMPLE_INPUT.bucketName },
          ],
          LogConfiguration: {
            LogDriver: "awslogs",
            Options: {
              "awslogs-group": SAMPLE_INPUT.logGroupName,
              "awslogs-region": SAMPLE_INPUT.region,
              "awslogs-stream-prefix": `batch-${BATCH_ID}`,
            },
          },
        },
      ],
    });
    expect(aws.calls.find((c) => c.stateName === "RunDataPrep")?.arguments).toEqual({
      Cluster: SAMPLE_INPUT.clusterArn,
      TaskDefinition: TASK_DEFINITION_ARN,
      LaunchType: "FARGATE",
      NetworkConfiguration: {
        AwsvpcConfiguration: {
          Subnets: ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"],
          SecurityGroups: [SAMPLE_INPUT.securityGroupId],
          AssignPublicIp: "DISABLED",
        },
      },
    });
    expect(aws.calls.filter((c) => c.stateName.startsWith("Notify")).map((c) => c.arguments)).toEqual([
      {
        Entries: [
          { Source: "gata", DetailType: "finetune-complete", Detail: { batch_id: BATCH_ID }, EventBusName: "gata" },
        ],
      },
    ]);
  });

  test("2. without low-volume data only the general model is fine-tuned", async () => {
    // WHEN
    const { aws, result } = await run({ "s3:listObjectsV2": noLowVolumeData });

    // THEN
    expect(aws.apiCalls()).toEqual([
      call.loadImages(),
      call.register(),
      call.runTask(),
      call.deregister(),
      call.startChild(GENERAL),
      call.findLowVolume(),
      call.complete(),
    ]);
    expect(result).toMatchObject({ status: "SUCCEEDED", output: { BatchID: BATCH_ID } });
  });

  test("2a. a longer key under the low-volume prefix is not mistaken for the training data", async () => {
    // GIVEN ListObjectsV2 finds only `.../train/data.json.tmp`
    const partial: Responder = (args: { Prefix: string }) => listedObjects(args.Prefix, [`${args.Prefix}.tmp`]);

    // WHEN
    const { aws, result } = await run({ "s3:listObjectsV2": partial });

    // THEN
    expect(aws.apiCalls().filter((c) => c.api === "states:startExecution.sync:2")).toEqual([call.startChild(GENERAL)]);
    expect(result.status).toBe("SUCCEEDED");
  });

  test("3. a data-prep container that exits non-zero is not retried: deregistered once, reported, FAILED", async () => {
    // GIVEN the container exits 1; runTask.sync fails the Task with the described task as the cause
    const cause = JSON.stringify(stoppedTask(TASK_DEFINITION_ARN, 1));
    const { aws, result } = await run({ "ecs:runTask.sync": failing([awsError("States.TaskFailed", cause)]) });

    // THEN
    expect(aws.apiCalls()).toEqual([
      call.loadImages(),
      call.register(),
      call.runTask(),
      call.deregister(),
      call.failed(BATCH_ID, "RunDataPrep", "States.TaskFailed", cause),
    ]);
    expect(result).toMatchObject({
      status: "FAILED",
      error: "FinetuneWorkflow.TaskFailed",
      cause: `States.TaskFailed: ${cause}`,
      retries: [],
    });
    expect(result.statesEntered.slice(-3)).toEqual(["DeregisterAfterFailure", "NotifyFailure", "Failed"]);
  });

  test("4. ECS throttling twice, then success: RunTask is retried with exponential backoff and full jitter", async () => {
    // GIVEN
    const throttled = awsError(
      "ECS.AmazonECSException",
      "Rate exceeded (Service: AmazonECS; Status Code: 400; Error Code: ThrottlingException)",
    );
    const { aws, result } = await run({
      "ecs:runTask.sync": failing([throttled, throttled], (args: { TaskDefinition: string }) =>
        stoppedTask(args.TaskDefinition, 0),
      ),
    });

    // THEN
    expect(result.retries).toEqual([
      { stateName: "RunDataPrep", error: "ECS.AmazonECSException", attempt: 1, delaySeconds: 2, jitter: "FULL" },
      { stateName: "RunDataPrep", error: "ECS.AmazonECSException", attempt: 2, delaySeconds: 4, jitter: "FULL" },
    ]);
    expect(aws.apiCalls()).toEqual([
      call.loadImages(),
      call.register(),
      call.runTask(),
      call.runTask(),
      call.runTask(),
      call.deregister(),
      call.startChild(GENERAL),
      call.findLowVolume(),
      call.startChild(LOW_VOLUME),
      call.complete(),
    ]);
    expect(result.status).toBe("SUCCEEDED");
  });

  test("4a. throttled SSM, S3 and child-start calls are retried too, each by its own state", async () => {
    // GIVEN
    const { result } = await run({
      "ssm:getParametersByPath": failing([awsError("Ssm.ThrottlingException")], () => ssmPage(IMAGE_PARAMETERS)),
      "s3:listObjectsV2": failing(
        [
          awsError(
            "S3.S3Exception",
            "Please reduce your request rate. (Service: S3, Status Code: 503, Error Code: SlowDown)",
          ),
        ],
        (args: { Prefix: string }) => listedObjects(args.Prefix, [args.Prefix]),
      ),
      "states:startExecution.sync:2": failing(
        [awsError("StepFunctions.ExecutionLimitExceeded")],
        (args: { StateMachineArn: string; Input: unknown }) =>
          childExecution(args.StateMachineArn, args.Input, "SUCCEEDED"),
      ),
    });

    // THEN
    expect(result.retries.map(({ stateName, error }) => [stateName, error])).toEqual([
      ["LoadImageVersions", "Ssm.ThrottlingException"],
      ["FineTuneGeneral", "StepFunctions.ExecutionLimitExceeded"],
      ["FindLowVolumeData", "S3.S3Exception"],
    ]);
    expect(result.status).toBe("SUCCEEDED");
  });

  test("4b. backoff doubles from 2 s and is capped at 60 s over the 6 retries", async () => {
    // GIVEN SSM throttles every call
    const { aws, result } = await run({ "ssm:getParametersByPath": () => awsError("Ssm.ThrottlingException") });

    // THEN
    expect(result.retries.map((r) => r.delaySeconds)).toEqual([2, 4, 8, 16, 32, 60]);
    expect(aws.apiCalls().filter((c) => c.api === "ssm:getParametersByPath")).toHaveLength(7);
    expect(result).toMatchObject({ status: "FAILED", error: "Ssm.ThrottlingException" });
  });

  test("5. a child fine-tune that fails fails the batch through the failure path", async () => {
    // GIVEN the low-volume child fails; startExecution.sync:2 reports it as States.TaskFailed
    const child = (args: { StateMachineArn: string; Input: unknown }) =>
      childExecution(args.StateMachineArn, args.Input, "FAILED");
    const cause = JSON.stringify(child({ StateMachineArn: LOW_VOLUME, Input: {} }));
    const { aws, result } = await run({
      "states:startExecution.sync:2": (args: { StateMachineArn: string; Input: unknown }) =>
        args.StateMachineArn === LOW_VOLUME
          ? awsError("States.TaskFailed", cause)
          : childExecution(args.StateMachineArn, args.Input, "SUCCEEDED"),
    });

    // THEN no retry of the failed child, one failure event, FAILED
    expect(aws.apiCalls()).toEqual([
      call.loadImages(),
      call.register(),
      call.runTask(),
      call.deregister(),
      call.startChild(GENERAL),
      call.findLowVolume(),
      call.startChild(LOW_VOLUME),
      call.failed(BATCH_ID, "FineTune", "States.TaskFailed", cause),
    ]);
    expect(result).toMatchObject({
      status: "FAILED",
      error: "FinetuneWorkflow.TaskFailed",
      cause: `States.TaskFailed: ${cause}`,
      retries: [],
    });
  });

  test("6. more than 10 parameters: version-data-prep on the second page still sets the image", async () => {
    // GIVEN 12 parameters; the first page stops at 9 with a NextToken, data-prep's is on page 2
    const others = Array.from({ length: 11 }, (_, i) =>
      ssmParameter(`version-model-${String(i).padStart(2, "0")}`, `:0.${i}.0`),
    );
    const pages = [
      ssmPage(others.slice(0, 9), "AAEAAQbt1page2token"),
      ssmPage([...others.slice(9), ssmParameter("version-data-prep", ":2.0.0-rc1")], undefined),
    ];
    const { aws, result } = await run({ "ssm:getParametersByPath": (_args, attempt) => pages[attempt - 1] });

    // THEN
    expect(aws.apiCalls().slice(0, 3)).toEqual([
      call.loadImages(),
      call.loadImages("AAEAAQbt1page2token"),
      call.register(`${SAMPLE_INPUT.dataPrepRepositoryUrl}:2.0.0-rc1`),
    ]);
    expect(result.status).toBe("SUCCEEDED");
  });

  test("6a. an empty page with a NextToken does not stop the paging", async () => {
    // GIVEN
    const pages = [ssmPage([], "t1"), ssmPage([], "t2"), ssmPage(IMAGE_PARAMETERS)];
    const { aws, result } = await run({ "ssm:getParametersByPath": (_args, attempt) => pages[attempt - 1] });

    // THEN
    expect(aws.apiCalls().slice(0, 4)).toEqual([
      call.loadImages(),
      call.loadImages("t1"),
      call.loadImages("t2"),
      call.register(),
    ]);
    expect(result.status).toBe("SUCCEEDED");
  });

  test("7. version-data-prep missing: fails before anything is registered, naming the parameter", async () => {
    // GIVEN
    const withoutDataPrep = IMAGE_PARAMETERS.filter((p) => !p.Name.endsWith("/version-data-prep"));
    const { aws, result } = await run({ "ssm:getParametersByPath": () => ssmPage(withoutDataPrep) });

    // THEN
    const cause = "SSM parameter /gata/images/version-data-prep not found: it holds the data-prep image version.";
    expect(aws.apiCalls()).toEqual([
      call.loadImages(),
      call.failed(BATCH_ID, "CheckConfiguration", "FinetuneWorkflow.MissingImageVersion", cause),
    ]);
    expect(result).toMatchObject({ status: "FAILED", error: "FinetuneWorkflow.MissingImageVersion", cause });
  });

  test("8. without a BatchID, the batch is the execution's start hour in UTC", async () => {
    // WHEN started at 2026-01-15T08:42:17.123Z
    const { aws, result } = await run({}, {});

    // THEN
    expect(aws.apiCalls()).toContainEqual(call.findLowVolume("2026011508"));
    expect(aws.apiCalls().at(-1)).toEqual(call.complete("2026011508"));
    expect(result).toMatchObject({ status: "SUCCEEDED", output: { BatchID: "2026011508" } });
  });

  test("8a. a numeric BatchID is accepted and used as a string", async () => {
    // WHEN
    const { aws, result } = await run({}, { BatchID: 2026011423 });

    // THEN
    const register = aws.calls.find((c) => c.stateName === "RegisterTaskDefinition")?.arguments as {
      ContainerDefinitions: { Name: string; Command: string[] }[];
    };
    expect(register.ContainerDefinitions[0]).toMatchObject({
      Name: "gata-prod-data-prep-2026011423",
      Command: ["2026011423"],
    });
    expect(result).toMatchObject({ status: "SUCCEEDED", output: { BatchID: "2026011423" } });
  });

  test.each([["2026-01-15"], ["202601150"], ["20260115080"], [""], [null], [{ hour: 8 }]])(
    "8b. a malformed BatchID (%j) fails before anything is registered",
    async (batchId) => {
      // WHEN
      const { aws, result } = await run({}, { BatchID: batchId });

      // THEN
      const shown = typeof batchId === "string" ? batchId : JSON.stringify(batchId);
      const cause = `BatchID must be 10 digits (YYYYMMDDHH), got "${shown}".`;
      expect(aws.apiCalls()).toEqual([
        call.loadImages(),
        call.failed(shown, "CheckConfiguration", "FinetuneWorkflow.InvalidBatchID", cause),
      ]);
      expect(result).toMatchObject({ status: "FAILED", error: "FinetuneWorkflow.InvalidBatchID", cause });
    },
  );

  test("a failure event that cannot be sent still ends the execution FAILED, with the original error", async () => {
    // GIVEN the container fails, and EventBridge rejects every failure event
    const { aws, result } = await run({
      "ecs:runTask.sync": () => awsError("States.TaskFailed", "exit 1"),
      "events:putEvents": () => awsError("EventBridge.FailedEntry", "InternalFailure"),
    });

    // THEN
    expect(aws.apiCalls().filter((c) => c.api === "events:putEvents")).toHaveLength(7);
    expect(result).toMatchObject({
      status: "FAILED",
      error: "FinetuneWorkflow.TaskFailed",
      cause: "States.TaskFailed: exit 1",
    });
    expect(result.statesEntered.at(-1)).toBe("Failed");
  });

  test("a failure while starting data prep (RunTask errors exhausted) deregisters the revision once", async () => {
    // GIVEN ECS refuses every RunTask
    const { aws, result } = await run({
      "ecs:runTask.sync": () => awsError("ECS.AmazonECSException", "Rate exceeded"),
    });

    // THEN 1 + 6 attempts, then one deregistration and the failure event
    const calls = aws.apiCalls();
    expect(calls.filter((c) => c.api === "ecs:runTask.sync")).toHaveLength(7);
    expect(calls.slice(-2)).toEqual([
      call.deregister(),
      call.failed(BATCH_ID, "RunDataPrep", "ECS.AmazonECSException", "Rate exceeded"),
    ]);
    expect(result).toMatchObject({ status: "FAILED", error: "ECS.AmazonECSException" });
  });

  test("RunTask that answers with Failures (no capacity) is retried, then cleaned up", async () => {
    // GIVEN
    const noCapacity = awsError("AmazonECS.Unknown", "Failures: [{Reason: RESOURCE:FARGATE}]");
    const { aws, result } = await run({
      "ecs:runTask.sync": failing([noCapacity], (args: { TaskDefinition: string }) =>
        stoppedTask(args.TaskDefinition, 0),
      ),
    });

    // THEN
    expect(result.retries.map((r) => r.error)).toEqual(["AmazonECS.Unknown"]);
    expect(aws.apiCalls().filter((c) => c.api === "ecs:deregisterTaskDefinition")).toEqual([call.deregister()]);
    expect(result.status).toBe("SUCCEEDED");
  });

  test("a failed cleanup after a failed data prep still reports the data-prep error", async () => {
    // GIVEN
    const { aws, result } = await run({
      "ecs:runTask.sync": () => awsError("States.TaskFailed", "exit 1"),
      "ecs:deregisterTaskDefinition": () =>
        awsError("Ecs.ClientException", "The specified task definition does not exist."),
    });

    // THEN deregistering, safe to repeat, is tried 7 times, then the original error is reported
    expect(aws.apiCalls().filter((c) => c.api === "ecs:deregisterTaskDefinition")).toEqual(
      Array(7).fill(call.deregister()),
    );
    expect(aws.apiCalls().at(-1)).toEqual(call.failed(BATCH_ID, "RunDataPrep", "States.TaskFailed", "exit 1"));
    expect(result).toMatchObject({
      status: "FAILED",
      error: "FinetuneWorkflow.TaskFailed",
      cause: "States.TaskFailed: exit 1",
    });
  });

  describe("every path after registration deregisters the revision exactly once", () => {
    const cases: [string, Readonly<Record<string, Responder>>][] = [
      ["success", {}],
      ["data prep fails", { "ecs:runTask.sync": () => awsError("States.TaskFailed", "exit 1") }],
      ["RunTask refused", { "ecs:runTask.sync": () => awsError("ECS.AmazonECSException", "Rate exceeded") }],
      ["no capacity", { "ecs:runTask.sync": () => awsError("AmazonECS.Unknown", "RESOURCE:FARGATE") }],
      ["a child fails", { "states:startExecution.sync:2": () => awsError("States.TaskFailed", "child failed") }],
      ["completion event fails", { "events:putEvents": () => awsError("EventBridge.FailedEntry", "InternalFailure") }],
    ];
    test.each(cases)("%s", async (_name, overrides) => {
      // WHEN
      const { aws } = await run(overrides);

      // THEN
      expect(aws.apiCalls().filter((c) => c.api === "ecs:deregisterTaskDefinition")).toEqual([call.deregister()]);
    });
  });

  test("two executions with different batch ids touch different names, log streams and keys", async () => {
    // WHEN
    const first = await run({}, { BatchID: "2026011508" });
    const second = await run({}, { BatchID: "2026011509" });

    // THEN everything the data-prep task and the children see is scoped by the batch id
    const scoped = (aws: FakeAws) => {
      const register = aws.calls.find((c) => c.stateName === "RegisterTaskDefinition")?.arguments as any;
      const container = register.ContainerDefinitions[0];
      return {
        container: container.Name,
        command: container.Command,
        logStreamPrefix: container.LogConfiguration.Options["awslogs-stream-prefix"],
        s3Prefix: (aws.calls.find((c) => c.stateName === "FindLowVolumeData")?.arguments as any).Prefix,
      };
    };
    expect(scoped(first.aws)).toEqual({
      container: "gata-prod-data-prep-2026011508",
      command: ["2026011508"],
      logStreamPrefix: "batch-2026011508",
      s3Prefix: "training/gata-low-vol/2026011508/train/data.json",
    });
    expect(scoped(second.aws)).toEqual({
      container: "gata-prod-data-prep-2026011509",
      command: ["2026011509"],
      logStreamPrefix: "batch-2026011509",
      s3Prefix: "training/gata-low-vol/2026011509/train/data.json",
    });
  });

  test("each execution deregisters the revision it registered, even when two share a batch id", async () => {
    // GIVEN ECS hands out revisions 42 and 43 to two executions of the same batch
    const revisions = [42, 43];
    const executions = await Promise.all(
      revisions.map((revision) =>
        run({
          "ecs:registerTaskDefinition": (args) => ({
            TaskDefinition: {
              TaskDefinitionArn: TASK_DEFINITION_ARN.replace(/:42$/, `:${revision}`),
              Family: args.Family,
              Revision: revision,
            },
          }),
        }),
      ),
    );

    // THEN
    expect(
      executions.map(({ aws }) =>
        aws
          .apiCalls()
          .filter((c) => c.api === "ecs:deregisterTaskDefinition")
          .map((c) => c.args.TaskDefinition),
      ),
    ).toEqual([[TASK_DEFINITION_ARN], [TASK_DEFINITION_ARN.replace(/:42$/, ":43")]]);
  });
});

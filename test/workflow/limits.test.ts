/**
 * The workflow as AWS really behaves, executed offline by the strict harness: Task and execution
 * timeouts (on the harness's virtual clock), errors that carry no Cause or no Error, the 256 KiB
 * payload quota, and the bounded SSM paging. Each scenario asserts the exact sequence of AWS
 * calls, Step Functions' stops of `.sync` work included, the event sent and the final status.
 */
import type { StateMachineDefinition, TaskState } from "../../src/workflow/asl";
import { delayed, hang, SfnError } from "../models/sfn-executor/harness";
import {
  awsError,
  BATCH_ID,
  call,
  childExecution,
  DATA_PREP_IMAGE_VERSION,
  deregisteredTaskDefinition,
  IMAGE_PARAMETERS,
  listedObjects,
  type RegisterArgs,
  registeredTaskDefinition,
  type Responder,
  runSample,
  runWorkflow,
  SAMPLE_DEFINITION,
  SAMPLE_INPUT,
  ssmPage,
  ssmParameter,
  stoppedTask,
} from "../support/workflow";

const { generalStateMachineArn: GENERAL, lowVolumeStateMachineArn: LOW_VOLUME } = SAMPLE_INPUT;
const run = runSample;

/** A child's DescribeExecution whose output holds `kib` KiB of data. */
const childWithOutput = (kib: number) => (args: { StateMachineArn: string; Input: unknown }) => ({
  ...childExecution(args.StateMachineArn, args.Input, "SUCCEEDED"),
  Output: { ModelVersion: 17, Metrics: "x".repeat(kib * 1024) },
});

describe("timeouts", () => {
  test("RunDataPrep times out: the ECS task is stopped, the revision deregistered once, FAILED with FinetuneWorkflow.Timeout", async () => {
    // GIVEN the data-prep task never stops on its own
    const { aws, result } = await run({ "ecs:runTask.sync": () => hang() });

    // THEN after 4 h Step Functions stops the task; a timeout has no Cause, so the event has none
    // and the Fail state's Cause is empty
    expect(aws.apiCalls()).toEqual([
      call.loadImages(),
      call.register(),
      call.runTask(),
      call.stopTask(),
      call.deregister(),
      call.failed(BATCH_ID, "RunDataPrep", "States.Timeout"),
    ]);
    expect(result).toMatchObject({
      status: "FAILED",
      error: "FinetuneWorkflow.Timeout",
      cause: "States.Timeout",
      retries: [],
      elapsedSeconds: 14400,
    });
    expect(result.statesEntered.slice(-3)).toEqual(["DeregisterAfterFailure", "NotifyFailure", "Failed"]);
  });

  test("RegisterTaskDefinition times out: not retried (it may have registered), reported, FAILED", async () => {
    // GIVEN
    const { aws, result } = await run({ "ecs:registerTaskDefinition": () => hang() });

    // THEN nothing is deregistered: the workflow never learned a revision ARN
    expect(aws.apiCalls()).toEqual([
      call.loadImages(),
      call.register(),
      call.failed(BATCH_ID, "RegisterTaskDefinition", "States.Timeout"),
    ]);
    expect(result).toMatchObject({
      status: "FAILED",
      error: "FinetuneWorkflow.Timeout",
      cause: "States.Timeout",
      retries: [],
      elapsedSeconds: 60,
    });
  });

  test("a child times out: the child execution is stopped, the batch fails through the failure path", async () => {
    // GIVEN the general child never finishes
    const { aws, result } = await run({
      "states:startExecution.sync:2": (args: { StateMachineArn: string; Input: unknown }) =>
        args.StateMachineArn === GENERAL ? hang() : childExecution(args.StateMachineArn, args.Input, "SUCCEEDED"),
    });

    // THEN the low-volume branch finished first; after 24 h the general child is stopped
    expect(aws.apiCalls()).toEqual([
      call.loadImages(),
      call.register(),
      call.runTask(),
      call.deregister(),
      call.startChild(GENERAL),
      call.findLowVolume(),
      call.startChild(LOW_VOLUME),
      call.stopChild(GENERAL),
      call.failed(BATCH_ID, "FineTune", "States.Timeout"),
    ]);
    expect(result).toMatchObject({
      status: "FAILED",
      error: "FinetuneWorkflow.Timeout",
      cause: "States.Timeout",
      elapsedSeconds: 86400,
    });
  });

  test("a failure event that times out is sent again, and the execution still ends FAILED with the original error", async () => {
    // GIVEN the container fails and EventBridge never answers
    const { aws, result } = await run({
      "ecs:runTask.sync": () => awsError("States.TaskFailed", "exit 1"),
      "events:putEvents": () => hang(),
    });

    // THEN the event is retried after each 60 s timeout (a second copy of the same event is
    // allowed), 7 attempts and 122 s of backoff in all
    expect(aws.apiCalls().filter((c) => c.api === "events:putEvents")).toHaveLength(7);
    expect(result).toMatchObject({
      status: "FAILED",
      error: "FinetuneWorkflow.TaskFailed",
      cause: "States.TaskFailed: exit 1",
      elapsedSeconds: 7 * 60 + 122,
    });
  });

  test("the longest path a run can take, every attempt just under its timeout, ends FAILED before the execution timeout", async () => {
    // GIVEN every attempt fails with a retried error a second before its timeout, 6 times, then
    // the 7th succeeds: 10 SSM pages (version-data-prep on the last), both children run; every
    // attempt of the completion event fails.
    const slow =
      (timeout: number, error: string, then: Responder): Responder =>
      (args, attempt, c) =>
        c.attempt === 7 ? delayed(timeout - 1, then(args, attempt, c)) : delayed(timeout - 1, awsError(error));
    let pages = 0;
    const page = () => {
      pages += 1;
      return pages < 10
        ? ssmPage([ssmParameter(`version-model-${pages}`, ":1")], `page-${pages + 1}`)
        : ssmPage(IMAGE_PARAMETERS);
    };
    const { aws, result } = await run({
      "ssm:getParametersByPath": slow(60, "Ssm.ThrottlingException", page),
      "ecs:registerTaskDefinition": slow(60, "Ecs.ThrottlingException", (args: RegisterArgs) =>
        registeredTaskDefinition(args),
      ),
      "ecs:runTask.sync": slow(14400, "AmazonECS.Unknown", (args: { TaskDefinition: string }) =>
        stoppedTask(args.TaskDefinition, 0),
      ),
      "ecs:deregisterTaskDefinition": slow(60, "Ecs.ServerException", (args: { TaskDefinition: string }) =>
        deregisteredTaskDefinition(args.TaskDefinition),
      ),
      "s3:listObjectsV2": slow(60, "S3.SlowDownException", (args: { Prefix: string }) =>
        listedObjects(args.Prefix, [args.Prefix]),
      ),
      "states:startExecution.sync:2": slow(
        86400,
        "StepFunctions.ExecutionLimitExceeded",
        (args: { StateMachineArn: string; Input: unknown }) =>
          childExecution(args.StateMachineArn, args.Input, "SUCCEEDED"),
      ),
      "events:putEvents": () => delayed(59, awsError("EventBridge.FailedEntry")),
    });

    // THEN the run takes the whole longest path (713432 s) less the second each attempt on it saved:
    // 70 SSM, 7 each for registration, data prep, deregistration, FindLowVolumeData, the
    // low-volume child (the slower branch) and the completion event, whose last error fails the
    // execution there.
    expect(aws.apiCalls().filter((c) => c.api === "ssm:getParametersByPath")).toHaveLength(70);
    expect(aws.apiCalls().filter((c) => c.api === "states:startExecution.sync:2")).toHaveLength(14);
    expect(aws.apiCalls().filter((c) => c.api === "events:putEvents")).toHaveLength(7);
    const attemptsOnThePath = 70 + 7 + 7 + 7 + 7 + 7 + 7;
    expect(result).toMatchObject({
      status: "FAILED",
      error: "EventBridge.FailedEntry",
      elapsedSeconds: 713432 - attemptsOnThePath,
    });
    expect(result.elapsedSeconds).toBeLessThan(SAMPLE_DEFINITION.TimeoutSeconds);
  });

  test("the execution's own timeout is what ends a run that outlasts it: TIMED_OUT, nothing caught, the child stopped", async () => {
    // GIVEN the same definition with an execution timeout shorter than a child's
    const short: StateMachineDefinition = { ...SAMPLE_DEFINITION, TimeoutSeconds: 3600 };
    const { aws, result } = await runWorkflow(short, {
      "states:startExecution.sync:2": (args: { StateMachineArn: string; Input: unknown }) =>
        delayed(7200, childExecution(args.StateMachineArn, args.Input, "SUCCEEDED")),
    });

    // THEN no failure event: a timed-out execution runs no catcher
    expect(aws.apiCalls().slice(-5)).toEqual([
      call.startChild(GENERAL),
      call.findLowVolume(),
      call.startChild(LOW_VOLUME),
      call.stopChild(GENERAL),
      call.stopChild(LOW_VOLUME),
    ]);
    expect(aws.apiCalls().some((c) => c.api === "events:putEvents")).toBe(false);
    expect(result).toMatchObject({ status: "TIMED_OUT", error: "States.Timeout", elapsedSeconds: 3600 });
  });
});

describe("errors without a Cause or an Error", () => {
  test("an error with neither Error nor Cause is reported as FinetuneWorkflow.UnnamedError, and cleaned up after", async () => {
    // GIVEN the data-prep run fails with an empty error output
    const { aws, result } = await run({ "ecs:runTask.sync": () => new SfnError() });

    // THEN
    expect(aws.apiCalls()).toEqual([
      call.loadImages(),
      call.register(),
      call.runTask(),
      call.deregister(),
      call.failed(BATCH_ID, "RunDataPrep", "FinetuneWorkflow.UnnamedError"),
    ]);
    expect(result).toMatchObject({ status: "FAILED", error: "FinetuneWorkflow.UnnamedError", cause: "" });
  });

  test("an error with a name but no Cause keeps its name", async () => {
    const { aws, result } = await run({ "ecs:registerTaskDefinition": () => new SfnError("Ecs.ServerException") });

    expect(aws.apiCalls().at(-1)).toEqual(call.failed(BATCH_ID, "RegisterTaskDefinition", "Ecs.ServerException"));
    expect(result).toMatchObject({ status: "FAILED", error: "Ecs.ServerException" });
  });

  test("the old catchers, which read $states.errorOutput.Cause as is, would have lost the failure event", async () => {
    // GIVEN the definition with its catchers reading the Cause directly, as before
    const naive = withCatchAssign(SAMPLE_DEFINITION, {
      error: "{% $states.errorOutput.Error %}",
      cause: "{% $states.errorOutput.Cause %}",
    });
    const { aws, result } = await runWorkflow(naive, { "ecs:runTask.sync": () => hang() });

    // THEN the catcher itself fails: no deregistration, no event
    expect(aws.apiCalls().slice(-2)).toEqual([call.runTask(), call.stopTask()]);
    expect(result).toMatchObject({ status: "FAILED", error: "States.QueryEvaluationError" });
  });
});

describe("payload quota", () => {
  test("children returning 300 KiB of output between them: the run still succeeds", async () => {
    // GIVEN the general child outputs 200 KiB and the low-volume child 100 KiB
    const big: Responder = (args: { StateMachineArn: string; Input: unknown }) =>
      childWithOutput(args.StateMachineArn === GENERAL ? 200 : 100)(args);
    const { aws, result } = await run({ "states:startExecution.sync:2": big });

    // THEN each branch passes on only the child's ARN and status
    expect(aws.apiCalls().at(-1)).toEqual(call.complete());
    expect(result).toMatchObject({ status: "SUCCEEDED", output: { BatchID: BATCH_ID } });
  });

  test("without the children's Output, the same run would end in States.DataLimitExceeded, which nothing catches", async () => {
    // GIVEN the definition without the two children's Output
    const unbounded = withoutChildOutput(SAMPLE_DEFINITION);
    const big: Responder = (args: { StateMachineArn: string; Input: unknown }) =>
      childWithOutput(args.StateMachineArn === GENERAL ? 200 : 100)(args);
    const { aws, result } = await runWorkflow(unbounded, { "states:startExecution.sync:2": big });

    // THEN no failure event: the Parallel's combined result breaks the quota and ends the execution
    expect(aws.apiCalls().some((c) => c.api === "events:putEvents")).toBe(false);
    expect(result).toMatchObject({ status: "FAILED", error: "States.DataLimitExceeded" });
  });

  test("a child whose DescribeExecution result itself is over 256 KiB ends the execution: the documented residual risk", async () => {
    const { aws, result } = await run({ "states:startExecution.sync:2": childWithOutput(257) });

    expect(aws.apiCalls().some((c) => c.api === "events:putEvents")).toBe(false);
    expect(result).toMatchObject({ status: "FAILED", error: "States.DataLimitExceeded" });
  });

  test("a 256 KiB malformed BatchID still gets its failure event: the cause shows the first 64 characters", async () => {
    const batchId = "9".repeat(200 * 1024);
    const { aws } = await run({}, { BatchID: batchId });

    const cause = `BatchID must be 10 digits (YYYYMMDDHH), got "${"9".repeat(64)}".`;
    expect(aws.apiCalls()).toEqual([
      call.loadImages(),
      call.failed(batchId, "CheckConfiguration", "FinetuneWorkflow.InvalidBatchID", cause),
    ]);
  });
});

describe("SSM paging", () => {
  test("stops at the page that holds version-data-prep, even when more pages follow", async () => {
    const { aws, result } = await run({ "ssm:getParametersByPath": () => ssmPage(IMAGE_PARAMETERS, "more-pages") });

    expect(aws.apiCalls().slice(0, 2)).toEqual([call.loadImages(), call.register()]);
    expect(result.status).toBe("SUCCEEDED");
  });

  test("reads at most 10 pages, then fails naming the parameter and the limit", async () => {
    // GIVEN every page holds other parameters and promises another page
    const { aws, result } = await run({
      "ssm:getParametersByPath": (_args, attempt) =>
        ssmPage([ssmParameter(`version-model-${attempt}`, ":1")], `page-${attempt + 1}`),
    });

    // THEN
    const cause =
      "SSM parameter /gata/images/version-data-prep not found in the first 10 pages under /gata/images/: it holds the data-prep image version.";
    expect(aws.apiCalls()).toEqual([
      call.loadImages(),
      ...Array.from({ length: 9 }, (_, i) => call.loadImages(`page-${i + 2}`)),
      call.failed(BATCH_ID, "CheckConfiguration", "FinetuneWorkflow.MissingImageVersion", cause),
    ]);
    expect(result).toMatchObject({ status: "FAILED", error: "FinetuneWorkflow.MissingImageVersion", cause });
  });

  test("a version found on the tenth page is used", async () => {
    const { aws, result } = await run({
      "ssm:getParametersByPath": (_args, attempt) =>
        attempt < 10 ? ssmPage([], `page-${attempt + 1}`) : ssmPage([ssmParameter("version-data-prep", ":9.9.9")]),
    });

    expect(aws.apiCalls()[10]).toEqual(call.register(`${SAMPLE_INPUT.dataPrepRepositoryUrl}:9.9.9`));
    expect(result.status).toBe("SUCCEEDED");
  });

  test("a page without the version keeps what an earlier page found", async () => {
    // GIVEN data-prep's version on page 1 with a NextToken, which the workflow must not follow
    const pages = [ssmPage([ssmParameter("version-data-prep", DATA_PREP_IMAGE_VERSION)], "page-2"), ssmPage([])];
    const { aws } = await run({ "ssm:getParametersByPath": (_args, attempt) => pages[attempt - 1] });

    expect(aws.apiCalls().filter((c) => c.api === "ssm:getParametersByPath")).toEqual([call.loadImages()]);
  });
});

type AnyState = StateMachineDefinition["States"][string];

/** The definition with every catcher's Assign replaced: a stand-in for a naive earlier version. */
function withCatchAssign(machine: StateMachineDefinition, assign: Record<string, string>): StateMachineDefinition {
  return mapStates(machine, (state) =>
    (state.Type === "Task" || state.Type === "Parallel") && state.Catch
      ? { ...state, Catch: state.Catch.map((c) => (c.Assign ? { ...c, Assign: assign } : c)) }
      : state,
  );
}

/** The definition with the child fine-tunes' Output removed. */
function withoutChildOutput(machine: StateMachineDefinition): StateMachineDefinition {
  return mapStates(machine, (state, name) => {
    if (state.Type !== "Task" || !["FineTuneGeneral", "FineTuneLowVolume"].includes(name)) return state;
    const { Output: _output, ...rest } = state;
    return rest as TaskState;
  });
}

/** Applies `change` to every state, those in the Parallel's branches included. */
function mapStates(
  machine: StateMachineDefinition,
  change: (state: AnyState, name: string) => AnyState,
): StateMachineDefinition {
  const map = (states: StateMachineDefinition["States"]): StateMachineDefinition["States"] =>
    Object.fromEntries(
      Object.entries(states).map(([name, state]) => {
        const inner =
          state.Type === "Parallel"
            ? { ...state, Branches: state.Branches.map((b) => ({ ...b, States: map(b.States) })) }
            : state;
        return [name, change(inner, name)];
      }),
    );
  return { ...machine, States: map(machine.States) };
}

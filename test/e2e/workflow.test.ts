// The workflow end to end in an interpreter we did not write: the state machine that Terraform
// deployed to moto (test/deploy/first-deployment, with test/e2e/stack beside it), run by moto's
// Step Functions interpreter against moto's ECS, S3, SSM, EventBridge and Step Functions, the
// test acting as the data-prep container. Each outcome is then run again in our own executor
// (test/models/sfn-executor) with the same definition and the same service answers, read from moto's
// history: both must enter the same states and end the same way, with the same event.
import { LIFECYCLE_TIMEOUT_MS } from "../deploy/support/expected";
import { Deployment } from "../deploy/support/lifecycle";
import { describeWithMoto } from "../deploy/support/suite";
import { type Deployed, DeployedWorkflow, type MotoRun, type Scenario } from "./support/deployed-workflow";
import { byBranch, replay } from "./support/history";
import { execute, type ExecutionResult } from "../models/sfn-executor/harness";
import { type MotoWorld, openWorld, readModule } from "../deploy/support/world";
import { copyStack } from "../support/terraform/working-copy";
import type { StateMachineDefinition } from "../../src/workflow/asl";

const SUCCEEDS = { exitCode: 0, writesLowVolume: true } as const;

/** Every outcome docs/workflow.md promises, in the order they run: the last one breaks the cluster. */
const SCENARIOS = {
  "both models fine-tuned": { input: { BatchID: "2026011508" }, container: SUCCEEDS },
  "no low-volume data: the general model only": {
    input: { BatchID: "2026011509" },
    container: { exitCode: 0, writesLowVolume: false },
  },
  "no BatchID: the execution's start hour": { input: {}, container: SUCCEEDS },
  "an invalid BatchID": { input: { BatchID: "tomorrow" } },
  "the image version missing from SSM": { input: { BatchID: "2026011510" } },
  "a data-prep container that exits non-zero": {
    input: { BatchID: "2026011511" },
    container: { exitCode: 3, writesLowVolume: true },
  },
  "a child fine-tune that fails": {
    input: { BatchID: "2026011512" },
    container: { exitCode: 0, writesLowVolume: false },
  },
  "RunTask refused": { input: { BatchID: "2026011513" } },
} satisfies Record<string, Scenario>;
type Name = keyof typeof SCENARIOS;

/** The first states of every run that gets as far as the data. */
const PREPARED = ["Init", "LoadImageVersions", "CheckConfiguration", "RegisterTaskDefinition", "RunDataPrep"];

describeWithMoto("the workflow, end to end in moto's interpreter", (toolchain) => {
  let world: MotoWorld;
  let workflow: DeployedWorkflow;
  let definition: StateMachineDefinition;
  const runs = new Map<Name, MotoRun>();
  const replays = new Map<Name, ExecutionResult>();

  beforeAll(async () => {
    world = await openWorld(toolchain(), { execute: true });
    const { moto, sandbox } = world;
    const cwd = await copyStack(sandbox.root, "test/deploy/first-deployment", readModule(), toolchain(), [
      { from: "test/e2e/stack/observers.tf", to: "observers.tf" },
    ]);
    const deployment = new Deployment(sandbox, cwd, moto);
    await deployment.init();
    await deployment.apply();
    const outputs = await deployment.outputs();
    const deployed: Deployed = {
      stateMachineArn: outputs.state_machine_arn as string,
      eventsLogGroup: outputs.events_log_group as string,
      clusterName: outputs.cluster_name as string,
      bucketName: outputs.bucket_name as string,
      dataPrepVersionParameter: outputs.data_prep_version_parameter as string,
      children: outputs.children as Deployed["children"],
    };
    workflow = new DeployedWorkflow(moto, deployed);
    await workflow.holdTasksUntilStopped();
    definition = await workflow.definition();

    // Where a scenario's world differs from the one deployed, what its run is wrapped in.
    const around: Partial<Record<Name, (run: () => Promise<MotoRun>) => Promise<MotoRun>>> = {
      "the image version missing from SSM": (run) => workflow.withoutImageVersion(run),
      "a child fine-tune that fails": (run) => workflow.withFailingChild(run),
      "RunTask refused": async (run) => {
        await workflow.deleteCluster();
        return run();
      },
    };
    for (const name of Object.keys(SCENARIOS) as Name[]) {
      const run = () => workflow.run(SCENARIOS[name]);
      const wrap = around[name];
      const recorded = wrap ? await wrap(run) : await run();
      runs.set(name, recorded);
      replays.set(
        name,
        await execute(definition, {
          handler: replay(recorded.outcomes),
          input: SCENARIOS[name].input,
          executionArn: recorded.executionArn,
          executionName: recorded.executionArn.split(":").pop(),
          stateMachineArn: deployed.stateMachineArn,
          startTime: recorded.startDate.toISOString(),
        }),
      );
    }
  }, LIFECYCLE_TIMEOUT_MS);

  afterAll(async () => {
    workflow?.destroy();
    await world?.close();
  });

  const outcome = (name: Name) => {
    const run = runs.get(name)!;
    return { status: run.status, error: run.error, cause: run.cause };
  };
  const states = (name: Name) => byBranch(runs.get(name)!.statesEntered, definition);
  const child = (machine: string, batchId: string, parent: string) => ({
    machine,
    input: { StatePayload: { BatchID: batchId }, AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID: parent },
  });

  describe("as moto's interpreter runs it", () => {
    test("both models fine-tuned: SUCCEEDED, finetune-complete, both children started, the revision deregistered", () => {
      const run = runs.get("both models fine-tuned")!;
      expect(outcome("both models fine-tuned")).toEqual({ status: "SUCCEEDED", error: undefined, cause: undefined });
      expect(states("both models fine-tuned")).toEqual({
        main: [...PREPARED, "DeregisterTaskDefinition", "FineTune", "NotifyComplete"],
        branches: {
          "FineTune/1": ["FineTuneGeneral"],
          "FineTune/2": ["FindLowVolumeData", "LowVolumeDataExists", "FineTuneLowVolume"],
        },
      });
      expect(run.events).toEqual([{ detailType: "finetune-complete", detail: { batch_id: "2026011508" } }]);
      expect(run.children).toEqual([
        child("general", "2026011508", run.executionArn),
        child("low_volume", "2026011508", run.executionArn),
      ]);
      expect(run.revisionStatus).toBe("INACTIVE");
    });

    test("no low-volume data: SUCCEEDED with the general model only", () => {
      const run = runs.get("no low-volume data: the general model only")!;
      expect(outcome("no low-volume data: the general model only")).toEqual({
        status: "SUCCEEDED",
        error: undefined,
        cause: undefined,
      });
      expect(states("no low-volume data: the general model only").branches).toEqual({
        "FineTune/1": ["FineTuneGeneral"],
        "FineTune/2": ["FindLowVolumeData", "LowVolumeDataExists", "NoLowVolumeData"],
      });
      expect(run.events).toEqual([{ detailType: "finetune-complete", detail: { batch_id: "2026011509" } }]);
      expect(run.children).toEqual([child("general", "2026011509", run.executionArn)]);
      expect(run.revisionStatus).toBe("INACTIVE");
    });

    test("no BatchID: the batch is the hour the execution started, in UTC", () => {
      const run = runs.get("no BatchID: the execution's start hour")!;
      const hour = run.startDate.toISOString().slice(0, 13).replace(/[-T]/g, "");
      expect(outcome("no BatchID: the execution's start hour").status).toBe("SUCCEEDED");
      expect(run.events).toEqual([{ detailType: "finetune-complete", detail: { batch_id: hour } }]);
      expect(run.children).toEqual([
        child("general", hour, run.executionArn),
        child("low_volume", hour, run.executionArn),
      ]);
      expect(run.revisionStatus).toBe("INACTIVE");
    });

    test("an invalid BatchID: FAILED before anything is registered", () => {
      const run = runs.get("an invalid BatchID")!;
      expect(outcome("an invalid BatchID")).toEqual({
        status: "FAILED",
        error: "FinetuneWorkflow.InvalidBatchID",
        cause: 'BatchID must be 10 digits (YYYYMMDDHH), got "tomorrow".',
      });
      expect(states("an invalid BatchID").main).toEqual([
        "Init",
        "LoadImageVersions",
        "CheckConfiguration",
        "InvalidBatchID",
        "NotifyFailure",
        "Failed",
      ]);
      expect(run.events).toEqual([
        {
          detailType: "finetune-failed",
          detail: {
            batch_id: "tomorrow",
            state: "CheckConfiguration",
            error: "FinetuneWorkflow.InvalidBatchID",
            cause: run.cause,
          },
        },
      ]);
      expect([run.children, run.revisionStatus]).toEqual([[], undefined]);
    });

    test("the image version missing from SSM: FAILED before anything is registered, naming the parameter", () => {
      const run = runs.get("the image version missing from SSM")!;
      expect(outcome("the image version missing from SSM")).toEqual({
        status: "FAILED",
        error: "FinetuneWorkflow.MissingImageVersion",
        cause: "SSM parameter /gata-first/images/version-data-prep not found: it holds the data-prep image version.",
      });
      expect(states("the image version missing from SSM").main.slice(-3)).toEqual([
        "MissingImageVersion",
        "NotifyFailure",
        "Failed",
      ]);
      expect(run.events).toEqual([
        {
          detailType: "finetune-failed",
          detail: {
            batch_id: "2026011510",
            state: "CheckConfiguration",
            error: "FinetuneWorkflow.MissingImageVersion",
            cause: run.cause,
          },
        },
      ]);
      expect([run.children, run.revisionStatus]).toEqual([[], undefined]);
    });

    test("a data-prep container that exits non-zero: FAILED with FinetuneWorkflow.TaskFailed, the revision deregistered", () => {
      const run = runs.get("a data-prep container that exits non-zero")!;
      expect(outcome("a data-prep container that exits non-zero")).toEqual({
        status: "FAILED",
        error: "FinetuneWorkflow.TaskFailed",
        cause: expect.stringMatching(/^States\.TaskFailed: \{.*"ExitCode": 3/),
      });
      expect(states("a data-prep container that exits non-zero").main).toEqual([
        ...PREPARED,
        "DeregisterAfterFailure",
        "NotifyFailure",
        "Failed",
      ]);
      const [event] = run.events;
      expect(run.events).toHaveLength(1);
      expect(event.detail).toEqual({
        batch_id: "2026011511",
        state: "RunDataPrep",
        error: "States.TaskFailed",
        cause: run.cause!.slice("States.TaskFailed: ".length),
      });
      expect([run.children, run.revisionStatus]).toEqual([[], "INACTIVE"]);
    });

    test("a child fine-tune that fails: FAILED through the failure path, naming FineTune", () => {
      const run = runs.get("a child fine-tune that fails")!;
      expect(outcome("a child fine-tune that fails")).toEqual({
        status: "FAILED",
        error: "FinetuneWorkflow.TaskFailed",
        cause: expect.stringMatching(/^States\.TaskFailed: .*ModelTrainingFailed/),
      });
      expect(states("a child fine-tune that fails").main).toEqual([
        ...PREPARED,
        "DeregisterTaskDefinition",
        "FineTune",
        "NotifyFailure",
        "Failed",
      ]);
      expect(run.events.map((e) => [e.detailType, e.detail.state, e.detail.error])).toEqual([
        ["finetune-failed", "FineTune", "States.TaskFailed"],
      ]);
      expect(run.children).toEqual([child("general", "2026011512", run.executionArn)]);
      expect(run.revisionStatus).toBe("INACTIVE");
    });

    test("RunTask refused: FAILED after the revision is deregistered, naming RunDataPrep and ECS's error", () => {
      const run = runs.get("RunTask refused")!;
      // ECS's exception under the integration's ECS. prefix, as AWS names it (the "Errors of the
      // optimized ECS integration" workaround in test/deploy/support/moto/workarounds.py).
      expect(outcome("RunTask refused")).toEqual({
        status: "FAILED",
        error: "ECS.ClusterNotFoundException",
        cause: "Cluster not found.",
      });
      expect(states("RunTask refused").main).toEqual([
        ...PREPARED,
        "DeregisterAfterFailure",
        "NotifyFailure",
        "Failed",
      ]);
      expect(run.events.map((e) => [e.detailType, e.detail.state, e.detail.error])).toEqual([
        ["finetune-failed", "RunDataPrep", "ECS.ClusterNotFoundException"],
      ]);
      expect([run.children, run.revisionStatus]).toEqual([[], "INACTIVE"]);
    });
  });

  describe.each(Object.keys(SCENARIOS) as Name[])("%s, replayed in our executor", (name) => {
    test("enters the same states, in the same order within each branch", () => {
      expect(byBranch(replays.get(name)!.statesEntered, definition)).toEqual(states(name));
    });

    test("ends with the same status, error and cause", () => {
      const ours = replays.get(name)!;
      expect({ status: ours.status, error: ours.error, cause: ours.cause }).toEqual(outcome(name));
    });

    test("sends the same event", () => {
      const sent = replays
        .get(name)!
        .calls.filter((c) => c.resource.endsWith(":events:putEvents"))
        .map((c) => (c.arguments as { Entries: { DetailType: string; Detail: unknown }[] }).Entries[0])
        .map((entry) => ({ detailType: entry.DetailType, detail: entry.Detail }));
      expect(sent).toEqual(runs.get(name)!.events);
    });
  });
});

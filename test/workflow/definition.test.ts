/**
 * The definition is valid ASL, both as the builder returns it and as the module synthesizes it,
 * and each Task retries exactly the transient errors it should. asl-validator costs ~0.4 s a
 * call, so it runs twice here and nowhere else.
 */
import { Testing } from "cdktf";
import { FinetuneWorkflowModule } from "../../src/module-stack";
import type { Branch, State } from "../../src/workflow/asl";
import { buildWorkflowDefinition } from "../../src/workflow/definition";
import { aslErrors } from "../support/sfn/asl-validator";
import { fillInterpolations, SAMPLE_INPUT } from "./fixtures";

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
    const synthesized = JSON.parse(Testing.synth(new FinetuneWorkflowModule(Testing.app(), "finetune-workflow")));
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
    expect(retried).toEqual({
      LoadImageVersions: ["Ssm.ThrottlingException", "Ssm.SsmException", "Ssm.InternalServerErrorException", "States.Timeout"],
      RegisterTaskDefinition: ["Ecs.EcsException", "Ecs.ServerException"],
      RunDataPrep: ["ECS.AmazonECSException", "AmazonECS.Unknown"],
      DeregisterTaskDefinition: ["Ecs.EcsException", "Ecs.ServerException", "States.Timeout"],
      DeregisterAfterFailure: ["Ecs.EcsException", "Ecs.ServerException", "States.Timeout"],
      FineTuneGeneral: ["StepFunctions.ExecutionLimitExceeded"],
      FindLowVolumeData: ["S3.S3Exception", "States.Timeout"],
      FineTuneLowVolume: ["StepFunctions.ExecutionLimitExceeded"],
      NotifyComplete: ["EventBridge.FailedEntry", "EventBridge.AmazonEventBridgeException"],
      NotifyFailure: ["EventBridge.FailedEntry", "EventBridge.AmazonEventBridgeException"],
    });
  });

  test("every retrier backs off exponentially, capped, with full jitter, and never retries a failed task", () => {
    for (const [, state] of allStates(definition)) {
      if (state.Type !== "Task") continue;
      for (const retrier of state.Retry ?? []) {
        expect(retrier).toMatchObject({ IntervalSeconds: 2, MaxAttempts: 6, BackoffRate: 2, MaxDelaySeconds: 60, JitterStrategy: "FULL" });
        expect(retrier.ErrorEquals).not.toContain("States.ALL");
        expect(retrier.ErrorEquals).not.toContain("States.TaskFailed");
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

  test("every top-level Task and Parallel catches everything; only the failure path itself does not report", () => {
    const catchers = Object.entries(definition.States)
      .filter(([, state]) => state.Type === "Task" || state.Type === "Parallel")
      .map(([name, state]) => [name, (state.Type === "Task" || state.Type === "Parallel") && state.Catch?.map((c) => [c.ErrorEquals, c.Next])]);
    expect(Object.fromEntries(catchers)).toEqual({
      LoadImageVersions: [[["States.ALL"], "NotifyFailure"]],
      RegisterTaskDefinition: [[["States.ALL"], "NotifyFailure"]],
      RunDataPrep: [[["States.ALL"], "DeregisterAfterFailure"]],
      DeregisterTaskDefinition: [[["States.ALL"], "NotifyFailure"]],
      DeregisterAfterFailure: [[["States.ALL"], "NotifyFailure"]],
      FineTune: [[["States.ALL"], "NotifyFailure"]],
      NotifyComplete: [[["States.ALL"], "NotifyFailure"]],
      NotifyFailure: [[["States.ALL"], "Failed"]],
    });
  });
});

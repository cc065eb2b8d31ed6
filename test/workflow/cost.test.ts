/**
 * What a run costs: Standard workflows are billed per state transition, so the happy path's
 * count is the price of a batch, and error handling must not add to it.
 * @see https://aws.amazon.com/step-functions/pricing/
 */
import * as fs from "fs";
import * as path from "path";
import type { Branch, State, StateMachineDefinition } from "../../src/workflow/asl";
import { buildWorkflowDefinition } from "../../src/workflow/definition";
import { execute, type ExecutionResult } from "../models/sfn-executor/harness";
import { printTable } from "../support/tables";
import {
  BATCH_ID,
  EXECUTION_ARN,
  FakeAws,
  listedObjects,
  type Responder,
  SAMPLE_INPUT,
  START_TIME,
} from "../support/workflow";

const WORKFLOW_DOC = path.resolve(__dirname, "../../docs/workflow.md");
const definition = buildWorkflowDefinition(SAMPLE_INPUT);

/** The same workflow with every Retry and Catch removed. */
function withoutErrorHandling(branch: Branch): Branch {
  const States = Object.fromEntries(
    Object.entries(branch.States).map(([name, state]): [string, State] => {
      if (state.Type !== "Task" && state.Type !== "Parallel") return [name, state];
      const { Retry: _retry, Catch: _catch, ...rest } = state;
      return [
        name,
        rest.Type === "Parallel" ? { ...rest, Branches: rest.Branches.map(withoutErrorHandling) } : rest,
      ] as [string, State];
    }),
  );
  return { ...branch, States };
}

async function happyPath(
  machine: StateMachineDefinition,
  overrides: Readonly<Record<string, Responder>> = {},
): Promise<ExecutionResult> {
  const result = await execute(machine, {
    handler: new FakeAws(overrides).handler,
    input: { BatchID: BATCH_ID },
    executionArn: EXECUTION_ARN,
    startTime: START_TIME,
  });
  expect(result.status).toBe("SUCCEEDED");
  return result;
}

/** The happy path with low-volume data: every state it enters. */
const HAPPY_PATH = [
  "Init",
  "LoadImageVersions",
  "CheckConfiguration",
  "RegisterTaskDefinition",
  "RunDataPrep",
  "DeregisterTaskDefinition",
  "FineTune",
  "FineTuneGeneral",
  "FindLowVolumeData",
  "LowVolumeDataExists",
  "FineTuneLowVolume",
  "NotifyComplete",
];

describe("state transitions per run", () => {
  test("the happy path costs 12 transitions, and error handling adds none", async () => {
    // WHEN
    const withLowVolume = await happyPath(definition);
    const withoutLowVolume = await happyPath(definition, {
      "s3:listObjectsV2": (args) => listedObjects(args.Prefix, []),
    });
    const bare = await happyPath({ ...definition, ...withoutErrorHandling(definition) } as StateMachineDefinition);

    // THEN
    printTable(
      [
        "State transitions per fine-tune run (one SSM page; each extra page adds 2):",
        "| Run | Transitions |",
        "|---|---|",
        `| Happy path, with low-volume data | ${withLowVolume.transitions} |`,
        `| Happy path, general model only | ${withoutLowVolume.transitions} |`,
        `| Same definition without Retry/Catch | ${bare.transitions} |`,
      ].join("\n"),
    );
    expect(withLowVolume.statesEntered).toEqual(HAPPY_PATH);
    expect(withLowVolume.transitions).toBe(HAPPY_PATH.length);
    expect(bare.statesEntered).toEqual(withLowVolume.statesEntered);
    expect(bare.transitions).toBe(withLowVolume.transitions);
    expect(withoutLowVolume.transitions).toBe(12);
  });

  test("docs/workflow.md states the happy path's count", async () => {
    const { transitions } = await happyPath(definition);
    expect(fs.readFileSync(WORKFLOW_DOC, "utf8")).toContain(`**${transitions} state transitions**`);
  });
});

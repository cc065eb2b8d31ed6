/**
 * Every failure path of the workflow, explored rather than sampled: the cases are generated from
 * the definition and the error catalog (exploration/cases.ts), every run is checked against every
 * invariant (exploration/invariants.ts), and copies broken on purpose show that each check fails
 * when it should (exploration/broken.ts).
 */
import * as fs from "fs";
import * as path from "path";
import { execute, type ExecutionResult } from "../models/sfn-executor/harness";
import { BATCH_ID, EXECUTION_ARN, SAMPLE_DEFINITION, START_TIME, STATE_MACHINE_ARN } from "../support/workflow";
import { BROKEN_COPIES } from "./exploration/broken";
import {
  errorOf,
  explore,
  type Exploration,
  faultsOf,
  isUncatchable,
  retrierIndex,
  taskStates,
} from "./exploration/cases";
import { INVARIANTS, violations, type Violation } from "./exploration/invariants";
import {
  HAPPY_PATH,
  type MockConfiguration,
  mockConfiguration,
  mockedHandler,
  testCaseName,
} from "./exploration/mock-config";
import { faultName, type Run } from "./exploration/run";

const MOCK_CONFIG = path.join(__dirname, "..", "..", "docs", "mock-config.json");
const WRITE_MOCK_CONFIG = "FINETUNE_WRITE_MOCK_CONFIG";

const all = (exploration: Exploration): Run[] => [
  exploration.happy,
  ...exploration.singles,
  ...exploration.refused,
  ...exploration.pairs,
];

describe("every failure path, explored", () => {
  let exploration: Exploration;
  let found: Violation[];
  beforeAll(async () => {
    exploration = await explore(SAMPLE_DEFINITION);
    found = all(exploration).flatMap((run) => violations(SAMPLE_DEFINITION, run));
  });

  test("every Task a successful run enters meets every error and malformed answer of its integration, persisting and once", () => {
    const tasks = taskStates(SAMPLE_DEFINITION);
    const entered = new Set(exploration.happy.result?.statesEntered);
    const faults = [...tasks]
      .filter(([name]) => entered.has(name))
      .flatMap(([name, state]) => faultsOf(state).map((fault) => `${name} ${faultName(fault)}`));
    const injected = exploration.singles.map(
      ({
        scenario: {
          injections: [{ state, fault }],
        },
      }) => `${state} ${faultName(fault)}`,
    );
    expect([...new Set(injected)]).toEqual(faults);
    // Once as well as persisting where the two differ: where the state retries the error, or
    // LoadImageVersions, which the paging enters again.
    const once = exploration.singles.filter((run) => run.scenario.injections[0].mode === "once");
    const retried = once.filter(
      ({
        scenario: {
          injections: [{ state, fault }],
        },
      }) => {
        const error = "error" in fault ? fault.error : "";
        return (
          state === "LoadImageVersions" ||
          (!isUncatchable(error) && retrierIndex(tasks.get(state)!, errorOf(fault)) >= 0)
        );
      },
    );
    expect(once).toEqual(retried);
    expect(exploration.singles).toHaveLength(faults.length + once.length);
    expect([...new Set(exploration.singles.map((run) => run.scenario.injections[0].state))]).toEqual([
      "LoadImageVersions",
      "RegisterTaskDefinition",
      "RunDataPrep",
      "DeregisterTaskDefinition",
      "FineTuneGeneral",
      "FindLowVolumeData",
      "FineTuneLowVolume",
      "NotifyComplete",
    ]);
  });

  test("every run that reaches the failure path is run again with each cleanup and notification state failing", () => {
    const second = new Set(exploration.pairs.map((run) => run.scenario.injections.at(-1)!.state));
    expect([...second].sort()).toEqual(["DeregisterAfterFailure", "NotifyFailure"]);
    expect(exploration.pairs.length).toBeGreaterThan(exploration.singles.length);
  });

  test.each(INVARIANTS)("%s, on every run", (invariant) => {
    expect(found.filter((violation) => violation.invariant === invariant)).toEqual([]);
  });

  describe("as a mock configuration file, docs/mock-config.json, for Step Functions Local, LocalStack or moto", () => {
    const MACHINE = STATE_MACHINE_ARN.split(":").pop()!;

    test("is the one generated from the definition and the error catalog", () => {
      const generated = `${JSON.stringify(mockConfiguration(SAMPLE_DEFINITION, exploration, MACHINE), null, 2)}\n`;
      // FINETUNE_WRITE_MOCK_CONFIG=1 npx jest test/workflow/failure-paths.test.ts writes it.
      if (process.env[WRITE_MOCK_CONFIG] === "1") fs.writeFileSync(MOCK_CONFIG, generated);
      expect(fs.readFileSync(MOCK_CONFIG, "utf8")).toBe(generated);
    });

    test("each test case runs in our executor as the exploration ran it", async () => {
      const config = JSON.parse(fs.readFileSync(MOCK_CONFIG, "utf8")) as MockConfiguration;
      const outcome = (result?: ExecutionResult) =>
        result && { status: result.status, error: result.error, cause: result.cause, states: result.statesEntered };
      const runs = [
        exploration.happy,
        ...exploration.singles.filter((run) => "error" in run.scenario.injections[0].fault),
      ];
      const differ: string[] = [];
      for (const run of runs) {
        const testCase = run === exploration.happy ? HAPPY_PATH : testCaseName(run);
        const mocked = await execute(SAMPLE_DEFINITION, {
          handler: mockedHandler(config, MACHINE, testCase),
          input: { BatchID: BATCH_ID },
          executionArn: EXECUTION_ARN,
          executionName: BATCH_ID,
          startTime: START_TIME,
          stateMachineArn: STATE_MACHINE_ARN,
        });
        if (JSON.stringify(outcome(mocked)) !== JSON.stringify(outcome(run.result))) differ.push(testCase);
      }
      expect(Object.keys(config.StateMachines[MACHINE].TestCases)).toHaveLength(runs.length);
      expect(differ).toEqual([]);
    });
  });
});

describe("each invariant can fail: a copy broken on purpose is caught", () => {
  test.each(BROKEN_COPIES.map((copy) => [copy.name, copy.caughtBy, copy] as const))(
    "%s: %s",
    async (_name, invariant, copy) => {
      // GIVEN
      const broken = copy.break(SAMPLE_DEFINITION);
      const reviewed = copy.reviewed === "original" ? SAMPLE_DEFINITION : broken;

      // WHEN the copy is explored around what it breaks, until the invariant fails
      const caught: Violation[] = [];
      await explore(broken, {
        around: copy.around,
        stop: (run) => {
          caught.push(...violations(reviewed, run).filter((violation) => violation.invariant === invariant));
          return caught.length > 0;
        },
      });

      // THEN
      expect(caught).not.toEqual([]);
    },
  );

  test("every invariant is shown failing by at least one copy", () => {
    expect(INVARIANTS.filter((invariant) => !BROKEN_COPIES.some((copy) => copy.caughtBy === invariant))).toEqual([]);
  });
});

/**
 * src/workflow/timeouts.ts: the exact timeouts (Stryker has no numeric-literal mutator, so each
 * number is pinned here), the longest-path computation on small definitions, and the backstop
 * the workflow's own definition gets from it.
 */
import type { Branch, Retrier, StateMachineDefinition } from "../../src/workflow/asl";
import { buildWorkflowDefinition, executionTimeoutFor } from "../../src/workflow/definition";
import {
  DEFAULT_DATA_PREP_TIMEOUT,
  DEFAULT_FINE_TUNE_TIMEOUT,
  EXECUTION_TIMEOUT_MARGIN_SECONDS,
  executionTimeoutSeconds,
  longestPathSeconds,
  MAX_EXECUTION_SECONDS,
  MAX_IMAGE_PAGES,
  SDK_CALL_TIMEOUT_SECONDS,
} from "../../src/workflow/timeouts";
import { SAMPLE_INPUT } from "../support/workflow";

const retrier = (maxAttempts: number): Retrier => ({
  ErrorEquals: ["X"],
  IntervalSeconds: 2,
  MaxAttempts: maxAttempts,
  BackoffRate: 2,
  MaxDelaySeconds: 5,
  JitterStrategy: "FULL",
});
const task = (timeout: number | undefined, then: { Next: string } | { End: true }, retry: Retrier[] = []) =>
  ({
    Type: "Task",
    Resource: "arn:aws:states:::aws-sdk:s3:listObjectsV2",
    Arguments: {},
    TimeoutSeconds: timeout,
    Retry: retry,
    ...then,
  }) as const;

describe("the timeouts", () => {
  test("are exactly the documented values", () => {
    expect({
      sdk: SDK_CALL_TIMEOUT_SECONDS,
      dataPrep: DEFAULT_DATA_PREP_TIMEOUT.toSeconds(),
      fineTune: DEFAULT_FINE_TUNE_TIMEOUT.toSeconds(),
      pages: MAX_IMAGE_PAGES,
      margin: EXECUTION_TIMEOUT_MARGIN_SECONDS,
      year: MAX_EXECUTION_SECONDS,
    }).toEqual({ sdk: 60, dataPrep: 14400, fineTune: 86400, pages: 10, margin: 3600, year: 31536000 });
  });
});

describe("longestPathSeconds", () => {
  test("a Task takes every attempt's timeout plus every retry's capped wait", () => {
    // GIVEN a 10 s Task retried 4 times after 2, 4, 5 (capped), 5 (capped) seconds
    const branch: Branch = { StartAt: "A", States: { A: task(10, { End: true }, [retrier(4)]) } };

    // THEN 5 attempts × 10 s + 16 s of waits
    expect(longestPathSeconds(branch, 1)).toBe(66);
  });

  test("each retrier adds its own attempts and waits", () => {
    const branch: Branch = { StartAt: "A", States: { A: task(10, { End: true }, [retrier(1), retrier(2)]) } };
    // 4 attempts × 10 s; waits 2 + (2 + 4)
    expect(longestPathSeconds(branch, 1)).toBe(48);
  });

  test("a Task without TimeoutSeconds may wait AWS's default of 99999999 s", () => {
    const branch: Branch = { StartAt: "A", States: { A: task(undefined, { End: true }) } };
    expect(longestPathSeconds(branch, 1)).toBe(99999999);
  });

  test("the longest of Next, Choice and Catch edges wins, and a Parallel takes its slowest branch", () => {
    // GIVEN A (1 s) → Choice → B (5 s) or Par (max(7, 2 + 3) = 7 s); B catches into C (100 s)
    const branch: Branch = {
      StartAt: "A",
      States: {
        A: task(1, { Next: "Pick" }),
        Pick: { Type: "Choice", Choices: [{ Condition: "{% true %}", Next: "B" }], Default: "Par" },
        B: { ...task(5, { Next: "Done" }), Catch: [{ ErrorEquals: ["States.ALL"], Next: "C" }] },
        C: task(100, { End: true }),
        Par: {
          Type: "Parallel",
          Branches: [
            { StartAt: "P1", States: { P1: task(7, { End: true }) } },
            { StartAt: "P2", States: { P2: task(2, { Next: "P3" }), P3: task(3, { End: true }) } },
          ],
          Next: "Done",
        },
        Done: { Type: "Succeed" },
      },
    };

    // THEN A → Pick → B → (caught) → C
    expect(longestPathSeconds(branch, 1)).toBe(1 + 5 + 100);
  });

  test("a Parallel takes as long as its slowest branch, not the sum of its branches", () => {
    const branch: Branch = {
      StartAt: "Par",
      States: {
        Par: {
          Type: "Parallel",
          Branches: [
            { StartAt: "P1", States: { P1: task(7, { End: true }) } },
            { StartAt: "P2", States: { P2: task(2, { Next: "P3" }), P3: task(4, { End: true }) } },
          ],
          End: true,
        },
      },
    };
    expect(longestPathSeconds(branch, 1)).toBe(7);
  });

  test("a retried Parallel runs all its branches again on each attempt, after each retry's wait", () => {
    // GIVEN a Parallel whose slowest branch takes 10 s, retried once after 2 s
    const branch: Branch = {
      StartAt: "Par",
      States: {
        Par: {
          Type: "Parallel",
          Branches: [{ StartAt: "P1", States: { P1: task(10, { End: true }) } }],
          Retry: [retrier(1)],
          End: true,
        },
      },
    };
    // THEN 2 attempts × 10 s + 2 s
    expect(longestPathSeconds(branch, 1)).toBe(22);
  });

  test("a Parallel's catchers are edges too", () => {
    // GIVEN a 1 s Parallel that ends, or is caught into a 100 s Task
    const branch: Branch = {
      StartAt: "Par",
      States: {
        Par: {
          Type: "Parallel",
          Branches: [{ StartAt: "P1", States: { P1: task(1, { End: true }) } }],
          Catch: [{ ErrorEquals: ["States.ALL"], Next: "Recover" }],
          End: true,
        },
        Recover: task(100, { End: true }),
      },
    };
    // THEN the caught path is the longest
    expect(longestPathSeconds(branch, 1)).toBe(101);
  });

  test("a loop counts each state at most maxVisits times", () => {
    // GIVEN Load (3 s) loops through Check until it stops
    const branch: Branch = {
      StartAt: "Load",
      States: {
        Load: task(3, { Next: "Check" }),
        Check: { Type: "Choice", Choices: [{ Condition: "{% $more %}", Next: "Load" }], Default: "Done" },
        Done: { Type: "Succeed" },
      },
    };
    expect([1, 2, 5].map((visits) => longestPathSeconds(branch, visits))).toEqual([3, 6, 15]);
  });

  test("a definition with no path that ends within the visits is refused", () => {
    const branch: Branch = {
      StartAt: "Load",
      States: { Load: task(3, { Next: "Check" }), Check: { Type: "Choice", Choices: [], Default: "Load" } },
    };
    expect(() => longestPathSeconds(branch, 2)).toThrow(
      "No path through the definition ends within 2 visits per state.",
    );
  });
});

describe("the workflow's backstop", () => {
  const definition = buildWorkflowDefinition(SAMPLE_INPUT);

  /** Every Task of the definition, the Parallel's branches included. */
  function tasks(branch: Branch): [string, number | undefined][] {
    return Object.entries(branch.States).flatMap(([name, state]): [string, number | undefined][] => {
      if (state.Type === "Task") return [[name, state.TimeoutSeconds]];
      if (state.Type === "Parallel") return state.Branches.flatMap(tasks);
      return [];
    });
  }

  test("every Task has its own TimeoutSeconds", () => {
    expect(Object.fromEntries(tasks(definition))).toEqual({
      LoadImageVersions: 60,
      RegisterTaskDefinition: 60,
      RunDataPrep: 14400,
      DeregisterTaskDefinition: 60,
      DeregisterAfterFailure: 60,
      FineTuneGeneral: 86400,
      FindLowVolumeData: 60,
      FineTuneLowVolume: 86400,
      NotifyComplete: 60,
      NotifyFailure: 60,
    });
  });

  test("the longest path is 10 SSM pages, registration, data prep, deregistration, both children in turn and one event", () => {
    // Each Task: 7 attempts (1 + 6 retries) × its timeout + 2 + 4 + 8 + 16 + 32 + 60 = 122 s of waits.
    // After the children, one event: the completion event fails the execution when it cannot be
    // sent, and the failure event is the only one sent after a failure.
    const sdk = 7 * 60 + 122;
    const expected = 10 * sdk + sdk + (7 * 14400 + 122) + sdk + (sdk + 7 * 86400 + 122) + sdk;
    expect(longestPathSeconds(definition, MAX_IMAGE_PAGES)).toBe(expected);
    expect(expected).toBe(713432);
  });

  test("the execution times out after the longest path plus at least an hour, in whole hours: 200 h", () => {
    expect(definition.TimeoutSeconds).toBe(720000);
    expect(definition.TimeoutSeconds - longestPathSeconds(definition, MAX_IMAGE_PAGES)).toBeGreaterThanOrEqual(3600);
    expect(executionTimeoutSeconds(definition)).toBe(definition.TimeoutSeconds);
  });

  test("it follows the configured timeouts", () => {
    // GIVEN a 1 h data prep and 2 h fine-tunes: 7 × 3 h fewer for data prep, 7 × 22 h fewer for the children
    const custom: StateMachineDefinition = buildWorkflowDefinition({
      ...SAMPLE_INPUT,
      dataPrepTimeoutSeconds: 3600,
      fineTuneTimeoutSeconds: 7200,
    });
    const longest = 713432 - 7 * 3 * 3600 - 7 * 22 * 3600;
    expect(longestPathSeconds(custom, MAX_IMAGE_PAGES)).toBe(longest);
    expect(custom.TimeoutSeconds).toBe(Math.ceil((longest + 3600) / 3600) * 3600);
    expect(executionTimeoutFor({ dataPrepTimeoutSeconds: 3600, fineTuneTimeoutSeconds: 7200 })).toBe(
      custom.TimeoutSeconds,
    );
  });
});

import type { StateMachineDefinition } from "../../../src/workflow/asl";
import { DelayedAnswer, delayed, SfnError } from "../../models/sfn-executor/harness";
import { byBranch, type HistoryEvent, readHistory, replay } from "./history";

/** Two branches' Tasks, interleaved as a real history has them, one retried after a failure. */
const at = (seconds: number) => new Date(Date.UTC(2026, 0, 15, 8, 0, seconds));
const HISTORY: HistoryEvent[] = [
  { id: 1, timestamp: at(0), type: "ExecutionStarted" },
  {
    id: 2,
    timestamp: at(0),
    previousEventId: 1,
    type: "ParallelStateEntered",
    stateEnteredEventDetails: { name: "Fork" },
  },
  { id: 3, timestamp: at(0), previousEventId: 2, type: "TaskStateEntered", stateEnteredEventDetails: { name: "Left" } },
  {
    id: 4,
    timestamp: at(0),
    previousEventId: 2,
    type: "TaskStateEntered",
    stateEnteredEventDetails: { name: "Right" },
  },
  {
    id: 5,
    timestamp: at(1),
    previousEventId: 3,
    type: "TaskScheduled",
    taskScheduledEventDetails: { parameters: '{"Key":"left"}' },
  },
  { id: 6, timestamp: at(1), previousEventId: 4, type: "TaskScheduled" },
  {
    id: 7,
    timestamp: at(2),
    previousEventId: 6,
    type: "TaskFailed",
    taskFailedEventDetails: { error: "S3.S3Exception", cause: "slow down" },
  },
  {
    id: 8,
    timestamp: at(4),
    previousEventId: 5,
    type: "TaskSucceeded",
    taskSucceededEventDetails: { output: '{"left":1}' },
  },
  { id: 9, timestamp: at(6), previousEventId: 7, type: "TaskScheduled" },
  {
    id: 10,
    timestamp: at(7),
    previousEventId: 9,
    type: "TaskSucceeded",
    taskSucceededEventDetails: { output: '{"right":2}' },
  },
];

describe("readHistory", () => {
  test("lists the states entered, and each Task's outcomes in order, by the state its events lead back to", () => {
    // WHEN
    const read = readHistory(HISTORY);

    // THEN
    expect(read.statesEntered).toEqual(["Fork", "Left", "Right"]);
    expect(Object.fromEntries(read.outcomes)).toEqual({
      Left: [{ seconds: 3, result: { left: 1 } }],
      Right: [
        { seconds: 1, error: "S3.S3Exception", cause: "slow down" },
        { seconds: 1, result: { right: 2 } },
      ],
    });
    expect(Object.fromEntries(read.scheduled)).toEqual({ Left: [{ Key: "left" }], Right: [undefined, undefined] });
  });

  test("refuses an event that leads back to no state", () => {
    expect(() =>
      readHistory([{ id: 1, timestamp: at(0), type: "TaskSucceeded", taskSucceededEventDetails: { output: "{}" } }]),
    ).toThrow("History event 1 (TaskSucceeded) leads back to no state.");
  });
});

describe("replay", () => {
  test("answers each state's calls with its outcomes in order, each after the time it took, failing where it failed", () => {
    // GIVEN
    const handler = replay(readHistory(HISTORY).outcomes);
    const call = (stateName: string, attempt: number) => ({ stateName, resource: "r", arguments: {}, attempt });

    // WHEN / THEN
    expect(handler(call("Right", 1))).toEqual(delayed(1, new SfnError("S3.S3Exception", "slow down")));
    expect(handler(call("Right", 2))).toEqual(delayed(1, { right: 2 }));
    expect(handler(call("Left", 1))).toEqual(delayed(3, { left: 1 }));
  });

  test("never answers a call the history has no outcome for, as a stopped branch's Task never was", () => {
    // GIVEN
    const handler = replay(readHistory(HISTORY).outcomes);

    // WHEN Left's one outcome is used, and Left is called again
    handler({ stateName: "Left", resource: "r", arguments: {}, attempt: 1 });
    const answer = handler({ stateName: "Left", resource: "r", arguments: {}, attempt: 2 });

    // THEN
    expect(answer).toEqual(new DelayedAnswer(Infinity, undefined));
  });
});

describe("byBranch", () => {
  test("splits the states entered into those outside branches and each branch's own, in order", () => {
    // GIVEN
    const definition = {
      StartAt: "Fork",
      States: {
        Fork: {
          Type: "Parallel",
          Branches: [
            { StartAt: "Left", States: { Left: { Type: "Succeed" } } },
            { StartAt: "Right", States: { Right: { Type: "Pass", Next: "Again" }, Again: { Type: "Succeed" } } },
          ],
          Next: "Done",
        },
        Done: { Type: "Succeed" },
      },
    } as unknown as StateMachineDefinition;

    // WHEN / THEN
    expect(byBranch(["Fork", "Right", "Left", "Again", "Done"], definition)).toEqual({
      main: ["Fork", "Done"],
      branches: { "Fork/1": ["Left"], "Fork/2": ["Right", "Again"] },
    });
  });
});

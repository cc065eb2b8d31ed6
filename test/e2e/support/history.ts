/**
 * What an execution's history says happened: the states it entered, and each Task's outcome as
 * the service returned it, so that another interpreter can be given exactly the same answers.
 * Test code only.
 * https://docs.aws.amazon.com/step-functions/latest/apireference/API_GetExecutionHistory.html
 */
import type { StateMachineDefinition } from "../../../src/workflow/asl";
import { delayed, hang, SfnError, type TaskHandler } from "../../models/sfn-executor/harness";

/** The parts of a HistoryEvent read here. */
export interface HistoryEvent {
  readonly id: number;
  readonly timestamp?: Date;
  readonly previousEventId?: number;
  readonly type?: string;
  readonly stateEnteredEventDetails?: { readonly name?: string };
  readonly taskScheduledEventDetails?: { readonly parameters?: string };
  readonly taskSucceededEventDetails?: { readonly output?: string };
  readonly taskFailedEventDetails?: { readonly error?: string; readonly cause?: string };
}

/** A Task's answer: the service's result, or the error it failed with, and how long it took to come. */
export type TaskOutcome = { readonly seconds: number } & (
  { readonly result: unknown } | { readonly error?: string; readonly cause?: string }
);

export interface ReadHistory {
  /** Every state entered, in the order of the history's events. */
  readonly statesEntered: readonly string[];
  /** Each Task state's outcomes, attempt after attempt. */
  readonly outcomes: ReadonlyMap<string, readonly TaskOutcome[]>;
  /** Each Task state's arguments, attempt after attempt, as its TaskScheduled events give them. */
  readonly scheduled: ReadonlyMap<string, readonly unknown[]>;
}

/** The first event of `type` that `event`'s previousEventId chain leads back to. */
function backTo(
  event: HistoryEvent,
  byId: ReadonlyMap<number, HistoryEvent>,
  type: (t: string) => boolean,
): HistoryEvent {
  for (let at: HistoryEvent | undefined = event; at; at = byId.get(at.previousEventId ?? -1)) {
    if (at.type !== undefined && type(at.type)) return at;
  }
  throw new Error(`History event ${event.id} (${event.type}) leads back to no state.`);
}

export function readHistory(events: readonly HistoryEvent[]): ReadHistory {
  const byId = new Map(events.map((event) => [event.id, event]));
  const statesEntered: string[] = [];
  const outcomes = new Map<string, TaskOutcome[]>();
  const scheduled = new Map<string, unknown[]>();
  const stateOf = (event: HistoryEvent) =>
    backTo(event, byId, (type) => type.endsWith("StateEntered")).stateEnteredEventDetails!.name!;
  const record = (event: HistoryEvent, answer: { result: unknown } | { error?: string; cause?: string }) => {
    const state = stateOf(event);
    const start = backTo(event, byId, (type) => type === "TaskScheduled");
    const seconds = (event.timestamp!.getTime() - start.timestamp!.getTime()) / 1000;
    outcomes.set(state, [...(outcomes.get(state) ?? []), { seconds, ...answer }]);
  };
  for (const event of events) {
    if (event.type?.endsWith("StateEntered")) statesEntered.push(event.stateEnteredEventDetails!.name!);
    if (event.type === "TaskSucceeded") record(event, { result: JSON.parse(event.taskSucceededEventDetails!.output!) });
    if (event.type === "TaskFailed") record(event, { ...event.taskFailedEventDetails });
    if (event.type === "TaskScheduled") {
      const parameters = event.taskScheduledEventDetails?.parameters;
      const state = stateOf(event);
      scheduled.set(state, [
        ...(scheduled.get(state) ?? []),
        parameters === undefined ? undefined : JSON.parse(parameters),
      ]);
    }
  }
  return { statesEntered, outcomes, scheduled };
}

/**
 * A handler for our executor (test/models/sfn-executor) that gives each Task the outcomes the history
 * recorded for its state, in order, each after the time it took there: branches then interleave
 * as they did. A call the history has no outcome for never answers, as happened there: a branch
 * stopped while its Task waited. A call the recorded execution never made hangs the same way, so
 * the replay then ends TIMED_OUT, which no recorded run does.
 */
export function replay(outcomes: ReadonlyMap<string, readonly TaskOutcome[]>): TaskHandler {
  const next = new Map([...outcomes].map(([state, list]) => [state, [...list]]));
  return (call) => {
    const outcome = next.get(call.stateName)?.shift();
    if (outcome === undefined) return hang();
    return delayed(outcome.seconds, "result" in outcome ? outcome.result : new SfnError(outcome.error, outcome.cause));
  };
}

export interface StatesByBranch {
  /** The states outside any Parallel branch, in order. */
  readonly main: readonly string[];
  /** Each branch's states, in order, by `<Parallel state>/<branch number>`. */
  readonly branches: Readonly<Record<string, readonly string[]>>;
}

/**
 * `statesEntered` split by branch. Branches run at once, so two interpreters may interleave them
 * differently; within a branch, and outside every branch, the order is the definition's.
 */
export function byBranch(statesEntered: readonly string[], definition: StateMachineDefinition): StatesByBranch {
  const branchOf = new Map<string, string>();
  for (const [name, state] of Object.entries(definition.States)) {
    if (state.Type !== "Parallel") continue;
    state.Branches.forEach((branch, index) => {
      for (const inner of Object.keys(branch.States)) branchOf.set(inner, `${name}/${index + 1}`);
    });
  }
  const main: string[] = [];
  const branches: Record<string, string[]> = {};
  for (const state of statesEntered) {
    const branch = branchOf.get(state);
    if (branch === undefined) main.push(state);
    else (branches[branch] ??= []).push(state);
  }
  return { main, branches };
}

/**
 * What every run of the workflow must honour, whatever failed. Each check reads the reviewed
 * definition, the run's result and its log of calls, and says what it found wrong. Test code only.
 */
import type { StateMachineDefinition, TaskState } from "../../../src/workflow/asl";
import { COMPLETE_DETAIL_TYPE, FAILED_DETAIL_TYPE } from "../../../src/workflow/notify";
import { integrationOf } from "../../models/sfn-executor/integrations/catalog";
import { errorsOfTask, isUncatchable, retrierIndex, taskStates } from "./cases";
import type { LoggedCall, Run } from "./run";

export const INVARIANTS = [
  "the execution ends",
  "one verdict per batch",
  "every registered revision is deregistered",
  "no States.* name on a Fail state",
  "attempts match the Retry",
  "nothing non-retriable or non-idempotent is repeated",
  "no job starts after the failure event",
] as const;
export type Invariant = (typeof INVARIANTS)[number];

export interface Violation {
  readonly invariant: Invariant;
  readonly scenario: string;
  readonly detail: string;
}

/** The message the executor throws when a Fail state reports a name reserved for Step Functions. */
const RESERVED_NAME = /reserved for Step Functions' own errors/;
const RUNS_A_JOB = /\.sync(:\d+)?$/;

interface Entry {
  readonly state: string;
  readonly calls: LoggedCall[];
}

/** The log's calls grouped by state entry: a retry continues its entry, attempt 1 opens the next. */
function entriesOf(log: readonly LoggedCall[]): Entry[] {
  const entries: Entry[] = [];
  const open = new Map<string, Entry>();
  for (const call of log) {
    let entry = open.get(call.state);
    if (call.attempt === 1 || entry === undefined) {
      entry = { state: call.state, calls: [] };
      entries.push(entry);
      open.set(call.state, entry);
    }
    entry.calls.push(call);
  }
  return entries;
}

function detailType(call: LoggedCall): string | undefined {
  if (call.api !== "events:putEvents") return undefined;
  return (call.arguments as { Entries: { DetailType: string }[] }).Entries[0].DetailType;
}

/** The top-level Parallel states and the state each goes to when it succeeds. */
function parallels(definition: StateMachineDefinition): { name: string; next?: string; inner: Set<string> }[] {
  return Object.entries(definition.States).flatMap(([name, state]) =>
    state.Type === "Parallel"
      ? [{ name, next: state.Next, inner: new Set(state.Branches.flatMap((b) => [...taskStates(b).keys()])) }]
      : [],
  );
}

export function violations(definition: StateMachineDefinition, run: Run): Violation[] {
  const found: Violation[] = [];
  const violated = (invariant: Invariant, detail: string) =>
    found.push({ invariant, scenario: run.scenario.name, detail });
  const { result, log } = run;

  // The execution ends: on its own terms, neither cut off by the backstop nor looping.
  if (run.thrown !== undefined) {
    violated(RESERVED_NAME.test(run.thrown) ? "no States.* name on a Fail state" : "the execution ends", run.thrown);
    return found;
  }
  if (result === undefined) throw new Error(`Run ${run.scenario.name} has neither a result nor an error`);
  if (result.status === "TIMED_OUT") violated("the execution ends", "the execution's own timeout ended it");

  const entered = result.statesEntered;
  const last = definition.States[entered.at(-1) ?? ""];
  const endedInFail = result.status === "FAILED" && last?.Type === "Fail";
  if (endedInFail && result.error?.startsWith("States."))
    violated("no States.* name on a Fail state", `the execution failed with ${result.error}`);
  // A terminal error that no definition can catch ends the execution where it happens.
  const terminal = result.status === "FAILED" && !endedInFail && isUncatchable(result.error ?? "");

  // One verdict per batch: never both events, never finetune-failed once the models trained,
  // and the one that belongs unless it could not be sent or a terminal error came first.
  const events = log.filter((call) => detailType(call) !== undefined);
  const attempted = (type: string) => events.filter((call) => detailType(call) === type);
  const delivered = (type: string) => attempted(type).filter((call) => call.error === undefined);
  const [complete, failed] = [COMPLETE_DETAIL_TYPE, FAILED_DETAIL_TYPE];
  if (attempted(complete).length > 0 && attempted(failed).length > 0)
    violated("one verdict per batch", `both ${complete} and ${failed} were sent`);
  const trained = parallels(definition).some((p) => p.next !== undefined && entered.includes(p.next));
  if (trained && attempted(failed).length > 0)
    violated("one verdict per batch", `the models trained, and ${failed} was sent`);
  const owed = result.status === "SUCCEEDED" ? complete : trained ? complete : failed;
  const couldNotSend = attempted(owed).length > 0 && delivered(owed).length === 0;
  if (delivered(owed).length === 0 && !terminal && !couldNotSend)
    violated("one verdict per batch", `${result.status} without ${owed}`);
  if (result.status === "SUCCEEDED" && delivered(failed).length > 0)
    violated("one verdict per batch", `SUCCEEDED, and ${failed} was sent`);

  // Every revision registered is deregistered, unless every deregistration failed or a terminal error came first.
  for (const registered of log.filter((c) => c.api === "ecs:registerTaskDefinition" && c.error === undefined)) {
    const arn = (registered.answer as { TaskDefinition: { TaskDefinitionArn: string } }).TaskDefinition
      .TaskDefinitionArn;
    const tries = log.filter(
      (c) =>
        c.api === "ecs:deregisterTaskDefinition" && (c.arguments as { TaskDefinition: string }).TaskDefinition === arn,
    );
    const deregistered = tries.some((c) => c.error === undefined);
    if (!deregistered && !terminal && tries.length === 0)
      violated("every registered revision is deregistered", `${arn} was never deregistered`);
  }

  // Attempts match the Retry of the reviewed definition, each delay as it says; and nothing is
  // repeated that the error says must not be.
  const tasks = taskStates(definition);
  for (const { state: name, calls } of entriesOf(log)) {
    const state = tasks.get(name) as TaskState;
    const used = (state.Retry ?? []).map(() => 0);
    calls.forEach((call, index) => {
      const retried = index < calls.length - 1;
      if (call.error === undefined) {
        if (retried) violated("attempts match the Retry", `${name} was called again after it succeeded`);
        return;
      }
      const retrier = retrierIndex(state, call.error);
      if (!retried) {
        const max = retrier >= 0 ? (state.Retry ?? [])[retrier].MaxAttempts : 0;
        const stoppedInBranch = parallels(definition).some(
          (p) => p.inner.has(name) && (p.next === undefined || !entered.includes(p.next)),
        );
        if (retrier >= 0 && used[retrier] < max && !stoppedInBranch)
          violated(
            "attempts match the Retry",
            `${name} gave up on ${call.error} after ${used[retrier]} of ${max} retries`,
          );
        return;
      }
      if (isUncatchable(call.error))
        violated("nothing non-retriable or non-idempotent is repeated", `${name} retried ${call.error}`);
      if (retrier < 0) {
        violated("attempts match the Retry", `${name} retried ${call.error}, which its Retry does not name`);
        return;
      }
      used[retrier] += 1;
      if (used[retrier] > (state.Retry ?? [])[retrier].MaxAttempts)
        violated("attempts match the Retry", `${name} retried ${call.error} ${used[retrier]} times`);
      const integration = integrationOf(state.Resource);
      const effect = errorsOfTask(state).find((e) => e.name === call.error)?.effect;
      if (integration.repeat === "once" && effect !== "none")
        violated(
          "nothing non-retriable or non-idempotent is repeated",
          `${name} (${integration.repeatBecause}) was repeated after ${call.error}, whose effect is ${effect ?? "not in the catalog"}`,
        );
    });
  }
  for (const retry of result.retries) {
    const state = tasks.get(retry.stateName) as TaskState;
    const retrier = (state.Retry ?? [])[retrierIndex(state, retry.error ?? "")];
    if (retrier === undefined) continue;
    const wait = Math.min(
      retrier.IntervalSeconds * retrier.BackoffRate ** (retry.attempt - 1),
      retrier.MaxDelaySeconds,
    );
    if (retry.delaySeconds !== wait || retry.jitter !== retrier.JitterStrategy)
      violated(
        "attempts match the Retry",
        `${retry.stateName}'s retry ${retry.attempt} waited ${retry.delaySeconds} s (${retry.jitter}), not ${wait} s (${retrier.JitterStrategy})`,
      );
  }

  // No job starts after the failure event.
  const failureEvent = log.findIndex((call) => detailType(call) === failed);
  if (failureEvent >= 0) {
    for (const call of log.slice(failureEvent + 1))
      if (RUNS_A_JOB.test(call.resource))
        violated("no job starts after the failure event", `${call.state} started ${call.api} after ${failed}`);
  }
  return found;
}

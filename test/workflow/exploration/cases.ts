/**
 * The failure cases, generated from the definition and the error catalog, so that a new state,
 * integration or retrier is covered without editing a list:
 * - every Task (Parallel branches included) that a successful run enters × every error its
 *   integration can raise, and every malformed answer its integration fails, persisting or once;
 * - every run that reaches the failure path (those above, and the configuration the Choice
 *   refuses) again, with a failure of each cleanup and notification state it entered, one of
 *   each kind that state handles differently, persisting or once. Test code only.
 */
import type { Branch, State, StateMachineDefinition, TaskState } from "../../../src/workflow/asl";
import { errorsOf, type IntegrationError } from "../../models/sfn-executor/integrations/catalog";
import {
  childExecution,
  eventsFailedEntry,
  IMAGE_PARAMETERS,
  runTaskFailures,
  SAMPLE_INPUT,
  ssmPage,
} from "../../support/workflow";
import { type Fault, faultName, type Injection, type Run, runScenario, type Scenario } from "./run";

/** Every Task of a definition, Parallel branches included, by name. */
export function taskStates(branch: Branch): Map<string, TaskState> {
  const tasks = new Map<string, TaskState>();
  for (const [name, state] of Object.entries(branch.States) as [string, State][]) {
    if (state.Type === "Task") tasks.set(name, state);
    if (state.Type === "Parallel")
      for (const inner of state.Branches) for (const t of taskStates(inner)) tasks.set(...t);
  }
  return tasks;
}

/**
 * The answers that arrive with HTTP 200 and still fail the Task (test/models/sfn-executor/integrations/
 * optimized.ts), one per integration that has one, and the error each becomes.
 */
const MALFORMED: readonly { readonly resource: RegExp; readonly fault: Fault; readonly becomes: string }[] = [
  {
    resource: /:ecs:runTask\.sync$/,
    fault: { malformed: "RunTask: Failures and no task", answer: runTaskFailures },
    becomes: "AmazonECS.Unknown",
  },
  {
    resource: /:events:putEvents$/,
    fault: { malformed: "PutEvents: FailedEntryCount 1", answer: eventsFailedEntry },
    becomes: "EventBridge.FailedEntry",
  },
  {
    resource: /:states:startExecution\.sync:2$/,
    fault: {
      malformed: "child: Status FAILED",
      answer: () => childExecution(SAMPLE_INPUT.generalStateMachineArn, {}, "FAILED"),
    },
    becomes: "States.TaskFailed",
  },
];

/** Every error a Task's integration can raise, as the catalog has it. */
export function errorsOfTask(state: TaskState): IntegrationError[] {
  return errorsOf(state.Resource, { timeout: state.TimeoutSeconds !== undefined });
}

/** Every fault a Task can meet: each error, and the malformed answer of its integration if it has one. */
export function faultsOf(state: TaskState): Fault[] {
  const malformed = MALFORMED.filter((m) => m.resource.test(state.Resource)).map((m) => m.fault);
  return [...errorsOfTask(state).map((error): Fault => ({ error: error.name })), ...malformed];
}

/** The error a fault makes the Task fail with. */
export function errorOf(fault: Fault): string {
  if ("error" in fault) return fault.error;
  const known = MALFORMED.find((m) => m.fault === fault);
  if (known === undefined) throw new Error(`Unknown malformed answer ${fault.malformed}`);
  return known.becomes;
}

const UNCATCHABLE = new Set(["States.Runtime", "States.DataLimitExceeded"]);

/**
 * The first of a state's retriers whose ErrorEquals names `error`, as the States Language says:
 * States.ALL any error, States.TaskFailed any but States.Timeout, and nothing a terminal error.
 * -1 when none does. Written here, apart from the executor, to judge it.
 * https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html
 */
export function retrierIndex(state: TaskState, error: string): number {
  if (UNCATCHABLE.has(error)) return -1;
  return (state.Retry ?? []).findIndex((retrier) =>
    retrier.ErrorEquals.some(
      (name) => name === error || name === "States.ALL" || (name === "States.TaskFailed" && error !== "States.Timeout"),
    ),
  );
}

export function isUncatchable(error: string): boolean {
  return UNCATCHABLE.has(error);
}

/** One fault of each kind a state handles differently: by the retrier that takes it, or none; terminal; malformed. */
function kindsOf(state: TaskState): Fault[] {
  const kinds = new Map<string, Fault>();
  for (const fault of faultsOf(state)) {
    const error = errorOf(fault);
    const kind =
      "malformed" in fault
        ? fault.malformed
        : isUncatchable(error)
          ? "terminal"
          : `retrier ${retrierIndex(state, error)}`;
    if (!kinds.has(kind)) kinds.set(kind, fault);
  }
  return [...kinds.values()];
}

/** The states a state may go to next: Next, each Choice rule, the Default, and every catcher. */
function successors(state: State): string[] {
  if (state.Type === "Choice")
    return [...state.Choices.map((rule) => rule.Next), ...(state.Default ? [state.Default] : [])];
  if (state.Type === "Succeed" || state.Type === "Fail") return [];
  const catchers = state.Type === "Task" || state.Type === "Parallel" ? (state.Catch ?? []) : [];
  return [...(state.Next === undefined ? [] : [state.Next]), ...catchers.map((catcher) => catcher.Next)];
}

/** Whether a top-level state can be entered again in one execution: a path from it leads back to it. */
function reentrant(definition: StateMachineDefinition, name: string): boolean {
  const seen = new Set<string>();
  const next = [...successors(definition.States[name] ?? { Type: "Succeed" })];
  while (next.length > 0) {
    const state = next.pop()!;
    if (state === name) return true;
    if (seen.has(state)) continue;
    seen.add(state);
    next.push(...successors(definition.States[state]));
  }
  return false;
}

/**
 * Persisting, and once when once can differ: when the state retries the fault (once is then a
 * retry that succeeds) or can be entered again. Otherwise its first attempt is its last, and the
 * two runs are the same run.
 */
function modesOf(
  definition: StateMachineDefinition,
  name: string,
  state: TaskState,
  fault: Fault,
): Injection["mode"][] {
  const error = errorOf(fault);
  const differs = !isUncatchable(error) && (retrierIndex(state, error) >= 0 || reentrant(definition, name));
  return differs ? ["persist", "once"] : ["persist"];
}

/** Configuration the Choice refuses before anything is registered: failures without a Task's error. */
const REFUSED_CONFIGURATION: readonly Scenario[] = [
  { name: "BatchID not 10 digits", injections: [], input: { BatchID: "tomorrow" } },
  {
    name: "version-data-prep missing",
    injections: [],
    overrides: {
      "ssm:getParametersByPath": () => ssmPage(IMAGE_PARAMETERS.filter((p) => !p.Name.endsWith("/version-data-prep"))),
    },
  },
];

export interface Exploration {
  readonly happy: Run;
  /** Each Task a successful run enters × each fault × each mode. */
  readonly singles: Run[];
  /** The refused configurations. */
  readonly refused: Run[];
  /** Each run that reached the failure path × each cleanup state it entered × each kind of fault × each mode. */
  readonly pairs: Run[];
}

const describe = (injections: readonly Injection[]) =>
  injections.map(({ state, fault, mode }) => `${state} ${faultName(fault)} (${mode})`).join(", then ");

export interface ExploreOptions {
  /** Ends the exploration early when it says so. */
  readonly stop?: (run: Run) => boolean;
  /** Only the failures that start at these states, and the runs again with each cleanup failing. @default every Task */
  readonly around?: readonly string[];
}

/** Runs every generated case against `definition`. */
export async function explore(definition: StateMachineDefinition, options: ExploreOptions = {}): Promise<Exploration> {
  const stop = options.stop ?? (() => false);
  const tasks = taskStates(definition);
  const happy = await runScenario(definition, { name: "no failure", injections: [] });
  const collected: Exploration = { happy, singles: [], refused: [], pairs: [] };
  const run = async (scenario: Scenario, into: Run[]): Promise<Run> => {
    const done = await runScenario(definition, scenario);
    into.push(done);
    if (stop(done)) throw new Stopped();
    return done;
  };
  try {
    if (stop(happy)) throw new Stopped();
    const onTheWay = new Set(happy.result?.statesEntered ?? []);
    for (const [name, state] of tasks) {
      if (!onTheWay.has(name) || (options.around !== undefined && !options.around.includes(name))) continue;
      for (const fault of faultsOf(state))
        for (const mode of modesOf(definition, name, state, fault)) {
          const injections = [{ state: name, fault, mode }];
          await run({ name: describe(injections), injections }, collected.singles);
        }
    }
    if (options.around === undefined)
      for (const scenario of REFUSED_CONFIGURATION) await run(scenario, collected.refused);

    // Every run that reached a Task no successful run enters: a cleanup or notification state.
    const failures = [
      ...collected.singles.filter((r) => r.scenario.injections[0].mode === "persist"),
      ...collected.refused,
    ];
    for (const failure of failures) {
      const cleanups = [...new Set(failure.result?.statesEntered ?? [])].filter(
        (s) => tasks.has(s) && !onTheWay.has(s),
      );
      for (const cleanup of cleanups)
        for (const fault of kindsOf(tasks.get(cleanup)!))
          for (const mode of modesOf(definition, cleanup, tasks.get(cleanup)!, fault)) {
            const injections = [...failure.scenario.injections, { state: cleanup, fault, mode }];
            const name =
              failure.scenario.injections.length > 0
                ? describe(injections)
                : `${failure.scenario.name}, then ${describe(injections)}`;
            await run({ ...failure.scenario, name, injections }, collected.pairs);
          }
    }
  } catch (error) {
    if (!(error instanceof Stopped)) throw error;
  }
  return collected;
}

/** Ends an exploration that has found what it was looking for. */
class Stopped extends Error {}

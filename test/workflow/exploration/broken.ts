/**
 * Copies of the definition, each broken on purpose in one way a change could break it, and the
 * invariant that must catch it: proof that each check can fail. Test code only.
 */
import type { StateMachineDefinition, TaskState } from "../../../src/workflow/asl";
import type { Invariant } from "./invariants";

export interface BrokenCopy {
  readonly name: string;
  readonly caughtBy: Invariant;
  /** The states whose failures the copy is explored around: where it is broken, or the first Task for a broken failure path. */
  readonly around: readonly string[];
  readonly break: (definition: StateMachineDefinition) => StateMachineDefinition;
  /**
   * The definition the checks read, when it is not the broken copy: a copy deployed in place of
   * the reviewed definition, which the checks still read.
   */
  readonly reviewed?: "original";
}

type Mutable = { -readonly [K in keyof TaskState]: TaskState[K] };

/** A copy in which `change` rewrites the named top-level state. */
function withState(
  definition: StateMachineDefinition,
  name: string,
  change: (state: Mutable) => void,
): StateMachineDefinition {
  const copy = structuredClone(definition);
  change(copy.States[name] as Mutable);
  return copy;
}

export const BROKEN_COPIES: readonly BrokenCopy[] = [
  {
    name: "NotifyComplete catches its last error into the failure path, as before",
    caughtBy: "one verdict per batch",
    around: ["NotifyComplete"],
    break: (d) =>
      withState(d, "NotifyComplete", (s) => {
        s.Catch = structuredClone((d.States.RegisterTaskDefinition as TaskState).Catch);
      }),
  },
  {
    name: "RegisterTaskDefinition retries Ecs.ServerException, after which a revision may exist",
    caughtBy: "nothing non-retriable or non-idempotent is repeated",
    around: ["RegisterTaskDefinition"],
    break: (d) =>
      withState(d, "RegisterTaskDefinition", (s) => {
        s.Retry = (s.Retry ?? []).map((r) => ({ ...r, ErrorEquals: [...r.ErrorEquals, "Ecs.ServerException"] }));
      }),
  },
  {
    name: "RunDataPrep's catcher skips the cleanup and goes straight to the failure event",
    caughtBy: "every registered revision is deregistered",
    around: ["RunDataPrep"],
    break: (d) =>
      withState(d, "RunDataPrep", (s) => {
        s.Catch = (s.Catch ?? []).map((c) => ({ ...c, Next: "NotifyFailure" }));
      }),
  },
  {
    name: "the Fail state reports the caught name as it is, States.Timeout included",
    caughtBy: "no States.* name on a Fail state",
    around: ["LoadImageVersions"],
    break: (d) => {
      const copy = structuredClone(d);
      Object.assign(copy.States.Failed, { Error: "{% $error %}", Cause: "{% $cause %}" });
      return copy;
    },
  },
  {
    name: "NotifyFailure's catcher sends the failure event again, without end",
    caughtBy: "the execution ends",
    around: ["LoadImageVersions"],
    break: (d) =>
      withState(d, "NotifyFailure", (s) => {
        s.Catch = [{ ErrorEquals: ["States.ALL"], Next: "NotifyFailure" }];
      }),
  },
  {
    name: "the failure path runs the data prep once more before it ends",
    caughtBy: "no job starts after the failure event",
    around: ["RunDataPrep"],
    break: (d) => {
      const copy = withState(d, "NotifyFailure", (s) => {
        s.Next = "RunDataPrepAgain";
      });
      const again = { ...structuredClone(d.States.RunDataPrep as TaskState), Catch: undefined, Next: "Failed" };
      Object.assign(copy.States, { RunDataPrepAgain: again });
      return copy;
    },
  },
  {
    name: "a copy deployed with a LoadImageVersions that retries twice, where the reviewed one retries 6 times",
    caughtBy: "attempts match the Retry",
    around: ["LoadImageVersions"],
    reviewed: "original",
    break: (d) =>
      withState(d, "LoadImageVersions", (s) => {
        s.Retry = (s.Retry ?? []).map((r) => ({ ...r, MaxAttempts: 2 }));
      }),
  },
];

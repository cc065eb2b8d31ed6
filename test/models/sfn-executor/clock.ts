/**
 * Virtual time for one execution, so that timeouts and delays take no real time.
 *
 * Work runs in fibers: the execution is one, and each Parallel branch is another. One fiber
 * runs at a time; it keeps running until it sleeps (a Task attempt that takes time, a retry
 * delay, a Wait) or ends. Time moves only when no fiber can run, straight to the earliest
 * wake-up. So branches whose Tasks answer at once run one after another in definition order,
 * and branches that take time interleave as they would on AWS, each starting at the Parallel's
 * start time.
 */

/** Thrown into every sleeping fiber when the execution reaches its deadline. */
export class ExecutionTimedOut extends Error {
  constructor() {
    super("The execution reached its TimeoutSeconds");
    this.name = "ExecutionTimedOut";
  }
}

/**
 * Thrown into the branches of a Parallel state whose other branch failed: AWS stops them.
 * https://docs.aws.amazon.com/step-functions/latest/dg/state-parallel.html
 */
export class BranchStopped extends Error {
  constructor() {
    super("Stopped because another branch of the Parallel state failed");
    this.name = "BranchStopped";
  }
}

/** How a fork ends: every branch's value in order, or the error that ends the Parallel state. */
export type ForkOutcome<T> = { readonly values: T[] } | { readonly error: unknown };

interface Sleeper {
  readonly at: number;
  readonly order: number;
  readonly fiber: Fiber;
  readonly wake: () => void;
  readonly interrupt: (reason: Error) => void;
}

class Fiber {
  started = false;
  settled = false;
  sleeper?: Sleeper;
  children: readonly Fiber[] = [];
  stopped = false;
}

export class VirtualClock {
  /** Seconds since the execution started. */
  now = 0;
  timedOut = false;
  private readonly ready: (() => void)[] = [];
  private sleepers: Sleeper[] = [];
  private sleeps = 0;
  private current = new Fiber();
  /** The fiber that runs holds the baton; the execution's own fiber starts with it. */
  private busy = true;

  constructor(private readonly deadline: number) {
    this.current.started = true;
  }

  /** Suspends the running fiber until `until`; rejects if the execution times out or the branch is stopped first. */
  sleep(until: number): Promise<void> {
    if (until <= this.now) return Promise.resolve();
    const fiber = this.current;
    return new Promise<void>((resolve, reject) => {
      const resume = (): void => {
        fiber.sleeper = undefined;
        this.current = fiber;
      };
      fiber.sleeper = {
        at: until,
        order: this.sleeps++,
        fiber,
        wake: () => {
          resume();
          resolve();
        },
        interrupt: (reason) => {
          resume();
          reject(reason);
        },
      };
      this.sleepers.push(fiber.sleeper);
      this.release();
    });
  }

  /**
   * Runs `branches` as fibers that start now, in order, and resolves when all have ended. The
   * first branch to fail stops the others; branches it stops before they start never run.
   */
  fork<T>(branches: readonly (() => Promise<T>)[]): Promise<ForkOutcome<T>> {
    const parent = this.current;
    if (branches.length === 0) return Promise.resolve({ values: [] });
    const children = branches.map(() => new Fiber());
    parent.children = children;
    const values: T[] = [];
    let failure: { readonly error: unknown } | undefined;
    let remaining = branches.length;
    return new Promise((resolve) => {
      const settle = (index: number, outcome: { readonly value: T } | { readonly error: unknown }): void => {
        children[index].settled = true;
        if ("value" in outcome) values[index] = outcome.value;
        else if (failure === undefined && !isInterruption(outcome.error)) {
          failure = outcome;
          for (const sibling of children) this.stop(sibling);
        }
        remaining -= 1;
        if (remaining > 0) {
          this.release();
          return;
        }
        // The last branch hands the baton straight back to the Parallel state.
        parent.children = [];
        this.current = parent;
        if (this.timedOut) resolve({ error: new ExecutionTimedOut() });
        else if (parent.stopped) resolve({ error: new BranchStopped() });
        else resolve(failure ?? { values });
      };
      branches.forEach((branch, index) => {
        const child = children[index];
        this.ready.push(() => {
          this.current = child;
          child.started = true;
          if (this.timedOut) settle(index, { error: new ExecutionTimedOut() });
          else if (child.stopped) settle(index, { error: new BranchStopped() });
          else
            branch().then(
              (value) => settle(index, { value }),
              (error: unknown) => settle(index, { error }),
            );
        });
      });
      this.release();
    });
  }

  private stop(fiber: Fiber): void {
    if (fiber.settled || fiber.stopped) return;
    fiber.stopped = true;
    const { sleeper } = fiber;
    // A sleeper the deadline already interrupted must not be interrupted twice.
    if (sleeper !== undefined && this.sleepers.includes(sleeper)) {
      this.sleepers = this.sleepers.filter((candidate) => candidate !== sleeper);
      this.ready.push(() => sleeper.interrupt(new BranchStopped()));
    }
    for (const child of fiber.children) this.stop(child);
  }

  private release(): void {
    this.busy = false;
    this.dispatch();
  }

  private dispatch(): void {
    if (this.busy) return;
    const next = this.ready.shift();
    if (next !== undefined) {
      this.busy = true;
      next();
      return;
    }
    if (this.sleepers.length === 0) return;
    const earliest = this.sleepers.reduce((best, candidate) =>
      candidate.at < best.at || (candidate.at === best.at && candidate.order < best.order) ? candidate : best,
    );
    if (earliest.at >= this.deadline) {
      // Reaching the deadline at the very instant work would end counts as timing out.
      this.now = this.deadline;
      this.timedOut = true;
      for (const sleeper of [...this.sleepers].sort((a, b) => a.order - b.order))
        this.ready.push(() => sleeper.interrupt(new ExecutionTimedOut()));
      this.sleepers = [];
      this.dispatch();
      return;
    }
    this.sleepers = this.sleepers.filter((candidate) => candidate !== earliest);
    this.now = earliest.at;
    this.busy = true;
    earliest.wake();
  }
}

/** The ways the harness ends a fiber that are not workflow errors: no retrier or catcher sees them. */
export function isInterruption(error: unknown): boolean {
  return error instanceof ExecutionTimedOut || error instanceof BranchStopped;
}

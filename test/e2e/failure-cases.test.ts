// Every (state, error) failure case of docs/mock-config.json, run in moto's Step Functions
// interpreter through AWS's mock-configuration mechanism (`<stateMachineArn>#<TestCase>`), and in
// our executor with the same mocked answers: both must enter the same states in each branch, end
// the same way, and send the same events. The cases come from the exploration of
// test/workflow/failure-paths.test.ts, which checks the file is current. Every execution runs at
// once in one moto server, which answers every Task from the file: nothing is deployed.
import * as fs from "fs";
import * as path from "path";
import { isDeepStrictEqual } from "util";
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  type DescribeExecutionCommandOutput,
  GetExecutionHistoryCommand,
  type HistoryEvent as SdkHistoryEvent,
  SFNClient,
  StartExecutionCommand,
} from "@aws-sdk/client-sfn";
import { clientConfig } from "../deploy/support/aws";
import { motoDiscovery } from "../deploy/support/suite";
import { byBranch, type HistoryEvent, readHistory } from "./support/history";
import { startMoto, type MotoServer } from "../deploy/support/moto/launcher";
import { execute, type ExecutionResult } from "../models/sfn-executor/harness";
import { BATCH_ID, SAMPLE_DEFINITION, STATE_MACHINE_ARN } from "../support/workflow";
import { HAPPY_PATH, type MockConfiguration, mockedHandler } from "../workflow/exploration/mock-config";

const MOCK_CONFIG = path.join(__dirname, "..", "..", "docs", "mock-config.json");
const MACHINE = STATE_MACHINE_ARN.split(":").pop()!;
/** Every execution runs at once; the slowest takes seconds. */
const RUN_LIMIT_MS = 120_000;
const POLL_MS = 250;
/** How long the histories of ended executions may take to stop growing. */
const SETTLE_LIMIT_MS = 30_000;

interface Sent {
  readonly detailType: string;
  readonly detail: unknown;
  readonly delivered: boolean;
}

interface Outcome {
  readonly status?: string;
  readonly error?: string;
  readonly cause?: string;
  readonly states: ReturnType<typeof byBranch>;
  readonly events: readonly Sent[];
}

/**
 * Whether two runs of a case agree. Two interpreters may differ only where timing decides:
 * - a branch that a failing branch stops may be cut anywhere on its way (moto runs the branches
 *   in threads, ours one after the other when their answers take no time);
 * - moto prefixes the cause of a States.Runtime with where it happened, as AWS words its own.
 */
function agree(a: Outcome, b: Outcome, happy: Readonly<Record<string, readonly string[]>>): boolean {
  const runtime =
    a.error === "States.Runtime" && a.cause !== undefined && b.cause !== undefined && a.cause.endsWith(b.cause);
  if (a.status !== b.status || a.error !== b.error || (a.cause !== b.cause && !runtime)) return false;
  if (!isDeepStrictEqual(a.events, b.events) || !isDeepStrictEqual(a.states.main, b.states.main)) return false;
  const parallelFailed = !a.states.main.includes("NotifyComplete");
  const prefix = (path: readonly string[], of: readonly string[]) => path.every((state, index) => of[index] === state);
  return [...new Set([...Object.keys(a.states.branches), ...Object.keys(b.states.branches)])].every((branch) => {
    const [x, y] = [a.states.branches[branch] ?? [], b.states.branches[branch] ?? []];
    return isDeepStrictEqual(x, y) || (parallelFailed && prefix(x, happy[branch]) && prefix(y, happy[branch]));
  });
}

const moto = motoDiscovery();
const describeWithMoto = "missing" in moto ? describe.skip : describe;

describeWithMoto("every failure case of docs/mock-config.json, in moto's interpreter and in ours", () => {
  const config = JSON.parse(fs.readFileSync(MOCK_CONFIG, "utf8")) as MockConfiguration;
  const cases = Object.keys(config.StateMachines[MACHINE].TestCases);
  let server: MotoServer;
  let sfn: SFNClient;
  const theirs = new Map<string, Outcome>();
  const ours = new Map<string, Outcome>();

  /** Each putEvents call our executor made, per test case, and whether its answer was a success. */
  const sentBy = new Map<string, Sent[]>();
  function logged(handler: ReturnType<typeof mockedHandler>, testCase: string): ReturnType<typeof mockedHandler> {
    return (call) => {
      const isEvent = call.resource.endsWith(":events:putEvents");
      try {
        const answer = handler(call);
        if (isEvent) sentBy.set(testCase, [...(sentBy.get(testCase) ?? []), sent(call.arguments, true)]);
        return answer;
      } catch (error) {
        if (isEvent) sentBy.set(testCase, [...(sentBy.get(testCase) ?? []), sent(call.arguments, false)]);
        throw error;
      }
    };
  }

  function sent(parameters: unknown, delivered: boolean): Sent {
    const [entry] = (parameters as { Entries: { DetailType: string; Detail: unknown }[] }).Entries;
    return { detailType: entry.DetailType, detail: entry.Detail, delivered };
  }

  function outcomeOf(result: ExecutionResult, events: readonly Sent[]): Outcome {
    return {
      status: result.status,
      error: result.error,
      cause: result.cause,
      states: byBranch(result.statesEntered, SAMPLE_DEFINITION),
      // In the order moto's are read: NotifyComplete's attempts, then NotifyFailure's, as they run.
      events,
    };
  }

  beforeAll(async () => {
    server = await startMoto({ mockConfig: MOCK_CONFIG });
    sfn = new SFNClient(clientConfig(server));
    const { stateMachineArn } = await sfn.send(
      new CreateStateMachineCommand({
        name: MACHINE,
        definition: JSON.stringify(SAMPLE_DEFINITION),
        roleArn: `arn:aws:iam::${server.accountId}:role/${MACHINE}`,
      }),
    );
    const started = await Promise.all(
      cases.map((testCase, index) =>
        sfn.send(
          new StartExecutionCommand({
            stateMachineArn: `${stateMachineArn}#${testCase}`,
            name: `case-${index}`,
            input: JSON.stringify({ BatchID: BATCH_ID }),
          }),
        ),
      ),
    );
    const executionArns = started.map((start) => start.executionArn!);
    const described = await finished(executionArns);
    const histories = await settledHistories(executionArns);
    for (const [index, testCase] of cases.entries()) {
      const execution = described[index];
      const history = readHistory(histories[index]);
      theirs.set(testCase, {
        status: execution.status,
        error: execution.error,
        cause: execution.cause,
        states: byBranch(history.statesEntered, SAMPLE_DEFINITION),
        events: ["NotifyComplete", "NotifyFailure"].flatMap((state) =>
          (history.scheduled.get(state) ?? []).map((parameters, attempt) =>
            sent(parameters, "result" in (history.outcomes.get(state) ?? [])[attempt]),
          ),
        ),
      });
      const result = await execute(SAMPLE_DEFINITION, {
        handler: logged(mockedHandler(config, MACHINE, testCase), testCase),
        input: { BatchID: BATCH_ID },
        executionArn: execution.executionArn,
        executionName: execution.name,
        startTime: execution.startDate!.toISOString(),
        stateMachineArn,
      });
      ours.set(testCase, outcomeOf(result, sentBy.get(testCase) ?? []));
    }
  }, RUN_LIMIT_MS + 60_000);

  afterAll(async () => {
    sfn?.destroy();
    await server?.stop();
  });

  /**
   * `poll`'s value for each of `executionArns` once it gives one, in their order: each poll asks
   * again for all of those still without one, at once, until `limitMs` has passed.
   */
  async function pollEach<T>(
    executionArns: readonly string[],
    limitMs: number,
    what: string,
    poll: (executionArn: string) => Promise<T | undefined>,
  ): Promise<T[]> {
    const deadline = Date.now() + limitMs;
    const done = new Map<string, T>();
    for (;;) {
      const pending = executionArns.filter((executionArn) => !done.has(executionArn));
      const values = await Promise.all(pending.map(poll));
      for (const [index, value] of values.entries()) if (value !== undefined) done.set(pending[index], value);
      if (done.size === executionArns.length) return executionArns.map((executionArn) => done.get(executionArn)!);
      if (Date.now() > deadline) {
        const left = executionArns.length - done.size;
        throw new Error(`${left} ${what} after ${limitMs / 1000} s:\n${server.log().slice(-4000)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  /** Each execution once it has ended, in the order of `executionArns`. */
  function finished(executionArns: readonly string[]): Promise<DescribeExecutionCommandOutput[]> {
    return pollEach(executionArns, RUN_LIMIT_MS, "executions still run", async (executionArn) => {
      const execution = await sfn.send(new DescribeExecutionCommand({ executionArn }));
      return execution.status === "RUNNING" ? undefined : execution;
    });
  }

  async function readOnce(executionArn: string): Promise<HistoryEvent[]> {
    const events: SdkHistoryEvent[] = [];
    let nextToken: string | undefined;
    do {
      const page = await sfn.send(new GetExecutionHistoryCommand({ executionArn, nextToken }));
      events.push(...(page.events ?? []));
      nextToken = page.nextToken;
    } while (nextToken);
    return events as HistoryEvent[];
  }

  /**
   * Each history once it is whole, in the order of `executionArns`. moto reports an execution
   * whose Parallel failed as ended while the branch it stops still writes its last events, and
   * answers a read in the middle of one with HTTP 500: every history is read until two reads a
   * poll apart agree, all of them in each poll, so that the executions wait out one poll together.
   */
  function settledHistories(executionArns: readonly string[]): Promise<HistoryEvent[][]> {
    const last = new Map<string, HistoryEvent[]>();
    return pollEach(executionArns, SETTLE_LIMIT_MS, "histories did not settle", async (executionArn) => {
      const read = await readOnce(executionArn).catch(() => undefined);
      if (read === undefined) return undefined;
      if (read.length === last.get(executionArn)?.length) return read;
      last.set(executionArn, read);
      return undefined;
    });
  }

  test("runs every case of the file: the happy path and each (state, error), persisting and once", () => {
    expect(theirs.size).toBe(cases.length);
    expect(cases.length).toBeGreaterThan(100);
  });

  test("each case enters the same states in each branch, ends the same way and sends the same events", () => {
    const happy = ours.get(HAPPY_PATH)!.states.branches;
    const differ = cases.flatMap((testCase) => {
      const [a, b] = [theirs.get(testCase)!, ours.get(testCase)!];
      return agree(a, b, happy) ? [] : [{ testCase, moto: a, ours: b }];
    });
    expect(differ).toEqual([]);
  });
});

/**
 * Runs the workflow once with failures injected into named states, against the fake AWS
 * (test/support/workflow.ts) for every other call, and keeps a log of every call with the outcome
 * the Task saw. Test code only.
 */
import type { StateMachineDefinition } from "../../../src/workflow/asl";
import { execute, type ExecutionResult, SfnError, type TaskCall } from "../../models/sfn-executor/harness";
import { optimizedFailure } from "../../models/sfn-executor/integrations/optimized";
import {
  apiOf,
  BATCH_ID,
  EXECUTION_ARN,
  FakeAws,
  type Responder,
  START_TIME,
  STATE_MACHINE_ARN,
} from "../../support/workflow";

/** What a state answers instead of the fake AWS: an error, or an answer the integration fails. */
export type Fault = { readonly error: string } | { readonly malformed: string; readonly answer: () => unknown };

export interface Injection {
  readonly state: string;
  readonly fault: Fault;
  /** Every attempt of every entry of the state, or only the state's first attempt. */
  readonly mode: "persist" | "once";
}

export interface Scenario {
  readonly name: string;
  readonly injections: readonly Injection[];
  /** The execution input. @default {BatchID: BATCH_ID} */
  readonly input?: unknown;
  /** Fake AWS answers that differ from the default, by API. */
  readonly overrides?: Readonly<Record<string, Responder>>;
}

export interface LoggedCall {
  readonly state: string;
  readonly resource: string;
  readonly api: string;
  readonly attempt: number;
  readonly arguments: unknown;
  /** The error the Task saw, an optimized integration's included; undefined for a success. */
  readonly error?: string;
  readonly answer?: unknown;
}

export interface Run {
  readonly scenario: Scenario;
  /** Undefined when the execution did not end: the executor threw. */
  readonly result?: ExecutionResult;
  readonly thrown?: string;
  readonly log: readonly LoggedCall[];
}

const MAX_TRANSITIONS = 300;

export function faultName(fault: Fault): string {
  return "error" in fault ? fault.error : fault.malformed;
}

export async function runScenario(definition: StateMachineDefinition, scenario: Scenario): Promise<Run> {
  const aws = new FakeAws(scenario.overrides);
  const log: LoggedCall[] = [];
  const firstAttempted = new Set<string>();
  const answer = (call: TaskCall, injection: Injection | undefined): unknown => {
    if (injection !== undefined && (injection.mode === "persist" || !firstAttempted.has(call.stateName))) {
      firstAttempted.add(call.stateName);
      const { fault } = injection;
      if ("error" in fault) throw new SfnError(fault.error, `${fault.error} (injected)`);
      return fault.answer();
    }
    firstAttempted.add(call.stateName);
    return aws.handler(call);
  };
  const handler = (call: TaskCall): unknown => {
    const injection = scenario.injections.find((candidate) => candidate.state === call.stateName);
    const entry = { state: call.stateName, resource: call.resource, api: apiOf(call.resource), attempt: call.attempt };
    try {
      const response = answer(call, injection);
      const failure = optimizedFailure(call.resource, response);
      log.push({ ...entry, arguments: call.arguments, answer: response, ...(failure && { error: failure.error }) });
      return response;
    } catch (error) {
      if (error instanceof SfnError) log.push({ ...entry, arguments: call.arguments, error: error.error });
      throw error;
    }
  };
  try {
    const result = await execute(definition, {
      handler,
      input: scenario.input ?? { BatchID: BATCH_ID },
      executionArn: EXECUTION_ARN,
      executionName: BATCH_ID,
      startTime: START_TIME,
      stateMachineArn: STATE_MACHINE_ARN,
      // A run here takes fewer than 150 transitions (every Task on its longest path, each 7
      // attempts): a run that takes more loops, and says so sooner.
      maxTransitions: MAX_TRANSITIONS,
    });
    return { scenario, result, log };
  } catch (error) {
    return { scenario, thrown: (error as Error).message, log };
  }
}

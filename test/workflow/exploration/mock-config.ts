/**
 * The failure cases as an AWS mock configuration file, the format Step Functions Local, LocalStack
 * and (with test/deploy/support/moto/workarounds.py) moto read: one test case per Task and error the
 * exploration injects, persisting and once, every other Task answering as the fake AWS does. The
 * repository ships it as docs/mock-config.json, and the end-to-end suite runs every case in moto's
 * interpreter and in our executor. Test code only.
 * https://docs.aws.amazon.com/step-functions/latest/dg/sfn-local-mock-cfg-file.html
 */
import type { StateMachineDefinition } from "../../../src/workflow/asl";
import { SfnError, type TaskHandler } from "../../models/sfn-executor/harness";
import { type Exploration, taskStates } from "./cases";
import type { Run } from "./run";

type MockedResponse =
  { readonly Return: unknown } | { readonly Throw: { readonly Error: string; readonly Cause: string } };

export interface MockConfiguration {
  readonly StateMachines: Readonly<
    Record<string, { readonly TestCases: Readonly<Record<string, Readonly<Record<string, string>>>> }>
  >;
  /** By mocked response name, by attempt range: `"0"`, `"1-6"`. */
  readonly MockedResponses: Readonly<Record<string, Readonly<Record<string, MockedResponse>>>>;
}

/** The test case that runs with no failure. */
export const HAPPY_PATH = "HappyPath";

/** A case's name, also what StartExecution takes after the `#`. */
export function testCaseName(run: Run): string {
  const [{ state, fault, mode }] = run.scenario.injections;
  return `${state}-${"error" in fault ? fault.error : fault.malformed}-${mode}`;
}

/**
 * The configuration for `machine`: a test case for the happy path and one for each single
 * failure the exploration ran with an error. The malformed answers stay out: a mocked Return is
 * the service's answer, which an interpreter may or may not put through the integration.
 */
export function mockConfiguration(
  definition: StateMachineDefinition,
  exploration: Exploration,
  machine: string,
): MockConfiguration {
  const tasks = [...taskStates(definition)];
  // What each Task answers when it succeeds: the first success the exploration saw.
  const answers = new Map<string, unknown>();
  const runs = [exploration.happy, ...exploration.singles, ...exploration.refused, ...exploration.pairs];
  for (const call of runs.flatMap((run) => run.log))
    if (call.error === undefined && !answers.has(call.state)) answers.set(call.state, call.answer);
  const success = (state: string): MockedResponse => {
    if (!answers.has(state)) throw new Error(`No run saw ${state} succeed: it has no answer to mock.`);
    return { Return: answers.get(state) };
  };
  const responses: Record<string, Record<string, MockedResponse>> = {};
  for (const [name] of tasks) responses[`${name}-Success`] = { "0": success(name) };
  const everySuccess = Object.fromEntries(tasks.map(([name]) => [name, `${name}-Success`]));

  const cases: Record<string, Record<string, string>> = { [HAPPY_PATH]: everySuccess };
  for (const run of exploration.singles) {
    const [{ state, fault, mode }] = run.scenario.injections;
    if (!("error" in fault)) continue;
    const name = testCaseName(run);
    const thrown = { Throw: { Error: fault.error, Cause: `${fault.error} (injected)` } };
    // Persisting: every attempt the state's retriers allow throws.
    const attempts = (taskStates(definition).get(state)?.Retry ?? []).reduce((sum, r) => sum + r.MaxAttempts, 0);
    responses[name] =
      mode === "persist" ? { [attempts === 0 ? "0" : `0-${attempts}`]: thrown } : { "0": thrown, "1": success(state) };
    cases[name] = { ...everySuccess, [state]: name };
  }
  return { StateMachines: { [machine]: { TestCases: cases } }, MockedResponses: responses };
}

/** Answers our executor's Task calls from a test case of `config`, as Step Functions Local does. */
export function mockedHandler(config: MockConfiguration, machine: string, testCase: string): TaskHandler {
  const states = config.StateMachines[machine]?.TestCases[testCase];
  if (states === undefined) throw new Error(`No test case ${testCase} for ${machine}`);
  return (call) => {
    const responses = config.MockedResponses[states[call.stateName]];
    if (responses === undefined) throw new Error(`${testCase} mocks no answer for ${call.stateName}`);
    const index = call.attempt - 1;
    const [, response] =
      Object.entries(responses).find(([range]) => {
        const [first, last = first] = range.split("-").map(Number);
        return index >= first && index <= last;
      }) ?? [];
    if (response === undefined) throw new Error(`${testCase} mocks no attempt ${index} of ${call.stateName}`);
    if ("Throw" in response) throw new SfnError(response.Throw.Error, response.Throw.Cause);
    return structuredClone(response.Return);
  };
}

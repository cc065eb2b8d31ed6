import type {
  AnyBranch as Branch,
  AnyState as State,
  AnyStateMachineDefinition as StateMachineDefinition,
} from "../../../src/workflow/asl";
import { MAX_SECONDS } from "./quotas";

// JSONPath-only fields; a JSONata state uses Arguments, Output and Assign instead.
// https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html
const JSONPATH_FIELDS = [
  "InputPath",
  "Parameters",
  "ResultSelector",
  "ResultPath",
  "OutputPath",
  "Result",
  "SecondsPath",
  "TimestampPath",
  "TimeoutSecondsPath",
  "HeartbeatSecondsPath",
  "ErrorPath",
  "CausePath",
  "ItemsPath",
];

const TYPES_WITH_TRANSITION = new Set(["Task", "Pass", "Wait", "Parallel"]);

/**
 * Throws on structural mistakes that would otherwise surface as confusing behaviour mid-run:
 * a query language other than JSONata, JSONPath fields, unsupported state types, transitions
 * to states that do not exist or states that lead nowhere, and seconds fields AWS would refuse.
 */
export function validateDefinition(definition: StateMachineDefinition): void {
  // The execution's TimeoutSeconds: "The maximum number of seconds an execution of the state
  // machine can run", a positive integer. https://docs.aws.amazon.com/step-functions/latest/dg/statemachine-structure.html
  const timeout = secondsError(definition.TimeoutSeconds, 1);
  if (timeout !== undefined) throw new Error(`Invalid state machine (StateMachine): TimeoutSeconds ${timeout}`);
  validateBranch(definition, "StateMachine", definition.QueryLanguage);
}

/**
 * Why a literal seconds value is refused, or undefined when it is fine (absent, or a JSONata
 * expression checked when evaluated). AWS takes integers; the upper bound is in quotas.ts.
 */
function secondsError(value: unknown, min: number): string | undefined {
  if (value === undefined || typeof value === "string") return undefined;
  if (typeof value === "number" && Number.isInteger(value) && value >= min && value <= MAX_SECONDS) return undefined;
  return `must be an integer from ${min} to ${MAX_SECONDS}, got ${JSON.stringify(value)}`;
}

function validateBranch(branch: Branch, where: string, inherited: string | undefined): void {
  const names = new Set(Object.keys(branch.States ?? {}));
  const fail = (message: string): never => {
    throw new Error(`Invalid state machine (${where}): ${message}`);
  };
  if (!names.has(branch.StartAt)) fail(`StartAt '${branch.StartAt}' is not a state in States`);
  const target = (stateName: string, field: string, next: string | undefined): void => {
    if (next !== undefined && !names.has(next))
      fail(`state '${stateName}' field ${field} names unknown state '${next}'`);
  };

  for (const [name, state] of Object.entries(branch.States) as [string, State][]) {
    const fields = state as unknown as Readonly<Record<string, unknown>>;
    const language = state.QueryLanguage ?? inherited;
    if (language !== "JSONata")
      fail(
        `state '${name}' uses query language ${language ?? "JSONPath (the default)"}; the harness runs JSONata only`,
      );
    const jsonPathField = JSONPATH_FIELDS.find((field) => field in fields);
    if (jsonPathField) fail(`state '${name}' has JSONPath field ${jsonPathField}; use Arguments, Output or Assign`);

    if (TYPES_WITH_TRANSITION.has(state.Type)) {
      const { Next, End } = fields;
      if ((Next === undefined) === (End !== true)) fail(`state '${name}' must have exactly one of Next or "End": true`);
      target(name, "Next", Next as string | undefined);
    }
    if (state.Type === "Task" || state.Type === "Parallel") {
      for (const [index, catcher] of (state.Catch ?? []).entries()) {
        if ("ResultPath" in catcher) fail(`state '${name}' Catch[${index}] has JSONPath field ResultPath`);
        target(name, `Catch[${index}].Next`, catcher.Next);
      }
    }
    switch (state.Type) {
      case "Task": {
        // TimeoutSeconds and HeartbeatSeconds are positive, non-zero integers, and a heartbeat
        // must come sooner than the timeout (99,999,999 s when unset).
        // https://docs.aws.amazon.com/step-functions/latest/dg/state-task.html
        const timeout = secondsError(state.TimeoutSeconds, 1);
        if (timeout !== undefined) fail(`state '${name}' TimeoutSeconds ${timeout}`);
        const heartbeat = secondsError(state.HeartbeatSeconds, 1);
        if (heartbeat !== undefined) fail(`state '${name}' HeartbeatSeconds ${heartbeat}`);
        const timeoutSeconds = state.TimeoutSeconds ?? MAX_SECONDS;
        if (
          typeof state.HeartbeatSeconds === "number" &&
          typeof timeoutSeconds === "number" &&
          state.HeartbeatSeconds >= timeoutSeconds
        )
          fail(
            `state '${name}' HeartbeatSeconds ${state.HeartbeatSeconds} must be less than TimeoutSeconds ${timeoutSeconds}`,
          );
        break;
      }
      case "Wait": {
        // AWS refuses a larger Seconds: "SCHEMA_VALIDATION_FAILED: Maximum value is 99999999".
        // https://docs.aws.amazon.com/step-functions/latest/dg/state-wait.html
        const seconds = secondsError(state.Seconds, 0);
        if (seconds !== undefined) fail(`state '${name}' Seconds ${seconds}`);
        break;
      }
      case "Choice":
        if (!Array.isArray(state.Choices) || state.Choices.length === 0)
          fail(`Choice state '${name}' needs a non-empty Choices`);
        for (const [index, rule] of state.Choices.entries()) {
          if (typeof rule.Condition !== "string")
            fail(`Choice state '${name}' Choices[${index}] needs a JSONata Condition`);
          target(name, `Choices[${index}].Next`, rule.Next);
        }
        target(name, "Default", state.Default);
        break;
      case "Parallel":
        for (const [index, child] of state.Branches.entries())
          validateBranch(child, `${where}.${name}.Branches[${index}]`, language);
        break;
      case "Pass":
      case "Succeed":
      case "Fail":
        break;
      default:
        fail(
          `state '${name}' has Type ${
            (state as { Type: string }).Type
          }, which the harness does not run (Map is not supported)`,
        );
    }
  }
}

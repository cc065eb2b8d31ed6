import type { AnyStateMachineDefinition as StateMachineDefinition } from "../../../src/workflow/asl";

/**
 * asl-validator builds a new Ajv on every call, compiling all of its schemas again (about 0.1 s a
 * call). It always passes the same schemas and options, and registers the same formats, so one
 * Ajv instance serves every call: the first compiles, the rest reuse it, and ajv-formats' keywords
 * are added to it once. Verdicts are the same.
 */
jest.mock("ajv-formats", () => {
  const { default: addFormats, ...rest } = jest.requireActual("ajv-formats");
  const added = new WeakSet<object>();
  const addOnce = (ajv: object, ...args: unknown[]) => {
    if (added.has(ajv)) return ajv;
    added.add(ajv);
    return addFormats(ajv, ...args);
  };
  return { ...rest, __esModule: true, default: addOnce };
});
jest.mock("ajv", () => {
  const { default: Ajv, ...rest } = jest.requireActual("ajv");
  let shared: unknown;
  class SharedAjv {
    constructor(options: unknown) {
      shared ??= new Ajv(options);
      return shared as SharedAjv;
    }
  }
  return { ...rest, __esModule: true, default: SharedAjv };
});

interface AslValidation {
  readonly isValid: boolean;
  readonly errorsText: (separator?: string) => string;
}

// asl-validator ships no type declarations.
const aslValidator = require("asl-validator") as (definition: unknown) => AslValidation;

/**
 * The asl-validator verdict on a definition: "" when valid, else its error text. It gets a
 * copy because it writes a QueryLanguage into every state it checks.
 */
export function aslErrors(definition: StateMachineDefinition): string {
  const { isValid, errorsText } = aslValidator(structuredClone(definition));
  return isValid ? "" : errorsText("\n");
}

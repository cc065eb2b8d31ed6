import type { StateMachineDefinition } from "./asl";

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

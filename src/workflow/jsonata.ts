/**
 * JSONata helpers for the state machine definition. The definition is written into
 * Terraform JSON as one string, so every expression must also survive Terraform's
 * template parser: `${...}` interpolations are ours (input values), but a `%{` would
 * open a Terraform template directive and must never appear.
 * @see https://developer.hashicorp.com/terraform/language/expressions/strings#directives
 */

/** A string Step Functions evaluates as JSONata. */
export type JsonataString = `{% ${string} %}`;

/** Wraps an expression in the `{% ... %}` delimiters Step Functions expects. */
export function jsonata(expression: string): JsonataString {
  if (expression.includes("%{")) {
    throw new Error(`JSONata expression must not contain "%{" (a Terraform template directive): ${expression}`);
  }
  // asl-validator 4 rejects a closing delimiter with no space before it, so always pad.
  return `{% ${expression.trim()} %}`;
}

/** A single-quoted JSONata string literal. */
export function str(value: string): string {
  return `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}

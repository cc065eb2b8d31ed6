import { createHash, randomUUID } from "crypto";
import jsonata from "jsonata";
import { SfnError } from "./sfn-error";

/** What `$states` holds while a field is evaluated. */
export interface StatesBinding {
  readonly input: unknown;
  readonly context: unknown;
  readonly result?: unknown;
  /** Only the fields the error carries: a timeout has no Cause. */
  readonly errorOutput?: { readonly Error?: string; readonly Cause?: string };
}

/** Everything a JSONata expression in a state can see: `$states` and the workflow variables. */
export interface Scope {
  readonly stateName: string;
  readonly states: StatesBinding;
  readonly variables: Readonly<Record<string, unknown>>;
}

export const QUERY_EVALUATION_ERROR = "States.QueryEvaluationError";

// The whole string must be the expression; a string merely containing `{%` is a literal.
// https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html
const EXPRESSION = /^\{%(.*)%\}$/s;

/**
 * Evaluates a field value: a `{% expr %}` string, or JSON whose strings of that form are
 * evaluated at any depth. Every other value is copied as is.
 */
export async function evaluateField(value: unknown, scope: Scope, field: string): Promise<unknown> {
  if (typeof value === "string") {
    const match = EXPRESSION.exec(value);
    return match ? evaluateExpression(match[1], scope, field) : value;
  }
  if (Array.isArray(value)) {
    const items: unknown[] = [];
    for (const [index, item] of value.entries()) items.push(await evaluateField(item, scope, `${field}[${index}]`));
    return items;
  }
  if (value !== null && typeof value === "object") {
    const entries: [string, unknown][] = [];
    for (const [key, item] of Object.entries(value))
      entries.push([key, await evaluateField(item, scope, `${field}.${key}`)]);
    return Object.fromEntries(entries);
  }
  return value;
}

/** Evaluates every entry of an Assign block against the same scope; the caller applies them together. */
export async function evaluateAssign(
  assign: Readonly<Record<string, unknown>> | undefined,
  scope: Scope,
  field = "Assign",
): Promise<Record<string, unknown>> {
  const assigned: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(assign ?? {}))
    assigned[name] = await evaluateField(value, scope, `${field}.${name}`);
  return assigned;
}

async function evaluateExpression(expression: string, scope: Scope, field: string): Promise<unknown> {
  const fail = (detail: string): SfnError =>
    new SfnError(
      QUERY_EVALUATION_ERROR,
      `The JSONata expression '${expression.trim()}' specified for the field '${field}' in state '${
        scope.stateName
      }' ${detail}`,
    );
  let value: unknown;
  try {
    // No context value: AWS rejects a top-level `$` in JSONata states, so `$` is undefined here.
    value = await compile(expression).evaluate(undefined, { ...scope.variables, states: scope.states });
  } catch (error) {
    throw fail(`threw an error: ${(error as Error).message}`);
  }
  // JSON has no undefined; AWS fails the state rather than dropping the field.
  if (value === undefined) throw fail("returned nothing (undefined)");
  // A round trip drops JSONata's internal sequence markers and any sharing with the bindings.
  const json = toJson(value);
  if (json === undefined) throw fail("returned a value that is not JSON");
  return JSON.parse(json) as unknown;
}

/** JSON text, or undefined for values JSON cannot hold (functions, JSONata lambdas, cycles). */
function toJson(value: unknown): string | undefined {
  try {
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
}

const compiled = new Map<string, jsonata.Expression>();

function compile(expression: string): jsonata.Expression {
  const cached = compiled.get(expression);
  if (cached) return cached;
  const expr = jsonata(expression);
  registerStepFunctionsFunctions(expr);
  compiled.set(expression, expr);
  return expr;
}

const HASH_ALGORITHMS: Readonly<Record<string, string>> = {
  MD5: "md5",
  "SHA-1": "sha1",
  "SHA-256": "sha256",
  "SHA-384": "sha384",
  "SHA-512": "sha512",
};

/**
 * The functions Step Functions adds to JSONata, and the one it removes ($eval).
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html#jsonata-functions-provided-by-sfn
 */
function registerStepFunctionsFunctions(expr: jsonata.Expression): void {
  expr.registerFunction(
    "partition",
    (array: unknown[], size: number) => {
      if (!Number.isInteger(size) || size < 1)
        throw new Error(`$partition size must be a positive integer, got ${size}`);
      const chunks: unknown[][] = [];
      for (let start = 0; start < array.length; start += size) chunks.push(array.slice(start, start + size));
      return chunks;
    },
    "<an:a>",
  );
  // The end is inclusive and the step may be negative: $range(0, 10, 2) is [0, 2, 4, 6, 8, 10].
  expr.registerFunction(
    "range",
    (start: number, end: number, step: number) => {
      if (step === 0) throw new Error("$range step must not be 0");
      const values: number[] = [];
      for (let value = start; step > 0 ? value <= end : value >= end; value += step) values.push(value);
      return values;
    },
    "<nnn:a<n>>",
  );
  expr.registerFunction(
    "hash",
    (data: string, algorithm: string) => {
      const nodeAlgorithm = HASH_ALGORITHMS[algorithm];
      if (nodeAlgorithm === undefined) {
        throw new Error(
          `$hash algorithm must be one of ${Object.keys(HASH_ALGORITHMS).join(", ")}, got '${algorithm}'`,
        );
      }
      return createHash(nodeAlgorithm).update(data).digest("hex");
    },
    "<ss:s>",
  );
  // With a seed the value is reproducible, which is what tests want; without one it is random.
  expr.registerFunction(
    "random",
    (seed?: number) => (seed === undefined ? Math.random() : seededRandom(seed)),
    "<n?:n>",
  );
  expr.registerFunction("uuid", () => randomUUID(), "<:s>");
  expr.registerFunction("parse", (text: string) => JSON.parse(text) as unknown, "<s:x>");
  expr.registerFunction("eval", () => {
    throw new Error("$eval is not available in Step Functions; use $parse");
  });
}

/** One step of mulberry32: a small deterministic generator in [0, 1). AWS's own sequence is not documented. */
function seededRandom(seed: number): number {
  let t = (Math.trunc(seed) + 0x6d2b79f5) | 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

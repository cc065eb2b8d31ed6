/**
 * Terraform expressions as data. The module's naming and ARN rules are written once, as
 * expressions over their inputs, and used three ways:
 * - evaluated here, on concrete values, with the semantics of the Terraform function of the same
 *   name (synth-time names and validation);
 * - rendered through cdktf when an input is a token (src/naming/terraform-expr.ts);
 * - rendered as HCL text over `var.*` references (plan-time variable validation).
 * Pure: no cdktf import. tests/ checks the evaluator against `terraform console`.
 * @see https://developer.hashicorp.com/terraform/language/functions
 */

/** The Terraform functions the rules use. */
export type FunctionName =
  | "compact"
  | "concat"
  | "element"
  | "formatlist"
  | "join"
  | "keys"
  | "matchkeys"
  | "replace"
  | "split"
  | "startswith"
  | "values";

export type Expr =
  /** A value from outside: concrete, or a token the evaluator cannot look into. */
  | { readonly op: "input"; readonly value: unknown }
  /** A reference written as HCL text, e.g. `var.tags`; only the HCL renderer understands it. */
  | { readonly op: "ref"; readonly hcl: string }
  | { readonly op: "list"; readonly items: readonly Expr[] }
  /** String interpolation: `"a${x}b"`. */
  | { readonly op: "template"; readonly parts: readonly Expr[] }
  | { readonly op: "call"; readonly fn: FunctionName; readonly args: readonly Expr[] }
  | { readonly op: "conditional"; readonly condition: Expr; readonly then: Expr; readonly otherwise: Expr }
  /** `[for key, val in map : body]`, the body an expression of `val`. */
  | { readonly op: "forValues"; readonly map: Expr; readonly body: Expr };

/** An argument: an expression, or a string or number taken as a literal input. */
export type Arg = Expr | string | number;

const toExpr = (arg: Arg): Expr => (typeof arg === "object" ? arg : { op: "input", value: arg });
const call = (fn: FunctionName, ...args: Arg[]): Expr => ({ op: "call", fn, args: args.map(toExpr) });

export const input = (value: unknown): Expr => ({ op: "input", value });
export const ref = (hcl: string): Expr => ({ op: "ref", hcl });
export const list = (...items: Arg[]): Expr => ({ op: "list", items: items.map(toExpr) });
export const template = (...parts: Arg[]): Expr => ({ op: "template", parts: parts.map(toExpr) });
export const conditional = (condition: Expr, then: Arg, otherwise: Arg): Expr => ({
  op: "conditional",
  condition,
  then: toExpr(then),
  otherwise: toExpr(otherwise),
});
const VAL_NAME = "val";
/** The iteration variable of {@link forValues}. */
export const VAL = ref(VAL_NAME);
export const forValues = (map: Arg, body: Expr): Expr => ({ op: "forValues", map: toExpr(map), body });

export const compact = (listArg: Arg) => call("compact", listArg);
export const concat = (...lists: Arg[]) => call("concat", ...lists);
export const element = (listArg: Arg, index: number) => call("element", listArg, index);
export const formatlist = (format: string, listArg: Arg) => call("formatlist", format, listArg);
export const join = (separator: string, listArg: Arg) => call("join", separator, listArg);
export const keys = (map: Arg) => call("keys", map);
export const matchkeys = (valuesArg: Arg, keysArg: Arg, searchset: Arg) =>
  call("matchkeys", valuesArg, keysArg, searchset);
export const replace = (value: Arg, search: string, replacement: string) => call("replace", value, search, replacement);
export const split = (separator: string, value: Arg) => call("split", separator, value);
export const startswith = (value: Arg, prefix: string) => call("startswith", value, prefix);
export const values = (map: Arg) => call("values", map);

/** Thrown by {@link evaluate} where a value is not known: a token, or a reference. */
export class NotConcrete extends Error {
  constructor() {
    super("The expression depends on a value known only to Terraform.");
    this.name = "NotConcrete";
  }
}

/** Tells a Terraform token from a concrete value. */
export type IsToken = (value: unknown) => boolean;

type Map = Readonly<Record<string, unknown>>;

/**
 * The value of `expr`, computed as Terraform would. Throws NotConcrete when it depends on a token
 * or a reference. A template only concatenates, so its parts may be strings holding tokens: the
 * result is then a string holding the same tokens, as cdktf would write it.
 */
export function evaluate(expr: Expr, isToken: IsToken): unknown {
  switch (expr.op) {
    case "input":
      if (holdsToken(expr.value, isToken)) throw new NotConcrete();
      return expr.value;
    case "ref":
      throw new NotConcrete();
    case "list":
      return expr.items.map((item) => evaluate(item, isToken));
    case "template":
      return expr.parts
        .map((part) =>
          part.op === "input" && typeof part.value === "string" ? part.value : text(evaluate(part, isToken)),
        )
        .join("");
    case "conditional":
      return evaluate(expr.condition, isToken) === true
        ? evaluate(expr.then, isToken)
        : evaluate(expr.otherwise, isToken);
    case "forValues": {
      const map = evaluate(expr.map, isToken) as Map;
      return sortedKeys(map).map((key) => evaluate(substitute(expr.body, map[key]), isToken));
    }
    case "call":
      return FUNCTIONS[expr.fn](...expr.args.map((arg) => evaluate(arg, isToken)));
  }
}

/** `evaluate`, or undefined where the value is not known yet. */
export function tryEvaluate(expr: Expr, isToken: IsToken): { readonly value: unknown } | undefined {
  try {
    return { value: evaluate(expr, isToken) };
  } catch (error) {
    if (error instanceof NotConcrete) return undefined;
    throw error;
  }
}

/** `expr` as HCL text; inputs must be concrete (strings, numbers, lists, maps) or references. */
export function toHcl(expr: Expr): string {
  switch (expr.op) {
    case "input":
      return hclLiteral(expr.value);
    case "ref":
      return expr.hcl;
    case "list":
      return `[${expr.items.map(toHcl).join(", ")}]`;
    case "template":
      return `"${expr.parts
        .map((part) =>
          part.op === "input" && typeof part.value === "string" ? escapeTemplate(part.value) : `\${${toHcl(part)}}`,
        )
        .join("")}"`;
    case "conditional":
      return `${toHcl(expr.condition)} ? ${toHcl(expr.then)} : ${toHcl(expr.otherwise)}`;
    case "forValues":
      return `[for key, val in ${toHcl(expr.map)} : ${toHcl(expr.body)}]`;
    case "call":
      return `${expr.fn}(${expr.args.map(toHcl).join(", ")})`;
  }
}

/** `body` with VAL replaced by `value`. */
export function substitute(body: Expr, value: unknown): Expr {
  switch (body.op) {
    case "ref":
      return body.hcl === VAL_NAME ? input(value) : body;
    case "input":
      return body;
    case "list":
      return { ...body, items: body.items.map((item) => substitute(item, value)) };
    case "template":
      return { ...body, parts: body.parts.map((part) => substitute(part, value)) };
    case "call":
      return { ...body, args: body.args.map((arg) => substitute(arg, value)) };
    case "conditional":
      return {
        ...body,
        condition: substitute(body.condition, value),
        then: substitute(body.then, value),
        otherwise: substitute(body.otherwise, value),
      };
    case "forValues":
      return { ...body, map: substitute(body.map, value) };
  }
}

function holdsToken(value: unknown, isToken: IsToken): boolean {
  if (isToken(value)) return true;
  if (Array.isArray(value)) return value.some((item) => holdsToken(item, isToken));
  if (value !== null && typeof value === "object") {
    return Object.entries(value).some(([key, item]) => isToken(key) || holdsToken(item, isToken));
  }
  return false;
}

function hclLiteral(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value).replace(/\$\{/g, "$$${").replace(/%\{/g, "%%{");
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `[${value.map(hclLiteral).join(", ")}]`;
  if (value !== null && typeof value === "object") {
    return `{${Object.entries(value)
      .map(([key, item]) => `${JSON.stringify(key)} = ${hclLiteral(item)}`)
      .join(", ")}}`;
  }
  throw new Error(`No HCL literal for ${String(value)}`);
}

/** A literal part of an HCL template: JSON string escapes, and `${`/`%{` doubled so they stay text. */
function escapeTemplate(value: string): string {
  return JSON.stringify(value).slice(1, -1).replace(/\$\{/g, "$$${").replace(/%\{/g, "%%{");
}

/** Terraform converts numbers and booleans to strings where a string is expected. */
function text(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  throw new Error(`Terraform cannot use ${JSON.stringify(value)} as a string`);
}

function items(value: unknown, fn: string): unknown[] {
  if (!Array.isArray(value)) throw new Error(`${fn}: expected a list, got ${JSON.stringify(value)}`);
  return value;
}

function strings(value: unknown, fn: string): string[] {
  return items(value, fn).map(text);
}

/**
 * Terraform orders map keys lexicographically (Go compares their UTF-8 bytes), and keys()/values()
 * follow. The default sort compares UTF-16 code units: the same order unless a key holds a
 * character beyond U+FFFF.
 */
function sortedKeys(map: Map): string[] {
  if (map === null || typeof map !== "object" || Array.isArray(map))
    throw new Error(`expected a map, got ${JSON.stringify(map)}`);
  return Object.keys(map).sort();
}

const FUNCTIONS: Record<FunctionName, (...args: unknown[]) => unknown> = {
  // https://developer.hashicorp.com/terraform/language/functions/compact: drops "" (and null).
  compact: (listArg) => (listArg as unknown[]).filter((item) => item !== null && item !== "").map(text),
  concat: (...lists) => lists.flatMap((listArg) => items(listArg, "concat")),
  // https://developer.hashicorp.com/terraform/language/functions/element: the index wraps around.
  element: (listArg, index) => {
    const items = listArg as unknown[];
    if (items.length === 0) throw new Error("element: cannot use element function with an empty list");
    return items[(index as number) % items.length];
  },
  // https://developer.hashicorp.com/terraform/language/functions/formatlist: only `%s` is used here.
  formatlist: (format, listArg) => {
    if (!/^[^%]*%s[^%]*$/.test(format as string)) throw new Error(`formatlist: unsupported format ${String(format)}`);
    return strings(listArg, "formatlist").map((item) => (format as string).replace("%s", item));
  },
  join: (separator, listArg) => strings(listArg, "join").join(text(separator)),
  keys: (map) => sortedKeys(map as Map),
  // https://developer.hashicorp.com/terraform/language/functions/matchkeys
  matchkeys: (valuesArg, keysArg, searchset) => {
    const valueList = valuesArg as unknown[];
    const keyList = keysArg as unknown[];
    if (valueList.length !== keyList.length) throw new Error("matchkeys: length of keys and values should be equal");
    const search = new Set(searchset as unknown[]);
    return valueList.filter((_, index) => search.has(keyList[index]));
  },
  // https://developer.hashicorp.com/terraform/language/functions/replace: every occurrence of a
  // substring; a search wrapped in slashes would be a regular expression, which no rule uses.
  replace: (value, search, replacement) => {
    if (/^\/.*\/$/.test(text(search)))
      throw new Error(`replace: regular expressions are not supported: ${String(search)}`);
    return text(value).split(text(search)).join(text(replacement));
  },
  split: (separator, value) => text(value).split(text(separator)),
  startswith: (value, prefix) => text(value).startsWith(text(prefix)),
  values: (map) => sortedKeys(map as Map).map((key) => (map as Map)[key]),
};

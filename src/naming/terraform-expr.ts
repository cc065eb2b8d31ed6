import { Fn, TerraformIterator, Token } from "cdktf";
import { type Expr, type FunctionName, toHcl, tryEvaluate } from "./expr";

/**
 * The value of `expr` for a construct: computed now wherever its inputs are concrete, and a
 * Terraform expression (through cdktf's Fn) only for the parts that depend on a token. So a
 * CDKTF app with concrete props gets literals, and the module stack gets expressions.
 */
export function toTerraform(expr: Expr): unknown {
  const known = tryEvaluate(expr, Token.isUnresolved);
  if (known) return known.value;
  switch (expr.op) {
    case "input":
      return expr.value;
    case "ref":
      throw new Error(`The reference ${expr.hcl} has no value in a construct.`);
    case "list":
      return expr.items.map(toTerraform);
    case "template":
      // Tokens are strings in cdktf, so a template with a token in it is a concatenation.
      return expr.parts.map((part) => Token.asString(toTerraform(part))).join("");
    case "conditional":
      return Fn.conditional(toTerraform(expr.condition), toTerraform(expr.then), toTerraform(expr.otherwise));
    case "forValues":
      return TerraformIterator.fromMap(toTerraform(expr.map) as Record<string, string>).forExpressionForList(
        toHcl(expr.body),
      );
    case "call":
      return CALLS[expr.fn](...expr.args.map(toTerraform));
  }
}

/** toTerraform, as a string. */
export const terraformString = (expr: Expr): string => Token.asString(toTerraform(expr));
/** toTerraform, as a list of strings. */
export const terraformList = (expr: Expr): string[] => Token.asList(toTerraform(expr));

// Each argument is what a rule's input resolved to, a string, list, map or token; Fn's own
// parameter types describe the same values.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Call = (...args: any[]) => unknown;

const CALLS: Record<FunctionName, Call> = {
  compact: (list) => Fn.compact(list),
  concat: (...lists) => Fn.concat(lists),
  element: (list, index) => Fn.element(list, index),
  formatlist: (format, list) => Fn.formatlist(format, [list]),
  join: (separator, list) => Fn.join(separator, list),
  keys: (map) => Fn.keys(map),
  matchkeys: (values, keys, searchset) => Fn.matchkeys(values, keys, searchset),
  replace: (value, search, replacement) => Fn.replace(value, search, replacement),
  split: (separator, value) => Fn.split(separator, value),
  startswith: (value, prefix) => Fn.startswith(value, prefix),
  values: (map) => Fn.values(map),
};

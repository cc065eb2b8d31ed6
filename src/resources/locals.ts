import { Fn, TerraformLocal, Token } from "cdktf";
import type { Construct } from "constructs";
import { type Expr, input, tryEvaluate } from "../naming/expr";
import { toTerraform } from "../naming/terraform-expr";
import type { Addressing } from "./addressing";

/**
 * The values the workflow computes from its props: literal when every prop they read is concrete,
 * so an app's plan shows plain names, else named Terraform locals that Terraform computes.
 */
export class Locals {
  constructor(
    private readonly scope: Construct,
    private readonly addressing: Addressing,
  ) {}

  /** The value of a rule: computed now when its inputs are concrete, else the local `name`. */
  value(name: string, rule: Expr): string {
    const known = tryEvaluate(rule, Token.isUnresolved);
    if (known) return known.value as string;
    return this.local(name, toTerraform(rule));
  }

  /**
   * `map[key]`: the value itself when the map is concrete (validation has made sure the key is
   * there), else the local `name` holding the lookup.
   */
  entry(map: Readonly<Record<string, string>>, key: string, name: string): string {
    const known = tryEvaluate(input(map), Token.isUnresolved);
    if (known) return (known.value as Record<string, string>)[key];
    return this.local(name, Fn.lookupNested(map, [key]));
  }

  /**
   * A named Terraform local. Expressions that would put quotes inside the state machine
   * definition's JSON strings are referenced through locals, which keeps the definition valid JSON.
   */
  private local(name: string, expression: unknown): string {
    return this.addressing.place(new TerraformLocal(this.scope, name, expression), name).asString;
  }
}

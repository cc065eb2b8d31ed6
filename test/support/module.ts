/**
 * Shared inputs for the module tests. Concrete props make every name and ARN a literal in the
 * synthesized JSON, so naming rules can be asserted as plain strings.
 */
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { type App, TerraformStack, Testing } from "cdktf";
import { testApp } from "./app";
import * as fs from "fs";
import { addressOf, placementsOf } from "../../src/resources/addressing";
import { FinetuneWorkflow } from "../../src/finetune-workflow";
import type { FinetuneWorkflowProps } from "../../src/interface/props";
import { CONCRETE_PROPS } from "./sample-props";
import { CONTRACT_README } from "./contract/contract";

import type { TerraformJson } from "./synthesized";

export { CONCRETE_PROPS } from "./sample-props";

/**
 * The construct in an ordinary stack with concrete props. `tf` reads the stack by the module's
 * documented addresses (see {@link contractView}); `scoped` is the stack as synthesized.
 */
export function synthConstruct(
  props: Partial<FinetuneWorkflowProps>,
  app: App = testApp(),
  id = "test",
): { json: string; tf: TerraformJson; scoped: TerraformJson; workflow: FinetuneWorkflow } {
  const stack = new TerraformStack(app, id);
  new AwsProvider(stack, "aws", { region: "eu-west-1" });
  const workflow = new FinetuneWorkflow(stack, "finetune", { ...CONCRETE_PROPS, ...props });
  const json = Testing.synth(stack);
  return { json, tf: contractView(json, workflow), scoped: JSON.parse(json), workflow };
}

/**
 * An app's synthesized stack with one workflow's scoped logical ids (`finetune_sfn_role_1A2B3C4D`)
 * renamed to the module's documented names (`sfn`), in its blocks and its references alike, so that
 * a test of what the workflow builds reads the same in an app as in the module. Each scoped id ends
 * with a hash of its construct path, so no other text can contain it.
 */
export function contractView(json: string, workflow: FinetuneWorkflow): TerraformJson {
  const placements = placementsOf(workflow);
  if (placements.length === 0) throw new Error(`${workflow.node.path} placed nothing`);
  let text = json;
  for (const { element, contractName } of placements) text = text.split(element.friendlyUniqueId).join(contractName);
  return JSON.parse(text);
}

/**
 * Each element `workflow` placed: its documented address (`aws_iam_role.sfn`,
 * `data.aws_region.current`, `local.ns`), and its address in the workflow's stack.
 */
export function placedAddresses(workflow: FinetuneWorkflow): Map<string, string> {
  return new Map(
    placementsOf(workflow).map(({ element, contractName }) => {
      const address = addressOf(element);
      if (address === undefined) throw new Error(`${element.node.path} has no Terraform address`);
      return [address.replace(/[^.]+$/, contractName), address];
    }),
  );
}

/** `type.name` addresses of one block (`resource` or `data`) of synthesized JSON. */
export function addressesOf(block: Record<string, Record<string, unknown>> | undefined): string[] {
  return Object.entries(block ?? {})
    .flatMap(([type, byName]) => Object.keys(byName).map((name) => `${type}.${name}`))
    .sort();
}

/** `type.name` addresses the contract README's Resources table lists, by kind. */
export function contractAddresses(): { resources: string[]; dataSources: string[] } {
  const rows = [
    ...fs
      .readFileSync(CONTRACT_README, "utf8")
      .matchAll(/^\| \[([a-z0-9_]+\.[a-z0-9_]+)\]\([^)]*\) \| (resource|data source) \|$/gm),
  ];
  const of = (kind: string) =>
    rows
      .filter((r) => r[2] === kind)
      .map((r) => r[1])
      .sort();
  return { resources: of("resource"), dataSources: of("data source") };
}

/**
 * Shared inputs for the module tests. Concrete props make every name and ARN a literal in the
 * synthesized JSON, so naming rules can be asserted as plain strings.
 */
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { type App, TerraformStack, Testing } from "cdktf";
import { testApp } from "./app";
import * as fs from "fs";
import { FinetuneWorkflow } from "../../src/finetune-workflow";
import type { FinetuneWorkflowProps } from "../../src/props";
import { CONCRETE_PROPS } from "./sample-props";
import { CONTRACT_README } from "./contract/contract";

import type { TerraformJson } from "./synthesized";

export { CONCRETE_PROPS } from "./sample-props";

/** The construct in an ordinary stack with concrete props. */
export function synthConstruct(
  props: Partial<FinetuneWorkflowProps>,
  app: App = testApp(),
  id = "test",
): { json: string; tf: TerraformJson } {
  const stack = new TerraformStack(app, id);
  new AwsProvider(stack, "aws", { region: "eu-west-1" });
  new FinetuneWorkflow(stack, "finetune", { ...CONCRETE_PROPS, ...props });
  const json = Testing.synth(stack);
  return { json, tf: JSON.parse(json) };
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

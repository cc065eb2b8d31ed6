/**
 * docs/usage.md's "Starting the workflow": the HCL an HCL stack adds to get the state machine's
 * ARN without a module output, grant `states:StartExecution` and schedule executions. The deploy
 * suite applies those blocks as they are written, beside examples/hcl-consumer. Test code only.
 */
import * as fs from "fs";
import * as path from "path";
import { shimRegionReads } from "../../support/terraform/provider-shim";
import type { Toolchain } from "../../support/terraform/toolchain";
import { REPO_ROOT } from "../../support/terraform/working-copy";

const { sectionBlocks } = require("../../../tools/markdown");

export const USAGE_PAGE = "docs/usage.md";
export const SECTION = "### Starting the workflow";

/** What the deploy test reads back: each as an output of the stack, named here. */
export const OUTPUTS_TF = `output "documented_state_machine_arn" {
  value = local.finetune_state_machine_arn
}

output "data_source_state_machine_arn" {
  value = data.aws_sfn_state_machine.finetune.arn
}

output "schedule_target_arn" {
  value = one(aws_scheduler_schedule.finetune_weekly.target).arn
}

output "scheduler_role_name" {
  value = aws_iam_role.finetune_scheduler.name
}
`;
export const DOCS_OUTPUTS = [
  "documented_state_machine_arn",
  "data_source_state_machine_arn",
  "schedule_target_arn",
  "scheduler_role_name",
];

/** The section's `hcl` blocks, in order, from the page's markdown. */
export function startWorkflowBlocks(markdown: string): string[] {
  const blocks: string[] | undefined = sectionBlocks(markdown, SECTION, "hcl");
  if (blocks === undefined) throw new Error(`${USAGE_PAGE} has no "${SECTION}" section.`);
  if (blocks.length === 0) throw new Error(`${USAGE_PAGE}'s "${SECTION}" has no hcl block.`);
  return blocks;
}

/**
 * Writes the section's blocks, through the provider shim's region rewrite, and OUTPUTS_TF into
 * the stack copy at `cwd`.
 */
export function addStartWorkflowDocs(cwd: string, toolchain: Toolchain): void {
  const hcl = shimRegionReads(
    startWorkflowBlocks(fs.readFileSync(path.join(REPO_ROOT, USAGE_PAGE), "utf8")).join("\n"),
    toolchain.awsProviderVersion,
  );
  fs.writeFileSync(path.join(cwd, "start-workflow.tf"), hcl);
  fs.writeFileSync(path.join(cwd, "start-workflow-outputs.tf"), OUTPUTS_TF);
}

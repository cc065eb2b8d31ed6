/**
 * docs/usage.md's "Starting the workflow": the HCL an HCL stack adds to get the state machine's
 * ARN without a module output, grant `states:StartExecution` and schedule executions. The deploy
 * suite applies those blocks as they are written, beside examples/hcl-consumer. Test code only.
 */
import * as fs from "fs";
import * as path from "path";
import { needsShim } from "../../support/terraform/provider-shim";
import type { Toolchain } from "../../support/terraform/toolchain";
import { REPO_ROOT } from "../../support/terraform/working-copy";

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
  const start = markdown.indexOf(`\n${SECTION}\n`);
  if (start < 0) throw new Error(`${USAGE_PAGE} has no "${SECTION}" section.`);
  const rest = markdown.slice(start + SECTION.length + 2);
  const end = rest.search(/^#{1,3} /m);
  const section = end < 0 ? rest : rest.slice(0, end);
  const blocks = [...section.matchAll(/^```hcl\n([\s\S]*?)^```$/gm)].map((match) => match[1]);
  if (blocks.length === 0) throw new Error(`${USAGE_PAGE}'s "${SECTION}" has no hcl block.`);
  return blocks;
}

/**
 * Writes the section's blocks and OUTPUTS_TF into the stack copy at `cwd`. On the mirror's 5.x
 * provider, `data.aws_region.current.region`, which provider 6 added, is read as `.name`, the
 * rewrite test/support/terraform/provider-shim.ts makes in the module.
 */
export function addStartWorkflowDocs(cwd: string, toolchain: Toolchain): void {
  let hcl = startWorkflowBlocks(fs.readFileSync(path.join(REPO_ROOT, USAGE_PAGE), "utf8")).join("\n");
  if (needsShim(toolchain.awsProviderVersion)) {
    const shimmed = hcl.replace(/\bdata\.aws_region\.current\.region\b/g, "data.aws_region.current.name");
    if (shimmed === hcl) throw new Error("The documented HCL reads no data.aws_region.current.region to shim.");
    hcl = shimmed;
  }
  fs.writeFileSync(path.join(cwd, "start-workflow.tf"), hcl);
  fs.writeFileSync(path.join(cwd, "start-workflow-outputs.tf"), OUTPUTS_TF);
}

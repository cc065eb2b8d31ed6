/**
 * Jest global setup, once for the whole run, before any worker starts: finds the Terraform
 * toolchain (terraform/global-setup.ts) and synthesizes the module stack for the test files
 * that only read it (synthesized.ts). global-teardown.ts removes what this writes.
 */
import * as path from "path";
import { shareSynthesized } from "./synthesized";
import findTerraform from "./terraform/global-setup";

/** One file per run, so that runs side by side never read each other's. */
export const SYNTHESIZED_FILE = path.join(
  __dirname,
  "..",
  "..",
  "node_modules",
  ".cache",
  "finetune-workflow-tests",
  `synthesized-${process.pid}.json`,
);

export default function globalSetup(): void {
  findTerraform();
  shareSynthesized(SYNTHESIZED_FILE);
}

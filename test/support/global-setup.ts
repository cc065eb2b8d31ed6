/**
 * Jest global setup, once for the whole run, before any worker starts: finds the Terraform
 * toolchain (terraform/global-setup.ts) and synthesizes the module stack for the test files
 * that only read it (synthesized.ts). global-teardown.ts removes what this writes.
 */
import * as path from "path";
import { OUTDIR } from "./app";
import { shareSynthesized } from "./synthesized";
import findTerraform from "./terraform/global-setup";

export default function globalSetup(): void {
  findTerraform();
  // One file per run, so that runs side by side never read each other's.
  shareSynthesized(path.join(OUTDIR, `synthesized-${process.pid}.json`));
}

/**
 * Jest global setup: finds the Terraform toolchain once for the whole run. Without it the
 * real-Terraform tests are skipped, with one line saying why; in CI the run fails instead.
 */
import { DISCOVERY_ENV, isCi } from "./suite";
import { discoverToolchain } from "./toolchain";

export default function globalSetup(): void {
  const discovery = discoverToolchain();
  // Test workers inherit the environment, so they skip the search.
  process.env[DISCOVERY_ENV] = JSON.stringify(discovery);
  if ("missing" in discovery) {
    if (isCi()) throw new Error(`The Terraform tests cannot run in CI: ${discovery.missing}.`);
    process.stdout.write(`Skipping the real-Terraform tests: ${discovery.missing}.\n`);
  }
}

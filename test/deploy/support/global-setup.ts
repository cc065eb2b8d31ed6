/**
 * Jest global setup of `npm run test:deploy`: finds Terraform, its provider mirror and moto
 * once. Without one of them the suites are skipped, with one line saying why and how to get
 * it; in CI the run fails instead.
 */
import { DISCOVERY_ENV, isCi } from "../../support/terraform/suite";
import { discoverToolchain } from "../../support/terraform/toolchain";
import { discoverMoto } from "./moto/launcher";
import { MOTO_DISCOVERY_ENV, missingForDeploy } from "./suite";

const { ensureBuilt } = require("../../../tools/ensure-built");

export default function globalSetup(): void {
  // examples/cdktn-app runs the cdktn build in dist/, which must match src/.
  ensureBuilt();
  // The pinned AWS SDK runs on this Node 20; it warns, once per worker, only about later releases.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
  // Test workers inherit the environment, so they skip the searches.
  process.env[DISCOVERY_ENV] = JSON.stringify(discoverToolchain());
  process.env[MOTO_DISCOVERY_ENV] = JSON.stringify(discoverMoto());
  const missing = missingForDeploy();
  if (missing === undefined) return;
  if (isCi()) throw new Error(`The deploy suites cannot run in CI: ${missing}.`);
  process.stdout.write(`Skipping the deploy suites: ${missing}.\n`);
}

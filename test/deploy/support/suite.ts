/**
 * How the deploy suites find what they need: the Terraform toolchain and moto, found once by
 * global-setup.ts and handed to every test file through the environment. Test code only.
 */
import { describeIfFound, foundToolchain, toolchainDiscovery } from "../../support/terraform/suite";
import type { Toolchain } from "../../support/terraform/toolchain";
import { discoverMoto, type MotoDiscovery } from "./moto/launcher";

/** Carries global-setup.ts's moto discovery, as JSON, to the test files. */
export const MOTO_DISCOVERY_ENV = "FINETUNE_MOTO_DISCOVERY";

export function motoDiscovery(env: NodeJS.ProcessEnv = process.env): MotoDiscovery {
  const shared = env[MOTO_DISCOVERY_ENV];
  return shared ? (JSON.parse(shared) as MotoDiscovery) : discoverMoto();
}

/** Why the deploy suites cannot run here, or undefined when they can. */
export function missingForDeploy(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const terraform = toolchainDiscovery(env);
  if ("missing" in terraform) return terraform.missing;
  const moto = motoDiscovery(env);
  if ("missing" in moto) return moto.missing;
  return undefined;
}

/**
 * `describe` when Terraform, its provider mirror and moto are all there, `describe.skip` when
 * one is missing (global-setup.ts has said why, once; in CI it has failed the run instead).
 */
export function describeWithMoto(name: string, body: (toolchain: () => Toolchain) => void): void {
  const moto = motoDiscovery();
  describeIfFound("missing" in moto ? moto : foundToolchain(toolchainDiscovery()), name, body);
}

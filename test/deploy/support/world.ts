/**
 * What every deploy test starts from: a moto server of its own, and a Terraform sandbox whose
 * every run reaches that server and nothing else. Test code only.
 */
import * as fs from "fs";
import * as path from "path";
import { createNetwork, type Network } from "./aws";
import { type MotoOptions, type MotoServer, startMoto } from "./moto/launcher";
import { TerraformSandbox } from "../../support/terraform/runner";
import type { Toolchain } from "../../support/terraform/toolchain";
import { copyStack, forMirror, REPO_ROOT, type TerraformConfig } from "../../support/terraform/working-copy";
import { createBoundaryPolicy, networkValues, readTfvars } from "./examples";
import { COMMITTED_DIR, readCommittedModule } from "../../support/committed-module";

export interface MotoWorld {
  readonly moto: MotoServer;
  readonly sandbox: TerraformSandbox;
  close(): Promise<void>;
}

/**
 * The sandbox's Terraform commands, run one after another, attach to one AWS provider process
 * (TF_REATTACH_PROVIDERS, provider-server.ts) instead of each starting its own: a provider start
 * builds its whole schema, seconds of CPU, and a lifecycle runs a dozen commands. Each command
 * configures it anew, for the same moto.
 */
export async function openWorld(toolchain: Toolchain, options?: MotoOptions): Promise<MotoWorld> {
  const moto = await startMoto(options);
  const sandbox = new TerraformSandbox(toolchain, moto.awsEnv());
  sandbox.shareProvider();
  return {
    moto,
    sandbox,
    close: async () => {
      await Promise.all([moto.stop(), sandbox.stopProvider()]);
      sandbox.dispose();
    },
  };
}

/**
 * The module as committed in `terraform/` (its main.tf.json, and its variables.tf as hcl2json
 * reads it), or as a release shipped it (`test/deploy/releases/<v>/`, a main.tf.json alone
 * before 0.3.0), as one Terraform JSON configuration.
 */
export function readModule(release?: string): TerraformConfig {
  const dir = release ? path.join(REPO_ROOT, "test", "deploy", "releases", release) : COMMITTED_DIR;
  if (!fs.existsSync(path.join(dir, "variables.tf"))) {
    return JSON.parse(fs.readFileSync(path.join(dir, "main.tf.json"), "utf8"));
  }
  return readCommittedModule(dir);
}

/** The addresses of `state` inside the module called `finetune`, without that prefix. */
export function inModule(state: readonly string[]): string[] {
  const prefix = "module.finetune.";
  return state.filter((address) => address.startsWith(prefix)).map((address) => address.slice(prefix.length));
}

export const HCL_CONSUMER = "examples/hcl-consumer";

/**
 * The world an example's variables describe: moto's network, and the permissions boundary they
 * name. Resolves to the network, and to the values that replace the example's own.
 */
export async function prepareForExample(
  moto: MotoServer,
  tfvarsFile: string,
): Promise<{ network: Network; values: Record<string, unknown> }> {
  const example = await readTfvars(tfvarsFile);
  const [network] = await Promise.all([
    createNetwork(moto),
    createBoundaryPolicy(moto, example.role_permissions_boundary),
  ]);
  return { network, values: networkValues(example, network) };
}

/**
 * The committed module folder in `dir`, file for file, as a stack that sources it reads it:
 * main.tf.json through the provider shim, variables.tf as it is.
 */
function placeCommittedModule(dir: string, toolchain: Toolchain): void {
  const main = JSON.parse(fs.readFileSync(path.join(COMMITTED_DIR, "main.tf.json"), "utf8"));
  fs.writeFileSync(path.join(dir, "main.tf.json"), JSON.stringify(forMirror(main, toolchain), null, 2));
  fs.copyFileSync(path.join(COMMITTED_DIR, "variables.tf"), path.join(dir, "variables.tf"));
}

/**
 * examples/hcl-consumer in the world's sandbox, calling `module`, or else the committed folder
 * itself, as its README says to run it: terraform.tfvars copied from the example, then "your
 * values", the IDs of moto's network, in an .auto.tfvars.json that Terraform reads after it.
 */
export async function hclConsumer(
  world: MotoWorld,
  toolchain: Toolchain,
  module?: TerraformConfig,
): Promise<{ cwd: string; network: Network }> {
  const tfvars = `${HCL_CONSUMER}/terraform.tfvars.example`;
  const { network, values } = await prepareForExample(world.moto, tfvars);
  const placed = module ?? ((dir: string) => placeCommittedModule(dir, toolchain));
  const cwd = await copyStack(world.sandbox.root, HCL_CONSUMER, placed, toolchain, [
    { from: tfvars, to: "terraform.tfvars" },
  ]);
  fs.writeFileSync(path.join(cwd, "moto.auto.tfvars.json"), JSON.stringify(values));
  return { cwd, network };
}

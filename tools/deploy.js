#!/usr/bin/env node
// `npm run deploy -- [cdktf deploy options]`: `cdktf deploy` of the module stack that never waits
// for input, e.g. `npm run deploy -- --var-file=finetune-workflow.tfvars --auto-approve`.
//
// cdktf 0.21 runs `terraform apply` in a pseudo-terminal without `-input=false`, so Terraform asks
// for each required variable that has no value. cdktf looks for that question only in whole lines,
// and the question ends without a newline: the deploy waits forever for an answer it never shows.
// TF_INPUT=0 is `-input=false` for every Terraform command: a missing variable then fails the run
// at once, with Terraform's "No value for required variable" naming it.
// https://developer.hashicorp.com/terraform/cli/config/environment-variables#tf_input
const { spawnSync } = require("child_process");
const { STACK_ID } = require("./synthesize");

const CDKTF = require.resolve("cdktf-cli/bundle/bin/cdktf");

/** `{ env }`, the environment cdktf and Terraform run with; or `{ error }`, why they cannot run. */
function deployEnv(env) {
  // The module has no provider block, so the AWS provider configures itself from the environment.
  if (!env.AWS_REGION && !env.AWS_DEFAULT_REGION) {
    return {
      error:
        "npm run deploy: set AWS_REGION to the region to deploy to. The module has no provider block, so the AWS provider reads its region from the environment.\n",
    };
  }
  return { env: { ...env, TF_INPUT: "0", CHECKPOINT_DISABLE: env.CHECKPOINT_DISABLE ?? "1" } };
}

function main(argv) {
  const { env, error } = deployEnv(process.env);
  if (error !== undefined) {
    process.stderr.write(error);
    return 1;
  }
  const result = spawnSync(process.execPath, [CDKTF, "deploy", STACK_ID, ...argv], { stdio: "inherit", env });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

process.exitCode = main(process.argv.slice(2));

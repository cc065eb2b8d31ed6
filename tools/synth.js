#!/usr/bin/env node
// `npm run synth -- [cdktf synth options]`: `cdktf synth` without its call to HashiCorp's
// Checkpoint service (telemetry), which on a machine without internet access fails with a red
// `[ERROR] ... getaddrinfo ENOTFOUND checkpoint-api.hashicorp.com` and changes nothing else.
// A CHECKPOINT_DISABLE already set is kept.
// https://developer.hashicorp.com/terraform/cdktf/create-and-deploy/environment-variables
//
// A TF_CLI_CONFIG_FILE that names no file is dropped too: Terraform, which the CLI runs for its
// version, warns that it cannot open it and then uses no CLI configuration, as it does without the
// variable; the CLI prints that warning as red [ERROR] lines.
// https://developer.hashicorp.com/terraform/cli/config/config-file#locations
const fs = require("fs");
const { spawnSync } = require("child_process");

const CDKTF = require.resolve("cdktf-cli/bundle/bin/cdktf");

/** The environment the cdktf CLI runs with. */
function synthEnv(env, exists = fs.existsSync) {
  const { TF_CLI_CONFIG_FILE: configFile, ...rest } = env;
  const keep = configFile !== undefined && exists(configFile) ? { TF_CLI_CONFIG_FILE: configFile } : {};
  return { ...rest, ...keep, CHECKPOINT_DISABLE: env.CHECKPOINT_DISABLE ?? "1" };
}

function main(argv) {
  const result = spawnSync(process.execPath, [CDKTF, "synth", ...argv], {
    stdio: "inherit",
    env: synthEnv(process.env),
  });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));

module.exports = { synthEnv };

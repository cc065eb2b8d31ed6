// `npm run deploy`, run for real: scripts/deploy.js, the cdktf CLI and Terraform, as far as a
// machine without AWS credentials can go. The offline mirror holds only the 5.x AWS provider, so
// the stack deployed is a temp copy of the synthesized module relaxed to that version; the shipped
// module never changes.
import { spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App } from "cdktf";
import { FinetuneWorkflowModule } from "../../src/module-stack";
import { writeCliConfig } from "../support/terraform/cli-config";
import { shimTerraformJson } from "../support/terraform/provider-shim";
import { describeWithTerraform } from "../support/terraform/suite";

const { STACK_ID } = require("../../scripts/synthesize");
const hcl2json: { parse(file: string, text: string): Promise<Record<string, unknown>> } = require("@cdktf/hcl2json");

const ROOT = path.resolve(__dirname, "../..");
const DEPLOY = path.join(ROOT, "scripts", "deploy.js");
const TFVARS = path.join(ROOT, "finetune-workflow.tfvars.example");
/**
 * Far above a failing run's time, so that a run still going then waits for input, and is killed.
 * A run takes seconds on an idle machine, but the file took 30 s to 51 s with others' tests
 * beside it (1-minute load 11 to 17, on 2 cores), too close to a limit of 60 s.
 */
const HANG_MS = 150_000;

/** The synthesized module as `cdktf deploy --skip-synth` reads it, shimmed to run on the mirror's provider. */
function synthesizeForMirror(outdir: string, awsVersion: string): Record<string, any> {
  const app = new App({ outdir, stackTraces: false });
  new FinetuneWorkflowModule(app, STACK_ID);
  app.synth();
  const file = path.join(outdir, "stacks", STACK_ID, "cdk.tf.json");
  const module = shimTerraformJson(JSON.parse(fs.readFileSync(file, "utf8")), awsVersion);
  fs.writeFileSync(file, JSON.stringify(module, null, 2));
  return module;
}

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

/**
 * Runs the deploy in a process group of its own, so that a run still going after HANG_MS is
 * killed with cdktf and Terraform beneath it. Resolves to its output without colours, box
 * drawing and line wrapping, so that phrases match whole.
 */
function deploy(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ status: number | null; hung: boolean; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [DEPLOY, ...args], {
      cwd: ROOT,
      env,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const chunks: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => chunks.push(chunk));
    let hung = false;
    const timer = setTimeout(() => {
      hung = true;
      process.kill(-(child.pid as number), "SIGKILL");
    }, HANG_MS);
    child.on("error", reject);
    child.on("close", (status) => {
      clearTimeout(timer);
      const output = Buffer.concat(chunks)
        .toString("utf8")
        // eslint-disable-next-line no-control-regex -- ANSI colour codes start with ESC
        .replace(/\x1b\[[0-9;]*[A-Za-z]/g, "")
        .replace(/[│╷╵]/g, " ")
        .replace(/\s+/g, " ");
      resolve({ status, hung, output });
    });
  });
}

describe("finetune-workflow.tfvars.example", () => {
  const parse = async (file: string) => hcl2json.parse(path.basename(file), fs.readFileSync(file, "utf8"));

  test("sets every variable of the module, and nothing else", async () => {
    // GIVEN
    const variables = Object.keys(
      JSON.parse(fs.readFileSync(path.join(ROOT, "terraform", "main.tf.json"), "utf8")).variable,
    );

    // WHEN
    const tfvars = await parse(TFVARS);

    // THEN
    expect(Object.keys(tfvars).sort()).toEqual(variables.sort());
  });

  test("holds the values of the HCL example's terraform.tfvars.example, less the root stack's aws_region", async () => {
    // GIVEN
    const { aws_region: _region, ...hclExample } = await parse(
      path.join(ROOT, "examples", "hcl-consumer", "terraform.tfvars.example"),
    );

    // WHEN
    const tfvars = await parse(TFVARS);

    // THEN
    expect(tfvars).toEqual(hclExample);
  });
});

describe("npm run deploy, without AWS_REGION", () => {
  test("stops before cdktf starts, saying where the region comes from", () => {
    // GIVEN
    const env = Object.fromEntries(
      Object.entries(process.env).filter(([key]) => key !== "AWS_REGION" && key !== "AWS_DEFAULT_REGION"),
    );

    // WHEN
    const result = spawnSync(process.execPath, [DEPLOY], { cwd: ROOT, encoding: "utf8", env });

    // THEN
    expect({ status: result.status, stdout: result.stdout, stderr: result.stderr }).toEqual({
      status: 1,
      stdout: "",
      stderr:
        "npm run deploy: set AWS_REGION to the region to deploy to. The module has no provider block, so the AWS provider reads its region from the environment.\n",
    });
  });
});

describeWithTerraform("npm run deploy, with real Terraform and no AWS credentials", (toolchain) => {
  type Run = Awaited<ReturnType<typeof deploy>>;
  let work: string;
  let required: string[];
  let withoutVariables: Promise<Run>;
  let withVarFile: Promise<Run>;

  // Both runs start here and go on side by side, each on its own copy of the stack, so the
  // file takes as long as the slower run; the tests below wait for their own.
  beforeAll(() => {
    const { mirror, awsProviderVersion } = toolchain();
    work = fs.mkdtempSync(path.join(os.tmpdir(), "finetune-workflow-deploy-"));
    const env = envWithoutCredentials(work, writeCliConfig(work, mirror));
    const run = (name: string, extra: string[]) => {
      const outdir = path.join(work, name);
      const module = synthesizeForMirror(outdir, awsProviderVersion);
      required = Object.keys(module.variable)
        .filter((variable) => !("default" in module.variable[variable]))
        .sort();
      // The lock step of `cdktf deploy` asks the registry for every platform's checksums; the mirror has one.
      return deploy(["--skip-synth", "--skip-provider-lock", `--output=${outdir}`, ...extra], env);
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
      // GIVEN --var-file=finetune-workflow.tfvars.example
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

// `npm run deploy`, as the README has it, against moto: tools/deploy.js runs `cdktf deploy`
// of the module stack with the variables of examples/finetune-workflow.tfvars.example; a second plan of
// that stack changes nothing; `cdktf destroy` empties its state. The offline mirror holds only
// the 5.x AWS provider, so the stack is synthesized, shimmed, and deployed with --skip-synth.
import * as fs from "fs";
import * as path from "path";
import { type CliRun, runCli, synthesizeForCli } from "./support/cli";
import { LIFECYCLE_TIMEOUT_MS, MODULE_RESOURCES } from "./support/expected";
import { Deployment, type SecondPlan } from "./support/lifecycle";
import { describeWithMoto } from "./support/suite";
import { type MotoWorld, openWorld, prepareForExample } from "./support/world";
import { REPO_ROOT } from "../support/terraform/working-copy";

const { STACK_ID } = require("../../tools/synthesize");

const TFVARS = "examples/finetune-workflow.tfvars.example";
const DEPLOY = path.join(REPO_ROOT, "tools", "deploy.js");
const CDKTF = require.resolve("cdktf-cli/bundle/bin/cdktf");
/** A cdktf command's own limit: far above a run's half minute, below the file's. */
const CLI_TIMEOUT_MS = LIFECYCLE_TIMEOUT_MS / 3;

describeWithMoto("npm run deploy, then cdktf destroy", (toolchain) => {
  let world: MotoWorld;
  let deployed: CliRun;
  let applied: string[];
  let second: SecondPlan;
  let destroyedRun: CliRun;
  let destroyed: string[];

  beforeAll(async () => {
    world = await openWorld(toolchain());
    const { moto, sandbox } = world;
    const { values } = await prepareForExample(moto, TFVARS);
    const outdir = sandbox.path("cdktf.out");
    const stackDir = synthesizeForCli(outdir, toolchain());
    // A later --var-file wins: the example's values, then the IDs of moto's network.
    const networkFile = sandbox.path("network.tfvars.json");
    fs.writeFileSync(networkFile, JSON.stringify(values));
    const varFiles = [`--var-file=${path.join(REPO_ROOT, TFVARS)}`, `--var-file=${networkFile}`];
    const env = {
      ...moto.awsEnv(),
      TF_CLI_CONFIG_FILE: sandbox.cliConfigFile,
      CHECKPOINT_DISABLE: "1",
    };
    // The lock step of cdktf asks the registry for every platform's checksums; the mirror has one.
    const cdktfArgs = ["--skip-synth", "--skip-provider-lock", `--output=${outdir}`, ...varFiles, "--auto-approve"];
    deployed = await runCli([DEPLOY, ...cdktfArgs], { cwd: REPO_ROOT, env, timeoutMs: CLI_TIMEOUT_MS });
    if (deployed.status !== 0)
      throw new Error(`npm run deploy failed:\n${deployed.output}\n${moto.log().slice(-4000)}`);

    const deployment = new Deployment(sandbox, stackDir, moto, varFiles);
    applied = await deployment.state();
    second = await deployment.plan();
    // As the README says: TF_INPUT=0 before cdktf destroy, or a missing variable waits for input.
    destroyedRun = await runCli([CDKTF, "destroy", STACK_ID, ...cdktfArgs], {
      cwd: REPO_ROOT,
      env: { ...env, TF_INPUT: "0" },
      timeoutMs: CLI_TIMEOUT_MS,
    });
    destroyed = await deployment.state();
  }, LIFECYCLE_TIMEOUT_MS);

  afterAll(() => world?.close());

  test("npm run deploy applies every resource and data source of the module", () => {
    expect({ status: deployed.status, hung: deployed.hung }).toEqual({ status: 0, hung: false });
    expect(deployed.output).toMatch(/Apply complete! Resources: 20 added, 0 changed, 0 destroyed/);
    expect(applied).toEqual(MODULE_RESOURCES.withEndpoints);
  });

  test("a second plan of the stack changes nothing", () => {
    expect(second.verdict.changes).toEqual([]);
  });

  test("cdktf destroy leaves an empty state", () => {
    expect({ status: destroyedRun.status, hung: destroyedRun.hung }).toEqual({ status: 0, hung: false });
    expect(destroyedRun.output).toMatch(/Destroy complete! Resources: 20 destroyed/);
    expect(destroyed).toEqual([]);
  });
});

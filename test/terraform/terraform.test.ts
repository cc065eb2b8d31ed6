/**
 * The real Terraform on the module and its callers, offline, with a mocked AWS provider.
 *
 * The sandbox holds the synthesized module (suite/), beside copies of the repository's
 * examples/hcl-consumer, examples/cdktf-app's synthesized stack and test/terraform/unknown-inputs,
 * each calling its own copy of the module. In suite/, one `terraform init` installs the
 * provider from the mirror for all of them, one `terraform validate` checks the module and,
 * through the test files that run them, every caller, and `terraform test` runs tests/: the
 * module's files in one process, the callers' in another, at once. Every one of these commands
 * attaches to one shared provider process, which loads its schema once instead of at every
 * graph walk (test/support/terraform/provider-server.ts).
 *
 * The bad inputs of bad-inputs/ run meanwhile, on the module's variables alone, and so do
 * accepted-inputs/, the valid values at the edges of the rules those bad inputs break.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Testing } from "cdktf";
import { testApp } from "../support/app";
import { buildStack } from "../../examples/cdktf-app/main";
import { FinetuneWorkflowModule } from "../../src/module-stack";
import { inBatches, type TerraformResult, TerraformSandbox } from "../support/terraform/runner";
import { describeWithTerraform, TERRAFORM_TIMEOUT_MS } from "../support/terraform/suite";
import { type FileOutcome, outcomeOf, testFiles } from "../support/terraform/test-report";
import { copyStack, forMirror, variablesOnly, withoutBackend, writeConfigCopy } from "../support/terraform/working-copy";
import { REFUSALS } from "./refusals";

const hcl2json: { parse(file: string, text: string): Promise<Record<string, any>> } = require("@cdktf/hcl2json");

const tftestFiles = (dir: string) =>
  fs
    .readdirSync(path.join(__dirname, dir))
    .filter((f) => f.endsWith(".tftest.hcl"))
    .sort();

/** The callers' test files, which run a copied stack as their module; the rest test the module itself. */
const CALLER_TESTS = ["tests/cdktf-app.tftest.hcl", "tests/hcl-consumer.tftest.hcl", "tests/unknown-inputs.tftest.hcl"];
const SUITE_TESTS = tftestFiles("tests").map((f) => `tests/${f}`);
const MODULE_TESTS = SUITE_TESTS.filter((f) => !CALLER_TESTS.includes(f));
const BAD_INPUTS = tftestFiles("bad-inputs").map((f) => f.slice(0, -".tftest.hcl".length));
const ACCEPTED_INPUTS = tftestFiles("accepted-inputs").map((f) => `tests/${f}`);

/** The bad input a file's run sets, as a `.tfvars.json` document. */
async function badInputOf(name: string): Promise<Record<string, unknown>> {
  const file = `${name}.tftest.hcl`;
  const parsed = await hcl2json.parse(file, fs.readFileSync(path.join(__dirname, "bad-inputs", file), "utf8"));
  return parsed.run.refused[0].variables[0];
}

/** The errors a `terraform plan -json` reports, each the first paragraph of its detail: the rule's message. */
function planErrors(result: TerraformResult): string[] {
  return result.stdout
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line))
    .filter((message) => message.type === "diagnostic" && message.diagnostic.severity === "error")
    .map((message) => String(message.diagnostic.detail).split("\n\n")[0]);
}

test("the callers' test files are in tests/", () => {
  expect(CALLER_TESTS.filter((f) => !SUITE_TESTS.includes(f))).toEqual([]);
});

test("every bad-input file has its expected refusal, and every refusal its file", () => {
  expect(BAD_INPUTS).toEqual(Object.keys(REFUSALS).sort());
});

describeWithTerraform("terraform", (toolchain) => {
  let sandbox: TerraformSandbox;
  let init: TerraformResult;
  let validate: TerraformResult;
  const outcomes = new Map<string, FileOutcome>();
  const runs: TerraformResult[] = [];
  let variableTests: { outcomes: Map<string, FileOutcome>; result: TerraformResult };
  const plans = new Map<string, TerraformResult>();

  beforeAll(async () => {
    sandbox = new TerraformSandbox(toolchain());
    // Every test here mocks the provider, so validate and all the tests share one provider
    // process, which starts while the stacks synthesize.
    sandbox.shareProvider();
    const moduleConfig = JSON.parse(Testing.synth(new FinetuneWorkflowModule(testApp(), "finetune-workflow")));
    const app = JSON.parse(Testing.synth(buildStack(testApp(), "finetune-prod")));

    const suite = writeConfigCopy(sandbox.path("suite"), forMirror(moduleConfig, toolchain()), [
      { from: "test/terraform/terraform.tfvars", to: "terraform.tfvars" },
      { from: "test/terraform/tests", to: "tests" },
    ]);
    const example = await copyStack(sandbox.root, "examples/hcl-consumer", moduleConfig, toolchain(), [
      { from: "examples/hcl-consumer/terraform.tfvars.example", to: "terraform.tfvars" },
    ]);
    await copyStack(sandbox.root, "test/terraform/unknown-inputs", moduleConfig, toolchain());
    writeConfigCopy(sandbox.path("examples/cdktf-app/cdktf.out/stacks/finetune-prod"), forMirror(withoutBackend(app), toolchain()));
    const variables = writeConfigCopy(sandbox.path("variables"), variablesOnly(moduleConfig), [
      { from: "test/terraform/terraform.tfvars", to: "terraform.tfvars" },
      { from: "test/terraform/bad-inputs", to: "tests" },
      { from: "test/terraform/accepted-inputs", to: "tests" },
    ]);

    let initVariables: TerraformResult;
    [init, initVariables] = await Promise.all([sandbox.init(suite), sandbox.init(variables)]);
    if (init.code !== 0 || initVariables.code !== 0) throw new Error(`terraform init failed:\n${init.stderr}${initVariables.stderr}`);

    const planBadInputs = inBatches(BAD_INPUTS, os.cpus().length, async (name) => {
      const varFile = sandbox.path(`${name}.tfvars.json`);
      fs.writeFileSync(varFile, JSON.stringify(await badInputOf(name)));
      plans.set(name, await sandbox.plan(variables, "-json", "-lock=false", `-var-file=${varFile}`));
    });
    const [validated, moduleRuns, callerRuns, variableRuns] = await Promise.all([
      sandbox.validate(suite),
      testFiles(sandbox, suite, MODULE_TESTS),
      // The example's own values, as its README has them copied to terraform.tfvars.
      testFiles(sandbox, suite, CALLER_TESTS, `-var-file=${path.join(example, "terraform.tfvars")}`),
      testFiles(sandbox, variables, [...BAD_INPUTS.map((name) => `tests/${name}.tftest.hcl`), ...ACCEPTED_INPUTS]),
      planBadInputs,
    ]);
    validate = validated;
    for (const { outcomes: found, result } of [moduleRuns, callerRuns]) {
      for (const [file, outcome] of found) outcomes.set(file, outcome);
      runs.push(result);
    }
    variableTests = variableRuns;
  }, TERRAFORM_TIMEOUT_MS);
  afterAll(() => sandbox?.dispose());

  test("init installs hashicorp/aws from the mirror, offline, for the module and every caller", () => {
    expect({ code: init.code, stderr: init.stderr }).toEqual({ code: 0, stderr: "" });
    expect(init.stdout).toContain(`- Installed hashicorp/aws v${toolchain().awsProviderVersion} (unauthenticated)`);
  });

  test("validate accepts the module and every caller, without a warning", () => {
    expect({ code: validate.code, stdout: validate.stdout.trim(), stderr: validate.stderr }).toEqual({
      code: 0,
      stdout: "Success! The configuration is valid.",
      stderr: "",
    });
  });

  test.each(SUITE_TESTS)("test: %s passes", (file) => {
    expect(outcomeOf(outcomes, runs, file)).toEqual({ status: "pass", errors: [] });
  });

  test.each(ACCEPTED_INPUTS)("accepted inputs: %s passes, every run planned", (file) => {
    expect(outcomeOf(variableTests.outcomes, [variableTests.result], file)).toEqual({ status: "pass", errors: [] });
  });

  describe.each(BAD_INPUTS)("bad input %s", (name) => {
    test("test: its run fails on the variable it expects, and only there", () => {
      expect(outcomeOf(variableTests.outcomes, [variableTests.result], `tests/${name}.tftest.hcl`)).toEqual({ status: "pass", errors: [] });
    });

    test("plan: refused with one error, the rule's message", () => {
      expect(planErrors(plans.get(name)!)).toEqual([REFUSALS[name]]);
    });
  });
});

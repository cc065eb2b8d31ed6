/**
 * The real Terraform on the module and its callers, offline, with a mocked AWS provider.
 *
 * The sandbox holds the synthesized module (suite/), beside copies of the repository's
 * examples/hcl-consumer, examples/cdktf-app's synthesized stack and test/terraform/unknown-inputs,
 * each calling its own copy of the module. In suite/, one `terraform init` installs the
 * provider from the mirror for all of them, and `terraform test` runs tests/: the module's files
 * in one process, the callers' in another, at once. Each run validates the module it runs, the
 * module or, through the test files that run them, a caller, before it plans; no separate
 * `terraform validate` is needed, and none would be cheap (~4 s of CPU). Every one of these
 * commands attaches to one shared provider process, which loads its schema once instead of at
 * every graph walk (test/support/terraform/provider-server.ts).
 *
 * The bad inputs of bad-inputs/ run meanwhile, on the module's variables alone, and so do
 * accepted-inputs/, the valid values at the edges of the rules those bad inputs break. Each bad
 * input runs twice in that one process: as written, where `expect_failures` shows the variable
 * it fails on, and as a plain plan (`<name>.plan.tftest.hcl`, the same file without
 * `expect_failures`), whose errors show the rule's message.
 */
import * as fs from "fs";
import * as path from "path";
import { Testing } from "cdktf";
import { testApp } from "../support/app";
import { synthModule } from "../support/synthesized";
import { buildStack } from "../../examples/cdktf-app/main";
import { type TerraformResult, TerraformSandbox } from "../support/terraform/runner";
import { describeWithTerraform, TERRAFORM_TIMEOUT_MS } from "../support/terraform/suite";
import { errorMessages, type FileOutcome, outcomeOf, testFiles, warnings } from "../support/terraform/test-report";
import {
  copyStack,
  forMirror,
  variablesOnly,
  withoutBackend,
  withoutExpectedFailures,
  writeConfigCopy,
} from "../support/terraform/working-copy";
import { REFUSALS } from "./refusals";

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

const badInputTest = (name: string) => `tests/${name}.tftest.hcl`;
/** The same bad input as a plain plan, its `expect_failures` removed. */
const badInputPlan = (name: string) => `tests/${name}.plan.tftest.hcl`;

test("the callers' test files are in tests/", () => {
  expect(CALLER_TESTS.filter((f) => !SUITE_TESTS.includes(f))).toEqual([]);
});

test("every bad-input file has its expected refusal, and every refusal its file", () => {
  expect(BAD_INPUTS).toEqual(Object.keys(REFUSALS).sort());
});

describeWithTerraform("terraform", (toolchain) => {
  let sandbox: TerraformSandbox;
  let init: TerraformResult;
  const outcomes = new Map<string, FileOutcome>();
  const runs: TerraformResult[] = [];
  let variableTests: { outcomes: Map<string, FileOutcome>; result: TerraformResult };
  let planErrors: Map<string, string[]>;

  beforeAll(async () => {
    sandbox = new TerraformSandbox(toolchain());
    // Every test here mocks the provider, so all the tests share one provider
    // process, which starts while the stacks synthesize.
    sandbox.shareProvider();
    const moduleConfig = synthModule().tf;
    const app = JSON.parse(Testing.synth(buildStack(testApp(), "finetune-prod")));

    const suite = writeConfigCopy(sandbox.path("suite"), forMirror(moduleConfig, toolchain()), [
      { from: "test/terraform/terraform.tfvars", to: "terraform.tfvars" },
      { from: "test/terraform/tests", to: "tests" },
    ]);
    const example = await copyStack(sandbox.root, "examples/hcl-consumer", moduleConfig, toolchain(), [
      { from: "examples/hcl-consumer/terraform.tfvars.example", to: "terraform.tfvars" },
    ]);
    await copyStack(sandbox.root, "test/terraform/unknown-inputs", moduleConfig, toolchain());
    writeConfigCopy(
      sandbox.path("examples/cdktf-app/cdktf.out/stacks/finetune-prod"),
      forMirror(withoutBackend(app), toolchain()),
    );
    const variables = writeConfigCopy(sandbox.path("variables"), variablesOnly(moduleConfig), [
      { from: "test/terraform/terraform.tfvars", to: "terraform.tfvars" },
      { from: "test/terraform/bad-inputs", to: "tests" },
      { from: "test/terraform/accepted-inputs", to: "tests" },
    ]);
    for (const name of BAD_INPUTS) {
      const tftest = fs.readFileSync(path.join(variables, badInputTest(name)), "utf8");
      fs.writeFileSync(path.join(variables, badInputPlan(name)), withoutExpectedFailures(tftest));
    }

    let initVariables: TerraformResult;
    [init, initVariables] = await Promise.all([sandbox.init(suite), sandbox.init(variables)]);
    if (init.code !== 0 || initVariables.code !== 0)
      throw new Error(`terraform init failed:\n${init.stderr}${initVariables.stderr}`);

    const [moduleRuns, callerRuns, variableRuns] = await Promise.all([
      testFiles(sandbox, suite, MODULE_TESTS),
      // The example's own values, as its README has them copied to terraform.tfvars.
      testFiles(sandbox, suite, CALLER_TESTS, `-var-file=${path.join(example, "terraform.tfvars")}`),
      testFiles(sandbox, variables, [
        ...BAD_INPUTS.flatMap((name) => [badInputTest(name), badInputPlan(name)]),
        ...ACCEPTED_INPUTS,
      ]),
    ]);
    for (const { outcomes: found, result } of [moduleRuns, callerRuns]) {
      for (const [file, outcome] of found) outcomes.set(file, outcome);
      runs.push(result);
    }
    variableTests = variableRuns;
    planErrors = errorMessages(variableRuns.result.stdout);
  }, TERRAFORM_TIMEOUT_MS);
  afterAll(async () => {
    await sandbox?.stopProvider();
    sandbox?.dispose();
  });

  test("init installs hashicorp/aws from the mirror, offline, for the module and every caller", () => {
    expect({ code: init.code, stderr: init.stderr }).toEqual({ code: 0, stderr: "" });
    expect(init.stdout).toContain(`- Installed hashicorp/aws v${toolchain().awsProviderVersion} (unauthenticated)`);
  });

  test("the module and every caller validate without a warning", () => {
    expect([...runs, variableTests.result].flatMap((run) => warnings(run.stdout))).toEqual([]);
  });

  test.each(SUITE_TESTS)("test: %s passes", (file) => {
    expect(outcomeOf(outcomes, runs, file)).toEqual({ status: "pass", errors: [] });
  });

  test.each(ACCEPTED_INPUTS)("accepted inputs: %s passes, every run planned", (file) => {
    expect(outcomeOf(variableTests.outcomes, [variableTests.result], file)).toEqual({ status: "pass", errors: [] });
  });

  describe.each(BAD_INPUTS)("bad input %s", (name) => {
    test("test: its run fails on the variable it expects, and only there", () => {
      expect(outcomeOf(variableTests.outcomes, [variableTests.result], badInputTest(name))).toEqual({
        status: "pass",
        errors: [],
      });
    });

    test("plan: refused with one error, the rule's message", () => {
      const { status } = outcomeOf(variableTests.outcomes, [variableTests.result], badInputPlan(name));
      expect({ status, errors: planErrors.get(badInputPlan(name)) }).toEqual({
        status: "error",
        errors: [REFUSALS[name]],
      });
    });
  });
});

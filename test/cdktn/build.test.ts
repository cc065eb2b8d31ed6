// The cdktn build: in this Jest project src/ loads cdktn and @cdktn/provider-aws wherever it
// imports cdktf and @cdktf/provider-aws (jest.config.js), the two renames tools/cdktn-build.js
// makes in the compiled files. It refuses a stack of cdktf: the direction that
// test/construct/core.test.ts, on the cdktf build, does not run.
import * as fs from "fs";
import * as path from "path";
import { TerraformStack } from "cdktf";
import { stackCore } from "../../src/core";
import { renderVariablesTf } from "../../tools/docs/variables-tf";
import { FinetuneWorkflow } from "../../src/finetune-workflow";
import { FinetuneWorkflowModule } from "../../src/module-stack";
import { testAppOf } from "../support/app";
import { CONCRETE_PROPS } from "../support/sample-props";
import { withHint } from "../support/with-hint";

const { synthesizeModule } = require("../../tools/synthesize");

const ROOT = path.resolve(__dirname, "../..");
// cdktf itself, by path: in this project the name "cdktf" loads cdktn.
const cdktf = require(path.join(ROOT, "node_modules", "cdktf"));
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));

/** Terraform JSON without the core's version, which `"//".metadata` records; everything else is kept. */
function withoutCoreVersion(tf: Record<string, any>): { version: unknown; rest: Record<string, any> } {
  const rest = structuredClone(tf);
  const version = rest["//"].metadata.version;
  delete rest["//"].metadata.version;
  return { version, rest };
}

describe("the cdktn build", () => {
  test("is what this project runs: src/'s TerraformStack is cdktn's", () => {
    // GIVEN
    const own = TerraformStack;

    // WHEN
    const core = stackCore(own);

    // THEN
    expect(core).toBe("cdktn");
  });

  test("synthesizes the module stack as cdktf does (terraform/), but for the core's version in the metadata", () => {
    // GIVEN: the module as cdktf writes it (test/docs/terraform-folder.test.ts checks it is a fresh synth)
    const byCdktf = withoutCoreVersion(
      JSON.parse(fs.readFileSync(path.join(ROOT, "terraform", "main.tf.json"), "utf8")),
    );
    const variablesTf = fs.readFileSync(path.join(ROOT, "terraform", "variables.tf"), "utf8");

    // WHEN
    const synthesized = JSON.parse(synthesizeModule(FinetuneWorkflowModule));
    const { variable: _variables, ...rest } = synthesized;
    const byCdktn = withoutCoreVersion(rest);

    // THEN
    expect({ cdktf: byCdktf.version, cdktn: byCdktn.version }).toEqual({
      cdktf: pkg.devDependencies.cdktf,
      cdktn: pkg.devDependencies.cdktn,
    });
    withHint("If src/ changed, regenerate terraform/ first: `npm run module`.", () => {
      expect(byCdktn.rest).toEqual(byCdktf.rest);
      expect(renderVariablesTf(synthesized)).toBe(variablesTf);
    });
  });

  test("in a cdktf stack, fails at construction, naming the cdktf import, and adds nothing to the stack", () => {
    // GIVEN
    const stack = new cdktf.TerraformStack(testAppOf(cdktf.Testing), "prod");

    // WHEN
    const construct = () => new FinetuneWorkflow(stack, "finetune", CONCRETE_PROPS);

    // THEN
    expect(construct).toThrow(
      new Error(
        'FinetuneWorkflow "finetune" is the cdktn build, but stack "prod" is a cdktf TerraformStack, and constructs of the two cores cannot share a stack. In a cdktf app, import { FinetuneWorkflow } from "finetune-workflow".',
      ),
    );
    expect(stack.node.children).toEqual([]);
  });
});

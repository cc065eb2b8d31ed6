// The cdktn build refuses a stack of cdktf, the direction test/module/core.test.ts does not run.
import * as path from "path";
import { FinetuneWorkflow } from "../../src/finetune-workflow";
import { testAppOf } from "../support/app";
import { CONCRETE_PROPS } from "../support/sample-props";

// cdktf itself, by path: in this project the name "cdktf" loads cdktn.
const cdktf = require(path.resolve(__dirname, "../../node_modules/cdktf"));

describe("FinetuneWorkflow, the cdktn build", () => {
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

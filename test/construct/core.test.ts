/**
 * Which core a stack belongs to, and the construct's refusal of a stack of the other core. This
 * project runs the cdktf build; test/cdktn/build.test.ts runs the other direction.
 */
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import * as cdktf from "cdktf";
import * as cdktn from "cdktn";
import { Construct } from "constructs";
import { assertSameCore, stackCore } from "../../src/core";
import { FinetuneWorkflow } from "../../src/finetune-workflow";
import { FinetuneWorkflowModule } from "../../src/module-stack";
import { testAppOf } from "../support/app";
import { contractView } from "../support/module";
import { CONCRETE_PROPS } from "../support/sample-props";

const JSII_RTTI = Symbol.for("jsii.rtti");

/** A class carrying jsii type information with the given fully qualified name. */
function jsiiClass(fqn: string, base: abstract new (...args: never[]) => object = Object) {
  const type = class extends (base as new () => object) {};
  Object.defineProperty(type, JSII_RTTI, { value: { fqn, version: "1.0.0" } });
  return type;
}

/** A stand-in for a construct: its class and its path are all the check reads. */
function scopeOf(type: new () => object, path: string) {
  return Object.assign(new type(), { node: { path } });
}

describe("stackCore", () => {
  test("names the core of each core's TerraformStack", () => {
    // GIVEN
    const stacks = { cdktf: cdktf.TerraformStack, cdktn: cdktn.TerraformStack };

    // WHEN
    const cores = { cdktf: stackCore(stacks.cdktf), cdktn: stackCore(stacks.cdktn) };

    // THEN
    expect(cores).toEqual({ cdktf: "cdktf", cdktn: "cdktn" });
  });

  test("names the core of a class that extends a TerraformStack, through jsii classes of other names", () => {
    // GIVEN
    const library = jsiiClass("some-library.LibraryStack", cdktn.TerraformStack);
    const app = class extends library {};

    // WHEN
    const cores = { module: stackCore(FinetuneWorkflowModule), app: stackCore(app) };

    // THEN
    expect(cores).toEqual({ module: "cdktf", app: "cdktn" });
  });

  test("names no core for other classes of the cores, other types and values that are not classes", () => {
    // GIVEN
    const others = [
      cdktf.App,
      cdktn.TerraformOutput,
      Construct,
      jsiiClass("cdktf.TerraformStackSet"),
      jsiiClass("other.TerraformStack"),
      jsiiClass("cdktn.TerraformStack.Props"),
      { [JSII_RTTI]: { fqn: "cdktf.TerraformStack" } },
      undefined,
      null,
      "cdktf.TerraformStack",
    ];

    // WHEN
    const cores = others.map((value) => stackCore(value));

    // THEN
    expect(cores).toEqual(others.map(() => undefined));
  });
});

describe("assertSameCore", () => {
  const CdktfStack = jsiiClass("cdktf.TerraformStack");
  const CdktnStack = jsiiClass("cdktn.TerraformStack");
  const Plain = class {};

  test("accepts a stack of its own core, whichever core's App holds it", () => {
    // GIVEN
    const scopes = [scopeOf(CdktnStack, ""), scopeOf(CdktfStack, "prod"), scopeOf(Plain, "prod/part")];

    // WHEN
    const check = () => assertSameCore("FinetuneWorkflow", "finetune", scopes, CdktfStack);

    // THEN
    expect(check).not.toThrow();
  });

  test("leaves a scope with no stack to TerraformStack.of", () => {
    // GIVEN
    const scopes = [scopeOf(Plain, ""), scopeOf(Plain, "part")];

    // WHEN
    const check = () => assertSameCore("FinetuneWorkflow", "finetune", scopes, CdktfStack);

    // THEN
    expect(check).not.toThrow();
  });

  test("refuses the nearest stack when it is of the other core, naming that core's import", () => {
    // GIVEN
    const scopes = [scopeOf(Plain, ""), scopeOf(CdktnStack, "prod"), scopeOf(Plain, "prod/part")];

    // WHEN
    const check = () => assertSameCore("FinetuneWorkflow", "finetune", scopes, CdktfStack);

    // THEN
    expect(check).toThrow(
      new Error(
        'FinetuneWorkflow "finetune" is the cdktf build, but stack "prod" is a cdktn TerraformStack, and constructs of the two cores cannot share a stack. In a cdktn app, import { FinetuneWorkflow } from "finetune-workflow/cdktn".',
      ),
    );
  });

  test("judges only the nearest stack", () => {
    // GIVEN
    const scopes = [scopeOf(CdktfStack, "outer"), scopeOf(CdktnStack, "outer/inner")];

    // WHEN
    const check = () => assertSameCore("FinetuneWorkflow", "finetune", scopes, CdktnStack);

    // THEN
    expect(check).not.toThrow();
  });

  test("refuses to judge when its own TerraformStack is of neither core", () => {
    // GIVEN
    const scopes = [scopeOf(CdktfStack, "prod")];

    // WHEN
    const check = () => assertSameCore("FinetuneWorkflow", "finetune", scopes, Plain);

    // THEN
    expect(check).toThrow(new Error("FinetuneWorkflow cannot tell which core its own TerraformStack comes from."));
  });
});

describe("FinetuneWorkflow, the cdktf build", () => {
  test("in a cdktn stack, fails at construction, naming the cdktn import, and adds nothing to the stack", () => {
    // GIVEN
    const stack = new cdktn.TerraformStack(testAppOf(cdktn.Testing), "prod");
    const part = new Construct(stack, "part");

    // WHEN
    const construct = () => new FinetuneWorkflow(part, "finetune", CONCRETE_PROPS);

    // THEN
    expect(construct).toThrow(
      new Error(
        'FinetuneWorkflow "finetune" is the cdktf build, but stack "prod" is a cdktn TerraformStack, and constructs of the two cores cannot share a stack. In a cdktn app, import { FinetuneWorkflow } from "finetune-workflow/cdktn".',
      ),
    );
    expect(stack.node.findAll().map((c) => c.node.path)).toEqual(["prod", "prod/part"]);
  });

  test("in a cdktf stack held by a cdktn App, synthesizes", () => {
    // GIVEN
    const stack = new cdktf.TerraformStack(testAppOf(cdktn.Testing), "prod");
    new AwsProvider(stack, "aws", { region: "eu-west-1" });

    // WHEN
    const workflow = new FinetuneWorkflow(stack, "finetune", CONCRETE_PROPS);

    // THEN
    expect(contractView(cdktf.Testing.synth(stack), workflow)).toHaveProperty(
      "resource.aws_sfn_state_machine.finetune.name",
      "gata-finetune",
    );
  });
});

import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformOutput, TerraformStack, TerraformVariable } from "cdktf";
import type { Construct } from "constructs";
import { useContractAddresses } from "./resources/addressing";
import { FinetuneWorkflow } from "./finetune-workflow";
import type { FinetuneWorkflowProps } from "./interface/props";
import { AWS_PROVIDER, TERRAFORM_VERSION } from "./interface/requirements";
import { OUTPUTS, VARIABLES, type VariableSpec } from "./interface/variables";

export { AWS_PROVIDER, TERRAFORM_VERSION } from "./interface/requirements";

/**
 * The workflow as a reusable Terraform module: the 17 variables feed the construct, the 3
 * outputs expose it, every element keeps its documented address, and synthesis leaves out the
 * provider configuration and the backend, which belong to the caller.
 */
export class FinetuneWorkflowModule extends TerraformStack {
  public readonly workflow: FinetuneWorkflow;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    // Kept only so that terraform.required_providers is written; toTerraform drops its block.
    new AwsProvider(this, "aws");
    this.addOverride("terraform.required_version", TERRAFORM_VERSION);
    this.addOverride("terraform.required_providers.aws.source", AWS_PROVIDER.source);
    this.addOverride("terraform.required_providers.aws.version", AWS_PROVIDER.version);

    const values: Record<string, unknown> = {};
    for (const spec of VARIABLES) values[spec.prop] = this.variable(spec);
    // The module's addresses are its contract: the workflow keeps the documented ones here.
    useContractAddresses(this);
    this.workflow = new FinetuneWorkflow(this, "workflow", values as unknown as FinetuneWorkflowProps);

    const output = (key: keyof typeof OUTPUTS, value: string) => {
      const out = new TerraformOutput(this, OUTPUTS[key].name, { value, description: OUTPUTS[key].description });
      out.overrideLogicalId(OUTPUTS[key].name);
    };
    output("ecsRoleExecName", this.workflow.ecsRoleExecName);
    output("ecsRoleTaskName", this.workflow.ecsRoleTaskName);
    output("securityGroupId", this.workflow.securityGroupId);
  }

  private variable(spec: VariableSpec): unknown {
    const variable = new TerraformVariable(this, spec.name, {
      type: spec.type,
      description: spec.description,
      // cdktf crashes on `default: null`, so a null default is written as an override below.
      default: spec.default ?? undefined,
      // In Terraform's JSON syntax an expression is written as a `${ }` template.
      // https://developer.hashicorp.com/terraform/language/syntax/json#expression-mapping
      validation: spec.validation?.map((v) => ({ condition: `\${${v.condition}}`, errorMessage: v.errorMessage })),
    });
    variable.overrideLogicalId(spec.name);
    if (spec.default === null) variable.addOverride("default", null);
    switch (spec.type) {
      case "string":
        return variable.stringValue;
      case "number":
        return variable.numberValue;
      case "list(string)":
        return variable.listValue;
      case "map(string)":
        return variable.value;
    }
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the signature TerraformStack declares
  public toTerraform(): any {
    const tf = super.toTerraform();
    delete tf.provider;
    if (tf.terraform) delete tf.terraform.backend;
    return tf;
  }
}

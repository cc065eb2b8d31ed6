// examples/hcl-consumer, run as its README says (copy terraform.tfvars.example to
// terraform.tfvars, put in your values, init, plan) and then applied, planned again and
// destroyed, with the real Terraform and AWS provider against moto. "Your values" are the
// example's, but for the IDs of the network moto created, which go in an .auto.tfvars.json
// file that Terraform reads after terraform.tfvars.
import * as fs from "fs";
import * as path from "path";
import { createNetwork, vpcOfSecurityGroup } from "../support/moto/aws";
import { type MotoServer, startMoto } from "../support/moto/launcher";
import { createBoundaryPolicy, networkValues, readTfvars } from "../support/deploy/examples";
import { Deployment, type SecondPlan } from "../support/deploy/lifecycle";
import { describeWithMoto } from "../support/deploy/suite";
import { TerraformSandbox } from "../support/terraform/runner";
import { copyStack, REPO_ROOT } from "../support/terraform/working-copy";
import { MODULE_RESOURCES, LIFECYCLE_TIMEOUT_MS } from "../support/deploy/expected";

const EXAMPLE = "examples/hcl-consumer";
const TFVARS = `${EXAMPLE}/terraform.tfvars.example`;

describeWithMoto("examples/hcl-consumer, deployed as its README says", (toolchain) => {
  let moto: MotoServer;
  let sandbox: TerraformSandbox;
  let applied: string[];
  let outputs: Record<string, unknown>;
  let second: SecondPlan;
  let destroyed: string[];
  let vpcId: string;
  let securityGroupVpc: string | undefined;

  beforeAll(async () => {
    moto = await startMoto();
    sandbox = new TerraformSandbox(toolchain(), moto.awsEnv());
    const example = await readTfvars(TFVARS);
    const [network] = await Promise.all([
      createNetwork(moto),
      createBoundaryPolicy(moto, example.role_permissions_boundary),
    ]);
    vpcId = network.vpcId;
    const module = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "terraform", "main.tf.json"), "utf8"));
    const cwd = await copyStack(sandbox.root, EXAMPLE, module, toolchain(), [{ from: TFVARS, to: "terraform.tfvars" }]);
    fs.writeFileSync(path.join(cwd, "moto.auto.tfvars.json"), JSON.stringify(networkValues(example, network)));

    const deployment = new Deployment(sandbox, cwd, moto);
    await deployment.init();
    await deployment.apply();
    applied = await deployment.state();
    outputs = await deployment.outputs();
    securityGroupVpc = await vpcOfSecurityGroup(moto, outputs.security_group as string);
    second = await deployment.plan();
    await deployment.destroy();
    destroyed = await deployment.state();
  }, LIFECYCLE_TIMEOUT_MS);

  afterAll(async () => {
    await moto?.stop();
    sandbox?.dispose();
  });

  test("applies every resource and data source of the module, with the example's names", () => {
    expect(
      applied.filter((a) => a.startsWith("module.finetune.")).map((a) => a.slice("module.finetune.".length)),
    ).toEqual(MODULE_RESOURCES.withEndpoints);
    expect(outputs).toEqual({
      ecs_role_exec_name: "platform-gata-prod-data-prep-exec",
      ecs_role_task_name: "platform-gata-prod-data-prep-task",
      security_group: expect.stringMatching(/^sg-[0-9a-f]+$/),
    });
  });

  test("puts the security group in the subnets' VPC", () => {
    expect(securityGroupVpc).toBe(vpcId);
  });

  test("a second plan changes nothing", () => {
    expect(second.verdict.changes).toEqual([]);
  });

  test("the only differences it ignores are moto's: the descriptions of the rules to endpoints and S3", () => {
    expect(second.verdict.ignored.map((c) => [c.address, c.attributes])).toEqual(
      MODULE_RESOURCES.endpointRules.map((rule) => [`module.finetune.${rule}`, ["description"]]),
    );
  });

  test("destroy leaves an empty state", () => {
    expect(destroyed).toEqual([]);
  });
});

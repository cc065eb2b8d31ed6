// examples/hcl-consumer, run as its README says (copy terraform.tfvars.example to
// terraform.tfvars, put in your values, init, plan) and then applied, planned again and
// destroyed, with the real Terraform and AWS provider against moto. "Your values" are the
// example's, but for the IDs of the network moto created.
import { vpcOfSecurityGroup } from "./support/aws";
import { LIFECYCLE_TIMEOUT_MS, MODULE_RESOURCES } from "../support/deploy/expected";
import { Deployment, type SecondPlan } from "../support/deploy/lifecycle";
import { describeWithMoto } from "../support/deploy/suite";
import { hclConsumer, inModule, type MotoWorld, openWorld, readModule } from "./support/world";

describeWithMoto("examples/hcl-consumer, deployed as its README says", (toolchain) => {
  let world: MotoWorld;
  let applied: string[];
  let outputs: Record<string, unknown>;
  let second: SecondPlan;
  let destroyed: string[];
  let vpcId: string;
  let securityGroupVpc: string | undefined;

  beforeAll(async () => {
    world = await openWorld(toolchain());
    const { cwd, network } = await hclConsumer(world, toolchain(), readModule());
    vpcId = network.vpcId;

    const deployment = new Deployment(world.sandbox, cwd, world.moto);
    await deployment.init();
    await deployment.apply();
    applied = await deployment.state();
    outputs = await deployment.outputs();
    securityGroupVpc = await vpcOfSecurityGroup(world.moto, outputs.security_group as string);
    second = await deployment.plan();
    await deployment.destroy();
    destroyed = await deployment.state();
  }, LIFECYCLE_TIMEOUT_MS);

  afterAll(() => world?.close());

  test("applies every resource and data source of the module, with the example's names", () => {
    expect(inModule(applied)).toEqual(MODULE_RESOURCES.withEndpoints);
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

// A first deployment: test/deploy/first-deployment creates its VPC, subnets, KMS key, bucket,
// ECS cluster, ECR repository and event bus in the same apply as the module, which gets them
// all as inputs unknown at plan time. One `terraform apply`, no -target; then a second plan
// changes nothing, and destroy empties the state. The previous release could not plan it.
import * as path from "path";
import { vpcOfSecurityGroup } from "./support/aws";
import { LIFECYCLE_TIMEOUT_MS, MODULE_RESOURCES } from "./support/expected";
import { Deployment, type SecondPlan } from "./support/lifecycle";
import { describeWithMoto } from "./support/suite";
import { inModule, type MotoWorld, openWorld, readModule } from "./support/world";
import type { TerraformResult } from "../support/terraform/runner";
import { copyStack } from "../support/terraform/working-copy";

const STACK = "test/deploy/first-deployment";

describeWithMoto("a first deployment, in one apply", (toolchain) => {
  let world: MotoWorld;
  let first: SecondPlan;
  let applied: string[];
  let outputs: Record<string, unknown>;
  let securityGroupVpc: string | undefined;
  let second: SecondPlan;
  let destroyed: string[];
  let previousRelease: TerraformResult;

  beforeAll(async () => {
    world = await openWorld(toolchain());
    const { moto, sandbox } = world;
    const cwd = await copyStack(sandbox.root, STACK, readModule(), toolchain());
    const previous = await copyStack(path.join(sandbox.root, "previous"), STACK, readModule("v0.2.0"), toolchain());

    const deployment = new Deployment(sandbox, cwd, moto);
    await Promise.all([deployment.init(), new Deployment(sandbox, previous, moto).init()]);
    // One after the other: the commands share one provider process, configured by each in turn.
    first = await deployment.plan();
    previousRelease = await sandbox.plan(previous);
    await deployment.apply();
    applied = await deployment.state();
    outputs = await deployment.outputs();
    securityGroupVpc = await vpcOfSecurityGroup(moto, outputs.security_group as string);
    second = await deployment.plan();
    await deployment.destroy();
    destroyed = await deployment.state();
  }, LIFECYCLE_TIMEOUT_MS);

  afterAll(() => world?.close());

  test("plans with the subnets' IDs unknown: each subnet is read at apply, by its position", () => {
    const subnetReads = (first.json.resource_changes ?? [])
      .filter((c) => c.address.startsWith("module.finetune.data.aws_subnet.this"))
      .map((c) => [c.address, c.change.actions]);
    expect(subnetReads).toEqual([
      ['module.finetune.data.aws_subnet.this["0"]', ["read"]],
      ['module.finetune.data.aws_subnet.this["1"]', ["read"]],
    ]);
  });

  test("the previous release could not plan it: its subnets were keyed by their unknown IDs", () => {
    expect(previousRelease.code).toBe(1);
    expect(previousRelease.stderr).toContain("Invalid for_each argument");
    expect(previousRelease.stderr).toContain("data.aws_subnet.this");
  });

  test("applies every resource and data source of the module, with the stack's names", () => {
    expect(inModule(applied)).toEqual(MODULE_RESOURCES.withEndpoints);
    expect(outputs).toEqual({
      vpc_id: expect.stringMatching(/^vpc-[0-9a-f]+$/),
      security_group: expect.stringMatching(/^sg-[0-9a-f]+$/),
      ecs_role_exec_name: "gata-first-data-prep-exec",
      ecs_role_task_name: "gata-first-data-prep-task",
    });
  });

  test("puts the security group in the VPC of the subnets created beside it", () => {
    expect(securityGroupVpc).toBe(outputs.vpc_id);
  });

  test("a second plan changes nothing", () => {
    expect(second.verdict.changes).toEqual([]);
  });

  test("destroy leaves an empty state", () => {
    expect(destroyed).toEqual([]);
  });
});

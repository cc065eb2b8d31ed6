// An app's life across the upgrade to scoped addresses, on moto. examples/cdktf-app as 0.3.0
// synthesized it (test/deploy/releases/v0.3.0/), whose construct took the documented addresses
// at the root of the stack, is applied; the same app on this release then plans on that state
// with moves alone, and is applied. The app then grows: a second workflow beside the first, and
// its own security group `this`, role `sfn` and region `current`, the names the module gives its
// own, with a nightly schedule that may start the second workflow and nothing else. It is applied,
// plans no change, and is destroyed to an empty state. The S3 backend is the cdktf-app test's
// concern: here the state is a local file.
import * as fs from "fs";
import * as path from "path";
import { DataAwsRegion } from "@cdktf/provider-aws/lib/data-aws-region";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { SchedulerSchedule } from "@cdktf/provider-aws/lib/scheduler-schedule";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { TerraformOutput, type TerraformStack, Testing } from "cdktf";
import { buildStack, EXAMPLE_CONFIG } from "../../examples/cdktf-app/main";
import { placementsOf } from "../../src/resources/addressing";
import { FinetuneWorkflow } from "../../src/finetune-workflow";
import { testApp } from "../support/app";
import { contractView, placedAddresses } from "../support/module";
import { LIFECYCLE_TIMEOUT_MS } from "./support/expected";
import { Deployment, type SecondPlan } from "./support/lifecycle";
import type { PlanJson } from "./support/plan-changes";
import { describeWithMoto } from "./support/suite";
import { forMirror, REPO_ROOT, withoutBackend, writeConfigCopy } from "../support/terraform/working-copy";
import { createNetwork, type Network } from "./support/aws";
import { type MotoWorld, openWorld } from "./support/world";

const STACK_ID = "finetune-prod";

/** examples/cdktf-app as 0.3.0 synthesized it, with EXAMPLE_CONFIG's subnets swapped for `network`'s. */
function releasedApp(network: Network): Record<string, any> {
  let text = fs.readFileSync(path.join(REPO_ROOT, "test/deploy/releases/v0.3.0/cdktf-app.tf.json"), "utf8");
  EXAMPLE_CONFIG.subnetIds.forEach((id, index) => {
    if (!text.includes(id)) throw new Error(`The 0.3.0 app does not hold the example's subnet ${id}.`);
    text = text.split(id).join(network.subnetIds[index]);
  });
  return JSON.parse(text);
}

/** The example app, and the workflow it holds. */
function exampleApp(network: Network): { stack: TerraformStack; workflow: FinetuneWorkflow } {
  const stack = buildStack(testApp(), STACK_ID, { ...EXAMPLE_CONFIG, subnetIds: network.subnetIds });
  return { stack, workflow: stack.node.findChild("finetune") as FinetuneWorkflow };
}

/** The example app grown: a second workflow, and the app's own `this`, `sfn` and `current`. */
function grownApp(network: Network): { stack: TerraformStack; first: FinetuneWorkflow; second: FinetuneWorkflow } {
  const { stack, workflow: first } = exampleApp(network);
  const arn = (service: string, resource: string) => `arn:aws:${service}:eu-west-1:111122223333:${resource}`;
  const second = new FinetuneWorkflow(stack, "staging", {
    dbClusterArn: arn("rds", "cluster:tickets-staging"),
    dbSecretArn: arn("secretsmanager", "secret:tickets-staging-AbCdEf"),
    ecrRepoArns: { "data-prep": arn("ecr", "repository/gata/data-prep") },
    ecrRepoUrls: { "data-prep": "111122223333.dkr.ecr.eu-west-1.amazonaws.com/gata/data-prep" },
    ecsClusterArn: arn("ecs", "cluster/gata-staging"),
    eventBusName: "gata-staging",
    kmsKeyArn: arn("kms", "key/1234abcd-12ab-34cd-56ef-1234567890ab"),
    lowVolumeFallbackLabel: 0,
    s3BucketName: "gata-training-data-staging-111122223333",
    sfnArns: {
      general: arn("states", "stateMachine:gata-staging-finetune-general"),
      low_volume: arn("states", "stateMachine:gata-staging-finetune-low-volume"),
    },
    ssmImagePath: "/gata/images/",
    subnetIds: network.subnetIds,
    tags: { environment: "staging" },
    vpcEndpointSecurityGroups: {},
  });
  new SecurityGroup(stack, "this", { name: "app-own", description: "The app's own", vpcId: network.vpcId });
  const scheduler = new IamRole(stack, "sfn", {
    name: "gata-staging-nightly",
    assumeRolePolicy: JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { Service: "scheduler.amazonaws.com" }, Action: "sts:AssumeRole" }],
    }),
  });
  second.grantStartExecution(scheduler);
  new SchedulerSchedule(stack, "nightly", {
    name: "gata-staging-nightly",
    scheduleExpression: "cron(0 2 * * ? *)",
    flexibleTimeWindow: { mode: "OFF" },
    target: { arn: second.stateMachineArn, roleArn: scheduler.arn },
  });
  const region = new DataAwsRegion(stack, "current");
  new TerraformOutput(stack, "region", { value: region.region });
  new TerraformOutput(stack, "staging_state_machine_arn", { value: second.stateMachineArn });
  return { stack, first, second };
}

describeWithMoto("an app upgraded from 0.3.0, then grown to two workflows beside its own resources", (toolchain) => {
  let world: MotoWorld;
  let released: string[];
  let upgrade: SecondPlan;
  let upgraded: string[];
  let expectedMoves: Map<string, string>;
  let definitionChanged: boolean;
  let growth: SecondPlan;
  let grown: string[];
  let outputs: Record<string, unknown>;
  let again: SecondPlan;
  let destroyed: string[];
  let firstIds: string[];

  beforeAll(async () => {
    world = await openWorld(toolchain());
    const network = await createNetwork(world.moto);
    const write = (config: Record<string, unknown>) =>
      writeConfigCopy(world.sandbox.path("app"), forMirror(withoutBackend(config), toolchain()));

    const was = releasedApp(network);
    const deployment = new Deployment(world.sandbox, write(was), world.moto);
    await deployment.init();
    await deployment.apply();
    released = await deployment.state();

    const example = exampleApp(network);
    const now = JSON.parse(Testing.synth(example.stack));
    write(now);
    expectedMoves = placedAddresses(example.workflow);
    // Read by the documented names, the definition differs from 0.3.0's only where this release changed it.
    definitionChanged =
      was.resource.aws_sfn_state_machine.finetune.definition !==
      contractView(JSON.stringify(now), example.workflow).resource.aws_sfn_state_machine.finetune.definition;
    upgrade = await deployment.plan();
    await deployment.apply();
    upgraded = await deployment.state();

    const bigger = grownApp(network);
    firstIds = placementsOf(bigger.first).map(({ element }) => element.friendlyUniqueId);
    write(JSON.parse(Testing.synth(bigger.stack)));
    growth = await deployment.plan();
    await deployment.apply();
    grown = await deployment.state();
    outputs = await deployment.outputs();
    again = await deployment.plan();
    await deployment.destroy();
    destroyed = await deployment.state();
  }, 2 * LIFECYCLE_TIMEOUT_MS);

  afterAll(() => world?.close());

  const changes = (plan: PlanJson) => plan.resource_changes ?? [];

  test("0.3.0 applied the workflow at the documented addresses, at the root of the stack", () => {
    expect(released.filter((a) => !a.startsWith("data."))).toEqual(
      expect.arrayContaining(["aws_iam_role.sfn", "aws_security_group.this", "aws_sfn_state_machine.finetune"]),
    );
  });

  /** A resource instance's address in `released`, moved as 0.3.0's moved blocks say. */
  const movedTo = (address: string) => {
    const [base, index] = address.split(/(?=\[)/);
    return `${expectedMoves.get(base)}${index ?? ""}`;
  };
  const resources = (state: string[]) => state.filter((a) => !a.startsWith("data."));

  test("the upgrade plans moves alone: every resource from its documented address to its scoped one, none created or destroyed", () => {
    const moved = changes(upgrade.json)
      .filter((c) => c.previous_address !== undefined)
      .map((c) => [c.previous_address, c.address]);
    expect(moved.sort()).toEqual(
      resources(released)
        .map((address) => [address, movedTo(address)])
        .sort(),
    );
    expect(changes(upgrade.json).filter((c) => c.change.actions.some((a) => a === "create" || a === "delete"))).toEqual(
      [],
    );
    // The definition is updated in place only where this release changed it.
    expect(upgrade.verdict.changes).toEqual(
      definitionChanged
        ? [
            {
              address: expectedMoves.get("aws_sfn_state_machine.finetune"),
              actions: ["update"],
              attributes: ["definition"],
            },
          ]
        : [],
    );
  });

  test("applied, the upgrade leaves every resource at its scoped address", () => {
    expect(resources(upgraded)).toEqual(resources(released).map(movedTo).sort());
  });

  test("grown, the app only adds: the second workflow, its grant, the schedule and the app's own; the first is untouched", () => {
    const touched = changes(growth.json).filter(
      (c) => !(c.change.actions.length === 1 && c.change.actions[0] === "no-op"),
    );
    expect(touched.filter((c) => c.change.actions.join() !== "create" && c.change.actions.join() !== "read")).toEqual(
      [],
    );
    expect(touched.filter((c) => firstIds.some((id) => c.address.includes(`.${id}`)))).toEqual([]);
    expect(touched.map((c) => c.address)).toEqual(
      expect.arrayContaining([
        "aws_security_group.this",
        "aws_iam_role.sfn",
        "aws_scheduler_schedule.nightly",
        expect.stringMatching(/^aws_iam_role_policy\.staging_start_execution_finetune_prod_sfn_policy_[0-9A-F]{8}$/),
        expect.stringMatching(/^aws_sfn_state_machine\.staging_state_machine_[0-9A-F]{8}$/),
      ]),
    );
  });

  test("applied, both workflows and the app's own resources live side by side", () => {
    const count = (prefix: string) => grown.filter((a) => a.startsWith(prefix)).length;
    expect({
      stateMachines: count("aws_sfn_state_machine."),
      roles: count("aws_iam_role."),
      securityGroups: count("aws_security_group."),
      regions: count("data.aws_region."),
    }).toEqual({ stateMachines: 2, roles: 7, securityGroups: 3, regions: 3 });
    expect(outputs.region).toBe(world.moto.region);
    expect(outputs.staging_state_machine_arn).toBe(
      "arn:aws:states:eu-west-1:111122223333:stateMachine:gata-staging-finetune",
    );
  });

  test("a second plan changes nothing", () => {
    expect(again.verdict.changes).toEqual([]);
  });

  test("destroy leaves an empty state", () => {
    expect(destroyed).toEqual([]);
  });
});

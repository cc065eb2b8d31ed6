// examples/hcl-consumer, run as its README says (copy terraform.tfvars.example to
// terraform.tfvars, put in your values, init, plan) and then applied, planned again and
// destroyed, with the real Terraform and AWS provider against moto. "Your values" are the
// example's, but for the IDs of the network moto created. The module is terraform/ file for
// file, and the stack also holds docs/usage.md's "Starting the workflow" blocks: the state
// machine's ARN built from the documented names, read by a data source, granted and scheduled.
import { GetRolePolicyCommand, IAMClient } from "@aws-sdk/client-iam";
import { ListStateMachinesCommand, SFNClient } from "@aws-sdk/client-sfn";
import { clientConfig, vpcOfSecurityGroup } from "./support/aws";
import { addStartWorkflowDocs, DOCS_OUTPUTS } from "./support/start-workflow";
import { LIFECYCLE_TIMEOUT_MS, MODULE_RESOURCES } from "./support/expected";
import { Deployment, type SecondPlan } from "./support/lifecycle";
import { describeWithMoto } from "./support/suite";
import { hclConsumer, inModule, type MotoWorld, openWorld } from "./support/world";

describeWithMoto("examples/hcl-consumer, deployed as its README says", (toolchain) => {
  let world: MotoWorld;
  let applied: string[];
  let outputs: Record<string, unknown>;
  let second: SecondPlan;
  let destroyed: string[];
  let vpcId: string;
  let securityGroupVpc: string | undefined;
  let stateMachines: { name?: string; stateMachineArn?: string }[];
  let schedulerPolicy: unknown;

  beforeAll(async () => {
    world = await openWorld(toolchain());
    const { cwd, network } = await hclConsumer(world, toolchain());
    addStartWorkflowDocs(cwd, toolchain());
    vpcId = network.vpcId;

    const deployment = new Deployment(world.sandbox, cwd, world.moto);
    await deployment.init();
    await deployment.apply();
    applied = await deployment.state();
    outputs = await deployment.outputs();
    securityGroupVpc = await vpcOfSecurityGroup(world.moto, outputs.security_group as string);
    stateMachines = (await new SFNClient(clientConfig(world.moto)).send(new ListStateMachinesCommand({})))
      .stateMachines!;
    const { PolicyDocument } = await new IAMClient(clientConfig(world.moto)).send(
      new GetRolePolicyCommand({ RoleName: outputs.scheduler_role_name as string, PolicyName: "start-finetune" }),
    );
    schedulerPolicy = JSON.parse(decodeURIComponent(PolicyDocument!));
    second = await deployment.plan();
    await deployment.destroy();
    destroyed = await deployment.state();
  }, LIFECYCLE_TIMEOUT_MS);

  afterAll(() => world?.close());

  test("applies every resource and data source of the module, with the example's names", () => {
    expect(inModule(applied)).toEqual(MODULE_RESOURCES.withEndpoints);
    expect(Object.fromEntries(Object.entries(outputs).filter(([name]) => !DOCS_OUTPUTS.includes(name)))).toEqual({
      ecs_role_exec_name: "platform-gata-prod-data-prep-exec",
      ecs_role_task_name: "platform-gata-prod-data-prep-task",
      security_group: expect.stringMatching(/^sg-[0-9a-f]+$/),
    });
  });

  test("the documented expression is the ARN the state machine has, and so is the data source's, on a first deployment", () => {
    // GIVEN: the one state machine moto holds, which the module created
    expect(stateMachines.map((machine) => machine.name)).toEqual(["gata-prod-finetune"]);
    const [{ stateMachineArn }] = stateMachines;

    // THEN
    expect(stateMachineArn).toBe(
      `arn:aws:states:${world.moto.region}:${world.moto.accountId}:stateMachine:gata-prod-finetune`,
    );
    expect(outputs.documented_state_machine_arn).toBe(stateMachineArn);
    expect(outputs.data_source_state_machine_arn).toBe(stateMachineArn);
  });

  test("the documented grant lets the scheduler's role start executions of that state machine, and nothing else", () => {
    expect(outputs.schedule_target_arn).toBe(stateMachines[0].stateMachineArn);
    expect(schedulerPolicy).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "StartFinetune",
          Effect: "Allow",
          Action: "states:StartExecution",
          Resource: stateMachines[0].stateMachineArn,
        },
      ],
    });
  });

  test("puts the security group in the subnets' VPC", () => {
    expect(securityGroupVpc).toBe(vpcId);
  });

  test("a second plan changes nothing, but for the documented data source's read, deferred by the module's ignored updates", () => {
    // The data source depends on the whole module, so Terraform reads it at apply whenever the
    // module has a planned change; on AWS a second plan has none, here it has moto's below.
    // https://developer.hashicorp.com/terraform/language/data-sources#data-resource-dependencies
    const deferred = ["data.aws_sfn_state_machine.finetune", "output.data_source_state_machine_arn"];
    expect(second.verdict.changes.filter((c) => !deferred.includes(c.address))).toEqual([]);
    expect(second.verdict.changes.map((c) => [c.address, c.actions])).toEqual([
      [deferred[0], ["read"]],
      [deferred[1], ["update"]],
    ]);
    // Plan JSON's reason for a read at apply (plan-changes.ts does not type it).
    const read = second.json.resource_changes?.find((c) => c.address === deferred[0]) as { action_reason?: string };
    expect(read.action_reason).toBe("read_because_dependency_pending");
    expect(second.verdict.ignored).not.toEqual([]);
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

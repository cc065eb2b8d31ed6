/**
 * The construct in an app, as a CDK construct should behave: every element it creates is addressed
 * from its own construct id, any number share a stack, the app's own resources of any id keep
 * their configuration, and a stack applied with 0.3.0, whose construct took the documented
 * addresses at the root of the stack, moves over with `moved` blocks.
 */
import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { DataAwsIamRole } from "@cdktf/provider-aws/lib/data-aws-iam-role";
import { DataAwsRegion } from "@cdktf/provider-aws/lib/data-aws-region";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { TerraformLocal, TerraformOutput, TerraformStack, TerraformVariable, Testing, Token } from "cdktf";
import { useContractAddresses } from "../../src/resources/addressing";
import { FinetuneWorkflow } from "../../src/finetune-workflow";
import { FinetuneWorkflowModule } from "../../src/module-stack";
import type { FinetuneWorkflowProps } from "../../src/interface/props";
import { findProblems } from "../../src/interface/validation";
import { testApp } from "../support/app";
import { addressesOf, contractAddresses, placedAddresses } from "../support/module";
import { type TerraformJson, withoutMetadata } from "../support/synthesized";
import { VALID_PROPS } from "../support/valid-props";

function stackWithProvider(id: string): TerraformStack {
  const stack = new TerraformStack(testApp(), id);
  new AwsProvider(stack, "aws", { region: "eu-west-1" });
  return stack;
}

const synth = (stack: TerraformStack): TerraformJson => JSON.parse(Testing.synth(stack));

/** `resource`, `data` and `local` addresses of a synthesized stack. */
function allAddresses(tf: TerraformJson): string[] {
  return [
    ...addressesOf(tf.resource),
    ...addressesOf(tf.data).map((a) => `data.${a}`),
    ...Object.keys(tf.locals ?? {}).map((name) => `local.${name}`),
  ].sort();
}

/** The documented resource addresses, as the module declares them. */
const CONTRACT_RESOURCES = contractAddresses().resources;

describe("in an app, every element is addressed from the construct's own id", () => {
  // GIVEN a workflow whose names are tokens, so that it also creates its locals
  const stack = stackWithProvider("app");
  const environment = new TerraformVariable(stack, "environment", { type: "string" });
  new FinetuneWorkflow(stack, "prod", { ...VALID_PROPS, tags: { environment: environment.stringValue } });
  const tf = synth(stack);

  test("each resource, data source and local takes `prod_<child>_<hash of its path>`, none a documented address", () => {
    expect(allAddresses(tf)).toEqual([
      "aws_cloudwatch_log_group.prod_ecs_data_prep_log_group_53AEEA7A",
      "aws_cloudwatch_log_group.prod_sfn_log_group_D9C8F79E",
      "aws_iam_policy.prod_data_prep_exec_policy_E7AC9E98",
      "aws_iam_policy.prod_data_prep_task_policy_EF0F57C5",
      "aws_iam_policy.prod_sfn_policy_5D6581E4",
      "aws_iam_role.prod_data_prep_exec_role_5042C078",
      "aws_iam_role.prod_data_prep_task_role_16D359B3",
      "aws_iam_role.prod_sfn_role_3C3F3F8D",
      "aws_iam_role_policy_attachment.prod_data_prep_exec_attachment_93154B79",
      "aws_iam_role_policy_attachment.prod_data_prep_task_attachment_56D8A7C9",
      "aws_iam_role_policy_attachment.prod_sfn_attachment_6D894BFF",
      "aws_security_group.prod_security_group_930E1DB8",
      "aws_sfn_state_machine.prod_state_machine_13749722",
      "aws_vpc_security_group_egress_rule.prod_egress_https_0E34EAFE",
      "aws_vpc_security_group_egress_rule.prod_egress_https_all_FBA30CE0",
      "aws_vpc_security_group_egress_rule.prod_egress_https_s3_39D92FFD",
      "data.aws_caller_identity.prod_caller_C9571764",
      "data.aws_ec2_managed_prefix_list.prod_s3_prefix_list_7C557EEC",
      "data.aws_iam_policy_document.prod_data_prep_exec_document_703FEF5E",
      "data.aws_iam_policy_document.prod_data_prep_task_document_15C398BB",
      "data.aws_iam_policy_document.prod_ecs_exec_assume_document_B1FEA447",
      "data.aws_iam_policy_document.prod_ecs_task_assume_document_C67C2FD0",
      "data.aws_iam_policy_document.prod_sfn_assume_document_7C81D675",
      "data.aws_iam_policy_document.prod_sfn_document_B6D54B56",
      "data.aws_partition.prod_partition_1B54FE72",
      "data.aws_region.prod_region_8BEF3594",
      "data.aws_subnet.prod_subnets_D9DC0961",
      "local.prod_ns_6D1ADDE0",
    ]);
  });

  test("the documented resources, one each, under their own types", () => {
    const types = (addresses: string[]) => addresses.map((a) => a.split(".")[0]).sort();
    expect(types(addressesOf(tf.resource))).toEqual(types(CONTRACT_RESOURCES));
  });
});

/**
 * An app's own elements, named as the module names its own: a security group `this`, a role
 * `sfn`, a region `current`, an output `security_group` and a local `ns`, created before the
 * workflow, after it, or in a stack without one.
 */
function appWithItsOwn(id: string, created: "before the workflow" | "after the workflow" | "with no workflow") {
  const stack = stackWithProvider(id);
  if (created !== "after the workflow") own(stack);
  if (created !== "with no workflow") new FinetuneWorkflow(stack, "finetune", VALID_PROPS);
  if (created === "after the workflow") own(stack);
  return stack;
}

function own(stack: TerraformStack): void {
  const group = new SecurityGroup(stack, "this", { name: "app-sg", vpcId: "vpc-0a1b2c3d4e5f60718" });
  new IamRole(stack, "sfn", { name: "app-sfn", assumeRolePolicy: '{"Version":"2012-10-17","Statement":[]}' });
  const region = new DataAwsRegion(stack, "current");
  new TerraformOutput(stack, "security_group", { value: group.id });
  new TerraformLocal(stack, "ns", `app-${region.region}`);
}

/** What the app owns in a synthesized stack. */
function appOwned(tf: TerraformJson) {
  return {
    securityGroup: tf.resource.aws_security_group.this,
    role: tf.resource.aws_iam_role.sfn,
    region: tf.data.aws_region.current,
    output: tf.output.security_group,
    local: tf.locals.ns,
  };
}

describe("beside the app's own resources, data sources, outputs and locals, of any id", () => {
  const alone = synth(appWithItsOwn("alone", "with no workflow"));
  const before = synth(appWithItsOwn("before", "before the workflow"));
  const after = synth(appWithItsOwn("after", "after the workflow"));

  test.each([
    ["before", before],
    ["after", after],
  ])("created %s the workflow, each keeps the configuration it has without one", (_when, tf) => {
    expect(withoutMetadata(appOwned(tf))).toEqual(withoutMetadata(appOwned(alone)));
  });

  test.each([
    ["before", before],
    ["after", after],
  ])("created %s the workflow, none is read by it", (_when, tf) => {
    // GIVEN everything the workflow synthesizes: the stack without what the app owns
    const { aws_security_group: _group, aws_iam_role: roles, ...resources } = tf.resource;
    const { sfn: _appRole, ...workflowRoles } = roles;
    const { aws_region: _region, ...data } = tf.data;
    const { ns: _local, ...locals } = tf.locals ?? {};
    const workflow = JSON.stringify({ resources, workflowRoles, data, locals, moved: tf.moved });
    // THEN it refers to none of the app's addresses
    const references = ["aws_security_group.this.", "aws_iam_role.sfn.", "data.aws_region.current.", "local.ns}"];
    expect(references.filter((reference) => workflow.includes(reference))).toEqual([]);
  });

  test("a DataAwsCallerIdentity `current` of the app's is no obstacle either", () => {
    const stack = stackWithProvider("caller");
    new DataAwsCallerIdentity(stack, "current");
    new FinetuneWorkflow(stack, "finetune", VALID_PROPS);
    expect(Object.keys(synth(stack).data.aws_caller_identity)).toEqual(["current", "finetune_caller_D7B54050"]);
  });
});

describe("any number in a stack", () => {
  // GIVEN three workflows, one per environment, in one stack
  const stack = stackWithProvider("three");
  const environments = ["dev", "staging", "prod"];
  for (const environment of environments) {
    new FinetuneWorkflow(stack, environment, { ...VALID_PROPS, tags: { environment } });
  }

  test("synthesize, validations included, each with the module's resources", () => {
    const tf: TerraformJson = JSON.parse(Testing.synth(stack, true));
    expect(addressesOf(tf.resource)).toHaveLength(3 * CONTRACT_RESOURCES.length);
    expect(
      Object.values<{ name: string }>(tf.resource.aws_sfn_state_machine)
        .map((s) => s.name)
        .sort(),
    ).toEqual(["gata-dev-finetune", "gata-prod-finetune", "gata-staging-finetune"]);
  });

  test("GIVEN a fourth with another's application name and environment THEN it is refused, naming both and the names", () => {
    expect(
      () =>
        new FinetuneWorkflow(stack, "prod-again", {
          ...VALID_PROPS,
          tags: { environment: "prod" },
          roleNamespace: "ml",
        }),
    ).toThrow(
      [
        'Invalid props for FinetuneWorkflow "three/prod-again":',
        '- `applicationName` and `tags.environment` give the same AWS names as FinetuneWorkflow "three/prod": ' +
          'security group and task definition family "gata-prod-data-prep", log group "/ecs/gata-prod-data-prep", ' +
          'state machine "gata-prod-finetune", log group "/aws/vendedlogs/states/gata-prod-finetune"; ' +
          "give one of them another application name or environment.",
      ].join("\n"),
    );
    expect(stack.node.tryFindChild("prod-again")).toBeUndefined();
  });

  test("GIVEN names that are tokens THEN they cannot be compared at synth, and the workflow is accepted", () => {
    const environment = new TerraformVariable(stack, "environment", { type: "string" });
    expect(
      () =>
        new FinetuneWorkflow(stack, "from-variable", {
          ...VALID_PROPS,
          tags: { environment: environment.stringValue },
        }),
    ).not.toThrow();
  });
});

describe("the checks above, against 0.3.0's addressing", () => {
  test("GIVEN the documented addresses pinned in an app's stack, as 0.3.0 pinned them, THEN the app's own are merged with the workflow's", () => {
    // GIVEN
    const stack = stackWithProvider("pinned");
    own(stack);
    useContractAddresses(stack);
    new FinetuneWorkflow(stack, "finetune", VALID_PROPS);
    // WHEN
    const tf = synth(stack);
    // THEN the security group and the role the app declared come out as the workflow's
    expect(tf.resource.aws_security_group.this.name).toBe("gata-prod-data-prep");
    expect(tf.resource.aws_iam_role.sfn.name).toBe("sfn-gata-prod-finetune");
  });
});

describe("a stack applied with 0.3.0 moves over", () => {
  /** The `moved` blocks of a synthesized stack, as `from -> to`. */
  const movesOf = (tf: TerraformJson): string[] =>
    (tf.moved ?? []).map((m: { from: string; to: string }) => `${m.from} -> ${m.to}`);

  test("GIVEN one workflow THEN each documented resource address moves to its scoped one", () => {
    // GIVEN
    const stack = stackWithProvider("upgrade");
    const workflow = new FinetuneWorkflow(stack, "finetune", VALID_PROPS);
    // WHEN
    const tf = synth(stack);
    // THEN one move per resource, from where 0.3.0 put it to where it is now
    const scoped = Object.fromEntries(
      addressesOf(tf.resource).map((address) => [address.replace(/\.finetune_.*$/, ""), address]),
    );
    expect(movesOf(tf).sort()).toEqual(
      [...placedAddresses(workflow)]
        .filter(([from]) => !/^(data|local)\./.test(from))
        .map(([from, to]) => `${from} -> ${to}`)
        .sort(),
    );
    expect(movesOf(tf)).toHaveLength(CONTRACT_RESOURCES.length);
    expect(
      movesOf(tf)
        .map((move) => move.split(" -> ")[0])
        .sort(),
    ).toEqual(CONTRACT_RESOURCES);
    expect(Object.keys(scoped).sort()).toEqual([...new Set(CONTRACT_RESOURCES.map((a) => a.split(".")[0]))].sort());
  });

  test("GIVEN the app declares a documented address itself THEN that one is not moved, which Terraform would refuse", () => {
    const tf = synth(appWithItsOwn("own-after-upgrade", "before the workflow"));
    const from = movesOf(tf).map((move) => move.split(" -> ")[0]);
    expect(from).toHaveLength(CONTRACT_RESOURCES.length - 2);
    expect(from).not.toContain("aws_security_group.this");
    expect(from).not.toContain("aws_iam_role.sfn");
  });

  test("GIVEN two workflows THEN only the first in the construct tree takes 0.3.0's state over", () => {
    // GIVEN
    const stack = stackWithProvider("two");
    new FinetuneWorkflow(stack, "first", VALID_PROPS);
    new FinetuneWorkflow(stack, "second", { ...VALID_PROPS, tags: { environment: "dev" } });
    // WHEN
    const moves = movesOf(synth(stack));
    // THEN
    expect(moves).toHaveLength(CONTRACT_RESOURCES.length);
    expect(moves.filter((move) => !/ -> [a-z0-9_]+\.first_/.test(move))).toEqual([]);
  });

  test("the module stack, whose addresses are the documented ones, moves nothing", () => {
    expect(synth(new FinetuneWorkflowModule(testApp(), "module"))).not.toHaveProperty("moved");
  });

  test("`cdktf synth --hcl` writes the same moves as HCL blocks", () => {
    // GIVEN
    const stack = stackWithProvider("hcl");
    const workflow = new FinetuneWorkflow(stack, "finetune", VALID_PROPS);
    // WHEN
    const { hcl } = stack.toHclTerraform();
    // THEN, unindented: the CLI runs `terraform fmt` on what it writes
    const role = workflow.stateMachineRole.friendlyUniqueId;
    expect(hcl).toContain(`moved {\nto = aws_iam_role.${role}\nfrom = aws_iam_role.sfn\n}`);
    expect(hcl.match(/^moved \{$/gm)).toHaveLength(CONTRACT_RESOURCES.length);
  });
});

describe("an address only the workflow declares", () => {
  test("GIVEN an app element that takes one of the workflow's addresses THEN validation refuses the stack, naming both", () => {
    // GIVEN
    const stack = stackWithProvider("taken");
    const workflow = new FinetuneWorkflow(stack, "finetune", VALID_PROPS);
    const mine = new IamRole(stack, "mine", { assumeRolePolicy: "{}" });
    mine.overrideLogicalId(workflow.stateMachineRole.friendlyUniqueId);
    // WHEN / THEN
    const address = `aws_iam_role.${workflow.stateMachineRole.friendlyUniqueId}`;
    expect(() => Testing.synth(stack, true)).toThrow(
      `[taken/finetune] ${address} is declared both by taken/finetune/sfn_role and by taken/mine.`,
    );
  });
});

describe("a typed API an app can wire", () => {
  // GIVEN an app that outputs the workflow's attributes
  const stack = stackWithProvider("api");
  const workflow = new FinetuneWorkflow(stack, "finetune", VALID_PROPS);
  const attributes = {
    stateMachineArn: workflow.stateMachineArn,
    stateMachineName: workflow.stateMachineName,
    ecsRoleExecName: workflow.ecsRoleExecName,
    ecsRoleTaskName: workflow.ecsRoleTaskName,
    securityGroupId: workflow.securityGroupId,
  };
  for (const [name, value] of Object.entries(attributes)) new TerraformOutput(stack, name, { value });
  const tf = synth(stack);
  const output = (name: keyof typeof attributes) => tf.output[name].value;
  const ref = (element: { friendlyUniqueId: string }, type: string, attribute: string) =>
    `\${${type}.${element.friendlyUniqueId}.${attribute}}`;

  test("exposes the state machine, its ARN and its name", () => {
    expect(Object.keys(tf.resource.aws_sfn_state_machine)).toEqual([workflow.stateMachine.friendlyUniqueId]);
    expect([output("stateMachineArn"), output("stateMachineName")]).toEqual([
      ref(workflow.stateMachine, "aws_sfn_state_machine", "arn"),
      ref(workflow.stateMachine, "aws_sfn_state_machine", "name"),
    ]);
  });

  test("exposes the three roles, the security group and the two log groups as the resources they are", () => {
    const name = (type: string, element: { friendlyUniqueId: string }) =>
      tf.resource[type][element.friendlyUniqueId].name;
    expect({
      stateMachineRole: name("aws_iam_role", workflow.stateMachineRole),
      dataPrepExecutionRole: name("aws_iam_role", workflow.dataPrepExecutionRole),
      dataPrepTaskRole: name("aws_iam_role", workflow.dataPrepTaskRole),
      securityGroup: name("aws_security_group", workflow.securityGroup),
      dataPrepLogGroup: name("aws_cloudwatch_log_group", workflow.dataPrepLogGroup),
      stateMachineLogGroup: name("aws_cloudwatch_log_group", workflow.stateMachineLogGroup),
    }).toEqual({
      stateMachineRole: "sfn-gata-prod-finetune",
      dataPrepExecutionRole: "gata-prod-data-prep-exec",
      dataPrepTaskRole: "gata-prod-data-prep-task",
      securityGroup: "gata-prod-data-prep",
      dataPrepLogGroup: "/ecs/gata-prod-data-prep",
      stateMachineLogGroup: "/aws/vendedlogs/states/gata-prod-finetune",
    });
  });

  test("keeps the attributes the module outputs", () => {
    expect([output("ecsRoleExecName"), output("ecsRoleTaskName"), output("securityGroupId")]).toEqual([
      ref(workflow.dataPrepExecutionRole, "aws_iam_role", "name"),
      ref(workflow.dataPrepTaskRole, "aws_iam_role", "name"),
      ref(workflow.securityGroup, "aws_security_group", "id"),
    ]);
  });

  test("props typed down to the keys the workflow reads: leaving one out fails to compile, and to synthesize", () => {
    const { general, low_volume } = VALID_PROPS.sfnArns;
    // @ts-expect-error -- `low_volume` is required
    const noLowVolume: FinetuneWorkflowProps["sfnArns"] = { general };
    // @ts-expect-error -- `general` is required
    const noGeneral: FinetuneWorkflowProps["sfnArns"] = { low_volume };
    // @ts-expect-error -- `data-prep` is required
    const noDataPrep: FinetuneWorkflowProps["ecrRepoUrls"] = {};
    expect(
      [{ sfnArns: noLowVolume }, { sfnArns: noGeneral }, { ecrRepoUrls: noDataPrep }].map(
        (props) => findProblems({ ...VALID_PROPS, ...props }, Token.isUnresolved)[0],
      ),
    ).toEqual([
      '`sfnArns` must have the key "low_volume"; received the keys ["general"].',
      '`sfnArns` must have the key "general"; received the keys ["low_volume"].',
      '`ecrRepoUrls` must have the key "data-prep"; received the keys [].',
    ]);
  });
});

describe("grantStartExecution", () => {
  // GIVEN the app's own role, and a role the app only reads
  const stack = stackWithProvider("grants");
  const workflow = new FinetuneWorkflow(stack, "finetune", VALID_PROPS);
  const scheduler = new IamRole(stack, "scheduler", { name: "gata-schedule", assumeRolePolicy: "{}" });
  const existing = new DataAwsIamRole(stack, "existing", { name: "ops" });

  // WHEN
  const policy = workflow.grantStartExecution(scheduler);
  const again = workflow.grantStartExecution(scheduler);
  workflow.grantStartExecution(existing);
  const tf = synth(stack);
  const policies = tf.resource.aws_iam_role_policy;
  const documentOf = (rolePolicy: { policy: string }) =>
    tf.data.aws_iam_policy_document[/data\.aws_iam_policy_document\.([^.]+)\.json/.exec(rolePolicy.policy)![1]];

  test("puts an inline policy on each role, once, named after the workflow", () => {
    const prefix = `\${aws_sfn_state_machine.${workflow.stateMachine.friendlyUniqueId}.name}-start-`;
    expect(again).toBe(policy);
    expect(Object.values<{ role: string; name_prefix: string }>(policies).map((p) => [p.role, p.name_prefix])).toEqual([
      ["${data.aws_iam_role.existing.name}", prefix],
      ["${aws_iam_role.scheduler.name}", prefix],
    ]);
  });

  test("which allows states:StartExecution on this state machine, and nothing else", () => {
    expect(Object.values(policies).map((p) => documentOf(p as { policy: string }).statement)).toEqual([
      [
        {
          sid: "StartFinetuneWorkflow",
          effect: "Allow",
          actions: ["states:StartExecution"],
          resources: [`\${aws_sfn_state_machine.${workflow.stateMachine.friendlyUniqueId}.arn}`],
        },
      ],
      [
        {
          sid: "StartFinetuneWorkflow",
          effect: "Allow",
          actions: ["states:StartExecution"],
          resources: [`\${aws_sfn_state_machine.${workflow.stateMachine.friendlyUniqueId}.arn}`],
        },
      ],
    ]);
  });

  test("changes nothing of the roles themselves", () => {
    expect(tf.resource.aws_iam_role.scheduler).toEqual({ name: "gata-schedule", assume_role_policy: "{}" });
  });
});

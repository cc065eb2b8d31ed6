/**
 * The construct with concrete props, as a CDKTF app would use it: names are computed at synth
 * time, so the naming rules show up as literal strings.
 */
import { testApp } from "../support/app";
import { CONCRETE_PROPS, synthConstruct } from "../support/module";
import { definitionOf, type TerraformJson } from "../support/synthesized";

/** Every name the module gives an AWS resource, read back from the synthesized JSON. */
function namesIn(tf: TerraformJson) {
  const r = tf.resource;
  return {
    dataPrepLogGroup: r.aws_cloudwatch_log_group.ecs_data_prep.name,
    stateMachineLogGroup: r.aws_cloudwatch_log_group.sfn.name,
    securityGroup: r.aws_security_group.this.name,
    execRole: r.aws_iam_role.data_prep_exec.name,
    taskRole: r.aws_iam_role.data_prep_task.name,
    sfnRole: r.aws_iam_role.sfn.name,
    execPolicy: r.aws_iam_policy.data_prep_exec.name,
    taskPolicy: r.aws_iam_policy.data_prep_task.name,
    sfnPolicy: r.aws_iam_policy.sfn.name,
    stateMachine: r.aws_sfn_state_machine.finetune.name,
    taskDefinitionFamily: definitionOf(tf).States.RegisterTaskDefinition.Arguments.Family,
  };
}

// One app, one stack per naming case, each synthesized once.
const app = testApp();
const withEnvironmentAndNamespace = synthConstruct(
  { tags: { environment: "prod", team: "ml" }, roleNamespace: "team" },
  app,
  "env-and-namespace",
).tf;
const withNeither = synthConstruct({ tags: {} }, app, "neither").tf;
const withEnvironmentOnly = synthConstruct({ tags: { environment: "dev" }, roleNamespace: "" }, app, "env-only").tf;
const withNamespaceOnly = synthConstruct(
  { applicationName: "acme", tags: { owner: "data" }, roleNamespace: "platform" },
  app,
  "namespace-only",
).tf;

describe("naming rules", () => {
  test("GIVEN an environment tag and a role namespace THEN names are <ns>=<app>-<env> and roles carry <namespace>-", () => {
    expect(namesIn(withEnvironmentAndNamespace)).toEqual({
      dataPrepLogGroup: "/ecs/gata-prod-data-prep",
      stateMachineLogGroup: "/aws/vendedlogs/states/gata-prod-finetune",
      securityGroup: "gata-prod-data-prep",
      execRole: "team-gata-prod-data-prep-exec",
      taskRole: "team-gata-prod-data-prep-task",
      sfnRole: "team-sfn-gata-prod-finetune",
      execPolicy: "team-gata-prod-data-prep-exec",
      taskPolicy: "team-gata-prod-data-prep-task",
      sfnPolicy: "team-sfn-gata-prod-finetune",
      stateMachine: "gata-prod-finetune",
      taskDefinitionFamily: "gata-prod-data-prep",
    });
  });

  test("GIVEN no environment tag and no role namespace THEN names are the bare application name", () => {
    expect(namesIn(withNeither)).toEqual({
      dataPrepLogGroup: "/ecs/gata-data-prep",
      stateMachineLogGroup: "/aws/vendedlogs/states/gata-finetune",
      securityGroup: "gata-data-prep",
      execRole: "gata-data-prep-exec",
      taskRole: "gata-data-prep-task",
      sfnRole: "sfn-gata-finetune",
      execPolicy: "gata-data-prep-exec",
      taskPolicy: "gata-data-prep-task",
      sfnPolicy: "sfn-gata-finetune",
      stateMachine: "gata-finetune",
      taskDefinitionFamily: "gata-data-prep",
    });
  });

  test("GIVEN an environment tag and an empty role namespace THEN roles get no prefix and no leading dash", () => {
    const names = namesIn(withEnvironmentOnly);
    expect([names.execRole, names.taskRole, names.sfnRole]).toEqual([
      "gata-dev-data-prep-exec",
      "gata-dev-data-prep-task",
      "sfn-gata-dev-finetune",
    ]);
    expect(names.securityGroup).toBe("gata-dev-data-prep");
  });

  test("GIVEN other tags but no environment tag THEN only application_name and the role namespace appear", () => {
    const names = namesIn(withNamespaceOnly);
    expect([names.execRole, names.taskRole, names.sfnRole]).toEqual([
      "platform-acme-data-prep-exec",
      "platform-acme-data-prep-task",
      "platform-sfn-acme-finetune",
    ]);
    expect([names.securityGroup, names.stateMachine, names.dataPrepLogGroup]).toEqual([
      "acme-data-prep",
      "acme-finetune",
      "/ecs/acme-data-prep",
    ]);
  });

  test.each([
    ["env-and-namespace", withEnvironmentAndNamespace],
    ["neither", withNeither],
    ["env-only", withEnvironmentOnly],
    ["namespace-only", withNamespaceOnly],
  ])("in case %s no name carries a stringified null, undefined or token", (_case, tf) => {
    // A missing tag or prop stringified into a name would show up as one of these.
    const bad = Object.values(namesIn(tf)).filter((name) => /null|undefined|\$\{|TOKEN/.test(name));
    expect(bad).toEqual([]);
  });

  test("the security group's Name tag is its name, merged over the given tags", () => {
    expect(withEnvironmentAndNamespace.resource.aws_security_group.this.tags).toBe(
      '${merge({"environment" = "prod", "team" = "ml"}, {"Name" = "gata-prod-data-prep"})}',
    );
  });

  test("with concrete props no naming locals are needed", () => {
    expect(withNeither).not.toHaveProperty("locals");
  });
});

describe("concrete props", () => {
  test("tags land on the resources as a literal map", () => {
    expect(withEnvironmentAndNamespace.resource.aws_iam_role.sfn.tags).toEqual({ environment: "prod", team: "ml" });
  });

  test("no permissions boundary is written when rolePermissionsBoundary is not given", () => {
    expect(withNeither.resource.aws_iam_role.sfn).not.toHaveProperty("permissions_boundary");
  });

  test("the child state machine ARNs and their execution ARNs are computed at synth time", () => {
    const statements = withNeither.data.aws_iam_policy_document.sfn.statement;
    const bySid = (sid: string) => statements.find((s: { sid: string }) => s.sid === sid).resources;
    expect(bySid("StartChildFineTunes")).toEqual([CONCRETE_PROPS.sfnArns.general, CONCRETE_PROPS.sfnArns.low_volume]);
    expect(bySid("TrackChildFineTunes")).toEqual([
      "arn:aws:states:eu-west-1:111122223333:execution:gata-finetune-general:*",
      "arn:aws:states:eu-west-1:111122223333:execution:gata-finetune-low-volume:*",
    ]);
  });

  test("an event bus given by name is turned into its ARN in this account and region", () => {
    const statements = withNeither.data.aws_iam_policy_document.sfn.statement;
    expect(statements.find((s: { sid: string }) => s.sid === "EmitEvents").resources).toEqual([
      "arn:${data.aws_partition.current.partition}:events:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:event-bus/gata",
    ]);
  });

  test('a fallback label of 0 reaches the container as the string "0", not dropped as falsy', () => {
    const [container] = definitionOf(withNeither).States.RegisterTaskDefinition.Arguments.ContainerDefinitions;
    expect(container.Environment).toContainEqual({ Name: "LOW_VOLUME_FALLBACK_LABEL", Value: "0" });
  });

  test("the definition gets the subnets as a literal comma-separated list", () => {
    expect(
      definitionOf(withNeither).States.RunDataPrep.Arguments.NetworkConfiguration.AwsvpcConfiguration.Subnets,
    ).toBe("{% $split('subnet-0123456789abcdef0,subnet-0fedcba9876543210', ',') %}");
  });
});

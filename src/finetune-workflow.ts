import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { DataAwsRegion } from "@cdktf/provider-aws/lib/data-aws-region";
import { Fn, TerraformLocal, TerraformStack, Token } from "cdktf";
import { Construct } from "constructs";
import { clusterName, eventBusArn, executionArns, stateMachineArns } from "./arn";
import { assertSameCore } from "./core";
import { type Expr, input, join, tryEvaluate } from "./expr";
import { DEFAULT_APPLICATION_NAME, namespace, resourceNames, type ResourceNames, rolePrefix } from "./naming";
import type { WorkflowContext } from "./context";
import {
  dataPrepExecStatements,
  dataPrepTaskStatements,
  ecsExecAssumeStatements,
  ecsTaskAssumeStatements,
  sfnAssumeStatements,
  sfnStatements,
} from "./iam/statements";
import { createRole } from "./iam/role";
import { createLogGroups } from "./logs";
import { createNetwork } from "./network";
import type { FinetuneWorkflowProps } from "./props";
import { createStateMachine } from "./state-machine";
import { terraformList, terraformString, toTerraform } from "./terraform-expr";
import { validateProps } from "./validation";
import { buildWorkflowDefinition } from "./workflow/definition";
import { DEFAULT_DATA_PREP_TIMEOUT, DEFAULT_FINE_TUNE_TIMEOUT } from "./workflow/timeouts";

/**
 * The fine-tune workflow: a Step Functions state machine that prepares datasets on ECS
 * Fargate and runs the per-model fine-tune state machines, with its roles, log groups and
 * security group. Its Terraform addresses are fixed (they are the module's contract), so a
 * stack holds at most one.
 */
export class FinetuneWorkflow extends Construct {
  /** Name of the data-prep task execution role. */
  public readonly ecsRoleExecName: string;
  /** Name of the data-prep task role. */
  public readonly ecsRoleTaskName: string;
  /** ID of the data-prep task's security group. */
  public readonly securityGroupId: string;
  /** ARN of the fine-tune state machine. */
  public readonly stateMachineArn: string;

  constructor(scope: Construct, id: string, props: FinetuneWorkflowProps) {
    // Before super, so that a stack of the other core never holds the construct at all.
    assertSameCore("FinetuneWorkflow", id, scope.node.scopes, TerraformStack);
    super(scope, id);
    validateProps(props, Token.isUnresolved);
    const stack = TerraformStack.of(this);
    if (stack.node.findAll().some((c) => c !== this && c instanceof FinetuneWorkflow)) {
      throw new Error(
        `Stack "${stack.node.id}" already holds a FinetuneWorkflow; its Terraform addresses are fixed, so a stack can hold only one.`,
      );
    }

    const partition = new DataAwsPartition(this, "partition");
    partition.overrideLogicalId("current");
    const region = new DataAwsRegion(this, "region");
    region.overrideLogicalId("current");
    const caller = new DataAwsCallerIdentity(this, "caller");
    caller.overrideLogicalId("current");

    const tags = props.tags ?? {};
    const applicationName = props.applicationName ?? DEFAULT_APPLICATION_NAME;
    const roleNamespace = props.roleNamespace ?? "";
    const nameRules = resourceNames(
      this.named("ns", namespace(input(applicationName), input(tags))),
      this.named("role_prefix", rolePrefix(roleNamespace)),
    );
    const names = Object.fromEntries(
      Object.entries(nameRules).map(([key, rule]) => [key, terraformString(rule)]),
    ) as ResourceNames<string>;
    const ctx: WorkflowContext = {
      scope: { partition: partition.partition, region: region.region, account: caller.accountId },
      tags,
      permissionsBoundary: props.rolePermissionsBoundary,
    };

    const logs = createLogGroups(this, ctx, names);
    const { securityGroup } = createNetwork(this, ctx, {
      name: names.dataPrep,
      subnetIds: props.subnetIds,
      vpcEndpointSecurityGroups: props.vpcEndpointSecurityGroups,
      reverseDnsPrefix: partition.reverseDnsPrefix,
    });

    const execRole = createRole(this, ctx, {
      name: "data_prep_exec",
      roleName: names.dataPrepExecRole,
      assumeDocumentName: "ecs_exec_assume",
      trust: ecsExecAssumeStatements(ctx.scope),
      permissions: dataPrepExecStatements({
        dataPrepRepositoryArn: this.entry(props.ecrRepoArns, "data-prep", "data_prep_repository_arn"),
        logGroupArn: logs.ecsDataPrep.arn,
      }),
    });
    const taskRole = createRole(this, ctx, {
      name: "data_prep_task",
      roleName: names.dataPrepTaskRole,
      assumeDocumentName: "ecs_task_assume",
      trust: ecsTaskAssumeStatements(ctx.scope),
      permissions: dataPrepTaskStatements({
        partition: ctx.scope.partition,
        region: ctx.scope.region,
        dnsSuffix: partition.dnsSuffix,
        dbSecretArn: props.dbSecretArn,
        dbClusterArn: props.dbClusterArn,
        bucketName: props.s3BucketName,
        kmsKeyArn: props.kmsKeyArn,
      }),
    });

    const sfnRole = createRole(this, ctx, {
      name: "sfn",
      roleName: names.sfnRole,
      assumeDocumentName: "sfn_assume",
      // Renamed when role_namespace is set: the state machine must never be left without a role.
      createBeforeDestroy: true,
      trust: sfnAssumeStatements(ctx.scope),
      permissions: sfnStatements({
        scope: ctx.scope,
        taskDefinitionFamily: names.dataPrep,
        clusterArn: props.ecsClusterArn,
        clusterName: terraformString(clusterName(props.ecsClusterArn)),
        passRoleArns: [execRole.arn, taskRole.arn],
        eventBusArn: terraformString(eventBusArn(ctx.scope, props.eventBusName)),
        // Step Functions authorizes a version or alias against the unqualified machine ARN, which is
        // what sfn_arns holds, so no qualified (`:*`) resources are needed.
        // https://docs.aws.amazon.com/step-functions/latest/dg/auth-version-alias.html
        childStateMachineArns: terraformList(stateMachineArns(input(props.sfnArns))),
        childExecutionArns: terraformList(executionArns(input(props.sfnArns))),
        ssmImagePath: props.ssmImagePath,
        bucketName: props.s3BucketName,
        kmsKeyArn: props.kmsKeyArn,
        stateMachineName: names.stateMachine,
      }),
    });

    const stateMachine = createStateMachine(this, ctx, {
      name: names.stateMachine,
      roleArn: sfnRole.arn,
      kmsKeyArn: props.kmsKeyArn,
      logGroupArn: logs.sfn.arn,
      definition: buildWorkflowDefinition({
        partition: ctx.scope.partition,
        region: ctx.scope.region,
        ssmImagePath: props.ssmImagePath,
        dataPrepName: names.dataPrep,
        dataPrepRepositoryUrl: this.entry(props.ecrRepoUrls, "data-prep", "data_prep_repository_url"),
        executionRoleArn: execRole.arn,
        taskRoleArn: taskRole.arn,
        logGroupName: logs.ecsDataPrep.name,
        dbClusterArn: props.dbClusterArn,
        dbSecretArn: props.dbSecretArn,
        lowVolumeFallbackLabel: Token.asString(props.lowVolumeFallbackLabel),
        bucketName: props.s3BucketName,
        clusterArn: props.ecsClusterArn,
        subnetIdsCsv: this.named("subnet_ids_csv", join(",", input(props.subnetIds))),
        securityGroupId: securityGroup.id,
        generalStateMachineArn: this.entry(props.sfnArns, "general", "general_state_machine_arn"),
        lowVolumeStateMachineArn: this.entry(props.sfnArns, "low_volume", "low_volume_state_machine_arn"),
        eventBusName: props.eventBusName,
        dataPrepTimeoutSeconds: (props.dataPrepTimeout ?? DEFAULT_DATA_PREP_TIMEOUT).toSeconds(),
        fineTuneTimeoutSeconds: (props.fineTuneTimeout ?? DEFAULT_FINE_TUNE_TIMEOUT).toSeconds(),
      }),
    });

    this.ecsRoleExecName = execRole.name;
    this.ecsRoleTaskName = taskRole.name;
    this.securityGroupId = securityGroup.id;
    this.stateMachineArn = stateMachine.arn;
  }

  /**
   * `map[key]`: the value itself when the map is concrete (validation has made sure the key is
   * there), else a local naming the lookup.
   */
  private entry(map: Record<string, string>, key: string, localName: string): string {
    const known = tryEvaluate(input(map), Token.isUnresolved);
    if (known) return (known.value as Record<string, string>)[key];
    return this.local(localName, Fn.lookupNested(map, [key]));
  }

  /** The value of a rule: computed now when its inputs are concrete, else a named local. */
  private named(localName: string, rule: Expr): string {
    const known = tryEvaluate(rule, Token.isUnresolved);
    if (known) return known.value as string;
    return this.local(localName, toTerraform(rule));
  }

  /**
   * A named Terraform local. Expressions that would put quotes inside the state machine
   * definition's JSON strings are referenced through locals, which keeps the definition valid JSON.
   */
  private local(name: string, expression: unknown): string {
    const local = new TerraformLocal(this, name, expression);
    local.overrideLogicalId(name);
    return local.asString;
  }
}

import type { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { DataAwsRegion } from "@cdktf/provider-aws/lib/data-aws-region";
import type { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import type { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import type { SfnStateMachine } from "@cdktf/provider-aws/lib/sfn-state-machine";
import { AnnotationMetadataEntryType, TerraformStack, Token } from "cdktf";
import { Construct, type IConstruct } from "constructs";
import { assertSameCore } from "./core";
import {
  dataPrepExecStatements,
  dataPrepTaskStatements,
  ecsExecAssumeStatements,
  ecsTaskAssumeStatements,
  sfnAssumeStatements,
  startExecutionStatements,
} from "./iam/statements";
import type { FinetuneWorkflowProps } from "./interface/props";
import { findProblems, InvalidPropsError, PLACEHOLDER_PROPS, problemList } from "./interface/validation";
import { clusterName, eventBusArn, executionArns, stateMachineArns } from "./naming/arn";
import { input, join } from "./naming/expr";
import { namesOf, type ResourceNames } from "./naming/names";
import { terraformList, terraformString } from "./naming/terraform-expr";
import {
  type Addressing,
  addressingFor,
  CORE_IDS,
  moveLegacyAddresses,
  ScopedAddressing,
  sharedAddresses,
} from "./resources/addressing";
import type { WorkflowContext } from "./resources/context";
import { isFirstWorkflow, knownNamesOf, nameClashes, registerWorkflow } from "./resources/instances";
import { Locals } from "./resources/locals";
import { createLogGroups } from "./resources/logs";
import { createNetwork } from "./resources/network";
import { policyDocument } from "./resources/policy-document";
import { createRole } from "./resources/role";
import { createStateMachine } from "./resources/state-machine";
import { buildWorkflow, stateMachinePolicy } from "./workflow/definition";
import type { PermissionsInput, WorkflowDefinitionInput } from "./workflow/input";
import { DEFAULT_DATA_PREP_TIMEOUT, DEFAULT_FINE_TUNE_TIMEOUT } from "./workflow/timeouts";

/**
 * Set by the `cdktf` and `cdktn` CLIs when they run the app: synthesis then goes on past error
 * annotations, which the CLI reads from the manifest and prints itself, once. Without it the core
 * throws at `app.synth()`, so bad props throw at once instead.
 * @see https://github.com/hashicorp/terraform-cdk/blob/main/packages/@cdktf/cli-core/src/lib/synth-stack.ts
 */
const CLI_PRINTS_ANNOTATIONS = "CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS";

/** A role, managed in the app or read with a data source, that may be granted access to the workflow. */
export interface GrantableRole extends IConstruct {
  /** The role's name. */
  readonly name: string;
}

/** Where the workflow runs, what it shares with its parts, and the names it gives AWS resources. */
interface Setting {
  readonly ctx: WorkflowContext;
  readonly names: ResourceNames<string>;
  readonly partition: DataAwsPartition;
}

/**
 * The fine-tune workflow: a Step Functions state machine that prepares datasets on ECS Fargate
 * and runs the per-model fine-tune state machines, with its roles, log groups and security group.
 *
 * In an app, every element it creates is addressed from its own construct id, so any number of
 * workflows can share a stack beside the app's own resources. In {@link FinetuneWorkflowModule}
 * it keeps the module's documented Terraform addresses.
 */
export class FinetuneWorkflow extends Construct {
  /** The fine-tune state machine. */
  public readonly stateMachine: SfnStateMachine;
  /** ARN of the fine-tune state machine. */
  public readonly stateMachineArn: string;
  /** Name of the fine-tune state machine, `<ns>-finetune`. */
  public readonly stateMachineName: string;
  /** The role the state machine runs as. */
  public readonly stateMachineRole: IamRole;
  /** The data-prep task's execution role: ECS pulls the image and ships the logs with it. */
  public readonly dataPrepExecutionRole: IamRole;
  /** The data-prep task's role: the container's own permissions. */
  public readonly dataPrepTaskRole: IamRole;
  /** The data-prep task's security group: nothing in, HTTPS out. */
  public readonly securityGroup: SecurityGroup;
  /** The data-prep container's log group. */
  public readonly dataPrepLogGroup: CloudwatchLogGroup;
  /** The state machine's execution log group. */
  public readonly stateMachineLogGroup: CloudwatchLogGroup;
  /** Name of the data-prep task execution role (the module's `ecs_role_exec_name`). */
  public readonly ecsRoleExecName: string;
  /** Name of the data-prep task role (the module's `ecs_role_task_name`). */
  public readonly ecsRoleTaskName: string;
  /** ID of the data-prep task's security group (the module's `security_group`). */
  public readonly securityGroupId: string;

  private readonly addressing: Addressing;
  private readonly locals: Locals;
  private readonly grants = new Map<string, IamRolePolicy>();

  /**
   * Bad props throw an {@link InvalidPropsError} listing every problem, and add nothing to the
   * stack. Under the `cdktf` or `cdktn` CLI they become one error annotation instead, which the
   * CLI prints once and fails the synth on, while the workflow is built from placeholder props so
   * that the rest of the app still runs.
   */
  constructor(scope: Construct, id: string, given: FinetuneWorkflowProps) {
    // Before super, so that a stack of the other core, or bad props, never leave a construct behind.
    assertSameCore("FinetuneWorkflow", id, scope.node.scopes, TerraformStack);
    const knownNames = knownNamesOf(given);
    const problems = [...findProblems(given, Token.isUnresolved), ...nameClashes(scope, knownNames)];
    if (problems.length > 0 && process.env[CLI_PRINTS_ANNOTATIONS] === undefined) {
      throw new InvalidPropsError(`${scope.node.path}/${id}`, problems);
    }
    super(scope, id);
    registerWorkflow(this, knownNames);
    if (problems.length > 0) {
      // No stack trace: it would show this constructor, not the prop to fix.
      const list = problemList("Invalid FinetuneWorkflow props:", problems);
      this.node.addMetadata(AnnotationMetadataEntryType.ERROR, list);
    }
    const props = problems.length > 0 ? PLACEHOLDER_PROPS : given;
    const addressing = addressingFor(this, scope);
    this.addressing = addressing;
    this.locals = new Locals(this, addressing);

    const setting = this.setting(props);
    const { ctx, names } = setting;
    const logs = createLogGroups(this, ctx, names);
    const { securityGroup } = createNetwork(this, ctx, {
      name: names.dataPrep,
      subnetIds: props.subnetIds,
      vpcEndpointSecurityGroups: props.vpcEndpointSecurityGroups,
      reverseDnsPrefix: setting.partition.reverseDnsPrefix,
    });
    const { execRole, taskRole } = this.dataPrepRoles(setting, props, logs.ecsDataPrep);
    const workflow = buildWorkflow(this.definitionInput(setting, props, { execRole, taskRole, logs, securityGroup }));
    const sfnRole = createRole(this, ctx, {
      name: "sfn",
      roleName: names.sfnRole,
      assumeDocumentName: "sfn_assume",
      // Renamed when role_namespace is set: the state machine must never be left without a role.
      createBeforeDestroy: true,
      trust: sfnAssumeStatements(ctx.scope),
      permissions: stateMachinePolicy(workflow, this.permissionsInput(setting, props)),
    });
    const stateMachine = createStateMachine(this, ctx, {
      name: names.stateMachine,
      roleArn: sfnRole.arn,
      kmsKeyArn: props.kmsKeyArn,
      logGroupArn: logs.sfn.arn,
      definition: workflow.definition,
    });

    this.stateMachine = stateMachine;
    this.stateMachineArn = stateMachine.arn;
    this.stateMachineName = stateMachine.name;
    this.stateMachineRole = sfnRole;
    this.dataPrepExecutionRole = execRole;
    this.dataPrepTaskRole = taskRole;
    this.securityGroup = securityGroup;
    this.dataPrepLogGroup = logs.ecsDataPrep;
    this.stateMachineLogGroup = logs.sfn;
    this.ecsRoleExecName = execRole.name;
    this.ecsRoleTaskName = taskRole.name;
    this.securityGroupId = securityGroup.id;

    if (addressing instanceof ScopedAddressing) {
      moveLegacyAddresses(this, addressing.placed, () => isFirstWorkflow(this));
    }
    this.node.addValidation({ validate: () => sharedAddresses(this) });
  }

  /**
   * Lets `role` start executions of this state machine, and nothing else: an inline policy on the
   * role with `states:StartExecution` on this state machine's ARN. For an app's own code, or the
   * role an EventBridge Scheduler schedule or rule assumes to start the workflow. Granting the
   * same role again returns the same policy.
   * @returns the role's inline policy
   * @see https://docs.aws.amazon.com/scheduler/latest/UserGuide/managing-targets-templated.html
   */
  public grantStartExecution(role: GrantableRole): IamRolePolicy {
    const granted = this.grants.get(role.node.path);
    if (granted) return granted;
    const id = `start_execution_${role.node.path.replace(/[^A-Za-z0-9]+/g, "_")}`;
    const scope = new Construct(this, id);
    const document = policyDocument(scope, CORE_IDS, "document", startExecutionStatements(this.stateMachineArn));
    const policy = new IamRolePolicy(scope, "policy", {
      role: role.name,
      // A generated suffix keeps the name unique on the role, even for two workflows of the same
      // name in two regions; the prefix says which workflow it starts.
      namePrefix: `${this.stateMachineName}-start-`,
      policy: document.json,
    });
    this.grants.set(role.node.path, policy);
    return policy;
  }

  /** The account, region and partition the workflow runs in, its tags, and its names. */
  private setting(props: FinetuneWorkflowProps): Setting {
    const partition = this.addressing.place(new DataAwsPartition(this, "partition"), "current");
    const region = this.addressing.place(new DataAwsRegion(this, "region"), "current");
    const caller = this.addressing.place(new DataAwsCallerIdentity(this, "caller"), "current");
    const tags = props.tags ?? {};
    const rules = namesOf(props, (local, value) => this.locals.value(local, value));
    const names = Object.fromEntries(
      Object.entries(rules).map(([key, rule]) => [key, terraformString(rule)]),
    ) as ResourceNames<string>;
    const ctx: WorkflowContext = {
      scope: { partition: partition.partition, region: region.region, account: caller.accountId },
      addressing: this.addressing,
      tags,
      permissionsBoundary: props.rolePermissionsBoundary,
    };
    return { ctx, names, partition };
  }

  /** The data-prep task's two roles: the execution role ECS uses, and the container's own. */
  private dataPrepRoles(
    { ctx, names, partition }: Setting,
    props: FinetuneWorkflowProps,
    logGroup: CloudwatchLogGroup,
  ) {
    const execRole = createRole(this, ctx, {
      name: "data_prep_exec",
      roleName: names.dataPrepExecRole,
      assumeDocumentName: "ecs_exec_assume",
      trust: ecsExecAssumeStatements(ctx.scope),
      permissions: dataPrepExecStatements({
        dataPrepRepositoryArn: this.locals.entry(props.ecrRepoArns, "data-prep", "data_prep_repository_arn"),
        logGroupArn: logGroup.arn,
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
    return { execRole, taskRole };
  }

  /** What the definition is built from: the props, and the resources the state machine uses. */
  private definitionInput(
    { ctx, names }: Setting,
    props: FinetuneWorkflowProps,
    made: {
      execRole: IamRole;
      taskRole: IamRole;
      logs: { ecsDataPrep: CloudwatchLogGroup };
      securityGroup: SecurityGroup;
    },
  ): WorkflowDefinitionInput {
    return {
      partition: ctx.scope.partition,
      region: ctx.scope.region,
      ssmImagePath: props.ssmImagePath,
      dataPrepName: names.dataPrep,
      dataPrepRepositoryUrl: this.locals.entry(props.ecrRepoUrls, "data-prep", "data_prep_repository_url"),
      executionRoleArn: made.execRole.arn,
      taskRoleArn: made.taskRole.arn,
      logGroupName: made.logs.ecsDataPrep.name,
      dbClusterArn: props.dbClusterArn,
      dbSecretArn: props.dbSecretArn,
      lowVolumeFallbackLabel: Token.asString(props.lowVolumeFallbackLabel),
      bucketName: props.s3BucketName,
      clusterArn: props.ecsClusterArn,
      subnetIdsCsv: this.locals.value("subnet_ids_csv", join(",", input(props.subnetIds))),
      securityGroupId: made.securityGroup.id,
      generalStateMachineArn: this.locals.entry(props.sfnArns, "general", "general_state_machine_arn"),
      lowVolumeStateMachineArn: this.locals.entry(props.sfnArns, "low_volume", "low_volume_state_machine_arn"),
      eventBusName: props.eventBusName,
      dataPrepTimeoutSeconds: (props.dataPrepTimeout ?? DEFAULT_DATA_PREP_TIMEOUT).toSeconds(),
      fineTuneTimeoutSeconds: (props.fineTuneTimeout ?? DEFAULT_FINE_TUNE_TIMEOUT).toSeconds(),
    };
  }

  /** What the state machine's policy needs beyond the definition. */
  private permissionsInput({ ctx, names }: Setting, props: FinetuneWorkflowProps): PermissionsInput {
    return {
      scope: ctx.scope,
      clusterName: terraformString(clusterName(props.ecsClusterArn)),
      eventBusArn: terraformString(eventBusArn(ctx.scope, props.eventBusName)),
      // Step Functions authorizes a version or alias against the unqualified machine ARN, which is
      // what sfn_arns holds, so no qualified (`:*`) resources are needed.
      // https://docs.aws.amazon.com/step-functions/latest/dg/auth-version-alias.html
      childStateMachineArns: terraformList(stateMachineArns(input(props.sfnArns))),
      childExecutionArns: terraformList(executionArns(input(props.sfnArns))),
      kmsKeyArn: props.kmsKeyArn,
      stateMachineName: names.stateMachine,
    };
  }
}

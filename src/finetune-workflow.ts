import type { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { DataAwsRegion } from "@cdktf/provider-aws/lib/data-aws-region";
import type { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import type { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import type { SfnStateMachine } from "@cdktf/provider-aws/lib/sfn-state-machine";
import { AnnotationMetadataEntryType, Fn, TerraformLocal, TerraformStack, Token } from "cdktf";
import { Construct, type IConstruct } from "constructs";
import {
  type Addressing,
  addressingFor,
  CORE_IDS,
  addressOf,
  declaredAddresses,
  legacyMoves,
  MovedBlocks,
  type Placement,
  recordPlacements,
  ScopedAddressing,
} from "./resources/addressing";
import { clusterName, eventBusArn, executionArns, stateMachineArns } from "./naming/arn";
import { assertSameCore } from "./core";
import { type Expr, input, join, tryEvaluate } from "./naming/expr";
import {
  DEFAULT_APPLICATION_NAME,
  ENVIRONMENT_TAG,
  namespace,
  resourceNames,
  type ResourceNames,
  rolePrefix,
} from "./naming/names";
import type { WorkflowContext } from "./resources/context";
import {
  dataPrepExecStatements,
  dataPrepTaskStatements,
  ecsExecAssumeStatements,
  ecsTaskAssumeStatements,
  sfnAssumeStatements,
  sfnStatements,
  startExecutionStatements,
} from "./iam/statements";
import { policyDocument } from "./resources/policy-document";
import { createRole } from "./resources/role";
import { createLogGroups } from "./resources/logs";
import { createNetwork } from "./resources/network";
import type { FinetuneWorkflowProps } from "./interface/props";
import { createStateMachine } from "./resources/state-machine";
import { terraformList, terraformString, toTerraform } from "./naming/terraform-expr";
import { findProblems, InvalidPropsError, PLACEHOLDER_PROPS, problemList } from "./interface/validation";
import { buildWorkflowDefinition } from "./workflow/definition";
import { DEFAULT_DATA_PREP_TIMEOUT, DEFAULT_FINE_TUNE_TIMEOUT } from "./workflow/timeouts";

/**
 * Set by the `cdktf` and `cdktn` CLIs when they run the app: synthesis then goes on past error
 * annotations, which the CLI reads from the manifest and prints itself, once. Without it the core
 * throws at `app.synth()`, so bad props throw at once instead.
 * @see https://github.com/hashicorp/terraform-cdk/blob/main/packages/@cdktf/cli-core/src/lib/synth-stack.ts
 */
const CLI_PRINTS_ANNOTATIONS = "CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS";

/** What each generated name is, for the message that refuses two workflows with the same names. */
const NAME_KINDS: Readonly<Record<keyof ResourceNames<string>, string>> = {
  dataPrep: "security group and task definition family",
  dataPrepLogGroup: "log group",
  stateMachine: "state machine",
  stateMachineLogGroup: "log group",
  dataPrepExecRole: "IAM role",
  dataPrepTaskRole: "IAM role",
  sfnRole: "IAM role",
};

/** A role, managed in the app or read with a data source, that may be granted access to the workflow. */
export interface GrantableRole extends IConstruct {
  /** The role's name. */
  readonly name: string;
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
    KNOWN_NAMES.set(this, knownNames);
    if (problems.length > 0) {
      // No stack trace: it would show this constructor, not the prop to fix.
      this.node.addMetadata(
        AnnotationMetadataEntryType.ERROR,
        problemList("Invalid FinetuneWorkflow props:", problems),
      );
    }
    const props = problems.length > 0 ? PLACEHOLDER_PROPS : given;

    const addressing = addressingFor(scope);
    this.addressing = addressing;
    const partition = addressing.place(new DataAwsPartition(this, "partition"), "current");
    const region = addressing.place(new DataAwsRegion(this, "region"), "current");
    const caller = addressing.place(new DataAwsCallerIdentity(this, "caller"), "current");

    const tags = props.tags ?? {};
    const nameRules = resourceNames(
      this.named("ns", namespace(input(props.applicationName ?? DEFAULT_APPLICATION_NAME), input(tags))),
      this.named("role_prefix", rolePrefix(props.roleNamespace ?? "")),
    );
    const names = Object.fromEntries(
      Object.entries(nameRules).map(([key, rule]) => [key, terraformString(rule)]),
    ) as ResourceNames<string>;
    const ctx: WorkflowContext = {
      scope: { partition: partition.partition, region: region.region, account: caller.accountId },
      addressing,
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

    recordPlacements(this, addressing);
    if (addressing instanceof ScopedAddressing) this.carryOverLegacyState(addressing.placed);
    this.node.addValidation({ validate: () => this.sharedAddresses() });
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

  /**
   * Moves the state an app applied with 0.3.0, whose construct pinned the documented addresses at
   * the root of the stack. Only the first workflow of a stack, in the construct tree's order, takes
   * that state over: 0.3.0 allowed one per stack.
   */
  private carryOverLegacyState(placed: readonly Placement[]): void {
    new MovedBlocks(this, "moved_from_0_3", () => {
      const stack = TerraformStack.of(this);
      const first = stack.node.findAll().find((construct) => construct instanceof FinetuneWorkflow);
      if (first !== this) return [];
      return legacyMoves(placed, new Set(declaredAddresses(stack, new Set(this.node.findAll())).keys()));
    });
  }

  /** Each address of this workflow that something else in the stack declares too: none, by construction. */
  private sharedAddresses(): string[] {
    const ours = this.node.findAll();
    const others = declaredAddresses(TerraformStack.of(this), new Set(ours));
    return ours.flatMap((element) => {
      const address = addressOf(element);
      const other = address === undefined ? undefined : others.get(address);
      return other === undefined ? [] : [`${address} is declared both by ${element.node.path} and by ${other}.`];
    });
  }

  /**
   * `map[key]`: the value itself when the map is concrete (validation has made sure the key is
   * there), else a local naming the lookup.
   */
  private entry(map: Readonly<Record<string, string>>, key: string, localName: string): string {
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
    return this.addressing.place(new TerraformLocal(this, name, expression), name).asString;
  }
}

/** Each name the props give an AWS resource, where every prop that feeds it is concrete. */
function knownNamesOf(props: FinetuneWorkflowProps): Partial<ResourceNames<string>> {
  const rules = resourceNames(
    namespace(input(props.applicationName ?? DEFAULT_APPLICATION_NAME), input(props.tags ?? {})),
    rolePrefix(props.roleNamespace ?? ""),
  );
  return Object.fromEntries(
    Object.entries(rules).flatMap(([key, rule]) => {
      const known = tryEvaluate(rule, Token.isUnresolved);
      return known && typeof known.value === "string" ? [[key, known.value]] : [];
    }),
  );
}

/** The names each workflow gives AWS resources, where they are known at synth time. */
const KNOWN_NAMES = new WeakMap<FinetuneWorkflow, Partial<ResourceNames<string>>>();

/**
 * One problem for each workflow already in `scope`'s stack that gives an AWS resource a name these
 * `names` give too. A stack has one account and region, where those names must be unique.
 */
function nameClashes(scope: Construct, names: Partial<ResourceNames<string>>): string[] {
  return TerraformStack.of(scope)
    .node.findAll()
    .flatMap((construct) => {
      const theirs = construct instanceof FinetuneWorkflow ? KNOWN_NAMES.get(construct) : undefined;
      if (theirs === undefined) return [];
      const same = (Object.keys(NAME_KINDS) as (keyof ResourceNames<string>)[]).flatMap((key) =>
        names[key] !== undefined && names[key] === theirs[key] ? [`${NAME_KINDS[key]} "${names[key]}"`] : [],
      );
      if (same.length === 0) return [];
      return [
        `\`applicationName\` and \`tags.${ENVIRONMENT_TAG}\` give the same AWS names as FinetuneWorkflow "${construct.node.path}": ` +
          `${same.join(", ")}; give one of them another application name or environment.`,
      ];
    });
}

import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { DataAwsRegion } from "@cdktf/provider-aws/lib/data-aws-region";
import { Fn, TerraformIterator, TerraformLocal, TerraformStack, Token } from "cdktf";
import { Construct } from "constructs";
import { arn, AccountScope } from "./arn";
import { DEFAULT_APPLICATION_NAME, ENVIRONMENT_TAG, namespaceOf, resourceNames, rolePrefixOf } from "./naming";
import { WorkflowContext } from "./context";
import {
  dataPrepExecStatements,
  dataPrepTaskStatements,
  ecsExecAssumeStatements,
  ecsTaskAssumeStatements,
  executionArnPattern,
  sfnAssumeStatements,
  sfnStatements,
} from "./iam/statements";
import { createRole } from "./iam/role";
import { createLogGroups } from "./logs";
import { createNetwork } from "./network";
import { createStateMachine } from "./state-machine";
import { validateProps } from "./validation";
import { buildWorkflowDefinition } from "./workflow/definition";

/**
 * Inputs of the fine-tune workflow: the module's variables in camelCase. Every value may be
 * concrete or a Terraform token (a variable, another resource's attribute).
 */
export interface FinetuneWorkflowProps {
  /**
   * Prefixes the names of everything the workflow creates.
   * @default "gata"
   */
  readonly applicationName?: string;
  /** ARN of the Aurora cluster the data-prep task queries through the RDS Data API. */
  readonly dbClusterArn: string;
  /** ARN of the Secrets Manager secret holding that cluster's credentials. */
  readonly dbSecretArn: string;
  /** ECR repository ARNs by module name; `data-prep` is required. */
  readonly ecrRepoArns: Record<string, string>;
  /** ECR repository URLs by module name; `data-prep` is required. */
  readonly ecrRepoUrls: Record<string, string>;
  /** ARN of the ECS cluster the data-prep task runs in. */
  readonly ecsClusterArn: string;
  /** Name or ARN of the EventBridge bus that receives `finetune-complete` and `finetune-failed`. */
  readonly eventBusName: string;
  /** ARN of the KMS key encrypting the state machine's data and the datasets in S3. */
  readonly kmsKeyArn: string;
  /** Label the data-prep container uses when there is too little low-volume data to train on. */
  readonly lowVolumeFallbackLabel: number;
  /**
   * Prefix for IAM role names, joined with `-`.
   * @default ""
   */
  readonly roleNamespace?: string;
  /**
   * ARN of a permissions boundary for the three roles.
   * @default - no boundary
   */
  readonly rolePermissionsBoundary?: string;
  /** Bucket the datasets are written to, under `training/`. */
  readonly s3BucketName: string;
  /** Child fine-tune state machine ARNs by model; `general` and `low_volume` are required. */
  readonly sfnArns: Record<string, string>;
  /** SSM path holding the image versions, e.g. `/gata/images/`; it starts and ends with `/`. */
  readonly ssmImagePath: string;
  /** Subnets the data-prep task runs in; the security group is created in the first one's VPC. */
  readonly subnetIds: string[];
  /**
   * Tags for every resource; `environment`, when present, is part of every name.
   * @default {}
   */
  readonly tags?: Record<string, string>;
  /**
   * Security groups of the VPC endpoints by endpoint (`ecr-api`, `ecr-dkr`, `logs`, `rds-data`,
   * `secretsmanager`, `ssm`), and `s3` for the S3 gateway endpoint's prefix list. When empty,
   * HTTPS egress is open to the internet.
   */
  readonly vpcEndpointSecurityGroups: Record<string, string>;
}

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
    const names = resourceNames(
      isConcrete(applicationName) && isConcrete(tags)
        ? namespaceOf(applicationName, tags)
        : this.local(
            "ns",
            // The environment tag is optional: matchkeys yields its value as a list of zero or one.
            Fn.join(
              "-",
              Fn.compact(Fn.concat([[applicationName], Fn.matchkeys(Fn.values(tags), Fn.keys(tags), [ENVIRONMENT_TAG])])),
            ),
          ),
      isConcrete(roleNamespace)
        ? rolePrefixOf(roleNamespace)
        : this.local("role_prefix", Fn.join("", Fn.formatlist("%s-", [Fn.compact([roleNamespace])]))),
    );
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
        dbSecretArn: props.dbSecretArn,
        dbClusterArn: props.dbClusterArn,
        bucketName: props.s3BucketName,
        kmsKeyArn: props.kmsKeyArn,
      }),
    });

    const childStateMachines = isConcrete(props.sfnArns) ? Object.values(props.sfnArns) : undefined;
    const eventBusArn = isConcrete(props.eventBusName)
      ? eventBusArnOf(ctx.scope, props.eventBusName)
      : Token.asString(
          Fn.conditional(
            Fn.startswith(props.eventBusName, "arn:"),
            props.eventBusName,
            eventBusArnOf(ctx.scope, props.eventBusName),
          ),
        );
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
        clusterName: isConcrete(props.ecsClusterArn)
          ? clusterNameOf(props.ecsClusterArn)
          : Fn.element(Fn.split("/", props.ecsClusterArn), 1),
        passRoleArns: [execRole.arn, taskRole.arn],
        eventBusArn,
        // Step Functions authorizes a version or alias against the unqualified machine ARN, which is
        // what sfn_arns holds, so no qualified (`:*`) resources are needed.
        // https://docs.aws.amazon.com/step-functions/latest/dg/auth-version-alias.html
        childStateMachineArns: childStateMachines ?? Token.asList(Fn.values(props.sfnArns)),
        childExecutionArns: childStateMachines
          ? childStateMachines.map(executionArnPattern)
          : // The Terraform form of executionArnPattern.
            Token.asList(
              TerraformIterator.fromMap(props.sfnArns).forExpressionForList(
                `"\${replace(val, ":stateMachine:", ":execution:")}:*"`,
              ),
            ),
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
        subnetIdsCsv: isConcrete(props.subnetIds)
          ? props.subnetIds.join(",")
          : this.local("subnet_ids_csv", Fn.join(",", props.subnetIds)),
        securityGroupId: securityGroup.id,
        generalStateMachineArn: this.entry(props.sfnArns, "general", "general_state_machine_arn"),
        lowVolumeStateMachineArn: this.entry(props.sfnArns, "low_volume", "low_volume_state_machine_arn"),
        eventBusName: props.eventBusName,
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
    if (isConcrete(map)) return map[key];
    return this.local(localName, Fn.lookupNested(map, [key]));
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

/** True when a value holds no Terraform token, so it can be computed on at synth time. */
function isConcrete(value: string | readonly string[] | Readonly<Record<string, string>>): boolean {
  if (typeof value === "string") return !Token.isUnresolved(value);
  if (Array.isArray(value)) return !Token.isUnresolved(value) && value.every((v) => !Token.isUnresolved(v));
  return !Token.isUnresolved(value) && Object.entries(value).every(([k, v]) => !Token.isUnresolved(k) && !Token.isUnresolved(v));
}

/** An event bus given by name or ARN, as an ARN. */
function eventBusArnOf(scope: AccountScope, nameOrArn: string): string {
  return nameOrArn.startsWith("arn:") ? nameOrArn : arn(scope, "events", `event-bus/${nameOrArn}`);
}

/** `arn:<p>:ecs:<r>:<a>:cluster/<name>` → `<name>`. */
function clusterNameOf(clusterArn: string): string {
  return clusterArn.slice(clusterArn.indexOf("/") + 1);
}

import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { DataAwsRegion } from "@cdktf/provider-aws/lib/data-aws-region";
import { Fn, TerraformIterator, TerraformLocal, TerraformStack, Token } from "cdktf";
import { Construct } from "constructs";
import { arn } from "./arn";
import { WorkflowContext } from "./context";
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
import { createStateMachine } from "./state-machine";
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
    const ns = this.local(
      "ns",
      // The environment tag is optional: matchkeys yields it as a list of zero or one values.
      Fn.join(
        "-",
        Fn.compact(
          Fn.concat([[props.applicationName ?? "gata"], Fn.matchkeys(Fn.values(tags), Fn.keys(tags), ["environment"])]),
        ),
      ),
    );
    // "<role_namespace>-", or nothing when the namespace is empty.
    const rolePrefix = this.local("role_prefix", Fn.join("", Fn.formatlist("%s-", [Fn.compact([props.roleNamespace ?? ""])])));
    const ctx: WorkflowContext = {
      scope: { partition: partition.partition, region: region.region, account: caller.accountId },
      ns,
      roleName: (name) => `${rolePrefix}${name}`,
      tags,
      permissionsBoundary: props.rolePermissionsBoundary,
    };

    const logs = createLogGroups(this, ctx);
    const { securityGroup } = createNetwork(this, ctx, {
      subnetIds: props.subnetIds,
      vpcEndpointSecurityGroups: props.vpcEndpointSecurityGroups,
      reverseDnsPrefix: partition.reverseDnsPrefix,
    });

    const dataPrepName = `${ns}-data-prep`;
    const execRole = createRole(this, ctx, {
      name: "data_prep_exec",
      roleName: `${ns}-data-prep-exec`,
      assumeDocumentName: "ecs_exec_assume",
      trust: ecsExecAssumeStatements(ctx.scope),
      permissions: dataPrepExecStatements({
        dataPrepRepositoryArn: this.local("data_prep_repository_arn", Fn.lookupNested(props.ecrRepoArns, ["data-prep"])),
        logGroupArn: logs.ecsDataPrep.arn,
      }),
    });
    const taskRole = createRole(this, ctx, {
      name: "data_prep_task",
      roleName: `${ns}-data-prep-task`,
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

    const stateMachineName = `${ns}-finetune`;
    const sfnArns = TerraformIterator.fromMap(props.sfnArns);
    const eventBusArn = Fn.conditional(
      Fn.startswith(props.eventBusName, "arn:"),
      props.eventBusName,
      arn(ctx.scope, "events", `event-bus/${props.eventBusName}`),
    );
    const sfnRole = createRole(this, ctx, {
      name: "sfn",
      roleName: `sfn-${stateMachineName}`,
      assumeDocumentName: "sfn_assume",
      trust: sfnAssumeStatements(ctx.scope),
      permissions: sfnStatements({
        scope: ctx.scope,
        taskDefinitionFamily: dataPrepName,
        clusterArn: props.ecsClusterArn,
        clusterName: Fn.element(Fn.split("/", props.ecsClusterArn), 1),
        passRoleArns: [execRole.arn, taskRole.arn],
        eventBusArn: Token.asString(eventBusArn),
        childStateMachineArns: Token.asList(Fn.concat([Fn.values(props.sfnArns), Fn.formatlist("%s:*", [Fn.values(props.sfnArns)])])),
        // The Terraform form of executionArnPattern: execution ARNs name the machine, not its ARN.
        childExecutionArns: Token.asList(
          sfnArns.forExpressionForList(`"\${replace(val, ":stateMachine:", ":execution:")}:*"`),
        ),
        ssmImagePath: props.ssmImagePath,
        bucketName: props.s3BucketName,
        kmsKeyArn: props.kmsKeyArn,
        stateMachineName,
      }),
    });

    const stateMachine = createStateMachine(this, ctx, {
      name: stateMachineName,
      roleArn: sfnRole.arn,
      kmsKeyArn: props.kmsKeyArn,
      logGroupArn: logs.sfn.arn,
      definition: buildWorkflowDefinition({
        partition: ctx.scope.partition,
        region: ctx.scope.region,
        ssmImagePath: props.ssmImagePath,
        dataPrepName,
        dataPrepRepositoryUrl: this.local("data_prep_repository_url", Fn.lookupNested(props.ecrRepoUrls, ["data-prep"])),
        executionRoleArn: execRole.arn,
        taskRoleArn: taskRole.arn,
        logGroupName: logs.ecsDataPrep.name,
        dbClusterArn: props.dbClusterArn,
        dbSecretArn: props.dbSecretArn,
        lowVolumeFallbackLabel: Token.asString(props.lowVolumeFallbackLabel),
        bucketName: props.s3BucketName,
        clusterArn: props.ecsClusterArn,
        subnetIdsCsv: this.local("subnet_ids_csv", Fn.join(",", props.subnetIds)),
        securityGroupId: securityGroup.id,
        generalStateMachineArn: this.local("general_state_machine_arn", Fn.lookupNested(props.sfnArns, ["general"])),
        lowVolumeStateMachineArn: this.local(
          "low_volume_state_machine_arn",
          Fn.lookupNested(props.sfnArns, ["low_volume"]),
        ),
        eventBusName: props.eventBusName,
      }),
    });

    this.ecsRoleExecName = execRole.name;
    this.ecsRoleTaskName = taskRole.name;
    this.securityGroupId = securityGroup.id;
    this.stateMachineArn = stateMachine.arn;
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

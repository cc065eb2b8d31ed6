/**
 * Shared inputs for the least-privilege proofs: concrete sample values for every module input
 * in the aws, aws-cn and aws-us-gov partitions, the six policy documents built from them by the
 * pure builders, and the synthesized module with its Terraform expressions replaced by the
 * same sample values. Tests check that the two agree, so a proof run on the builders' output
 * holds for the module as synthesized.
 */
import {
  dataPrepExecStatements,
  dataPrepTaskStatements,
  ecsExecAssumeStatements,
  ecsTaskAssumeStatements,
  sfnAssumeStatements,
} from "../../src/iam/statements";
import { buildWorkflow, stateMachinePolicy } from "../../src/workflow/definition";
import { SAMPLE_INPUT } from "../support/workflow";
import { type PolicyJson, type PolicyStatement, toPolicyJson } from "../../src/iam/policy";
import type { ResourceNames } from "../../src/naming/names";
import type { TerraformJson } from "../support/synthesized";

export type Partition = "aws" | "aws-cn" | "aws-us-gov";

/** The `aws_iam_policy_document` data sources of the module, by Terraform name. */
export const DOCUMENTS = [
  "data_prep_exec",
  "data_prep_task",
  "ecs_exec_assume",
  "ecs_task_assume",
  "sfn",
  "sfn_assume",
] as const;
export type DocumentName = (typeof DOCUMENTS)[number];

export const ACCOUNT = "111122223333";
export const OTHER_ACCOUNT = "444455556666";

/** Everything the module is given or derives, as concrete values in one partition. */
export interface Sample {
  readonly partition: Partition;
  readonly region: string;
  readonly account: string;
  /** `data.aws_partition.current.reverse_dns_prefix`. */
  readonly reverseDnsPrefix: string;
  readonly dnsSuffix: string;
  readonly ns: string;
  readonly names: ResourceNames<string>;
  /** The module's string variables, by Terraform name. */
  readonly vars: {
    readonly application_name: string;
    readonly db_cluster_arn: string;
    readonly db_secret_arn: string;
    readonly ecs_cluster_arn: string;
    readonly event_bus_name: string;
    readonly kms_key_arn: string;
    readonly low_volume_fallback_label: string;
    readonly role_namespace: string;
    readonly s3_bucket_name: string;
    readonly ssm_image_path: string;
  };
  readonly ecrRepoArn: string;
  readonly ecrRepoUrl: string;
  /** `sfn_arns`, in key order (Terraform's `values()` sorts by key). */
  readonly sfnArns: { readonly general: string; readonly low_volume: string };
  readonly subnetIds: readonly string[];
  /** Attributes of resources the module creates, as AWS will report them. */
  readonly created: {
    readonly execRoleArn: string;
    readonly taskRoleArn: string;
    readonly dataPrepLogGroupArn: string;
    readonly securityGroupId: string;
    readonly stateMachineArn: string;
  };
}

const REGIONS: Record<Partition, { region: string; reverseDnsPrefix: string; dnsSuffix: string }> = {
  aws: { region: "eu-west-1", reverseDnsPrefix: "com.amazonaws", dnsSuffix: "amazonaws.com" },
  "aws-cn": { region: "cn-north-1", reverseDnsPrefix: "cn.com.amazonaws", dnsSuffix: "amazonaws.com.cn" },
  "aws-us-gov": { region: "us-gov-west-1", reverseDnsPrefix: "com.amazonaws", dnsSuffix: "amazonaws.com" },
};

/**
 * The README's example inputs, in `partition`. ARNs are spelled out here rather than built with
 * `src/naming/arn.ts`, so the proofs do not take the code under test on trust.
 */
export function sampleFor(partition: Partition): Sample {
  const { region, reverseDnsPrefix, dnsSuffix } = REGIONS[partition];
  const at = `${region}:${ACCOUNT}`;
  const ns = "gata-prod";
  const names: ResourceNames<string> = {
    dataPrep: "gata-prod-data-prep",
    dataPrepLogGroup: "/ecs/gata-prod-data-prep",
    stateMachine: "gata-prod-finetune",
    stateMachineLogGroup: "/aws/vendedlogs/states/gata-prod-finetune",
    dataPrepExecRole: "gata-prod-data-prep-exec",
    dataPrepTaskRole: "gata-prod-data-prep-task",
    sfnRole: "sfn-gata-prod-finetune",
  };
  return {
    partition,
    region,
    account: ACCOUNT,
    reverseDnsPrefix,
    dnsSuffix,
    ns,
    names,
    vars: {
      application_name: "gata",
      db_cluster_arn: `arn:${partition}:rds:${at}:cluster:tickets`,
      db_secret_arn: `arn:${partition}:secretsmanager:${at}:secret:tickets-db-AbCdEf`,
      ecs_cluster_arn: `arn:${partition}:ecs:${at}:cluster/gata`,
      event_bus_name: "gata",
      kms_key_arn: `arn:${partition}:kms:${at}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
      low_volume_fallback_label: "0",
      role_namespace: "",
      s3_bucket_name: "gata-training-data",
      ssm_image_path: "/gata/images/",
    },
    ecrRepoArn: `arn:${partition}:ecr:${at}:repository/gata/data-prep`,
    ecrRepoUrl: `${ACCOUNT}.dkr.ecr.${region}.${dnsSuffix}/gata/data-prep`,
    sfnArns: {
      general: `arn:${partition}:states:${at}:stateMachine:gata-finetune-general`,
      low_volume: `arn:${partition}:states:${at}:stateMachine:gata-finetune-low-volume`,
    },
    subnetIds: ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"],
    created: {
      execRoleArn: `arn:${partition}:iam::${ACCOUNT}:role/${names.dataPrepExecRole}`,
      taskRoleArn: `arn:${partition}:iam::${ACCOUNT}:role/${names.dataPrepTaskRole}`,
      dataPrepLogGroupArn: `arn:${partition}:logs:${at}:log-group:${names.dataPrepLogGroup}`,
      securityGroupId: "sg-0123456789abcdef0",
      stateMachineArn: `arn:${partition}:states:${at}:stateMachine:${names.stateMachine}`,
    },
  };
}

/** The six documents as the pure builders return them, fed the way `FinetuneWorkflow` feeds them. */
export function builderDocuments(sample: Sample): Record<DocumentName, PolicyStatement[]> {
  const scope = { partition: sample.partition, region: sample.region, account: sample.account };
  const children = Object.values(sample.sfnArns);
  return {
    ecs_exec_assume: ecsExecAssumeStatements(scope),
    ecs_task_assume: ecsTaskAssumeStatements(scope),
    sfn_assume: sfnAssumeStatements(scope),
    data_prep_exec: dataPrepExecStatements({
      dataPrepRepositoryArn: sample.ecrRepoArn,
      logGroupArn: sample.created.dataPrepLogGroupArn,
    }),
    data_prep_task: dataPrepTaskStatements({
      partition: sample.partition,
      region: sample.region,
      dnsSuffix: sample.dnsSuffix,
      dbSecretArn: sample.vars.db_secret_arn,
      dbClusterArn: sample.vars.db_cluster_arn,
      bucketName: sample.vars.s3_bucket_name,
      kmsKeyArn: sample.vars.kms_key_arn,
    }),
    sfn: stateMachinePolicy(
      buildWorkflow({
        ...SAMPLE_INPUT,
        dataPrepName: sample.names.dataPrep,
        clusterArn: sample.vars.ecs_cluster_arn,
        executionRoleArn: sample.created.execRoleArn,
        taskRoleArn: sample.created.taskRoleArn,
        ssmImagePath: sample.vars.ssm_image_path,
        bucketName: sample.vars.s3_bucket_name,
      }),
      {
        scope,
        clusterName: "gata",
        eventBusArn: `arn:${sample.partition}:events:${sample.region}:${sample.account}:event-bus/${sample.vars.event_bus_name}`,
        childStateMachineArns: children,
        childExecutionArns: ["gata-finetune-general", "gata-finetune-low-volume"].map(
          (machine) => `arn:${sample.partition}:states:${sample.region}:${sample.account}:execution:${machine}:*`,
        ),
        kmsKeyArn: sample.vars.kms_key_arn,
        stateMachineName: sample.names.stateMachine,
      },
    ),
  };
}

/** The builders' documents as IAM JSON, ready for the evaluator. */
export function builderPolicies(sample: Sample): Record<DocumentName, PolicyJson> {
  const docs = builderDocuments(sample);
  return Object.fromEntries(DOCUMENTS.map((name) => [name, toPolicyJson(docs[name])])) as Record<
    DocumentName,
    PolicyJson
  >;
}

export type { TerraformJson } from "../support/synthesized";

/** A statement of `data.aws_iam_policy_document`, as synthesized. */
interface SynthesizedStatement {
  sid: string;
  effect: "Allow" | "Deny";
  actions: string[];
  resources?: string[] | string;
  principals?: { type: "Service" | "AWS"; identifiers: string[] }[];
  condition?: { test: string; variable: string; values: string[] }[];
}

/** The statements of one synthesized policy document, as the builders' plain data. */
export function documentStatements(tf: TerraformJson, name: DocumentName): PolicyStatement[] {
  const statements: SynthesizedStatement[] = tf.data.aws_iam_policy_document[name].statement;
  return statements.map((s) => {
    if (typeof s.resources === "string")
      throw new Error(`Statement \`${s.sid}\` of \`${name}\` has an unresolved resource list: ${s.resources}`);
    return {
      sid: s.sid,
      effect: s.effect,
      actions: s.actions,
      ...(s.resources ? { resources: s.resources } : {}),
      ...(s.principals ? { principals: s.principals } : {}),
      ...(s.condition ? { conditions: s.condition } : {}),
    };
  });
}

/**
 * The synthesized module with every Terraform expression the policies, the definition and the
 * prefix list use replaced by `sample`'s values, evaluated the way Terraform would. Anything
 * left unresolved stays as `${...}`, which the tests reject.
 */
export function resolveModule(tf: TerraformJson, sample: Sample): TerraformJson {
  const sfnArns = Object.values(sample.sfnArns);
  const busExpression = /^\$\{startswith\(var\.event_bus_name, "arn:"\) \? var\.event_bus_name : "(.*)"\}$/;
  // Whole-string expressions that Terraform turns into lists.
  const lists: Record<string, string[]> = {
    "${values(var.sfn_arns)}": sfnArns,
    '${[ for key, val in var.sfn_arns: "${replace(val, ":stateMachine:", ":execution:")}:*"]}': sfnArns.map(
      (a) => `${a.split(":stateMachine:").join(":execution:")}:*`,
    ),
  };
  const tokens: Record<string, string> = {
    "${data.aws_partition.current.partition}": sample.partition,
    "${data.aws_partition.current.reverse_dns_prefix}": sample.reverseDnsPrefix,
    "${data.aws_partition.current.dns_suffix}": sample.dnsSuffix,
    "${data.aws_region.current.region}": sample.region,
    "${data.aws_caller_identity.current.account_id}": sample.account,
    "${local.ns}": sample.ns,
    "${local.role_prefix}": "",
    "${local.data_prep_repository_arn}": sample.ecrRepoArn,
    "${local.data_prep_repository_url}": sample.ecrRepoUrl,
    "${local.general_state_machine_arn}": sample.sfnArns.general,
    "${local.low_volume_state_machine_arn}": sample.sfnArns.low_volume,
    "${local.subnet_ids_csv}": sample.subnetIds.join(","),
    '${element(split("/", var.ecs_cluster_arn), 1)}': sample.vars.ecs_cluster_arn.split("/")[1],
    "${aws_cloudwatch_log_group.ecs_data_prep.arn}": sample.created.dataPrepLogGroupArn,
    "${aws_cloudwatch_log_group.ecs_data_prep.name}": sample.names.dataPrepLogGroup,
    "${aws_iam_role.data_prep_exec.arn}": sample.created.execRoleArn,
    "${aws_iam_role.data_prep_task.arn}": sample.created.taskRoleArn,
    "${aws_security_group.this.id}": sample.created.securityGroupId,
    ...Object.fromEntries(Object.entries(sample.vars).map(([name, value]) => [`\${var.${name}}`, value])),
  };
  const substitute = (text: string) =>
    Object.entries(tokens).reduce((t, [token, value]) => t.split(token).join(value), text);
  const resolveString = (text: string): string | string[] => {
    if (text in lists) return lists[text];
    const bus = busExpression.exec(text);
    if (bus) return sample.vars.event_bus_name.startsWith("arn:") ? sample.vars.event_bus_name : substitute(bus[1]);
    return substitute(text);
  };
  const walk = (value: unknown): unknown => {
    if (typeof value === "string") return resolveString(value);
    if (Array.isArray(value)) return value.map(walk);
    if (value && typeof value === "object")
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)]));
    return value;
  };
  return walk(tf) as TerraformJson;
}

/** The resolved module's six documents as IAM JSON. */
export function resolvedPolicies(resolved: TerraformJson): Record<DocumentName, PolicyJson> {
  return Object.fromEntries(
    DOCUMENTS.map((name) => [name, toPolicyJson(documentStatements(resolved, name))]),
  ) as Record<DocumentName, PolicyJson>;
}

/** Every `arn:...` substring of a text, up to a quote, whitespace or JSONata `'`. */
export function arnsIn(text: string): string[] {
  return text.match(/arn:[^\s"'\\,]+/g) ?? [];
}

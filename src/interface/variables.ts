/**
 * The module's input variables: the one place that maps each Terraform variable to its
 * construct prop. Descriptions, types and defaults are part of the documented interface.
 *
 * Each variable's plan-time `validation` blocks sit next to it. They check, in Terraform, what
 * src/interface/validation.ts checks at synth time, from the same patterns; terraform-docs does not
 * show them, so the documented interface is unchanged.
 * https://developer.hashicorp.com/terraform/language/values/variables#custom-validation-rules
 */
import { INTERFACE_ENDPOINTS, S3_ENDPOINT_KEY } from "../naming/endpoints";
import {
  arnValidation,
  arnValuesValidation,
  formatValuesValidation,
  keysValidation,
  matchesFormat,
  ROLE_NAME_LENGTH,
  STATE_MACHINE_NAME_LENGTH,
  type VariableValidation,
} from "./plan-checks";
import {
  ARN_RULES,
  BUCKET_IP_ADDRESS_PATTERN,
  BUCKET_NAME_PATTERN,
  ENVIRONMENT_TAG_PATTERN,
  EVENT_BUS_PATTERN,
  FORMAT_RULES,
  NAME_PART_PATTERN,
  REQUIRED_KEYS,
  RESERVED_BUCKET_PREFIXES,
  RESERVED_BUCKET_SUFFIXES,
  ROLE_NAMESPACE_PATTERN,
} from "./rules";
import { input, toHcl } from "../naming/expr";
import { ENVIRONMENT_TAG } from "../naming/names";

export interface VariableSpec {
  /** The Terraform variable name (snake_case). */
  readonly name: string;
  /** The matching `FinetuneWorkflowProps` field (camelCase). */
  readonly prop: string;
  readonly description: string;
  readonly type: "string" | "number" | "list(string)" | "map(string)";
  /** Present when the variable is optional; `null` is a real default. */
  readonly default?: string | number | null | Readonly<Record<string, string>>;
  /** Plan-time checks of the variable's value. */
  readonly validation?: readonly VariableValidation[];
}

export const VARIABLES: readonly VariableSpec[] = [
  {
    name: "application_name",
    prop: "applicationName",
    description: "Name for the application. Used to prefix resources provisioned by this module.",
    type: "string",
    default: "gata",
    validation: [
      {
        condition: `can(regex("${NAME_PART_PATTERN}", var.application_name))`,
        errorMessage:
          "The application_name variable must be a non-empty name of letters, digits, hyphens and underscores.",
      },
      STATE_MACHINE_NAME_LENGTH,
    ],
  },
  {
    name: "db_cluster_arn",
    prop: "dbClusterArn",
    description: "ARN of the existing RDS Aurora cluster",
    type: "string",
    validation: [arnValidation("db_cluster_arn", ARN_RULES.rdsCluster)],
  },
  {
    name: "db_secret_arn",
    prop: "dbSecretArn",
    description: "ARN of the existing RDS Aurora secret",
    type: "string",
    validation: [arnValidation("db_secret_arn", ARN_RULES.secret)],
  },
  {
    name: "ecr_repo_arns",
    prop: "ecrRepoArns",
    description: "ARNs of the ECR repositories for the docker images. Format: { module_name => repo_arn }",
    type: "map(string)",
    validation: [
      keysValidation("ecr_repo_arns", REQUIRED_KEYS.ecrRepoArns),
      arnValuesValidation("ecr_repo_arns", ARN_RULES.ecrRepository),
    ],
  },
  {
    name: "ecr_repo_urls",
    prop: "ecrRepoUrls",
    description: "URLs of the ECR repositories for the docker images. Format: { module_name => repo_url }",
    type: "map(string)",
    validation: [
      keysValidation("ecr_repo_urls", REQUIRED_KEYS.ecrRepoUrls),
      formatValuesValidation("ecr_repo_urls", FORMAT_RULES.ecrRepositoryUrl),
    ],
  },
  {
    name: "ecs_cluster_arn",
    prop: "ecsClusterArn",
    description: "ARN of the existing ECS cluster",
    type: "string",
    validation: [arnValidation("ecs_cluster_arn", ARN_RULES.ecsCluster)],
  },
  {
    name: "event_bus_name",
    prop: "eventBusName",
    description: "ARN of the EventBridge event bus to use for notifications",
    type: "string",
    validation: [
      {
        condition: `can(regex("${EVENT_BUS_PATTERN}", var.event_bus_name))`,
        errorMessage:
          "The event_bus_name variable must be an event bus name or an EventBridge event bus ARN (arn:<partition>:events:<region>:<account>:event-bus/<name>).",
      },
    ],
  },
  {
    name: "kms_key_arn",
    prop: "kmsKeyArn",
    description: "ARN of the KMS key to use for encryption",
    type: "string",
    validation: [arnValidation("kms_key_arn", ARN_RULES.kmsKey)],
  },
  {
    name: "low_volume_fallback_label",
    prop: "lowVolumeFallbackLabel",
    description: "Label to use when there is insufficient low volume ticket data to train a model.",
    type: "number",
    validation: [
      {
        condition: "floor(var.low_volume_fallback_label) == var.low_volume_fallback_label",
        errorMessage: "The low_volume_fallback_label variable must be a whole number.",
      },
    ],
  },
  {
    name: "role_namespace",
    prop: "roleNamespace",
    description: "Namespace/prefix for IAMs roles",
    type: "string",
    default: "",
    validation: [
      {
        condition: `can(regex("${ROLE_NAMESPACE_PATTERN}", var.role_namespace))`,
        errorMessage: "The role_namespace variable must be empty or made of letters, digits and _+=,.@-.",
      },
      ROLE_NAME_LENGTH,
    ],
  },
  {
    name: "role_permissions_boundary",
    prop: "rolePermissionsBoundary",
    description: "Permissions boundary to apply to IAM roles",
    type: "string",
    default: null,
    validation: [
      {
        // Terraform evaluates both operands of ||; can() turns regex's error on null into false.
        condition: `var.role_permissions_boundary == null || can(regex("${ARN_RULES.iamPolicy.pattern}", var.role_permissions_boundary))`,
        errorMessage: `The role_permissions_boundary variable must be null or ${ARN_RULES.iamPolicy.what} (${ARN_RULES.iamPolicy.format}).`,
      },
    ],
  },
  {
    name: "s3_bucket_name",
    prop: "s3BucketName",
    description: "Name of the S3 bucket to use for data storage",
    type: "string",
    validation: [
      {
        condition: `can(regex("${BUCKET_NAME_PATTERN}", var.s3_bucket_name))`,
        errorMessage:
          "The s3_bucket_name variable must be a valid S3 bucket name: 3 to 63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit.",
      },
      {
        condition: `!strcontains(var.s3_bucket_name, "..")`,
        errorMessage: "The s3_bucket_name variable must not contain two adjacent dots.",
      },
      {
        condition: `!can(regex("${BUCKET_IP_ADDRESS_PATTERN}", var.s3_bucket_name))`,
        errorMessage: "The s3_bucket_name variable must not be formatted as an IP address.",
      },
      {
        condition: `alltrue([for prefix in ${toHcl(input([...RESERVED_BUCKET_PREFIXES]))} : !startswith(var.s3_bucket_name, prefix)])`,
        errorMessage: `The s3_bucket_name variable must not start with a reserved prefix (${RESERVED_BUCKET_PREFIXES.join(", ")}).`,
      },
      {
        condition: `alltrue([for suffix in ${toHcl(input([...RESERVED_BUCKET_SUFFIXES]))} : !endswith(var.s3_bucket_name, suffix)])`,
        errorMessage: `The s3_bucket_name variable must not end with a reserved suffix (${RESERVED_BUCKET_SUFFIXES.join(", ")}).`,
      },
    ],
  },
  {
    name: "sfn_arns",
    prop: "sfnArns",
    description:
      "ARNs of the Step Functions state machines for finetuning individual models. Format: { model_name => sfn_arn }",
    type: "map(string)",
    validation: [
      keysValidation("sfn_arns", REQUIRED_KEYS.sfnArns),
      arnValuesValidation("sfn_arns", ARN_RULES.stateMachine),
    ],
  },
  {
    name: "ssm_image_path",
    prop: "ssmImagePath",
    description: "The base SSM path for image versions parameters.",
    type: "string",
    validation: [
      {
        condition: `startswith(var.ssm_image_path, "/") && endswith(var.ssm_image_path, "/")`,
        errorMessage: 'The ssm_image_path variable must start and end with "/", such as "/gata/images/".',
      },
    ],
  },
  {
    name: "subnet_ids",
    prop: "subnetIds",
    description: "Subnet IDs for the ECR task",
    type: "list(string)",
    validation: [
      {
        condition: "length(var.subnet_ids) > 0",
        errorMessage: "The subnet_ids variable must list at least one subnet ID.",
      },
      {
        condition: `alltrue([for id in var.subnet_ids : ${matchesFormat(FORMAT_RULES.subnetId, "id")}])`,
        errorMessage: `Every value of the subnet_ids variable must be ${FORMAT_RULES.subnetId.what} (${FORMAT_RULES.subnetId.format}).`,
      },
    ],
  },
  {
    name: "tags",
    prop: "tags",
    description: "Tags to apply to all resources",
    type: "map(string)",
    default: {},
    validation: [
      {
        condition: `can(regex("${ENVIRONMENT_TAG_PATTERN}", lookup(var.tags, "${ENVIRONMENT_TAG}", "")))`,
        errorMessage: "The environment tag, when set, must be made of letters, digits, hyphens and underscores.",
      },
    ],
  },
  {
    name: "vpc_endpoint_security_groups",
    prop: "vpcEndpointSecurityGroups",
    description: "Map of VPC endpoint security groups - `vpce => security_group_id`",
    type: "map(string)",
    validation: [
      {
        // Other keys are not read by the module, so their values are left alone.
        condition:
          `alltrue([for k, v in var.vpc_endpoint_security_groups : ${matchesFormat(FORMAT_RULES.securityGroupId, "v")} ` +
          `if contains(${toHcl(input([...INTERFACE_ENDPOINTS]))}, k)])`,
        errorMessage:
          `The vpc_endpoint_security_groups variable must map each interface endpoint (${INTERFACE_ENDPOINTS.join(", ")}) ` +
          `to ${FORMAT_RULES.securityGroupId.what} (${FORMAT_RULES.securityGroupId.format}).`,
      },
      {
        condition: `alltrue([for k, v in var.vpc_endpoint_security_groups : ${matchesFormat(FORMAT_RULES.prefixListId, "v")} if k == "${S3_ENDPOINT_KEY}"])`,
        errorMessage:
          `The vpc_endpoint_security_groups variable must map "${S3_ENDPOINT_KEY}" to the S3 gateway endpoint's prefix list: ` +
          `${FORMAT_RULES.prefixListId.what} (${FORMAT_RULES.prefixListId.format}).`,
      },
    ],
  },
];

export interface OutputSpec {
  readonly name: string;
  readonly description: string;
}

export const OUTPUTS = {
  ecsRoleExecName: { name: "ecs_role_exec_name", description: "Name of the IAM execution role for data prep ECS task" },
  ecsRoleTaskName: { name: "ecs_role_task_name", description: "Name of the IAM task role for data prep ECS task" },
  securityGroupId: { name: "security_group", description: "ID of the security group used by the ECS task" },
} satisfies Record<string, OutputSpec>;

/**
 * The module's input variables: the one place that maps each Terraform variable to its
 * construct prop. Descriptions, types and defaults are part of the documented interface.
 */

export interface VariableSpec {
  /** The Terraform variable name (snake_case). */
  readonly name: string;
  /** The matching `FinetuneWorkflowProps` field (camelCase). */
  readonly prop: string;
  readonly description: string;
  readonly type: "string" | "number" | "list(string)" | "map(string)";
  /** Present when the variable is optional; `null` is a real default. */
  readonly default?: string | number | null | Readonly<Record<string, string>>;
}

export const VARIABLES: readonly VariableSpec[] = [
  {
    name: "application_name",
    prop: "applicationName",
    description: "Name for the application. Used to prefix resources provisioned by this module.",
    type: "string",
    default: "gata",
  },
  { name: "db_cluster_arn", prop: "dbClusterArn", description: "ARN of the existing RDS Aurora cluster", type: "string" },
  { name: "db_secret_arn", prop: "dbSecretArn", description: "ARN of the existing RDS Aurora secret", type: "string" },
  {
    name: "ecr_repo_arns",
    prop: "ecrRepoArns",
    description: "ARNs of the ECR repositories for the docker images. Format: { module_name => repo_arn }",
    type: "map(string)",
  },
  {
    name: "ecr_repo_urls",
    prop: "ecrRepoUrls",
    description: "URLs of the ECR repositories for the docker images. Format: { module_name => repo_url }",
    type: "map(string)",
  },
  { name: "ecs_cluster_arn", prop: "ecsClusterArn", description: "ARN of the existing ECS cluster", type: "string" },
  {
    name: "event_bus_name",
    prop: "eventBusName",
    description: "ARN of the EventBridge event bus to use for notifications",
    type: "string",
  },
  { name: "kms_key_arn", prop: "kmsKeyArn", description: "ARN of the KMS key to use for encryption", type: "string" },
  {
    name: "low_volume_fallback_label",
    prop: "lowVolumeFallbackLabel",
    description: "Label to use when there is insufficient low volume ticket data to train a model.",
    type: "number",
  },
  { name: "role_namespace", prop: "roleNamespace", description: "Namespace/prefix for IAMs roles", type: "string", default: "" },
  {
    name: "role_permissions_boundary",
    prop: "rolePermissionsBoundary",
    description: "Permissions boundary to apply to IAM roles",
    type: "string",
    default: null,
  },
  { name: "s3_bucket_name", prop: "s3BucketName", description: "Name of the S3 bucket to use for data storage", type: "string" },
  {
    name: "sfn_arns",
    prop: "sfnArns",
    description:
      "ARNs of the Step Functions state machines for finetuning individual models. Format: { model_name => sfn_arn }",
    type: "map(string)",
  },
  {
    name: "ssm_image_path",
    prop: "ssmImagePath",
    description: "The base SSM path for image versions parameters.",
    type: "string",
  },
  { name: "subnet_ids", prop: "subnetIds", description: "Subnet IDs for the ECR task", type: "list(string)" },
  { name: "tags", prop: "tags", description: "Tags to apply to all resources", type: "map(string)", default: {} },
  {
    name: "vpc_endpoint_security_groups",
    prop: "vpcEndpointSecurityGroups",
    description: "Map of VPC endpoint security groups - `vpce => security_group_id`",
    type: "map(string)",
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
} as const satisfies Record<string, OutputSpec>;

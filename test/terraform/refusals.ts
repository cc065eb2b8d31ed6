/**
 * The bad inputs of bad-inputs/, each with the one error Terraform must refuse it with: the
 * message of the validation rule that checks it. terraform.test.ts plans each one and compares.
 */

const NS = "ml-platform-training-pipelines-europe-west-1-production-team";
const LONG_ENVIRONMENT = "e".repeat(50);
const BUCKET_NAME_SHAPE =
  "The s3_bucket_name variable must be a valid S3 bucket name: 3 to 63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit.";
const RESERVED_PREFIX =
  "The s3_bucket_name variable must not start with a reserved prefix (xn--, sthree-, amzn-s3-demo-).";
const RESERVED_SUFFIX =
  "The s3_bucket_name variable must not end with a reserved suffix (-s3alias, --ol-s3, .mrap, --x-s3, --table-s3).";
const IP_ADDRESS = "The s3_bucket_name variable must not be formatted as an IP address.";
const ECR_URL =
  "Every value of the ecr_repo_urls variable must be an ECR repository URL (<account>.dkr.ecr.<region>.<dns suffix>/<repository name>, with no tag).";

/** Each file, and the one error its bad input must get: the message of the validation rule that refuses it. */
export const REFUSALS: Record<string, string> = {
  "application-name-with-a-space":
    "The application_name variable must be a non-empty name of letters, digits, hyphens and underscores.",
  "application-name-makes-role-names-one-too-long":
    "IAM role names must be at most 64 characters; role_namespace, application_name and the environment tag make " +
    `${"a".repeat(50)}-data-prep-exec (65 characters), ${"a".repeat(50)}-data-prep-task (65 characters).`,
  "application-name-makes-state-machine-name-too-long": `State machine names must be at most 80 characters; application_name and the environment tag make ${"a".repeat(72)}-finetune (81 characters).`,
  "db-cluster-arn-of-an-instance":
    "The db_cluster_arn variable must be an RDS cluster ARN (arn:<partition>:rds:<region>:<account>:cluster:<name>).",
  "db-secret-arn-of-a-parameter":
    "The db_secret_arn variable must be a Secrets Manager secret ARN (arn:<partition>:secretsmanager:<region>:<account>:secret:<name>).",
  "ecr-repo-arns-without-data-prep": 'The ecr_repo_arns variable must have the key "data-prep".',
  "ecr-repo-arns-holding-a-url":
    "Every value of the ecr_repo_arns variable must be an ECR repository ARN (arn:<partition>:ecr:<region>:<account>:repository/<name>).",
  "ecr-repo-urls-without-data-prep": 'The ecr_repo_urls variable must have the key "data-prep".',
  "ecr-repo-urls-not-a-url": ECR_URL,
  "ecr-repo-urls-repository-name-too-long": ECR_URL,
  "ecs-cluster-arn-a-name":
    "The ecs_cluster_arn variable must be an ECS cluster ARN (arn:<partition>:ecs:<region>:<account>:cluster/<name>).",
  "event-bus-name-an-sns-topic":
    "The event_bus_name variable must be an event bus name or an EventBridge event bus ARN (arn:<partition>:events:<region>:<account>:event-bus/<name>).",
  "kms-key-arn-an-alias":
    "The kms_key_arn variable must be a KMS key ARN (arn:<partition>:kms:<region>:<account>:key/<key-id>).",
  "low-volume-fallback-label-a-fraction": "The low_volume_fallback_label variable must be a whole number.",
  "role-namespace-with-a-slash": "The role_namespace variable must be empty or made of letters, digits and _+=,.@-.",
  "role-namespace-makes-role-names-too-long":
    "IAM role names must be at most 64 characters; role_namespace, application_name and the environment tag make " +
    `${NS}-gata-prod-data-prep-exec (85 characters), ${NS}-gata-prod-data-prep-task (85 characters), ${NS}-sfn-gata-prod-finetune (83 characters).`,
  "role-permissions-boundary-a-role-arn":
    "The role_permissions_boundary variable must be null or an IAM policy ARN (arn:<partition>:iam::<account>:policy/<name>).",
  "s3-bucket-name-too-short": BUCKET_NAME_SHAPE,
  "s3-bucket-name-too-long": BUCKET_NAME_SHAPE,
  "s3-bucket-name-uppercase": BUCKET_NAME_SHAPE,
  "s3-bucket-name-leading-hyphen": BUCKET_NAME_SHAPE,
  "s3-bucket-name-adjacent-dots": "The s3_bucket_name variable must not contain two adjacent dots.",
  "s3-bucket-name-an-ip-address": IP_ADDRESS,
  "s3-bucket-name-another-ip-address": IP_ADDRESS,
  "s3-bucket-name-reserved-prefix": RESERVED_PREFIX,
  "s3-bucket-name-sthree-prefix": RESERVED_PREFIX,
  "s3-bucket-name-amzn-s3-demo-prefix": RESERVED_PREFIX,
  "s3-bucket-name-reserved-suffix": RESERVED_SUFFIX,
  "s3-bucket-name-ol-s3-suffix": RESERVED_SUFFIX,
  "s3-bucket-name-mrap-suffix": RESERVED_SUFFIX,
  "s3-bucket-name-x-s3-suffix": RESERVED_SUFFIX,
  "s3-bucket-name-table-s3-suffix": RESERVED_SUFFIX,
  "sfn-arns-without-low-volume": 'The sfn_arns variable must have the keys "general" and "low_volume".',
  "sfn-arns-an-execution-arn":
    "Every value of the sfn_arns variable must be a Step Functions state machine ARN (arn:<partition>:states:<region>:<account>:stateMachine:<name>).",
  "ssm-image-path-relative": 'The ssm_image_path variable must start and end with "/", such as "/gata/images/".',
  "subnet-ids-empty": "The subnet_ids variable must list at least one subnet ID.",
  "subnet-ids-not-a-subnet":
    "Every value of the subnet_ids variable must be a subnet ID (subnet- and 8 or 17 hexadecimal digits).",
  "tags-environment-with-a-space":
    "The environment tag, when set, must be made of letters, digits, hyphens and underscores.",
  "tags-environment-makes-role-names-too-long":
    "IAM role names must be at most 64 characters; role_namespace, application_name and the environment tag make " +
    `gata-${LONG_ENVIRONMENT}-data-prep-exec (70 characters), gata-${LONG_ENVIRONMENT}-data-prep-task (70 characters), ` +
    `sfn-gata-${LONG_ENVIRONMENT}-finetune (68 characters).`,
  "vpc-endpoint-security-groups-not-a-security-group":
    "The vpc_endpoint_security_groups variable must map each interface endpoint (ecr-api, ecr-dkr, logs, rds-data, secretsmanager, ssm) " +
    "to a security group ID (sg- and 8 or 17 hexadecimal digits).",
  "vpc-endpoint-security-groups-s3-a-security-group":
    'The vpc_endpoint_security_groups variable must map "s3" to the S3 gateway endpoint\'s prefix list: a prefix list ID (pl- and hexadecimal digits).',
};

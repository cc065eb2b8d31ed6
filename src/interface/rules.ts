/**
 * The rules the module's inputs must meet, as data: ARN formats, ID and URL formats, name
 * patterns, required map keys and AWS's name limits, each with the AWS page it comes from.
 * They are written in the subset of regular-expression syntax that JavaScript and Terraform's
 * RE2 read alike: validation.ts applies them at synth time, variables.ts renders them as the
 * module's plan-time `validation` blocks.
 */

/** An ARN format: what it is, how it reads, and the pattern it must match. */
export interface ArnRule {
  readonly what: string;
  readonly format: string;
  readonly pattern: string;
}

/**
 * The ARNs the module takes. Region is any non-empty segment, account is 12 digits.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html
 */
export const ARN_RULES = {
  // https://docs.aws.amazon.com/service-authorization/latest/reference/list_awskeymanagementservice.html#awskeymanagementservice-resources-for-iam-policies
  kmsKey: {
    what: "a KMS key ARN",
    format: "arn:<partition>:kms:<region>:<account>:key/<key-id>",
    pattern: "^arn:[^:]+:kms:[^:]+:[0-9]{12}:key/.+$",
  },
  // https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonrds.html#amazonrds-resources-for-iam-policies
  rdsCluster: {
    what: "an RDS cluster ARN",
    format: "arn:<partition>:rds:<region>:<account>:cluster:<name>",
    pattern: "^arn:[^:]+:rds:[^:]+:[0-9]{12}:cluster:.+$",
  },
  // https://docs.aws.amazon.com/service-authorization/latest/reference/list_awssecretsmanager.html#awssecretsmanager-resources-for-iam-policies
  secret: {
    what: "a Secrets Manager secret ARN",
    format: "arn:<partition>:secretsmanager:<region>:<account>:secret:<name>",
    pattern: "^arn:[^:]+:secretsmanager:[^:]+:[0-9]{12}:secret:.+$",
  },
  // https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonelasticcontainerservice.html#amazonelasticcontainerservice-resources-for-iam-policies
  ecsCluster: {
    what: "an ECS cluster ARN",
    format: "arn:<partition>:ecs:<region>:<account>:cluster/<name>",
    pattern: "^arn:[^:]+:ecs:[^:]+:[0-9]{12}:cluster/.+$",
  },
  // https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsstepfunctions.html#awsstepfunctions-resources-for-iam-policies
  stateMachine: {
    what: "a Step Functions state machine ARN",
    format: "arn:<partition>:states:<region>:<account>:stateMachine:<name>",
    pattern: "^arn:[^:]+:states:[^:]+:[0-9]{12}:stateMachine:[^:]+$",
  },
  // https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonelasticcontainerregistry.html#amazonelasticcontainerregistry-resources-for-iam-policies
  ecrRepository: {
    what: "an ECR repository ARN",
    format: "arn:<partition>:ecr:<region>:<account>:repository/<name>",
    pattern: "^arn:[^:]+:ecr:[^:]+:[0-9]{12}:repository/.+$",
  },
  // AWS managed policies (account "aws") are valid boundaries too.
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html
  iamPolicy: {
    what: "an IAM policy ARN",
    format: "arn:<partition>:iam::<account>:policy/<name>",
    pattern: "^arn:[^:]+:iam::(aws|[0-9]{12}):policy/.+$",
  },
} satisfies Record<string, ArnRule>;

/** A value format other than an ARN: what it is, how it reads, and the patterns it must all match. */
export interface FormatRule {
  readonly what: string;
  readonly format: string;
  readonly patterns: readonly string[];
}

/**
 * The IDs and URLs the module takes. Literal dots are written `[.]`, which JavaScript and RE2
 * read alike and which needs no escaping inside a Terraform string.
 */
export const FORMAT_RULES = {
  // EC2 resource IDs are a prefix and 8 hexadecimal characters, or 17 in the longer format.
  // https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/resource-ids.html
  subnetId: {
    what: "a subnet ID",
    format: "subnet- and 8 or 17 hexadecimal digits",
    patterns: ["^subnet-([0-9a-f]{8}|[0-9a-f]{17})$"],
  },
  securityGroupId: {
    what: "a security group ID",
    format: "sg- and 8 or 17 hexadecimal digits",
    patterns: ["^sg-([0-9a-f]{8}|[0-9a-f]{17})$"],
  },
  // The S3 gateway endpoint is reached through the region's S3 prefix list (pl-6da54004 and the like).
  // https://docs.aws.amazon.com/vpc/latest/userguide/working-with-aws-managed-prefix-lists.html
  prefixListId: {
    what: "a prefix list ID",
    format: "pl- and hexadecimal digits",
    patterns: ["^pl-[0-9a-f]+$"],
  },
  // The registry host is <account>.dkr.ecr.<region>.<DNS suffix of the partition>: amazonaws.com,
  // amazonaws.com.cn in China; FIPS (dkr.ecr-fips) and dual-stack (dkr-ecr.<region>.on.aws)
  // hosts serve the same images. https://docs.aws.amazon.com/AmazonECR/latest/userguide/ecr-requests.html
  // A repository name is 2 to 256 characters of lowercase components separated by / and
  // joined inside by ., _ or -. https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_CreateRepository.html
  // No tag or digest: the workflow appends the image version it reads from SSM.
  ecrRepositoryUrl: {
    what: "an ECR repository URL",
    format: "<account>.dkr.ecr.<region>.<dns suffix>/<repository name>, with no tag",
    patterns: [
      "^[0-9]{12}[.]dkr[.-]ecr(-fips)?[.][a-z0-9-]+([.][a-z0-9-]+)+/([a-z0-9]+([._-][a-z0-9]+)*/)*[a-z0-9]+([._-][a-z0-9]+)*$",
      "^[^/]+/.{2,256}$",
    ],
  },
} satisfies Record<string, FormatRule>;

/**
 * Characters allowed in the names the module builds from `applicationName` and the
 * environment tag: the strictest of the rules those names meet, ECS task definition
 * families and container names (letters, digits, hyphens, underscores). IAM role, state
 * machine, log group and security group names all accept these.
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RegisterTaskDefinition.html
 */
export const NAME_PART_PATTERN = "^[A-Za-z0-9_-]+$";
/** The environment tag joins the same names; empty counts as no tag (see naming.ts). */
export const ENVIRONMENT_TAG_PATTERN = "^[A-Za-z0-9_-]*$";
/** `roleNamespace` joins IAM role and policy names only: `[\w+=,.@-]`, or nothing. */
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html
export const ROLE_NAMESPACE_PATTERN = "^[A-Za-z0-9_+=,.@-]*$";
/**
 * An event bus name (partner buses hold a `/`) or an event bus ARN.
 * https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_CreateEventBus.html
 */
export const EVENT_BUS_PATTERN = "^([A-Za-z0-9/._-]+|arn:[^:]+:events:[^:]+:[0-9]{12}:event-bus/[A-Za-z0-9/._-]+)$";
/**
 * The shape of an S3 general purpose bucket name; bucketNameRule adds the rules a single
 * pattern would make unreadable.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
 */
export const BUCKET_NAME_PATTERN = "^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$";
/** A bucket name formatted as an IP address. */
export const BUCKET_IP_ADDRESS_PATTERN = "^[0-9]+[.][0-9]+[.][0-9]+[.][0-9]+$";

/** Keys the workflow reads from its map props. */
export const REQUIRED_KEYS = {
  sfnArns: ["general", "low_volume"],
  ecrRepoUrls: ["data-prep"],
  ecrRepoArns: ["data-prep"],
} satisfies Record<string, readonly string[]>;

/** Length limits of the names the module gives AWS resources. */
export const NAME_LIMITS = {
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html#reference_iam-quotas-names
  iamRole: 64,
  iamPolicy: 128,
  // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSecurityGroup.html
  securityGroup: 255,
  // https://docs.aws.amazon.com/step-functions/latest/apireference/API_CreateStateMachine.html
  stateMachine: 80,
  // https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html
  logGroup: 512,
  // https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RegisterTaskDefinition.html
  taskDefinitionFamily: 255,
  // https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html
  containerName: 255,
} satisfies Record<string, number>;

/** Which rule an S3 bucket name breaks, or undefined when it is valid. */
export function bucketNameRule(name: string): string | undefined {
  if (name.length < 3 || name.length > 63) return "3 to 63 characters";
  if (!/^[a-z0-9.-]+$/.test(name)) return "only lowercase letters, digits, dots and hyphens";
  if (!new RegExp(BUCKET_NAME_PATTERN).test(name)) return "starting and ending with a letter or digit";
  if (name.includes("..")) return "no two adjacent dots";
  if (new RegExp(BUCKET_IP_ADDRESS_PATTERN).test(name)) return "not formatted as an IP address";
  const prefix = RESERVED_BUCKET_PREFIXES.find((p) => name.startsWith(p));
  if (prefix) return `not starting with the reserved prefix "${prefix}"`;
  const suffix = RESERVED_BUCKET_SUFFIXES.find((s) => name.endsWith(s));
  if (suffix) return `not ending with the reserved suffix "${suffix}"`;
  return undefined;
}

export const RESERVED_BUCKET_PREFIXES: readonly string[] = ["xn--", "sthree-", "amzn-s3-demo-"];
export const RESERVED_BUCKET_SUFFIXES: readonly string[] = ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"];

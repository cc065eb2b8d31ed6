import { VARIABLES } from "../../src/interface/variables";
import { EVENT_BUS_PATTERN, ENVIRONMENT_TAG_PATTERN } from "../../src/interface/rules";
import { synthModule } from "../support/synthesized";
import { EVENT_BUS_ARN } from "../support/valid-props";

const hcl2json: { parse(file: string, text: string): Promise<Record<string, unknown>> } = require("@cdktf/hcl2json");

interface JsonValidation {
  readonly condition: string;
  readonly error_message: string;
}

const synthesized = synthModule().tf as { variable: Record<string, { validation?: JsonValidation[] }> };

// The generated names as Terraform templates of the variables: the namespace, the role prefix.
const NS =
  '${join("-", compact(concat([var.application_name], matchkeys(values(var.tags), keys(var.tags), ["environment"]))))}';
const ROLE_PREFIX = '${join("", formatlist("%s-", compact([var.role_namespace])))}';
const ROLE_NAMES = `["${ROLE_PREFIX}${NS}-data-prep-exec", "${ROLE_PREFIX}${NS}-data-prep-task", "${ROLE_PREFIX}sfn-${NS}-finetune"]`;
const STATE_MACHINE_NAME = `${NS}-finetune`;
const ECR_URL_PATTERN =
  "^[0-9]{12}[.]dkr[.-]ecr(-fips)?[.][a-z0-9-]+([.][a-z0-9-]+)+/([a-z0-9]+([._-][a-z0-9]+)*/)*[a-z0-9]+([._-][a-z0-9]+)*$";

/** The plan-time checks, as a reviewer reads them: [variable, condition, error message]. */
const EXPECTED: [string, string, string][] = [
  [
    "application_name",
    'can(regex("^[A-Za-z0-9_-]+$", var.application_name))',
    "The application_name variable must be a non-empty name of letters, digits, hyphens and underscores.",
  ],
  [
    "application_name",
    `length("${STATE_MACHINE_NAME}") <= 80`,
    "State machine names must be at most 80 characters; application_name and the environment tag make " +
      `\${"${STATE_MACHINE_NAME}"} (\${length("${STATE_MACHINE_NAME}")} characters).`,
  ],
  [
    "db_cluster_arn",
    'can(regex("^arn:[^:]+:rds:[^:]+:[0-9]{12}:cluster:.+$", var.db_cluster_arn))',
    "The db_cluster_arn variable must be an RDS cluster ARN (arn:<partition>:rds:<region>:<account>:cluster:<name>).",
  ],
  [
    "db_secret_arn",
    'can(regex("^arn:[^:]+:secretsmanager:[^:]+:[0-9]{12}:secret:.+$", var.db_secret_arn))',
    "The db_secret_arn variable must be a Secrets Manager secret ARN (arn:<partition>:secretsmanager:<region>:<account>:secret:<name>).",
  ],
  [
    "ecr_repo_arns",
    'contains(keys(var.ecr_repo_arns), "data-prep")',
    'The ecr_repo_arns variable must have the key "data-prep".',
  ],
  [
    "ecr_repo_arns",
    'alltrue([for v in values(var.ecr_repo_arns) : can(regex("^arn:[^:]+:ecr:[^:]+:[0-9]{12}:repository/.+$", v))])',
    "Every value of the ecr_repo_arns variable must be an ECR repository ARN (arn:<partition>:ecr:<region>:<account>:repository/<name>).",
  ],
  [
    "ecr_repo_urls",
    'contains(keys(var.ecr_repo_urls), "data-prep")',
    'The ecr_repo_urls variable must have the key "data-prep".',
  ],
  [
    "ecr_repo_urls",
    `alltrue([for v in values(var.ecr_repo_urls) : can(regex("${ECR_URL_PATTERN}", v)) && can(regex("^[^/]+/.{2,256}$", v))])`,
    "Every value of the ecr_repo_urls variable must be an ECR repository URL (<account>.dkr.ecr.<region>.<dns suffix>/<repository name>, with no tag).",
  ],
  [
    "ecs_cluster_arn",
    'can(regex("^arn:[^:]+:ecs:[^:]+:[0-9]{12}:cluster/.+$", var.ecs_cluster_arn))',
    "The ecs_cluster_arn variable must be an ECS cluster ARN (arn:<partition>:ecs:<region>:<account>:cluster/<name>).",
  ],
  [
    "event_bus_name",
    'can(regex("^([A-Za-z0-9/._-]+|arn:[^:]+:events:[^:]+:[0-9]{12}:event-bus/[A-Za-z0-9/._-]+)$", var.event_bus_name))',
    "The event_bus_name variable must be an event bus name or an EventBridge event bus ARN (arn:<partition>:events:<region>:<account>:event-bus/<name>).",
  ],
  [
    "kms_key_arn",
    'can(regex("^arn:[^:]+:kms:[^:]+:[0-9]{12}:key/.+$", var.kms_key_arn))',
    "The kms_key_arn variable must be a KMS key ARN (arn:<partition>:kms:<region>:<account>:key/<key-id>).",
  ],
  [
    "low_volume_fallback_label",
    "floor(var.low_volume_fallback_label) == var.low_volume_fallback_label",
    "The low_volume_fallback_label variable must be a whole number.",
  ],
  [
    "role_namespace",
    'can(regex("^[A-Za-z0-9_+=,.@-]*$", var.role_namespace))',
    "The role_namespace variable must be empty or made of letters, digits and _+=,.@-.",
  ],
  [
    "role_namespace",
    `alltrue([for name in ${ROLE_NAMES} : length(name) <= 64])`,
    "IAM role names must be at most 64 characters; role_namespace, application_name and the environment tag make " +
      `\${join(", ", [for name in ${ROLE_NAMES} : "\${name} (\${length(name)} characters)" if length(name) > 64])}.`,
  ],
  [
    "role_permissions_boundary",
    'var.role_permissions_boundary == null || can(regex("^arn:[^:]+:iam::(aws|[0-9]{12}):policy/.+$", var.role_permissions_boundary))',
    "The role_permissions_boundary variable must be null or an IAM policy ARN (arn:<partition>:iam::<account>:policy/<name>).",
  ],
  [
    "s3_bucket_name",
    'can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.s3_bucket_name))',
    "The s3_bucket_name variable must be a valid S3 bucket name: 3 to 63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit.",
  ],
  [
    "s3_bucket_name",
    '!strcontains(var.s3_bucket_name, "..")',
    "The s3_bucket_name variable must not contain two adjacent dots.",
  ],
  [
    "s3_bucket_name",
    '!can(regex("^[0-9]+[.][0-9]+[.][0-9]+[.][0-9]+$", var.s3_bucket_name))',
    "The s3_bucket_name variable must not be formatted as an IP address.",
  ],
  [
    "s3_bucket_name",
    'alltrue([for prefix in ["xn--", "sthree-", "amzn-s3-demo-"] : !startswith(var.s3_bucket_name, prefix)])',
    "The s3_bucket_name variable must not start with a reserved prefix (xn--, sthree-, amzn-s3-demo-).",
  ],
  [
    "s3_bucket_name",
    'alltrue([for suffix in ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"] : !endswith(var.s3_bucket_name, suffix)])',
    "The s3_bucket_name variable must not end with a reserved suffix (-s3alias, --ol-s3, .mrap, --x-s3, --table-s3).",
  ],
  [
    "sfn_arns",
    'alltrue([for k in ["general", "low_volume"] : contains(keys(var.sfn_arns), k)])',
    'The sfn_arns variable must have the keys "general" and "low_volume".',
  ],
  [
    "sfn_arns",
    'alltrue([for v in values(var.sfn_arns) : can(regex("^arn:[^:]+:states:[^:]+:[0-9]{12}:stateMachine:[^:]+$", v))])',
    "Every value of the sfn_arns variable must be a Step Functions state machine ARN (arn:<partition>:states:<region>:<account>:stateMachine:<name>).",
  ],
  [
    "ssm_image_path",
    'startswith(var.ssm_image_path, "/") && endswith(var.ssm_image_path, "/")',
    'The ssm_image_path variable must start and end with "/", such as "/gata/images/".',
  ],
  ["subnet_ids", "length(var.subnet_ids) > 0", "The subnet_ids variable must list at least one subnet ID."],
  [
    "subnet_ids",
    'alltrue([for id in var.subnet_ids : can(regex("^subnet-([0-9a-f]{8}|[0-9a-f]{17})$", id))])',
    "Every value of the subnet_ids variable must be a subnet ID (subnet- and 8 or 17 hexadecimal digits).",
  ],
  [
    "tags",
    'can(regex("^[A-Za-z0-9_-]*$", lookup(var.tags, "environment", "")))',
    "The environment tag, when set, must be made of letters, digits, hyphens and underscores.",
  ],
  [
    "vpc_endpoint_security_groups",
    'alltrue([for k, v in var.vpc_endpoint_security_groups : can(regex("^sg-([0-9a-f]{8}|[0-9a-f]{17})$", v)) ' +
      'if contains(["ecr-api", "ecr-dkr", "logs", "rds-data", "secretsmanager", "ssm"], k)])',
    "The vpc_endpoint_security_groups variable must map each interface endpoint (ecr-api, ecr-dkr, logs, rds-data, secretsmanager, ssm) " +
      "to a security group ID (sg- and 8 or 17 hexadecimal digits).",
  ],
  [
    "vpc_endpoint_security_groups",
    'alltrue([for k, v in var.vpc_endpoint_security_groups : can(regex("^pl-[0-9a-f]+$", v)) if k == "s3"])',
    'The vpc_endpoint_security_groups variable must map "s3" to the S3 gateway endpoint\'s prefix list: a prefix list ID (pl- and hexadecimal digits).',
  ],
];

/** Every validation block in the synthesized module, with the `${ }` of JSON syntax removed. */
function actualBlocks(): [string, string, string][] {
  return Object.entries(synthesized.variable).flatMap(([name, variable]) =>
    (variable.validation ?? []).map((v): [string, string, string] => [name, unwrap(v.condition), v.error_message]),
  );
}

function unwrap(template: string): string {
  expect(template.startsWith("${") && template.endsWith("}")).toBe(true);
  return template.slice(2, -1);
}

describe("plan-time validation blocks", () => {
  test.each(EXPECTED)("%s: %s", (name, condition, message) => {
    expect(actualBlocks().filter(([n, c]) => n === name && c === condition)).toEqual([[name, condition, message]]);
  });

  test("the module holds exactly the expected blocks, in order", () => {
    expect(actualBlocks()).toEqual(EXPECTED);
  });

  test("the variables the issue names all have at least one block", () => {
    const validated = new Set(actualBlocks().map(([name]) => name));
    const required = ["subnet_ids", "sfn_arns", "ecr_repo_urls", "ecr_repo_arns", "kms_key_arn", "db_cluster_arn"];
    required.push("db_secret_arn", "ecs_cluster_arn", "ssm_image_path", "application_name");
    expect(required.filter((name) => !validated.has(name))).toEqual([]);
  });

  test("every condition is a valid HCL expression", async () => {
    for (const [name, condition] of EXPECTED) {
      await expect(hcl2json.parse(`${name}.tf`, `x = ${condition}\n`)).resolves.toEqual({ x: `\${${condition}}` });
    }
  });

  test("every condition refers to its own variable; only the name-length checks read others", () => {
    // Terraform >= 1.9 lets a condition read other variables; the module requires >= 1.11.
    const refsOf = (condition: string) => [...new Set(condition.match(/\bvar\.[a-z0-9_]+/g))].sort();
    const crossVariable = actualBlocks().filter(([name, condition]) => refsOf(condition).join() !== `var.${name}`);
    expect(crossVariable.map(([name, condition]) => [name, refsOf(condition)])).toEqual([
      ["application_name", ["var.application_name", "var.tags"]],
      ["role_namespace", ["var.application_name", "var.role_namespace", "var.tags"]],
    ]);
  });

  test("every error message is a full sentence: a capital first, a period last", () => {
    for (const [, , message] of actualBlocks()) expect(message).toMatch(/^[A-Z].*\.$/);
  });

  test("each block is declared in src/interface/variables.ts next to its variable", () => {
    const declared = VARIABLES.flatMap((v) =>
      (v.validation ?? []).map((b): [string, string, string] => [v.name, b.condition, b.errorMessage]),
    );
    expect(declared).toEqual(EXPECTED);
  });
});

describe("valid edge cases at plan time", () => {
  test("tags = {}: the lookup falls back to an empty environment, which the pattern accepts", () => {
    expect(new RegExp(ENVIRONMENT_TAG_PATTERN).test("")).toBe(true);
  });

  test("vpc_endpoint_security_groups = {}: each block holds only over the entries present, so an empty map passes", () => {
    const conditions = (synthesized.variable.vpc_endpoint_security_groups.validation ?? []).map((v) =>
      unwrap(v.condition),
    );
    expect(conditions).toHaveLength(2);
    for (const condition of conditions)
      expect(condition.startsWith("alltrue([for k, v in var.vpc_endpoint_security_groups : ")).toBe(true);
  });

  test("event_bus_name given as a full event bus ARN matches the condition's pattern", () => {
    expect(new RegExp(EVENT_BUS_PATTERN).test(EVENT_BUS_ARN)).toBe(true);
  });

  test("role_permissions_boundary unset (null) passes the condition's first operand", () => {
    const [[, condition]] = EXPECTED.filter(([name]) => name === "role_permissions_boundary");
    expect(condition.startsWith("var.role_permissions_boundary == null || ")).toBe(true);
  });
});

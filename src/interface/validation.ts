/**
 * Synth-time validation of the construct's props, on concrete values only: a Terraform
 * token (a variable, another resource's attribute) is never judged here, since its value is
 * known only at plan time, where the module's variable `validation` blocks check it.
 *
 * Pure: no cdktf import. The caller passes its token test (`Token.isUnresolved`).
 * The patterns below are written in the subset of regular-expression syntax that JavaScript
 * and Terraform's RE2 read alike, so src/interface/variables.ts builds its plan-time conditions from them.
 */
import type { FinetuneWorkflowProps } from "./props";
import { INTERFACE_ENDPOINTS, S3_ENDPOINT_KEY } from "../naming/endpoints";
import { evaluate, type Expr, input, type IsToken } from "../naming/expr";
import { DEFAULT_APPLICATION_NAME, ENVIRONMENT_TAG, namespace, resourceNames, rolePrefix } from "../naming/names";
import { Duration } from "../workflow/duration";
import { executionTimeoutFor } from "../workflow/definition";
import { DEFAULT_DATA_PREP_TIMEOUT, DEFAULT_FINE_TUNE_TIMEOUT, MAX_EXECUTION_SECONDS } from "../workflow/timeouts";

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

/** The data-prep container is named `<ns>-data-prep-<BatchID>`; a batch id is 10 digits. */
const BATCH_ID_PLACEHOLDER = "YYYYMMDDHH";

/** The problems of one construct's props, one line each under `header`. */
export function problemList(header: string, problems: readonly string[]): string {
  return [header, ...problems.map((p) => `- ${p}`)].join("\n");
}

/** Thrown by the construct: every problem found in its props, with its construct path. */
export class InvalidPropsError extends Error {
  /** Every problem, one sentence each. */
  declare readonly problems: readonly string[];
  /** The path of the construct whose props they are. */
  declare readonly constructPath: string;

  constructor(constructPath: string, problems: readonly string[]) {
    super(problemList(`Invalid props for FinetuneWorkflow "${constructPath}":`, problems));
    this.name = "InvalidPropsError";
    // Not enumerable: Node's report of an uncaught error would list them again after the message.
    Object.defineProperties(this, { problems: { value: problems }, constructPath: { value: constructPath } });
    // The mistake is in the props, not in the code: the path says which construct, and the
    // frames add nothing but noise between the user and the list.
    this.stack = `${this.name}: ${this.message}`;
  }
}

/**
 * What the construct builds when the CLI asked it to go on past bad props (see finetune-workflow.ts):
 * valid props of no real account, so that building cannot fail on a value it cannot use, and app
 * code that reads the workflow's attributes still runs until the CLI prints the problems. Its
 * subnets do not exist, so even a plan of what was written fails.
 */
export const PLACEHOLDER_PROPS: FinetuneWorkflowProps = {
  applicationName: "invalid-props",
  dbClusterArn: "arn:aws:rds:us-east-1:000000000000:cluster:invalid-props",
  dbSecretArn: "arn:aws:secretsmanager:us-east-1:000000000000:secret:invalid-props",
  ecrRepoArns: { "data-prep": "arn:aws:ecr:us-east-1:000000000000:repository/invalid-props" },
  ecrRepoUrls: { "data-prep": "000000000000.dkr.ecr.us-east-1.amazonaws.com/invalid-props" },
  ecsClusterArn: "arn:aws:ecs:us-east-1:000000000000:cluster/invalid-props",
  eventBusName: "invalid-props",
  kmsKeyArn: "arn:aws:kms:us-east-1:000000000000:key/invalid-props",
  lowVolumeFallbackLabel: 0,
  s3BucketName: "invalid-props",
  sfnArns: {
    general: "arn:aws:states:us-east-1:000000000000:stateMachine:invalid-props-general",
    low_volume: "arn:aws:states:us-east-1:000000000000:stateMachine:invalid-props-low-volume",
  },
  ssmImagePath: "/invalid-props/",
  subnetIds: ["subnet-00000000"],
  vpcEndpointSecurityGroups: {},
};

/** Every problem in the concrete values of `props`, in the order of the props. */
export function findProblems(props: FinetuneWorkflowProps, isToken: IsToken): string[] {
  const check = new Checker(isToken);
  const applicationName = props.applicationName ?? DEFAULT_APPLICATION_NAME;
  const roleNamespace = props.roleNamespace ?? "";
  const tags = props.tags ?? {};

  check.pattern(
    "applicationName",
    applicationName,
    NAME_PART_PATTERN,
    "a non-empty name of letters, digits, hyphens and underscores",
  );
  check.duration("dataPrepTimeout", props.dataPrepTimeout);
  check.arn("dbClusterArn", props.dbClusterArn, ARN_RULES.rdsCluster);
  check.arn("dbSecretArn", props.dbSecretArn, ARN_RULES.secret);
  check.requiredKeys("ecrRepoArns", props.ecrRepoArns, REQUIRED_KEYS.ecrRepoArns);
  check.arnValues("ecrRepoArns", props.ecrRepoArns, ARN_RULES.ecrRepository);
  check.requiredKeys("ecrRepoUrls", props.ecrRepoUrls, REQUIRED_KEYS.ecrRepoUrls);
  check.formatValues("ecrRepoUrls", props.ecrRepoUrls, FORMAT_RULES.ecrRepositoryUrl);
  check.arn("ecsClusterArn", props.ecsClusterArn, ARN_RULES.ecsCluster);
  check.pattern(
    "eventBusName",
    props.eventBusName,
    EVENT_BUS_PATTERN,
    "an event bus name or an EventBridge event bus ARN (arn:<partition>:events:<region>:<account>:event-bus/<name>)",
  );
  check.duration("fineTuneTimeout", props.fineTuneTimeout);
  check.arn("kmsKeyArn", props.kmsKeyArn, ARN_RULES.kmsKey);
  check.integer("lowVolumeFallbackLabel", props.lowVolumeFallbackLabel);
  check.pattern("roleNamespace", roleNamespace, ROLE_NAMESPACE_PATTERN, "empty or made of letters, digits and _+=,.@-");
  if (props.rolePermissionsBoundary !== undefined) {
    check.arn("rolePermissionsBoundary", props.rolePermissionsBoundary, ARN_RULES.iamPolicy);
  }
  check.bucketName("s3BucketName", props.s3BucketName);
  check.requiredKeys("sfnArns", props.sfnArns, REQUIRED_KEYS.sfnArns);
  check.arnValues("sfnArns", props.sfnArns, ARN_RULES.stateMachine);
  check.ssmPath("ssmImagePath", props.ssmImagePath);
  check.nonEmptyList("subnetIds", props.subnetIds, "at least one subnet ID");
  check.listFormat("subnetIds", props.subnetIds, FORMAT_RULES.subnetId);
  // A token for the whole map, or a string or list from JavaScript, has no environment entry.
  const environment: unknown = tags[ENVIRONMENT_TAG];
  if (environment !== undefined) {
    check.pattern(
      `tags.${ENVIRONMENT_TAG}`,
      environment,
      ENVIRONMENT_TAG_PATTERN,
      "made of letters, digits, hyphens and underscores",
    );
  }
  check.endpointValues("vpcEndpointSecurityGroups", props.vpcEndpointSecurityGroups);
  check.nameLengths(applicationName, tags, roleNamespace);
  check.executionTimeout(
    props.dataPrepTimeout ?? DEFAULT_DATA_PREP_TIMEOUT,
    props.fineTuneTimeout ?? DEFAULT_FINE_TUNE_TIMEOUT,
  );
  return check.problems;
}

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

/** A value as the messages show it. */
export function show(value: unknown): string {
  if (typeof value === "number") return String(value);
  if (value instanceof Duration) return value.toString();
  // JSON.stringify(undefined) is undefined.
  return JSON.stringify(value) ?? "undefined";
}

/** Collects problems; each check skips tokens and names the prop, the value and what is expected. */
class Checker {
  public readonly problems: string[] = [];

  constructor(private readonly isToken: IsToken) {}

  private report(prop: string, expected: string, value: unknown): void {
    this.problems.push(`\`${prop}\` must be ${expected}; received ${show(value)}.`);
  }

  private isConcreteString(value: unknown): value is string {
    return typeof value === "string" && !this.isToken(value);
  }

  isConcreteMap(value: unknown): value is Readonly<Record<string, string>> {
    return typeof value === "object" && value !== null && !Array.isArray(value) && !this.isToken(value);
  }

  pattern(prop: string, value: unknown, pattern: string, expected: string): void {
    if (this.isToken(value)) return;
    if (!this.isConcreteString(value) || !new RegExp(pattern).test(value)) this.report(prop, expected, value);
  }

  arn(prop: string, value: unknown, rule: ArnRule): void {
    this.pattern(prop, value, rule.pattern, `${rule.what} (${rule.format})`);
  }

  arnValues(prop: string, map: unknown, rule: ArnRule): void {
    if (!this.isConcreteMap(map)) return;
    for (const [key, value] of Object.entries(map)) {
      if (!this.isToken(key)) this.arn(`${prop}.${key}`, value, rule);
    }
  }

  format(prop: string, value: unknown, rule: FormatRule): void {
    if (this.isToken(value)) return;
    if (!this.isConcreteString(value) || !rule.patterns.every((p) => new RegExp(p).test(value))) {
      this.report(prop, `${rule.what} (${rule.format})`, value);
    }
  }

  formatValues(prop: string, map: unknown, rule: FormatRule): void {
    if (!this.isConcreteMap(map)) return;
    for (const [key, value] of Object.entries(map)) {
      if (!this.isToken(key)) this.format(`${prop}.${key}`, value, rule);
    }
  }

  listFormat(prop: string, list: unknown, rule: FormatRule): void {
    if (!Array.isArray(list) || this.isToken(list)) return;
    list.forEach((value, index) => this.format(`${prop}[${index}]`, value, rule));
  }

  /** Interface endpoints hold security group IDs, `s3` a prefix list ID; other keys are not read. */
  endpointValues(prop: string, map: unknown): void {
    if (!this.isConcreteMap(map)) return;
    for (const [key, value] of Object.entries(map)) {
      if (key === S3_ENDPOINT_KEY) this.format(`${prop}.${key}`, value, FORMAT_RULES.prefixListId);
      else if (INTERFACE_ENDPOINTS.includes(key)) this.format(`${prop}.${key}`, value, FORMAT_RULES.securityGroupId);
    }
  }

  requiredKeys(prop: string, map: unknown, keys: readonly string[]): void {
    if (this.isToken(map)) return;
    if (!this.isConcreteMap(map)) {
      this.report(prop, `a map with the keys ${keys.map((k) => `"${k}"`).join(" and ")}`, map);
      return;
    }
    for (const key of keys) {
      if (!(key in map))
        this.problems.push(`\`${prop}\` must have the key "${key}"; received the keys ${show(Object.keys(map))}.`);
    }
  }

  integer(prop: string, value: unknown): void {
    if (this.isToken(value)) return;
    if (!Number.isInteger(value)) this.report(prop, "a finite integer", value);
  }

  // GetParametersByPath takes a path from the root; the state machine appends parameter names to it.
  // https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_GetParametersByPath.html
  ssmPath(prop: string, value: unknown): void {
    if (this.isToken(value)) return;
    if (!this.isConcreteString(value) || !value.startsWith("/") || !value.endsWith("/")) {
      this.report(prop, 'an SSM parameter path that starts and ends with "/", such as "/gata/images/"', value);
    }
  }

  bucketName(prop: string, value: unknown): void {
    if (this.isToken(value)) return;
    const rule = this.isConcreteString(value) ? bucketNameRule(value) : "a string";
    if (rule) this.report(prop, `a valid S3 bucket name (${rule})`, value);
  }

  /** An optional Duration of whole seconds; Step Functions' TimeoutSeconds is a positive integer. */
  duration(prop: string, value: unknown): void {
    if (value === undefined) return;
    if (!isDuration(value)) {
      this.report(prop, "a Duration, such as Duration.hours(4)", value);
      return;
    }
    const seconds = value.toSeconds();
    if (!Number.isInteger(seconds) || seconds < 1) this.report(prop, "a whole number of seconds, at least 1", value);
  }

  /** The execution's timeout, derived from the task timeouts, within what a Standard workflow may run. */
  executionTimeout(dataPrepTimeout: unknown, fineTuneTimeout: unknown): void {
    if (!isWholeSeconds(dataPrepTimeout) || !isWholeSeconds(fineTuneTimeout)) return;
    const seconds = executionTimeoutFor({
      dataPrepTimeoutSeconds: dataPrepTimeout.toSeconds(),
      fineTuneTimeoutSeconds: fineTuneTimeout.toSeconds(),
    });
    if (seconds > MAX_EXECUTION_SECONDS) {
      this.problems.push(
        `\`dataPrepTimeout\` (${show(dataPrepTimeout)}) and \`fineTuneTimeout\` (${show(fineTuneTimeout)}) make the execution's timeout ` +
          `${seconds} seconds (its longest path, retries included, plus an hour); a Standard workflow runs at most ` +
          `${MAX_EXECUTION_SECONDS} seconds (one year).`,
      );
    }
  }

  nonEmptyList(prop: string, value: unknown, expected: string): void {
    if (this.isToken(value)) return;
    if (!Array.isArray(value) || value.length === 0) this.report(prop, `a list of ${expected}`, value);
  }

  /** Checks each generated name against its AWS limit, when every prop feeding it is concrete. */
  nameLengths(applicationName: unknown, tags: unknown, roleNamespace: unknown): void {
    if (!this.isConcreteString(applicationName) || !this.isConcreteString(roleNamespace) || !this.isConcreteMap(tags))
      return;
    const environment = tags[ENVIRONMENT_TAG];
    if (this.isToken(environment)) return;

    const names = resourceNames(namespace(input(applicationName), input(tags)), rolePrefix(roleNamespace));
    const nameOf = (rule: Expr): string => String(evaluate(rule, this.isToken));
    const nsProps = ["applicationName", ...(environment ? [`tags.${ENVIRONMENT_TAG}`] : [])];
    const roleProps = [...(roleNamespace ? ["roleNamespace"] : []), ...nsProps];
    const roleNames = [nameOf(names.dataPrepExecRole), nameOf(names.dataPrepTaskRole), nameOf(names.sfnRole)];
    const dataPrep = nameOf(names.dataPrep);
    const checks: [string, number, string[], string[]][] = [
      ["IAM role name", NAME_LIMITS.iamRole, roleNames, roleProps],
      // Each role's policy takes the role's name.
      ["IAM policy name", NAME_LIMITS.iamPolicy, roleNames, roleProps],
      ["security group name", NAME_LIMITS.securityGroup, [dataPrep], nsProps],
      ["state machine name", NAME_LIMITS.stateMachine, [nameOf(names.stateMachine)], nsProps],
      [
        "log group name",
        NAME_LIMITS.logGroup,
        [nameOf(names.dataPrepLogGroup), nameOf(names.stateMachineLogGroup)],
        nsProps,
      ],
      ["task definition family", NAME_LIMITS.taskDefinitionFamily, [dataPrep], nsProps],
      ["container name", NAME_LIMITS.containerName, [`${dataPrep}-${BATCH_ID_PLACEHOLDER}`], nsProps],
    ];
    for (const [what, limit, generated, props] of checks) {
      for (const name of generated) {
        if (name.length <= limit) continue;
        const subject = listOf(props.map((p) => `\`${p}\``));
        const verb = props.length === 1 ? "makes" : "make";
        this.problems.push(
          `${subject} ${verb} the ${what} "${name}" ${name.length} characters long; it must be at most ${limit}.`,
        );
      }
    }
  }
}

interface DurationLike {
  toSeconds(): number;
}

function isDuration(value: unknown): value is DurationLike {
  return typeof (value as Partial<DurationLike> | null | undefined)?.toSeconds === "function";
}

/** Less than a second is refused by `duration`, and cannot make the execution outlast a year. */
function isWholeSeconds(value: unknown): value is DurationLike {
  return isDuration(value) && Number.isInteger(value.toSeconds());
}

/** "a", "a and b", "a, b and c": at least one item, since every name has a prop feeding it. */
function listOf(items: readonly string[]): string {
  const last = items[items.length - 1];
  return items.length === 1 ? last : `${items.slice(0, -1).join(", ")} and ${last}`;
}

/**
 * Synth-time validation of the construct's props, on concrete values only: a Terraform
 * token (a variable, another resource's attribute) is never judged here, since its value is
 * known only at plan time, where the module's variable `validation` blocks check it.
 *
 * Pure: no cdktf import. The caller passes its token test (`Token.isUnresolved`). The rules
 * themselves are data, in rules.ts, which the plan-time checks of variables.ts render too.
 */
import type { FinetuneWorkflowProps } from "./props";
import {
  ARN_RULES,
  type ArnRule,
  bucketNameRule,
  ENVIRONMENT_TAG_PATTERN,
  EVENT_BUS_PATTERN,
  FORMAT_RULES,
  type FormatRule,
  NAME_LIMITS,
  NAME_PART_PATTERN,
  REQUIRED_KEYS,
  ROLE_NAMESPACE_PATTERN,
} from "./rules";
import { INTERFACE_ENDPOINTS, S3_ENDPOINT_KEY } from "../naming/endpoints";
import { evaluate, type Expr, type IsToken } from "../naming/expr";
import { DEFAULT_APPLICATION_NAME, ENVIRONMENT_TAG, namesOf } from "../naming/names";
import { Duration } from "../workflow/duration";
import { executionTimeoutFor } from "../workflow/definition";
import { DEFAULT_DATA_PREP_TIMEOUT, DEFAULT_FINE_TUNE_TIMEOUT, MAX_EXECUTION_SECONDS } from "../workflow/timeouts";

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

    const names = namesOf({ applicationName, tags, roleNamespace });
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

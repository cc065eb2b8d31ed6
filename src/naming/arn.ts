/**
 * ARN construction. Every ARN the module writes is built here from the partition, region
 * and account it runs in, never from a literal `arn:aws:`, so the same code serves the
 * aws, aws-cn and aws-us-gov partitions.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html
 */
import {
  type Arg,
  conditional,
  element,
  type Expr,
  forValues,
  replace,
  split,
  startswith,
  template,
  VAL,
  values,
} from "./expr";

export interface AccountScope {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
}

/** `arn:<partition>:<service>:<region>:<account>:<resource>` in the given scope. */
export function arn(scope: AccountScope, service: string, resource: string): string {
  return `arn:${scope.partition}:${service}:${scope.region}:${scope.account}:${resource}`;
}

/** S3 bucket and object ARNs carry neither region nor account. */
export function s3Arn(partition: string, bucketAndKey: string): string {
  return `arn:${partition}:s3:::${bucketAndKey}`;
}

/** Step Functions service-integration resource, e.g. `ecs:runTask.sync`. */
export function integrationArn(partition: string, integration: string): string {
  return `arn:${partition}:states:::${integration}`;
}

/** An event bus given by name or ARN, as an ARN. */
export function eventBusArn(scope: AccountScope, nameOrArn: Arg): Expr {
  return conditional(startswith(nameOrArn, "arn:"), nameOrArn, template(arn(scope, "events", "event-bus/"), nameOrArn));
}

/** `arn:<p>:ecs:<r>:<a>:cluster/<name>` → `<name>`. */
export function clusterName(clusterArn: Arg): Expr {
  return element(split("/", clusterArn), 1);
}

/** The state machine ARNs of a map of them, in key order (Terraform's `values`). */
export function stateMachineArns(byName: Arg): Expr {
  return values(byName);
}

/**
 * ARNs of the executions of each state machine in a map:
 * `arn:<p>:states:<r>:<a>:execution:<machine name>:*`. An execution ARN names the machine; it is
 * not the machine ARN followed by `:*`.
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/stepfunctions-iam.html
 */
export function executionArns(stateMachinesByName: Arg): Expr {
  return forValues(stateMachinesByName, template(replace(VAL, ":stateMachine:", ":execution:"), ":*"));
}

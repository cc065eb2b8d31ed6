/**
 * ARN construction. Every ARN the module writes is built here from the partition, region
 * and account it runs in, never from a literal `arn:aws:`, so the same code serves the
 * aws, aws-cn and aws-us-gov partitions.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html
 */

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

import { SfnError } from "./sfn-error";

/**
 * Step Functions' size and time quotas, as the harness enforces them (Standard workflows).
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html
 */

/**
 * Maximum input or output size for a task, state, or execution: 262,144 bytes of data as a
 * UTF-8 encoded string. It applies to task results, state and execution output, and input
 * data when scheduling a task, entering a state, or starting an execution.
 * https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html
 */
export const PAYLOAD_QUOTA_BYTES = 262_144;

/**
 * Variable quotas: one variable, and all the variables one Assign field sets together, may each
 * hold 256 KiB; all the variables an execution stores together, 10 MiB.
 * https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html
 */
export const VARIABLE_QUOTA_BYTES = 262_144;
export const ASSIGN_QUOTA_BYTES = 262_144;
export const VARIABLES_PER_EXECUTION_QUOTA_BYTES = 10 * 1024 * 1024;

/**
 * An execution that runs longer than a year fails with States.Timeout, whatever its own
 * TimeoutSeconds says.
 * https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html
 */
export const MAX_EXECUTION_SECONDS = 365 * 24 * 60 * 60;

/**
 * A Task without TimeoutSeconds times out after 99,999,999 seconds, and AWS rejects a larger
 * Wait Seconds with "SCHEMA_VALIDATION_FAILED: Maximum value is 99999999". The docs give no
 * bound for the timeout fields, so the harness takes the same one for every seconds field.
 * https://docs.aws.amazon.com/step-functions/latest/dg/state-task.html
 * https://github.com/aws-cloudformation/cfn-lint/issues/4075 (the error text, from AWS)
 */
export const MAX_SECONDS = 99_999_999;

/**
 * Raised when a payload or a variable exceeds its quota. It is terminal: States.ALL does not
 * match it, so no retrier or catcher sees it and the execution fails.
 * https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html#error-handling-error-representation
 */
export const DATA_LIMIT_EXCEEDED = "States.DataLimitExceeded";

/** The size Step Functions measures: the UTF-8 bytes of the JSON text. */
export function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value) ?? "", "utf8");
}

/**
 * The JSON sizes of an object's entries, `"name":value` each, by name: undefined for an entry
 * JSON.stringify leaves out. With entrySizes and objectBytes a caller re-measures only the
 * entries it changes, where jsonBytes would serialize the whole object again.
 */
export type EntrySizes = Map<string, number | undefined>;

/** The sizes of every entry of `object`. */
export function entrySizes(object: Record<string, unknown>): EntrySizes {
  return new Map(Object.entries(object).map(([name, value]) => [name, entryBytes(name, value)]));
}

/** The size of `"name":value` in an object's JSON, or undefined when JSON.stringify leaves the entry out. */
export function entryBytes(name: string, value: unknown): number | undefined {
  const text = JSON.stringify(value) as string | undefined;
  return text === undefined ? undefined : jsonBytes(name) + 1 + Buffer.byteLength(text, "utf8");
}

/** jsonBytes of the object whose entries these are: braces, entries and the commas between them. */
export function objectBytes(sizes: EntrySizes): number {
  const present = [...sizes.values()].filter((size): size is number => size !== undefined);
  return 2 + present.reduce((sum, size) => sum + size, 0) + Math.max(0, present.length - 1);
}

/** Throws States.DataLimitExceeded when `value` is larger than `quota` bytes. */
export function enforceQuota(value: unknown, quota: number, what: string): void {
  enforceBytes(jsonBytes(value), quota, what);
}

/** Throws States.DataLimitExceeded when `bytes`, a payload's size, is more than `quota`. */
export function enforceBytes(bytes: number, quota: number, what: string): void {
  if (bytes > quota) {
    throw new SfnError(
      DATA_LIMIT_EXCEEDED,
      `${what} is ${bytes} bytes, more than the ${quota.toLocaleString("en-US")}-byte quota`,
    );
  }
}

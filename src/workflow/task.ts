/**
 * The shape every part of the workflow is built in: a Task state comes with the IAM statements
 * the state machine's role needs to run it, as aws-cdk's Step Functions tasks build theirs, so
 * that a Task and its permissions are written, reviewed and changed in one place. A phase holds
 * states, some of them Tasks; the definition composes the phases and collects the statements.
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/service-integration-iam-templates.html
 */
import type { PolicyStatement } from "../iam/policy";
import { integrationArn } from "../naming/arn";
import type { State, TaskState } from "./asl";
import type { PermissionsInput } from "./input";

/** A Task state, and what the state machine's role must allow for its call. */
export interface Task {
  readonly state: TaskState;
  readonly permissions: (input: PermissionsInput) => readonly PolicyStatement[];
}

/** A part of the workflow: its states by name, and its Tasks, nested ones included, by name. */
export interface Phase {
  readonly states: Readonly<Record<string, State>>;
  readonly tasks: Readonly<Record<string, Task>>;
}

function isTask(entry: State | Task): entry is Task {
  return "permissions" in entry;
}

/** A phase of `entries` in their order, each a state or a Task, with the Tasks of `nested` phases (branches). */
export function phase(entries: Readonly<Record<string, State | Task>>, nested: readonly Phase[] = []): Phase {
  const states: Record<string, State> = {};
  const tasks: Record<string, Task> = Object.assign({}, ...nested.map((inner) => inner.tasks));
  for (const [name, entry] of Object.entries(entries)) {
    states[name] = isTask(entry) ? entry.state : entry;
    if (isTask(entry)) tasks[name] = entry;
  }
  return { states, tasks };
}

/** An optimized integration's Task resource, e.g. `ecs:runTask.sync`. */
export const optimized = (partition: string, api: string) => integrationArn(partition, api);
/** An AWS SDK integration's Task resource, e.g. `ssm:getParametersByPath`. */
export const sdk = (partition: string, api: string) => integrationArn(partition, `aws-sdk:${api}`);

type Then = { readonly Next: string } | { readonly End: true };
type Extra = Partial<Pick<TaskState, "Assign" | "Catch" | "Output" | "TimeoutSeconds" | "Comment">>;

/** A Task state, its fields in the order the definition has always written them. */
export function taskState(
  resource: string,
  args: unknown,
  retry: TaskState["Retry"],
  then: Then,
  extra: Extra = {},
): TaskState {
  return { Type: "Task", Resource: resource, Arguments: args, Retry: retry, ...extra, ...then };
}

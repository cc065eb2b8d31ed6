/**
 * What a second `terraform plan` would still change, read from `terraform show -json`, less
 * the attributes moto is known to read back differently from AWS. Test code only.
 * https://developer.hashicorp.com/terraform/internals/json-format#plan-representation
 */
import { isDeepStrictEqual } from "util";
import type { ReadBackDifference } from "./moto/launcher";

type Values = Record<string, unknown> | null;

interface ResourceChange {
  readonly address: string;
  /** Where a `moved` block moves the resource from. */
  readonly previous_address?: string;
  readonly type: string;
  readonly change: {
    readonly actions: readonly string[];
    readonly before: Values;
    readonly after: Values;
    readonly after_unknown?: Record<string, unknown>;
  };
}

/** The parts of a plan's JSON representation this module reads. */
export interface PlanJson {
  readonly resource_changes?: readonly ResourceChange[];
  readonly output_changes?: Record<string, { readonly actions: readonly string[] }>;
}

export interface PlannedChange {
  /** A resource address, or `output.<name>`. */
  readonly address: string;
  readonly actions: readonly string[];
  /** The top-level attributes that differ, or will only be known after apply. */
  readonly attributes: readonly string[];
}

export interface IgnoredChange extends PlannedChange {
  /** Why each attribute may differ: the read-back difference that covers it. */
  readonly reasons: readonly string[];
}

export interface PlanVerdict {
  /** Changes a real AWS would also show: a stack that has just been applied must have none. */
  readonly changes: readonly PlannedChange[];
  /** In-place updates made up only of moto's known read-back differences. */
  readonly ignored: readonly IgnoredChange[];
}

function changedAttributes(change: ResourceChange["change"]): string[] {
  const before = change.before ?? {};
  const after = change.after ?? {};
  const unknown = Object.keys(change.after_unknown ?? {}).filter((key) => change.after_unknown?.[key] === true);
  const keys = new Set([...Object.keys(before), ...Object.keys(after), ...unknown]);
  return [...keys].filter((key) => unknown.includes(key) || !isDeepStrictEqual(before[key], after[key])).sort();
}

const isSet = (values: Values, attribute: string) => values?.[attribute] !== null && values?.[attribute] !== undefined;

function coveringDifference(
  resource: ResourceChange,
  attribute: string,
  differences: readonly ReadBackDifference[],
): ReadBackDifference | undefined {
  return differences.find(
    (d) =>
      d.resourceType === resource.type &&
      d.attribute === attribute &&
      d.whenSet.some((other) => isSet(resource.change.before, other) && isSet(resource.change.after, other)),
  );
}

/** Sorts a plan's changes into those that count and those moto alone explains. */
export function judgePlan(plan: PlanJson, differences: readonly ReadBackDifference[]): PlanVerdict {
  const changes: PlannedChange[] = [];
  const ignored: IgnoredChange[] = [];
  for (const resource of plan.resource_changes ?? []) {
    const { actions } = resource.change;
    if (actions.length === 1 && actions[0] === "no-op") continue;
    const attributes = changedAttributes(resource.change);
    const planned = { address: resource.address, actions, attributes };
    const covering = attributes.map((attribute) => coveringDifference(resource, attribute, differences));
    const isUpdate = actions.length === 1 && actions[0] === "update";
    if (isUpdate && attributes.length > 0 && covering.every((d) => d !== undefined)) {
      ignored.push({ ...planned, reasons: covering.map((d) => d!.reason) });
    } else {
      changes.push(planned);
    }
  }
  for (const [name, output] of Object.entries(plan.output_changes ?? {})) {
    if (!(output.actions.length === 1 && output.actions[0] === "no-op")) {
      changes.push({ address: `output.${name}`, actions: output.actions, attributes: [] });
    }
  }
  return { changes, ignored };
}

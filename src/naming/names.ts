/**
 * The naming rules, each written once as a Terraform expression (src/naming/expr.ts): the construct
 * computes them at synth time when its inputs are concrete and lets Terraform compute them when
 * they are tokens, and the plan-time validation renders them as HCL.
 */
import {
  type Arg,
  compact,
  concat,
  type Expr,
  formatlist,
  input,
  join,
  keys,
  list,
  matchkeys,
  template,
  values,
} from "./expr";

/** The tag whose value, when present, joins every name. */
export const ENVIRONMENT_TAG = "environment";
export const DEFAULT_APPLICATION_NAME = "gata";

/**
 * `<application_name>-<tags.environment>`, or `<application_name>` when the tag is absent or
 * empty: matchkeys yields the tag's value as a list of zero or one, and compact drops it if empty.
 */
export function namespace(applicationName: Arg, tags: Arg): Expr {
  return join("-", compact(concat(list(applicationName), matchkeys(values(tags), keys(tags), list(ENVIRONMENT_TAG)))));
}

/** `<role_namespace>-`, or nothing when the namespace is empty. */
export function rolePrefix(roleNamespace: Arg): Expr {
  return join("", formatlist("%s-", compact(list(roleNamespace))));
}

/** Every name the module gives AWS resources, from the namespace and the role prefix. */
export function resourceNames(ns: Arg, prefix: Arg) {
  return {
    dataPrep: template(ns, "-data-prep"),
    dataPrepLogGroup: template("/ecs/", ns, "-data-prep"),
    stateMachine: template(ns, "-finetune"),
    stateMachineLogGroup: template("/aws/vendedlogs/states/", ns, "-finetune"),
    dataPrepExecRole: template(prefix, ns, "-data-prep-exec"),
    dataPrepTaskRole: template(prefix, ns, "-data-prep-task"),
    sfnRole: template(prefix, "sfn-", ns, "-finetune"),
  };
}

/** The props every name is made from, each optional as the construct's props have it. */
export interface NameInputs {
  readonly applicationName?: string;
  readonly tags?: Readonly<Record<string, string>>;
  readonly roleNamespace?: string;
}

/** What holds the namespace and the role prefix: the construct keeps them in Terraform locals. */
export type BindName = (local: "ns" | "role_prefix", value: Expr) => Arg;

/** Every name of one workflow, from its props, with the module's defaults for those left out. */
export function namesOf(props: NameInputs, bind: BindName = (_, value) => value) {
  return resourceNames(
    bind("ns", namespace(input(props.applicationName ?? DEFAULT_APPLICATION_NAME), input(props.tags ?? {}))),
    bind("role_prefix", rolePrefix(props.roleNamespace ?? "")),
  );
}

export type ResourceNames<T> = { readonly [K in keyof ReturnType<typeof resourceNames>]: T };

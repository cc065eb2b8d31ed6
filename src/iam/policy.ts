/**
 * IAM policy statements as plain data. The builders in this folder return these; the
 * construct wires them into `aws_iam_policy_document` data sources, and tests evaluate
 * them as IAM JSON through {@link toPolicyJson}.
 */

export interface PolicyCondition {
  /** The condition operator, e.g. `StringEquals` or `ArnLike`. */
  readonly test: string;
  /** The condition key, e.g. `aws:SourceAccount`. */
  readonly variable: string;
  readonly values: readonly string[];
}

export interface PolicyPrincipal {
  readonly type: "Service" | "AWS";
  readonly identifiers: readonly string[];
}

export interface PolicyStatement {
  readonly sid: string;
  /** @default "Allow" */
  readonly effect?: "Allow" | "Deny";
  readonly actions: readonly string[];
  /** Absent on trust policies, which name principals instead. */
  readonly resources?: readonly string[];
  readonly principals?: readonly PolicyPrincipal[];
  readonly conditions?: readonly PolicyCondition[];
}

export interface PolicyJsonStatement {
  Sid: string;
  Effect: "Allow" | "Deny";
  Action: string[];
  Resource?: string[];
  Principal?: Record<string, string[]>;
  Condition?: Record<string, Record<string, string[]>>;
}

export interface PolicyJson {
  Version: "2012-10-17";
  Statement: PolicyJsonStatement[];
}

/** Renders statements as the IAM JSON policy grammar, the way `aws_iam_policy_document` does. */
export function toPolicyJson(statements: readonly PolicyStatement[]): PolicyJson {
  return {
    Version: "2012-10-17",
    Statement: statements.map((s) => {
      const out: PolicyJsonStatement = { Sid: s.sid, Effect: s.effect ?? "Allow", Action: [...s.actions] };
      if (s.resources) out.Resource = [...s.resources];
      if (s.principals) {
        out.Principal = {};
        for (const p of s.principals) out.Principal[p.type] = [...p.identifiers];
      }
      if (s.conditions) {
        out.Condition = {};
        for (const c of s.conditions) {
          out.Condition[c.test] = { ...(out.Condition[c.test] ?? {}), [c.variable]: [...c.values] };
        }
      }
      return out;
    }),
  };
}

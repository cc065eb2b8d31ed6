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

/**
 * One policy from statements declared part by part: statements that share a sid are one
 * statement, granted by several parts, whose resources are the union of theirs in the order
 * given; they must agree on everything else. The policy lists them in `order`, which must name
 * every sid.
 */
export function mergeStatements(statements: readonly PolicyStatement[], order: readonly string[]): PolicyStatement[] {
  const bySid = new Map<string, PolicyStatement>();
  for (const statement of statements) {
    if (!order.includes(statement.sid))
      throw new Error(`Statement \`${statement.sid}\` has no place in the policy's order.`);
    const seen = bySid.get(statement.sid);
    if (seen === undefined) {
      bySid.set(statement.sid, statement);
      continue;
    }
    const { resources: theirs, ...rest } = seen;
    const { resources: ours, ...mine } = statement;
    if (JSON.stringify(rest) !== JSON.stringify(mine)) {
      throw new Error(
        `Statement \`${statement.sid}\` is declared twice with different actions, principals or conditions.`,
      );
    }
    bySid.set(statement.sid, { ...seen, resources: [...new Set([...(theirs ?? []), ...(ours ?? [])])] });
  }
  return order.flatMap((sid) => bySid.get(sid) ?? []);
}

import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import type { Construct } from "constructs";
import type { Addressing } from "./addressing";
import type { PolicyStatement } from "../iam/policy";

/** Wires plain statements into `data.aws_iam_policy_document.<name>`, `<name>` being its documented name. */
export function policyDocument(
  scope: Construct,
  addressing: Addressing,
  name: string,
  statements: readonly PolicyStatement[],
) {
  const document = new DataAwsIamPolicyDocument(scope, `${name}_document`, {
    statement: statements.map((s) => ({
      sid: s.sid,
      effect: s.effect ?? "Allow",
      actions: [...s.actions],
      resources: s.resources ? [...s.resources] : undefined,
      principals: s.principals?.map((p) => ({ type: p.type, identifiers: [...p.identifiers] })),
      condition: s.conditions?.map((c) => ({ test: c.test, variable: c.variable, values: [...c.values] })),
    })),
  });
  return addressing.place(document, name);
}

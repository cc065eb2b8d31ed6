import { IamPolicy } from "@cdktf/provider-aws/lib/iam-policy";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import type { Construct } from "constructs";
import type { WorkflowContext } from "./context";
import type { PolicyStatement } from "../iam/policy";
import { policyDocument } from "./policy-document";

export interface RoleSpec {
  /** Terraform name shared by the role, its policy, the attachment and the policy document. */
  readonly name: string;
  /** The role's name in AWS, also given to its policy. */
  readonly roleName: string;
  /** Terraform name of the trust policy document. */
  readonly assumeDocumentName: string;
  readonly trust: readonly PolicyStatement[];
  readonly permissions: readonly PolicyStatement[];
  /**
   * Replace the role, its policy and their attachment new-before-old when their names change,
   * so that whatever uses the role is moved to the new one before the old one is deleted.
   * @default false
   * @see https://developer.hashicorp.com/terraform/language/meta-arguments/lifecycle#create_before_destroy
   */
  readonly createBeforeDestroy?: boolean;
}

/** A role with its trust policy, one customer-managed policy named after it, and the attachment. */
export function createRole(scope: Construct, ctx: WorkflowContext, spec: RoleSpec) {
  const trust = policyDocument(scope, ctx.addressing, spec.assumeDocumentName, spec.trust);
  const roleName = spec.roleName;
  const lifecycle = spec.createBeforeDestroy ? { createBeforeDestroy: true } : undefined;
  const role = new IamRole(scope, `${spec.name}_role`, {
    name: roleName,
    assumeRolePolicy: trust.json,
    permissionsBoundary: ctx.permissionsBoundary,
    tags: ctx.tags,
    lifecycle,
  });
  ctx.addressing.place(role, spec.name);

  const permissions = policyDocument(scope, ctx.addressing, spec.name, spec.permissions);
  const policy = new IamPolicy(scope, `${spec.name}_policy`, {
    name: roleName,
    policy: permissions.json,
    tags: ctx.tags,
    lifecycle,
  });
  ctx.addressing.place(policy, spec.name);

  const attachment = new IamRolePolicyAttachment(scope, `${spec.name}_attachment`, {
    role: role.name,
    policyArn: policy.arn,
    lifecycle,
  });
  ctx.addressing.place(attachment, spec.name);
  return role;
}

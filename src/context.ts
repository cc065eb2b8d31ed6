import { AccountScope } from "./arn";

/** What every part of the workflow shares: where it runs, how it is named and tagged. */
export interface WorkflowContext {
  readonly scope: AccountScope;
  /** `<application_name>-<tags.environment>`, or `<application_name>` without that tag. */
  readonly ns: string;
  /** Prefixes a role name with `<role_namespace>-` when a namespace is set. */
  readonly roleName: (name: string) => string;
  readonly tags: Readonly<Record<string, string>>;
  readonly permissionsBoundary?: string;
}

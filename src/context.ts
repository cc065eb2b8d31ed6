import type { AccountScope } from "./arn";

/** What every part of the workflow shares: where it runs and how it is tagged and bounded. */
export interface WorkflowContext {
  readonly scope: AccountScope;
  readonly tags: Readonly<Record<string, string>>;
  readonly permissionsBoundary?: string;
}

import type { Addressing } from "./addressing";
import type { AccountScope } from "../naming/arn";

/** What every part of the workflow shares: where it runs, how it is tagged and bounded, and addressed. */
export interface WorkflowContext {
  readonly scope: AccountScope;
  readonly addressing: Addressing;
  readonly tags: Readonly<Record<string, string>>;
  readonly permissionsBoundary?: string;
}

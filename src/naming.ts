/**
 * The naming rules, on concrete values. The construct uses them when its inputs are known
 * at synth time, and falls back to the equivalent Terraform expressions when they are tokens.
 */

/** The tag whose value, when present, joins every name. */
export const ENVIRONMENT_TAG = "environment";
export const DEFAULT_APPLICATION_NAME = "gata";

/** `<application_name>-<tags.environment>`, or `<application_name>` when there is no environment tag. */
export function namespaceOf(applicationName: string, tags: Readonly<Record<string, string>>): string {
  const environment = tags[ENVIRONMENT_TAG];
  return environment ? `${applicationName}-${environment}` : applicationName;
}

/** `<role_namespace>-`, or nothing when the namespace is empty. */
export function rolePrefixOf(roleNamespace: string): string {
  return roleNamespace ? `${roleNamespace}-` : "";
}

/** Every name the module gives AWS resources, from the namespace and the role prefix. */
export function resourceNames(ns: string, rolePrefix: string) {
  return {
    dataPrep: `${ns}-data-prep`,
    dataPrepLogGroup: `/ecs/${ns}-data-prep`,
    stateMachine: `${ns}-finetune`,
    stateMachineLogGroup: `/aws/vendedlogs/states/${ns}-finetune`,
    dataPrepExecRole: `${rolePrefix}${ns}-data-prep-exec`,
    dataPrepTaskRole: `${rolePrefix}${ns}-data-prep-task`,
    sfnRole: `${rolePrefix}sfn-${ns}-finetune`,
  };
}

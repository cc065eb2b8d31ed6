/**
 * The module's plan-time checks, as Terraform `validation` blocks: the rules of rules.ts and the
 * names' length limits, rendered as Terraform expressions of the variables.
 * https://developer.hashicorp.com/terraform/language/values/variables#custom-validation-rules
 */
import { list, ref, toHcl } from "../naming/expr";
import { namespace, resourceNames, rolePrefix } from "../naming/names";
import { type ArnRule, type FormatRule, NAME_LIMITS } from "./rules";

/** A Terraform variable validation block. */
export interface VariableValidation {
  /** A plain Terraform expression, without `${ }`; module-stack.ts wraps it for JSON syntax. */
  readonly condition: string;
  /** A full sentence ending with a period, as Terraform expects. */
  readonly errorMessage: string;
}

/** `var.<name>` matches an ARN rule. */
export function arnValidation(name: string, rule: ArnRule): VariableValidation {
  return {
    condition: `can(regex("${rule.pattern}", var.${name}))`,
    errorMessage: `The ${name} variable must be ${rule.what} (${rule.format}).`,
  };
}

/** Every value of the map `var.<name>` matches an ARN rule. */
export function arnValuesValidation(name: string, rule: ArnRule): VariableValidation {
  return {
    condition: `alltrue([for v in values(var.${name}) : can(regex("${rule.pattern}", v))])`,
    errorMessage: `Every value of the ${name} variable must be ${rule.what} (${rule.format}).`,
  };
}

/** `value` matches every pattern of a format rule, as one Terraform expression. */
export function matchesFormat(rule: FormatRule, value: string): string {
  return rule.patterns.map((pattern) => `can(regex("${pattern}", ${value}))`).join(" && ");
}

/** Every value of the map `var.<name>` matches a format rule. */
export function formatValuesValidation(name: string, rule: FormatRule): VariableValidation {
  return {
    condition: `alltrue([for v in values(var.${name}) : ${matchesFormat(rule, "v")}])`,
    errorMessage: `Every value of the ${name} variable must be ${rule.what} (${rule.format}).`,
  };
}

/**
 * The names the module generates, as Terraform expressions of the variables: naming.ts's rules,
 * rendered as HCL. Terraform >= 1.9 lets a validation condition read other variables.
 * https://developer.hashicorp.com/terraform/language/values/variables#custom-validation-rules
 */
const GENERATED_NAMES = resourceNames(
  namespace(ref("var.application_name"), ref("var.tags")),
  rolePrefix(ref("var.role_namespace")),
);
const ROLE_NAMES = toHcl(
  list(GENERATED_NAMES.dataPrepExecRole, GENERATED_NAMES.dataPrepTaskRole, GENERATED_NAMES.sfnRole),
);
const STATE_MACHINE_NAME = toHcl(GENERATED_NAMES.stateMachine);

/**
 * The role names fit IAM's limit. Checking them is enough: every other name the module builds
 * is within its own limit whenever they fit (test/interface/validation.test.ts proves it).
 * The state machine's name is checked as well, on application_name: an application name or
 * environment tag long enough to break it is refused on application_name itself, and Terraform
 * then skips the role-name check, which reads a variable that failed its validation.
 */
export const ROLE_NAME_LENGTH: VariableValidation = {
  condition: `alltrue([for name in ${ROLE_NAMES} : length(name) <= ${NAME_LIMITS.iamRole}])`,
  errorMessage:
    `IAM role names must be at most ${NAME_LIMITS.iamRole} characters; role_namespace, application_name and the environment tag make ` +
    `\${join(", ", [for name in ${ROLE_NAMES} : "\${name} (\${length(name)} characters)" if length(name) > ${NAME_LIMITS.iamRole}])}.`,
};

export const STATE_MACHINE_NAME_LENGTH: VariableValidation = {
  condition: `length(${STATE_MACHINE_NAME}) <= ${NAME_LIMITS.stateMachine}`,
  errorMessage:
    `State machine names must be at most ${NAME_LIMITS.stateMachine} characters; application_name and the environment tag make ` +
    `\${${STATE_MACHINE_NAME}} (\${length(${STATE_MACHINE_NAME})} characters).`,
};

/** The map `var.<name>` has every required key. */
export function keysValidation(name: string, keys: readonly string[]): VariableValidation {
  const quoted = keys.map((k) => `"${k}"`);
  if (keys.length === 1) {
    return {
      condition: `contains(keys(var.${name}), ${quoted[0]})`,
      errorMessage: `The ${name} variable must have the key ${quoted[0]}.`,
    };
  }
  return {
    condition: `alltrue([for k in [${quoted.join(", ")}] : contains(keys(var.${name}), k)])`,
    errorMessage: `The ${name} variable must have the keys ${quoted.join(" and ")}.`,
  };
}

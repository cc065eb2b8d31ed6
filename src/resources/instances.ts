/**
 * The workflows of a stack, by the names they give AWS resources: a stack has one account and
 * region, where those names must be unique, so a workflow whose names another already takes is
 * refused. The same registry tells which workflow is a stack's first.
 */
import { TerraformStack, Token } from "cdktf";
import type { IConstruct } from "constructs";
import { tryEvaluate } from "../naming/expr";
import { ENVIRONMENT_TAG, namesOf, type ResourceNames } from "../naming/names";
import type { FinetuneWorkflowProps } from "../interface/props";

type KnownNames = Partial<ResourceNames<string>>;

/** What each generated name is, for the message that refuses two workflows with the same names. */
const NAME_KINDS: Readonly<Record<keyof ResourceNames<string>, string>> = {
  dataPrep: "security group and task definition family",
  dataPrepLogGroup: "log group",
  stateMachine: "state machine",
  stateMachineLogGroup: "log group",
  dataPrepExecRole: "IAM role",
  dataPrepTaskRole: "IAM role",
  sfnRole: "IAM role",
};

const WORKFLOWS = new WeakMap<IConstruct, KnownNames>();

/** Each name the props give an AWS resource, where every prop that feeds it is concrete. */
export function knownNamesOf(props: FinetuneWorkflowProps): KnownNames {
  const rules = namesOf(props);
  return Object.fromEntries(
    Object.entries(rules).flatMap(([key, rule]) => {
      const known = tryEvaluate(rule, Token.isUnresolved);
      return known && typeof known.value === "string" ? [[key, known.value]] : [];
    }),
  );
}

/** Records `workflow`, and the names it gives, in its stack's registry. */
export function registerWorkflow(workflow: IConstruct, names: KnownNames): void {
  WORKFLOWS.set(workflow, names);
}

/** One problem for each workflow already in `scope`'s stack that gives an AWS resource one of `names`. */
export function nameClashes(scope: IConstruct, names: KnownNames): string[] {
  return TerraformStack.of(scope)
    .node.findAll()
    .flatMap((construct) => {
      const theirs = WORKFLOWS.get(construct);
      if (theirs === undefined) return [];
      const same = (Object.keys(NAME_KINDS) as (keyof ResourceNames<string>)[]).flatMap((key) =>
        names[key] !== undefined && names[key] === theirs[key] ? [`${NAME_KINDS[key]} "${names[key]}"`] : [],
      );
      if (same.length === 0) return [];
      return [
        `\`applicationName\` and \`tags.${ENVIRONMENT_TAG}\` give the same AWS names as FinetuneWorkflow "${construct.node.path}": ` +
          `${same.join(", ")}; give one of them another application name or environment.`,
      ];
    });
}

/** Whether `workflow` is the first workflow of its stack, in the construct tree's order. */
export function isFirstWorkflow(workflow: IConstruct): boolean {
  return (
    TerraformStack.of(workflow)
      .node.findAll()
      .find((construct) => WORKFLOWS.has(construct)) === workflow
  );
}

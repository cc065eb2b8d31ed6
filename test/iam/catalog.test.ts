/**
 * Catalog check: every action of every policy document the module synthesizes exists in AWS's
 * Service Authorization Reference, none is a wildcard, every resource names a resource type
 * its action supports, and every condition key is one the action (or IAM globally) supplies.
 * Resources are checked on the synthesized documents with their Terraform expressions replaced
 * by the README's example values.
 */
import {
  conditionKeysFor,
  actionExists,
  hasNoResourceTypes,
  resourceMatchesType,
} from "../models/iam-evaluator/catalog";
import type { PolicyStatement } from "../../src/iam/policy";
import {
  DOCUMENTS,
  type DocumentName,
  documentStatements,
  resolveModule,
  sampleFor,
  type TerraformJson,
} from "./sample";
import { synthModule } from "../support/synthesized";

const sample = sampleFor("aws");
let tf: TerraformJson;
let statements: Record<DocumentName, PolicyStatement[]>;

beforeAll(() => {
  ({ tf } = synthModule());
  const resolved = resolveModule(tf, sample);
  statements = Object.fromEntries(DOCUMENTS.map((d) => [d, documentStatements(resolved, d)])) as typeof statements;
});

/** Each (document, statement, action) of the module, for checks that go action by action. */
function grants(): { document: DocumentName; statement: PolicyStatement; action: string }[] {
  return DOCUMENTS.flatMap((document) =>
    statements[document].flatMap((statement) => statement.actions.map((action) => ({ document, statement, action }))),
  );
}

describe("the synthesized policy documents, against AWS's catalog", () => {
  test("GIVEN the module WHEN synthesized THEN it has exactly the six policy documents", () => {
    expect(Object.keys(tf.data.aws_iam_policy_document).sort()).toEqual([...DOCUMENTS].sort());
  });

  test("no action is a wildcard", () => {
    // GIVEN the raw synthesized actions (actions never hold Terraform expressions)
    const actions: string[] = DOCUMENTS.flatMap((d) =>
      tf.data.aws_iam_policy_document[d].statement.flatMap((s: { actions: string[] }) => s.actions),
    );
    // THEN
    expect(actions.length).toBeGreaterThan(0);
    expect(actions.filter((a) => /[*?]/.test(a))).toEqual([]);
  });

  test("every action exists in the catalog", async () => {
    const actions = [...new Set(grants().map((g) => g.action))];
    const unknown: string[] = [];
    for (const action of actions) if (!(await actionExists(action))) unknown.push(action);
    expect(unknown).toEqual([]);
  });

  test("every resource names a resource type its action supports; `*` only where the action has none", async () => {
    // WHEN every resource of every permission statement is matched against each of its actions
    const unmatched: string[] = [];
    let checked = 0;
    for (const { document, statement, action } of grants()) {
      for (const resource of statement.resources ?? []) {
        checked++;
        const ok = resource === "*" ? await hasNoResourceTypes(action) : await resourceMatchesType(action, resource);
        if (!ok) unmatched.push(`${document}/${statement.sid} ${action} ${resource}`);
      }
    }
    // THEN
    expect(checked).toBeGreaterThan(40);
    expect(unmatched).toEqual([]);
  });

  test("ecs:RunTask is granted on task definitions and ecs:StopTask on tasks, not the other way round", async () => {
    const resourcesOf = (action: string) =>
      grants()
        .filter((g) => g.action === action)
        .flatMap((g) => g.statement.resources ?? []);
    for (const resource of resourcesOf("ecs:RunTask")) {
      expect(await resourceMatchesType("ecs:RunTask", resource)).toBe(true);
      expect(await resourceMatchesType("ecs:StopTask", resource)).toBe(false);
    }
    for (const resource of resourcesOf("ecs:StopTask")) {
      expect(await resourceMatchesType("ecs:StopTask", resource)).toBe(true);
      expect(await resourceMatchesType("ecs:RunTask", resource)).toBe(false);
    }
  });

  test("trust policies name a service principal and no resource; the role they guard is an sts:AssumeRole resource", async () => {
    const roles: Partial<Record<DocumentName, string>> = {
      ecs_exec_assume: sample.created.execRoleArn,
      ecs_task_assume: sample.created.taskRoleArn,
      sfn_assume: `arn:aws:iam::${sample.account}:role/${sample.names.sfnRole}`,
    };
    for (const [document, roleArn] of Object.entries(roles) as [DocumentName, string][]) {
      for (const statement of statements[document]) {
        expect(statement).toMatchObject({ actions: ["sts:AssumeRole"], principals: [{ type: "Service" }] });
        expect(statement.resources).toBeUndefined();
      }
      expect(await resourceMatchesType("sts:AssumeRole", roleArn)).toBe(true);
    }
  });

  test("every condition key is a global key or one the catalog lists for each action of its statement", async () => {
    const unsupported: string[] = [];
    for (const { document, statement, action } of grants()) {
      const patterns = (await conditionKeysFor(action)).map(
        (key) => new RegExp(`^${key.replace(/[.+?^()|[\]\\]/g, "\\$&").replace(/\$\{\w+\}|<\w+>/g, ".+")}$`, "i"),
      );
      for (const { variable } of statement.conditions ?? []) {
        const global = /^aws:/i.test(variable);
        if (!global && !patterns.some((p) => p.test(variable)))
          unsupported.push(`${document}/${statement.sid} ${action} ${variable}`);
      }
    }
    expect(unsupported).toEqual([]);
  });
});

/**
 * Trust policies: each of the three roles may be assumed only by its service, and only on
 * behalf of this account (and, for the task and state machine roles, this account's ECS tasks
 * or state machines in this region): the cross-service confused-deputy conditions.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html#cross-service-confused-deputy-prevention
 */
import { evaluate } from "../models/iam-evaluator/evaluator";
import { type DocumentName, resolvedPolicies, resolveModule, sampleFor, type TerraformJson } from "./sample";
import { synthModule } from "../support/synthesized";
import { DOCUMENT_OF, SIMULATION_CASES } from "./simulation-cases";

const ACCOUNT_ID = "${data.aws_caller_identity.current.account_id}";
const IN_THIS_REGION =
  "arn:${data.aws_partition.current.partition}:%s:${data.aws_region.current.region}:" + ACCOUNT_ID + ":";
const sourceAccount = { test: "StringEquals", variable: "aws:SourceAccount", values: [ACCOUNT_ID] };
const sourceArn = (service: string, resource: string) => ({
  test: "ArnLike",
  variable: "aws:SourceArn",
  values: [IN_THIS_REGION.replace("%s", service) + resource],
});
const service = (identifier: string) => [{ type: "Service", identifiers: [identifier] }];

let tf: TerraformJson;
let policies: ReturnType<typeof resolvedPolicies>;
beforeAll(() => {
  ({ tf } = synthModule());
  policies = resolvedPolicies(resolveModule(tf, sampleFor("aws")));
});

describe("trust policies, as synthesized", () => {
  test.each<[string, DocumentName, object]>([
    [
      "data_prep_exec",
      "ecs_exec_assume",
      {
        sid: "EcsTasksAssumeRole",
        effect: "Allow",
        actions: ["sts:AssumeRole"],
        principals: service("ecs-tasks.amazonaws.com"),
        condition: [sourceAccount],
      },
    ],
    [
      "data_prep_task",
      "ecs_task_assume",
      {
        sid: "EcsTasksAssumeRole",
        effect: "Allow",
        actions: ["sts:AssumeRole"],
        principals: service("ecs-tasks.amazonaws.com"),
        condition: [sourceAccount, sourceArn("ecs", "*")],
      },
    ],
    [
      "sfn",
      "sfn_assume",
      {
        sid: "StepFunctionsAssumeRole",
        effect: "Allow",
        actions: ["sts:AssumeRole"],
        principals: service("states.amazonaws.com"),
        condition: [sourceAccount, sourceArn("states", "stateMachine:*")],
      },
    ],
  ])("role %s trusts exactly the statement of %s", (role, document, statement) => {
    expect(tf.resource.aws_iam_role[role].assume_role_policy).toBe(`\${data.aws_iam_policy_document.${document}.json}`);
    expect(tf.data.aws_iam_policy_document[document].statement).toEqual([statement]);
  });
});

describe("trust policies, simulated on the synthesized documents", () => {
  const trustCases = SIMULATION_CASES.filter((c) => c.request.action === "sts:AssumeRole");

  test("each role has an allowed assume and denied ones from another account and another service", () => {
    for (const role of ["exec trust", "task trust", "sfn trust"] as const) {
      const kinds = trustCases.filter((c) => c.role === role).map((c) => c.nearMiss ?? "allowed");
      expect([role, kinds]).toEqual([role, expect.arrayContaining(["allowed", "another account", "another service"])]);
    }
  });

  test.each(trustCases.map((c) => [c.role, c.description, c.expected, c] as const))(
    "%s: %s → %s",
    (_role, _d, expected, c) => {
      const decision = evaluate([policies[DOCUMENT_OF[c.role]]], c.request).decision;
      expect(decision === "Allowed" ? "Allowed" : "Denied").toBe(expected);
    },
  );
});

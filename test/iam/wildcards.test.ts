/**
 * Wildcard ledger: every statement whose resource is `*`, and why each of its actions may have
 * it. An action is allowed `*` only when AWS's Service Authorization Reference gives it no
 * resource types, checked both against the page linked here and against the offline catalog.
 */
import { hasNoResourceTypes } from "../models/iam-evaluator/catalog";
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
import { printTable } from "../support/tables";

const SAR = "https://docs.aws.amazon.com/service-authorization/latest/reference";
const ECR = `${SAR}/list_amazonelasticcontainerregistry.html`;
const ECS = `${SAR}/list_amazonelasticcontainerservice.html`;
const LOGS = `${SAR}/list_amazoncloudwatchlogs.html`;
const XRAY = `${SAR}/list_awsx-ray.html`;

/**
 * Actions AWS gives no resource-level permissions, with the page that says so (the action's
 * row has an empty "Resource types" column). Nothing else may be granted on `*`.
 */
const NO_RESOURCE_LEVEL_PERMISSIONS: Readonly<Record<string, string>> = {
  // Registry-wide authorization tokens.
  "ecr:GetAuthorizationToken": ECR,
  "ecs:DeregisterTaskDefinition": ECS,
  // CloudWatch Logs vended-log delivery, which Step Functions sets up for its execution logs:
  // https://docs.aws.amazon.com/step-functions/latest/dg/cw-logs.html#cloudwatch-iam-policy
  "logs:CreateLogDelivery": LOGS,
  "logs:GetLogDelivery": LOGS,
  "logs:UpdateLogDelivery": LOGS,
  "logs:DeleteLogDelivery": LOGS,
  "logs:ListLogDeliveries": LOGS,
  "logs:PutResourcePolicy": LOGS,
  "logs:DescribeResourcePolicies": LOGS,
  "logs:DescribeLogGroups": LOGS,
  // X-Ray tracing: https://docs.aws.amazon.com/step-functions/latest/dg/xray-iam.html
  "xray:PutTraceSegments": XRAY,
  "xray:PutTelemetryRecords": XRAY,
  "xray:GetSamplingRules": XRAY,
  "xray:GetSamplingTargets": XRAY,
};

/** The SAR page of each service prefix on the allow-list. */
const SERVICE_PAGES: Readonly<Record<string, string>> = { ecr: ECR, ecs: ECS, logs: LOGS, xray: XRAY };

let tf: TerraformJson;
let statements: Record<DocumentName, PolicyStatement[]>;

beforeAll(() => {
  ({ tf } = synthModule());
  const resolved = resolveModule(tf, sampleFor("aws"));
  statements = Object.fromEntries(DOCUMENTS.map((d) => [d, documentStatements(resolved, d)])) as typeof statements;
});

function wildcardStatements() {
  return DOCUMENTS.flatMap((document) =>
    statements[document]
      .filter((s) => s.resources?.includes("*"))
      .map((s) => ({ document, sid: s.sid, actions: [...s.actions], resources: [...(s.resources ?? [])] })),
  );
}

describe("the wildcard ledger", () => {
  test("lists every statement whose resource is `*`", () => {
    const ledger = wildcardStatements();
    printTable(
      ["Statements on Resource `*`:", ...ledger.map((s) => `  ${s.document}/${s.sid}: ${s.actions.join(", ")}`)].join(
        "\n",
      ),
    );
    expect(ledger.map((s) => `${s.document}/${s.sid}`)).toEqual([
      "data_prep_exec/EcrAuthorizationToken",
      "sfn/DeregisterDataPrepTaskDefinition",
      "sfn/DeliverExecutionLogs",
      "sfn/WriteTraces",
    ]);
  });

  test("every action on `*` is on the allow-list, and `*` is never mixed with other resources", () => {
    for (const statement of wildcardStatements()) {
      expect(statement.resources).toEqual(["*"]);
      expect(statement.actions.filter((a) => !(a in NO_RESOURCE_LEVEL_PERMISSIONS))).toEqual([]);
    }
  });

  test("the catalog agrees: every allow-listed action has no resource types", async () => {
    const withTypes: string[] = [];
    for (const action of Object.keys(NO_RESOURCE_LEVEL_PERMISSIONS))
      if (!(await hasNoResourceTypes(action))) withTypes.push(action);
    expect(withTypes).toEqual([]);
  });

  test("every allow-list entry links its service's Service Authorization Reference page", () => {
    for (const [action, link] of Object.entries(NO_RESOURCE_LEVEL_PERMISSIONS)) {
      expect(link).toMatch(
        /^https:\/\/docs\.aws\.amazon\.com\/service-authorization\/latest\/reference\/list_[a-z0-9-]+\.html$/,
      );
      expect([action, link]).toEqual([action, SERVICE_PAGES[action.split(":")[0]]]);
    }
  });

  test("no other resource wildcards its service, region or account", () => {
    // A resource like `arn:aws:ecs:*:*:task/*` would be `*` in disguise.
    const wide = DOCUMENTS.flatMap((document) =>
      statements[document].flatMap((s) =>
        (s.resources ?? [])
          .filter(
            (r) =>
              r !== "*" &&
              r
                .split(":")
                .slice(0, 5)
                .some((component) => /[*?]/.test(component)),
          )
          .map((r) => `${document}/${s.sid} ${r}`),
      ),
    );
    expect(wide).toEqual([]);
  });
});

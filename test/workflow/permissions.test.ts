/**
 * Every Task brings its own permissions: each Task state of the definition is built by a builder
 * that declares the IAM statements its call needs, and those statements grant every action AWS
 * documents for the Task's integration. A Task added without its statements, or with too few,
 * fails here. Whether the resources are the narrowest ones is the IAM suites' concern.
 */
import type { PolicyStatement } from "../../src/iam/policy";
import { buildWorkflow, type Workflow } from "../../src/workflow/definition";
import { phase, type Task } from "../../src/workflow/task";
import { SAMPLE_INPUT } from "../support/workflow";
import { taskStates } from "./exploration/cases";

/** The actions each integration needs, as AWS's page for it lists them. */
const INTEGRATION_ACTIONS: Readonly<Record<string, { readonly actions: readonly string[]; readonly page: string }>> = {
  "aws-sdk:ssm:getParametersByPath": {
    actions: ["ssm:GetParametersByPath"],
    page: "https://docs.aws.amazon.com/step-functions/latest/dg/supported-services-awssdk.html",
  },
  // The revision names two roles, which the caller must be allowed to pass.
  "aws-sdk:ecs:registerTaskDefinition": {
    actions: ["ecs:RegisterTaskDefinition", "iam:PassRole"],
    page: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html",
  },
  "ecs:runTask.sync": {
    actions: [
      "ecs:RunTask",
      "ecs:StopTask",
      "ecs:DescribeTasks",
      "events:PutTargets",
      "events:PutRule",
      "events:DescribeRule",
    ],
    page: "https://docs.aws.amazon.com/step-functions/latest/dg/ecs-iam.html",
  },
  "aws-sdk:ecs:deregisterTaskDefinition": {
    actions: ["ecs:DeregisterTaskDefinition"],
    page: "https://docs.aws.amazon.com/step-functions/latest/dg/supported-services-awssdk.html",
  },
  "aws-sdk:s3:listObjectsV2": {
    actions: ["s3:ListBucket"],
    page: "https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html",
  },
  "states:startExecution.sync:2": {
    actions: [
      "states:StartExecution",
      "states:DescribeExecution",
      "states:StopExecution",
      "events:PutTargets",
      "events:PutRule",
      "events:DescribeRule",
    ],
    page: "https://docs.aws.amazon.com/step-functions/latest/dg/stepfunctions-iam.html",
  },
  "events:putEvents": {
    actions: ["events:PutEvents"],
    page: "https://docs.aws.amazon.com/step-functions/latest/dg/eventbridge-iam.html",
  },
};

const PERMISSIONS = {
  scope: { partition: "aws", region: "eu-west-1", account: "111122223333" },
  clusterName: "gata",
  eventBusArn: "arn:aws:events:eu-west-1:111122223333:event-bus/gata",
  childStateMachineArns: [SAMPLE_INPUT.generalStateMachineArn, SAMPLE_INPUT.lowVolumeStateMachineArn],
  childExecutionArns: ["arn:aws:states:eu-west-1:111122223333:execution:gata-finetune-general:*"],
  kmsKeyArn: "arn:aws:kms:eu-west-1:111122223333:key/k",
  stateMachineName: "gata-prod-finetune",
};

/** What is wrong with the workflow's Tasks and their permissions: nothing, when every Task has what it needs. */
function missingPermissions(workflow: Workflow): string[] {
  return [...taskStates(workflow.definition)].flatMap(([name, state]) => {
    const task = workflow.tasks[name];
    if (task === undefined || task.state !== state) return [`${name} is not built with its permissions`];
    const integration = state.Resource.replace(/^arn:aws:states:::/, "");
    const needed = INTEGRATION_ACTIONS[integration];
    if (needed === undefined) return [`${name} calls ${integration}, whose permissions this test does not know`];
    const granted = new Set(task.permissions(PERMISSIONS).flatMap((statement: PolicyStatement) => statement.actions));
    return needed.actions.filter((action) => !granted.has(action)).map((action) => `${name} lacks ${action}`);
  });
}

describe("each Task of the workflow", () => {
  const workflow = buildWorkflow(SAMPLE_INPUT);

  test("is one of the Tasks the workflow's builders declare, Parallel branches included", () => {
    expect(Object.keys(workflow.tasks).sort()).toEqual([...taskStates(workflow.definition)].map(([n]) => n).sort());
  });

  test("declares every action AWS documents for its integration", () => {
    expect(missingPermissions(workflow)).toEqual([]);
  });

  test("GIVEN a Task whose permissions were left out THEN the check names it and each missing action", () => {
    const bare: Task = { ...workflow.tasks.RunDataPrep, permissions: () => [] };
    const broken = { ...workflow, tasks: { ...workflow.tasks, RunDataPrep: bare } };
    expect(missingPermissions(broken)).toEqual(
      INTEGRATION_ACTIONS["ecs:runTask.sync"].actions.map((action) => `RunDataPrep lacks ${action}`),
    );
  });

  test("GIVEN a Task state added as a plain state, not built with its permissions, THEN the check names it", () => {
    const plain = phase({ Extra: { ...workflow.tasks.NotifyComplete.state } });
    const broken = {
      definition: { ...workflow.definition, States: { ...workflow.definition.States, ...plain.states } },
      tasks: { ...workflow.tasks, ...plain.tasks },
    };
    expect(missingPermissions(broken)).toEqual(["Extra is not built with its permissions"]);
  });
});

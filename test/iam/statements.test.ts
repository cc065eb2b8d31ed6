/**
 * The statement builders (src/iam/statements.ts) with concrete sample inputs: the exact
 * statements each one returns, in the commercial partition's eu-west-1.
 */
import {
  dataPrepExecStatements,
  dataPrepTaskStatements,
  ecsExecAssumeStatements,
  ecsTaskAssumeStatements,
  sfnAssumeStatements,
  startExecutionStatements,
} from "../../src/iam/statements";
import { buildWorkflow, stateMachinePolicy } from "../../src/workflow/definition";
import { SAMPLE_INPUT } from "../support/workflow";
import { toPolicyJson } from "../../src/iam/policy";
import { actionExists, resourceMatchesType } from "../models/iam-evaluator/catalog";
import { evaluate } from "../models/iam-evaluator/evaluator";

const SCOPE = { partition: "aws", region: "eu-west-1", account: "111122223333" };
const ACCOUNT_CONDITION = { test: "StringEquals", variable: "aws:SourceAccount", values: ["111122223333"] };
const KEY = "arn:aws:kms:eu-west-1:111122223333:key/k";
const CLUSTER = "arn:aws:ecs:eu-west-1:111122223333:cluster/gata";

describe("trust policies", () => {
  test("ecsExecAssumeStatements: ECS tasks of this account only", () => {
    expect(ecsExecAssumeStatements(SCOPE)).toEqual([
      {
        sid: "EcsTasksAssumeRole",
        actions: ["sts:AssumeRole"],
        principals: [{ type: "Service", identifiers: ["ecs-tasks.amazonaws.com"] }],
        conditions: [ACCOUNT_CONDITION],
      },
    ]);
  });

  test("ecsTaskAssumeStatements: also only from this account's ECS resources in this region", () => {
    expect(ecsTaskAssumeStatements(SCOPE)).toEqual([
      {
        sid: "EcsTasksAssumeRole",
        actions: ["sts:AssumeRole"],
        principals: [{ type: "Service", identifiers: ["ecs-tasks.amazonaws.com"] }],
        conditions: [
          ACCOUNT_CONDITION,
          { test: "ArnLike", variable: "aws:SourceArn", values: ["arn:aws:ecs:eu-west-1:111122223333:*"] },
        ],
      },
    ]);
  });

  test("sfnAssumeStatements: Step Functions, for this account's state machines", () => {
    expect(sfnAssumeStatements(SCOPE)).toEqual([
      {
        sid: "StepFunctionsAssumeRole",
        actions: ["sts:AssumeRole"],
        principals: [{ type: "Service", identifiers: ["states.amazonaws.com"] }],
        conditions: [
          ACCOUNT_CONDITION,
          {
            test: "ArnLike",
            variable: "aws:SourceArn",
            values: ["arn:aws:states:eu-west-1:111122223333:stateMachine:*"],
          },
        ],
      },
    ]);
  });
});

describe("dataPrepExecStatements", () => {
  test("pull the one repository's image and write the log group's streams", () => {
    expect(
      dataPrepExecStatements({
        dataPrepRepositoryArn: "arn:aws:ecr:eu-west-1:111122223333:repository/gata/data-prep",
        logGroupArn: "arn:aws:logs:eu-west-1:111122223333:log-group:/ecs/gata-data-prep",
      }),
    ).toEqual([
      { sid: "EcrAuthorizationToken", actions: ["ecr:GetAuthorizationToken"], resources: ["*"] },
      {
        sid: "PullDataPrepImage",
        actions: ["ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"],
        resources: ["arn:aws:ecr:eu-west-1:111122223333:repository/gata/data-prep"],
      },
      {
        sid: "ShipContainerLogs",
        actions: ["logs:CreateLogStream", "logs:PutLogEvents"],
        resources: ["arn:aws:logs:eu-west-1:111122223333:log-group:/ecs/gata-data-prep:log-stream:*"],
      },
    ]);
  });
});

describe("dataPrepTaskStatements", () => {
  test("read the secret, query the cluster, and read/write only under training/", () => {
    expect(
      dataPrepTaskStatements({
        partition: "aws-cn",
        region: "cn-north-1",
        dnsSuffix: "amazonaws.com.cn",
        dbSecretArn: "secret-arn",
        dbClusterArn: "cluster-arn",
        bucketName: "gata-training-data",
        kmsKeyArn: KEY,
      }),
    ).toEqual([
      { sid: "ReadDatabaseSecret", actions: ["secretsmanager:GetSecretValue"], resources: ["secret-arn"] },
      { sid: "QueryDatabase", actions: ["rds-data:ExecuteStatement"], resources: ["cluster-arn"] },
      { sid: "ListBucket", actions: ["s3:ListBucket"], resources: ["arn:aws-cn:s3:::gata-training-data"] },
      {
        sid: "ReadWriteTrainingData",
        actions: ["s3:GetObject", "s3:PutObject"],
        resources: ["arn:aws-cn:s3:::gata-training-data/training/*"],
      },
      {
        sid: "UseDataKeyThroughServices",
        actions: ["kms:Decrypt", "kms:GenerateDataKey"],
        resources: [KEY],
        conditions: [
          {
            test: "StringEquals",
            variable: "kms:ViaService",
            values: ["s3.cn-north-1.amazonaws.com.cn", "secretsmanager.cn-north-1.amazonaws.com.cn"],
          },
        ],
      },
    ]);
  });
});

describe("the state machine's policy, collected from its Tasks and its own statements", () => {
  const workflow = buildWorkflow({
    ...SAMPLE_INPUT,
    dataPrepName: "gata-data-prep",
    clusterArn: CLUSTER,
    executionRoleArn: "exec-role-arn",
    taskRoleArn: "task-role-arn",
    ssmImagePath: "/gata/images/",
    bucketName: "gata-training-data",
  });
  const statements = stateMachinePolicy(workflow, {
    scope: SCOPE,
    clusterName: "gata",
    eventBusArn: "arn:aws:events:eu-west-1:111122223333:event-bus/gata",
    childStateMachineArns: ["child-arn"],
    childExecutionArns: ["child-execution-arn:*"],
    kmsKeyArn: KEY,
    stateMachineName: "gata-finetune",
  });
  const onCluster = [{ test: "ArnEquals", variable: "ecs:cluster", values: [CLUSTER] }];
  const taskDefinitions = "arn:aws:ecs:eu-west-1:111122223333:task-definition/gata-data-prep:*";

  test("ECS: register and run only the data-prep family, run and track only on the cluster", () => {
    expect(statements.slice(0, 4)).toEqual([
      { sid: "RegisterDataPrepTaskDefinition", actions: ["ecs:RegisterTaskDefinition"], resources: [taskDefinitions] },
      { sid: "DeregisterDataPrepTaskDefinition", actions: ["ecs:DeregisterTaskDefinition"], resources: ["*"] },
      { sid: "RunDataPrepTask", actions: ["ecs:RunTask"], resources: [taskDefinitions], conditions: onCluster },
      {
        sid: "TrackDataPrepTask",
        actions: ["ecs:StopTask", "ecs:DescribeTasks"],
        resources: ["arn:aws:ecs:eu-west-1:111122223333:task/gata/*"],
        conditions: onCluster,
      },
    ]);
  });

  test("passes the two data-prep roles to ECS tasks only", () => {
    expect(statements[4]).toEqual({
      sid: "PassDataPrepRoles",
      actions: ["iam:PassRole"],
      resources: ["exec-role-arn", "task-role-arn"],
      conditions: [{ test: "StringEquals", variable: "iam:PassedToService", values: ["ecs-tasks.amazonaws.com"] }],
    });
  });

  test("events: the two .sync managed rules and the one bus", () => {
    expect(statements.slice(5, 7)).toEqual([
      {
        sid: "ManageSyncEventRules",
        actions: ["events:PutRule", "events:PutTargets", "events:DescribeRule"],
        resources: [
          "arn:aws:events:eu-west-1:111122223333:rule/StepFunctionsGetEventsForECSTaskRule",
          "arn:aws:events:eu-west-1:111122223333:rule/StepFunctionsGetEventsForStepFunctionsExecutionRule",
        ],
      },
      {
        sid: "EmitEvents",
        actions: ["events:PutEvents"],
        resources: ["arn:aws:events:eu-west-1:111122223333:event-bus/gata"],
      },
    ]);
  });

  test("child state machines: start them, track their executions", () => {
    expect(statements.slice(7, 9)).toEqual([
      { sid: "StartChildFineTunes", actions: ["states:StartExecution"], resources: ["child-arn"] },
      {
        sid: "TrackChildFineTunes",
        actions: ["states:DescribeExecution", "states:StopExecution"],
        resources: ["child-execution-arn:*"],
      },
    ]);
  });

  test("configuration and data: parameters under the path, listing the bucket under training/ only", () => {
    expect(statements.slice(9, 11)).toEqual([
      {
        sid: "ReadImageVersions",
        actions: ["ssm:GetParametersByPath"],
        resources: ["arn:aws:ssm:eu-west-1:111122223333:parameter/gata/images/*"],
      },
      {
        sid: "CheckLowVolumeData",
        actions: ["s3:ListBucket"],
        resources: ["arn:aws:s3:::gata-training-data"],
        conditions: [{ test: "StringLike", variable: "s3:prefix", values: ["training/*"] }],
      },
    ]);
  });

  test("KMS: data keys bound to this state machine, to each child machine, and for log delivery in this account", () => {
    expect(statements.slice(11, 14)).toEqual([
      {
        sid: "EncryptExecutionData",
        actions: ["kms:Decrypt", "kms:GenerateDataKey"],
        resources: [KEY],
        conditions: [
          {
            test: "StringEquals",
            variable: "kms:EncryptionContext:aws:states:stateMachineArn",
            values: ["arn:aws:states:eu-west-1:111122223333:stateMachine:gata-finetune"],
          },
        ],
      },
      {
        sid: "UseChildExecutionData",
        actions: ["kms:Decrypt", "kms:GenerateDataKey"],
        resources: [KEY],
        conditions: [
          { test: "StringEquals", variable: "kms:EncryptionContext:aws:states:stateMachineArn", values: ["child-arn"] },
        ],
      },
      {
        sid: "EncryptExecutionLogs",
        actions: ["kms:GenerateDataKey"],
        resources: [KEY],
        conditions: [
          {
            test: "ArnLike",
            variable: "kms:EncryptionContext:SourceArn",
            values: ["arn:aws:logs:eu-west-1:111122223333:*"],
          },
        ],
      },
    ]);
  });

  test("log delivery and X-Ray, which have no resource-level permissions, are the only other `*`", () => {
    expect(statements.slice(14)).toEqual([
      {
        sid: "DeliverExecutionLogs",
        actions: [
          "logs:CreateLogDelivery",
          "logs:GetLogDelivery",
          "logs:UpdateLogDelivery",
          "logs:DeleteLogDelivery",
          "logs:ListLogDeliveries",
          "logs:PutResourcePolicy",
          "logs:DescribeResourcePolicies",
          "logs:DescribeLogGroups",
        ],
        resources: ["*"],
      },
      {
        sid: "WriteTraces",
        actions: [
          "xray:PutTraceSegments",
          "xray:PutTelemetryRecords",
          "xray:GetSamplingRules",
          "xray:GetSamplingTargets",
        ],
        resources: ["*"],
      },
    ]);
  });

  test("has 16 statements with unique sids", () => {
    const sids = statements.map((s) => s.sid);
    expect(sids).toHaveLength(16);
    expect(new Set(sids).size).toBe(16);
  });
});

describe("startExecutionStatements: what grantStartExecution gives a role", () => {
  const STATE_MACHINE = "arn:aws:states:eu-west-1:111122223333:stateMachine:gata-prod-finetune";
  const statements = startExecutionStatements(STATE_MACHINE);
  const decide = (action: string, resource: string) =>
    evaluate([toPolicyJson(statements)], { action, resource }).decision;

  test("is StartExecution on the one state machine", () => {
    expect(statements).toEqual([
      { sid: "StartFinetuneWorkflow", actions: ["states:StartExecution"], resources: [STATE_MACHINE] },
    ]);
  });

  test("names an action AWS has, on the resource type it takes", async () => {
    expect(await actionExists("states:StartExecution")).toBe(true);
    expect(await resourceMatchesType("states:StartExecution", STATE_MACHINE)).toBe(true);
  });

  test("allows starting this state machine only, and nothing else on it", () => {
    expect({
      this: decide("states:StartExecution", STATE_MACHINE),
      another: decide("states:StartExecution", `${STATE_MACHINE}-general`),
      stop: decide("states:StopExecution", "arn:aws:states:eu-west-1:111122223333:execution:gata-prod-finetune:x"),
      sync: decide("states:StartSyncExecution", STATE_MACHINE),
    }).toEqual({ this: "Allowed", another: "ImplicitDeny", stop: "ImplicitDeny", sync: "ImplicitDeny" });
  });
});

/**
 * The data-prep phase: register a task definition revision for this batch, run it on Fargate and
 * wait for it, then deregister the revision, after a failure too.
 */
import { ECS_TASKS, manageSyncEventRule } from "../iam/statements";
import { arn } from "../naming/arn";
import { FAILURE_STATE, failWith } from "./failure";
import type { PermissionsInput, WorkflowDefinitionInput } from "./input";
import { RETRY } from "./errors";
import { jsonata, str } from "./jsonata";
import { optimized, type Phase, phase, sdk, type Task, taskState } from "./task";
import { SDK_CALL_TIMEOUT_SECONDS } from "./timeouts";

/** Data-prep task size, in Fargate CPU units and MiB. */
export const DATA_PREP_CPU = "1024";
export const DATA_PREP_MEMORY = "4096";

/**
 * The rule Step Functions creates to learn when a `.sync` ECS task ends.
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/ecs-iam.html
 */
export const ECS_SYNC_RULE = "StepFunctionsGetEventsForECSTaskRule";

/** Revisions of the data-prep family: what may be registered and run. */
const taskDefinitions = (scope: PermissionsInput["scope"], input: WorkflowDefinitionInput) =>
  arn(scope, "ecs", `task-definition/${input.dataPrepName}:*`);

const onCluster = (input: WorkflowDefinitionInput) => ({
  test: "ArnEquals",
  variable: "ecs:cluster",
  values: [input.clusterArn],
});

/** A revision of the data-prep family, its one container running this batch. */
function registerTaskDefinition(input: WorkflowDefinitionInput): Task {
  return {
    state: taskState(
      sdk(input.partition, "ecs:registerTaskDefinition"),
      {
        Family: input.dataPrepName,
        RequiresCompatibilities: ["FARGATE"],
        NetworkMode: "awsvpc",
        Cpu: DATA_PREP_CPU,
        Memory: DATA_PREP_MEMORY,
        ExecutionRoleArn: input.executionRoleArn,
        TaskRoleArn: input.taskRoleArn,
        ContainerDefinitions: [
          {
            Name: jsonata(`${str(`${input.dataPrepName}-`)} & $batchId`),
            Image: jsonata(`${str(input.dataPrepRepositoryUrl)} & $dataPrepVersion`),
            Essential: true,
            Command: [jsonata("$batchId")],
            Environment: [
              { Name: "DB_ARN", Value: input.dbClusterArn },
              { Name: "DB_SECRET_ARN", Value: input.dbSecretArn },
              { Name: "LOG_LEVEL", Value: "INFO" },
              { Name: "LOW_VOLUME_FALLBACK_LABEL", Value: input.lowVolumeFallbackLabel },
              { Name: "TARGET_BUCKET", Value: input.bucketName },
            ],
            LogConfiguration: {
              LogDriver: "awslogs",
              Options: {
                "awslogs-group": input.logGroupName,
                "awslogs-region": input.region,
                "awslogs-stream-prefix": jsonata("'batch-' & $batchId"),
              },
            },
          },
        ],
      },
      RETRY.registerTaskDefinition,
      { Next: "RunDataPrep" },
      {
        TimeoutSeconds: SDK_CALL_TIMEOUT_SECONDS,
        Assign: { taskDefinitionArn: jsonata("$states.result.TaskDefinition.TaskDefinitionArn") },
        Output: jsonata("{}"),
        Catch: [failWith()],
      },
    ),
    permissions: ({ scope }) => [
      {
        sid: "RegisterDataPrepTaskDefinition",
        actions: ["ecs:RegisterTaskDefinition"],
        resources: [taskDefinitions(scope, input)],
      },
      {
        // The revision names the two roles, which ECS then assumes for the task.
        sid: "PassDataPrepRoles",
        actions: ["iam:PassRole"],
        resources: [input.executionRoleArn, input.taskRoleArn],
        conditions: [{ test: "StringEquals", variable: "iam:PassedToService", values: [ECS_TASKS] }],
      },
    ],
  };
}

/** The data-prep task, on Fargate, waited for until it stops. */
function runDataPrep(input: WorkflowDefinitionInput): Task {
  return {
    state: taskState(
      optimized(input.partition, "ecs:runTask.sync"),
      {
        Cluster: input.clusterArn,
        TaskDefinition: jsonata("$taskDefinitionArn"),
        LaunchType: "FARGATE",
        NetworkConfiguration: {
          AwsvpcConfiguration: {
            Subnets: jsonata(`$split(${str(input.subnetIdsCsv)}, ',')`),
            SecurityGroups: [input.securityGroupId],
            AssignPublicIp: "DISABLED",
          },
        },
      },
      RETRY.runTask,
      { Next: "DeregisterTaskDefinition" },
      {
        // On timeout Step Functions stops the ECS task. https://docs.aws.amazon.com/step-functions/latest/dg/connect-ecs.html
        TimeoutSeconds: input.dataPrepTimeoutSeconds,
        Output: jsonata("{}"),
        Catch: [failWith("DeregisterAfterFailure")],
      },
    ),
    // https://docs.aws.amazon.com/step-functions/latest/dg/ecs-iam.html
    permissions: ({ scope, clusterName }) => [
      {
        sid: "RunDataPrepTask",
        actions: ["ecs:RunTask"],
        resources: [taskDefinitions(scope, input)],
        conditions: [onCluster(input)],
      },
      {
        sid: "TrackDataPrepTask",
        actions: ["ecs:StopTask", "ecs:DescribeTasks"],
        resources: [arn(scope, "ecs", `task/${clusterName}/*`)],
        conditions: [onCluster(input)],
      },
      manageSyncEventRule(scope, ECS_SYNC_RULE),
    ],
  };
}

/** Deregisters this batch's revision, then goes on to `next`. */
function deregister(input: WorkflowDefinitionInput, next: string, afterFailure: boolean): Task {
  const thisTaskDefinition = { TaskDefinition: jsonata("$taskDefinitionArn") };
  return {
    state: taskState(
      sdk(input.partition, "ecs:deregisterTaskDefinition"),
      thisTaskDefinition,
      RETRY.deregisterTaskDefinition,
      { Next: next },
      afterFailure
        ? {
            Comment: "Cleans up after a failed data-prep run; the original error is what gets reported.",
            TimeoutSeconds: SDK_CALL_TIMEOUT_SECONDS,
            Output: jsonata("{}"),
            Catch: [{ ErrorEquals: ["States.ALL"], Next: FAILURE_STATE }],
          }
        : { TimeoutSeconds: SDK_CALL_TIMEOUT_SECONDS, Output: jsonata("{}"), Catch: [failWith()] },
    ),
    permissions: () => [
      {
        // DeregisterTaskDefinition has no resource type, so it cannot be narrowed to the family.
        // https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonelasticcontainerservice.html
        sid: "DeregisterDataPrepTaskDefinition",
        actions: ["ecs:DeregisterTaskDefinition"],
        resources: ["*"],
      },
    ],
  };
}

export function dataPrepPhase(input: WorkflowDefinitionInput): Phase {
  return phase({
    RegisterTaskDefinition: registerTaskDefinition(input),
    RunDataPrep: runDataPrep(input),
    DeregisterTaskDefinition: deregister(input, "FineTune", false),
    DeregisterAfterFailure: deregister(input, FAILURE_STATE, true),
  });
}

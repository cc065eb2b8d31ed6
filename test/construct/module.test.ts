/**
 * Contract tests of the synthesized module (`FinetuneWorkflowModule`): exactly the documented
 * addresses, the interface (variables, outputs, version constraints) and the key attributes
 * of every resource, plus the one snapshot of the whole module.
 */
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { SfnStateMachine } from "@cdktf/provider-aws/lib/sfn-state-machine";
import { Testing } from "cdktf";
// Brings the type declarations of the matchers that Testing.setupJest() registers.
import "cdktf/lib/testing/adapters/jest";
import { addressesOf, contractAddresses } from "../support/module";
import { synthModule, type TerraformJson } from "../support/synthesized";

Testing.setupJest();

// Synthesized once: every test reads the same document.
let json: string;
let tf: TerraformJson;
beforeAll(() => {
  ({ json, tf } = synthModule());
});

const PARTITION = "${data.aws_partition.current.partition}";
const REGION = "${data.aws_region.current.region}";
const ACCOUNT = "${data.aws_caller_identity.current.account_id}";
/** `arn:<partition>:<service>:<region>:<account>:` as the module writes it. */
const arnIn = (service: string) => `arn:${PARTITION}:${service}:${REGION}:${ACCOUNT}:`;

/** An Allow statement in the shape `aws_iam_policy_document` is synthesized with. */
function allow(sid: string, actions: string[], resources: string[] | string, condition?: object[]) {
  return { sid, effect: "Allow", actions, resources, ...(condition ? { condition } : {}) };
}
const cond = (test: string, variable: string, values: string[] | string) => ({ test, variable, values });

describe("addresses", () => {
  test("the resources are exactly the contract's 16", () => {
    // GIVEN the contract README's Resources table
    const { resources } = contractAddresses();
    // THEN
    expect(resources).toHaveLength(16);
    expect(addressesOf(tf.resource)).toEqual(resources);
  });

  test("the data sources are exactly the contract's 11", () => {
    const { dataSources } = contractAddresses();
    expect(dataSources).toHaveLength(11);
    expect(addressesOf(tf.data)).toEqual(dataSources);
  });

  test("nothing but terraform, variable, locals, data, resource and output blocks is written", () => {
    expect(Object.keys(tf).sort()).toEqual(["data", "locals", "output", "resource", "terraform", "variable"]);
  });
});

describe("module mode", () => {
  test("has no provider block: the caller configures aws", () => {
    expect(tf).not.toHaveProperty("provider");
  });

  test("has no backend: state belongs to the caller", () => {
    expect(tf.terraform).not.toHaveProperty("backend");
  });

  test("requires Terraform >= 1.11.0, < 2.0.0", () => {
    expect(tf).toHaveProperty("terraform.required_version", ">= 1.11.0, < 2.0.0");
  });

  test("requires hashicorp/aws >= 6.0, < 7.0 and no other provider", () => {
    expect(tf.terraform.required_providers).toEqual({ aws: { source: "hashicorp/aws", version: ">= 6.0, < 7.0" } });
  });

  test("writes no literal arn:aws: so it works in every partition", () => {
    expect(json).not.toContain("arn:aws:");
  });
});

describe("variables", () => {
  const required = (description: string, type: string) => ({ description, type });

  test("are exactly the 17 documented ones, with their descriptions, types and defaults", () => {
    // Only the documented interface: plan-time validation blocks are not part of it (terraform-docs hides them).
    const documented = Object.fromEntries(
      Object.entries<Record<string, unknown>>(tf.variable).map(([name, { description, type, ...rest }]) => [
        name,
        { description, type, ...("default" in rest ? { default: rest.default } : {}) },
      ]),
    );
    expect(documented).toEqual({
      application_name: {
        description: "Name for the application. Used to prefix resources provisioned by this module.",
        type: "string",
        default: "gata",
      },
      db_cluster_arn: required("ARN of the existing RDS Aurora cluster", "string"),
      db_secret_arn: required("ARN of the existing RDS Aurora secret", "string"),
      ecr_repo_arns: required(
        "ARNs of the ECR repositories for the docker images. Format: { module_name => repo_arn }",
        "map(string)",
      ),
      ecr_repo_urls: required(
        "URLs of the ECR repositories for the docker images. Format: { module_name => repo_url }",
        "map(string)",
      ),
      ecs_cluster_arn: required("ARN of the existing ECS cluster", "string"),
      event_bus_name: required("ARN of the EventBridge event bus to use for notifications", "string"),
      kms_key_arn: required("ARN of the KMS key to use for encryption", "string"),
      low_volume_fallback_label: required(
        "Label to use when there is insufficient low volume ticket data to train a model.",
        "number",
      ),
      role_namespace: { description: "Namespace/prefix for IAMs roles", type: "string", default: "" },
      role_permissions_boundary: {
        description: "Permissions boundary to apply to IAM roles",
        type: "string",
        default: null,
      },
      s3_bucket_name: required("Name of the S3 bucket to use for data storage", "string"),
      sfn_arns: required(
        "ARNs of the Step Functions state machines for finetuning individual models. Format: { model_name => sfn_arn }",
        "map(string)",
      ),
      ssm_image_path: required("The base SSM path for image versions parameters.", "string"),
      subnet_ids: required("Subnet IDs for the ECR task", "list(string)"),
      tags: { description: "Tags to apply to all resources", type: "map(string)", default: {} },
      vpc_endpoint_security_groups: required(
        "Map of VPC endpoint security groups - `vpce => security_group_id`",
        "map(string)",
      ),
    });
  });

  test("role_permissions_boundary writes `default: null`, which makes it optional in Terraform", () => {
    // toEqual treats a missing key like undefined, so check the key itself is there.
    expect(Object.keys(tf.variable.role_permissions_boundary)).toContain("default");
    expect(tf.variable.role_permissions_boundary.default).toBeNull();
  });
});

describe("outputs", () => {
  test("are exactly the 3 documented ones, with descriptions and values", () => {
    expect(tf.output).toEqual({
      ecs_role_exec_name: {
        description: "Name of the IAM execution role for data prep ECS task",
        value: "${aws_iam_role.data_prep_exec.name}",
      },
      ecs_role_task_name: {
        description: "Name of the IAM task role for data prep ECS task",
        value: "${aws_iam_role.data_prep_task.name}",
      },
      security_group: {
        description: "ID of the security group used by the ECS task",
        value: "${aws_security_group.this.id}",
      },
    });
  });
});

describe("naming locals", () => {
  test("ns is application_name, joined with tags.environment only when that tag is set", () => {
    // matchkeys yields the environment tag's value as a list of zero or one; compact drops an empty one.
    expect(tf.locals.ns).toBe(
      '${join("-", compact(concat([var.application_name], matchkeys(values(var.tags), keys(var.tags), ["environment"]))))}',
    );
  });

  test("role_prefix is `<role_namespace>-`, or empty when role_namespace is empty", () => {
    expect(tf.locals.role_prefix).toBe('${join("", formatlist("%s-", compact([var.role_namespace])))}');
  });

  test("map lookups the definition needs are locals, so no quotes land inside its JSON strings", () => {
    expect(tf.locals).toEqual({
      ns: tf.locals.ns,
      role_prefix: tf.locals.role_prefix,
      data_prep_repository_arn: '${var.ecr_repo_arns["data-prep"]}',
      data_prep_repository_url: '${var.ecr_repo_urls["data-prep"]}',
      general_state_machine_arn: "${var.sfn_arns.general}",
      low_volume_state_machine_arn: "${var.sfn_arns.low_volume}",
      subnet_ids_csv: '${join(",", var.subnet_ids)}',
    });
  });
});

describe("log groups", () => {
  test.each([
    ["ecs_data_prep", "/ecs/${local.ns}-data-prep"],
    ["sfn", "/aws/vendedlogs/states/${local.ns}-finetune"],
  ])("aws_cloudwatch_log_group.%s is %s, kept 30 days, tagged, not KMS-encrypted", (name, logGroupName) => {
    // kms_key_id is left out on purpose: the key policy that would allow CloudWatch Logs is the caller's.
    expect(tf.resource.aws_cloudwatch_log_group[name]).toEqual({
      name: logGroupName,
      retention_in_days: 30,
      tags: "${var.tags}",
    });
  });

  test("the cdktf matcher finds the data-prep log group by its properties", () => {
    expect(json).toHaveResourceWithProperties(CloudwatchLogGroup, {
      name: "/ecs/${local.ns}-data-prep",
      retention_in_days: 30,
    });
  });
});

describe("network", () => {
  test("data.aws_subnet.this looks up every subnet in subnet_ids, keyed by its position so that unknown IDs plan", () => {
    expect(tf.data.aws_subnet.this).toEqual({
      for_each: "${zipmap(range(0, length(var.subnet_ids), 1), var.subnet_ids)}",
      id: "${each.value}",
    });
  });

  test("data.aws_ec2_managed_prefix_list.s3 is the partition's S3 prefix list in this region", () => {
    expect(tf).toHaveProperty(
      "data.aws_ec2_managed_prefix_list.s3.name",
      "${data.aws_partition.current.reverse_dns_prefix}.${data.aws_region.current.region}.s3",
    );
  });

  test("aws_security_group.this is named <ns>-data-prep, in the first subnet's VPC, tagged with Name", () => {
    // Exact: no inline ingress/egress, since inline rules and the standalone rules below would fight.
    expect(tf.resource.aws_security_group.this).toEqual({
      name: "${local.ns}-data-prep",
      description: "Data Prep ECS task",
      vpc_id: '${data.aws_subnet.this["0"].vpc_id}',
      tags: '${merge(var.tags, {"Name" = "${local.ns}-data-prep"})}',
    });
  });

  const https = {
    security_group_id: "${aws_security_group.this.id}",
    ip_protocol: "tcp",
    from_port: 443,
    to_port: 443,
    tags: "${var.tags}",
  };

  test("egress_https_all opens HTTPS to anywhere only when vpc_endpoint_security_groups is empty", () => {
    expect(tf.resource.aws_vpc_security_group_egress_rule.egress_https_all).toEqual({
      ...https,
      count: "${(length(var.vpc_endpoint_security_groups) < 1) ? 1 : 0}",
      cidr_ipv4: "0.0.0.0/0",
      description: "HTTPS open",
    });
  });

  test("egress_https allows HTTPS to each given interface endpoint's security group", () => {
    expect(tf.resource.aws_vpc_security_group_egress_rule.egress_https).toEqual({
      ...https,
      for_each:
        '${toset(setintersection(keys(var.vpc_endpoint_security_groups), ["ecr-api", "ecr-dkr", "logs", "rds-data", "secretsmanager", "ssm"]))}',
      referenced_security_group_id: "${var.vpc_endpoint_security_groups[each.value]}",
      description: "to ${each.value}",
    });
  });

  test("egress_https_s3 allows HTTPS to the `s3` prefix list given, else the region's managed one", () => {
    expect(tf.resource.aws_vpc_security_group_egress_rule.egress_https_s3).toEqual({
      ...https,
      prefix_list_id: '${lookup(var.vpc_endpoint_security_groups, "s3", data.aws_ec2_managed_prefix_list.s3.id)}',
      description: "to S3",
    });
  });
});

describe("IAM roles, policies and attachments", () => {
  // The state machine's role is replaced new-before-old (test/construct/migration.test.ts).
  const lifecycleOf = (name: string) => (name === "sfn" ? { lifecycle: { create_before_destroy: true } } : {});

  test.each([
    ["data_prep_exec", "${local.role_prefix}${local.ns}-data-prep-exec", "ecs_exec_assume"],
    ["data_prep_task", "${local.role_prefix}${local.ns}-data-prep-task", "ecs_task_assume"],
    ["sfn", "${local.role_prefix}sfn-${local.ns}-finetune", "sfn_assume"],
  ])("aws_iam_role.%s is %s, trusts data.aws_iam_policy_document.%s, bounded and tagged", (name, roleName, trust) => {
    expect(tf.resource.aws_iam_role[name]).toEqual({
      name: roleName,
      assume_role_policy: `\${data.aws_iam_policy_document.${trust}.json}`,
      permissions_boundary: "${var.role_permissions_boundary}",
      tags: "${var.tags}",
      ...lifecycleOf(name),
    });
  });

  test.each(["data_prep_exec", "data_prep_task", "sfn"])(
    "aws_iam_policy.%s is named after its role, holds its document and is tagged",
    (name) => {
      expect(tf.resource.aws_iam_policy[name]).toEqual({
        name: tf.resource.aws_iam_role[name].name,
        policy: `\${data.aws_iam_policy_document.${name}.json}`,
        tags: "${var.tags}",
        ...lifecycleOf(name),
      });
    },
  );

  test.each(["data_prep_exec", "data_prep_task", "sfn"])(
    "aws_iam_role_policy_attachment.%s attaches the policy to the role",
    (name) => {
      expect(tf.resource.aws_iam_role_policy_attachment[name]).toEqual({
        role: `\${aws_iam_role.${name}.name}`,
        policy_arn: `\${aws_iam_policy.${name}.arn}`,
        ...lifecycleOf(name),
      });
    },
  );
});

describe("IAM policy documents", () => {
  const statementsOf = (name: string) => tf.data.aws_iam_policy_document[name].statement;

  test("ecs_exec_assume lets ECS tasks of this account assume the execution role", () => {
    expect(statementsOf("ecs_exec_assume")).toEqual([
      {
        sid: "EcsTasksAssumeRole",
        effect: "Allow",
        actions: ["sts:AssumeRole"],
        principals: [{ type: "Service", identifiers: ["ecs-tasks.amazonaws.com"] }],
        condition: [cond("StringEquals", "aws:SourceAccount", [ACCOUNT])],
      },
    ]);
  });

  test("ecs_task_assume also pins the source ARN to this account's and region's ECS", () => {
    expect(statementsOf("ecs_task_assume")).toEqual([
      {
        sid: "EcsTasksAssumeRole",
        effect: "Allow",
        actions: ["sts:AssumeRole"],
        principals: [{ type: "Service", identifiers: ["ecs-tasks.amazonaws.com"] }],
        condition: [
          cond("StringEquals", "aws:SourceAccount", [ACCOUNT]),
          cond("ArnLike", "aws:SourceArn", [`${arnIn("ecs")}*`]),
        ],
      },
    ]);
  });

  test("sfn_assume lets this account's state machines assume the state machine role", () => {
    expect(statementsOf("sfn_assume")).toEqual([
      {
        sid: "StepFunctionsAssumeRole",
        effect: "Allow",
        actions: ["sts:AssumeRole"],
        principals: [{ type: "Service", identifiers: ["states.amazonaws.com"] }],
        condition: [
          cond("StringEquals", "aws:SourceAccount", [ACCOUNT]),
          cond("ArnLike", "aws:SourceArn", [`${arnIn("states")}stateMachine:*`]),
        ],
      },
    ]);
  });

  test("data_prep_exec pulls the data-prep image and writes to its log group's streams", () => {
    expect(statementsOf("data_prep_exec")).toEqual([
      allow("EcrAuthorizationToken", ["ecr:GetAuthorizationToken"], ["*"]),
      allow(
        "PullDataPrepImage",
        ["ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"],
        ["${local.data_prep_repository_arn}"],
      ),
      allow(
        "ShipContainerLogs",
        ["logs:CreateLogStream", "logs:PutLogEvents"],
        ["${aws_cloudwatch_log_group.ecs_data_prep.arn}:log-stream:*"],
      ),
    ]);
  });

  test("data_prep_task reads the DB secret, queries Aurora and reads/writes training/ in the bucket", () => {
    expect(statementsOf("data_prep_task")).toEqual([
      allow("ReadDatabaseSecret", ["secretsmanager:GetSecretValue"], ["${var.db_secret_arn}"]),
      allow("QueryDatabase", ["rds-data:ExecuteStatement"], ["${var.db_cluster_arn}"]),
      allow("ListBucket", ["s3:ListBucket"], [`arn:${PARTITION}:s3:::\${var.s3_bucket_name}`]),
      allow(
        "ReadWriteTrainingData",
        ["s3:GetObject", "s3:PutObject"],
        [`arn:${PARTITION}:s3:::\${var.s3_bucket_name}/training/*`],
      ),
      allow(
        "UseDataKeyThroughServices",
        ["kms:Decrypt", "kms:GenerateDataKey"],
        ["${var.kms_key_arn}"],
        [
          cond("StringEquals", "kms:ViaService", [
            "s3.${data.aws_region.current.region}.${data.aws_partition.current.dns_suffix}",
            "secretsmanager.${data.aws_region.current.region}.${data.aws_partition.current.dns_suffix}",
          ]),
        ],
      ),
    ]);
  });

  test("sfn grants exactly what the state machine's tasks, logging and tracing need", () => {
    const taskDefinitions = `${arnIn("ecs")}task-definition/\${local.ns}-data-prep:*`;
    const onCluster = [cond("ArnEquals", "ecs:cluster", ["${var.ecs_cluster_arn}"])];
    expect(statementsOf("sfn")).toEqual([
      allow("RegisterDataPrepTaskDefinition", ["ecs:RegisterTaskDefinition"], [taskDefinitions]),
      allow("DeregisterDataPrepTaskDefinition", ["ecs:DeregisterTaskDefinition"], ["*"]),
      allow("RunDataPrepTask", ["ecs:RunTask"], [taskDefinitions], onCluster),
      allow(
        "TrackDataPrepTask",
        ["ecs:StopTask", "ecs:DescribeTasks"],
        [`${arnIn("ecs")}task/\${element(split("/", var.ecs_cluster_arn), 1)}/*`],
        onCluster,
      ),
      allow(
        "PassDataPrepRoles",
        ["iam:PassRole"],
        ["${aws_iam_role.data_prep_exec.arn}", "${aws_iam_role.data_prep_task.arn}"],
        [cond("StringEquals", "iam:PassedToService", ["ecs-tasks.amazonaws.com"])],
      ),
      allow(
        "ManageSyncEventRules",
        ["events:PutRule", "events:PutTargets", "events:DescribeRule"],
        [
          `${arnIn("events")}rule/StepFunctionsGetEventsForECSTaskRule`,
          `${arnIn("events")}rule/StepFunctionsGetEventsForStepFunctionsExecutionRule`,
        ],
      ),
      allow(
        "EmitEvents",
        ["events:PutEvents"],
        [
          `\${startswith(var.event_bus_name, "arn:") ? var.event_bus_name : "${arnIn("events")}event-bus/\${var.event_bus_name}"}`,
        ],
      ),
      allow("StartChildFineTunes", ["states:StartExecution"], "${values(var.sfn_arns)}"),
      allow(
        "TrackChildFineTunes",
        ["states:DescribeExecution", "states:StopExecution"],
        '${[ for key, val in var.sfn_arns: "${replace(val, ":stateMachine:", ":execution:")}:*"]}',
      ),
      allow("ReadImageVersions", ["ssm:GetParametersByPath"], [`${arnIn("ssm")}parameter\${var.ssm_image_path}*`]),
      allow(
        "CheckLowVolumeData",
        ["s3:ListBucket"],
        [`arn:${PARTITION}:s3:::\${var.s3_bucket_name}`],
        [cond("StringLike", "s3:prefix", ["training/*"])],
      ),
      allow(
        "EncryptExecutionData",
        ["kms:Decrypt", "kms:GenerateDataKey"],
        ["${var.kms_key_arn}"],
        [
          cond("StringEquals", "kms:EncryptionContext:aws:states:stateMachineArn", [
            `${arnIn("states")}stateMachine:\${local.ns}-finetune`,
          ]),
        ],
      ),
      allow(
        "UseChildExecutionData",
        ["kms:Decrypt", "kms:GenerateDataKey"],
        ["${var.kms_key_arn}"],
        [cond("StringEquals", "kms:EncryptionContext:aws:states:stateMachineArn", "${values(var.sfn_arns)}")],
      ),
      allow(
        "EncryptExecutionLogs",
        ["kms:GenerateDataKey"],
        ["${var.kms_key_arn}"],
        [cond("ArnLike", "kms:EncryptionContext:SourceArn", [`${arnIn("logs")}*`])],
      ),
      allow(
        "DeliverExecutionLogs",
        [
          "logs:CreateLogDelivery",
          "logs:GetLogDelivery",
          "logs:UpdateLogDelivery",
          "logs:DeleteLogDelivery",
          "logs:ListLogDeliveries",
          "logs:PutResourcePolicy",
          "logs:DescribeResourcePolicies",
          "logs:DescribeLogGroups",
        ],
        ["*"],
      ),
      allow(
        "WriteTraces",
        ["xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules", "xray:GetSamplingTargets"],
        ["*"],
      ),
    ]);
  });
});

describe("state machine", () => {
  test("aws_sfn_state_machine.finetune is named <ns>-finetune, runs as the sfn role and is tagged", () => {
    const { definition: _definition, ...attributes } = tf.resource.aws_sfn_state_machine.finetune;
    expect(attributes).toEqual({
      name: "${local.ns}-finetune",
      role_arn: "${aws_iam_role.sfn.arn}",
      tags: "${var.tags}",
      encryption_configuration: {
        type: "CUSTOMER_MANAGED_KMS_KEY",
        kms_key_id: "${var.kms_key_arn}",
        kms_data_key_reuse_period_seconds: 300,
      },
      logging_configuration: {
        level: "ERROR",
        include_execution_data: true,
        // Step Functions wants the log group ARN with its `:*` stream wildcard.
        log_destination: "${aws_cloudwatch_log_group.sfn.arn}:*",
      },
      tracing_configuration: { enabled: true },
    });
  });

  test("the module, which has no timeout variables, uses the default timeouts: 4 h data prep, 24 h per child, 200 h execution", () => {
    const definition = JSON.parse(tf.resource.aws_sfn_state_machine.finetune.definition);
    const [general, lowVolume] = definition.States.FineTune.Branches;
    expect({
      execution: definition.TimeoutSeconds,
      dataPrep: definition.States.RunDataPrep.TimeoutSeconds,
      general: general.States.FineTuneGeneral.TimeoutSeconds,
      lowVolume: lowVolume.States.FineTuneLowVolume.TimeoutSeconds,
    }).toEqual({ execution: 720000, dataPrep: 14400, general: 86400, lowVolume: 86400 });
  });

  test("the cdktf matcher finds it encrypted with the caller's KMS key", () => {
    expect(json).toHaveResourceWithProperties(SfnStateMachine, {
      encryption_configuration: expect.objectContaining({ type: "CUSTOMER_MANAGED_KMS_KEY" }),
    });
  });
});

describe("snapshot", () => {
  test("the whole synthesized module", () => {
    // Catches every change the exact tests above do not pin; review its diff like code.
    expect(tf).toMatchSnapshot();
  });
});

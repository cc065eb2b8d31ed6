// The data-prep container's contract, read from the synthesized module. The page itself is
// checked against a fresh render in generated-docs.test.ts; these tests check the reading.
import { renderDataPrepContainer, type SynthesizedModule } from "../../../tools/docs/data-prep-container";
import { synthesizedText } from "../../support/synthesized";

// As `npm run docs` synthesizes it: "//" metadata included.
const MODULE: SynthesizedModule = JSON.parse(synthesizedText());

/** The module with its state machine's definition edited; the original is left alone. */
function withDefinition(edit: (definition: any) => void): SynthesizedModule {
  const module = structuredClone(MODULE) as any;
  const machine = module.resource.aws_sfn_state_machine.finetune;
  const definition = JSON.parse(machine.definition);
  edit(definition);
  machine.definition = JSON.stringify(definition);
  return module;
}

const container = (definition: any) => definition.States.RegisterTaskDefinition.Arguments.ContainerDefinitions[0];

/** The rows of the markdown table under `heading`, as cells. */
function tableUnder(markdown: string, heading: string): string[][] {
  const section = markdown.split(`## ${heading}\n`)[1].split("\n## ")[0];
  return section
    .split("\n")
    .filter((line) => line.startsWith("| ") && !line.startsWith("|---"))
    .slice(1)
    .map((line) => line.slice(2, -2).split(" | "));
}

describe("renderDataPrepContainer", () => {
  test("lists the container's environment with where each value comes from", () => {
    // GIVEN
    const module = MODULE;

    // WHEN
    const rows = tableUnder(renderDataPrepContainer(module), "Environment");

    // THEN
    expect(rows.map(([name, value]) => [name, value])).toEqual([
      ["`DB_ARN`", "`<db_cluster_arn>`"],
      ["`DB_SECRET_ARN`", "`<db_secret_arn>`"],
      ["`LOG_LEVEL`", "`INFO`"],
      ["`LOW_VOLUME_FALLBACK_LABEL`", "`<low_volume_fallback_label>`"],
      ["`TARGET_BUCKET`", "`<s3_bucket_name>`"],
    ]);
    expect(rows[2][2]).toBe("fixed");
    expect(rows[3][2]).toBe(
      "input [`low_volume_fallback_label`](../README.md#input_low_volume_fallback_label), a `number` passed as its text: " +
        "Label to use when there is insufficient low volume ticket data to train a model.",
    );
  });

  test("shows the command, the image and the names with the workflow's and the module's values as placeholders", () => {
    // GIVEN
    const module = MODULE;

    // WHEN
    const settings = Object.fromEntries(tableUnder(renderDataPrepContainer(module), "How it is started"));

    // THEN
    expect(settings).toMatchObject({
      "Task definition family": "`<ns>-data-prep`",
      Cluster: "`<ecs_cluster_arn>`",
      "Launch type": "`FARGATE`, network mode `awsvpc`, no public IP",
      Size: "1 vCPU (`1024` CPU units), 4 GiB (`4096` MiB)",
      Container: "`<ns>-data-prep-<BatchID>`, the task's only container, essential",
      Image: '`<ecr_repo_urls["data-prep"]><version-data-prep>`',
      Command: '`["<BatchID>"]`',
      "Security group": "`<ns>-data-prep`",
    });
    expect(settings["Task role"]).toMatch(/^`<role_prefix><ns>-data-prep-task`: /);
  });

  test("names the keys to write, the low-volume train set being the one the workflow looks for", () => {
    // GIVEN
    const module = MODULE;

    // WHEN
    const page = renderDataPrepContainer(module);

    // THEN
    expect(tableUnder(page, "Datasets to write").map(([key]) => key)).toEqual([
      "`training/gata-general/<BatchID>/train/data.json`",
      "`training/gata-general/<BatchID>/test/data.json`",
      "`training/gata-low-vol/<BatchID>/train/data.json`",
      "`training/gata-low-vol/<BatchID>/test/data.json`",
    ]);
    expect(page).toContain("In the bucket `TARGET_BUCKET` names:");
    expect(page).toContain(
      "It starts the low-volume fine-tune (`<sfn_arns.low_volume>`) only if `training/gata-low-vol/<BatchID>/train/data.json` exists",
    );
  });

  test("lists the task role's statements as the attached policy document has them", () => {
    // GIVEN
    const module = MODULE;

    // WHEN
    const rows = tableUnder(renderDataPrepContainer(module), "Permissions");

    // THEN
    expect(rows).toEqual([
      ["`ReadDatabaseSecret`", "`secretsmanager:GetSecretValue`", "`<db_secret_arn>`", "always"],
      ["`QueryDatabase`", "`rds-data:ExecuteStatement`", "`<db_cluster_arn>`", "always"],
      ["`ListBucket`", "`s3:ListBucket`", "`arn:<partition>:s3:::<s3_bucket_name>`", "always"],
      [
        "`ReadWriteTrainingData`",
        "`s3:GetObject`, `s3:PutObject`",
        "`arn:<partition>:s3:::<s3_bucket_name>/training/*`",
        "always",
      ],
      [
        "`UseDataKeyThroughServices`",
        "`kms:Decrypt`, `kms:GenerateDataKey`",
        "`<kms_key_arn>`",
        "`kms:ViaService` StringEquals `s3.<region>.<dns_suffix>` or `secretsmanager.<region>.<dns_suffix>`",
      ],
    ]);
  });

  test("reads how the task's end is handled: a non-zero exit and a timeout are not retried, and the limit is 4 h", () => {
    // GIVEN
    const module = MODULE;

    // WHEN
    const rows = Object.fromEntries(tableUnder(renderDataPrepContainer(module), "Exit code and time limit"));

    // THEN
    expect(rows).toEqual({
      "exits 0": "deregisters the revision (`DeregisterTaskDefinition`), then starts the fine-tunes",
      "exits non-zero": "`RunDataPrep` fails with `States.TaskFailed`, not retried; the failure path follows",
      "runs longer than 4 h":
        "Step Functions stops the task; `RunDataPrep` fails with `States.Timeout`, not retried; the failure path follows",
      "cannot be started (RunTask fails)":
        "`ECS.AmazonECSException`, `AmazonECS.Unknown` are retried up to 6 times, then the failure path follows",
    });
  });

  test("follows the failure path to the event it sends, and names the errors the execution then ends with", () => {
    expect(renderDataPrepContainer(MODULE)).toContain(
      "sends a `finetune-failed` event (source `gata`, detail `batch_id`, `state`, `error`, `cause`, `state` being `RunDataPrep`) " +
        "to `<event_bus_name>`, and ends the execution `FAILED` (`Failed`) with `FinetuneWorkflow.TaskFailed` or " +
        "`FinetuneWorkflow.Timeout`, the original name leading the cause ([failure path](workflow.md#failure-path)).",
    );
  });

  test("takes the time limit and the retries from the definition", () => {
    // GIVEN a data-prep timeout of 6 hours, and a retrier that takes every error
    const module = withDefinition((definition) => {
      definition.States.RunDataPrep.TimeoutSeconds = 21600;
      definition.States.RunDataPrep.Retry.push({ ErrorEquals: ["States.ALL"], MaxAttempts: 2 });
    });

    // WHEN
    const page = renderDataPrepContainer(module);

    // THEN
    expect(page).toContain(
      "| runs longer than 6 h | Step Functions stops the task; `RunDataPrep` fails with `States.Timeout`, retried up to 2 times;",
    );
    expect(page).toContain("| exits non-zero | `RunDataPrep` fails with `States.TaskFailed`, retried up to 2 times;");
    expect(page).toContain("6 h is `RunDataPrep`'s `TimeoutSeconds` (21600).");
  });

  test("a retrier of States.TaskFailed takes a non-zero exit but not a timeout", () => {
    // GIVEN
    const module = withDefinition((definition) =>
      definition.States.RunDataPrep.Retry.push({ ErrorEquals: ["States.TaskFailed"], MaxAttempts: 1 }),
    );

    // WHEN
    const rows = Object.fromEntries(tableUnder(renderDataPrepContainer(module), "Exit code and time limit"));

    // THEN
    expect(rows["exits non-zero"]).toContain("retried once");
    expect(rows["runs longer than 4 h"]).toContain("not retried");
  });

  test.each<[string, (definition: any) => void, string]>([
    [
      "a second container",
      (d) => d.States.RegisterTaskDefinition.Arguments.ContainerDefinitions.push(container(d)),
      "RegisterTaskDefinition must register exactly one container.",
    ],
    [
      "an environment value computed in the workflow",
      (d) => (container(d).Environment[0].Value = "{% $batchId %}"),
      "an environment value is neither an input nor fixed: {% $batchId %}.",
    ],
    [
      "a workflow variable the page has no name for",
      (d) => (container(d).Command = ["{% $states.input.BatchID %}"]),
      "cannot read the JSONata of a Command part: {% $states.input.BatchID %}.",
    ],
    [
      "a check for another key than the low-volume train set",
      (d) => (d.States.FineTune.Branches[1].States.FindLowVolumeData.Arguments.Prefix = "{% 'training/' & $batchId %}"),
      "FindLowVolumeData looks for training/<BatchID>, not the low-volume train set.",
    ],
    [
      "a check in another bucket than TARGET_BUCKET",
      (d) => (d.States.FineTune.Branches[1].States.FindLowVolumeData.Arguments.Bucket = "other"),
      "no environment variable holds the bucket FindLowVolumeData lists.",
    ],
    [
      "a task whose description is passed on",
      (d) => delete d.States.RunDataPrep.Output,
      "RunDataPrep passes the task's description on.",
    ],
    [
      "a Terraform expression it cannot show",
      (d) => (d.States.RunDataPrep.Arguments.Cluster = "${element(var.clusters, 0)}"),
      'cannot show the Terraform expression "element(var.clusters, 0)".',
    ],
  ])("refuses to document %s", (_, edit, message) => {
    expect(() => renderDataPrepContainer(withDefinition(edit))).toThrow(
      `Cannot document the data-prep container: ${message}`,
    );
  });

  test("refuses to document a task role with more than one policy, or egress other than HTTPS", () => {
    // GIVEN
    const twoPolicies = structuredClone(MODULE) as any;
    twoPolicies.resource.aws_iam_role_policy_attachment.extra = {
      ...twoPolicies.resource.aws_iam_role_policy_attachment.data_prep_task,
    };
    const ssh = structuredClone(MODULE) as any;
    ssh.resource.aws_vpc_security_group_egress_rule.egress_https_all.from_port = 22;

    // THEN
    expect(() => renderDataPrepContainer(twoPolicies)).toThrow(
      "role data_prep_task has 2 policy attachments, not one.",
    );
    expect(() => renderDataPrepContainer(ssh)).toThrow("the task's egress is not HTTPS only: tcp/443-443, tcp/22-443.");
  });
});

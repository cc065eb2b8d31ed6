import * as fs from "fs";
import { extractBlock } from "../../../tools/docs/readme-blocks";
import {
  renderTerraformDocs,
  type TerraformJsonModule,
  type TerraformJsonVariable,
} from "../../../tools/docs/terraform-docs";
import { CONTRACT_README } from "../../support/contract/contract";

const AWS_REQUIREMENTS = {
  required_version: ">= 1.11.0, < 2.0.0",
  required_providers: { aws: { source: "hashicorp/aws", version: ">= 6.0, < 7.0" } },
};

const REQUIREMENTS_AND_PROVIDERS = [
  "## Requirements",
  "",
  "| Name | Version |",
  "|------|---------|",
  '| <a name="requirement_terraform"></a> [terraform](#requirement\\_terraform) | >= 1.11.0, < 2.0.0 |',
  '| <a name="requirement_aws"></a> [aws](#requirement\\_aws) | >= 6.0, < 7.0 |',
  "",
  "## Providers",
  "",
  "| Name | Version |",
  "|------|---------|",
  '| <a name="provider_aws"></a> [aws](#provider\\_aws) | >= 6.0, < 7.0 |',
];

const INPUTS_HEADER = [
  "## Inputs",
  "",
  "| Name | Description | Type | Default | Required |",
  "|------|-------------|------|---------|:--------:|",
];

/** Splits the rendered docs into its `## ` sections, keyed by title, without trailing blank lines. */
function sections(markdown: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const chunk of markdown.split(/\n(?=## )/)) {
    const title = /^## (.*)$/m.exec(chunk)?.[1];
    if (title !== undefined) found[title] = chunk.trimEnd();
  }
  return found;
}

function inputRows(variables: Record<string, TerraformJsonVariable>): string[] {
  const inputs = sections(renderTerraformDocs({ variable: variables })).Inputs;
  return inputs.split("\n").slice(INPUTS_HEADER.length);
}

describe("renderTerraformDocs", () => {
  test("renders every section of a small module in terraform-docs' layout", () => {
    // GIVEN
    const module: TerraformJsonModule = {
      terraform: AWS_REQUIREMENTS,
      resource: { aws_iam_role: { sfn: {} } },
      data: { aws_region: { current: {} } },
      variable: { tags: { description: "Tags to apply", type: "map(string)", default: {} } },
      output: { role_name: { description: "Name of the role", value: "${aws_iam_role.sfn.name}" } },
    };

    // WHEN
    const markdown = renderTerraformDocs(module);

    // THEN
    expect(markdown).toBe(
      [
        "",
        ...REQUIREMENTS_AND_PROVIDERS,
        "",
        "## Modules",
        "",
        "No modules.",
        "",
        "## Resources",
        "",
        "| Name | Type |",
        "|------|------|",
        "| [aws_iam_role.sfn](https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/iam_role) | resource |",
        "| [aws_region.current](https://registry.terraform.io/providers/hashicorp/aws/latest/docs/data-sources/region) | data source |",
        "",
        ...INPUTS_HEADER,
        '| <a name="input_tags"></a> [tags](#input\\_tags) | Tags to apply | `map(string)` | `{}` | no |',
        "",
        "## Outputs",
        "",
        "| Name | Description |",
        "|------|-------------|",
        '| <a name="output_role_name"></a> [role\\_name](#output\\_role\\_name) | Name of the role |',
        "",
      ].join("\n"),
    );
  });

  test("says so in words when a module has nothing to list", () => {
    // GIVEN
    const module: TerraformJsonModule = {};

    // WHEN
    const markdown = renderTerraformDocs(module);

    // THEN
    expect(markdown).toBe(
      [
        "",
        "## Requirements",
        "",
        "No requirements.",
        "",
        "## Providers",
        "",
        "No providers.",
        "",
        "## Modules",
        "",
        "No modules.",
        "",
        "## Resources",
        "",
        "No resources.",
        "",
        "## Inputs",
        "",
        "No inputs.",
        "",
        "## Outputs",
        "",
        "No outputs.",
        "",
      ].join("\n"),
    );
  });

  test("marks a variable with a null default optional and one without a default required", () => {
    // GIVEN
    const variables = {
      boundary: { description: "Boundary", type: "string", default: null },
      cluster: { description: "Cluster", type: "string" },
    };

    // WHEN
    const rows = inputRows(variables);

    // THEN
    expect(rows).toEqual([
      '| <a name="input_boundary"></a> [boundary](#input\\_boundary) | Boundary | `string` | `null` | no |',
      '| <a name="input_cluster"></a> [cluster](#input\\_cluster) | Cluster | `string` | n/a | yes |',
    ]);
  });

  test("renders defaults as JSON, multi-line ones as <pre> with keys sorted", () => {
    // GIVEN
    const variables = {
      a_name: { type: "string", default: "gata" },
      b_empty: { type: "string", default: "" },
      c_list: { type: "list(string)", default: [] },
      d_count: { type: "number", default: 3 },
      e_labels: { type: "map(string)", default: { z: "1", a: "x|y" } },
    };

    // WHEN
    const rows = inputRows(variables);

    // THEN
    expect(rows).toEqual([
      '| <a name="input_a_name"></a> [a\\_name](#input\\_a\\_name) | n/a | `string` | `"gata"` | no |',
      '| <a name="input_b_empty"></a> [b\\_empty](#input\\_b\\_empty) | n/a | `string` | `""` | no |',
      '| <a name="input_c_list"></a> [c\\_list](#input\\_c\\_list) | n/a | `list(string)` | `[]` | no |',
      '| <a name="input_d_count"></a> [d\\_count](#input\\_d\\_count) | n/a | `number` | `3` | no |',
      '| <a name="input_e_labels"></a> [e\\_labels](#input\\_e\\_labels) | n/a | `map(string)` | <pre>{<br>  "a": "x\\|y",<br>  "z": "1"<br>}</pre> | no |',
    ]);
  });

  test("shows a variable without a type as `any`", () => {
    // GIVEN
    const variables = { anything: { description: "Whatever" } };

    // WHEN
    const rows = inputRows(variables);

    // THEN
    expect(rows).toEqual([
      '| <a name="input_anything"></a> [anything](#input\\_anything) | Whatever | `any` | n/a | yes |',
    ]);
  });

  test("escapes underscores and asterisks in descriptions but not inside code spans", () => {
    // GIVEN
    const variables = {
      groups: {
        description: "Map of groups - `vpce => security_group_id`, keyed by *module_name*",
        type: "map(string)",
      },
    };

    // WHEN
    const rows = inputRows(variables);

    // THEN
    expect(rows).toEqual([
      '| <a name="input_groups"></a> [groups](#input\\_groups) | Map of groups - `vpce => security_group_id`, keyed by \\*module\\_name\\* | `map(string)` | n/a | yes |',
    ]);
  });

  test("keeps a description with pipes and newlines inside its table cell", () => {
    // GIVEN
    const variables = { mode: { description: "  One of a | b.\nSecond line\r\nThird line\n", type: "string" } };

    // WHEN
    const rows = inputRows(variables);

    // THEN
    expect(rows).toEqual([
      '| <a name="input_mode"></a> [mode](#input\\_mode) | One of a \\| b.<br>Second line<br>Third line | `string` | n/a | yes |',
    ]);
  });

  test("sorts inputs, outputs and resources by byte order, `.` before `_`", () => {
    // GIVEN
    const module: TerraformJsonModule = {
      resource: { aws_iam_role_policy_attachment: { a: {} }, aws_iam_role: { z: {}, b: {} } },
      variable: { b_x: {}, a: {}, b: {}, B: {} },
      output: { zeta: { value: 1 }, alpha: { value: 2 } },
    };

    // WHEN
    const found = sections(renderTerraformDocs(module));

    // THEN
    expect(found.Resources.split("\n").slice(4)).toEqual([
      "| [aws_iam_role.b](https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/iam_role) | resource |",
      "| [aws_iam_role.z](https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/iam_role) | resource |",
      "| [aws_iam_role_policy_attachment.a](https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/iam_role_policy_attachment) | resource |",
    ]);
    expect(
      found.Inputs.split("\n")
        .slice(4)
        .map((row) => /name="input_(\w+)"/.exec(row)?.[1]),
    ).toEqual(["B", "a", "b", "b_x"]);
    expect(
      found.Outputs.split("\n")
        .slice(4)
        .map((row) => /name="output_(\w+)"/.exec(row)?.[1]),
    ).toEqual(["alpha", "zeta"]);
  });

  test("lists managed resources before data sources, linking each to its registry page", () => {
    // GIVEN
    const module: TerraformJsonModule = {
      data: { aws_caller_identity: { current: {} } },
      resource: { aws_sfn_state_machine: { finetune: {} } },
    };

    // WHEN
    const resources = sections(renderTerraformDocs(module)).Resources;

    // THEN
    expect(resources).toBe(
      [
        "## Resources",
        "",
        "| Name | Type |",
        "|------|------|",
        "| [aws_sfn_state_machine.finetune](https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/sfn_state_machine) | resource |",
        "| [aws_caller_identity.current](https://registry.terraform.io/providers/hashicorp/aws/latest/docs/data-sources/caller_identity) | data source |",
      ].join("\n"),
    );
  });

  test("takes the registry namespace from the provider source, and an exact pin as the docs version", () => {
    // GIVEN
    const module: TerraformJsonModule = {
      terraform: {
        required_providers: {
          aws: { source: "registry.terraform.io/hashicorp/aws", version: ">= 6.0" },
          acme: { source: "vancluever/acme", version: "2.26.0" },
          random: { source: "random" },
        },
      },
      resource: {
        acme_certificate: { this: {} },
        random_id: { suffix: {} },
        aws_iam_role: { west: { provider: "aws.west" } },
      },
    };

    // WHEN
    const found = sections(renderTerraformDocs(module));

    // THEN
    expect(found.Resources.split("\n").slice(4)).toEqual([
      "| [acme_certificate.this](https://registry.terraform.io/providers/vancluever/acme/2.26.0/docs/resources/certificate) | resource |",
      "| [aws_iam_role.west](https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/iam_role) | resource |",
      "| [random_id.suffix](https://registry.terraform.io/providers/hashicorp/random/latest/docs/resources/id) | resource |",
    ]);
    expect(found.Providers.split("\n").slice(4)).toEqual([
      '| <a name="provider_acme"></a> [acme](#provider\\_acme) | 2.26.0 |',
      '| <a name="provider_aws"></a> [aws](#provider\\_aws) | >= 6.0 |',
      '| <a name="provider_random"></a> [random](#provider\\_random) | n/a |',
    ]);
  });

  test.each([
    [undefined, "latest"],
    ["2.26.0", "2.26.0"],
    ["= 2.26.0", "2.26.0"],
    [" 2.26.0 ", "2.26.0"],
    ["10.20.30", "10.20.30"],
    ["2.26.0-beta1", "2.26.0-beta1"],
    ["~> 2.26.0", "latest"],
    ["2.26.0, < 3.0.0", "latest"],
    [">= 2.26", "latest"],
  ])("the provider version %p links the docs of version %s", (version, docs) => {
    // GIVEN
    const module: TerraformJsonModule = {
      terraform: { required_providers: { acme: { source: "vancluever/acme", version } } },
      resource: { acme_certificate: { this: {} } },
    };
    // WHEN
    const found = sections(renderTerraformDocs(module));
    // THEN
    expect(found.Resources.split("\n").slice(4)).toEqual([
      `| [acme_certificate.this](https://registry.terraform.io/providers/vancluever/acme/${docs}/docs/resources/certificate) | resource |`,
    ]);
  });

  test("a type named after its provider alone, such as the http data source, belongs to that provider", () => {
    const found = sections(renderTerraformDocs({ data: { http: { example: {} } } }));
    expect(found.Resources.split("\n").slice(4)).toEqual([
      "| [http.example](https://registry.terraform.io/providers/hashicorp/http/latest/docs/data-sources/http) | data source |",
    ]);
  });

  test("lists module calls with their source and version", () => {
    // GIVEN
    const module: TerraformJsonModule = {
      module: { vpc_a: { source: "terraform-aws-modules/vpc/aws", version: "6.0.0" }, local_b: { source: "./b" } },
    };

    // WHEN
    const modules = sections(renderTerraformDocs(module)).Modules;

    // THEN
    expect(modules).toBe(
      [
        "## Modules",
        "",
        "| Name | Source | Version |",
        "|------|--------|---------|",
        '| <a name="module_local_b"></a> [local\\_b](#module\\_local\\_b) | ./b | n/a |',
        '| <a name="module_vpc_a"></a> [vpc\\_a](#module\\_vpc\\_a) | terraform-aws-modules/vpc/aws | 6.0.0 |',
      ].join("\n"),
    );
  });

  test('ignores cdktf\'s "//" metadata keys', () => {
    // GIVEN
    const plain: TerraformJsonModule = {
      terraform: AWS_REQUIREMENTS,
      resource: { aws_iam_role: { sfn: {} } },
      data: { aws_region: { current: {} } },
    };
    const withMetadata = {
      "//": { metadata: { backend: "local", stackName: "finetune-workflow", version: "0.21.0" } },
      terraform: { ...AWS_REQUIREMENTS, "//": { note: "x" } },
      resource: {
        "//": { note: {} },
        aws_iam_role: { sfn: { "//": { metadata: { path: "m/sfn", uniqueId: "sfn" } } } },
      },
      data: { aws_region: { current: { "//": { metadata: { path: "m/current", uniqueId: "current" } } } } },
      variable: { "//": {} },
      output: { "//": { value: null } },
    };

    // WHEN
    const markdown = renderTerraformDocs(withMetadata);

    // THEN
    expect(markdown).toBe(renderTerraformDocs(plain));
  });

  test("reproduces the contract README's TF_DOCS block from the equivalent module interface", () => {
    // GIVEN
    const module = contractModule();
    const contract = extractBlock(fs.readFileSync(CONTRACT_README, "utf8"), "TF_DOCS");

    // WHEN
    const markdown = renderTerraformDocs(module);

    // THEN
    expect(markdown).toBe(contract);
  });
});

/** Marks a variable without a default, so the table below reads like the HCL it mirrors. */
const REQUIRED = Symbol("required");

/**
 * The interface of the HCL module in `contract/`, as data. Entries are deliberately out of
 * order, to check the renderer's sorting too.
 */
function contractModule(): TerraformJsonModule {
  const resources: Record<string, string[]> = {
    aws_sfn_state_machine: ["finetune"],
    aws_cloudwatch_log_group: ["sfn", "ecs_data_prep"],
    aws_iam_policy: ["sfn", "data_prep_exec", "data_prep_task"],
    aws_iam_role: ["sfn", "data_prep_exec", "data_prep_task"],
    aws_iam_role_policy_attachment: ["sfn", "data_prep_exec", "data_prep_task"],
    aws_security_group: ["this"],
    aws_vpc_security_group_egress_rule: ["egress_https_s3", "egress_https", "egress_https_all"],
  };
  const dataSources: Record<string, string[]> = {
    aws_subnet: ["this"],
    aws_caller_identity: ["current"],
    aws_ec2_managed_prefix_list: ["s3"],
    aws_iam_policy_document: [
      "sfn_assume",
      "sfn",
      "ecs_task_assume",
      "ecs_exec_assume",
      "data_prep_task",
      "data_prep_exec",
    ],
    aws_partition: ["current"],
    aws_region: ["current"],
  };
  const variables: [string, string, string, unknown][] = [
    [
      "vpc_endpoint_security_groups",
      "map(string)",
      "Map of VPC endpoint security groups - `vpce => security_group_id`",
      REQUIRED,
    ],
    [
      "application_name",
      "string",
      "Name for the application. Used to prefix resources provisioned by this module.",
      "gata",
    ],
    ["tags", "map(string)", "Tags to apply to all resources", {}],
    ["db_cluster_arn", "string", "ARN of the existing RDS Aurora cluster", REQUIRED],
    ["db_secret_arn", "string", "ARN of the existing RDS Aurora secret", REQUIRED],
    [
      "ecr_repo_arns",
      "map(string)",
      "ARNs of the ECR repositories for the docker images. Format: { module_name => repo_arn }",
      REQUIRED,
    ],
    [
      "ecr_repo_urls",
      "map(string)",
      "URLs of the ECR repositories for the docker images. Format: { module_name => repo_url }",
      REQUIRED,
    ],
    ["ecs_cluster_arn", "string", "ARN of the existing ECS cluster", REQUIRED],
    ["event_bus_name", "string", "ARN of the EventBridge event bus to use for notifications", REQUIRED],
    ["kms_key_arn", "string", "ARN of the KMS key to use for encryption", REQUIRED],
    [
      "low_volume_fallback_label",
      "number",
      "Label to use when there is insufficient low volume ticket data to train a model.",
      REQUIRED,
    ],
    ["role_namespace", "string", "Namespace/prefix for IAMs roles", ""],
    ["role_permissions_boundary", "string", "Permissions boundary to apply to IAM roles", null],
    ["s3_bucket_name", "string", "Name of the S3 bucket to use for data storage", REQUIRED],
    [
      "sfn_arns",
      "map(string)",
      "ARNs of the Step Functions state machines for finetuning individual models. Format: { model_name => sfn_arn }",
      REQUIRED,
    ],
    ["ssm_image_path", "string", "The base SSM path for image versions parameters.", REQUIRED],
    ["subnet_ids", "list(string)", "Subnet IDs for the ECR task", REQUIRED],
  ];
  const outputs: [string, string, string][] = [
    ["security_group", "ID of the security group used by the ECS task", "${aws_security_group.this.id}"],
    [
      "ecs_role_exec_name",
      "Name of the IAM execution role for data prep ECS task",
      "${aws_iam_role.data_prep_exec.name}",
    ],
    ["ecs_role_task_name", "Name of the IAM task role for data prep ECS task", "${aws_iam_role.data_prep_task.name}"],
  ];

  const blocks = (table: Record<string, string[]>) =>
    Object.fromEntries(
      Object.entries(table).map(([type, names]) => [type, Object.fromEntries(names.map((name) => [name, {}]))]),
    );

  return {
    terraform: AWS_REQUIREMENTS,
    resource: blocks(resources),
    data: blocks(dataSources),
    variable: Object.fromEntries(
      variables.map(([name, type, description, byDefault]) => [
        name,
        byDefault === REQUIRED ? { description, type } : { description, type, default: byDefault },
      ]),
    ),
    output: Object.fromEntries(outputs.map(([name, description, value]) => [name, { description, value }])),
  };
}

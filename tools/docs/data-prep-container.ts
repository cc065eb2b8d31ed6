/**
 * The data-prep container's contract (docs/data-prep-container.md), read from the synthesized
 * module: the task definition the state machine registers, how it runs and awaits the task, the
 * key it looks for afterwards, and the policy of the role the task runs with. The page is what
 * deploys, so it cannot drift from it. A definition this renderer cannot read exactly throws
 * instead of documenting a guess.
 *
 * Pure: reads plain JSON, loads no cdktf.
 */
import { INTERFACE_ENDPOINTS, S3_ENDPOINT_KEY } from "../../src/naming/endpoints";
import type { FinetuneWorkflowProps } from "../../src/interface/props";
import { GENERAL_PREFIX, LOW_VOLUME_PREFIX, TEST_SET_KEY, TRAIN_SET_KEY } from "../../src/naming/s3-layout";
import type { Branch, Catcher, Retrier, State, StateMachineDefinition, TaskState } from "../../src/workflow/asl";
import { DATA_PREP_VERSION_PARAMETER } from "../../src/workflow/configuration";
import { reportedError } from "../../src/workflow/failure";
import { formatSeconds } from "./diagram";
import type { TerraformJsonBlockBody, TerraformJsonModule } from "./terraform-docs";

/** The synthesized module, with the `locals` the renderer resolves references through. */
export interface SynthesizedModule extends TerraformJsonModule {
  readonly locals?: Readonly<Record<string, unknown>>;
}

/** The construct prop that sets RunDataPrep's timeout; typed so that a rename fails to compile. */
const TIMEOUT_PROP: keyof FinetuneWorkflowProps = "dataPrepTimeout";

/** What the page calls the workflow variables the container's settings are built from. */
const WORKFLOW_VARIABLES: Readonly<Record<string, string>> = {
  batchId: "<BatchID>",
  dataPrepVersion: `<${DATA_PREP_VERSION_PARAMETER}>`,
};

const AWS_DOCS = "https://docs.aws.amazon.com";
const LINKS = {
  sync: `${AWS_DOCS}/step-functions/latest/dg/connect-to-resource.html#connect-sync`,
  ecsIntegration: `${AWS_DOCS}/step-functions/latest/dg/connect-ecs.html`,
  command: `${AWS_DOCS}/AmazonECS/latest/APIReference/API_ContainerDefinition.html`,
  taskRole: `${AWS_DOCS}/AmazonECS/latest/developerguide/task-iam-roles.html`,
  executionRole: `${AWS_DOCS}/AmazonECS/latest/developerguide/task_execution_IAM_role.html`,
  logStreams: `${AWS_DOCS}/prescriptive-guidance/latest/implementing-logging-monitoring-cloudwatch/ec2-fargate-logs.html`,
  exitCode: "https://github.com/aws/copilot-cli/issues/3160",
};

const code = (value: string) => `\`${value}\``;
const codes = (values: readonly string[]) => values.map(code).join(", ");

function fail(message: string): never {
  throw new Error(`Cannot document the data-prep container: ${message}`);
}

function record(value: unknown, what: string): Readonly<Record<string, unknown>> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) fail(`${what} is not an object.`);
  return value as Record<string, unknown>;
}

function text(value: unknown, what: string): string {
  if (typeof value !== "string") fail(`${what} is not a string: ${JSON.stringify(value)}.`);
  return value;
}

function list(value: unknown, what: string): readonly unknown[] {
  if (!Array.isArray(value)) fail(`${what} is not a list.`);
  return value;
}

const texts = (value: unknown, what: string) => list(value, what).map((item) => text(item, what));

/** Reads the synthesized module's references the way the page shows them: `${var.x}` as `<x>`. */
class Reader {
  constructor(private readonly module: SynthesizedModule) {}

  block(kind: "resource" | "data", type: string, name: string): TerraformJsonBlockBody {
    return this.module[kind]?.[type]?.[name] ?? fail(`the module has no ${kind} ${type}.${name}.`);
  }

  /** The block a whole-string reference such as `${aws_iam_role.data_prep_task.arn}` points at. */
  referenced(value: unknown, type: string, attribute: string): { name: string; body: TerraformJsonBlockBody } {
    const pattern = new RegExp(`^\\$\\{${type}\\.([a-z0-9_]+)\\.${attribute}\\}$`);
    const name = pattern.exec(text(value, `a ${type} reference`))?.[1];
    if (name === undefined) fail(`expected a reference to a ${type}'s ${attribute}, got ${JSON.stringify(value)}.`);
    return { name, body: this.block("resource", type, name) };
  }

  /** A Terraform string with its interpolations shown as placeholders. */
  terraform(value: string): string {
    const shown = value.replace(/\$\{([^{}]*)\}/g, (_, expression: string) => this.expression(expression));
    if (shown.includes("${")) fail(`cannot show the Terraform template ${JSON.stringify(value)}.`);
    return shown;
  }

  private expression(expression: string): string {
    const variable = /^var\.(\w+(?:\.\w+|\["[^"]+"\])*)$/.exec(expression);
    if (variable) return `<${variable[1]}>`;
    const local = /^local\.(\w+)$/.exec(expression);
    if (local) {
      const value = this.module.locals?.[local[1]] ?? fail(`the module has no local ${local[1]}.`);
      // A local that only renames another reference reads as that reference; the others are named.
      return typeof value === "string" && /^\$\{[\w.]+(\["[^"]+"\])*\}$/.test(value)
        ? this.terraform(value)
        : `<${local[1]}>`;
    }
    const current = /^data\.aws_\w+\.current\.(\w+)$/.exec(expression);
    if (current) return `<${current[1]}>`;
    const named = /^(aws_\w+)\.(\w+)\.name$/.exec(expression);
    if (named) return this.terraform(text(this.block("resource", named[1], named[2]).name, `${expression}`));
    fail(`cannot show the Terraform expression ${JSON.stringify(expression)}.`);
  }

  /** A definition value: a JSONata concatenation of literals and workflow variables, or a Terraform string. */
  value(value: unknown, what: string): string {
    const raw = text(value, what);
    const expression = /^\{%\s*(.*?)\s*%\}$/.exec(raw)?.[1];
    if (expression === undefined) return this.terraform(raw);
    const term = /\s*(?:'((?:[^'\\]|\\.)*)'|\$(\w+))\s*(?:&|$)/y;
    let shown = "";
    while (term.lastIndex < expression.length) {
      const at = term.lastIndex;
      const match = term.exec(expression);
      if (match === null || term.lastIndex === at) fail(`cannot read the JSONata of ${what}: ${raw}.`);
      const [, literal, name] = match;
      if (literal !== undefined) shown += this.terraform(literal.replace(/\\(.)/g, "$1"));
      else shown += WORKFLOW_VARIABLES[name] ?? fail(`${what} uses the workflow variable $${name}.`);
    }
    return shown;
  }
}

interface TaskAt {
  readonly name: string;
  readonly state: TaskState;
}

/** Every state of the definition, Parallel branches included, by name. */
function allStates(branch: Branch): [string, State][] {
  return Object.entries(branch.States).flatMap(([name, state]): [string, State][] => [
    [name, state],
    ...(state.Type === "Parallel" ? state.Branches.flatMap(allStates) : []),
  ]);
}

function stateNamed(definition: StateMachineDefinition, name: string): State {
  return allStates(definition).find(([found]) => found === name)?.[1] ?? fail(`no state is named ${name}.`);
}

/** The one Task calling `integration` (e.g. `ecs:runTask.sync`). */
function taskCalling(definition: StateMachineDefinition, integration: string): TaskAt {
  const found = allStates(definition).filter(
    (entry): entry is [string, TaskState] => entry[1].Type === "Task" && entry[1].Resource.endsWith(`:${integration}`),
  );
  if (found.length !== 1) fail(`expected one Task calling ${integration}, found ${found.length}.`);
  const [[name, state]] = found;
  return { name, state };
}

function nextTask(definition: StateMachineDefinition, from: TaskAt, integration: string): TaskAt {
  const name = from.state.Next ?? fail(`${from.name} ends the workflow.`);
  const state = stateNamed(definition, name);
  if (state.Type !== "Task" || !state.Resource.endsWith(`:${integration}`))
    fail(`${from.name} is followed by ${name}, which does not call ${integration}.`);
  return { name, state };
}

/**
 * The retrier Step Functions would apply to `error`: the first whose ErrorEquals matches it.
 * States.ALL matches every error, States.TaskFailed every error but States.Timeout.
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html
 */
function retrierFor(retriers: readonly Retrier[], error: string): Retrier | undefined {
  const matches = (listed: string) =>
    listed === error || listed === "States.ALL" || (listed === "States.TaskFailed" && error !== "States.Timeout");
  return retriers.find((retrier) => retrier.ErrorEquals.some(matches));
}

const upTo = (attempts: number) => (attempts === 1 ? "once" : `up to ${attempts} times`);
const retried = (retrier: Retrier | undefined) =>
  retrier === undefined ? "not retried" : `retried ${upTo(retrier.MaxAttempts)}`;

/** The one catcher taking every error, where the failure path starts. */
function catchAll(task: TaskAt): Catcher {
  const catcher = task.state.Catch?.find((c) => c.ErrorEquals.includes("States.ALL"));
  return catcher ?? fail(`${task.name} has no States.ALL catcher.`);
}

/** The keys of a JSONata object constructor, in order: `{'batch_id': $batchId, ...}`. */
function objectKeys(expression: string): string[] {
  return [...expression.matchAll(/'(\w+)'\s*:/g)].map((match) => match[1]);
}

interface Container {
  readonly name: string;
  readonly image: string;
  readonly command: string[];
  readonly environment: { name: string; value: string }[];
  readonly logOptions: Readonly<Record<string, unknown>>;
  readonly hasSecrets: boolean;
}

function theContainer(register: TaskAt): Container {
  const args = record(register.state.Arguments, `${register.name}'s Arguments`);
  const definitions = list(args.ContainerDefinitions, "ContainerDefinitions");
  if (definitions.length !== 1) fail(`${register.name} must register exactly one container.`);
  const container = record(definitions[0], "the container definition");
  if (container.Essential !== true) fail("the container is not essential.");
  const log = record(container.LogConfiguration, "the container's LogConfiguration");
  if (log.LogDriver !== "awslogs") fail(`the container logs with ${JSON.stringify(log.LogDriver)}, not awslogs.`);
  return {
    name: text(container.Name, "the container's Name"),
    image: text(container.Image, "the container's Image"),
    command: texts(container.Command, "the container's Command"),
    environment: list(container.Environment, "the container's Environment").map((entry) => {
      const pair = record(entry, "an Environment entry");
      return { name: text(pair.Name, "an Environment name"), value: text(pair.Value, "an Environment value") };
    }),
    logOptions: record(log.Options, "the awslogs options"),
    hasSecrets: container.Secrets !== undefined,
  };
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [
    `| ${header.join(" | ")} |`,
    `|${header.map(() => "---").join("|")}|`,
    ...rows.map((r) => `| ${r.join(" | ")} |`),
  ];
}

/** The input a whole-string `${var.x}` value comes from, if it is one. */
function inputName(value: string): string | undefined {
  return /^\$\{var\.(\w+)\}$/.exec(value)?.[1];
}

const inputLink = (name: string) => `[\`${name}\`](../README.md#input_${name})`;

/** Where an environment value comes from: an input, with its type when not a string and its description, or nowhere. */
function sourceOf(module: SynthesizedModule, value: string): string {
  const name = inputName(value);
  if (name === undefined) {
    if (value.includes("${") || value.includes("{%"))
      fail(`an environment value is neither an input nor fixed: ${value}.`);
    return "fixed";
  }
  const variable = module.variable?.[name] ?? fail(`the module has no variable ${name}.`);
  const type = variable.type === "string" ? "" : `, a \`${variable.type}\` passed as its text`;
  return `input ${inputLink(name)}${type}: ${variable.description ?? ""}`;
}

/** The statements of the policy attached to `roleName`, through its policy attachment and document. */
function policyStatements(module: SynthesizedModule, reader: Reader, roleName: string): Record<string, unknown>[] {
  const roleReference = `\${aws_iam_role.${roleName}.name}`;
  const attachments = Object.entries(module.resource?.aws_iam_role_policy_attachment ?? {}).filter(
    ([name, body]) => name !== "//" && body.role === roleReference,
  );
  if (attachments.length !== 1) fail(`role ${roleName} has ${attachments.length} policy attachments, not one.`);
  const policy = reader.referenced(attachments[0][1].policy_arn, "aws_iam_policy", "arn");
  const documentName = /^\$\{data\.aws_iam_policy_document\.(\w+)\.json\}$/.exec(text(policy.body.policy, "a policy"));
  if (documentName === null) fail(`policy ${policy.name} is not an aws_iam_policy_document.`);
  const document = reader.block("data", "aws_iam_policy_document", documentName[1]);
  return list(document.statement, `policy document ${documentName[1]}'s statements`).map((statement) =>
    record(statement, "a policy statement"),
  );
}

function statementRow(reader: Reader, statement: Record<string, unknown>): string[] {
  if (statement.effect !== "Allow") fail(`statement ${String(statement.sid)} is not an Allow.`);
  const conditions = list(statement.condition ?? [], "conditions").map((entry) => {
    const condition = record(entry, "a condition");
    const values = texts(condition.values, "condition values").map((v) => code(reader.terraform(v)));
    return `${code(text(condition.variable, "a condition key"))} ${text(condition.test, "a condition test")} ${values.join(" or ")}`;
  });
  return [
    code(text(statement.sid, "a statement id")),
    codes(texts(statement.actions, "actions")),
    codes(texts(statement.resources, "resources").map((resource) => reader.terraform(resource))),
    conditions.join("; ") || "always",
  ];
}

/** The task the state machine registers and runs: its settings, roles, network and logs. */
function readTask(reader: Reader, definition: StateMachineDefinition) {
  const register = taskCalling(definition, "ecs:registerTaskDefinition");
  const run = taskCalling(definition, "ecs:runTask.sync");
  const taskDefinition = record(register.state.Arguments, `${register.name}'s Arguments`);
  const runArgs = record(run.state.Arguments, `${run.name}'s Arguments`);
  const network = record(record(runArgs.NetworkConfiguration, "the network").AwsvpcConfiguration, "awsvpc");
  const securityGroups = list(network.SecurityGroups, "SecurityGroups");
  if (securityGroups.length !== 1) fail("the task must run in exactly one security group.");
  const container = theContainer(register);
  return {
    register,
    run,
    taskDefinition,
    runArgs,
    network,
    container,
    taskRole: reader.referenced(taskDefinition.TaskRoleArn, "aws_iam_role", "arn"),
    executionRole: reader.referenced(taskDefinition.ExecutionRoleArn, "aws_iam_role", "arn"),
    securityGroup: reader.referenced(securityGroups[0], "aws_security_group", "id"),
    logGroup: reader.referenced(container.logOptions["awslogs-group"], "aws_cloudwatch_log_group", "name"),
  };
}

type Task = ReturnType<typeof readTask>;

/** The permissions boundary input of the task role, if it has one. */
function boundaryOf(task: Task): string | undefined {
  const boundary = task.taskRole.body.permissions_boundary;
  if (boundary === undefined) return undefined;
  return inputName(text(boundary, "the permissions boundary")) ?? fail("the task role's boundary is not an input.");
}

/** Checks that the task's security group lets HTTPS out and nothing in. */
function checkHttpsOnly(module: SynthesizedModule, task: Task): void {
  const group = `\${aws_security_group.${task.securityGroup.name}.id}`;
  const egress = Object.entries(module.resource?.aws_vpc_security_group_egress_rule ?? {}).filter(
    ([name, rule]) => name !== "//" && rule.security_group_id === group,
  );
  const ports = new Set(
    egress.map(([, rule]) => `${String(rule.ip_protocol)}/${String(rule.from_port)}-${String(rule.to_port)}`),
  );
  if (ports.size !== 1 || !ports.has("tcp/443-443"))
    fail(`the task's egress is not HTTPS only: ${[...ports].join(", ")}.`);
  if (
    module.resource?.aws_vpc_security_group_ingress_rule !== undefined ||
    task.securityGroup.body.ingress !== undefined
  )
    fail("the task's security group has ingress rules.");
}

/** What follows data prep: the low-volume check, and the two fine-tunes with what they are given. */
function readFineTunes(reader: Reader, definition: StateMachineDefinition, task: Task) {
  const check = taskCalling(definition, "s3:listObjectsV2");
  const args = record(check.state.Arguments, `${check.name}'s Arguments`);
  const checkedKey = reader.value(args.Prefix, `${check.name}'s Prefix`);
  if (checkedKey !== datasetKey(LOW_VOLUME_PREFIX, TRAIN_SET_KEY))
    fail(`${check.name} looks for ${checkedKey}, not the low-volume train set.`);
  if (args.MaxKeys !== 1) fail(`${check.name} lists more than one key.`);
  const bucket = task.container.environment.find((entry) => entry.value === args.Bucket);
  if (bucket === undefined) fail(`no environment variable holds the bucket ${check.name} lists.`);

  const payloads = new Set<string>();
  const startChild = (name: string) => {
    const state = stateNamed(definition, name);
    if (state.Type !== "Task" || !state.Resource.includes(":states:startExecution"))
      fail(`${name} does not start a child execution.`);
    const childArgs = record(state.Arguments, `${name}'s Arguments`);
    const payload = record(record(childArgs.Input, `${name}'s Input`).StatePayload, "StatePayload");
    payloads.add(Object.keys(payload).join(","));
    return reader.value(childArgs.StateMachineArn, `${name}'s StateMachineArn`);
  };
  const fineTune = Object.values(definition.States).find((state) => state.Type === "Parallel");
  if (fineTune?.Type !== "Parallel") fail("the workflow has no Parallel fine-tune state.");
  const generalBranch = fineTune.Branches.find((branch) => branch.StartAt !== check.name);
  const general = startChild(generalBranch?.StartAt ?? fail("the fine-tune has no unconditional branch."));
  const choice = stateNamed(definition, check.state.Next ?? fail("the low-volume check ends the workflow."));
  if (choice.Type !== "Choice" || choice.Choices.length !== 1)
    fail("the low-volume check is not followed by a single-rule Choice.");
  const lowVolume = startChild(choice.Choices[0].Next);
  if (payloads.size !== 1) fail("the two fine-tunes are given different payloads.");
  return { check, checkedKey, bucket: bucket.name, general, lowVolume, payload: [...payloads][0].split(",") };
}

/** How the task's end is read: the cleanup after it, the failure path, the timeout and the retries. */
function readEnd(reader: Reader, definition: StateMachineDefinition, run: TaskAt) {
  const afterSuccess = nextTask(definition, run, "ecs:deregisterTaskDefinition");
  const catcher = catchAll(run);
  if (catcher.Assign?.failedState !== "{% $states.context.State.Name %}")
    fail(`${run.name}'s catcher does not report its own state's name.`);
  const cleanup = stateNamed(definition, catcher.Next);
  if (cleanup.Type !== "Task" || !cleanup.Resource.endsWith(":ecs:deregisterTaskDefinition"))
    fail(`${run.name}'s catcher goes to ${catcher.Next}, which does not deregister the task definition.`);
  const notify = nextTask(definition, { name: catcher.Next, state: cleanup }, "events:putEvents");
  const entries = list(record(notify.state.Arguments, "the event").Entries, `${notify.name}'s Entries`);
  if (entries.length !== 1) fail(`${notify.name} must send exactly one event.`);
  const entry = record(entries[0], "the event entry");
  const failed = notify.state.Next ?? fail(`${notify.name} ends the workflow.`);
  if (stateNamed(definition, failed).Type !== "Fail") fail(`${notify.name} is not followed by a Fail state.`);
  if (run.state.Output !== "{% {} %}") fail(`${run.name} passes the task's description on.`);
  return {
    afterSuccess: afterSuccess.name,
    cleanup: catcher.Next,
    failed,
    event: text(entry.DetailType, "DetailType"),
    source: text(entry.Source, "Source"),
    bus: reader.value(entry.EventBusName, "the event bus"),
    detail: objectKeys(text(entry.Detail, "the event detail")),
    timeout: run.state.TimeoutSeconds ?? fail(`${run.name} has no TimeoutSeconds.`),
    retriers: run.state.Retry ?? [],
  };
}

const datasetKey = (prefix: string, set: string) => `${prefix}${WORKFLOW_VARIABLES.batchId}/${set}`;

function startedSection(reader: Reader, task: Task): string[] {
  const { register, run, taskDefinition, runArgs, network, container } = task;
  const cpu = Number(text(taskDefinition.Cpu, "Cpu"));
  const memory = Number(text(taskDefinition.Memory, "Memory"));
  const compatibilities = codes(texts(taskDefinition.RequiresCompatibilities, "RequiresCompatibilities"));
  const networkMode = code(text(taskDefinition.NetworkMode, "NetworkMode"));
  const publicIp = network.AssignPublicIp === "DISABLED" ? "no public IP" : "a public IP";
  const command = container.command.map((part) => reader.value(part, "a Command part"));
  return [
    "## How it is started",
    "",
    `The state machine registers a task definition for each batch (\`${register.name}\`) and runs it once (\`${run.name}\`):`,
    "",
    ...table(
      ["Setting", "Value"],
      [
        ["Task definition family", code(reader.terraform(text(taskDefinition.Family, "Family")))],
        ["Cluster", code(reader.value(runArgs.Cluster, "Cluster"))],
        ["Launch type", `${compatibilities}, network mode ${networkMode}, ${publicIp}`],
        [
          "Size",
          `${cpu / 1024} vCPU (${code(String(cpu))} CPU units), ${memory / 1024} GiB (${code(String(memory))} MiB)`,
        ],
        [
          "Container",
          `${code(reader.value(container.name, "the container's Name"))}, the task's only container, essential`,
        ],
        ["Image", code(reader.value(container.image, "the container's Image"))],
        ["Command", code(JSON.stringify(command))],
        [
          "Task role",
          `${roleName(reader, task.taskRole)}: the container's credentials (see [Permissions](#permissions))`,
        ],
        ["Execution role", `${roleName(reader, task.executionRole)}: ECS's, to pull the image and ship the logs`],
        ["Security group", code(reader.terraform(text(task.securityGroup.body.name, "the security group's name")))],
      ],
    ),
    "",
    `- ${code(WORKFLOW_VARIABLES.batchId)} is the batch id, 10 digits \`YYYYMMDDHH\` ([BatchID](workflow.md#batchid)).`,
    `- ${code(WORKFLOW_VARIABLES.dataPrepVersion)} is the value of the SSM parameter ` +
      `${code(`<ssm_image_path>${DATA_PREP_VERSION_PARAMETER}`)}, with its separator: \`:1.4.2\` or \`@sha256:…\`.`,
    `- \`Command\` replaces the image's \`CMD\` ([ContainerDefinition](${LINKS.command})): ` +
      "the image needs an `ENTRYPOINT`, which then gets the batch id as its only argument.",
    "- `<ns>` and `<role_prefix>` are explained in [Names](usage.md#names).",
  ];
}

const roleName = (reader: Reader, role: { name: string; body: TerraformJsonBlockBody }) =>
  code(reader.terraform(text(role.body.name, `role ${role.name}`)));

function environmentSection(module: SynthesizedModule, reader: Reader, task: Task): string[] {
  const { container } = task;
  const rows = container.environment.map(({ name, value }) => [
    code(name),
    code(reader.terraform(value)),
    sourceOf(module, value),
  ]);
  const secrets = container.hasSecrets
    ? ""
    : " The task definition sets no `secrets`: the container reads the database secret itself.";
  return [
    "## Environment",
    "",
    ...table(["Variable", "Value", "From"], rows),
    "",
    `ECS passes every value as a string.${secrets}`,
  ];
}

function logsSection(reader: Reader, task: Task): string[] {
  const { container, logGroup } = task;
  const stream = [
    reader.value(container.logOptions["awslogs-stream-prefix"], "the log stream prefix"),
    reader.value(container.name, "the container's Name"),
    "<task id>",
  ].join("/");
  const group = code(reader.terraform(text(logGroup.body.name, "the log group's name")));
  return [
    "## Logs",
    "",
    "The `awslogs` driver sends the container's output to CloudWatch Logs:",
    "",
    ...table(
      ["Setting", "Value"],
      [
        ["Log group", `${group}, kept ${String(logGroup.body.retention_in_days)} days`],
        ["Region", code(reader.value(container.logOptions["awslogs-region"], "the log region"))],
        ["Stream", `${code(stream)} ([stream names](${LINKS.logStreams}))`],
      ],
    ),
  ];
}

function datasetsSection(fineTunes: ReturnType<typeof readFineTunes>): string[] {
  const { check, checkedKey, bucket, general, lowVolume, payload } = fineTunes;
  return [
    "## Datasets to write",
    "",
    `In the bucket ${code(bucket)} names:`,
    "",
    ...table(
      ["Key", "When"],
      [
        [code(datasetKey(GENERAL_PREFIX, TRAIN_SET_KEY)), "Every batch."],
        [code(datasetKey(GENERAL_PREFIX, TEST_SET_KEY)), "Every batch."],
        [
          code(datasetKey(LOW_VOLUME_PREFIX, TRAIN_SET_KEY)),
          "Only when there is enough low-volume data to train a model.",
        ],
        [
          code(datasetKey(LOW_VOLUME_PREFIX, TEST_SET_KEY)),
          "The low-volume test set. The workflow never looks for it.",
        ],
      ],
    ),
    "",
    `- Once the container exits 0, the workflow starts the general fine-tune (${code(general)}) without checking for its datasets.`,
    `- It starts the low-volume fine-tune (${code(lowVolume)}) only if ${code(checkedKey)} exists, ` +
      `exactly: \`${check.name}\` lists the bucket with that key as prefix and compares the first key it gets.`,
    `- Each fine-tune is given ${codes(payload.map((field) => `StatePayload.${field}`))}, not the keys.`,
  ];
}

function permissionsSection(module: SynthesizedModule, reader: Reader, task: Task): string[] {
  const boundary = boundaryOf(task);
  return [
    "## Permissions",
    "",
    `The container's AWS credentials are the task role's, ${roleName(reader, task.taskRole)} ` +
      `([task IAM role](${LINKS.taskRole})). It may make these calls and no other:`,
    "",
    ...table(
      ["Statement", "Actions", "On", "Only when"],
      policyStatements(module, reader, task.taskRole.name).map((statement) => statementRow(reader, statement)),
    ),
    "",
    ...(boundary === undefined
      ? []
      : [`- The permissions boundary ${inputLink(boundary)}, when set, can only narrow this.`]),
    "- The key policy, the bucket policy and the secret's resource policy are the caller's, and can refuse what this allows.",
    `- The execution role's credentials are used by ECS, not given to the container ([execution role](${LINKS.executionRole})).`,
    `- The network allows HTTPS (TCP 443) out and nothing in: to the security groups of the interface endpoints ` +
      `${codes(INTERFACE_ENDPOINTS)} that \`vpc_endpoint_security_groups\` names, to S3 through the prefix list its ` +
      `${code(S3_ENDPOINT_KEY)} entry names (or the region's), and to anywhere when it is empty ([Security](security.md#the-network)).`,
  ];
}

function endSection(run: TaskAt, end: ReturnType<typeof readEnd>): string[] {
  const { retriers, timeout } = end;
  const startFailures = retriers
    .map((r) => `${codes(r.ErrorEquals)} ${r.ErrorEquals.length === 1 ? "is" : "are"} retried ${upTo(r.MaxAttempts)}`)
    .join("; ");
  const failurePath = "the failure path follows";
  return [
    "## Exit code and time limit",
    "",
    `\`${run.name}\` waits for the task to stop ([\`.sync\`](${LINKS.sync}), [ECS integration](${LINKS.ecsIntegration})). ` +
      "The workflow reads nothing else from the container:",
    "",
    ...table(
      ["The container", "The workflow"],
      [
        ["exits 0", `deregisters the revision (\`${end.afterSuccess}\`), then starts the fine-tunes`],
        [
          "exits non-zero",
          `\`${run.name}\` fails with \`States.TaskFailed\`, ${retried(retrierFor(retriers, "States.TaskFailed"))}; ${failurePath}`,
        ],
        [
          `runs longer than ${formatSeconds(timeout)}`,
          `Step Functions stops the task; \`${run.name}\` fails with \`States.Timeout\`, ` +
            `${retried(retrierFor(retriers, "States.Timeout"))}; ${failurePath}`,
        ],
        ["cannot be started (RunTask fails)", `${startFailures}, then ${failurePath}`],
      ],
    ),
    "",
    `- The failure path deregisters the revision (\`${end.cleanup}\`), sends a ${code(end.event)} event ` +
      `(source ${code(end.source)}, detail ${codes(end.detail)}, \`state\` being \`${run.name}\`) to ${code(end.bus)}, ` +
      `and ends the execution \`FAILED\` (\`${end.failed}\`) with ${code(reportedError("States.TaskFailed"))} or ` +
      `${code(reportedError("States.Timeout"))}, the original name leading the cause ([failure path](workflow.md#failure-path)).`,
    `- ${formatSeconds(timeout)} is \`${run.name}\`'s \`TimeoutSeconds\` (${timeout}). ` +
      `A CDKTF app sets it with the construct's \`${TIMEOUT_PROP}\` prop; the Terraform module keeps the default.`,
    `- A non-zero exit fails a \`.sync\` ECS task with \`States.TaskFailed\`, as AWS Copilot's maintainers measured ([aws/copilot-cli#3160](${LINKS.exitCode})). ` +
      "The AWS pages above describe the wait only; `npm run test:deploy` runs the case in moto's interpreter (`test/e2e/`).",
  ];
}

/** The DATA_PREP_CONTAINER block of docs/data-prep-container.md, with a newline on each side. */
export function renderDataPrepContainer(module: SynthesizedModule): string {
  const reader = new Reader(module);
  const machine = reader.block("resource", "aws_sfn_state_machine", "finetune");
  const definition: StateMachineDefinition = JSON.parse(text(machine.definition, "the state machine's definition"));
  const task = readTask(reader, definition);
  checkHttpsOnly(module, task);
  const sections = [
    startedSection(reader, task),
    environmentSection(module, reader, task),
    logsSection(reader, task),
    datasetsSection(readFineTunes(reader, definition, task)),
    permissionsSection(module, reader, task),
    endSection(task.run, readEnd(reader, definition, task.run)),
  ];
  return `\n${sections.map((lines) => lines.join("\n")).join("\n\n")}\n`;
}

/**
 * The workflow as Terraform deployed it to moto, run by moto's Step Functions interpreter, with
 * the test acting as the data-prep container. Test code only.
 */
import { CloudWatchLogsClient, FilterLogEventsCommand } from "@aws-sdk/client-cloudwatch-logs";
import {
  DeleteClusterCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  ECSClient,
  ListTasksCommand,
  StopTaskCommand,
  SubmitContainerStateChangeCommand,
} from "@aws-sdk/client-ecs";
import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import {
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  GetExecutionHistoryCommand,
  type HistoryEvent as SdkHistoryEvent,
  ListExecutionsCommand,
  SFNClient,
  StartExecutionCommand,
  UpdateStateMachineCommand,
} from "@aws-sdk/client-sfn";
import { DeleteParameterCommand, PutParameterCommand, SSMClient } from "@aws-sdk/client-ssm";
import type { StateMachineDefinition } from "../../../src/workflow/asl";
import { GENERAL_PREFIX, LOW_VOLUME_PREFIX, TEST_SET_KEY, TRAIN_SET_KEY } from "../../../src/naming/s3-layout";
import { clientConfig } from "../../deploy/support/aws";
import type { MotoServer } from "../../deploy/support/moto/launcher";
import { type HistoryEvent, readHistory, type ReadHistory } from "./history";

/** What the stack in test/e2e/stack outputs, and the names it gives what it creates. */
export interface Deployed {
  readonly stateMachineArn: string;
  readonly eventsLogGroup: string;
  readonly clusterName: string;
  readonly bucketName: string;
  readonly dataPrepVersionParameter: string;
  readonly children: { readonly general: string; readonly low_volume: string };
}

/** How the test, acting as the data-prep container, ends the task. */
export interface Container {
  readonly exitCode: number;
  /** Whether there was enough low-volume data to write its train set. */
  readonly writesLowVolume: boolean;
}

export interface Scenario {
  readonly input: Record<string, unknown>;
  /** Absent when the workflow is expected never to start the task. */
  readonly container?: Container;
}

export interface WorkflowEvent {
  readonly detailType: string;
  readonly detail: Record<string, unknown>;
}

export interface ChildRun {
  readonly machine: keyof Deployed["children"];
  readonly input: unknown;
}

export interface MotoRun extends ReadHistory {
  readonly executionArn: string;
  readonly startDate: Date;
  readonly status: string;
  readonly error?: string;
  readonly cause?: string;
  /** The events the bus delivered to the log group for this batch. */
  readonly events: readonly WorkflowEvent[];
  /** The child executions this one started. */
  readonly children: readonly ChildRun[];
  /** The status of the task definition revision this execution registered, if it registered one. */
  readonly revisionStatus?: string;
}

/** How long one execution may take here: seconds, on a loaded machine. */
const EXECUTION_LIMIT_MS = 60_000;
const POLL_MS = 200;
/** How long a failing child trains before it fails. */
const CHILD_TRAINING_SECONDS = 5;

export class DeployedWorkflow {
  private readonly sfn: SFNClient;
  private readonly ecs: ECSClient;
  private readonly s3: S3Client;
  private readonly logs: CloudWatchLogsClient;
  /** The log events read so far, by ID: each run reads only the ones it caused. */
  private readonly read = new Set<string>();
  private readonly ssm: SSMClient;

  constructor(
    private readonly moto: MotoServer,
    readonly deployed: Deployed,
  ) {
    const config = clientConfig(moto);
    this.sfn = new SFNClient(config);
    this.ecs = new ECSClient(config);
    this.s3 = new S3Client({ ...config, forcePathStyle: true });
    this.logs = new CloudWatchLogsClient(config);
    this.ssm = new SSMClient(config);
  }

  /**
   * moto moves an ECS task one status on with each DescribeTasks; held manually, a task stays
   * RUNNING until it is stopped, as a container that is still working would.
   * http://docs.getmoto.org/en/latest/docs/configuration/state_transition/index.html
   */
  async holdTasksUntilStopped(): Promise<void> {
    const response = await fetch(`${this.moto.endpoint}/moto-api/state-manager/set-transition`, {
      method: "POST",
      body: JSON.stringify({ model_name: "ecs::task", transition: { progression: "manual", times: 1_000_000_000 } }),
    });
    if (!response.ok) throw new Error(`moto refused the ECS transition: ${response.status} ${await response.text()}`);
  }

  /** The definition as Terraform resolved and deployed it. */
  async definition(): Promise<StateMachineDefinition> {
    const { definition } = await this.sfn.send(
      new DescribeStateMachineCommand({ stateMachineArn: this.deployed.stateMachineArn }),
    );
    return JSON.parse(definition!);
  }

  async run(scenario: Scenario): Promise<MotoRun> {
    const { executionArn } = await this.sfn.send(
      new StartExecutionCommand({
        stateMachineArn: this.deployed.stateMachineArn,
        input: JSON.stringify(scenario.input),
      }),
    );
    const deadline = Date.now() + EXECUTION_LIMIT_MS;
    let described = await this.sfn.send(new DescribeExecutionCommand({ executionArn }));
    while (described.status === "RUNNING") {
      if (Date.now() > deadline) {
        const entered = readHistory(await this.history(executionArn!)).statesEntered;
        throw new Error(
          `${executionArn} still runs after ${EXECUTION_LIMIT_MS / 1000} s, having entered ${entered.join(", ")}.\n` +
            `moto's log ends:\n${this.moto
              .log()
              .split("\n")
              .filter((l) => !l.includes("HTTP/1.1"))
              .join("\n")
              .slice(-6000)}`,
        );
      }
      if (scenario.container) await this.actAsContainer(scenario.container);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      described = await this.sfn.send(new DescribeExecutionCommand({ executionArn }));
    }
    const history = readHistory(await this.history(executionArn!));
    return {
      ...history,
      executionArn: executionArn!,
      startDate: described.startDate!,
      status: described.status!,
      error: described.error,
      cause: described.cause,
      events: await this.events(),
      children: await this.children(executionArn!),
      revisionStatus: await this.revisionStatus(history),
    };
  }

  /** A running data-prep task does its work, then its container exits as the scenario says. */
  private async actAsContainer(container: Container): Promise<void> {
    const cluster = this.deployed.clusterName;
    const { taskArns } = await this.ecs.send(new ListTasksCommand({ cluster }));
    if (!taskArns?.length) return;
    const { tasks } = await this.ecs.send(new DescribeTasksCommand({ cluster, tasks: taskArns }));
    for (const task of tasks ?? []) {
      if (task.lastStatus !== "RUNNING") continue;
      const [only] = task.containers!;
      // The container is named <ns>-data-prep-<BatchID> (docs/data-prep-container.md).
      const batchId = only.name!.split("-").pop()!;
      const keys = [`${GENERAL_PREFIX}${batchId}/${TRAIN_SET_KEY}`, `${GENERAL_PREFIX}${batchId}/${TEST_SET_KEY}`];
      if (container.writesLowVolume) keys.push(`${LOW_VOLUME_PREFIX}${batchId}/${TRAIN_SET_KEY}`);
      for (const Key of keys) {
        await this.s3.send(new PutObjectCommand({ Bucket: this.deployed.bucketName, Key, Body: '{"tickets": []}' }));
      }
      await this.ecs.send(
        new SubmitContainerStateChangeCommand({
          cluster,
          task: task.taskArn,
          containerName: only.name,
          exitCode: container.exitCode,
          status: "STOPPED",
        }),
      );
      await this.ecs.send(
        new StopTaskCommand({ cluster, task: task.taskArn, reason: "Essential container in task exited" }),
      );
    }
  }

  private async history(executionArn: string): Promise<HistoryEvent[]> {
    const events: SdkHistoryEvent[] = [];
    let nextToken: string | undefined;
    do {
      const page = await this.sfn.send(new GetExecutionHistoryCommand({ executionArn, nextToken }));
      events.push(...(page.events ?? []));
      nextToken = page.nextToken;
    } while (nextToken);
    return events as HistoryEvent[];
  }

  /** Every event in the log group that no earlier run read: the ones this run caused, in the order they were sent. */
  private async events(): Promise<WorkflowEvent[]> {
    const events: WorkflowEvent[] = [];
    let nextToken: string | undefined;
    do {
      const page = await this.logs.send(
        new FilterLogEventsCommand({ logGroupName: this.deployed.eventsLogGroup, nextToken }),
      );
      for (const { eventId, message } of page.events ?? []) {
        if (this.read.has(eventId!)) continue;
        this.read.add(eventId!);
        const body = JSON.parse(message!);
        events.push({ detailType: body["detail-type"], detail: body.detail });
      }
      nextToken = page.nextToken;
    } while (nextToken);
    return events;
  }

  private async children(parentArn: string): Promise<ChildRun[]> {
    const runs: ChildRun[] = [];
    for (const [machine, stateMachineArn] of Object.entries(this.deployed.children) as [
      ChildRun["machine"],
      string,
    ][]) {
      const { executions } = await this.sfn.send(new ListExecutionsCommand({ stateMachineArn }));
      for (const { executionArn } of executions ?? []) {
        const { input } = await this.sfn.send(new DescribeExecutionCommand({ executionArn }));
        const parsed = JSON.parse(input!);
        if (parsed.AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID === parentArn) runs.push({ machine, input: parsed });
      }
    }
    return runs;
  }

  private async revisionStatus(history: ReadHistory): Promise<string | undefined> {
    const [registered] = history.outcomes.get("RegisterTaskDefinition") ?? [];
    if (registered === undefined || !("result" in registered)) return undefined;
    const taskDefinition = (registered.result as { TaskDefinition: { TaskDefinitionArn: string } }).TaskDefinition
      .TaskDefinitionArn;
    const { taskDefinition: described } = await this.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition }));
    return described?.status;
  }

  /** Runs `during` without the SSM parameter that holds the data-prep image's version. */
  async withoutImageVersion<T>(during: () => Promise<T>): Promise<T> {
    const Name = this.deployed.dataPrepVersionParameter;
    await this.ssm.send(new DeleteParameterCommand({ Name }));
    try {
      return await during();
    } finally {
      await this.ssm.send(new PutParameterCommand({ Name, Value: ":1.4.2", Type: "String" }));
    }
  }

  /**
   * Runs `during` with the general child machine failing every execution, after training for a
   * few seconds, as a real one would: by then the other branch has long finished its quick
   * states, in moto as in the replay, so both see the same states entered.
   */
  async withFailingChild<T>(during: () => Promise<T>): Promise<T> {
    const stateMachineArn = this.deployed.children.general;
    const { definition } = await this.sfn.send(new DescribeStateMachineCommand({ stateMachineArn }));
    const failing = {
      StartAt: "Train",
      States: {
        Train: { Type: "Wait", Seconds: CHILD_TRAINING_SECONDS, Next: "Diverged" },
        Diverged: { Type: "Fail", Error: "ModelTrainingFailed", Cause: "loss diverged" },
      },
    };
    await this.sfn.send(new UpdateStateMachineCommand({ stateMachineArn, definition: JSON.stringify(failing) }));
    try {
      return await during();
    } finally {
      await this.sfn.send(new UpdateStateMachineCommand({ stateMachineArn, definition }));
    }
  }

  /** Deletes the ECS cluster, so that every RunTask is refused from then on. */
  async deleteCluster(): Promise<void> {
    await this.ecs.send(new DeleteClusterCommand({ cluster: this.deployed.clusterName }));
  }

  destroy(): void {
    for (const client of [this.sfn, this.ecs, this.s3, this.logs, this.ssm]) client.destroy();
  }
}

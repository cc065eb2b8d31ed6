import type { StateMachineDefinition } from "../../../src/workflow/asl";
import { buildWorkflowDefinition } from "../../../src/workflow/definition";
import { formatSeconds, integrationOf, renderErrorHandling, renderMermaid } from "../../../tools/docs/diagram";
import { SAMPLE_INPUT } from "../../support/workflow";

const definition = buildWorkflowDefinition(SAMPLE_INPUT);

describe("renderMermaid", () => {
  test("draws states by type, Next, Choice, Catch and End edges, and branches as subgraphs", () => {
    // GIVEN
    const machine: StateMachineDefinition = {
      Comment: "c",
      QueryLanguage: "JSONata",
      TimeoutSeconds: 3600,
      StartAt: "Pick",
      States: {
        Pick: {
          Type: "Choice",
          Choices: [{ Comment: "big (> 10)", Condition: "{% $states.input.n > 10 %}", Next: "Both" }],
          Default: "Oops",
        },
        Both: {
          Type: "Parallel",
          Branches: [
            {
              StartAt: "Call",
              States: {
                Call: { Type: "Task", Resource: "arn:aws:states:::aws-sdk:s3:listObjectsV2", Arguments: {}, End: true },
              },
            },
            { StartAt: "Skip", States: { Skip: { Type: "Succeed" } } },
          ],
          Catch: [{ ErrorEquals: ["States.ALL"], Next: "Oops" }],
          End: true,
        },
        Oops: { Type: "Fail", Error: "E", Cause: "C" },
      },
    };

    // WHEN
    const chart = renderMermaid(machine);

    // THEN
    expect(chart).toBe(
      [
        "flowchart TD",
        "  sfn_start((start)) --> Pick",
        '  Pick{"Pick"}',
        '  subgraph Both["Both (parallel)"]',
        "    direction LR",
        '    subgraph Both_1["branch 1"]',
        "      direction TB",
        '      Call["Call<br/>s3:listObjectsV2"]',
        "    end",
        '    subgraph Both_2["branch 2"]',
        "      direction TB",
        '      Skip(["Skip"])',
        "    end",
        "  end",
        '  Oops[["Oops"]]:::failure',
        "  sfn_end((succeeded))",
        "  Pick -->|big 10| Both",
        "  Pick -->|otherwise| Oops",
        "  Both --> sfn_end",
        "  Both -.->|States.ALL| Oops",
        "  classDef failure stroke:#c62828,stroke-width:2px",
      ].join("\n"),
    );
  });

  test("the workflow's chart has every top-level state, both branches and the failure path", () => {
    // WHEN
    const chart = renderMermaid(definition);

    // THEN
    for (const name of Object.keys(definition.States))
      expect(chart).toMatch(new RegExp(`^\\s+(subgraph )?${name}\\b`, "m"));
    expect(chart).toContain('subgraph FineTune_1["branch 1"]');
    expect(chart).toContain('subgraph FineTune_2["branch 2"]');
    expect(chart).toContain("FineTune -.->|States.ALL| NotifyFailure");
    expect(chart).toContain("RunDataPrep -.->|States.ALL| DeregisterAfterFailure");
    expect(chart).toContain("NotifyFailure --> Failed");
  });

  test("ids replace what Mermaid ids cannot hold; labels drop quotes and brackets, keeping words apart", () => {
    // GIVEN a state name with a space and a hyphen, a rule without a Comment, a catcher of two errors
    const machine: StateMachineDefinition = {
      Comment: "c",
      QueryLanguage: "JSONata",
      TimeoutSeconds: 60,
      StartAt: "Check it",
      States: {
        "Check it": {
          Type: "Choice",
          Choices: [
            { Condition: "{% $a %}", Next: "Load-data" },
            { Comment: "size(x)>0", Condition: "{% $b %}", Next: "Done" },
          ],
          Default: "Done",
        },
        "Load-data": {
          Type: "Task",
          Resource: "arn:aws:states:::aws-sdk:s3:getObject",
          Arguments: {},
          Catch: [{ ErrorEquals: ["S3.NoSuchKey", "States.Timeout"], Next: "Done" }],
          End: true,
        },
        Done: { Type: "Succeed" },
      },
    };

    // WHEN
    const chart = renderMermaid(machine);

    // THEN
    expect(chart).toBe(
      [
        "flowchart TD",
        "  sfn_start((start)) --> Check_it",
        '  Check_it{"Check it"}',
        '  Load_data["Load-data<br/>s3:getObject"]',
        '  Done(["Done"])',
        "  sfn_end((succeeded))",
        "  Check_it -->|rule 1| Load_data",
        "  Check_it -->|size x 0| Done",
        "  Check_it -->|otherwise| Done",
        "  Load_data --> sfn_end",
        "  Load_data -.->|S3.NoSuchKey, States.Timeout| Done",
        "  classDef failure stroke:#c62828,stroke-width:2px",
      ].join("\n"),
    );
  });

  test("integration names drop the partition, which may be a Terraform interpolation", () => {
    expect(
      integrationOf("arn:${data.aws_partition.current.partition}:states:::aws-sdk:ecs:registerTaskDefinition"),
    ).toBe("ecs:registerTaskDefinition");
    expect(integrationOf("arn:aws-cn:states:::ecs:runTask.sync")).toBe("ecs:runTask.sync");
  });

  test("only a leading aws-sdk: is dropped, and a resource that is no integration ARN is shown whole", () => {
    expect(integrationOf("arn:aws:states:::states:startExecution:aws-sdk:2")).toBe("states:startExecution:aws-sdk:2");
    expect(integrationOf("arn:aws:lambda:eu-west-1:111122223333:function:f")).toBe(
      "arn:aws:lambda:eu-west-1:111122223333:function:f",
    );
  });
});

describe("renderErrorHandling", () => {
  test("lists each Task's retried errors and where everything else goes", () => {
    const table = renderErrorHandling(definition).split("\n");
    expect(table[0]).toBe("| State | Calls | Timeout | Retries | Other errors go to |");
    expect(table.find((row) => row.startsWith("| RunDataPrep |"))).toBe(
      "| RunDataPrep | `ecs:runTask.sync` | 4 h | `ECS.AmazonECSException`, `AmazonECS.Unknown`: up to 6 times, after 2 s ×2 each time, at most 60 s, jitter FULL | `States.ALL` → DeregisterAfterFailure |",
    );
    expect(table.find((row) => row.startsWith("| FineTune |"))).toBe(
      "| FineTune | Parallel | n/a | nothing | `States.ALL` → NotifyFailure |",
    );
    expect(table.find((row) => row.startsWith("| FindLowVolumeData |"))).toMatch(/\| 60 s \| .* \| fails FineTune \|$/);
    expect(table.at(-1)).toBe(
      `The execution itself times out after ${definition.TimeoutSeconds / 3600} h (\`TimeoutSeconds\` ${definition.TimeoutSeconds}).`,
    );
  });

  test("joins several retriers and catchers; an uncaught error fails the execution, or the Parallel around it", () => {
    // GIVEN a Task with two retriers and two catchers, a Task with none, and a Parallel whose branch catches nothing
    const retrier = (error: string, attempts: number) => ({
      ErrorEquals: [error],
      IntervalSeconds: 1,
      MaxAttempts: attempts,
      BackoffRate: 2,
      MaxDelaySeconds: 8,
      JitterStrategy: "NONE" as const,
    });
    const machine: StateMachineDefinition = {
      Comment: "c",
      QueryLanguage: "JSONata",
      TimeoutSeconds: 7200,
      StartAt: "Both",
      States: {
        Both: {
          Type: "Task",
          Resource: "arn:aws:states:::aws-sdk:s3:getObject",
          Arguments: {},
          TimeoutSeconds: 30,
          Retry: [retrier("S3.S3Exception", 2), retrier("States.Timeout", 1)],
          Catch: [
            { ErrorEquals: ["S3.NoSuchKey", "S3.NoSuchBucket"], Next: "Bare" },
            { ErrorEquals: ["States.ALL"], Next: "Bare" },
          ],
          Next: "Bare",
        },
        Bare: { Type: "Task", Resource: "arn:aws:states:::events:putEvents", Arguments: {}, Next: "Par" },
        Par: {
          Type: "Parallel",
          Branches: [
            {
              StartAt: "Inner",
              States: { Inner: { Type: "Task", Resource: "arn:aws:states:::sns:publish", Arguments: {}, End: true } },
            },
          ],
          End: true,
        },
      },
    };

    // WHEN
    const table = renderErrorHandling(machine).split("\n");

    // THEN
    expect(table.slice(2)).toEqual([
      "| Both | `s3:getObject` | 30 s | `S3.S3Exception`: up to 2 times, after 1 s ×2 each time, at most 8 s, jitter NONE; " +
        "`States.Timeout`: up to 1 times, after 1 s ×2 each time, at most 8 s, jitter NONE | " +
        "`S3.NoSuchKey`, `S3.NoSuchBucket` → Bare; `States.ALL` → Bare |",
      "| Bare | `events:putEvents` | n/a | nothing | the execution fails |",
      "| Par | Parallel | n/a | nothing | the execution fails |",
      "| Inner | `sns:publish` | n/a | nothing | fails Par |",
      "",
      "The execution itself times out after 2 h (`TimeoutSeconds` 7200).",
    ]);
  });

  test.each([
    [60, "60 s"],
    [90, "90 s"],
    [120, "120 s"],
    [14400, "4 h"],
    [90000, "25 h"],
  ])("formatSeconds(%i) is %s", (seconds, text) => {
    expect(formatSeconds(seconds)).toBe(text);
  });
});

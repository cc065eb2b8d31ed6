import * as fs from "fs";
import * as path from "path";
import { extractBlock } from "../../src/docs/readme-blocks";
import type { StateMachineDefinition } from "../../src/workflow/asl";
import { buildWorkflowDefinition } from "../../src/workflow/definition";
import {
  formatSeconds,
  integrationOf,
  renderErrorHandling,
  renderMermaid,
  renderWorkflowBlock,
} from "../../src/workflow/diagram";
import { SAMPLE_INPUT } from "../support/workflow";

const README = path.resolve(__dirname, "../../README.md");
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

  test("integration names drop the partition, which may be a Terraform interpolation", () => {
    expect(
      integrationOf("arn:${data.aws_partition.current.partition}:states:::aws-sdk:ecs:registerTaskDefinition"),
    ).toBe("ecs:registerTaskDefinition");
    expect(integrationOf("arn:aws-cn:states:::ecs:runTask.sync")).toBe("ecs:runTask.sync");
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

describe("README workflow block", () => {
  test("is what `npm run docs` renders from the definition", () => {
    const block = extractBlock(fs.readFileSync(README, "utf8"), "WORKFLOW_DIAGRAM");
    try {
      expect(block).toBe(renderWorkflowBlock(definition));
    } catch (error) {
      if (error instanceof Error)
        error.message = `README.md's WORKFLOW_DIAGRAM block is stale: run \`npm run docs\`.\n\n${error.message}`;
      throw error;
    }
  });
});

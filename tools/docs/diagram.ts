/**
 * The workflow as pictures for the docs, drawn from the definition itself so the docs cannot
 * drift from it: a Mermaid flowchart and a table of each Task's retries and catchers. Pure
 * functions of the definition, deterministic, and indifferent to Terraform interpolations
 * (only state names, types, integration names and comments are shown).
 * @see https://mermaid.js.org/syntax/flowchart.html
 */
import type { Branch, ParallelState, State, StateMachineDefinition } from "../../src/workflow/asl";
import type { ErrorSource } from "../../src/workflow/errors";

const START_NODE = "sfn_start";
const END_NODE = "sfn_end";

/** A Mermaid node id: state names may hold characters Mermaid ids cannot. */
function id(stateName: string): string {
  return stateName.replace(/[^A-Za-z0-9_]/g, "_");
}

/** Text Mermaid shows as is: no quotes, pipes or brackets, which would end the label. */
function text(value: string): string {
  return value
    .replace(/["|[\]{}()<>]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** `arn:<partition>:states:::aws-sdk:ecs:registerTaskDefinition` → `ecs:registerTaskDefinition`. */
export function integrationOf(resource: string): string {
  const at = resource.indexOf(":::");
  return at === -1 ? resource : resource.slice(at + 3).replace(/^aws-sdk:/, "");
}

/** A state drawn as one node; a Parallel is a subgraph of its branches instead. */
function node(name: string, state: Exclude<State, ParallelState>): string {
  const label = text(name);
  switch (state.Type) {
    case "Task":
      return `${id(name)}["${label}<br/>${text(integrationOf(state.Resource))}"]`;
    case "Choice":
      return `${id(name)}{"${label}"}`;
    case "Pass":
      return `${id(name)}("${label}")`;
    case "Succeed":
      return `${id(name)}(["${label}"])`;
    case "Fail":
      return `${id(name)}[["${label}"]]:::failure`;
  }
}

function edges(name: string, state: State, topLevel: boolean): string[] {
  const from = id(name);
  const lines: string[] = [];
  if (state.Type === "Choice") {
    state.Choices.forEach((rule, index) =>
      lines.push(`${from} -->|${text(rule.Comment ?? `rule ${index + 1}`)}| ${id(rule.Next)}`),
    );
    lines.push(`${from} -->|otherwise| ${id(state.Default)}`);
  } else if (state.Type !== "Succeed" && state.Type !== "Fail") {
    if (state.Next !== undefined) lines.push(`${from} --> ${id(state.Next)}`);
    else if (topLevel) lines.push(`${from} --> ${END_NODE}`);
  }
  if (state.Type === "Task" || state.Type === "Parallel") {
    for (const catcher of state.Catch ?? []) {
      lines.push(`${from} -.->|${text(catcher.ErrorEquals.join(", "))}| ${id(catcher.Next)}`);
    }
  }
  return lines;
}

function drawBranch(branch: Branch, topLevel: boolean, indent: string): { nodes: string[]; edges: string[] } {
  const nodes: string[] = [];
  const links: string[] = [];
  for (const [name, state] of Object.entries(branch.States)) {
    if (state.Type === "Parallel") {
      nodes.push(`${indent}subgraph ${id(name)}["${text(name)} (parallel)"]`);
      nodes.push(`${indent}  direction LR`);
      state.Branches.forEach((child, index) => {
        const inner = drawBranch(child, false, `${indent}    `);
        nodes.push(`${indent}  subgraph ${id(name)}_${index + 1}["branch ${index + 1}"]`);
        nodes.push(`${indent}    direction TB`);
        nodes.push(...inner.nodes);
        nodes.push(`${indent}  end`);
        links.push(...inner.edges);
      });
      nodes.push(`${indent}end`);
    } else {
      nodes.push(`${indent}${node(name, state)}`);
    }
    links.push(...edges(name, state, topLevel).map((line) => `  ${line}`));
  }
  return { nodes, edges: links };
}

/** The definition as a Mermaid flowchart: every state, the Parallel branches, Next, Choice and Catch edges. */
export function renderMermaid(definition: StateMachineDefinition): string {
  const { nodes, edges: links } = drawBranch(definition, true, "  ");
  return [
    "flowchart TD",
    `  ${START_NODE}((start)) --> ${id(definition.StartAt)}`,
    ...nodes,
    `  ${END_NODE}((succeeded))`,
    ...links,
    "  classDef failure stroke:#c62828,stroke-width:2px",
  ].join("\n");
}

interface HandledState {
  readonly name: string;
  readonly state: Extract<State, { Type: "Task" | "Parallel" }>;
  /** The Parallel state whose branch holds it, if any. */
  readonly parallel?: string;
}

function handledStates(branch: Branch, parallel?: string): HandledState[] {
  return Object.entries(branch.States).flatMap(([name, state]): HandledState[] => {
    if (state.Type === "Task") return [{ name, state, parallel }];
    if (state.Type === "Parallel")
      return [{ name, state, parallel }, ...state.Branches.flatMap((child) => handledStates(child, name))];
    return [];
  });
}

const code = (value: string) => `\`${value}\``;

/** 60 → `60 s`, 14400 → `4 h`: whole hours as hours, anything else in seconds. */
export function formatSeconds(seconds: number): string {
  return seconds % 3600 === 0 ? `${seconds / 3600} h` : `${seconds} s`;
}

/** A markdown table of what each Task and Parallel state retries, and where its other errors go. */
export function renderErrorHandling(definition: StateMachineDefinition): string {
  const rows = handledStates(definition).map(({ name, state, parallel }) => {
    const what = state.Type === "Task" ? code(integrationOf(state.Resource)) : "Parallel";
    const timeout =
      state.Type === "Task" && state.TimeoutSeconds !== undefined ? formatSeconds(state.TimeoutSeconds) : "n/a";
    const retried =
      (state.Retry ?? [])
        .map(
          (r) =>
            `${r.ErrorEquals.map(code).join(", ")}: up to ${r.MaxAttempts} times, after ${r.IntervalSeconds} s ` +
            `×${r.BackoffRate} each time, at most ${r.MaxDelaySeconds} s, jitter ${r.JitterStrategy}`,
        )
        .join("; ") || "nothing";
    const caught = (state.Catch ?? []).map((c) => `${c.ErrorEquals.map(code).join(", ")} → ${c.Next}`).join("; ");
    const uncaught = parallel === undefined ? "the execution fails" : `fails ${parallel}`;
    return `| ${name} | ${what} | ${timeout} | ${retried} | ${caught || uncaught} |`;
  });
  return [
    "| State | Calls | Timeout | Retries | Other errors go to |",
    "|---|---|---|---|---|",
    ...rows,
    "",
    `The execution itself times out after ${formatSeconds(definition.TimeoutSeconds)} (\`TimeoutSeconds\` ${definition.TimeoutSeconds}).`,
  ].join("\n");
}

/** Every error name the states' Retry and Catch fields use, with the states that use it, in order of first use. */
function namesInUse(definition: StateMachineDefinition): Map<string, string[]> {
  const users = new Map<string, string[]>();
  for (const { name, state } of handledStates(definition)) {
    const fields = [...(state.Retry ?? []), ...(state.Catch ?? [])];
    for (const error of fields.flatMap((field) => field.ErrorEquals)) {
      const states = users.get(error) ?? [];
      if (!states.includes(name)) states.push(name);
      users.set(error, states);
    }
  }
  return users;
}

/** `https://docs.aws.amazon.com/step-functions/latest/dg/connect-ecs.html` → `connect-ecs`. */
function pageTitle(url: string): string {
  const last =
    url
      .replace(/[#?].*$/, "")
      .replace(/\/$/, "")
      .split("/")
      .pop() ?? url;
  return last.replace(/\.html$/, "");
}

/**
 * A markdown table of every error name a Retry or Catch uses, the states that use it and the AWS
 * pages that document it. Throws on a name `sources` has no page for: a retrier may only name
 * an error AWS documents for its integration.
 */
export function renderErrorSources(definition: StateMachineDefinition, sources: readonly ErrorSource[]): string {
  const rows = [...namesInUse(definition)].map(([name, states]) => {
    const source = sources.find((candidate) => candidate.name === name);
    if (source === undefined)
      throw new Error(
        `No AWS page documents the error name ${name} (${states.join(", ")}): add it to ERRORS in src/workflow/errors.ts, with its pages.`,
      );
    const pages = source.pages.map((page) => `[${pageTitle(page)}](${page})`).join(", ");
    return `| ${code(name)} | ${states.join(", ")} | ${pages} | ${source.means} |`;
  });
  return ["| Error | Retried or caught by | Documented by | What it means |", "|---|---|---|---|", ...rows].join("\n");
}

/**
 * Every block of the repository's markdown that is rendered from the synthesized module: the file
 * that holds it, its marker (`<!-- BEGIN_<marker> -->`) and its exact content. `npm run docs`
 * writes them, and a test fails while one is stale. Add a block by adding an entry here and its
 * markers to the file.
 *
 * Pure: reads plain JSON, loads no cdktf.
 */
import type { StateMachineDefinition } from "../../src/workflow/asl";
import { renderErrorHandling, renderErrorSources, renderMermaid } from "./diagram";
import { ERROR_SOURCES } from "../../src/workflow/errors";
import { renderDataPrepContainer, type SynthesizedModule } from "./data-prep-container";
import { type ModuleRelease, renderModuleUsage } from "./module-readme";
import { renderTerraformDocs } from "./terraform-docs";

/** What the blocks are rendered from: the synthesized module, and package.json's release. */
export interface DocsSources {
  readonly module: SynthesizedModule;
  readonly release: ModuleRelease;
}

export interface GeneratedBlock {
  /** Relative to the repository root. */
  readonly file: string;
  readonly marker: string;
  readonly render: (sources: DocsSources) => string;
}

/**
 * The state machine's definition. The diagram and the table show state names, types, integrations,
 * timeouts and retries only, so the definition's Terraform interpolations never reach them.
 */
function definitionOf(module: SynthesizedModule): StateMachineDefinition {
  const definition = module.resource?.aws_sfn_state_machine?.finetune?.definition;
  if (typeof definition !== "string") throw new Error("The synthesized module has no aws_sfn_state_machine.finetune.");
  return JSON.parse(definition);
}

export const GENERATED_BLOCKS: readonly GeneratedBlock[] = [
  {
    file: "docs/workflow.md",
    marker: "WORKFLOW_DIAGRAM",
    render: ({ module }) => ["", "```mermaid", renderMermaid(definitionOf(module)), "```", ""].join("\n"),
  },
  { file: "README.md", marker: "MODULE_USAGE", render: ({ module, release }) => renderModuleUsage(module, release) },
  { file: "README.md", marker: "TF_DOCS", render: ({ module }) => renderTerraformDocs(module) },
  {
    file: "docs/workflow.md",
    marker: "WORKFLOW_STATES",
    render: ({ module }) => `\n${renderErrorHandling(definitionOf(module))}\n`,
  },
  {
    file: "docs/workflow.md",
    marker: "WORKFLOW_ERRORS",
    render: ({ module }) => `\n${renderErrorSources(definitionOf(module), ERROR_SOURCES)}\n`,
  },
  {
    file: "docs/data-prep-container.md",
    marker: "DATA_PREP_CONTAINER",
    render: ({ module }) => renderDataPrepContainer(module),
  },
];

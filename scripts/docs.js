#!/usr/bin/env node
// `npm run docs`: regenerates the README's generated blocks from the module itself.
// `npm run docs -- --check` writes nothing and exits 1 if any block is out of date, for CI.
//
// The module is synthesized in-process from dist/ rather than through the cdktf CLI, which
// would add seconds of start-up for no benefit here.
const fs = require("fs");
const path = require("path");
const { ensureBuilt } = require("./ensure-built");
const { readRelease } = require("./module");
const { synthesizeModule } = require("./synthesize");

const root = path.resolve(__dirname, "..");
const readmePath = path.join(root, "README.md");

/**
 * Each README block generated from the module: its marker name (`<!-- BEGIN_<marker> -->`)
 * and a function from the synthesized Terraform JSON (and package.json) to the block's exact content.
 * Add a block by adding an entry here and its markers to README.md.
 */
function generatedBlocks() {
  const { renderTerraformDocs } = require("../dist/src/docs/terraform-docs");
  const { renderWorkflowBlock } = require("../dist/src/workflow/diagram");
  const { renderModuleUsage } = require("../dist/src/docs/module-readme");
  return [
    { marker: "TF_DOCS", render: (synthesized) => renderTerraformDocs(synthesized) },
    { marker: "MODULE_USAGE", render: (synthesized) => renderModuleUsage(synthesized, readRelease()) },
    {
      marker: "WORKFLOW_DIAGRAM",
      // The diagram shows state names, types and integrations only, so the definition's
      // Terraform interpolations never reach it.
      render: (synthesized) =>
        renderWorkflowBlock(JSON.parse(synthesized.resource.aws_sfn_state_machine.finetune.definition)),
    },
  ];
}

function main(argv) {
  const check = argv.includes("--check");
  ensureBuilt();
  const { extractBlock, replaceBlock } = require("../dist/src/docs/readme-blocks");
  const synthesized = JSON.parse(synthesizeModule(require("../dist/src/module-stack").FinetuneWorkflowModule));
  const current = fs.readFileSync(readmePath, "utf8");

  let updated = current;
  const stale = [];
  for (const { marker, render } of generatedBlocks()) {
    const content = render(synthesized);
    if (extractBlock(updated, marker) !== content) {
      stale.push(marker);
      updated = replaceBlock(updated, marker, content);
    }
  }

  if (stale.length === 0) {
    process.stdout.write("README.md is up to date.\n");
    return 0;
  }
  if (check) {
    process.stderr.write(`README.md has stale generated blocks: ${stale.join(", ")}. Run \`npm run docs\`.\n`);
    return 1;
  }
  fs.writeFileSync(readmePath, updated);
  process.stdout.write(`README.md: regenerated ${stale.join(", ")}.\n`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));

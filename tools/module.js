#!/usr/bin/env node
// `npm run module`: writes terraform/, the module HCL users source from Git by release tag, from
// the text of a fresh synth (byte for byte what `npx cdktf synth` writes):
// - variables.tf: its variable blocks in HCL, the syntax `cdktf get` and `cdktn get` read types
//   and defaults from (tools/docs/variables-tf.ts);
// - main.tf.json: the synthesized text without its variable block, every other byte the same;
// - README.md, generated from the synth, package.json (repository URL, version) and
//   docs/migration.md's MIGRATION block.
// `npm run module -- --check` writes nothing and exits 1 if terraform/ differs, for CI.
const fs = require("fs");
const path = require("path");
const { ensureBuilt } = require("./ensure-built");
const { synthesizeModule } = require("./synthesize");

const root = path.resolve(__dirname, "..");

/** The release package.json describes: where the module is fetched from, and which tag. */
function readRelease() {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
  return { repositoryUrl: pkg.repository?.url ?? "", version: pkg.version };
}

/**
 * The synthesized text without its top-level `variable` block. cdktf writes the top-level keys
 * sorted, two spaces deep, and `variable` sorts last of every key Terraform allows, so the block
 * runs from its key's line to the text's closing brace.
 */
function withoutVariables(text) {
  const start = text.indexOf(',\n  "variable": {\n');
  const end = text.lastIndexOf("\n  }\n}");
  if (start < 0 || end < start || end + "\n  }\n}".length !== text.length) {
    throw new Error('The synthesized module does not end with its "variable" block, as cdktf writes it.');
  }
  return `${text.slice(0, start)}\n}`;
}

/**
 * The folder's files, by name, from `text`, the module's cdk.tf.json as a fresh synth writes it;
 * `docs` is tools/docs/module-readme and `variablesTf` tools/docs/variables-tf, compiled or not.
 */
function moduleFiles(text, docs, variablesTf) {
  const migrationNotes = fs.readFileSync(path.join(root, docs.MIGRATION_FILE), "utf8");
  const module = JSON.parse(text);
  return {
    [docs.MODULE_FILE]: withoutVariables(text),
    [docs.VARIABLES_FILE]: variablesTf.renderVariablesTf(module),
    [docs.MODULE_README]: docs.renderModuleReadme(module, readRelease(), migrationNotes),
  };
}

/** Terraform configuration files in the folder that the generator does not write: they would change the module. */
function strayConfigFiles(dir, files) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((name) => /\.tf(\.json)?$/.test(name) && !(name in files));
}

function main(argv) {
  const check = argv.includes("--check");
  ensureBuilt();
  const docs = require("../dist/tools/docs/module-readme");
  const dir = path.join(root, docs.MODULE_DIR);
  const files = moduleFiles(
    synthesizeModule(require("../dist/src/module-stack").FinetuneWorkflowModule),
    docs,
    require("../dist/tools/docs/variables-tf"),
  );

  const stray = strayConfigFiles(dir, files);
  if (stray.length > 0) {
    process.stderr.write(
      `${docs.MODULE_DIR}/ holds Terraform files the generator does not write: ${stray.join(", ")}. Remove them.\n`,
    );
    return 1;
  }
  const current = (name) =>
    fs.existsSync(path.join(dir, name)) ? fs.readFileSync(path.join(dir, name), "utf8") : undefined;
  const stale = Object.keys(files).filter((name) => current(name) !== files[name]);
  if (stale.length === 0) {
    process.stdout.write(`${docs.MODULE_DIR}/ is up to date.\n`);
    return 0;
  }
  if (check) {
    process.stderr.write(
      `${docs.MODULE_DIR}/ differs from a fresh synth: ${stale.join(", ")}. Run \`npm run module\`.\n`,
    );
    return 1;
  }
  fs.mkdirSync(dir, { recursive: true });
  for (const name of stale) fs.writeFileSync(path.join(dir, name), files[name]);
  process.stdout.write(`${docs.MODULE_DIR}/: regenerated ${stale.join(", ")}.\n`);
  return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));

module.exports = { moduleFiles, readRelease };

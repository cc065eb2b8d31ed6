// Synthesizes the module stack in-process, into a temp dir, and returns the text of its
// cdk.tf.json: byte for byte what `npx cdktf synth` writes to cdktf.out/stacks/<id>/, without
// the seconds the CLI adds. The scripts pass the compiled class from dist/; tests pass the one
// from src/, so both judge the same output.
const fs = require("fs");
const os = require("os");
const path = require("path");

/** The stack id main.ts gives the module, hence the folder under cdktf.out/stacks/. */
const STACK_ID = "finetune-workflow";

/** Synthesizes the app as the CLI does, into `outdir`, manifest included; returns the stack's folder. */
function synthesizeApp(FinetuneWorkflowModule, outdir) {
  const { App } = require("cdktf");
  // The CLI runs the app without stack traces in construct metadata; so must we, to match it.
  const app = new App({ outdir, stackTraces: false });
  new FinetuneWorkflowModule(app, STACK_ID);
  app.synth();
  return path.join(outdir, "stacks", STACK_ID);
}

function synthesizeModule(FinetuneWorkflowModule) {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "finetune-workflow-synth-"));
  try {
    return fs.readFileSync(path.join(synthesizeApp(FinetuneWorkflowModule, outdir), "cdk.tf.json"), "utf8");
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

module.exports = { STACK_ID, synthesizeApp, synthesizeModule };

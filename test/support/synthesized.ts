/**
 * The module stack, synthesized once for a whole Jest run. Global setup (global-setup.ts) writes
 * it to a file named in the environment; a test file that only reads the module takes it from
 * there, and so never loads cdktf itself: that load and synth cost each such file ~0.35 s of
 * CPU, and npm test's time beside a CPU hog is its CPU time. Without global setup (Stryker's
 * runs), or once src/ has changed since it ran (`jest --watch`), the module is synthesized here,
 * in-process.
 *
 * Both forms are cdktf's: the cdktn project of jest.config.js synthesizes its own.
 */
import * as fs from "fs";
import * as path from "path";
import type * as Cdktf from "cdktf";
import type * as App from "./app";
import type * as ModuleStack from "../../src/module-stack";

/** Names the file global setup wrote. */
export const SYNTHESIZED_ENV = "FINETUNE_SYNTHESIZED_MODULE";

export interface SynthesizedTexts {
  /** What `Testing.synth` returns for the module stack: its JSON, without the `//` metadata. */
  readonly testing: string;
  /** cdk.tf.json as `npx cdktf synth` writes it (scripts/synthesize.js), metadata included. */
  readonly cli: string;
}

/** What global setup writes: the texts, and the sources they were synthesized from. */
interface SharedTexts extends SynthesizedTexts {
  readonly sources: number;
}

/** Synthesized Terraform JSON. */
export type TerraformJson = Record<string, any>;

const SRC = path.join(__dirname, "..", "..", "src");

/** The newest modification time of a file under src/, which the texts are synthesized from. */
export function sourcesStamp(dir = SRC): number {
  return Math.max(
    0,
    ...fs.readdirSync(dir, { withFileTypes: true }).map((entry) => {
      const full = path.join(dir, entry.name);
      return entry.isDirectory() ? sourcesStamp(full) : fs.statSync(full).mtimeMs;
    }),
  );
}

/**
 * src/'s stamp when this process first loaded it: Node keeps modules once loaded, so in
 * `jest --watch` global setup synthesizes from those, however src/ has changed since.
 */
let loadedSources: number | undefined;

/** Synthesizes both forms in this process. */
export function synthesizeTexts(): SynthesizedTexts {
  loadedSources ??= sourcesStamp();
  // Required here, not imported: a file that reads global setup's copy never loads them.
  const { Testing } = require("cdktf") as typeof Cdktf;
  const { testApp } = require("./app") as typeof App;
  const { FinetuneWorkflowModule } = require("../../src/module-stack") as typeof ModuleStack;
  const { synthesizeModule } = require("../../scripts/synthesize");
  return {
    testing: Testing.synth(new FinetuneWorkflowModule(testApp(), "finetune-workflow")),
    cli: synthesizeModule(FinetuneWorkflowModule),
  };
}

/** Writes both forms to `file` and names it in `env`, for the test workers, which inherit it. */
export function shareSynthesized(file: string, env: NodeJS.ProcessEnv = process.env): void {
  const texts = synthesizeTexts();
  const shared: SharedTexts = { ...texts, sources: loadedSources ?? 0 };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(shared));
  env[SYNTHESIZED_ENV] = file;
}

let texts: SynthesizedTexts | undefined;

/**
 * Global setup's copy of the module when it was synthesized from src/ as it is now, else a fresh
 * synth in this process; once per test file.
 */
export function synthesizedTexts(env: NodeJS.ProcessEnv = process.env): SynthesizedTexts {
  texts ??= sharedTexts(env[SYNTHESIZED_ENV]) ?? synthesizeTexts();
  return texts;
}

/** The texts in `file`, a file global setup wrote, if they were synthesized from src/ as it is now. */
export function sharedTexts(file: string | undefined): SynthesizedTexts | undefined {
  if (file === undefined || !fs.existsSync(file)) return undefined;
  const { sources, ...shared } = JSON.parse(fs.readFileSync(file, "utf8")) as SharedTexts;
  return sources === sourcesStamp() ? shared : undefined;
}

/** The state machine definition as Step Functions will read it (Terraform interpolations aside). */
export function definitionOf(tf: TerraformJson): any {
  return JSON.parse(tf.resource.aws_sfn_state_machine.finetune.definition);
}

/** The module as `npx cdktf synth` writes it, `//` metadata aside: every input a variable, no provider block. */
export function synthModule(): { json: string; tf: TerraformJson } {
  const json = synthesizedTexts().testing;
  return { json, tf: JSON.parse(json) };
}

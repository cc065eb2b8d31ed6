/**
 * The module stack, synthesized once for a whole Jest run. Global setup (global-setup.ts) writes
 * it to a file named in the environment; a test file that only reads the module takes it from
 * there, and so never loads cdktf itself: that load and synth cost each such file ~0.35 s of
 * CPU, and npm test's time beside a CPU hog is its CPU time. Without global setup (Stryker's
 * runs), or once src/ has changed since it ran (`jest --watch`), the module is synthesized here,
 * in-process.
 *
 * The synth is cdktf's: the cdktn project of jest.config.js synthesizes its own.
 */
import * as fs from "fs";
import * as path from "path";
import type * as ModuleStack from "../../src/module-stack";

const { newestSourceMtime } = require("../../tools/ensure-built");

/** Names the file global setup wrote. */
export const SYNTHESIZED_ENV = "FINETUNE_SYNTHESIZED_MODULE";

/** What global setup writes: the module's text, and the sources it was synthesized from. */
interface Shared {
  readonly text: string;
  readonly sources: number;
}

/** Synthesized Terraform JSON. */
export type TerraformJson = Record<string, any>;

const SRC = path.join(__dirname, "..", "..", "src");

/** The newest modification time of a source under src/, which the module is synthesized from. */
export function sourcesStamp(): number {
  return newestSourceMtime(SRC);
}

/**
 * src/'s stamp when this process first loaded it: Node keeps modules once loaded, so in
 * `jest --watch` global setup synthesizes from those, however src/ has changed since.
 */
let loadedSources: number | undefined;

/** cdk.tf.json of the module stack as `npx cdktf synth` writes it, synthesized in this process. */
export function synthesizeText(): string {
  loadedSources ??= sourcesStamp();
  // Required here, not imported: a file that reads global setup's copy never loads them.
  const { FinetuneWorkflowModule } = require("../../src/module-stack") as typeof ModuleStack;
  const { synthesizeModule } = require("../../tools/synthesize");
  return synthesizeModule(FinetuneWorkflowModule);
}

/** Writes the module to `file` and names it in the environment, for the test workers, which inherit it. */
export function shareSynthesized(file: string): void {
  const text = synthesizeText();
  const shared: Shared = { text, sources: loadedSources as number };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(shared));
  process.env[SYNTHESIZED_ENV] = file;
}

/** The module's text in `file`, a file global setup wrote, if it was synthesized from src/ as it is now. */
export function sharedText(file: string | undefined): string | undefined {
  if (file === undefined || !fs.existsSync(file)) return undefined;
  const { text, sources } = JSON.parse(fs.readFileSync(file, "utf8")) as Shared;
  return sources === sourcesStamp() ? text : undefined;
}

let text: string | undefined;

/**
 * cdk.tf.json of the module stack, `//` metadata included: global setup's copy when it was
 * synthesized from src/ as it is now, else a fresh synth in this process; once per test file.
 */
export function synthesizedText(): string {
  text ??= sharedText(process.env[SYNTHESIZED_ENV]) ?? synthesizeText();
  return text;
}

/** `value` without cdktf's `//` metadata entries, at every level, as `Testing.synth` leaves it. */
export function withoutMetadata(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutMetadata);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== "//")
      .map(([key, item]) => [key, withoutMetadata(item)]),
  );
}

/** The state machine definition as Step Functions will read it (Terraform interpolations aside). */
export function definitionOf(tf: TerraformJson): any {
  return JSON.parse(tf.resource.aws_sfn_state_machine.finetune.definition);
}

/** The module as `npx cdktf synth` writes it, `//` metadata aside: every input a variable, no provider block. */
export function synthModule(): { json: string; tf: TerraformJson } {
  const tf = withoutMetadata(JSON.parse(synthesizedText())) as TerraformJson;
  return { json: JSON.stringify(tf, null, 2), tf };
}

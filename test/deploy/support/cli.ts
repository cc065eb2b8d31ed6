/**
 * Runs a command line of the repository's (`npm run deploy`, the cdktf CLI) the way a user's
 * terminal would, in a process group of its own so that a run still going after its time limit
 * is killed with cdktf and Terraform beneath it. Test code only.
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { FinetuneWorkflowModule } from "../../../src/module-stack";
import type { Toolchain } from "../../support/terraform/toolchain";
import { forMirror } from "../../support/terraform/working-copy";

const { synthesizeApp } = require("../../../tools/synthesize");

/**
 * Synthesizes the module stack into `outdir` as `cdktf deploy --skip-synth --output <outdir>`
 * reads it, for the mirror's provider; returns the stack's folder.
 */
export function synthesizeForCli(outdir: string, toolchain: Toolchain): string {
  const stackDir: string = synthesizeApp(FinetuneWorkflowModule, outdir);
  const file = path.join(stackDir, "cdk.tf.json");
  fs.writeFileSync(file, JSON.stringify(forMirror(JSON.parse(fs.readFileSync(file, "utf8")), toolchain), null, 2));
  return stackDir;
}

export interface CliRun {
  readonly status: number | null;
  /** Whether the run was still going at the time limit, and was killed. */
  readonly hung: boolean;
  /** stdout and stderr, without colours, box drawing or line wrapping, so that phrases match whole. */
  readonly output: string;
}

/**
 * Runs `args` with Node. Each run gets a plugin cache of its own: cdktf points Terraform's at
 * ~/.terraform.d/plugin-cache unless TF_PLUGIN_CACHE_DIR names one, a folder every run on the
 * machine would share, and Terraform does not make it safe for `terraform init`s side by side
 * ("mkdir .../linux_amd64: file exists").
 * https://developer.hashicorp.com/terraform/cli/config/config-file#provider-plugin-cache
 */
export function runCli(
  args: readonly string[],
  options: { readonly cwd: string; readonly env: NodeJS.ProcessEnv; readonly timeoutMs: number },
): Promise<CliRun> {
  const pluginCache = fs.mkdtempSync(path.join(os.tmpdir(), "finetune-plugin-cache-"));
  return new Promise<CliRun>((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: options.cwd,
      env: { ...options.env, TF_PLUGIN_CACHE_DIR: pluginCache },
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const chunks: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => chunks.push(chunk));
    let hung = false;
    const timer = setTimeout(() => {
      hung = true;
      process.kill(-(child.pid as number), "SIGKILL");
    }, options.timeoutMs);
    child.on("error", reject);
    child.on("close", (status) => {
      clearTimeout(timer);
      const output = Buffer.concat(chunks)
        .toString("utf8")
        // eslint-disable-next-line no-control-regex -- ANSI colour codes start with ESC
        .replace(/\x1b\[[0-9;]*[A-Za-z]/g, "")
        .replace(/[│╷╵]/g, " ")
        .replace(/\s+/g, " ");
      resolve({ status, hung, output });
    });
  }).finally(() => fs.rmSync(pluginCache, { recursive: true, force: true }));
}

/**
 * Runs the real `terraform` binary in working copies under one temp folder, offline, against
 * the provider mirror. Test code only.
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { terraformEnv, writeCliConfig } from "./cli-config";
import { awsProviderBinary, type ProviderServer, startProviderServer } from "./provider-server";
import type { Toolchain } from "./toolchain";

export interface TerraformResult {
  /** The exit code; null when the process was killed. */
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  /** The working directory, an absolute path. */
  readonly cwd: string;
  /** Added to the environment the sandbox runs Terraform in. */
  readonly env?: NodeJS.ProcessEnv;
}

/** Runs a binary to completion and collects its output. */
function run(binary: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Promise<TerraformResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    child.on("error", reject);
    child.on("close", (code) =>
      resolve({ code, stdout: Buffer.concat(stdout).toString(), stderr: Buffer.concat(stderr).toString() }),
    );
  });
}

/**
 * A temp folder for one test file's working copies, with the CLI configuration they share.
 * Every command runs with `-no-color` and without prompts.
 */
export class TerraformSandbox {
  public readonly root: string;
  /** The CLI configuration every command runs with: the mirror, and nothing from the registry. */
  public readonly cliConfigFile: string;
  private readonly env: NodeJS.ProcessEnv;
  private provider?: Promise<ProviderServer>;

  /** `baseEnv` is the environment Terraform starts from, e.g. one that reaches moto only. */
  constructor(
    public readonly toolchain: Toolchain,
    baseEnv: NodeJS.ProcessEnv = process.env,
  ) {
    this.root = fs.mkdtempSync(path.join(os.tmpdir(), "finetune-terraform-"));
    this.cliConfigFile = writeCliConfig(this.root, toolchain.mirror);
    this.env = terraformEnv(this.cliConfigFile, baseEnv);
  }

  /** A path inside the sandbox. */
  path(...segments: string[]): string {
    return path.join(this.root, ...segments);
  }

  /**
   * Starts one provider process (provider-server.ts) that every later command run through
   * `terraform()` attaches to, once it serves. `init()` does not attach.
   */
  shareProvider(): void {
    this.provider = startProviderServer(awsProviderBinary(this.toolchain), this.env, this.root);
    // A failed start fails the commands that wait for it; until one does, it is no unhandled rejection.
    this.provider.catch(() => undefined);
  }

  async terraform(args: readonly string[], options: RunOptions): Promise<TerraformResult> {
    const attached = this.provider && { TF_REATTACH_PROVIDERS: (await this.provider).reattach };
    return run(this.toolchain.terraform, args, options.cwd, { ...this.env, ...attached, ...options.env });
  }

  /**
   * `terraform init` against the mirror; extra args such as `-backend=false`. It never attaches
   * to the shared provider: with one attached, init installs nothing and writes no lock file,
   * and test/terraform/ shows that init installs the provider from the mirror. A working copy
   * whose every command attaches (the deploy suite's) may init through `terraform()` instead.
   */
  init(cwd: string, ...args: string[]): Promise<TerraformResult> {
    return run(this.toolchain.terraform, ["init", "-input=false", "-no-color", ...args], cwd, this.env);
  }

  /** `terraform test`; pass `-filter=tests/<file>` to run some files only. */
  test(cwd: string, ...args: string[]): Promise<TerraformResult> {
    return this.terraform(["test", "-no-color", ...args], { cwd });
  }

  plan(cwd: string, ...args: string[]): Promise<TerraformResult> {
    return this.terraform(["plan", "-input=false", "-no-color", ...args], { cwd });
  }

  /** Stops the shared provider, if one was started, and resolves once it has exited. */
  async stopProvider(): Promise<void> {
    const provider = await this.provider?.catch(() => undefined);
    await provider?.stop();
  }

  /** Removes the sandbox; stop a shared provider first. */
  dispose(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}

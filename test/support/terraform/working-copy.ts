/**
 * Builds the working copies Terraform runs in: a module's synthesized JSON, or a root stack
 * of this repository together with the module it calls. Every copy passes through the
 * provider shim; nothing in the repository is written. Test code only.
 */
import * as fs from "fs";
import * as path from "path";
import { needsShim, shimHcl, shimTerraformJson } from "./provider-shim";
import type { Toolchain } from "./toolchain";

const hcl2json: { parse(file: string, text: string): Promise<Record<string, any>> } = require("@cdktf/hcl2json");

export const REPO_ROOT = path.resolve(__dirname, "..", "..", "..");

/** Synthesized Terraform JSON. */
export type TerraformConfig = Record<string, any>;

/** A file or folder of the repository and where it goes in a working copy. */
export interface CopiedPath {
  /** Relative to the repository root. */
  readonly from: string;
  /** Relative to the working copy. */
  readonly to: string;
}

function copyInto(dir: string, files: readonly CopiedPath[]): void {
  for (const { from, to } of files) fs.cpSync(path.join(REPO_ROOT, from), path.join(dir, to), { recursive: true });
}

/** `config` as Terraform on the mirror's provider reads it. */
export function forMirror(config: TerraformConfig, toolchain: Toolchain): TerraformConfig {
  return needsShim(toolchain.awsProviderVersion) ? shimTerraformJson(config, toolchain.awsProviderVersion) : config;
}

/** Writes `config` as `cdk.tf.json` into a new folder `dir`, with `files` copied in. */
export function writeConfigCopy(dir: string, config: TerraformConfig, files: readonly CopiedPath[] = []): string {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "cdk.tf.json"), JSON.stringify(config, null, 2));
  copyInto(dir, files);
  return dir;
}

/**
 * `config` without its backend: a stack's remote state is out of reach offline, and a test
 * that runs the stack as its module ignores a backend anyway, with a warning.
 */
export function withoutBackend(config: TerraformConfig): TerraformConfig {
  const { backend: _dropped, ...terraform } = config.terraform ?? {};
  return { ...config, terraform };
}

/**
 * Only the module's `variable` blocks and its Terraform version: what decides whether an input
 * is refused. Planning it needs no provider, so each bad input costs milliseconds, not seconds.
 */
export function variablesOnly(moduleConfig: TerraformConfig): TerraformConfig {
  return { terraform: { required_version: moduleConfig.terraform.required_version }, variable: moduleConfig.variable };
}

/**
 * A bad-input test file as a plain plan of its input: without `expect_failures`, its run fails
 * and reports the refusal's own diagnostics, where `expect_failures` would pass on them silently.
 */
export function withoutExpectedFailures(tftest: string): string {
  const plain = tftest.replace(/^[ \t]*expect_failures[ \t]*=[ \t]*\[[^\]]*\][ \t]*\n/gm, "");
  if (plain === tftest) throw new Error("The test file has no expect_failures line to remove.");
  return plain;
}

/**
 * What a stack's module call gets: a configuration, written as `cdk.tf.json` through the provider
 * shim, or a function that fills the (empty) folder itself, such as with the committed module's files.
 */
export type ModulePlacement = TerraformConfig | ((dir: string) => void);

/**
 * Copies the root stack at `stackDir` (relative to the repository) into `sandboxRoot` at the
 * same relative path, shims the version constraints its `.tf` files state, and places `module`
 * wherever one of its `module` blocks' local `source` points, so the copy works whichever path
 * the stack calls the module by. Returns the copy's folder.
 */
export async function copyStack(
  sandboxRoot: string,
  stackDir: string,
  module: ModulePlacement,
  toolchain: Toolchain,
  files: readonly CopiedPath[] = [],
): Promise<string> {
  const copy = path.join(sandboxRoot, stackDir);
  fs.cpSync(path.join(REPO_ROOT, stackDir), copy, { recursive: true });
  const shim = needsShim(toolchain.awsProviderVersion);
  const sources: string[] = [];
  for (const file of fs.readdirSync(copy).filter((f) => f.endsWith(".tf"))) {
    const text = fs.readFileSync(path.join(copy, file), "utf8");
    const parsed = await hcl2json.parse(file, text);
    for (const calls of Object.values<any[]>(parsed.module ?? {}))
      sources.push(...calls.map((call) => call.source as string));
    if (shim && parsed.terraform?.some((t: any) => t.required_providers)) {
      fs.writeFileSync(path.join(copy, file), shimHcl(text, toolchain.awsProviderVersion));
    }
  }
  const local = sources.filter((source) => source.startsWith("./") || source.startsWith("../"));
  if (local.length === 0) throw new Error(`${stackDir} calls no local module to place the synthesized one at.`);
  for (const source of local) {
    const target = path.resolve(copy, source);
    if (path.relative(sandboxRoot, target).startsWith("..")) {
      throw new Error(`${stackDir} calls a module outside the repository: ${source}`);
    }
    if (typeof module === "function") {
      fs.rmSync(target, { recursive: true, force: true });
      fs.mkdirSync(target, { recursive: true });
      module(target);
    } else {
      writeConfigCopy(target, forMirror(module, toolchain));
    }
  }
  copyInto(copy, files);
  return copy;
}

/**
 * One AWS provider process that every Terraform command of a test file attaches to, instead of
 * each command starting its own. Test code only.
 *
 * Terraform starts the provider once per graph walk: `validate` five times, `terraform test`
 * about six times per run block (validate, plan, apply and destroy walks). Each start of the
 * 700 MB hashicorp/aws binary builds its whole schema again, a second or more of CPU: 42 starts
 * and ~43 s of CPU for the real-Terraform suite, measured here. A provider started in debug mode
 * serves every command that names it in TF_REATTACH_PROVIDERS, so it builds its schema once.
 * https://developer.hashicorp.com/terraform/plugin/debugging#running-terraform-with-a-provider-in-debug-mode
 *
 * Only the tests that mock the provider share it: `mock_provider` never configures the real
 * one, so one process can serve several commands at once without any of them seeing another's
 * configuration. `terraform init` runs without it, so that it still installs from the mirror.
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { terraformPlatform, type Toolchain } from "./toolchain";

/** Where the mirror keeps the hashicorp/aws binary this toolchain found. */
export function awsProviderBinary(toolchain: Toolchain, platform: string = terraformPlatform()): string {
  const dir = path.join(
    toolchain.mirror,
    "registry.terraform.io",
    "hashicorp",
    "aws",
    toolchain.awsProviderVersion,
    platform,
  );
  const binary = fs.readdirSync(dir).find((name) => name.startsWith("terraform-provider-aws"));
  if (!binary) throw new Error(`${dir} holds no terraform-provider-aws binary.`);
  return path.join(dir, binary);
}

/** The TF_REATTACH_PROVIDERS value a provider started with `-debug` prints, or undefined before it has. */
export function reattachValue(stdout: string): string | undefined {
  const match = /TF_REATTACH_PROVIDERS='([^']*)'/.exec(stdout);
  return match ? JSON.stringify(JSON.parse(match[1])) : undefined;
}

/**
 * The provider runs under a shell that stops it with SIGINT, its graceful stop, once our end of
 * the shell's stdin closes: when `stop()` closes it, and also when the Jest worker dies without
 * running `afterAll`, so that no 600 MB provider outlives the test run. The shell exits with the
 * provider, should it stop by itself. (An asynchronous command's stdin is /dev/null, hence fd 3.)
 */
const WATCHDOG = [
  "exec 3<&0",
  '"$0" -debug 3<&- & provider=$!',
  '(read -r _ <&3; kill -INT "$provider") >/dev/null 2>&1 &',
  "exec 3<&-",
  'wait "$provider"',
].join("\n");

/**
 * A provider is seldom quiet: in debug mode it writes every request to its stderr, megabytes per
 * command. Nothing reads those logs, so they are switched off.
 * https://developer.hashicorp.com/terraform/plugin/log/managing
 */
const QUIET = { TF_LOG_PROVIDER: "off", TF_LOG_SDK: "off", TF_LOG_SDK_PROTO: "off", TF_LOG_SDK_MUX: "off" };

export interface ProviderServer {
  /** The value of TF_REATTACH_PROVIDERS for the commands that attach to it. */
  readonly reattach: string;
  /** Stops the provider and resolves once it has exited. */
  stop(): Promise<void>;
}

/**
 * Starts `binary -debug` and resolves once it serves. `env` is the environment it runs in;
 * its socket goes into `tmpDir`, which should be a folder the caller removes.
 */
export function startProviderServer(binary: string, env: NodeJS.ProcessEnv, tmpDir: string): Promise<ProviderServer> {
  return new Promise((resolve, reject) => {
    const child = spawn("/bin/sh", ["-c", WATCHDOG, binary], {
      env: { ...env, ...QUIET, TMPDIR: tmpDir },
      stdio: ["pipe", "pipe", "pipe"],
    });
    const exited = new Promise<void>((done) => child.on("close", () => done()));
    let stdout = "";
    let stderr = "";
    let started = false;
    child.stderr.on("data", (chunk: Buffer) => {
      if (!started) stderr += chunk.toString();
    });
    child.stdout.on("data", (chunk: Buffer) => {
      if (started) return;
      stdout += chunk.toString();
      const reattach = reattachValue(stdout);
      if (reattach === undefined) return;
      started = true;
      resolve({
        reattach,
        stop: () => {
          child.stdin.end();
          return exited;
        },
      });
    });
    child.on("error", reject);
    child.on("close", (code) => {
      child.stdin.destroy();
      if (!started) reject(new Error(`${binary} -debug exited with ${code} before it served:\n${stdout}${stderr}`));
    });
  });
}

/**
 * Starts moto, the AWS emulator, as a real HTTP server on a free loopback port, for the
 * suites that deploy the module with the real AWS provider. Test code only.
 *
 * The server is a Python child process (server.py) with the workarounds of workarounds.py
 * applied; it stops when its standard input closes, so it cannot outlive the test process.
 * http://docs.getmoto.org/en/latest/docs/server_mode.html
 */
import { spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const SERVER = path.join(__dirname, "server.py");
const ASL_VALIDATOR = path.join(
  path.dirname(require.resolve("asl-validator/package.json")),
  "dist",
  "bin",
  "asl-validator.js",
);

/** How to get moto where it is missing: its server extra brings Flask, which server mode needs. */
export const MOTO_INSTALL_HINT = 'pip install "moto[server]"';

/** How long moto may take to import and listen; it takes about a second here. */
const START_TIMEOUT_MS = 30_000;

/** Either moto's version, or why it cannot run. */
export type MotoDiscovery = { readonly version: string } | { readonly missing: string };

/** A moto value that reads back differently from AWS, as workarounds.py declares it. */
export interface ReadBackDifference {
  readonly resourceType: string;
  readonly attribute: string;
  /** Ignored only on resources where one of these attributes is set. */
  readonly whenSet: readonly string[];
  readonly reason: string;
}

export interface MotoServer {
  /** `http://127.0.0.1:<port>`, what AWS_ENDPOINT_URL points at. */
  readonly endpoint: string;
  readonly accountId: string;
  readonly region: string;
  readonly readBackDifferences: readonly ReadBackDifference[];
  /**
   * The AWS environment of a process that talks to this server only: its endpoint, its
   * account's keys and region, and none of the caller's own AWS settings.
   */
  awsEnv(base?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
  /** What the server has written to stderr so far, for a failing test's message. */
  log(): string;
  stop(): Promise<void>;
}

/** Whether `python` can import moto's server, and which moto it is. */
export function discoverMoto(python = "python3"): MotoDiscovery {
  const probe = spawnSync(python, ["-c", "import moto, moto.server, flask; print(moto.__version__)"], {
    encoding: "utf8",
    timeout: 30_000,
  });
  if (probe.error)
    return { missing: `no \`${python}\` to run moto (${probe.error.message}); then ${MOTO_INSTALL_HINT}` };
  if (probe.status !== 0) return { missing: `moto's server cannot be imported by ${python}: ${MOTO_INSTALL_HINT}` };
  return { version: probe.stdout.trim() };
}

export interface MotoOptions {
  /** The account every request lands in (MOTO_ACCOUNT_ID). */
  readonly accountId?: string;
  /** Whether moto's Step Functions interpreter runs executions (server.py --execute). */
  readonly execute?: boolean;
  /** An AWS-format mock configuration file for executions started on `<stateMachineArn>#<TestCase>`; implies `execute`. */
  readonly mockConfig?: string;
}

const DEFAULT_ACCOUNT_ID = "111122223333";
/** The region every server answers in. */
const REGION = "eu-west-1";

/** Starts a server and resolves once it listens. */
export function startMoto(options: MotoOptions = {}): Promise<MotoServer> {
  const accountId = options.accountId ?? DEFAULT_ACCOUNT_ID;
  const args = [
    ...(options.execute || options.mockConfig ? ["--execute"] : []),
    ...(options.mockConfig ? [`--mock-config=${options.mockConfig}`] : []),
  ];
  const child = spawn("python3", [SERVER, ...args], {
    // No __pycache__ beside server.py: the checkout stays as git has it.
    env: {
      ...process.env,
      MOTO_ACCOUNT_ID: accountId,
      PYTHONUNBUFFERED: "1",
      PYTHONDONTWRITEBYTECODE: "1",
      // The ValidateStateMachineDefinition workaround runs asl-validator with this Node.
      FINETUNE_NODE: process.execPath,
      FINETUNE_ASL_VALIDATOR: ASL_VALIDATOR,
      FINETUNE_JSONATA_BRIDGE: path.join(__dirname, "jsonata-bridge.js"),
    },
    stdio: ["pipe", "pipe", "pipe"],
  });
  const stderr: Buffer[] = [];
  child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
  const log = () => Buffer.concat(stderr).toString("utf8");
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let started = false;

  return new Promise((resolve, reject) => {
    let stdout = "";
    const fail = (why: string) => {
      if (started) return;
      clearTimeout(timer);
      child.kill("SIGKILL");
      reject(new Error(`moto did not start: ${why}\n${log()}`));
    };
    const timer = setTimeout(() => fail(`no answer within ${START_TIMEOUT_MS / 1000} s`), START_TIMEOUT_MS);
    child.once("error", (error) => fail(error.message));
    child.once("exit", (code) => fail(`it exited with code ${code}`));
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString("utf8");
      const newline = stdout.indexOf("\n");
      if (newline === -1) return;
      started = true;
      clearTimeout(timer);
      child.stdout.removeAllListeners("data");
      const ready = JSON.parse(stdout.slice(0, newline));
      const endpoint = `http://127.0.0.1:${ready.port}`;
      resolve({
        endpoint,
        accountId,
        region: REGION,
        readBackDifferences: ready.readBackDifferences,
        awsEnv: (base = process.env) => motoEnv(base, { endpoint, accountId, region: REGION }),
        log,
        stop: async () => {
          if (child.exitCode === null) {
            child.stdin.end();
            const killer = setTimeout(() => child.kill("SIGKILL"), 10_000);
            await exited;
            clearTimeout(killer);
          }
        },
      });
    });
  });
}

/** A file that does not exist, so no AWS config or credentials file of the machine's is read. */
const NO_FILE = path.join(os.tmpdir(), "finetune-workflow-no-aws-file");

/**
 * `base` without any AWS_ setting of the caller's, plus what reaches moto: the endpoint for
 * every service (AWS_ENDPOINT_URL), keys (moto takes any), the region, and no instance
 * metadata lookups.
 * https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html
 */
export function motoEnv(
  base: NodeJS.ProcessEnv,
  server: { readonly endpoint: string; readonly accountId: string; readonly region: string },
): NodeJS.ProcessEnv {
  if (fs.existsSync(NO_FILE)) throw new Error(`${NO_FILE} must not exist: it stands for "no AWS file".`);
  const env = Object.fromEntries(Object.entries(base).filter(([key]) => !key.startsWith("AWS_")));
  return {
    ...env,
    AWS_ENDPOINT_URL: server.endpoint,
    AWS_ACCESS_KEY_ID: server.accountId,
    AWS_SECRET_ACCESS_KEY: "moto",
    AWS_REGION: server.region,
    AWS_CONFIG_FILE: NO_FILE,
    AWS_SHARED_CREDENTIALS_FILE: NO_FILE,
    AWS_EC2_METADATA_DISABLED: "true",
  };
}

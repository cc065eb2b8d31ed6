// The app command (cdktf.json's `node tools/app.js`), spawned as the cdktf CLI spawns it.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const { ensureBuilt } = require("../../tools/ensure-built");

const ROOT = path.resolve(__dirname, "../..");
const APP = path.join(ROOT, "tools", "app.js");

function runApp(args: string[], env: NodeJS.ProcessEnv = {}) {
  return spawnSync(process.execPath, [APP, ...args], { cwd: ROOT, encoding: "utf8", env: { ...process.env, ...env } });
}

describe("tools/app.js", () => {
  // Built here, once, so that no spawned app prints the rebuild notice.
  beforeAll(() => ensureBuilt(), 60_000);

  test("prints an InvalidPropsError once, as its list of problems, without a stack trace, and exits 1", () => {
    // GIVEN
    const app = path.join("test", "support", "apps", "bad-props.js");

    // WHEN
    const result = runApp([app]);

    // THEN
    expect({ status: result.status, stdout: result.stdout, stderr: result.stderr }).toEqual({
      status: 1,
      stdout: "",
      stderr: [
        'Invalid props for FinetuneWorkflow "bad-props/finetune":',
        '- `kmsKeyArn` must be a KMS key ARN (arn:<partition>:kms:<region>:<account>:key/<key-id>); received "alias/gata".',
        "- `subnetIds` must be a list of at least one subnet ID; received [].",
        "",
      ].join("\n"),
    });
  });

  test("without it, as `node app.js`, the app prints the same list once, with no stack frames, and exits 1", () => {
    // GIVEN
    const app = path.join(ROOT, "test", "support", "apps", "bad-props.js");

    // WHEN
    const result = spawnSync(process.execPath, [app], { cwd: ROOT, encoding: "utf8" });

    // THEN Node shows the line that threw, then the error as util.inspect prints one without frames
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(
      [
        '[InvalidPropsError: Invalid props for FinetuneWorkflow "bad-props/finetune":',
        '- `kmsKeyArn` must be a KMS key ARN (arn:<partition>:kms:<region>:<account>:key/<key-id>); received "alias/gata".',
        "- `subnetIds` must be a list of at least one subnet ID; received [].]",
      ].join("\n"),
    );
    expect(result.stderr.match(/received/g)).toHaveLength(2);
    expect(result.stderr).not.toMatch(/\n {4}at /);
  });

  test("lets any other error crash with its stack trace", () => {
    // GIVEN
    const app = path.join("test", "support", "apps", "no-such-app.js");

    // WHEN
    const result = runApp([app]);

    // THEN
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`Error: Cannot find module '${path.join(ROOT, app)}'`);
    expect(result.stderr).toMatch(/\n {4}at /);
  });

  test("synthesizes the module stack quietly", () => {
    // GIVEN
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "finetune-workflow-app-"));

    try {
      // WHEN
      const result = runApp([], { CDKTF_OUTDIR: outdir });

      // THEN
      expect({ status: result.status, stdout: result.stdout, stderr: result.stderr }).toEqual({
        status: 0,
        stdout: "",
        stderr: "",
      });
      expect(fs.existsSync(path.join(outdir, "stacks", "finetune-workflow", "cdk.tf.json"))).toBe(true);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });
});

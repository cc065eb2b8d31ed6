// Bad props under the real cdktf CLI: `cdktf synth` of a user's app whose props break two rules
// (test/support/apps/bad-props.js). The CLI echoes an app's stderr as it runs and again in its
// failure summary, so a thrown error would show twice, stack trace and all; the construct hands
// the CLI an error annotation instead, which it prints once, after the construct's path.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { type CliRun, runCli } from "./support/cli";
import { writeCliConfig } from "../support/terraform/cli-config";
import { describeWithTerraform } from "../support/terraform/suite";
import { REPO_ROOT } from "../support/terraform/working-copy";

const CDKTF = path.join(REPO_ROOT, "node_modules", "cdktf-cli", "bundle", "bin", "cdktf");
const APP = path.join(REPO_ROOT, "test", "support", "apps", "bad-props.js");
const PROBLEMS = [
  '- `kmsKeyArn` must be a KMS key ARN (arn:<partition>:kms:<region>:<account>:key/<key-id>); received "alias/gata".',
  "- `subnetIds` must be a list of at least one subnet ID; received [].",
];

describeWithTerraform("bad props, through `cdktf synth`", (toolchain) => {
  let work: string;
  let run: CliRun;

  beforeAll(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), "finetune-bad-props-"));
    fs.writeFileSync(path.join(work, "cdktf.json"), JSON.stringify({ language: "typescript", app: `node ${APP}` }));
    run = await runCli([CDKTF, "synth"], {
      cwd: work,
      env: { ...process.env, CHECKPOINT_DISABLE: "1", TF_CLI_CONFIG_FILE: writeCliConfig(work, toolchain().mirror) },
      timeoutMs: 120_000,
    });
  }, 150_000);

  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  test("fail the synth", () => {
    expect({ status: run.status, hung: run.hung }).toEqual({ status: 1, hung: false });
  });

  test("are listed once, after the construct's path", () => {
    // The run's output has its whitespace folded, so the lines read as one.
    expect(run.output).toContain(
      ["ERROR [bad-props/finetune]: Invalid FinetuneWorkflow props:", ...PROBLEMS].join(" "),
    );
    expect(PROBLEMS.map((problem) => run.output.split(problem).length - 1)).toEqual([1, 1]);
  });

  test("with no stack trace", () => {
    // A frame, folded: `at Object.<anonymous> (/app/main.js:6:29)` or `at /app/main.js:6:29`.
    const frame = /\bat (\S+ \()?\S+:\d+:\d+\)?/;
    expect("Error: x at Object.<anonymous> (/app/main.js:6:29) at /app/lib.js:1:2").toMatch(frame);
    expect(run.output).not.toMatch(frame);
  });
});

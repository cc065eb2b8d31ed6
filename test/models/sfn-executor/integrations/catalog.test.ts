import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { errorsOf, INTEGRATIONS, integrationOf, modelledOperations } from "./catalog";

const GENERATOR = path.join(__dirname, "botocore-errors.py");
const GENERATED = path.join(__dirname, "botocore-errors.json");
/** CI fails where a developer's machine skips: `.ci/run` exports CI=true. */
const IN_CI = /^(true|1)$/i.test(process.env.CI ?? "");

/**
 * botocore-errors.py's check of the committed extract and of a copy from which RunTask's
 * ServerException is gone, in one run; or why it cannot run here.
 */
function checkExtracts(): { readonly missing: string } | { readonly status: number | null; readonly stderr: string } {
  const extract = JSON.parse(fs.readFileSync(GENERATED, "utf8"));
  extract.operations["ecs:RunTask"] = extract.operations["ecs:RunTask"].filter(
    (error: { code: string }) => error.code !== "ServerException",
  );
  const stale = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "botocore-errors-")), "stale.json");
  fs.writeFileSync(stale, JSON.stringify(extract));
  try {
    const check = spawnSync("python3", [GENERATOR, "--check", `--file=${GENERATED}`, `--file=${stale}`], {
      encoding: "utf8",
      env: { ...process.env, PYTHONDONTWRITEBYTECODE: "1" },
    });
    if (check.error) return { missing: "no python3" };
    // The generator exits 2, saying how to get botocore, when it cannot import it.
    if (check.status === 2) return { missing: check.stderr.trim() };
    return { status: check.status, stderr: check.stderr };
  } finally {
    fs.rmSync(path.dirname(stale), { recursive: true });
  }
}

describe("the error catalog", () => {
  const checked = checkExtracts();
  const staleness =
    "botocore-errors.json matches the API models of the botocore installed here, and a copy missing an error does not";
  if ("missing" in checked && !IN_CI) {
    test.skip(`${staleness} (skipped: ${checked.missing})`, () => undefined);
  } else {
    test(staleness, () => {
      if ("missing" in checked) throw new Error(`CI needs botocore to check the error catalog: ${checked.missing}.`);
      // Only the copy is stale, and the check says how to regenerate it.
      expect(checked.stderr).toMatch(
        /^[^\n]*stale\.json differs from botocore .*'s models: run python3 .*botocore-errors\.py\n$/,
      );
      expect(checked.status).toBe(1);
    });
  }

  test("reads every integration's operation from the extract, and nothing else", () => {
    expect(INTEGRATIONS.map((integration) => integration.operation).sort()).toEqual(modelledOperations());
  });

  test("names an AWS SDK integration's errors as Step Functions does: Service.NameException", () => {
    const names = errorsOf("arn:aws:states:::aws-sdk:ssm:getParametersByPath", { timeout: true }).map((e) => e.name);
    expect(names).toEqual([
      "Ssm.InternalServerErrorException",
      "Ssm.InvalidFilterKeyException",
      "Ssm.InvalidFilterOptionException",
      "Ssm.InvalidFilterValueException",
      "Ssm.InvalidKeyIdException",
      "Ssm.InvalidNextTokenException",
      "Ssm.ThrottlingException",
      "States.TaskFailed",
      "States.Permissions",
      "States.Runtime",
      "States.Timeout",
    ]);
  });

  test("says what each error means for the call: a server fault or a timeout is unknown, a refusal none, a job's failure done", () => {
    const runTask = Object.fromEntries(
      errorsOf("arn:aws:states:::ecs:runTask.sync", { timeout: true }).map((e) => [e.name, e.effect]),
    );
    expect(runTask).toMatchObject({
      "ECS.ServerException": "unknown",
      "ECS.ClusterNotFoundException": "none",
      "AmazonECS.Unknown": "none",
      "ECS.AmazonECSException": "none",
      "States.TaskFailed": "done",
      "States.Timeout": "unknown",
    });
    const events = errorsOf("arn:aws:states:::events:putEvents", { timeout: false }).map((e) => e.name);
    expect(events).not.toContain("States.Timeout");
  });

  test("refuses an integration it has no catalog for, naming where to add it", () => {
    expect(() => integrationOf("arn:aws:states:::sqs:sendMessage")).toThrow(
      /^No error catalog for sqs:sendMessage: add it to INTEGRATIONS in .*catalog\.ts\.$/,
    );
  });
});

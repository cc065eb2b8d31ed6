import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { isCi } from "../../terraform/suite";
import { errorsOf, INTEGRATIONS, integrationOf, modelledOperations } from "./catalog";

const GENERATOR = path.join(__dirname, "botocore-errors.py");

/** Why botocore-errors.py cannot run here, or undefined when it can. */
function missingBotocore(): string | undefined {
  const probe = spawnSync("python3", ["-c", "import botocore"], { encoding: "utf8" });
  if (probe.error) return "no python3";
  return probe.status === 0 ? undefined : "python3 has no botocore (pip install boto3)";
}

describe("the error catalog", () => {
  const missing = missingBotocore();
  const staleness =
    "botocore-errors.json matches the API models of the botocore installed here, and a copy missing an error does not";
  if (missing === undefined || isCi()) {
    test(staleness, () => {
      if (missing !== undefined) throw new Error(`CI needs botocore to check the error catalog: ${missing}.`);
      const check = (...args: string[]) =>
        spawnSync("python3", [GENERATOR, "--check", ...args], {
          encoding: "utf8",
          env: { ...process.env, PYTHONDONTWRITEBYTECODE: "1" },
        });
      expect(check()).toMatchObject({ status: 0, stderr: "" });

      // GIVEN a copy from which RunTask's ServerException is gone
      const extract = JSON.parse(fs.readFileSync(path.join(__dirname, "botocore-errors.json"), "utf8"));
      extract.operations["ecs:RunTask"] = extract.operations["ecs:RunTask"].filter(
        (error: { code: string }) => error.code !== "ServerException",
      );
      const stale = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "botocore-errors-")), "stale.json");
      fs.writeFileSync(stale, JSON.stringify(extract));
      try {
        // THEN the check fails, saying how to regenerate
        expect(check(`--file=${stale}`)).toMatchObject({
          status: 1,
          stderr: expect.stringMatching(
            /stale\.json differs from botocore .*'s models: run python3 .*botocore-errors\.py/,
          ),
        });
      } finally {
        fs.rmSync(path.dirname(stale), { recursive: true });
      }
    });
  } else {
    test.skip(`${staleness} (skipped: ${missing})`, () => undefined);
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

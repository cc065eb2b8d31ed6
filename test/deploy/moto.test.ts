// The moto launcher itself: a server of its own on a free loopback port, in the account asked
// for, with the workarounds of test/deploy/support/moto/workarounds.py answering as AWS would.
import { spawnSync } from "child_process";
import * as path from "path";
import {
  CreateStateMachineCommand,
  ListStateMachineVersionsCommand,
  SFNClient,
  ValidateStateMachineDefinitionCommand,
} from "@aws-sdk/client-sfn";
import { clientConfig } from "./support/aws";
import { type MotoServer, startMoto } from "./support/moto/launcher";
import { describeWithMoto } from "./support/suite";

/** STS GetCallerIdentity over moto's query API: the account a request lands in. */
async function callerAccount(moto: MotoServer): Promise<string | undefined> {
  const response = await fetch(moto.endpoint, {
    method: "POST",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      // moto takes the service from the signature's credential scope.
      Authorization: `AWS4-HMAC-SHA256 Credential=${moto.accountId}/20260101/${moto.region}/sts/aws4_request, SignedHeaders=host, Signature=0`,
    },
    body: "Action=GetCallerIdentity&Version=2011-06-15",
  });
  return /<Account>(\d+)<\/Account>/.exec(await response.text())?.[1];
}

describeWithMoto("the moto launcher", () => {
  let first: MotoServer;
  let second: MotoServer;
  let sfn: SFNClient;

  beforeAll(async () => {
    [first, second] = await Promise.all([startMoto(), startMoto({ accountId: "444455556666" })]);
    sfn = new SFNClient(clientConfig(first));
  });

  afterAll(async () => {
    sfn?.destroy();
    await Promise.all([first?.stop(), second?.stop()]);
  });

  test("starts each server on a loopback port of its own", () => {
    expect(first.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(second.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(first.endpoint).not.toBe(second.endpoint);
  });

  test("puts every request in the server's account", async () => {
    expect([await callerAccount(first), await callerAccount(second)]).toEqual(["111122223333", "444455556666"]);
  });

  test.each([
    ["an unknown field", { StartAt: "A", States: { A: { Type: "Pass", End: true, Bogus: 1 } } }],
    ["a StartAt that names no state", { StartAt: "Missing", States: { A: { Type: "Pass", End: true } } }],
  ])("ValidateStateMachineDefinition fails a definition with %s, as AWS does", async (_, definition) => {
    // WHEN
    const validated = await sfn.send(
      new ValidateStateMachineDefinitionCommand({ definition: JSON.stringify(definition) }),
    );

    // THEN
    expect(validated.result).toBe("FAIL");
    expect(validated.diagnostics?.length).toBeGreaterThan(0);
    expect(validated.diagnostics?.every((d) => d.severity === "ERROR" && d.code === "SCHEMA_VALIDATION_FAILED")).toBe(
      true,
    );
  });

  test("ValidateStateMachineDefinition passes a valid definition", async () => {
    // GIVEN
    const definition = JSON.stringify({ StartAt: "A", States: { A: { Type: "Pass", End: true } } });

    // WHEN
    const validated = await sfn.send(new ValidateStateMachineDefinitionCommand({ definition }));

    // THEN
    expect([validated.result, validated.diagnostics]).toEqual(["OK", []]);
  });

  test("ListStateMachineVersions lists no version of a machine that never published one", async () => {
    // GIVEN
    const { stateMachineArn } = await sfn.send(
      new CreateStateMachineCommand({
        name: "unpublished",
        roleArn: `arn:aws:iam::${first.accountId}:role/sfn`,
        definition: JSON.stringify({ StartAt: "A", States: { A: { Type: "Pass", End: true } } }),
      }),
    );

    // WHEN
    const listed = await sfn.send(new ListStateMachineVersionsCommand({ stateMachineArn }));

    // THEN
    expect(listed.stateMachineVersions).toEqual([]);
  });

  test("StartExecution loses no execution that starts while moto copies the machine for another, as AWS loses none", () => {
    // WHEN: the second execution starts, in a thread of its own, in the middle of the first one's copy
    const run = spawnSync("python3", [path.join(__dirname, "support", "start-during-copy.py")], {
      encoding: "utf8",
      env: { ...process.env, PYTHONDONTWRITEBYTECODE: "1" },
    });

    // THEN
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout)).toEqual({ listed: ["first", "second"], described: ["first", "second"] });
  });

  // The last test: the server it stops is done with. afterAll's stop() is then a no-op.
  test("stop ends the server: its port refuses connections", async () => {
    // WHEN
    await second.stop();

    // THEN
    await expect(fetch(second.endpoint)).rejects.toThrow();
  });
});

import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { awsProviderBinary, reattachValue, startProviderServer } from "./provider-server";

const REATTACH =
  '{"registry.terraform.io/hashicorp/aws":{"Protocol":"grpc","ProtocolVersion":5,"Pid":42,"Test":true,"Addr":{"Network":"unix","String":"/tmp/plugin1"}}}';

let scratch: string;
beforeEach(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), "finetune-provider-"));
});
afterEach(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** The fake's line that a provider started with -debug prints. */
const PRINT_REATTACH = `console.log(${JSON.stringify(`\tTF_REATTACH_PROVIDERS='${REATTACH}'`)});`;

/** An executable Node script standing in for the provider binary. */
function fakeProvider(body: string): string {
  const file = path.join(scratch, "terraform-provider-aws_v5.100.0_x5");
  fs.writeFileSync(file, `#!${process.execPath}\nconst fs = require("fs");\n${body}\n`, { mode: 0o755 });
  return file;
}

describe("reattachValue", () => {
  test("reads the value a provider started with -debug prints", () => {
    const stdout = `Provider started. To attach Terraform CLI, set the TF_REATTACH_PROVIDERS environment variable with the following:\n\n\tTF_REATTACH_PROVIDERS='${REATTACH}'\n`;
    expect(JSON.parse(reattachValue(stdout)!)).toEqual(JSON.parse(REATTACH));
  });

  test("nothing yet, before the line is complete", () => {
    expect(reattachValue(`\tTF_REATTACH_PROVIDERS='{"registry.terraform.io`)).toBeUndefined();
  });
});

describe("awsProviderBinary", () => {
  test("the binary in the mirror's folder for the version and platform", () => {
    const dir = path.join(scratch, "registry.terraform.io", "hashicorp", "aws", "5.100.0", "linux_amd64");
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "LICENSE.txt"), "");
    fs.writeFileSync(path.join(dir, "terraform-provider-aws_v5.100.0_x5"), "");
    const toolchain = { terraform: "/usr/local/bin/terraform", mirror: scratch, awsProviderVersion: "5.100.0" };
    expect(awsProviderBinary(toolchain, "linux_amd64")).toBe(path.join(dir, "terraform-provider-aws_v5.100.0_x5"));
  });
});

describe("startProviderServer", () => {
  test("serves once the provider prints its reattach value, and stop() stops it gracefully", async () => {
    // GIVEN a provider that says how it was stopped
    const mark = path.join(scratch, "stopped-by");
    const binary = fakeProvider(
      [
        `process.on("SIGINT", () => { fs.writeFileSync(${JSON.stringify(mark)}, "SIGINT " + process.argv[2] + " " + process.env.TF_LOG_SDK_PROTO); process.exit(0); });`,
        PRINT_REATTACH,
        "setInterval(() => undefined, 1000);",
      ].join("\n"),
    );

    // WHEN
    const server = await startProviderServer(binary, process.env, scratch);
    await server.stop();

    // THEN
    expect(JSON.parse(server.reattach)).toEqual(JSON.parse(REATTACH));
    expect(fs.readFileSync(mark, "utf8")).toBe("SIGINT -debug off");
  });

  test("a provider that exits before it serves: refused, with its output", async () => {
    const binary = fakeProvider('process.stderr.write("This binary is a plugin.\\n"); process.exit(1);');
    await expect(startProviderServer(binary, process.env, scratch)).rejects.toThrow(
      `${binary} -debug exited with 1 before it served:\nThis binary is a plugin.\n`,
    );
  });

  test("stop() resolves for a provider that has already stopped by itself", async () => {
    const binary = fakeProvider(`${PRINT_REATTACH} process.exit(0);`);
    const server = await startProviderServer(binary, process.env, scratch);
    await expect(server.stop()).resolves.toBeUndefined();
  });
});

// `npm run deploy`'s own checks: the example's variables, and the region it stops without. The
// real cdktf CLI and Terraform runs are in the deploy suite (test/deploy/deploy-script.test.ts).
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

const hcl2json: { parse(file: string, text: string): Promise<Record<string, unknown>> } = require("@cdktf/hcl2json");

const ROOT = path.resolve(__dirname, "../..");
const DEPLOY = path.join(ROOT, "tools", "deploy.js");
const TFVARS = path.join(ROOT, "examples", "finetune-workflow.tfvars.example");
describe("examples/finetune-workflow.tfvars.example", () => {
  const parse = async (file: string) => hcl2json.parse(path.basename(file), fs.readFileSync(file, "utf8"));

  test("sets every variable of the module, and nothing else", async () => {
    // GIVEN
    const variables = Object.keys((await parse(path.join(ROOT, "terraform", "variables.tf"))).variable as object);

    // WHEN
    const tfvars = await parse(TFVARS);

    // THEN
    expect(Object.keys(tfvars).sort()).toEqual(variables.sort());
  });

  test("holds the values of the HCL example's terraform.tfvars.example, less the root stack's aws_region", async () => {
    // GIVEN
    const { aws_region: _region, ...hclExample } = await parse(
      path.join(ROOT, "examples", "hcl-consumer", "terraform.tfvars.example"),
    );

    // WHEN
    const tfvars = await parse(TFVARS);

    // THEN
    expect(tfvars).toEqual(hclExample);
  });
});

describe("npm run deploy, without AWS_REGION", () => {
  test("stops before cdktf starts, saying where the region comes from", () => {
    // GIVEN
    const env = Object.fromEntries(
      Object.entries(process.env).filter(([key]) => key !== "AWS_REGION" && key !== "AWS_DEFAULT_REGION"),
    );

    // WHEN
    const result = spawnSync(process.execPath, [DEPLOY], { cwd: ROOT, encoding: "utf8", env });

    // THEN
    expect({ status: result.status, stdout: result.stdout, stderr: result.stderr }).toEqual({
      status: 1,
      stdout: "",
      stderr:
        "npm run deploy: set AWS_REGION to the region to deploy to. The module has no provider block, so the AWS provider reads its region from the environment.\n",
    });
  });
});

import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Toolchain } from "./toolchain";
import { copyStack, REPO_ROOT, variablesOnly, withoutBackend, withoutExpectedFailures } from "./working-copy";

/** A module in the shape the synthesized one has: a version constraint, a region read, a variable. */
const synthesized = {
  terraform: {
    required_version: ">= 1.11.0, < 2.0.0",
    required_providers: { aws: { source: "hashicorp/aws", version: ">= 6.0, < 7.0" } },
  },
  data: { aws_region: { current: {} } },
  output: { region: { value: "${data.aws_region.current.region}" } },
  variable: { subnet_ids: { type: "list(string)", description: "Subnet IDs for the ECR task" } },
};
const TOOLCHAIN_5X: Toolchain = {
  terraform: "/usr/local/bin/terraform",
  mirror: "/opt/tf-plugins",
  awsProviderVersion: "5.100.0",
};

/** Where examples/hcl-consumer/main.tf calls the module from, as written in it. */
const moduleSourceOf = (mainTf: string) => /module "finetune" \{\s*source\s*=\s*"([^"]+)"/.exec(mainTf)![1];

let sandbox: string;
beforeEach(() => {
  sandbox = fs.mkdtempSync(path.join(os.tmpdir(), "finetune-copy-"));
});
afterEach(() => fs.rmSync(sandbox, { recursive: true, force: true }));

describe("variablesOnly", () => {
  test("keeps the module's variables and its Terraform version, nothing else", () => {
    expect(variablesOnly(synthesized)).toEqual({
      terraform: { required_version: ">= 1.11.0, < 2.0.0" },
      variable: synthesized.variable,
    });
  });
});

describe("withoutBackend", () => {
  test("drops the backend and keeps the rest of the terraform block", () => {
    const stack = {
      terraform: { backend: { s3: { bucket: "state" } }, required_providers: { aws: { version: "6.25.0" } } },
      resource: {},
    };
    expect(withoutBackend(stack)).toEqual({
      terraform: { required_providers: { aws: { version: "6.25.0" } } },
      resource: {},
    });
  });
});

describe("withoutExpectedFailures", () => {
  test("drops the expect_failures line and keeps the rest of the file as written", () => {
    const tftest = [
      'run "refused" {',
      "  command = plan",
      "",
      "  expect_failures = [var.s3_bucket_name]",
      "}",
      "",
    ].join("\n");
    expect(withoutExpectedFailures(tftest)).toBe(['run "refused" {', "  command = plan", "", "}", ""].join("\n"));
  });

  test("a file without one is refused, rather than copied as it is", () => {
    expect(() => withoutExpectedFailures('run "ok" {\n  command = plan\n}\n')).toThrow(
      "The test file has no expect_failures line to remove.",
    );
  });
});

describe("copyStack", () => {
  test("copies the HCL example, shimmed, and writes the module where its source points", async () => {
    // WHEN
    const copy = await copyStack(sandbox, "examples/hcl-consumer", synthesized, TOOLCHAIN_5X, [
      { from: "examples/hcl-consumer/terraform.tfvars.example", to: "terraform.tfvars" },
    ]);
    // THEN
    const source = moduleSourceOf(fs.readFileSync(path.join(REPO_ROOT, "examples/hcl-consumer/main.tf"), "utf8"));
    const written = JSON.parse(fs.readFileSync(path.join(copy, source, "cdk.tf.json"), "utf8"));
    expect(copy).toBe(path.join(sandbox, "examples/hcl-consumer"));
    expect(written.terraform.required_providers.aws.version).toBe("5.100.0");
    expect(fs.readFileSync(path.join(copy, "main.tf"), "utf8")).toContain('version = "5.100.0"');
    expect(fs.readFileSync(path.join(copy, "terraform.tfvars"), "utf8")).toBe(
      fs.readFileSync(path.join(REPO_ROOT, "examples/hcl-consumer/terraform.tfvars.example"), "utf8"),
    );
  });

  test("a 6.x mirror gets the module as shipped", async () => {
    const copy = await copyStack(sandbox, "examples/hcl-consumer", synthesized, {
      ...TOOLCHAIN_5X,
      awsProviderVersion: "6.25.0",
    });
    const source = moduleSourceOf(fs.readFileSync(path.join(copy, "main.tf"), "utf8"));
    expect(JSON.parse(fs.readFileSync(path.join(copy, source, "cdk.tf.json"), "utf8"))).toEqual(synthesized);
    expect(fs.readFileSync(path.join(copy, "main.tf"), "utf8")).toBe(
      fs.readFileSync(path.join(REPO_ROOT, "examples/hcl-consumer/main.tf"), "utf8"),
    );
  });

  test("a function places the module instead, in the empty folder where the source points", async () => {
    const seen: string[][] = [];
    const copy = await copyStack(
      sandbox,
      "examples/hcl-consumer",
      (dir) => {
        seen.push(fs.readdirSync(dir));
        fs.writeFileSync(path.join(dir, "main.tf.json"), "{}");
      },
      TOOLCHAIN_5X,
    );
    const source = moduleSourceOf(fs.readFileSync(path.join(copy, "main.tf"), "utf8"));
    expect(seen).toEqual([[]]);
    expect(fs.readdirSync(path.join(copy, source))).toEqual(["main.tf.json"]);
  });

  test("a folder that calls no local module is refused", async () => {
    await expect(copyStack(sandbox, "test/terraform/tests", synthesized, TOOLCHAIN_5X)).rejects.toThrow(
      "test/terraform/tests calls no local module to place the synthesized one at.",
    );
  });
});

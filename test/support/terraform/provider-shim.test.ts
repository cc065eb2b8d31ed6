import * as fs from "fs";
import * as path from "path";
import { synthModule } from "../synthesized";
import { needsShim, shimHcl, shimRegionReads, shimTerraformJson } from "./provider-shim";

const synthesized = synthModule().tf;
const EXAMPLE_MAIN_TF = fs.readFileSync(path.resolve(__dirname, "../../../examples/hcl-consumer/main.tf"), "utf8");
const count = (text: string, needle: string) => text.split(needle).length - 1;

describe("needsShim", () => {
  test.each([
    ["5.100.0", true],
    ["6.0.0", false],
    ["6.25.0", false],
  ])("a mirror with hashicorp/aws %s: %p", (version, expected) => {
    expect(needsShim(version)).toBe(expected);
  });

  test("a 7.x mirror cannot stand in for the module's constraint", () => {
    expect(() => needsShim("7.0.0")).toThrow(
      "The mirror's hashicorp/aws 7.0.0 cannot stand in for the module's \">= 6.0, < 7.0\".",
    );
  });
});

describe("shimTerraformJson on the synthesized module", () => {
  const shimmed = shimTerraformJson(synthesized, "5.100.0");

  test("relaxes the aws version constraint to the mirror's version, keeping the source", () => {
    expect(shimmed.terraform.required_providers.aws).toEqual({ source: "hashicorp/aws", version: "5.100.0" });
  });

  test("reads every data.aws_region.current.region as .name", () => {
    const before = JSON.stringify(synthesized);
    const after = JSON.stringify(shimmed);
    expect(count(before, "data.aws_region.current.name")).toBe(0);
    expect([count(after, "data.aws_region.current.region"), count(after, "data.aws_region.current.name")]).toEqual([
      0,
      count(before, "data.aws_region.current.region"),
    ]);
  });

  test("changes nothing else", () => {
    const undone = JSON.stringify(shimmed)
      .split("data.aws_region.current.name")
      .join("data.aws_region.current.region")
      .replace('"version":"5.100.0"', '"version":">= 6.0, < 7.0"');
    expect(undone).toBe(JSON.stringify(synthesized));
  });

  test("leaves its input alone", () => {
    expect(synthesized.terraform.required_providers.aws.version).toBe(">= 6.0, < 7.0");
  });
});

describe("shimTerraformJson on an app's stack", () => {
  test("reads the region of each declared aws_region data source as .name, whatever its name, and no other", () => {
    // GIVEN a workflow's scoped region, and a region data source that is not declared
    const config = {
      terraform: { required_providers: { aws: { version: ">= 6.0" } } },
      data: { aws_region: { prod_region_8BEF3594: {} } },
      output: {
        a: { value: "${data.aws_region.prod_region_8BEF3594.region}" },
        b: { value: "${data.aws_region.elsewhere.region}" },
      },
    };
    // WHEN
    const shimmed = shimTerraformJson(config, "5.100.0");
    // THEN
    expect(shimmed.output).toEqual({
      a: { value: "${data.aws_region.prod_region_8BEF3594.name}" },
      b: { value: "${data.aws_region.elsewhere.region}" },
    });
  });
});

describe("shimTerraformJson fails loudly when it has nothing to rewrite", () => {
  test("no aws version constraint", () => {
    const { required_providers: _dropped, ...terraform } = synthesized.terraform;
    expect(() => shimTerraformJson({ ...synthesized, terraform }, "5.100.0")).toThrow(
      "Provider shim: the configuration has no terraform.required_providers.aws.version to relax.",
    );
  });

  test("data.aws_region.current declared but never read as .region", () => {
    const config = {
      terraform: { required_providers: { aws: { version: ">= 6.0" } } },
      data: { aws_region: { current: {} } },
    };
    expect(() => shimTerraformJson(config, "5.100.0")).toThrow(
      "Provider shim: data.aws_region.current is declared but no `.region` read of it was found to rewrite.",
    );
  });
});

describe("shimHcl", () => {
  test("relaxes the example's aws constraint and changes nothing else", () => {
    const shimmed = shimHcl(EXAMPLE_MAIN_TF, "5.100.0");
    expect(count(EXAMPLE_MAIN_TF, 'version = ">= 6.0, < 7.0"')).toBe(1);
    expect(shimmed).toBe(EXAMPLE_MAIN_TF.replace('version = ">= 6.0, < 7.0"', 'version = "5.100.0"'));
  });

  test("fails on a file without an aws constraint", () => {
    expect(() => shimHcl('terraform {\n  required_version = ">= 1.11"\n}\n', "5.100.0")).toThrow(
      "Provider shim: no required_providers aws version constraint found to relax.",
    );
  });

  test("fails on a file that reads the region as provider 6 does", () => {
    const text = `${EXAMPLE_MAIN_TF}\noutput "region" {\n  value = data.aws_region.current.region\n}\n`;
    expect(() => shimHcl(text, "5.100.0")).toThrow(/this one reads data\.aws_region\.current\.region/);
  });
});

describe("shimRegionReads", () => {
  const hcl = [
    'data "aws_region" "current" {}',
    "locals {",
    '  arn = "arn:aws:states:${data.aws_region.current.region}:1:stateMachine:x"',
    "  other = data.aws_region.here.region",
    "}",
  ].join("\n");

  test("reads every region data source's .region as .name for a 5.x mirror", () => {
    expect(shimRegionReads(hcl, "5.100.0")).toBe(
      hcl.replace("current.region", "current.name").replace("here.region", "here.name"),
    );
  });

  test("leaves the HCL as it is for a 6.x mirror", () => {
    expect(shimRegionReads(hcl, "6.25.0")).toBe(hcl);
  });

  test("fails loudly on HCL that reads no region", () => {
    expect(() => shimRegionReads('locals { x = "y" }', "5.100.0")).toThrow(
      "Provider shim: the HCL reads no data.aws_region.<name>.region to rewrite.",
    );
  });
});

import { hclString, renderCliConfig, terraformEnv } from "./cli-config";

const hcl2json: { parse(file: string, text: string): Promise<Record<string, any>> } = require("@cdktf/hcl2json");

describe("renderCliConfig", () => {
  test("installs registry.terraform.io providers from the mirror only", () => {
    expect(renderCliConfig("/opt/tf-plugins")).toBe(
      [
        "provider_installation {",
        "  filesystem_mirror {",
        '    path    = "/opt/tf-plugins"',
        '    include = ["registry.terraform.io/*/*"]',
        "  }",
        "  direct {",
        '    exclude = ["registry.terraform.io/*/*"]',
        "  }",
        "}",
        "",
      ].join("\n"),
    );
  });

  test("a mirror path with quotes and a template sequence stays one literal string", async () => {
    const mirror = '/mnt/"odd" ${dir}\\plugins';
    const parsed = await hcl2json.parse("terraform.tfrc", renderCliConfig(mirror));
    // hcl2json keeps a template escape as written; Terraform reads `$${` as a literal `${`.
    expect(parsed.provider_installation[0].filesystem_mirror[0].path).toBe('/mnt/"odd" $${dir}\\plugins');
  });
});

describe("hclString", () => {
  test.each([
    ["plain", '"plain"'],
    ['a "quote"', '"a \\"quote\\""'],
    ["a\\b", '"a\\\\b"'],
    ["${x} and %{y}", '"$${x} and %%{y}"'],
  ])("%j is written %s", (value, expected) => {
    expect(hclString(value)).toBe(expected);
  });
});

describe("terraformEnv", () => {
  const env = terraformEnv("/tmp/x/terraform.tfrc", {
    PATH: "/usr/bin",
    HOME: "/root",
    TF_LOG: "trace",
    TF_VAR_kms_key_arn: "x",
    TF_CLI_CONFIG_FILE: "/root/.terraformrc",
  });

  test("runs Terraform with our CLI configuration, no prompt, no update check and less garbage collection", () => {
    expect(env).toEqual({
      PATH: "/usr/bin",
      HOME: "/root",
      TF_CLI_CONFIG_FILE: "/tmp/x/terraform.tfrc",
      TF_IN_AUTOMATION: "1",
      TF_INPUT: "0",
      CHECKPOINT_DISABLE: "1",
      GOGC: "400",
    });
  });
});

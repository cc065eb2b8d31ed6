// terraform/ is what HCL users source by release tag, and what `cdktf get` reads: it must be
// exactly what the generator writes from a fresh synth of this source, as
// `npm run module -- --check` judges it, and mean exactly what the synth means.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as moduleDocs from "../../tools/docs/module-readme";
import { extractBlock } from "../../tools/docs/readme-blocks";
import * as variablesTf from "../../tools/docs/variables-tf";
import { asHcl2jsonReadsThem, parseVariablesTf, type TerraformJson } from "../support/committed-module";
import { synthesizedText } from "../support/synthesized";
import { describeWithTerraform } from "../support/terraform/suite";
import { withHint } from "../support/with-hint";

const { moduleFiles, readRelease } = require("../../tools/module");
const hcl2json: { parse(file: string, text: string): Promise<any> } = require("@cdktf/hcl2json");

const ROOT = path.resolve(__dirname, "../..");
const MODULE_DIR = path.join(ROOT, moduleDocs.MODULE_DIR);
const STALE = "terraform/ differs from a fresh synth of the source: run `npm run module` and commit the result.";

// Generated once for the file, from the run's synth of the module.
const synthesized: TerraformJson = JSON.parse(synthesizedText());
const generated: Record<string, string> = moduleFiles(synthesizedText(), moduleDocs, variablesTf);

const committed = (name: string) => fs.readFileSync(path.join(MODULE_DIR, name), "utf8");

describe("terraform/, the committed module", () => {
  test.each([moduleDocs.MODULE_FILE, moduleDocs.VARIABLES_FILE, moduleDocs.MODULE_README])(
    "%s is what the generator writes from a fresh synth",
    (name) => {
      // GIVEN
      const text = committed(name);

      // WHEN
      const fresh = generated[name];

      // THEN
      withHint(STALE, () => expect(text).toBe(fresh));
    },
  );

  test("main.tf.json is the synthesized module without its variable blocks, every byte of the rest the same", () => {
    // GIVEN
    const text = synthesizedText();

    // WHEN
    const main = generated[moduleDocs.MODULE_FILE];

    // THEN
    expect(text.startsWith(main.slice(0, -2))).toBe(true);
    const { variable: _variables, ...rest } = synthesized;
    expect(JSON.parse(main)).toEqual(rest);
  });

  test("variables.tf, as hcl2json reads it, declares the synthesized variables: the same types, defaults, descriptions and validations", async () => {
    // GIVEN
    const expected = asHcl2jsonReadsThem(synthesized.variable);

    // WHEN
    const variables = await parseVariablesTf(generated[moduleDocs.VARIABLES_FILE]);

    // THEN
    expect(Object.keys(variables)).toEqual(Object.keys(synthesized.variable));
    expect(variables).toEqual(expected);
  });

  test("the comparison fails on a copy that drops role_namespace's empty default, as cdktf's own HCL output does", async () => {
    // GIVEN
    const text = generated[moduleDocs.VARIABLES_FILE];
    const broken = text.replace(/(variable "role_namespace" \{\n(?:.*\n)*?) {2}default *= ""\n/, "$1");

    // WHEN
    const variables = await parseVariablesTf(broken);

    // THEN
    expect(broken).not.toBe(text);
    expect(variables).not.toEqual(asHcl2jsonReadsThem(synthesized.variable));
    expect(variables.role_namespace).not.toHaveProperty("default");
  });

  test("holds no Terraform file besides main.tf.json and variables.tf", () => {
    // GIVEN
    const names = fs.readdirSync(MODULE_DIR);

    // WHEN
    const configFiles = names.filter((name) => /\.tf(\.json)?$/.test(name));

    // THEN
    expect(configFiles.sort()).toEqual([moduleDocs.MODULE_FILE, moduleDocs.VARIABLES_FILE]);
  });

  test("the usage block is HCL that sources the folder at this version's tag and passes every required input", async () => {
    // GIVEN
    const usage = extractBlock(generated[moduleDocs.MODULE_README], "MODULE_USAGE");
    const hcl = /```hcl\n([\s\S]*)```/.exec(usage)?.[1] ?? "";
    const required = Object.entries<Record<string, unknown>>(synthesized.variable)
      .filter(([, variable]) => !("default" in variable))
      .map(([name]) => name);

    // WHEN
    const [call] = (await hcl2json.parse("usage.tf", hcl)).module.finetune;

    // THEN
    expect(call.source).toBe(moduleDocs.moduleSource(readRelease()));
    expect(call.source.slice(call.source.indexOf("//terraform"))).toBe(`//terraform?ref=v${readRelease().version}`);
    expect(Object.keys(call).filter((key) => key !== "source")).toEqual(required);
  });
});

/** A variable of every kind the renderer writes: each escape, each default, a template in a template. */
const EVERY_KIND = {
  variable: {
    texts: {
      description: 'A "quoted" \\ backslash, a literal ${not_a_template} and %{ nor_a_directive }, a tab\t.',
      type: "map(string)",
      default: { environment: "prod", "cost/center": "${literal}", empty: "" },
      validation: [
        {
          condition: '${alltrue([for k, v in var.texts : can(regex("^[^\\\\\\"]*$", v))])}',
          error_message: 'No "\\" in ${join(", ", keys(var.texts))}, nor ${"${length(var.texts)}-x"}; cost $${x}.',
        },
      ],
    },
    count: { type: "number", default: 3 },
    names: { type: "list(string)", default: ["a", "b"] },
    flag: { type: "bool", default: false },
    boundary: { type: "string", default: null },
    required: { type: "string", description: "" },
  },
};

describe("the renderer, read back by hcl2json", () => {
  test("means what the JSON means, for every escape, default and nested template", async () => {
    // GIVEN
    const text = variablesTf.renderVariablesTf(EVERY_KIND);

    // WHEN
    const variables = await parseVariablesTf(text);

    // THEN
    expect(variables).toEqual(asHcl2jsonReadsThem(EVERY_KIND.variable));
  });
});

describeWithTerraform("terraform/variables.tf and terraform fmt", (toolchain) => {
  /** What `terraform fmt` makes of `text`. */
  const formatted = (text: string): string => {
    const result = spawnSync(toolchain().terraform, ["fmt", "-no-color", "-"], { input: text, encoding: "utf8" });
    if (result.status !== 0) throw new Error(`terraform fmt failed:\n${result.stderr}`);
    return result.stdout;
  };

  test("is as terraform fmt writes it", () => {
    // GIVEN
    const text = generated[moduleDocs.VARIABLES_FILE];

    // WHEN
    const fmt = formatted(text);

    // THEN
    expect(fmt).toBe(text);
  });

  test("the renderer lays out every kind of variable as terraform fmt does", () => {
    // GIVEN
    const text = variablesTf.renderVariablesTf(EVERY_KIND);

    // WHEN
    const fmt = formatted(text);

    // THEN
    expect(fmt).toBe(text);
  });

  test("the check fails on a copy whose attributes are not aligned", () => {
    // GIVEN
    const misaligned = generated[moduleDocs.VARIABLES_FILE].replace("  type        = string", "  type = string");

    // WHEN
    const fmt = formatted(misaligned);

    // THEN
    expect(fmt).not.toBe(misaligned);
  });
});

describe("README.md MODULE_USAGE block", () => {
  test("is the committed module's usage block", () => {
    // GIVEN
    const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");

    // WHEN
    const block = extractBlock(readme, "MODULE_USAGE");

    // THEN
    withHint("README.md's MODULE_USAGE block is stale: run `npm run docs`.", () =>
      expect(block).toBe(extractBlock(generated[moduleDocs.MODULE_README], "MODULE_USAGE")),
    );
  });
});

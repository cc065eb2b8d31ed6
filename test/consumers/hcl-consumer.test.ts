import * as fs from "fs";
import * as path from "path";
import { MODULE_DIR } from "../../tools/docs/module-readme";
import type { FinetuneWorkflowProps } from "../../src/interface/props";
import { AWS_PROVIDER, TERRAFORM_VERSION } from "../../src/interface/requirements";
import { findProblems } from "../../src/interface/validation";
import { OUTPUTS, VARIABLES } from "../../src/interface/variables";

const hcl2json: { parse(file: string, text: string): Promise<any> } = require("@cdktf/hcl2json");

const ROOT = path.resolve(__dirname, "../..");
const EXAMPLE = path.join(ROOT, "examples", "hcl-consumer");

type Blocks = Record<string, Record<string, any[]>>;

/** Each .tf file parsed, and its named blocks (module, variable, output) merged by type. */
async function parseExample(): Promise<{
  files: Record<string, any>;
  blocks: Blocks;
  tfvars: Record<string, unknown>;
}> {
  const files: Record<string, any> = {};
  const blocks: Blocks = { module: {}, variable: {}, output: {} };
  for (const file of fs.readdirSync(EXAMPLE).filter((f) => f.endsWith(".tf"))) {
    files[file] = await hcl2json.parse(file, fs.readFileSync(path.join(EXAMPLE, file), "utf8"));
    for (const type of Object.keys(blocks)) Object.assign(blocks[type], files[file][type]);
  }
  const tfvarsFile = path.join(EXAMPLE, "terraform.tfvars.example");
  const tfvars = await hcl2json.parse("terraform.tfvars", fs.readFileSync(tfvarsFile, "utf8"));
  return { files, blocks, tfvars };
}

describe("examples/hcl-consumer", () => {
  let files: Record<string, any>;
  let blocks: Blocks;
  let tfvars: Record<string, unknown>;
  let call: Record<string, unknown>;

  beforeAll(async () => {
    ({ files, blocks, tfvars } = await parseExample());
    call = blocks.module.finetune[0];
  });

  test("the module source is the committed module folder", () => {
    expect(path.resolve(EXAMPLE, call.source as string)).toBe(path.join(ROOT, MODULE_DIR));
  });

  test("the module call passes every required variable", () => {
    const required = VARIABLES.filter((v) => !("default" in v)).map((v) => v.name);
    expect(required.filter((name) => !(name in call))).toEqual([]);
  });

  test("the module call passes no unknown variable", () => {
    const known = new Set(["source", ...VARIABLES.map((v) => v.name)]);
    expect(Object.keys(call).filter((name) => !known.has(name))).toEqual([]);
  });

  test("the module call passes every input, each from the example variable of the same name", () => {
    const passed = Object.fromEntries(VARIABLES.map((v) => [v.name, call[v.name]]));
    expect(passed).toEqual(Object.fromEntries(VARIABLES.map((v) => [v.name, `\${var.${v.name}}`])));
  });

  test("the example declares each module variable with the module's type and default", () => {
    for (const spec of VARIABLES) {
      const [declared] = blocks.variable[spec.name];
      expect({ name: spec.name, type: declared.type, default: declared.default }).toEqual({
        name: spec.name,
        type: `\${${spec.type}}`,
        default: spec.default,
      });
    }
  });

  test("the provider is configured, with the version requirements the module states", () => {
    expect(files["main.tf"].provider.aws).toEqual([{ region: "${var.aws_region}" }]);
    const [terraform] = files["main.tf"].terraform;
    expect(terraform.required_version).toBe(TERRAFORM_VERSION);
    expect(terraform.required_providers[0].aws).toEqual(AWS_PROVIDER);
  });

  test("the example outputs every module output", () => {
    const outputs = Object.values(OUTPUTS).map((o) => o.name);
    expect(Object.keys(blocks.output).sort()).toEqual([...outputs].sort());
    for (const name of outputs) expect(blocks.output[name][0].value).toBe(`\${module.finetune.${name}}`);
  });

  test("terraform.tfvars.example sets every variable the example declares, and nothing else", () => {
    expect(Object.keys(tfvars).sort()).toEqual(Object.keys(blocks.variable).sort());
  });

  test("terraform.tfvars.example's values pass the module's validation", () => {
    const props = Object.fromEntries(VARIABLES.map((v) => [v.prop, tfvars[v.name] ?? undefined]));
    expect(findProblems(props as unknown as FinetuneWorkflowProps, () => false)).toEqual([]);
  });
});

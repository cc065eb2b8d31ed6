// terraform/ is what HCL users source by release tag: it must be exactly what the generator
// writes from a fresh synth of this source, as `npm run module -- --check` judges it.
import * as fs from "fs";
import * as path from "path";
import * as moduleDocs from "../../src/docs/module-readme";
import { extractBlock } from "../../src/docs/readme-blocks";
import { synthesizedText } from "../support/synthesized";
import { withHint } from "../support/with-hint";

const { moduleFiles, readRelease } = require("../../scripts/module");
const hcl2json: { parse(file: string, text: string): Promise<any> } = require("@cdktf/hcl2json");

const ROOT = path.resolve(__dirname, "../..");
const MODULE_DIR = path.join(ROOT, moduleDocs.MODULE_DIR);
const STALE = "terraform/ differs from a fresh synth of the source: run `npm run module` and commit the result.";

// Generated once for the file, from the run's synth of the module.
const generated: Record<string, string> = moduleFiles(synthesizedText(), moduleDocs);

describe("terraform/, the committed module", () => {
  test("main.tf.json is byte for byte the synthesized module", () => {
    // GIVEN
    const committed = fs.readFileSync(path.join(MODULE_DIR, moduleDocs.MODULE_FILE), "utf8");

    // WHEN
    const fresh = generated[moduleDocs.MODULE_FILE];

    // THEN
    withHint(STALE, () => expect(committed).toBe(fresh));
  });

  test("README.md is what the generator renders", () => {
    // GIVEN
    const committed = fs.readFileSync(path.join(MODULE_DIR, moduleDocs.MODULE_README), "utf8");

    // WHEN
    const fresh = generated[moduleDocs.MODULE_README];

    // THEN
    withHint(STALE, () => expect(committed).toBe(fresh));
  });

  test("holds no Terraform file besides main.tf.json", () => {
    // GIVEN
    const names = fs.readdirSync(MODULE_DIR);

    // WHEN
    const configFiles = names.filter((name) => /\.tf(\.json)?$/.test(name));

    // THEN
    expect(configFiles).toEqual([moduleDocs.MODULE_FILE]);
  });

  test("the usage block is HCL that sources the folder at this version's tag and passes every required input", async () => {
    // GIVEN
    const usage = extractBlock(generated[moduleDocs.MODULE_README], "MODULE_USAGE");
    const hcl = /```hcl\n([\s\S]*)```/.exec(usage)?.[1] ?? "";
    const required = Object.entries<Record<string, unknown>>(JSON.parse(generated[moduleDocs.MODULE_FILE]).variable)
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

import * as fs from "fs";
import * as path from "path";
import { Testing } from "cdktf";
import { testApp } from "../support/app";
import { extractBlock } from "../../src/docs/readme-blocks";
import { renderTerraformDocs } from "../../src/docs/terraform-docs";
import { FinetuneWorkflowModule } from "../../src/module-stack";
import { CONTRACT_README } from "../support/contract/contract";
import { withHint } from "../support/with-hint";

const README = path.resolve(__dirname, "../../README.md");

function readBlock(file: string): string {
  return extractBlock(fs.readFileSync(file, "utf8"), "TF_DOCS");
}

describe("README TF_DOCS block", () => {
  test("is what the synthesized module renders", () => {
    // GIVEN
    const synthesized = JSON.parse(Testing.synth(new FinetuneWorkflowModule(testApp(), "finetune-workflow")));

    // WHEN
    const rendered = renderTerraformDocs(synthesized);

    // THEN
    withHint("README.md's TF_DOCS block is out of date with the module: run `npm run docs`.", () =>
      expect(readBlock(README)).toBe(rendered),
    );
  });

  test("matches the contract module's documented interface", () => {
    // GIVEN
    const contract = readBlock(CONTRACT_README);

    // WHEN
    const readme = readBlock(README);

    // THEN
    expect(readme).toBe(contract);
  });
});

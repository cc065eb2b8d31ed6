import * as fs from "fs";
import * as path from "path";
import { Testing } from "cdktf";
import { extractBlock } from "../../src/docs/readme-blocks";
import { renderTerraformDocs } from "../../src/docs/terraform-docs";
import { FinetuneWorkflowModule } from "../../src/module-stack";
import { CONTRACT_README } from "../contract/contract";

const README = path.resolve(__dirname, "../../README.md");

function readBlock(file: string): string {
  return extractBlock(fs.readFileSync(file, "utf8"), "TF_DOCS");
}

/** Jest matchers take no custom message, so prefix the hint to the failure, keeping its diff. */
function withHint(hint: string, assertion: () => void): void {
  try {
    assertion();
  } catch (error) {
    if (error instanceof Error) error.message = `${hint}\n\n${error.message}`;
    throw error;
  }
}

describe("README TF_DOCS block", () => {
  test("is what the synthesized module renders", () => {
    // GIVEN
    const synthesized = JSON.parse(Testing.synth(new FinetuneWorkflowModule(Testing.app(), "finetune-workflow")));

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

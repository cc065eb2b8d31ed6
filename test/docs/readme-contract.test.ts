// The README's Terraform docs are the documented interface of the HCL module this one reproduces.
// That the block is what the module renders is checked with every generated block, in generated-docs.test.ts.
import * as fs from "fs";
import * as path from "path";
import { extractBlock } from "../../tools/docs/readme-blocks";
import { CONTRACT_README } from "../support/contract/contract";

const README = path.resolve(__dirname, "../../README.md");

function readBlock(file: string): string {
  return extractBlock(fs.readFileSync(file, "utf8"), "TF_DOCS");
}

describe("README TF_DOCS block", () => {
  test("matches the contract module's documented interface", () => {
    // GIVEN
    const contract = readBlock(CONTRACT_README);

    // WHEN
    const readme = readBlock(README);

    // THEN
    expect(readme).toBe(contract);
  });
});

// The docs' code blocks as the tools that run them read them (tools/markdown.js).
const { sectionBlocks } = require("../../tools/markdown");

const PAGE = [
  "# Usage",
  "",
  "### Installing",
  "",
  "```sh",
  "npm install a",
  "```",
  "",
  "```hcl",
  'x = "y"',
  "```",
  "",
  "#### A subsection stays in the section",
  "",
  "```sh",
  "npm install b",
  "npm install c",
  "```",
  "",
  "## The next section",
  "",
  "```sh",
  "npm install d",
  "```",
  "",
].join("\n");

describe("sectionBlocks", () => {
  test("the blocks of one language, in order, up to the next heading of level 1 to 3", () => {
    expect(sectionBlocks(PAGE, "### Installing", "sh")).toEqual(["npm install a\n", "npm install b\nnpm install c\n"]);
    expect(sectionBlocks(PAGE, "### Installing", "hcl")).toEqual(['x = "y"\n']);
  });

  test("the last section runs to the end of the page", () => {
    expect(sectionBlocks(PAGE, "## The next section", "sh")).toEqual(["npm install d\n"]);
  });

  test("none when the section has no block of that language", () => {
    expect(sectionBlocks(PAGE, "## The next section", "hcl")).toEqual([]);
  });

  test("undefined without the heading, which must be a whole line", () => {
    expect(sectionBlocks(PAGE, "### Install", "sh")).toBeUndefined();
    expect(sectionBlocks(PAGE, "### Starting the workflow", "sh")).toBeUndefined();
  });
});

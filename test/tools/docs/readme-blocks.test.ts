import { extractBlock, replaceBlock } from "../../../tools/docs/readme-blocks";

const README = ["# Title", "", "<!-- BEGIN_TF_DOCS -->", "old", "<!-- END_TF_DOCS -->", "", "Footer"].join("\n");

describe("extractBlock", () => {
  test("returns the raw text between the markers, newlines included", () => {
    // GIVEN
    const text = README;

    // WHEN
    const block = extractBlock(text, "TF_DOCS");

    // THEN
    expect(block).toBe("\nold\n");
  });

  test("finds the named block among others", () => {
    // GIVEN
    const text = "<!-- BEGIN_A -->a<!-- END_A --> <!-- BEGIN_B -->b<!-- END_B -->";

    // WHEN
    const block = extractBlock(text, "B");

    // THEN
    expect(block).toBe("b");
  });

  test("an END marker right after the BEGIN marker holds an empty block", () => {
    expect(extractBlock("<!-- BEGIN_A --><!-- END_A -->", "A")).toBe("");
  });

  test("rejects a missing BEGIN marker", () => {
    // GIVEN
    const text = "text\n<!-- END_TF_DOCS -->\n";

    // WHEN
    const extract = () => extractBlock(text, "TF_DOCS");

    // THEN
    expect(extract).toThrow("Marker `<!-- BEGIN_TF_DOCS -->` not found.");
  });

  test("rejects a missing END marker", () => {
    // GIVEN
    const text = "<!-- BEGIN_DIAGRAM -->\n";

    // WHEN
    const extract = () => extractBlock(text, "DIAGRAM");

    // THEN
    expect(extract).toThrow("Marker `<!-- END_DIAGRAM -->` not found.");
  });

  test("rejects a duplicated marker", () => {
    // GIVEN
    const text = `${README}\n<!-- BEGIN_TF_DOCS -->\n`;

    // WHEN
    const extract = () => extractBlock(text, "TF_DOCS");

    // THEN
    expect(extract).toThrow("Marker `<!-- BEGIN_TF_DOCS -->` appears 2 times; expected exactly once.");
  });

  test("rejects an END marker before the BEGIN marker", () => {
    // GIVEN
    const text = "<!-- END_X -->\n<!-- BEGIN_X -->";

    // WHEN
    const extract = () => extractBlock(text, "X");

    // THEN
    expect(extract).toThrow("Marker `<!-- END_X -->` comes before `<!-- BEGIN_X -->`.");
  });

  test("rejects a block name that could not form a marker", () => {
    // GIVEN
    const name = "TF DOCS";

    // WHEN
    const extract = () => extractBlock(README, name);

    // THEN
    expect(extract).toThrow('Block name must contain only letters, digits and underscores, got "TF DOCS".');
  });
});

describe("replaceBlock", () => {
  test("replaces only the content between the markers", () => {
    // GIVEN
    const content = "\nnew\nlines\n";

    // WHEN
    const updated = replaceBlock(README, "TF_DOCS", content);

    // THEN
    expect(updated).toBe(
      ["# Title", "", "<!-- BEGIN_TF_DOCS -->", "new", "lines", "<!-- END_TF_DOCS -->", "", "Footer"].join("\n"),
    );
  });

  test("round-trips with extractBlock", () => {
    // GIVEN
    const content = "\n| a | b |\n";

    // WHEN
    const updated = replaceBlock(README, "TF_DOCS", content);

    // THEN
    expect(extractBlock(updated, "TF_DOCS")).toBe(content);
  });

  test("takes replacement text literally, `$` patterns included", () => {
    // GIVEN
    const content = "$& $1 $$";

    // WHEN
    const updated = replaceBlock(README, "TF_DOCS", content);

    // THEN
    expect(extractBlock(updated, "TF_DOCS")).toBe("$& $1 $$");
  });

  test("rejects a missing marker", () => {
    // GIVEN
    const text = "# No markers\n";

    // WHEN
    const replace = () => replaceBlock(text, "TF_DOCS", "x");

    // THEN
    expect(replace).toThrow("Marker `<!-- BEGIN_TF_DOCS -->` not found.");
  });
});

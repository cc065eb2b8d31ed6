// The repository's prose: README.md, CONTRIBUTING.md and docs/*.md. Detail lives in tables and
// short bullets, every relative link leads somewhere, and the error names the pages mention are
// ones the workflow raises.
import * as fs from "fs";
import * as path from "path";
import * as configuration from "../../src/workflow/configuration";
import * as failure from "../../src/workflow/failure";
import { reportedError } from "../../src/workflow/failure";

const ROOT = path.resolve(__dirname, "../..");
const PAGES = [
  "README.md",
  "CONTRIBUTING.md",
  ...fs
    .readdirSync(path.join(ROOT, "docs"))
    .filter((name) => name.endsWith(".md"))
    .map((name) => `docs/${name}`),
];

/** About five lines of a hundred characters: longer, and a paragraph should be a table or bullets. */
const MAX_PARAGRAPH = 500;

const read = (page: string) => fs.readFileSync(path.join(ROOT, page), "utf8");

/** The page without its fenced code, and, with `generated`, without its generated blocks. */
function prose(markdown: string, { generated }: { generated: boolean }): string {
  const withoutBlocks = generated ? markdown : markdown.replace(/<!-- BEGIN_(\w+) -->[\s\S]*?<!-- END_\1 -->/g, "");
  return withoutBlocks.replace(/^```[\s\S]*?^```$/gm, "");
}

/** Paragraphs and list items, each as one line; headings, tables and comments are not prose. */
function paragraphs(markdown: string): string[] {
  const units: string[] = [];
  let current: string[] = [];
  const flush = () => {
    if (current.length > 0) units.push(current.join(" "));
    current = [];
  };
  for (const line of markdown.split("\n")) {
    const trimmed = line.trim();
    if (trimmed === "" || /^(#|\||<!--)/.test(trimmed)) flush();
    else if (/^([-*+]|\d+\.)\s/.test(trimmed)) {
      flush();
      current.push(trimmed);
    } else current.push(trimmed);
  }
  flush();
  return units;
}

/** GitHub's anchor for a heading: lower case, no punctuation but `-` and `_`, spaces as `-`. */
function slug(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/ /g, "-");
}

/** Every anchor a page offers: its headings' slugs (numbered when repeated) and `<a name>`s. */
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const found = new Set<string>();
  for (const [, heading] of prose(markdown, { generated: true }).matchAll(/^#{1,6} (.+)$/gm)) {
    const base = slug(heading);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    found.add(count === 0 ? base : `${base}-${count}`);
  }
  for (const [, name] of markdown.matchAll(/<a name="([^"]+)"><\/a>/g)) found.add(name);
  return found;
}

describe.each(PAGES)("%s", (page) => {
  const markdown = read(page);

  test(`has no paragraph or list item over ${MAX_PARAGRAPH} characters outside code and generated blocks`, () => {
    const long = paragraphs(prose(markdown, { generated: false }))
      .filter((unit) => unit.length > MAX_PARAGRAPH)
      .map((unit) => `${unit.length} characters: ${unit.slice(0, 80)}…`);
    expect(long).toEqual([]);
  });

  test("links only to files and anchors that exist", () => {
    const broken = [...prose(markdown, { generated: true }).matchAll(/\]\(([^)\s]+)\)/g)]
      // Markdown escapes such as terraform-docs' `\_` are not part of the target.
      .map(([, target]) => target.replace(/\\(.)/g, "$1"))
      .filter((target) => !/^[a-z]+:/.test(target))
      .filter((target) => {
        const [file, anchor] = target.split("#");
        const resolved = file === "" ? path.join(ROOT, page) : path.resolve(ROOT, path.dirname(page), file);
        if (!fs.existsSync(resolved)) return true;
        return anchor !== undefined && !anchors(fs.readFileSync(resolved, "utf8")).has(anchor);
      });
    expect(broken).toEqual([]);
  });

  test("names only errors the workflow raises", () => {
    // Its own names, and the names the Fail state gives Step Functions' errors, as the page names them.
    const renamed = [...markdown.matchAll(/\bStates\.\w+/g)].map(([name]) => reportedError(name));
    const raised = new Set<unknown>([
      ...[...Object.values(configuration), ...Object.values(failure)].filter((value) => typeof value === "string"),
      ...renamed,
    ]);
    const unknown = [...markdown.matchAll(/FinetuneWorkflow\.\w+/g)]
      .map(([name]) => name)
      .filter((name) => !raised.has(name));
    expect(unknown).toEqual([]);
  });
});

describe("paragraphs", () => {
  test("joins a paragraph's lines, splits list items, and leaves out headings, tables and comments", () => {
    // GIVEN
    const markdown = [
      "# Title",
      "",
      "One",
      "line.",
      "- item",
      "  more",
      "- next",
      "| a | b |",
      "<!-- c -->",
      "Last",
    ].join("\n");

    // WHEN
    const units = paragraphs(markdown);

    // THEN
    expect(units).toEqual(["One line.", "- item more", "- next", "Last"]);
  });
});

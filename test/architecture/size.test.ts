/**
 * Sizes a reader can hold in mind: no file of src/ over 350 lines and no function over 80, so
 * that changing one Task, one rule or one resource means reading one short piece.
 */
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";

const SRC = path.resolve(__dirname, "../../src");
const MAX_FILE_LINES = 350;
const MAX_FUNCTION_LINES = 80;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith(".ts") ? [full] : [];
  });
}

const isFunction = (node: ts.Node) =>
  ts.isFunctionDeclaration(node) ||
  ts.isMethodDeclaration(node) ||
  ts.isConstructorDeclaration(node) ||
  ts.isGetAccessorDeclaration(node) ||
  ts.isArrowFunction(node) ||
  ts.isFunctionExpression(node);

/** Each function of `text` longer than `limit` lines, as `<file>:<line> (<lines> lines)`. */
function longFunctions(file: string, text: string, limit: number): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (isFunction(node)) {
      const first = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const last = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      if (last - first + 1 > limit) found.push(`${file}:${first + 1} (${last - first + 1} lines)`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const files = sourceFiles(SRC).map((file) => ({
  name: path.relative(SRC, file),
  text: fs.readFileSync(file, "utf8"),
}));

describe("src/ sizes", () => {
  test(`no file is over ${MAX_FILE_LINES} lines`, () => {
    const lines = (text: string) => text.split("\n").length - (text.endsWith("\n") ? 1 : 0);
    expect(
      files.filter(({ text }) => lines(text) > MAX_FILE_LINES).map(({ name, text }) => `${name} (${lines(text)})`),
    ).toEqual([]);
  });

  test(`no function is over ${MAX_FUNCTION_LINES} lines`, () => {
    expect(files.flatMap(({ name, text }) => longFunctions(name, text, MAX_FUNCTION_LINES))).toEqual([]);
  });

  test("the function check measures a function from its first line to its last", () => {
    const body = Array.from({ length: 5 }, (_, i) => `  const v${i} = ${i};`).join("\n");
    const text = `function f() {\n${body}\n}\nconst g = () => {\n${body}\n};\n`;
    expect(longFunctions("f.ts", text, 6)).toEqual(["f.ts:1 (7 lines)", "f.ts:8 (7 lines)"]);
    expect(longFunctions("f.ts", text, 7)).toEqual([]);
  });
});

/**
 * How src/ depends on itself: no module imports, even only for types, a module that imports it
 * back, the pure logic never loads cdktf or the provider, and every package it loads is one the
 * cdktn build can translate.
 */
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";

const { renameSpecifier } = require("../../tools/cdktn-build");

const SRC = path.resolve(__dirname, "../../src");

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith(".ts") ? [full] : [];
  });
}

/**
 * Every module a file imports (`import`, `export ... from`, `require`, `import()`), resolved within
 * src/ or as a package name. TypeScript's scanner finds them, so the same words in a string or a
 * comment are not taken for an import.
 */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, "utf8");
  const specifiers = ts.preProcessFile(text, true, true).importedFiles.map((imported) => imported.fileName);
  return specifiers.map((spec) => {
    if (!spec.startsWith(".")) return spec;
    const resolved = path.resolve(path.dirname(file), spec);
    const candidates = [`${resolved}.ts`, path.join(resolved, "index.ts")];
    const found = candidates.find((candidate) => fs.existsSync(candidate));
    if (!found) throw new Error(`${path.relative(SRC, file)} imports ${spec}, which is not in src/`);
    return path.relative(SRC, found);
  });
}

const graph = new Map(sourceFiles(SRC).map((file) => [path.relative(SRC, file), importsOf(file)]));

/** Each cycle once, as the path of modules that closes it. */
function cycles(): string[][] {
  const found: string[][] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (module: string, trail: string[]): void => {
    if (state.get(module) === "done") return;
    if (state.get(module) === "visiting") {
      found.push([...trail.slice(trail.indexOf(module)), module]);
      return;
    }
    state.set(module, "visiting");
    for (const dependency of graph.get(module) ?? []) if (graph.has(dependency)) visit(dependency, [...trail, module]);
    state.set(module, "done");
  };
  for (const module of [...graph.keys()].sort()) visit(module, []);
  return found;
}

/** The modules a module loads, directly or not. */
function closure(module: string, seen = new Set<string>()): Set<string> {
  for (const dependency of graph.get(module) ?? []) {
    if (seen.has(dependency)) continue;
    seen.add(dependency);
    if (graph.has(dependency)) closure(dependency, seen);
  }
  return seen;
}

const PURE = [
  "arn.ts",
  "core.ts",
  "duration.ts",
  "expr.ts",
  "naming.ts",
  "props.ts",
  "s3-layout.ts",
  "validation.ts",
  "variables.ts",
  "iam/policy.ts",
  "iam/statements.ts",
  "workflow/asl.ts",
  "workflow/definition.ts",
  "workflow/diagram.ts",
  "workflow/errors.ts",
  "workflow/jsonata.ts",
  "workflow/timeouts.ts",
  "docs/terraform-docs.ts",
  "docs/readme-blocks.ts",
  "docs/data-prep-container.ts",
  "docs/generated-docs.ts",
  "docs/variables-tf.ts",
];

describe("src/ imports", () => {
  test("form no cycle, type-only imports included", () => {
    expect(cycles()).toEqual([]);
  });

  test("the pure modules load neither core, constructs nor a provider, even indirectly", () => {
    const impure = PURE.flatMap((module) => {
      expect(graph.has(module)).toBe(true);
      return [...closure(module)]
        .filter((dependency) => /^(cdktf|cdktn|constructs|@cdkt[fn]\/)/.test(dependency))
        .map((dependency) => `${module} → ${dependency}`);
    });
    expect(impure).toEqual([]);
  });

  test("name packages only by the cdktf names the cdktn build renames, or constructs", () => {
    // GIVEN
    const packages = [...new Set([...graph.values()].flat().filter((dependency) => !graph.has(dependency)))].sort();

    // WHEN
    const untranslatable = packages.filter((name) => {
      try {
        return renameSpecifier(name, "src/") === name && name !== "constructs";
      } catch {
        return true;
      }
    });

    // THEN
    expect(untranslatable).toEqual([]);
    expect(packages).toContain("cdktf");
  });

  test("the cycle check finds a cycle when there is one", () => {
    graph.set("a.ts", ["b.ts"]);
    graph.set("b.ts", ["a.ts"]);
    try {
      expect(cycles()).toEqual([["a.ts", "b.ts", "a.ts"]]);
    } finally {
      graph.delete("a.ts");
      graph.delete("b.ts");
    }
  });
});

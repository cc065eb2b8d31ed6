/**
 * How src/ depends on itself: no module imports, even only for types, a module that imports it
 * back, and the pure logic never loads cdktf or the provider.
 */
import * as fs from "fs";
import * as path from "path";

const SRC = path.resolve(__dirname, "../../src");

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith(".ts") ? [full] : [];
  });
}

/** Every module a file imports (`import ... from`, `export ... from`, `require`), resolved within src/ or as a package name. */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, "utf8");
  const specifiers = [...text.matchAll(/(?:from|require\()\s*["']([^"']+)["']/g)].map((m) => m[1]);
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
];

describe("src/ imports", () => {
  test("form no cycle, type-only imports included", () => {
    expect(cycles()).toEqual([]);
  });

  test("the pure modules load neither cdktf, constructs nor the provider, even indirectly", () => {
    const impure = PURE.flatMap((module) => {
      expect(graph.has(module)).toBe(true);
      return [...closure(module)]
        .filter((dependency) => /^(cdktf|constructs|@cdktf\/)/.test(dependency))
        .map((dependency) => `${module} → ${dependency}`);
    });
    expect(impure).toEqual([]);
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

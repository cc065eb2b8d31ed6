/**
 * How src/ is laid out and depends on itself. `ls src` reads as the architecture: the public
 * entry, the construct and the module stack at the root, and one folder per layer, each importing
 * only the layers below it. No module imports, even only for types, a module that imports it
 * back; the pure layers never load cdktf or the provider; every package src/ loads is one the
 * cdktn build can translate; and nothing in src/ reaches the tooling, which the package does not ship.
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

/** The files at the root of src/: the public entry, the construct, the module stack, and which core a stack is. */
const ROOT_FILES = ["core.ts", "finetune-workflow.ts", "index.ts", "module-stack.ts"];

/**
 * Each folder of src/ and the folders it may import. The root may import any of them; no folder
 * imports the root.
 */
const LAYERS: Readonly<Record<string, readonly string[]>> = {
  // Names, ARNs, the S3 layout and the expression engine they are written in.
  naming: [],
  // IAM statements as plain data.
  iam: ["naming"],
  // The Amazon States Language definition, its Tasks and their errors and timeouts.
  workflow: ["naming", "iam"],
  // The module's interface: props, variables, their validation, durations, requirements.
  interface: ["naming", "workflow"],
  // The AWS resources: the construct wiring of roles, logs, network and state machine.
  resources: ["naming", "iam", "workflow", "interface"],
};

/** Wiring: the layer that hands pure values to provider classes, and the expression engine's cdktf rendering. */
const WIRING = new Set(["resources"]);
const WIRING_FILES = new Set(["naming/terraform-expr.ts"]);

const layerOf = (module: string) => (module.includes("/") ? module.split("/")[0] : undefined);

/** The modules that hand values to cdktf, or are the construct itself; every other module is pure. */
const isPure = (module: string) =>
  module === "core.ts" || (layerOf(module) !== undefined && !WIRING.has(layerOf(module)!) && !WIRING_FILES.has(module));

/** Imports from one folder to another, or to the root, that LAYERS does not allow. */
function crossings(): string[] {
  return [...graph].flatMap(([module, dependencies]) => {
    const from = layerOf(module);
    if (from === undefined) return [];
    return dependencies
      .filter((dependency) => graph.has(dependency) && layerOf(dependency) !== from)
      .filter((dependency) => !(LAYERS[from] ?? []).includes(layerOf(dependency) ?? "the root"))
      .map((dependency) => `${module} → ${dependency}`);
  });
}

describe("src/ layout", () => {
  test("holds the entry, the construct, the module stack and the core check at its root, and one folder per layer", () => {
    const entries = fs.readdirSync(SRC, { withFileTypes: true });
    expect({
      files: entries
        .filter((e) => e.isFile())
        .map((e) => e.name)
        .sort(),
      folders: entries
        .filter((e) => e.isDirectory())
        .map((e) => e.name)
        .sort(),
    }).toEqual({ files: ROOT_FILES, folders: Object.keys(LAYERS).sort() });
  });

  test("every import between folders goes down the layers, and none reaches the root", () => {
    expect(crossings()).toEqual([]);
  });

  test("the layer check finds an import that goes up", () => {
    graph.set("naming/upward.ts", ["resources/network.ts"]);
    try {
      expect(crossings()).toEqual(["naming/upward.ts → resources/network.ts"]);
    } finally {
      graph.delete("naming/upward.ts");
    }
  });
});

describe("src/ imports", () => {
  test("form no cycle, type-only imports included", () => {
    expect(cycles()).toEqual([]);
  });

  test("the pure layers load neither core, constructs nor a provider, even indirectly; only the wiring does", () => {
    const loadsCore = (module: string) =>
      [...closure(module)].some((dependency) => /^(cdktf|cdktn|constructs|@cdkt[fn]\/)/.test(dependency));
    const misplaced = [...graph.keys()]
      .filter((module) => loadsCore(module) === isPure(module))
      .map((module) => `${module} is ${isPure(module) ? "pure but loads a core" : "wiring but loads no core"}`);
    expect(misplaced).toEqual([]);
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

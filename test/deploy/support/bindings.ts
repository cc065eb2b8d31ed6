/**
 * The module as a CDKTF or cdktn app in another language gets it: `cdktf get` (or `cdktn get`)
 * with `terraformModules` pointing at terraform/, in a project of its own, and the checks that
 * the bindings it generates give every input of the contract its type and optionality, and
 * every output. Each check returns the problems it found, none when the bindings are right, so
 * that a test can also show it finding them in a copy broken on purpose. Test code only.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import type { ContractInput, ContractInterface } from "../../support/contract/contract";
import { REPO_ROOT } from "../../support/terraform/working-copy";

/** The name the bindings get in cdktf.json, hence `Finetune` and `.gen/modules/finetune.ts`. */
const MODULE_NAME = "finetune";
const { CDKTN_CLI_NODE, TESTED_NODES, atLeast } = require("../../../tools/runtimes");

/** The Node.js that runs cdktn-cli: the oldest tested release it runs on, as tools/pack-smoke.js runs it. */
export const CDKTN_CLI_RUNTIME: string = TESTED_NODES.find((version: string) => atLeast(version, CDKTN_CLI_NODE));
/** cdktn-cli at the version examples/cdktn-app pins, which the docs install. */
export const CDKTN_CLI: string = JSON.parse(
  fs.readFileSync(path.join(REPO_ROOT, "examples", "cdktn-app", "package.json"), "utf8"),
).devDependencies["cdktn-cli"];

export type Core = "cdktf" | "cdktn";
export type Language = "typescript" | "python";

/** Where each language's bindings land, relative to the project. */
const OUTPUT: Record<Language, { dir: string; file: string }> = {
  typescript: { dir: ".gen", file: `.gen/modules/${MODULE_NAME}.ts` },
  python: { dir: "imports", file: `imports/${MODULE_NAME}/__init__.py` },
};

/** How each core's CLI is run: cdktf's from this repository, cdktn's under Node 22 from the npm registry. */
function cliCommand(core: Core): [string, string[]] {
  if (core === "cdktf") return [path.join(REPO_ROOT, "node_modules", ".bin", "cdktf"), []];
  return [
    "npx",
    ["--yes", "--package", `node@${CDKTN_CLI_RUNTIME}`, "--package", `cdktn-cli@${CDKTN_CLI}`, "--", "cdktn"],
  ];
}

/** The environment of a CLI run: Terraform on the PATH (`get` runs `terraform get`), no update checks. */
function cliEnv(terraform: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PATH: `${path.dirname(terraform)}${path.delimiter}${process.env.PATH}`,
    CHECKPOINT_DISABLE: "1",
  };
}

/** `<cli> --version`, or why it cannot run here: for cdktn, Node 22 or cdktn-cli not in the npm registry's reach. */
export function cliVersion(core: Core): { version: string } | { missing: string } {
  const [command, args] = cliCommand(core);
  const result = spawnSync(command, [...args, "--version"], {
    env: { ...process.env, CHECKPOINT_DISABLE: "1" },
    encoding: "utf8",
  });
  if (result.status === 0) return { version: result.stdout.trim() };
  return {
    missing: `${command} ${[...args, "--version"].join(" ")} failed: ${(result.stderr || String(result.error)).trim().split("\n").pop()}`,
  };
}

/**
 * A new app project in `dir` whose cdktf.json names the module folder, as docs/usage.md says,
 * then `<cli> get` in it. TypeScript projects see this repository's node_modules, for the
 * core's and constructs' types. Returns the bindings file.
 */
export function generateBindings(
  dir: string,
  core: Core,
  language: Language,
  moduleDir: string,
  terraform: string,
): string {
  fs.mkdirSync(dir, { recursive: true });
  const config = {
    language,
    // `get` never runs the app.
    app: "true",
    sendCrashReports: "false",
    codeMakerOutput: OUTPUT[language].dir,
    terraformProviders: [],
    terraformModules: [{ name: MODULE_NAME, source: moduleDir }],
  };
  fs.writeFileSync(path.join(dir, "cdktf.json"), JSON.stringify(config, null, 2));
  if (language === "typescript")
    fs.symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
  const [command, args] = cliCommand(core);
  const result = spawnSync(command, [...args, "get"], { cwd: dir, env: cliEnv(terraform), encoding: "utf8" });
  const file = path.join(dir, OUTPUT[language].file);
  if (result.status !== 0 || !fs.existsSync(file)) {
    throw new Error(`${core} get (${language}) exited with ${result.status}:\n${result.stdout}\n${result.stderr}`);
  }
  return file;
}

const camel = (name: string) => name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** A value of the input's contract type, as TypeScript source. */
const VALID: Record<string, string> = {
  string: '"x"',
  number: "1",
  "list(string)": '["x"]',
  "map(string)": '{ k: "v" }',
};
/** A value one step off the input's contract type: what a typed binding refuses and `any` takes. */
const WRONG: Record<string, string> = {
  string: "1",
  number: '"1"',
  "list(string)": "[1]",
  "map(string)": "{ k: 1 }",
};
/** The TypeScript type each contract type is generated as, as the checker prints it. */
const TYPESCRIPT_TYPE: Record<string, string> = {
  string: "string",
  number: "number",
  "list(string)": "string[]",
  "map(string)": "{ [key: string]: string; }",
};

/** An app that creates the module with `inputs` (one a line) and reads every output as a string. */
function appSource(
  core: Core,
  bindings: string,
  inputs: readonly [ContractInput, string][],
  outputs: readonly string[],
): string {
  return [
    `import { App, TerraformStack } from "${core}";`,
    `import { Finetune } from "${bindings}";`,
    'const stack = new TerraformStack(new App(), "stack");',
    'const module = new Finetune(stack, "finetune", {',
    ...inputs.map(([input, value]) => `  ${camel(input.name)}: ${value},`),
    "});",
    `export const outputs: string[] = [${outputs.map((name) => `module.${camel(name)}Output`).join(", ")}];`,
    "",
  ].join("\n");
}

/** The 1-based line of `text` that holds the input's property. */
const lineOf = (text: string, input: ContractInput) =>
  text.split("\n").findIndex((line) => line.startsWith(`  ${camel(input.name)}: `)) + 1;

/**
 * Compiles apps against the TypeScript bindings: one with every input, one with the required
 * inputs only, which must compile; one per input with a value of the wrong type, which must fail
 * on that input's line; one per required input without it, which must fail naming it. Then reads
 * the declared type and optionality of every input, and the type of every output.
 */
export function typeScriptProblems(bindingsFile: string, core: Core, contract: ContractInterface): string[] {
  const casesDir = path.join(path.dirname(bindingsFile), "cases");
  fs.mkdirSync(casesDir, { recursive: true });
  const bindings = path.relative(casesDir, bindingsFile).replace(/\.ts$/, "");
  const valid = (input: ContractInput): [ContractInput, string] => [input, VALID[input.type]];
  const cases = new Map<
    string,
    { text: string; expect: (d: readonly ts.Diagnostic[], text: string) => string | undefined }
  >();
  const compiles = (d: readonly ts.Diagnostic[]) => (d.length === 0 ? undefined : messages(d));
  cases.set("every-input", {
    text: appSource(core, bindings, contract.inputs.map(valid), contract.outputs),
    expect: compiles,
  });
  cases.set("required-only", {
    text: appSource(core, bindings, contract.inputs.filter((i) => i.required).map(valid), contract.outputs),
    expect: compiles,
  });
  for (const input of contract.inputs) {
    const inputs = contract.inputs.map((i): [ContractInput, string] => (i === input ? [i, WRONG[i.type]] : valid(i)));
    cases.set(`wrong-${input.name}`, {
      text: appSource(core, bindings, inputs, contract.outputs),
      expect: (d, text) => {
        const line = lineOf(text, input);
        const onLine = d.filter((x) => x.code === 2322 && lineNumber(x) === line);
        if (onLine.length === 1 && d.length === 1) return undefined;
        return `a ${input.type} input takes ${WRONG[input.type]}: ${d.length === 0 ? "it compiles" : messages(d)}`;
      },
    });
    if (!input.required) continue;
    cases.set(`missing-${input.name}`, {
      text: appSource(
        core,
        bindings,
        contract.inputs.filter((i) => i.required && i !== input).map(valid),
        contract.outputs,
      ),
      expect: (d) => {
        // TS2345, the argument is no FinetuneConfig, because "Property '<name>' is missing in type ...".
        const named = d.filter(
          (x) => x.code === 2345 && flat(x).includes(`Property '${camel(input.name)}' is missing in type`),
        );
        if (named.length === 1 && d.length === 1) return undefined;
        return `it is required, but an app without it ${d.length === 0 ? "compiles" : `fails otherwise: ${messages(d)}`}`;
      },
    });
  }
  const files = [...cases].map(([name, { text }]) => {
    const file = path.join(casesDir, `${name}.ts`);
    fs.writeFileSync(file, text);
    return file;
  });

  const program = ts.createProgram(files, {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    types: [],
  });
  const problems: string[] = [];
  [...cases].forEach(([name, { text, expect }], n) => {
    const source = program.getSourceFile(files[n])!;
    const diagnostics = [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)];
    const problem = expect(diagnostics, text);
    if (problem !== undefined) problems.push(`${name}.ts: ${problem}`);
  });
  problems.push(...declarationProblems(program, bindingsFile, contract));
  return problems;
}

function flat(diagnostic: ts.Diagnostic): string {
  return ts.flattenDiagnosticMessageText(diagnostic.messageText, " ");
}

function messages(diagnostics: readonly ts.Diagnostic[]): string {
  return diagnostics.map((d) => `TS${d.code} line ${lineNumber(d)}: ${flat(d)}`).join("; ");
}

function lineNumber(diagnostic: ts.Diagnostic): number {
  return diagnostic.file!.getLineAndCharacterOfPosition(diagnostic.start!).line + 1;
}

/** The declared type and optionality of each input of `FinetuneConfig`, and the type of each output of `Finetune`. */
function declarationProblems(program: ts.Program, bindingsFile: string, contract: ContractInterface): string[] {
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(bindingsFile)!;
  const declared = (name: string) =>
    source.statements.find(
      (s): s is ts.InterfaceDeclaration | ts.ClassDeclaration =>
        (ts.isInterfaceDeclaration(s) || ts.isClassDeclaration(s)) && s.name?.text === name,
    );
  const config = declared("FinetuneConfig");
  const construct = declared("Finetune");
  if (config === undefined || construct === undefined) return ["the bindings declare no FinetuneConfig and Finetune"];
  const problems: string[] = [];

  const properties = new Map(
    config.members.filter(ts.isPropertySignature).map((p) => [p.name.getText(source), p] as const),
  );
  const expected = contract.inputs.map((input) => camel(input.name));
  const extra = [...properties.keys()].filter((name) => !expected.includes(name));
  if (extra.length > 0) problems.push(`FinetuneConfig declares inputs the contract does not have: ${extra.join(", ")}`);
  for (const input of contract.inputs) {
    const property = properties.get(camel(input.name));
    if (property === undefined) {
      problems.push(`FinetuneConfig has no ${camel(input.name)}`);
      continue;
    }
    const type = checker.typeToString(
      checker.getTypeAtLocation(property.type!),
      undefined,
      ts.TypeFormatFlags.NoTruncation,
    );
    const optional = property.questionToken !== undefined;
    if (type !== TYPESCRIPT_TYPE[input.type] || optional === input.required) {
      problems.push(
        `${camel(input.name)} is declared ${type}${optional ? ", optional" : ", required"}; the contract makes it ${input.type}, ${input.required ? "required" : "optional"}`,
      );
    }
  }
  for (const output of contract.outputs) {
    const getter = construct.members.find(
      (m): m is ts.GetAccessorDeclaration =>
        ts.isGetAccessorDeclaration(m) && m.name.getText(source) === `${camel(output)}Output`,
    );
    const type =
      getter && checker.typeToString(checker.getReturnTypeOfSignature(checker.getSignatureFromDeclaration(getter)!));
    if (type !== "string") problems.push(`Finetune's ${camel(output)}Output is ${type ?? "missing"}, not a string`);
  }
  return problems;
}

/** The Python type annotation each contract type is generated as, as `ast.unparse` prints it. */
const PYTHON_TYPE: Record<string, string> = {
  string: "builtins.str",
  number: "jsii.Number",
  "list(string)": "typing.Sequence[builtins.str]",
  "map(string)": "typing.Mapping[builtins.str, builtins.str]",
};
/** The keyword arguments every generated module class takes besides the module's inputs (TerraformModuleUserConfig). */
const MODULE_META_ARGUMENTS = ["depends_on", "for_each", "providers", "skip_asset_creation_from_local_modules"];

/** What python-bindings.py reads from the generated `__init__.py`. */
interface PythonSignature {
  readonly arguments: Record<string, { readonly annotation: string; readonly default: string | null }>;
  readonly properties: Record<string, string>;
}

/** python3, or why it is missing. */
export function python3(): { python: string } | { missing: string } {
  const result = spawnSync(
    "python3",
    ["-c", "import ast, sys; assert sys.version_info >= (3, 9); print(sys.executable)"],
    {
      encoding: "utf8",
    },
  );
  if (result.status === 0) return { python: result.stdout.trim() };
  return {
    missing: "python3 3.9 or later (for ast.unparse) is not on the PATH: install it, e.g. apt-get install python3",
  };
}

/**
 * Reads the generated `Finetune` class with python3's own parser (python-bindings.py) and checks
 * its constructor's keyword arguments, their annotations and defaults, and its output properties.
 */
export function pythonProblems(python: string, initPy: string, contract: ContractInterface): string[] {
  const result = spawnSync(python, [path.join(__dirname, "python-bindings.py"), initPy, "Finetune"], {
    encoding: "utf8",
  });
  if (result.status !== 0) return [`python-bindings.py failed: ${result.stderr.trim()}`];
  const signature = JSON.parse(result.stdout) as PythonSignature;
  const problems: string[] = [];
  const names = contract.inputs.map((input) => input.name);
  const extra = Object.keys(signature.arguments).filter(
    (name) => !names.includes(name) && !MODULE_META_ARGUMENTS.includes(name),
  );
  if (extra.length > 0) problems.push(`Finetune() takes inputs the contract does not have: ${extra.join(", ")}`);
  for (const input of contract.inputs) {
    const argument = signature.arguments[input.name];
    const type = PYTHON_TYPE[input.type];
    const expected = input.required
      ? { annotation: type, default: null }
      : { annotation: `typing.Optional[${type}]`, default: "None" };
    if (argument === undefined) problems.push(`Finetune() has no ${input.name}`);
    else if (argument.annotation !== expected.annotation || argument.default !== expected.default) {
      problems.push(
        `${input.name} is ${argument.annotation}${argument.default === null ? "" : ` = ${argument.default}`}; the contract makes it ${expected.annotation}${expected.default === null ? "" : ` = ${expected.default}`}`,
      );
    }
  }
  for (const output of contract.outputs) {
    const annotation = signature.properties[`${output}_output`];
    if (annotation !== "builtins.str")
      problems.push(`Finetune.${output}_output is ${annotation ?? "missing"}, not builtins.str`);
  }
  return problems;
}

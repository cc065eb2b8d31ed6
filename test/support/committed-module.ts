/**
 * The committed module, terraform/, read back as Terraform JSON: main.tf.json as it is, and the
 * variable blocks of variables.tf as @cdktf/hcl2json parses them (the parser `cdktf get` and
 * `cdktn get` use), reshaped into the JSON syntax's form. That reading shares no code with the
 * renderer that wrote variables.tf (tools/docs/variables-tf.ts). Test code only.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { quotedEnd, templateParts } from "../../tools/docs/variables-tf";

const hcl2json: { parse(file: string, text: string): Promise<Record<string, any>> } = require("@cdktf/hcl2json");

export const COMMITTED_DIR = path.resolve(__dirname, "..", "..", "terraform");

/** Terraform JSON. */
export type TerraformJson = Record<string, any>;

/**
 * A literal value as hcl2json writes it, which is as a template: `${` and `%{` escaped as `$${`
 * and `%%{`. The JSON syntax reads `description` and `default` with no template processing.
 */
function literalFromHcl2json(value: unknown): unknown {
  if (typeof value === "string") return value.replace(/([$%])\1\{/g, "$1{");
  if (Array.isArray(value)) return value.map(literalFromHcl2json);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, literalFromHcl2json(item)]));
  }
  return value;
}

/**
 * hcl2json's variable blocks in Terraform's JSON syntax: each block is the single element of a
 * list; a type is written as an interpolation (`"${map(string)}"`) where the JSON syntax takes
 * the type expression itself (`"map(string)"`); the literal `description` and `default` lose
 * their template escapes. Conditions and error messages are templates in both, and are kept.
 */
export function variablesFromHcl2json(parsed: TerraformJson): TerraformJson {
  return Object.fromEntries(
    Object.entries<TerraformJson[]>(parsed.variable ?? {}).map(([name, blocks]) => {
      if (blocks.length !== 1) throw new Error(`variable "${name}" is declared ${blocks.length} times.`);
      const block = { ...blocks[0] };
      const type = /^\$\{(.*)\}$/s.exec(block.type ?? "")?.[1];
      if (type !== undefined) block.type = type;
      for (const key of ["description", "default"]) if (key in block) block[key] = literalFromHcl2json(block[key]);
      return [name, block];
    }),
  );
}

/** variables.tf's variable blocks, as Terraform JSON. */
export async function parseVariablesTf(text: string): Promise<TerraformJson> {
  return variablesFromHcl2json(await hcl2json.parse("variables.tf", text));
}

/**
 * How hcl2json writes a template that it parsed from HCL: literal text with its backslash
 * escapes resolved (its template escapes, `$${` and `%%{`, stay), and each interpolation as its
 * source, except that an interpolation of a quoted template, `${"…"}`, is replaced by that
 * template's own parts. The meaning is the same. `quoted` says that `template` is the text of
 * an HCL quoted string, with backslash escapes.
 * https://github.com/hashicorp/terraform-cdk/blob/main/packages/%40cdktf/hcl2json/convert.go
 */
export function asHcl2jsonWritesIt(template: string, quoted = false): string {
  return templateParts(template)
    .map((part) => {
      if ("literal" in part) return quoted ? unescape(part.literal) : part.literal;
      const source = part.interpolation;
      if (source.startsWith('"') && quotedEnd(source, 1) === source.length) {
        return asHcl2jsonWritesIt(source.slice(1, -1), true);
      }
      return `\${${source}}`;
    })
    .join("");
}

/** Variable blocks of Terraform JSON as hcl2json writes the same blocks when it reads them from HCL. */
export function asHcl2jsonReadsThem(variables: TerraformJson): TerraformJson {
  return Object.fromEntries(
    Object.entries<TerraformJson>(variables).map(([name, variable]) => [
      name,
      {
        ...variable,
        ...(variable.validation && {
          validation: variable.validation.map((v: TerraformJson) => ({
            condition: asHcl2jsonWritesIt(v.condition),
            error_message: asHcl2jsonWritesIt(v.error_message),
          })),
        }),
      },
    ]),
  );
}

/** A quoted string's literal text with its backslash escapes resolved, as HCL resolves them. */
function unescape(text: string): string {
  return text.replace(/\\(["\\nrt])/g, (_, c: string) => ({ n: "\n", r: "\r", t: "\t" })[c] ?? c);
}

/**
 * The committed module as Terraform JSON, read synchronously for callers that cannot wait:
 * hcl2json is asynchronous, so it parses variables.tf in a child process (about 0.3 s).
 */
export function readCommittedModule(dir: string = COMMITTED_DIR): TerraformJson {
  const main = JSON.parse(fs.readFileSync(path.join(dir, "main.tf.json"), "utf8"));
  const parsed = execFileSync(
    process.execPath,
    [
      "-e",
      'require("@cdktf/hcl2json").parse("variables.tf", require("fs").readFileSync(process.argv[1], "utf8")).then((r) => process.stdout.write(JSON.stringify(r)))',
      path.join(dir, "variables.tf"),
    ],
    { cwd: path.resolve(__dirname, "..", ".."), encoding: "utf8" },
  );
  return { ...main, variable: variablesFromHcl2json(JSON.parse(parsed)) };
}

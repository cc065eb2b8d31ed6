/**
 * Renders the synthesized module's `variable` blocks in Terraform's native syntax: the committed
 * module's `variables.tf`. `cdktf get` and `cdktn get` read a variable's type and default only
 * from `.tf` files (in a `.tf.json` file every input becomes `any`, and `"default": {}` is lost),
 * so the interface is committed in HCL while the rest of the module stays the synthesized JSON.
 *
 * The output is laid out as `terraform fmt` lays it out, and means what the JSON means:
 * - a `condition` is an expression, written `"${expr}"` in JSON and `expr` in HCL;
 * - an `error_message` is a template in both syntaxes: its literal text is escaped for a quoted
 *   HCL string, its interpolations are copied as they are;
 * - `description` and `default` are literal values: Terraform reads them with no evaluation
 *   context, which in JSON means a string is taken as it is, with no template processing.
 *   https://developer.hashicorp.com/terraform/language/syntax/json#variable-blocks
 *
 * Pure: reads plain JSON, loads no cdktf.
 */
import type { TerraformJsonModule } from "./terraform-docs";

/** A variable block as cdktf synthesizes it: the keys this renderer knows, and no others. */
interface JsonVariable {
  readonly description?: string;
  readonly type?: string;
  readonly default?: unknown;
  readonly validation?: readonly { readonly condition: string; readonly error_message: string }[];
}

const VARIABLE_KEYS = ["description", "type", "default", "validation"];
const VALIDATION_KEYS = ["condition", "error_message"];

/** A piece of a template: literal text, or the source of one `${ }` interpolation. */
export type TemplatePart = { readonly literal: string } | { readonly interpolation: string };

/**
 * Splits a Terraform template into its literal text and its interpolations. `$${` and `%%{`,
 * the escapes of `${` and `%{`, stay in the literal text as they are: they mean the same in
 * both syntaxes. Template directives (`%{ if }`), strip markers (`${~`), heredocs and comments
 * are refused: the module has none, and a renderer that guessed at them could change meaning.
 * https://developer.hashicorp.com/terraform/language/expressions/strings#string-templates
 */
export function templateParts(template: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let literal = "";
  let i = 0;
  while (i < template.length) {
    if (template.startsWith("$${", i) || template.startsWith("%%{", i)) {
      literal += template.slice(i, i + 3);
      i += 3;
    } else if (template.startsWith("${", i)) {
      if (template[i + 2] === "~") throw unsupported("a strip marker", template);
      const end = expressionEnd(template, i + 2);
      if (literal !== "") parts.push({ literal });
      literal = "";
      parts.push({ interpolation: template.slice(i + 2, end) });
      i = end + 1;
    } else if (template.startsWith("%{", i)) {
      throw unsupported("a template directive", template);
    } else {
      literal += template[i];
      i += 1;
    }
  }
  if (literal !== "") parts.push({ literal });
  return parts;
}

function unsupported(what: string, template: string): Error {
  return new Error(`Cannot render ${what} in HCL: ${JSON.stringify(template)}.`);
}

/** The index of the `}` that closes the expression starting at `start`, skipping nested brackets and strings. */
function expressionEnd(text: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      i = quotedEnd(text, i + 1);
      continue;
    }
    if (text.startsWith("<<", i)) throw unsupported("a heredoc", text);
    if (c === "#" || text.startsWith("//", i) || text.startsWith("/*", i)) throw unsupported("a comment", text);
    if (c === "(" || c === "[" || c === "{") depth += 1;
    else if (c === ")" || c === "]") depth -= 1;
    else if (c === "}") {
      if (depth === 0) return i;
      depth -= 1;
    }
    i += 1;
  }
  throw new Error(`Unterminated interpolation in ${JSON.stringify(text)}.`);
}

/** The index just past the `"` that closes the quoted template whose text starts at `start`. */
export function quotedEnd(text: string, start: number): number {
  let i = start;
  while (i < text.length) {
    const c = text[i];
    if (c === "\\") i += 2;
    else if (c === '"') return i + 1;
    else if (text.startsWith("$${", i) || text.startsWith("%%{", i)) i += 3;
    else if (text.startsWith("${", i) || text.startsWith("%{", i)) i = expressionEnd(text, i + 2) + 1;
    else i += 1;
  }
  throw new Error(`Unterminated string in ${JSON.stringify(text)}.`);
}

/**
 * Text for the inside of an HCL quoted string: backslash escapes for a quote, a backslash and the
 * control characters (every character below the space), which a quoted string cannot hold.
 */
function escapeQuoted(text: string): string {
  return text.replace(/[\\"]|[^ -\uffff]/g, (c) => {
    switch (c) {
      case "\\":
        return "\\\\";
      case '"':
        return '\\"';
      case "\n":
        return "\\n";
      case "\r":
        return "\\r";
      case "\t":
        return "\\t";
      default:
        return `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
    }
  });
}

/** A template (JSON syntax) as an HCL quoted template with the same meaning. */
export function hclTemplate(template: string): string {
  const body = templateParts(template)
    .map((part) => ("literal" in part ? escapeQuoted(part.literal) : `\${${part.interpolation}}`))
    .join("");
  return `"${body}"`;
}

/**
 * A template (JSON syntax) as an HCL expression: the bare expression when the template is one
 * interpolation and nothing else, which Terraform evaluates to the expression's own value;
 * otherwise the quoted template.
 * https://developer.hashicorp.com/terraform/language/syntax/json#expression-mapping
 */
export function hclExpression(template: string): string {
  const parts = templateParts(template);
  const [only] = parts;
  return parts.length === 1 && "interpolation" in only ? only.interpolation : hclTemplate(template);
}

/** A literal string as an HCL quoted string: `${` and `%{` escaped, so no template is evaluated. */
export function hclLiteralString(value: string): string {
  return `"${escapeQuoted(value).replace(/([$%])\{/g, "$1$1{")}"`;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** A literal JSON value (a default) in HCL, at the indentation `indent` of the line it starts on. */
export function hclLiteral(value: unknown, indent = ""): string {
  if (value === null) return "null";
  if (typeof value === "string") return hclLiteralString(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) {
    if (value.some((item) => typeof item === "object" && item !== null))
      throw unsupported("a nested list", JSON.stringify(value));
    return `[${value.map((item) => hclLiteral(item)).join(", ")}]`;
  }
  if (typeof value === "object") {
    const entries = Object.entries(value);
    if (entries.length === 0) return "{}";
    if (entries.some(([, item]) => typeof item === "object" && item !== null)) {
      throw unsupported("a nested object", JSON.stringify(value));
    }
    const keys = entries.map(([key]) => (IDENTIFIER.test(key) ? key : hclLiteralString(key)));
    const inner = `${indent}  `;
    const lines = aligned(
      keys.map((key, n) => [key, hclLiteral(entries[n][1])]),
      inner,
    );
    return `{\n${lines.join("\n")}\n${indent}}`;
  }
  throw unsupported(`a value of type ${typeof value}`, String(value));
}

/**
 * `name = value` lines as `terraform fmt` aligns them: the `=` of consecutive one-line attributes
 * in one column; an attribute whose value spans lines is not aligned, and ends the run.
 */
function aligned(attributes: readonly (readonly [string, string])[], indent: string): string[] {
  const lines: string[] = [];
  let run: (readonly [string, string])[] = [];
  const flush = () => {
    const width = Math.max(...run.map(([name]) => name.length));
    lines.push(...run.map(([name, value]) => `${indent}${name.padEnd(width)} = ${value}`));
    run = [];
  };
  for (const attribute of attributes) {
    if (attribute[1].includes("\n")) {
      flush();
      lines.push(`${indent}${attribute[0]} = ${attribute[1]}`);
    } else run.push(attribute);
  }
  flush();
  return lines;
}

function checkKeys(what: string, body: object, known: readonly string[]): void {
  const unknown = Object.keys(body).filter((key) => !known.includes(key));
  if (unknown.length > 0) throw new Error(`${what} has keys the HCL renderer does not know: ${unknown.join(", ")}.`);
}

function renderVariable(name: string, variable: JsonVariable): string {
  checkKeys(`Variable ${name}`, variable, VARIABLE_KEYS);
  const attributes: [string, string][] = [];
  if (variable.description !== undefined) attributes.push(["description", hclLiteralString(variable.description)]);
  if (variable.type !== undefined) attributes.push(["type", variable.type]);
  if ("default" in variable) attributes.push(["default", hclLiteral(variable.default, "  ")]);
  const blocks = (variable.validation ?? []).map((validation) => {
    checkKeys(`A validation of variable ${name}`, validation, VALIDATION_KEYS);
    const body = aligned(
      [
        ["condition", hclExpression(validation.condition)],
        ["error_message", hclTemplate(validation.error_message)],
      ],
      "    ",
    );
    return ["  validation {", ...body, "  }"].join("\n");
  });
  const sections = [aligned(attributes, "  ").join("\n"), ...blocks].filter((section) => section !== "");
  if (sections.length === 0) return `variable "${name}" {}`;
  return [`variable "${name}" {`, sections.join("\n\n"), "}"].join("\n");
}

/** The header of the generated file: where it comes from, and that it is not edited by hand. */
export const VARIABLES_TF_HEADER =
  "# Generated by `npm run module` from the synthesized module, like main.tf.json beside it; do not edit.\n" +
  "# The module's inputs are in HCL so that `cdktf get` and `cdktn get` type them; see ../docs/usage.md.\n";

/** The text of `variables.tf`: every variable of `module`, in its order, as `terraform fmt` writes it. */
export function renderVariablesTf(module: TerraformJsonModule): string {
  const variables = Object.entries((module.variable ?? {}) as Record<string, JsonVariable>);
  if (variables.length === 0) throw new Error("The synthesized module has no variable blocks to render.");
  return `${VARIABLES_TF_HEADER}\n${variables.map(([name, variable]) => renderVariable(name, variable)).join("\n\n")}\n`;
}

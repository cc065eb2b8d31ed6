/**
 * Renders the README's Terraform documentation from the module's synthesized Terraform JSON,
 * in the markdown-table format of terraform-docs, so the README stays identical to what the
 * HCL module's `terraform-docs markdown table` produced while being generated from our code.
 *
 * Pure by design: it reads a plain JSON object and loads no cdktf, so tests and the docs
 * script can call it cheaply.
 */

/** A `terraform.required_providers` entry as cdktf writes it. */
export interface TerraformJsonRequiredProvider {
  /** e.g. `hashicorp/aws`; a bare `aws` means the `hashicorp` namespace, as in Terraform. */
  readonly source?: string;
  /** A version constraint, e.g. `>= 6.0, < 7.0`. */
  readonly version?: string;
}

/** A resource or data source body: its arguments, of which the renderer reads only `provider`. */
export interface TerraformJsonBlockBody {
  /** `<local name>[.<alias>]` of a non-default provider configuration. */
  readonly provider?: string;
  readonly [argument: string]: unknown;
}

export interface TerraformJsonVariable {
  readonly description?: string;
  readonly type?: string;
  /** The variable is optional iff this key is present, even when its value is `null`. */
  readonly default?: unknown;
}

export interface TerraformJsonOutput {
  readonly description?: string;
  readonly value?: unknown;
}

export interface TerraformJsonModuleCall {
  readonly source: string;
  readonly version?: string;
}

/** `{ [type]: { [name]: body } }`, the shape of both `resource` and `data`. */
export type TerraformJsonBlocks = Readonly<Record<string, Readonly<Record<string, TerraformJsonBlockBody>>>>;

/**
 * The parts of a synthesized Terraform JSON module the renderer reads. Every other key is
 * ignored, and so are the `"//"` metadata entries cdktf adds at several levels.
 */
export interface TerraformJsonModule {
  readonly terraform?: {
    readonly required_version?: string;
    readonly required_providers?: Readonly<Record<string, TerraformJsonRequiredProvider>>;
  };
  readonly resource?: TerraformJsonBlocks;
  readonly data?: TerraformJsonBlocks;
  readonly variable?: Readonly<Record<string, TerraformJsonVariable>>;
  readonly output?: Readonly<Record<string, TerraformJsonOutput>>;
  readonly module?: Readonly<Record<string, TerraformJsonModuleCall>>;
}

const METADATA_KEY = "//";
const REGISTRY = "https://registry.terraform.io";
const NOT_APPLICABLE = "n/a";

interface Column {
  readonly title: string;
  readonly centered?: boolean;
}

/**
 * Returns the text that goes between `<!-- BEGIN_TF_DOCS -->` and `<!-- END_TF_DOCS -->`:
 * the sections with a newline on each side, because terraform-docs puts the markers on
 * lines of their own.
 */
export function renderTerraformDocs(module: TerraformJsonModule): string {
  const sections = [
    section("Requirements", "No requirements.", requirementsTable(module)),
    section("Providers", "No providers.", providersTable(module)),
    section("Modules", "No modules.", modulesTable(module)),
    section("Resources", "No resources.", resourcesTable(module)),
    section("Inputs", "No inputs.", inputsTable(module)),
    section("Outputs", "No outputs.", outputsTable(module)),
  ];
  return `\n${sections.join("\n\n")}\n`;
}

function section(title: string, whenEmpty: string, table: string | undefined): string {
  return `## ${title}\n\n${table ?? whenEmpty}`;
}

/** Returns undefined for no rows, so the section can say so in words as terraform-docs does. */
function table(columns: readonly Column[], rows: readonly (readonly string[])[]): string | undefined {
  if (rows.length === 0) return undefined;
  const header = `| ${columns.map((c) => c.title).join(" | ")} |`;
  const rule = `|${columns.map((c) => (c.centered ? `:${"-".repeat(c.title.length)}:` : "-".repeat(c.title.length + 2))).join("|")}|`;
  return [header, rule, ...rows.map((cells) => `| ${cells.join(" | ")} |`)].join("\n");
}

function requirementsTable(module: TerraformJsonModule): string | undefined {
  const rows: string[][] = [];
  const requiredVersion = module.terraform?.required_version;
  if (requiredVersion !== undefined) rows.push([nameCell("requirement", "terraform"), requiredVersion]);
  for (const [name, provider] of requiredProviders(module)) {
    rows.push([nameCell("requirement", name), provider.version ?? NOT_APPLICABLE]);
  }
  return table([{ title: "Name" }, { title: "Version" }], rows);
}

function providersTable(module: TerraformJsonModule): string | undefined {
  const rows = requiredProviders(module).map(([name, provider]) => [
    nameCell("provider", name),
    provider.version ?? NOT_APPLICABLE,
  ]);
  return table([{ title: "Name" }, { title: "Version" }], rows);
}

function modulesTable(module: TerraformJsonModule): string | undefined {
  const rows = sortedEntries(module.module).map(([name, call]) => [
    nameCell("module", name),
    call.source,
    call.version ?? NOT_APPLICABLE,
  ]);
  return table([{ title: "Name" }, { title: "Source" }, { title: "Version" }], rows);
}

/** Managed resources first, then data sources, each sorted by type and then name. */
function resourcesTable(module: TerraformJsonModule): string | undefined {
  const rows = [
    ...blockRows(module, module.resource, "resources", "resource"),
    ...blockRows(module, module.data, "data-sources", "data source"),
  ];
  return table([{ title: "Name" }, { title: "Type" }], rows);
}

function blockRows(
  module: TerraformJsonModule,
  blocks: TerraformJsonBlocks | undefined,
  docsKind: "resources" | "data-sources",
  label: string,
): string[][] {
  const rows: string[][] = [];
  for (const [type, instances] of sortedEntries(blocks)) {
    for (const [name, body] of sortedEntries(instances)) {
      rows.push([`[${type}.${name}](${registryDocsUrl(module, type, body, docsKind)})`, label]);
    }
  }
  return rows;
}

/**
 * Terraform infers a block's provider from the first word of its type unless the block names
 * one, and the registry documents each type under its name without that prefix.
 */
function registryDocsUrl(
  module: TerraformJsonModule,
  type: string,
  body: TerraformJsonBlockBody,
  docsKind: "resources" | "data-sources",
): string {
  const separator = type.indexOf("_");
  const localName = body.provider?.split(".")[0] ?? (separator === -1 ? type : type.slice(0, separator));
  const requirement = module.terraform?.required_providers?.[localName];
  const address = registryAddress(localName, requirement?.source);
  const version = docsVersion(requirement?.version);
  return `${REGISTRY}/providers/${address}/${version}/docs/${docsKind}/${type.slice(separator + 1)}`;
}

/** `namespace/type` from a provider source, which may carry a hostname or omit the namespace. */
function registryAddress(localName: string, source: string | undefined): string {
  const parts = (source ?? localName).split("/");
  if (parts.length === 1) return `hashicorp/${parts[0]}`;
  return parts.slice(-2).join("/");
}

/** terraform-docs links a provider pinned to one exact version to that version's docs, else to `latest`. */
function docsVersion(constraint: string | undefined): string {
  if (constraint === undefined) return "latest";
  // The patch number is \d\S*: its first digit, then its other digits and any pre-release suffix.
  return /^=?\s*(\d+\.\d+\.\d\S*)$/.exec(constraint.trim())?.[1] ?? "latest";
}

function inputsTable(module: TerraformJsonModule): string | undefined {
  const rows = sortedEntries(module.variable).map(([name, variable]) => {
    const required = !Object.prototype.hasOwnProperty.call(variable, "default");
    return [
      nameCell("input", name),
      description(variable.description),
      code(variable.type ?? "any"),
      required ? NOT_APPLICABLE : code(defaultValue(variable.default)),
      required ? "yes" : "no",
    ];
  });
  return table(
    [
      { title: "Name" },
      { title: "Description" },
      { title: "Type" },
      { title: "Default" },
      { title: "Required", centered: true },
    ],
    rows,
  );
}

function outputsTable(module: TerraformJsonModule): string | undefined {
  const rows = sortedEntries(module.output).map(([name, output]) => [
    nameCell("output", name),
    description(output.description),
  ]);
  return table([{ title: "Name" }, { title: "Description" }], rows);
}

function requiredProviders(module: TerraformJsonModule): [string, TerraformJsonRequiredProvider][] {
  return sortedEntries(module.terraform?.required_providers);
}

/**
 * Sorted by UTF-16 code unit (the default sort), which for Terraform's ASCII names is
 * terraform-docs' byte order; `localeCompare` would sort `_` differently.
 */
function sortedEntries<T>(map: Readonly<Record<string, T>> | undefined): [string, T][] {
  const entries = map ?? {};
  return Object.keys(entries)
    .filter((key) => key !== METADATA_KEY)
    .sort()
    .map((key) => [key, entries[key]]);
}

/** The HTML anchor keeps the raw name; the visible text and the link escape it as markdown. */
function nameCell(kind: string, name: string): string {
  return `<a name="${kind}_${name}"></a> [${escapeMarkdown(name)}](#${escapeMarkdown(`${kind}_${name}`)})`;
}

function escapeMarkdown(text: string): string {
  return text.replace(/[_*]/g, "\\$&");
}

/**
 * Escapes emphasis characters outside code spans (inside them a backslash would show),
 * escapes `|` everywhere because it would end the table cell, and turns line breaks into
 * `<br>` because a table row must stay on one line.
 */
function description(text: string | undefined): string {
  const trimmed = text?.trim() ?? "";
  if (trimmed === "") return NOT_APPLICABLE;
  const escaped = trimmed
    .split(/(`[^`]*`)/)
    .map((part, i) => (i % 2 === 1 ? part : escapeMarkdown(part)))
    .join("");
  return breakLines(escapePipes(escaped));
}

/** Single-line values as a code span; multi-line ones as `<pre>`, since a code span cannot hold `<br>`. */
function code(text: string): string {
  const escaped = escapePipes(text);
  return text.includes("\n") ? `<pre>${breakLines(escaped)}</pre>` : `\`${escaped}\``;
}

function escapePipes(text: string): string {
  return text.replace(/\|/g, "\\|");
}

function breakLines(text: string): string {
  return text.replace(/\r?\n/g, "<br>");
}

/**
 * A default as terraform-docs prints it: JSON indented by two spaces, with object keys sorted
 * the way Go's encoding/json writes a map.
 */
function defaultValue(value: unknown): string {
  return JSON.stringify(sortKeys(value), null, 2);
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === "object") {
    const map = value as Readonly<Record<string, unknown>>;
    return Object.fromEntries(
      Object.keys(map)
        .sort()
        .map((key) => [key, sortKeys(map[key])]),
    );
  }
  return value;
}

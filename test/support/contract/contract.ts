import * as fs from "fs";
import * as path from "path";

/**
 * The contract: the documented interface of the HCL module this package reproduces. The tests
 * read this verbatim copy so that a clone tests on its own; replace it when the contract changes.
 */
export const CONTRACT_README = path.join(__dirname, "finetune-workflow.README.md");

/** An input of the contract's Inputs table: its name, its type expression, and whether it is required. */
export interface ContractInput {
  readonly name: string;
  readonly type: string;
  readonly required: boolean;
}

/** The contract's documented interface: its inputs and the names of its outputs, in the tables' order. */
export interface ContractInterface {
  readonly inputs: readonly ContractInput[];
  readonly outputs: readonly string[];
}

/** A markdown table row's cells, split on the pipes that are not escaped. */
function cells(row: string): string[] {
  return row
    .split(/(?<!\\)\|/)
    .slice(1, -1)
    .map((cell) => cell.trim());
}

/** Reads the Inputs and Outputs tables of terraform-docs' markdown: `| Name | Description | Type | Default | Required |`. */
export function contractInterface(markdown: string = fs.readFileSync(CONTRACT_README, "utf8")): ContractInterface {
  const rows = markdown.split("\n").filter((line) => line.startsWith('| <a name="'));
  const inputs = rows
    .filter((row) => row.startsWith('| <a name="input_'))
    .map((row) => {
      const [name, , type, , required] = cells(row);
      return {
        name: /name="input_([a-z0-9_]+)"/.exec(name)![1],
        type: /^`(.+)`$/.exec(type)![1],
        required: required === "yes",
      };
    });
  const outputs = rows
    .filter((row) => row.startsWith('| <a name="output_'))
    .map((row) => /name="output_([a-z0-9_]+)"/.exec(row)![1]);
  return { inputs, outputs };
}

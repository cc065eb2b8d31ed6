/**
 * Runs `terraform test` and reports each test file's outcome from its machine-readable output,
 * so that a Jest test per file can show that file's own errors. Test code only.
 * https://developer.hashicorp.com/terraform/cli/commands/test
 */
import type { TerraformResult, TerraformSandbox } from "./runner";

export interface FileOutcome {
  /** `pass`, `fail`, `error` or `skip`, as Terraform reports the file. */
  readonly status: string;
  /** The errors reported while running the file, each `<run>: <summary>: <detail>`. */
  readonly errors: readonly string[];
}

/** The messages of `terraform test -json` output, one JSON object a line. */
function messagesOf(stdout: string): any[] {
  return stdout
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line));
}

/** The messages of `terraform test -json` output that name a test file, each with that file. */
function fileMessages(stdout: string): { file: string; message: any }[] {
  return messagesOf(stdout)
    .filter((message) => message["@testfile"])
    .map((message) => ({ file: message["@testfile"] as string, message }));
}

/** Whether a message is a diagnostic of `severity` ("error" or "warning"). */
const isDiagnostic = (severity: string) => (message: any) =>
  message.type === "diagnostic" && message.diagnostic.severity === severity;
const isError = isDiagnostic("error");

/** Outcomes by test file path (`tests/<name>.tftest.hcl`), from `terraform test -json` output. */
export function parseTestOutput(stdout: string): Map<string, FileOutcome> {
  const status = new Map<string, string>();
  const errors = new Map<string, string[]>();
  for (const { file, message } of fileMessages(stdout)) {
    if (message.type === "test_file" && message.test_file.progress === "complete")
      status.set(file, message.test_file.status);
    if (isError(message)) {
      const { summary, detail } = message.diagnostic;
      errors.set(file, [
        ...(errors.get(file) ?? []),
        `${message["@testrun"] ?? "(file)"}: ${summary}: ${detail ?? ""}`.trim(),
      ]);
    }
  }
  return new Map([...status].map(([file, s]) => [file, { status: s, errors: errors.get(file) ?? [] }]));
}

/**
 * Every warning in `terraform test -json` output, each `<file> <run>: <summary>: <detail>`, with
 * the parts left out that Terraform does not give: `terraform test` validates the module it
 * runs, and each run block's own module, before it plans, and reports what validation warns of.
 */
export function warnings(stdout: string): string[] {
  return messagesOf(stdout)
    .filter(isDiagnostic("warning"))
    .map((message) => {
      const where = [message["@testfile"], message["@testrun"]].filter(Boolean).join(" ");
      const { summary, detail } = message.diagnostic;
      return [where, summary, detail].filter(Boolean).join(": ");
    });
}

/**
 * The errors each test file reports, by file, each the first paragraph of its detail: for a
 * refused input, the validation rule's message, without the "This was checked by" paragraph.
 */
export function errorMessages(stdout: string): Map<string, string[]> {
  const messages = new Map<string, string[]>();
  for (const { file, message } of fileMessages(stdout).filter(({ message }) => isError(message))) {
    messages.set(file, [...(messages.get(file) ?? []), String(message.diagnostic.detail).split("\n\n")[0]]);
  }
  return messages;
}

/** `terraform test -json` on some test files of a folder: their outcomes, and the run itself. */
export async function testFiles(
  sandbox: TerraformSandbox,
  dir: string,
  files: readonly string[],
  ...args: string[]
): Promise<{ outcomes: Map<string, FileOutcome>; result: TerraformResult }> {
  const result = await sandbox.test(dir, "-json", ...files.map((f) => `-filter=${f}`), ...args);
  return { outcomes: parseTestOutput(result.stdout), result };
}

/** A file's outcome, or, when Terraform never reported it, the output of the runs that should have. */
export function outcomeOf(
  outcomes: Map<string, FileOutcome>,
  results: readonly TerraformResult[],
  file: string,
): FileOutcome {
  return outcomes.get(file) ?? { status: "not reported", errors: results.map((r) => r.stderr.trim()).filter(Boolean) };
}

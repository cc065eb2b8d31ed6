/**
 * The tables some tests build for a reader (the IAM simulation, the wildcard ledger, the cost
 * per run) are printed on request only: `npm run test:tables`, or FINETUNE_PRINT_TABLES=1 with
 * any Jest run. A plain `npm test` stays quiet, and the tests assert on the same rows either way.
 */
export const PRINT_TABLES_ENV = "FINETUNE_PRINT_TABLES";

export function tablesRequested(env: NodeJS.ProcessEnv = process.env): boolean {
  return /^(true|1)$/i.test(env[PRINT_TABLES_ENV] ?? "");
}

/** Logs `text` when tables were requested. */
export function printTable(text: string, env: NodeJS.ProcessEnv = process.env): void {
  if (tablesRequested(env)) console.log(text);
}

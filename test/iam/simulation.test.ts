/**
 * Simulation table: the exact calls each role makes are allowed and their near misses denied,
 * decided by our evaluator (test/models/iam-evaluator/evaluator.ts) on the policies the builders return
 * for the README's example inputs, which a first test shows equal the synthesized module's.
 */
import * as fs from "fs";
import * as path from "path";
import { evaluate } from "../models/iam-evaluator/evaluator";
import type { PolicyJson } from "../../src/iam/policy";
import { builderPolicies, type DocumentName, resolvedPolicies, resolveModule, sampleFor } from "./sample";
import { synthModule } from "../support/synthesized";
import { printTable } from "../support/tables";
import { DOCUMENT_OF, SIMULATION_CASES, type SimulationCase } from "./simulation-cases";

const sample = sampleFor("aws");
const policies = builderPolicies(sample);

function decide(c: SimulationCase): "Allowed" | "Denied" {
  return evaluate([policies[DOCUMENT_OF[c.role]]], c.request).decision === "Allowed" ? "Allowed" : "Denied";
}

function table(cases: readonly SimulationCase[]): string {
  const rows = cases.map((c, i) => {
    const decision = decide(c);
    return [
      String(i + 1),
      c.role,
      c.description,
      c.request.action,
      c.request.resource ?? (c.request.principal ? `(trust) ${c.request.principal.id}` : "*"),
      c.expected,
      decision === c.expected ? "ok" : `GOT ${decision}`,
      c.nearMiss ?? "",
    ];
  });
  const header = ["#", "role", "call", "action", "resource", "expected", "result", "near miss"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i]))
      .join(" | ")
      .trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("-|-"), ...rows.map(line)].join("\n");
}

describe("the simulation table", () => {
  test("GIVEN the README's inputs THEN the builders' policies equal the synthesized module's", () => {
    expect(resolvedPolicies(resolveModule(synthModule().tf, sample))).toEqual(policies);
  });

  test("has at least 40 rows, with allowed calls and denied near misses for every role", () => {
    printTable(`Simulation table (${SIMULATION_CASES.length} rows)\n${table(SIMULATION_CASES)}`);
    expect(SIMULATION_CASES.length).toBeGreaterThanOrEqual(40);
    for (const role of Object.keys(DOCUMENT_OF)) {
      const rows = SIMULATION_CASES.filter((c) => c.role === role);
      expect([role, rows.some((c) => c.expected === "Allowed"), rows.some((c) => c.expected === "Denied")]).toEqual([
        role,
        true,
        true,
      ]);
    }
    for (const c of SIMULATION_CASES)
      expect([c.description, c.expected === "Denied"]).toEqual([c.description, c.nearMiss !== undefined]);
  });

  test.each(SIMULATION_CASES.map((c, i) => [i + 1, c.role, c.description, c.expected, c] as const))(
    "%i. %s: %s → %s",
    (_n, _role, _description, expected, c) => {
      expect(decide(c)).toBe(expected);
    },
  );

  test("every action a role is granted is exercised by an allowed row: nothing is granted that the workflow never calls", () => {
    const unused: string[] = [];
    for (const [role, document] of Object.entries(DOCUMENT_OF) as [SimulationCase["role"], DocumentName][]) {
      const policy: PolicyJson = policies[document];
      const exercised = new Set(
        SIMULATION_CASES.filter((c) => c.role === role && c.expected === "Allowed").map((c) =>
          c.request.action.toLowerCase(),
        ),
      );
      for (const statement of policy.Statement) {
        for (const action of statement.Action)
          if (!exercised.has(action.toLowerCase())) unused.push(`${document}/${statement.Sid} ${action}`);
      }
    }
    expect(unused).toEqual([]);
  });

  test("docs/security.md states the table's counts", () => {
    // GIVEN
    const security = fs.readFileSync(path.resolve(__dirname, "../../docs/security.md"), "utf8");
    const allowedRows = SIMULATION_CASES.filter((c) => c.expected === "Allowed").length;
    // THEN
    expect(security).toContain(`${SIMULATION_CASES.length} requests`);
    expect(security).toContain(`the ${allowedRows} calls`);
    expect(security).toContain(`${SIMULATION_CASES.length - allowedRows} near misses`);
  });
});

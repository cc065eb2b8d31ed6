/**
 * The rules' evaluator (src/naming/expr.ts) agrees with Terraform itself: every case is rendered as
 * HCL with literal inputs, evaluated by the real `terraform console` in one run, and compared
 * with what the evaluator computes. `terraform console` needs no provider, so no mirror.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { clusterName, eventBusArn, executionArns, stateMachineArns } from "../../src/naming/arn";
import {
  compact,
  concat,
  element,
  evaluate,
  type Expr,
  formatlist,
  input,
  join,
  keys,
  list,
  matchkeys,
  replace,
  split,
  startswith,
  template,
  toHcl,
  values,
} from "../../src/naming/expr";
import { namespace, resourceNames, rolePrefix } from "../../src/naming/names";
import { describeWithTerraform } from "../support/terraform/suite";

const scope = { partition: "aws-cn", region: "cn-north-1", account: "111122223333" };
const sfn = (name: string) => `arn:aws:states:eu-west-1:111122223333:stateMachine:${name}`;
const tagSets: Record<string, string>[] = [
  {},
  { environment: "prod" },
  { environment: "" },
  { Environment: "prod", team: "ml" },
  { environment: "dev", Z: "1", a: "2", é: "3", _x: "4" },
];

const CASES: [string, Expr][] = [
  ...tagSets.flatMap((tags, i): [string, Expr][] => [
    [`namespace, tags #${i}`, namespace("gata", input(tags))],
    [`keys, tags #${i}`, keys(input(tags))],
    [`values, tags #${i}`, values(input(tags))],
  ]),
  ...["", "team", "a.b@c"].map((ns): [string, Expr] => [`rolePrefix "${ns}"`, rolePrefix(ns)]),
  ...Object.entries(resourceNames("gata-prod", "team-")).map(([name, rule]): [string, Expr] => [
    `resourceNames.${name}`,
    rule,
  ]),
  ["eventBusArn of a name", eventBusArn(scope, "gata")],
  ["eventBusArn of an ARN", eventBusArn(scope, "arn:aws-cn:events:cn-north-1:444455556666:event-bus/x")],
  ["clusterName", clusterName("arn:aws:ecs:eu-west-1:111122223333:cluster/gata")],
  ["clusterName with more slashes", clusterName("a/b/c")],
  ["stateMachineArns", stateMachineArns(input({ low_volume: sfn("lv"), general: sfn("g") }))],
  ["executionArns", executionArns(input({ low_volume: sfn("lv"), general: sfn("g"), a: sfn("a:stateMachine:b") }))],
  ["compact", compact(input(["a", "", "b", ""]))],
  ["concat", concat(list("a"), input([]), input(["b", "c"]))],
  ["element wraps", element(input(["a", "b", "c"]), 7)],
  ["formatlist", formatlist("x%sy", input(["1", "2"]))],
  ["join of nothing", join("-", input([]))],
  ["matchkeys", matchkeys(input(["1", "2", "3"]), input(["a", "b", "a"]), list("a"))],
  ["replace", replace("a.b.a", ".", "::")],
  ["split", split(":", "::a:")],
  ["startswith", startswith("arn", "arn:")],
  ["template", template("a", 1, "b")],
];

describeWithTerraform("src/naming/expr.ts evaluates every rule as `terraform console` does", (toolchain) => {
  let consoleValues: unknown[] = [];
  beforeAll(() => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "finetune-console-"));
    try {
      const line = `jsonencode([${CASES.map(([, expr]) => toHcl(expr)).join(", ")}])\n`;
      const run = spawnSync(toolchain().terraform, ["console"], {
        cwd: dir,
        input: line,
        encoding: "utf8",
        env: { ...process.env, TF_CLI_CONFIG_FILE: path.join(dir, "none.tfrc"), CHECKPOINT_DISABLE: "1" },
      });
      if (run.status !== 0) throw new Error(`terraform console failed: ${run.stderr}`);
      consoleValues = JSON.parse(JSON.parse(run.stdout.trim())) as unknown[];
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test("Terraform returned one value per case", () => {
    expect(consoleValues).toHaveLength(CASES.length);
  });

  test.each(CASES.map(([name, expr], index) => [name, expr, index] as const))("%s", (_name, expr, index) => {
    expect(evaluate(expr, () => false)).toEqual(consoleValues[index]);
  });
});

/**
 * A root stack's life against moto with the real Terraform and AWS provider: apply, a second
 * plan that must change nothing, destroy, and the state left behind. Test code only.
 */
import * as fs from "fs";
import * as path from "path";
import type { MotoServer } from "./moto/launcher";
import type { TerraformResult, TerraformSandbox } from "../../support/terraform/runner";
import { judgePlan, type PlanJson, type PlanVerdict } from "./plan-changes";

/** A Terraform run that must have succeeded; its output, and moto's log, are the message otherwise. */
export function succeeded(what: string, result: TerraformResult, moto?: MotoServer): TerraformResult {
  if (result.code !== 0) {
    const log = moto ? `\n--- moto's log, last 4000 characters ---\n${moto.log().slice(-4000)}` : "";
    throw new Error(`${what} exited with ${result.code}:\n${result.stdout.slice(-8000)}\n${result.stderr}${log}`);
  }
  return result;
}

export interface SecondPlan {
  readonly verdict: PlanVerdict;
  /** The plan as `terraform show -json` has it. */
  readonly json: PlanJson;
}

/** One working copy of a root stack, run against `moto`. `vars` are the -var-file arguments it takes. */
export class Deployment {
  constructor(
    private readonly sandbox: TerraformSandbox,
    public readonly cwd: string,
    private readonly moto: MotoServer,
    private readonly vars: readonly string[] = [],
  ) {}

  private async run(what: string, args: readonly string[]): Promise<TerraformResult> {
    return succeeded(what, await this.sandbox.terraform([...args, "-no-color"], { cwd: this.cwd }), this.moto);
  }

  /** Attached to the sandbox's provider, as every later command is, so init installs none. */
  init(...args: string[]): Promise<TerraformResult> {
    return this.run("terraform init", ["init", "-input=false", ...args]);
  }

  apply(): Promise<TerraformResult> {
    return this.run("terraform apply", ["apply", "-auto-approve", "-input=false", ...this.vars]);
  }

  /** A plan, judged: what it would change, less moto's known read-back differences. */
  async plan(): Promise<SecondPlan> {
    const planFile = path.join(this.cwd, "second.tfplan");
    await this.run("terraform plan", ["plan", "-input=false", `-out=${planFile}`, ...this.vars]);
    const shown = await this.run("terraform show", ["show", "-json", planFile]);
    fs.rmSync(planFile);
    const json = JSON.parse(shown.stdout) as PlanJson;
    return { verdict: judgePlan(json, this.moto.readBackDifferences), json };
  }

  destroy(): Promise<TerraformResult> {
    return this.run("terraform destroy", ["destroy", "-auto-approve", "-input=false", ...this.vars]);
  }

  /** The addresses in the state: none once the stack is destroyed. */
  async state(): Promise<string[]> {
    const listed = await this.run("terraform state list", ["state", "list"]);
    return listed.stdout.split("\n").filter(Boolean);
  }

  async outputs(): Promise<Record<string, unknown>> {
    const shown = await this.run("terraform output", ["output", "-json"]);
    return Object.fromEntries(
      Object.entries(JSON.parse(shown.stdout)).map(([name, o]) => [name, (o as { value: unknown }).value]),
    );
  }
}

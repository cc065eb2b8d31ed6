// An upgrade: examples/hcl-consumer applied with the previous release (v0.2.0, kept verbatim in
// test/deploy/releases/), then switched to this one. The plan replaces nothing and changes
// nothing: only the subnets' data source instances are keyed anew, by position, and data
// sources hold no infrastructure.
import * as fs from "fs";
import * as path from "path";
import { createNetwork } from "../support/moto/aws";
import { type MotoServer, startMoto } from "../support/moto/launcher";
import { createBoundaryPolicy, networkValues, readTfvars } from "../support/deploy/examples";
import { LIFECYCLE_TIMEOUT_MS } from "../support/deploy/expected";
import { Deployment, type SecondPlan } from "../support/deploy/lifecycle";
import { describeWithMoto } from "../support/deploy/suite";
import { TerraformSandbox } from "../support/terraform/runner";
import { copyStack, forMirror, REPO_ROOT, writeConfigCopy } from "../support/terraform/working-copy";

const EXAMPLE = "examples/hcl-consumer";
const TFVARS = `${EXAMPLE}/terraform.tfvars.example`;
const readModule = (...segments: string[]) => JSON.parse(fs.readFileSync(path.join(REPO_ROOT, ...segments), "utf8"));
const subnetReads = (state: string[]) =>
  state.filter((address) => address.startsWith("module.finetune.data.aws_subnet.this"));

describeWithMoto("an upgrade from the previous release", (toolchain) => {
  let moto: MotoServer;
  let sandbox: TerraformSandbox;
  let subnetIds: string[];
  let before: string[];
  let upgrade: SecondPlan;
  let after: string[];
  let destroyed: string[];

  beforeAll(async () => {
    moto = await startMoto();
    sandbox = new TerraformSandbox(toolchain(), moto.awsEnv());
    const example = await readTfvars(TFVARS);
    const [network] = await Promise.all([
      createNetwork(moto),
      createBoundaryPolicy(moto, example.role_permissions_boundary),
    ]);
    subnetIds = network.subnetIds;
    const previous = readModule("test", "deploy", "releases", "v0.2.0", "main.tf.json");
    const cwd = await copyStack(sandbox.root, EXAMPLE, previous, toolchain(), [
      { from: TFVARS, to: "terraform.tfvars" },
    ]);
    fs.writeFileSync(path.join(cwd, "moto.auto.tfvars.json"), JSON.stringify(networkValues(example, network)));

    const deployment = new Deployment(sandbox, cwd, moto);
    await deployment.init();
    await deployment.apply();
    before = await deployment.state();

    // The example sources ../../terraform: the upgrade is a new module there, as a new ref would fetch.
    writeConfigCopy(sandbox.path("terraform"), forMirror(readModule("terraform", "main.tf.json"), toolchain()));
    upgrade = await deployment.plan();
    await deployment.apply();
    after = await deployment.state();
    await deployment.destroy();
    destroyed = await deployment.state();
  }, LIFECYCLE_TIMEOUT_MS);

  afterAll(async () => {
    await moto?.stop();
    sandbox?.dispose();
  });

  test("the previous release keyed the subnets' data source by their IDs", () => {
    expect(subnetReads(before)).toEqual(subnetIds.map((id) => `module.finetune.data.aws_subnet.this["${id}"]`).sort());
  });

  test("the upgrade plans no replacement, and no change at all", () => {
    const replaced = (upgrade.json.resource_changes ?? []).filter((c) => c.change.actions.includes("delete"));
    expect(replaced.map((c) => c.address)).toEqual([]);
    expect(upgrade.verdict.changes).toEqual([]);
  });

  test("once applied, the subnets are read by position, and every resource keeps its address", () => {
    expect(subnetReads(after)).toEqual([
      'module.finetune.data.aws_subnet.this["0"]',
      'module.finetune.data.aws_subnet.this["1"]',
    ]);
    const resources = (state: string[]) => state.filter((address) => !address.includes(".data."));
    expect(resources(after)).toEqual(resources(before));
  });

  test("destroy leaves an empty state", () => {
    expect(destroyed).toEqual([]);
  });
});

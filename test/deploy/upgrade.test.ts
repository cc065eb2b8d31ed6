// An upgrade: examples/hcl-consumer applied with the previous release (v0.2.0, kept verbatim in
// test/deploy/releases/), then switched to this one. The plan replaces nothing: the subnets' data
// source instances are keyed anew, by position, and data sources hold no infrastructure; the one
// change is 0.3.0's definition, updated in place: its Failed state, its retriers, and a
// NotifyComplete that nothing catches.
import { isDeepStrictEqual } from "util";
import { LIFECYCLE_TIMEOUT_MS } from "./support/expected";
import { Deployment, type SecondPlan } from "./support/lifecycle";
import { describeWithMoto } from "./support/suite";
import { hclConsumer, type MotoWorld, openWorld, readModule } from "./support/world";
import { forMirror, writeConfigCopy } from "../support/terraform/working-copy";

const subnetReads = (state: string[]) =>
  state.filter((address) => address.startsWith("module.finetune.data.aws_subnet.this"));

describeWithMoto("an upgrade from the previous release", (toolchain) => {
  let world: MotoWorld;
  let subnetIds: string[];
  let before: string[];
  let upgrade: SecondPlan;
  let after: string[];
  let destroyed: string[];

  beforeAll(async () => {
    world = await openWorld(toolchain());
    const { cwd, network } = await hclConsumer(world, toolchain(), readModule("v0.2.0"));
    subnetIds = network.subnetIds;

    const deployment = new Deployment(world.sandbox, cwd, world.moto);
    await deployment.init();
    await deployment.apply();
    before = await deployment.state();

    // The example sources ../../terraform: the upgrade is a new module there, as a new ref would fetch.
    writeConfigCopy(world.sandbox.path("terraform"), forMirror(readModule(), toolchain()));
    upgrade = await deployment.plan();
    await deployment.apply();
    after = await deployment.state();
    await deployment.destroy();
    destroyed = await deployment.state();
  }, LIFECYCLE_TIMEOUT_MS);

  afterAll(() => world?.close());

  test("the previous release keyed the subnets' data source by their IDs", () => {
    expect(subnetReads(before)).toEqual(subnetIds.map((id) => `module.finetune.data.aws_subnet.this["${id}"]`).sort());
  });

  test("the upgrade plans no replacement: only the state machine's definition is updated in place", () => {
    const replaced = (upgrade.json.resource_changes ?? []).filter((c) => c.change.actions.includes("delete"));
    expect(replaced.map((c) => c.address)).toEqual([]);
    expect(upgrade.verdict.changes).toEqual([
      { address: "module.finetune.aws_sfn_state_machine.finetune", actions: ["update"], attributes: ["definition"] },
    ]);
  });

  test("the definition changes in its Failed state, its retriers and NotifyComplete, and nowhere else", () => {
    const machine = upgrade.json.resource_changes!.find(
      (c) => c.address === "module.finetune.aws_sfn_state_machine.finetune",
    )!;
    const [before, after] = [machine.change.before!, machine.change.after!].map((values) =>
      JSON.parse(values.definition as string),
    );
    const changed = Object.keys(after.States).filter(
      (name) => !isDeepStrictEqual(before.States[name], after.States[name]),
    );
    // Failed reports names a Fail state may report; the retriers name only errors AWS documents,
    // and NotifyComplete's last error fails the execution there (docs/workflow.md); FineTune
    // holds two of the retriers.
    expect(changed).toEqual([
      "LoadImageVersions",
      "RegisterTaskDefinition",
      "DeregisterTaskDefinition",
      "DeregisterAfterFailure",
      "FineTune",
      "NotifyComplete",
      "NotifyFailure",
      "Failed",
    ]);
    expect({ ...after, States: {} }).toEqual({ ...before, States: {} });
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

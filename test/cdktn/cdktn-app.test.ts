// examples/cdktn-app, on the cdktn build. It is examples/cdktf-app moved to cdktn, and must keep
// that app's state: the same stack id, backend and Terraform addresses.
import * as fs from "fs";
import * as path from "path";
import { type TerraformStack, Testing } from "cdktn";
import { testApp } from "../support/app";
import { buildStack, EXAMPLE_CONFIG } from "../../examples/cdktn-app/main";
// In this project the name "cdktf" loads cdktn (jest.config.js): both apps' code on one core.
import { Testing as TestingOfCdktfApp } from "cdktf";
import { buildStack as buildCdktfAppStack } from "../../examples/cdktf-app/main";

const STACK_ID = "finetune-prod";
const ROOT = path.resolve(__dirname, "../..");
const read = (file: string) => JSON.parse(fs.readFileSync(path.join(ROOT, file), "utf8"));

// Synthesized once for the file.
const synthesized = JSON.parse(Testing.synth(buildStack(testApp(), STACK_ID)));

describe("examples/cdktn-app", () => {
  test("configures its own AWS provider, with the region and default tags", () => {
    expect(synthesized.provider.aws).toEqual([
      { region: EXAMPLE_CONFIG.region, default_tags: [{ tags: { Application: "gata", ManagedBy: "cdktn" } }] },
    ]);
  });

  test("keeps its state in an S3 backend, locked with a lock file", () => {
    expect(synthesized.terraform.backend).toEqual({
      s3: {
        bucket: EXAMPLE_CONFIG.stateBucket,
        key: EXAMPLE_CONFIG.stateKey,
        region: EXAMPLE_CONFIG.region,
        encrypt: true,
        use_lockfile: true,
      },
    });
  });

  test("outputs the construct's attributes, at the addresses its construct id `finetune` gives them", () => {
    const outputs = Object.fromEntries(
      Object.entries<{ value: string }>(synthesized.output).map(([name, o]) => [name, o.value]),
    );
    expect(outputs).toEqual({
      state_machine_arn: "${aws_sfn_state_machine.finetune_state_machine_922A20ED.arn}",
      security_group_id: "${aws_security_group.finetune_security_group_3B7B18B8.id}",
      ecs_role_exec_name: "${aws_iam_role.finetune_data_prep_exec_role_FA3E23CD.name}",
      ecs_role_task_name: "${aws_iam_role.finetune_data_prep_task_role_C46DB913.name}",
    });
  });

  test("passes cdktn's validations with the Terraform versions its cdktf.json targets, which the lock file needs", () => {
    // GIVEN
    const targetVersions = read("examples/cdktn-app/cdktf.json").targetVersions;
    const targeted = testApp();
    targeted.node.setContext("targetVersions", targetVersions);
    const stacks = { targeted: buildStack(targeted, STACK_ID), untargeted: buildStack(testApp(), STACK_ID) };

    // WHEN
    const validate = (stack: TerraformStack) => () => Testing.synth(stack, true);

    // THEN
    expect(targetVersions).toEqual({ terraform: ">=1.11.0 <2.0.0" });
    expect(validate(stacks.targeted)).not.toThrow();
    expect(validate(stacks.untargeted)).toThrow("S3 native state locking requires terraform >=1.10.0");
  });

  test("is examples/cdktf-app but for its ManagedBy tag: the same backend, addresses and resources, so the state carries over", () => {
    // GIVEN
    const cdktfApp = JSON.parse(TestingOfCdktfApp.synth(buildCdktfAppStack(testApp(), STACK_ID)));

    // WHEN
    cdktfApp.provider.aws[0].default_tags[0].tags.ManagedBy = "cdktn";

    // THEN
    expect(synthesized).toEqual(cdktfApp);
  });
});

describe("examples/cdktn-app/package.json", () => {
  const pkg = read("package.json");
  const example = read("examples/cdktn-app/package.json");
  const cdktfExample = read("examples/cdktf-app/package.json");

  test("installs the tarball `npm pack` writes for this version, as examples/cdktf-app does", () => {
    expect(example.dependencies[pkg.name]).toBe(`file:${pkg.name}-${pkg.version}.tgz`);
    expect(example.dependencies[pkg.name]).toBe(cdktfExample.dependencies[pkg.name]);
  });

  test("installs cdktn's core, provider and constructs at the exact versions the repository develops against, and nothing of cdktf", () => {
    const peers = ["cdktn", "@cdktn/provider-aws", "constructs"];
    expect(example.dependencies).toEqual({
      ...Object.fromEntries(peers.map((name) => [name, pkg.devDependencies[name]])),
      [pkg.name]: example.dependencies[pkg.name],
    });
  });

  test("synthesizes with cdktn-cli at cdktn's version, and runs main.ts as examples/cdktf-app does, compiled by TypeScript 7's tsc", () => {
    expect(example.devDependencies["cdktn-cli"]).toBe(pkg.devDependencies.cdktn);
    expect(read("examples/cdktn-app/cdktf.json").app).toBe(read("examples/cdktf-app/cdktf.json").app);
    expect(read("examples/cdktn-app/tsconfig.json")).toEqual(read("examples/cdktf-app/tsconfig.json"));
    expect(example.devDependencies.typescript).toBe(cdktfExample.devDependencies.typescript);
  });
});

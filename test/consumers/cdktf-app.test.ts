import * as fs from "fs";
import * as path from "path";
import { Testing } from "cdktf";
import { testApp } from "../support/app";
// The example imports the construct as `finetune-workflow`; jest.config.js maps that name to src/.
import { buildStack, EXAMPLE_CONFIG } from "../../examples/cdktf-app/main";

// Synthesized once for the file.
const synthesized = JSON.parse(Testing.synth(buildStack(testApp(), "finetune-prod")));

describe("examples/cdktf-app", () => {
  test("configures its own AWS provider, with the region and default tags", () => {
    expect(synthesized.provider.aws).toEqual([
      { region: EXAMPLE_CONFIG.region, default_tags: [{ tags: { Application: "gata", ManagedBy: "cdktf" } }] },
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

  test("holds the workflow's resources, named from the application and environment", () => {
    const resources = synthesized.resource;
    expect(resources.aws_sfn_state_machine.finetune_state_machine_922A20ED.name).toBe("gata-prod-finetune");
    expect(resources.aws_iam_role.finetune_data_prep_exec_role_FA3E23CD.name).toBe("gata-prod-data-prep-exec");
    expect(resources.aws_security_group.finetune_security_group_3B7B18B8.name).toBe("gata-prod-data-prep");
    expect(Object.values<{ name: string }>(resources.aws_cloudwatch_log_group).map((g) => g.name)).toEqual([
      "/ecs/gata-prod-data-prep",
      "/aws/vendedlogs/states/gata-prod-finetune",
    ]);
  });
});

describe("examples/cdktf-app/package.json", () => {
  const ROOT = path.resolve(__dirname, "../..");
  const read = (file: string) => JSON.parse(fs.readFileSync(path.join(ROOT, file), "utf8"));
  const pkg = read("package.json");
  const example = read("examples/cdktf-app/package.json");

  test("installs the tarball `npm pack` writes for this version", () => {
    expect(example.dependencies[pkg.name]).toBe(`file:${pkg.name}-${pkg.version}.tgz`);
  });

  test("installs cdktf's core, provider and constructs at the exact versions the repository develops against, and nothing of cdktn", () => {
    const peers = ["cdktf", "@cdktf/provider-aws", "constructs"];
    expect(example.dependencies).toEqual({
      ...Object.fromEntries(peers.map((name) => [name, pkg.devDependencies[name]])),
      [pkg.name]: example.dependencies[pkg.name],
    });
  });

  test("compiles main.ts with tsc, on TypeScript 7, before cdktf runs it: no ts-node, which crashes on TypeScript 7", () => {
    expect(read("examples/cdktf-app/cdktf.json").app).toBe("npx tsc && node dist/main.js");
    expect(read("examples/cdktf-app/tsconfig.json").compilerOptions.outDir).toBe("dist");
    expect(example.devDependencies.typescript).toMatch(/^7\./);
    expect(example.devDependencies).not.toHaveProperty("ts-node");
  });
});

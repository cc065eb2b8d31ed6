// examples/cdktf-app against moto, its S3Backend included: the stack is synthesized as the
// example builds it (with the subnets moto created), its state written to the bucket and
// locked there with a lock file, read back by a second plan from a fresh working copy, and
// emptied by destroy. In between, examples/cdktn-app (the same app moved to CDK Terrain)
// takes that state over: it plans, applies, plans no change again, and is the one destroyed.
import * as fs from "fs";
import * as path from "path";
import {
  type BucketLocationConstraint,
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectVersionsCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { Testing } from "cdktf";
import { App as CdktnApp, Testing as CdktnTesting } from "cdktn";
import { buildStack, EXAMPLE_CONFIG } from "../../examples/cdktf-app/main";
import { buildStack as buildCdktnStack } from "../../examples/cdktn-app/main";
import { testApp } from "../support/app";
import { clientConfig, createNetwork } from "./support/aws";
import type { FinetuneWorkflow } from "../../src/finetune-workflow";
import { inApp, LIFECYCLE_TIMEOUT_MS, MODULE_RESOURCES } from "./support/expected";
import { Deployment, type SecondPlan } from "./support/lifecycle";
import { describeWithMoto } from "./support/suite";
import { type MotoWorld, openWorld } from "./support/world";
import type { TerraformResult } from "../support/terraform/runner";
import { forMirror, writeConfigCopy } from "../support/terraform/working-copy";

const STACK_ID = "finetune-prod";
const { stateBucket: BUCKET, stateKey: KEY } = EXAMPLE_CONFIG;
const LOCK_KEY = `${KEY}.tflock`;
/** moto's S3 answers on one host, so buckets go in the path; the example's own config is untouched. */
const PATH_STYLE = "-backend-config=use_path_style=true";

describeWithMoto("examples/cdktf-app, with its S3 backend", (toolchain) => {
  let world: MotoWorld;
  let s3: S3Client;
  let applied: string[];
  let workflow: FinetuneWorkflow;
  /** The app's address of what the module calls `address`. */
  const at = (address: string) => inApp([address], workflow)[0];
  let stateAfterApply: { resources: { instances: unknown[] }[] };
  let lockVersions: { versions: number; deleteMarkers: number };
  let whileLocked: TerraformResult;
  let fresh: string[];
  let second: SecondPlan;
  let moved: SecondPlan;
  let movedAgain: SecondPlan;
  let destroyed: string[];
  let stateAfterDestroy: { resources: unknown[] };

  const readState = async () =>
    JSON.parse(await (await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: KEY }))).Body!.transformToString());

  beforeAll(async () => {
    world = await openWorld(toolchain());
    const { moto, sandbox } = world;
    s3 = new S3Client({ ...clientConfig(moto), forcePathStyle: true });
    // The state bucket is the user's own, versioned as AWS advises for Terraform state.
    // https://developer.hashicorp.com/terraform/language/backend/s3
    await s3.send(
      new CreateBucketCommand({
        Bucket: BUCKET,
        CreateBucketConfiguration: { LocationConstraint: moto.region as BucketLocationConstraint },
      }),
    );
    await s3.send(new PutBucketVersioningCommand({ Bucket: BUCKET, VersioningConfiguration: { Status: "Enabled" } }));
    const network = await createNetwork(moto);

    const config = { ...EXAMPLE_CONFIG, subnetIds: network.subnetIds };
    const app = buildStack(testApp(), STACK_ID, config);
    const stack = JSON.parse(Testing.synth(app));
    workflow = app.node.findChild("finetune") as FinetuneWorkflow;
    const copy = (name: string, synthesized = stack) =>
      writeConfigCopy(sandbox.path(name, "cdktf.out", "stacks", STACK_ID), forMirror(synthesized, toolchain()));

    const deployment = new Deployment(sandbox, copy("first"), moto);
    await deployment.init(PATH_STYLE);
    await deployment.apply();
    applied = await deployment.state();
    stateAfterApply = await readState();
    const { Versions, DeleteMarkers } = await s3.send(
      new ListObjectVersionsCommand({ Bucket: BUCKET, Prefix: LOCK_KEY }),
    );
    lockVersions = { versions: Versions?.length ?? 0, deleteMarkers: DeleteMarkers?.length ?? 0 };

    // Someone else's lock, as Terraform writes one: a plan must wait for it, and fail.
    const lock = { ID: "c0ffee00-0000-4000-8000-000000000000", Operation: "OperationTypeApply", Who: "someone@else" };
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: LOCK_KEY, Body: JSON.stringify(lock) }));
    whileLocked = await sandbox.plan(deployment.cwd);
    await s3.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: LOCK_KEY }));

    // A working copy with no local state: the second plan can only know the stack from the bucket.
    const again = new Deployment(sandbox, copy("second"), moto);
    await again.init(PATH_STYLE);
    fresh = await again.state();
    second = await again.plan();

    // The same app moved to cdktn (examples/cdktn-app), planned on the state the cdktf app left.
    const cdktnApp = new CdktnApp({ outdir: sandbox.path("cdktn-app-outdir") });
    const cdktnStack = JSON.parse(CdktnTesting.synth(buildCdktnStack(cdktnApp, STACK_ID, config)));
    const onCdktn = new Deployment(sandbox, copy("cdktn", cdktnStack), moto);
    await onCdktn.init(PATH_STYLE);
    moved = await onCdktn.plan();
    await onCdktn.apply();
    movedAgain = await onCdktn.plan();

    await onCdktn.destroy();
    destroyed = await onCdktn.state();
    stateAfterDestroy = await readState();
  }, LIFECYCLE_TIMEOUT_MS);

  afterAll(async () => {
    s3?.destroy();
    await world?.close();
  });

  test("applies the module's resources, and writes the state to the bucket, not to a local file", () => {
    // The module's resources, each at the address the construct's id, `finetune`, gives it.
    expect(applied).toEqual(inApp(MODULE_RESOURCES.withoutEndpoints, workflow));
    expect(stateAfterApply.resources.flatMap((r) => r.instances)).toHaveLength(applied.length);
    expect(
      fs.existsSync(path.join(world.sandbox.path("first", "cdktf.out", "stacks", STACK_ID), "terraform.tfstate")),
    ).toBe(false);
  });

  test("locks the state with a lock file in the bucket: written, then released", () => {
    expect(lockVersions.versions).toBeGreaterThan(0);
    expect(lockVersions.deleteMarkers).toBe(lockVersions.versions);
  });

  test("refuses to plan while someone else holds the lock", () => {
    expect(whileLocked.code).toBe(1);
    expect(whileLocked.stderr).toContain("Error acquiring the state lock");
    expect(whileLocked.stderr).toContain("someone@else");
  });

  test("a second plan, from a fresh working copy, reads the state back and changes nothing", () => {
    expect(fresh).toEqual(applied);
    expect(second.verdict.changes).toEqual([]);
  });

  test("moved to cdktn, the app plans on the same state: nothing created or destroyed, the default tag updated", () => {
    const updates = moved.verdict.changes.filter((c) => c.actions.join() === "update");
    const reads = moved.verdict.changes.filter((c) => c.actions.join() === "read");
    expect(moved.verdict.changes).toHaveLength(updates.length + reads.length);
    // ManagedBy changes from cdktf to cdktn in the provider's default tags, on every resource that
    // takes tags (policy attachments take none).
    expect(updates.map((c) => c.address).sort()).toEqual(
      inApp(MODULE_RESOURCES.withoutEndpoints, workflow)
        .filter((a) => !a.startsWith("data.") && !a.includes("_policy_attachment."))
        .sort(),
    );
    // The documents that reference resources being updated are read at apply, so the two policies
    // built from them wait for their JSON; egress_https_s3's description is moto's (workarounds.py).
    expect(reads.map((c) => c.address).sort()).toEqual(
      ["data.aws_iam_policy_document.data_prep_exec", "data.aws_iam_policy_document.sfn"].map(at).sort(),
    );
    const beyondTags = updates
      .map((c) => [c.address, c.attributes.filter((a) => a !== "tags" && a !== "tags_all")])
      .filter(([, attributes]) => attributes.length > 0);
    expect(beyondTags.sort()).toEqual(
      [
        [at("aws_iam_policy.data_prep_exec"), ["policy"]],
        [at("aws_iam_policy.sfn"), ["policy"]],
        [at("aws_vpc_security_group_egress_rule.egress_https_s3"), ["description"]],
      ].sort(),
    );
  });

  test("applied by cdktn, the moved app then plans no change: the policies' JSON came out the same", () => {
    expect(movedAgain.verdict.changes).toEqual([]);
  });

  test("destroy leaves an empty state, in the bucket too", () => {
    expect(destroyed).toEqual([]);
    expect(stateAfterDestroy.resources).toEqual([]);
  });
});

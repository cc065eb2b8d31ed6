import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { findProviderMirror, findTerraform, mirroredVersions, terraformOrSkip, writeCliConfig } from "./terraform-cli";

const tempDirs: string[] = [];
afterAll(() => tempDirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function tempDir(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `finetune-workflow-${name}-`));
  tempDirs.push(dir);
  return dir;
}

/** A temp dir laid out as a provider mirror holding hashicorp/aws at the given versions. */
function fakeMirror(...versions: string[]): string {
  const root = tempDir("mirror");
  for (const version of versions) fs.mkdirSync(path.join(root, "registry.terraform.io", "hashicorp", "aws", version), { recursive: true });
  if (versions.length === 0) fs.mkdirSync(path.join(root, "registry.terraform.io"));
  return root;
}

/** A temp dir holding an executable named terraform, for PATH. */
function fakeTerraformDir(): string {
  const dir = tempDir("bin");
  fs.writeFileSync(path.join(dir, "terraform"), "#!/bin/sh\n", { mode: 0o755 });
  return dir;
}

describe("findProviderMirror", () => {
  test("takes FINETUNE_TF_MIRROR when it holds registry.terraform.io", () => {
    // GIVEN
    const mirror = fakeMirror("5.100.0");

    // WHEN
    const found = findProviderMirror({ FINETUNE_TF_MIRROR: mirror });

    // THEN
    expect(found).toBe(mirror);
  });

  test("finds nothing when FINETUNE_TF_MIRROR names a folder without registry.terraform.io, rather than looking elsewhere", () => {
    // GIVEN
    const empty = tempDir("empty");

    // WHEN
    const found = findProviderMirror({ FINETUNE_TF_MIRROR: empty });

    // THEN
    expect(found).toBeUndefined();
  });
});

describe("mirroredVersions", () => {
  test("lists the versions of a provider the mirror holds, lowest first by number", () => {
    // GIVEN
    const mirror = fakeMirror("5.99.1", "5.100.0");

    // WHEN
    const versions = mirroredVersions(mirror, "hashicorp/aws");

    // THEN
    expect(versions).toEqual(["5.99.1", "5.100.0"]);
  });

  test("lists none for a provider the mirror lacks", () => {
    // GIVEN
    const mirror = fakeMirror("5.100.0");

    // WHEN
    const versions = mirroredVersions(mirror, "hashicorp/random");

    // THEN
    expect(versions).toEqual([]);
  });
});

describe("findTerraform", () => {
  test("returns the first executable terraform on PATH", () => {
    // GIVEN
    const dir = fakeTerraformDir();

    // WHEN
    const found = findTerraform({ PATH: ["/nonexistent", dir].join(path.delimiter) });

    // THEN
    expect(found).toBe(path.join(dir, "terraform"));
  });

  test("returns undefined when PATH has none", () => {
    // GIVEN
    const env = { PATH: "/nonexistent" };

    // WHEN
    const found = findTerraform(env);

    // THEN
    expect(found).toBeUndefined();
  });
});

describe("writeCliConfig", () => {
  test("writes a CLI config that installs registry.terraform.io providers from the mirror only", () => {
    // GIVEN
    const dir = tempDir("rc");

    // WHEN
    const file = writeCliConfig(dir, "/opt/tf-plugins");

    // THEN
    expect(file).toBe(path.join(dir, "terraform.rc"));
    expect(fs.readFileSync(file, "utf8")).toBe(
      [
        "provider_installation {",
        "  filesystem_mirror {",
        '    path    = "/opt/tf-plugins"',
        '    include = ["registry.terraform.io/*/*"]',
        "  }",
        "}",
        "",
      ].join("\n"),
    );
  });
});

describe("terraformOrSkip", () => {
  test("gives the binary and the mirror when both are there", () => {
    // GIVEN
    const env = { PATH: fakeTerraformDir(), FINETUNE_TF_MIRROR: fakeMirror("5.100.0") };

    // WHEN
    const found = terraformOrSkip("suite", "hashicorp/aws", env);

    // THEN
    expect(found).toEqual({ binary: path.join(env.PATH, "terraform"), mirror: env.FINETUNE_TF_MIRROR });
  });

  test("outside CI, skips with one line saying why", () => {
    // GIVEN
    const write = jest.spyOn(process.stderr, "write").mockImplementation(() => true);
    const env = { PATH: "/nonexistent" };

    try {
      // WHEN
      const found = terraformOrSkip("the deploy suite", "hashicorp/aws", env);

      // THEN
      expect(found).toBeUndefined();
      expect(write.mock.calls).toEqual([["Skipping the deploy suite: no `terraform` on PATH.\n"]]);
    } finally {
      write.mockRestore();
    }
  });

  test("under CI, fails instead of skipping", () => {
    // GIVEN
    const env = { PATH: fakeTerraformDir(), FINETUNE_TF_MIRROR: fakeMirror(), CI: "true" };

    // WHEN
    const find = () => terraformOrSkip("the deploy suite", "hashicorp/aws", env);

    // THEN
    expect(find).toThrow(`the deploy suite: the mirror at ${env.FINETUNE_TF_MIRROR} holds no hashicorp/aws. CI=true, so this fails instead of skipping.`);
  });
});

import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { awsProviderVersions, discoverToolchain, findBinary, MIRROR_ENV, terraformPlatform } from "./toolchain";

let scratch: string;
beforeEach(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), "finetune-toolchain-"));
});
afterEach(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** A folder holding `name`, executable or not. */
function binDir(name: string, executable: boolean): string {
  const dir = fs.mkdtempSync(path.join(scratch, "bin-"));
  fs.writeFileSync(path.join(dir, name), "#!/bin/sh\n", { mode: executable ? 0o755 : 0o644 });
  return dir;
}

/** A mirror root holding hashicorp/aws at each version, for linux_amd64. */
function mirror(...versions: string[]): string {
  const root = fs.mkdtempSync(path.join(scratch, "mirror-"));
  for (const v of versions)
    fs.mkdirSync(path.join(root, "registry.terraform.io", "hashicorp", "aws", v, "linux_amd64"), { recursive: true });
  return root;
}

const noDiskSearch = () => {
  throw new Error("the disk was searched");
};

describe("findBinary", () => {
  test("the first executable terraform on the PATH", () => {
    const notExecutable = binDir("terraform", false);
    const found = binDir("terraform", true);
    const later = binDir("terraform", true);
    expect(findBinary([notExecutable, found, later].join(path.delimiter))).toBe(path.join(found, "terraform"));
  });

  test("none on the PATH", () => {
    expect(findBinary([binDir("tofu", true)].join(path.delimiter))).toBeUndefined();
    expect(findBinary(undefined)).toBeUndefined();
  });
});

describe("awsProviderVersions", () => {
  test("the versions built for the platform, highest first, by number", () => {
    const root = mirror("5.9.0", "5.100.0", "5.31.0");
    fs.mkdirSync(path.join(root, "registry.terraform.io", "hashicorp", "aws", "6.0.0", "darwin_arm64"), {
      recursive: true,
    });
    fs.mkdirSync(path.join(root, "registry.terraform.io", "hashicorp", "aws", "latest", "linux_amd64"), {
      recursive: true,
    });
    expect(awsProviderVersions(root, "linux_amd64")).toEqual(["5.100.0", "5.31.0", "5.9.0"]);
  });

  test("a folder that is no mirror holds none", () => {
    expect(awsProviderVersions(scratch, "linux_amd64")).toEqual([]);
  });
});

describe("terraformPlatform", () => {
  test.each([
    ["linux", "x64", "linux_amd64"],
    ["linux", "arm64", "linux_arm64"],
    ["darwin", "arm64", "darwin_arm64"],
  ])("%s %s is %s", (platform, arch, expected) => {
    expect(terraformPlatform(platform, arch)).toBe(expected);
  });
});

describe("discoverToolchain", () => {
  const platform = "linux_amd64";

  test("FINETUNE_TF_MIRROR names the mirror; nothing is searched", () => {
    const explicit = mirror("5.100.0");
    const env = { PATH: binDir("terraform", true), [MIRROR_ENV]: explicit };
    const discovery = discoverToolchain({ env, platform, knownLocations: [mirror("6.1.0")], searchDisk: noDiskSearch });
    expect(discovery).toEqual({
      toolchain: { terraform: path.join(env.PATH, "terraform"), mirror: explicit, awsProviderVersion: "5.100.0" },
    });
  });

  test("a FINETUNE_TF_MIRROR without the provider is reported, not replaced by another mirror", () => {
    const env = { PATH: binDir("terraform", true), [MIRROR_ENV]: scratch };
    expect(discoverToolchain({ env, platform, knownLocations: [mirror("5.100.0")], searchDisk: noDiskSearch })).toEqual(
      {
        missing: `${MIRROR_ENV}=${scratch} holds no registry.terraform.io/hashicorp/aws provider for linux_amd64`,
      },
    );
  });

  test("without it, the first known location holding the provider, before any disk search", () => {
    const known = mirror("5.100.0");
    const env = { PATH: binDir("terraform", true) };
    const discovery = discoverToolchain({
      env,
      platform,
      knownLocations: [path.join(scratch, "absent"), known],
      searchDisk: noDiskSearch,
    });
    expect("toolchain" in discovery && discovery.toolchain.mirror).toBe(known);
  });

  test("then a mirror found on the disk", () => {
    const onDisk = mirror("5.100.0");
    const env = { PATH: binDir("terraform", true) };
    const discovery = discoverToolchain({ env, platform, knownLocations: [], searchDisk: () => [scratch, onDisk] });
    expect("toolchain" in discovery && discovery.toolchain.mirror).toBe(onDisk);
  });

  test("no mirror anywhere", () => {
    const env = { PATH: binDir("terraform", true) };
    expect(discoverToolchain({ env, platform, knownLocations: [], searchDisk: () => [] })).toEqual({
      missing: `no provider mirror holding registry.terraform.io/hashicorp/aws for linux_amd64 (set ${MIRROR_ENV} to its root)`,
    });
  });

  test("no binary: the mirror is not even looked for", () => {
    const env = { PATH: binDir("tofu", true), [MIRROR_ENV]: mirror("5.100.0") };
    expect(discoverToolchain({ env, platform, searchDisk: noDiskSearch })).toEqual({
      missing: "no `terraform` binary on the PATH",
    });
  });
});

/**
 * Finds what the real-Terraform tests need: the `terraform` binary and an offline provider
 * mirror holding hashicorp/aws. Test code only.
 *
 * The mirror is the folder that holds `registry.terraform.io/`, in Terraform's unpacked
 * filesystem-mirror layout `<host>/<namespace>/<type>/<version>/<os>_<arch>/`.
 * https://developer.hashicorp.com/terraform/cli/config/config-file#filesystem_mirror
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { compareVersions } from "../versions";

/** Names the mirror root explicitly; when unset, the mirror is searched for. */
export const MIRROR_ENV = "FINETUNE_TF_MIRROR";

export interface Toolchain {
  /** Absolute path of the `terraform` binary. */
  readonly terraform: string;
  /** The folder that holds `registry.terraform.io/`. */
  readonly mirror: string;
  /** The highest hashicorp/aws version the mirror holds for this platform. */
  readonly awsProviderVersion: string;
}

/** Either the toolchain, or why the real-Terraform tests cannot run. */
export type Discovery = { readonly toolchain: Toolchain } | { readonly missing: string };

/**
 * Where mirrors usually live, searched in order before the whole disk: this project's machines,
 * then Terraform's implied local mirror directories on Linux.
 * https://developer.hashicorp.com/terraform/cli/config/config-file#implied-local-mirror-directories
 */
export function knownMirrorLocations(home: string = os.homedir()): string[] {
  return [
    "/opt/tf-plugins",
    path.join(home, ".terraform.d", "plugins"),
    path.join(home, ".local", "share", "terraform", "plugins"),
    "/usr/local/share/terraform/plugins",
    "/usr/share/terraform/plugins",
  ];
}

/** Terraform's name for this platform, e.g. `linux_amd64`. */
export function terraformPlatform(platform: string = process.platform, arch: string = process.arch): string {
  const goArch: Record<string, string> = { x64: "amd64", arm64: "arm64", ia32: "386", arm: "arm" };
  return `${platform}_${goArch[arch] ?? arch}`;
}

/** The first executable `terraform` on a PATH, or undefined. */
export function findBinary(searchPath: string | undefined): string | undefined {
  for (const dir of (searchPath ?? "").split(path.delimiter).filter(Boolean)) {
    const candidate = path.resolve(dir, "terraform");
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

/** The hashicorp/aws versions a mirror root holds for `platform`, highest first. */
export function awsProviderVersions(mirror: string, platform: string = terraformPlatform()): string[] {
  const providerDir = path.join(mirror, "registry.terraform.io", "hashicorp", "aws");
  let versions: string[];
  try {
    versions = fs.readdirSync(providerDir);
  } catch {
    return [];
  }
  return versions
    .filter((v) => /^\d+\.\d+\.\d+$/.test(v) && fs.existsSync(path.join(providerDir, v, platform)))
    .sort((a, b) => compareVersions(b, a));
}

/** Mirror roots anywhere on the disk: the parents of `registry.terraform.io` folders, four levels deep at most. */
export function findMirrorsOnDisk(): string[] {
  const found = spawnSync(
    "find",
    ["/", "-maxdepth", "4", "-type", "d", "-name", "registry.terraform.io", "-not", "-path", "/proc/*"],
    { encoding: "utf8", timeout: 30_000 },
  );
  return (found.stdout ?? "")
    .split("\n")
    .filter(Boolean)
    .map((dir) => path.dirname(dir));
}

export interface DiscoveryOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly knownLocations?: readonly string[];
  readonly searchDisk?: () => string[];
  readonly platform?: string;
}

/**
 * The toolchain, or the reason it is missing. An explicit FINETUNE_TF_MIRROR that holds no
 * usable provider is reported as missing rather than silently replaced by another mirror.
 */
export function discoverToolchain(options: DiscoveryOptions = {}): Discovery {
  const env = options.env ?? process.env;
  const platform = options.platform ?? terraformPlatform();
  const terraform = findBinary(env.PATH);
  if (!terraform) return { missing: "no `terraform` binary on the PATH" };

  const explicit = env[MIRROR_ENV];
  if (explicit) {
    const [version] = awsProviderVersions(explicit, platform);
    if (!version)
      return {
        missing: `${MIRROR_ENV}=${explicit} holds no registry.terraform.io/hashicorp/aws provider for ${platform}`,
      };
    return { toolchain: { terraform, mirror: path.resolve(explicit), awsProviderVersion: version } };
  }

  // The disk is searched only when no known location has a mirror: `find /` takes a while.
  const searches = [() => options.knownLocations ?? knownMirrorLocations(), options.searchDisk ?? findMirrorsOnDisk];
  for (const search of searches) {
    for (const mirror of search()) {
      const [version] = awsProviderVersions(mirror, platform);
      if (version) return { toolchain: { terraform, mirror: path.resolve(mirror), awsProviderVersion: version } };
    }
  }
  return {
    missing: `no provider mirror holding registry.terraform.io/hashicorp/aws for ${platform} (set ${MIRROR_ENV} to its root)`,
  };
}

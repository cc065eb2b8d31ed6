/**
 * The real `terraform` binary, offline: where it is, where the provider mirror is, and a CLI
 * config that installs providers from that mirror only (the registry is unreachable here).
 *
 * A suite that needs Terraform calls `terraformOrSkip` once: on a machine without the binary or
 * the mirror it skips with one line saying why, but under CI (`CI=true`, set by .ci/run) it fails,
 * so a broken CI machine never passes by skipping.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { compareVersions } from "./versions";

/** Overrides the mirror's location: the folder that holds `registry.terraform.io/`. */
export const MIRROR_ENV = "FINETUNE_TF_MIRROR";
/** Where this project's machines keep the mirror. */
export const DEFAULT_MIRROR = "/opt/tf-plugins";
const REGISTRY_HOST = "registry.terraform.io";

export interface TerraformCli {
  /** Absolute path of the `terraform` binary. */
  readonly binary: string;
  /** The mirror's root, which holds `registry.terraform.io/<namespace>/<type>/<version>/`. */
  readonly mirror: string;
}

/** The first `terraform` on PATH, or undefined. */
export function findTerraform(env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const dir of (env.PATH ?? "").split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, "terraform");
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // Not in this PATH entry.
    }
  }
  return undefined;
}

/**
 * The mirror's root: `$FINETUNE_TF_MIRROR` when set (and then only that), else /opt/tf-plugins,
 * else the parent of the first `registry.terraform.io` folder within four levels of `/`.
 */
export function findProviderMirror(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const holdsRegistry = (dir: string) => fs.existsSync(path.join(dir, REGISTRY_HOST));
  const override = env[MIRROR_ENV];
  if (override !== undefined && override !== "") return holdsRegistry(override) ? path.resolve(override) : undefined;
  if (holdsRegistry(DEFAULT_MIRROR)) return DEFAULT_MIRROR;
  let found = "";
  try {
    found = execFileSync("find", ["/", "-maxdepth", "4", "-type", "d", "-name", REGISTRY_HOST, "-not", "-path", "/proc/*"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    });
  } catch (error) {
    // find exits non-zero when some folders cannot be read; what it did find is still on stdout.
    found = (error as { stdout?: string }).stdout ?? "";
  }
  const [first] = found.split("\n").filter(Boolean);
  return first === undefined ? undefined : path.dirname(first);
}

/** The versions of a provider (`hashicorp/aws`) the mirror holds, lowest first, e.g. `["5.99.1", "5.100.0"]`. */
export function mirroredVersions(mirror: string, provider: string): string[] {
  const dir = path.join(mirror, REGISTRY_HOST, provider);
  return fs.existsSync(dir) ? fs.readdirSync(dir).sort(compareVersions) : [];
}

/**
 * Writes a Terraform CLI config into `dir` that installs every registry.terraform.io provider
 * from the mirror, and never from the network, and returns its path, for `TF_CLI_CONFIG_FILE`.
 * https://developer.hashicorp.com/terraform/cli/config/config-file#provider-installation
 */
export function writeCliConfig(dir: string, mirror: string): string {
  const file = path.join(dir, "terraform.rc");
  fs.writeFileSync(
    file,
    [
      "provider_installation {",
      "  filesystem_mirror {",
      `    path    = ${JSON.stringify(mirror)}`,
      `    include = ["${REGISTRY_HOST}/*/*"]`,
      "  }",
      "}",
      "",
    ].join("\n"),
  );
  return file;
}

/** Why Terraform cannot run here, or undefined when it can. */
function missing(binary: string | undefined, mirror: string | undefined, provider: string): string | undefined {
  if (binary === undefined) return "no `terraform` on PATH";
  if (mirror === undefined) return `no provider mirror (set ${MIRROR_ENV}, or install one at ${DEFAULT_MIRROR})`;
  if (mirroredVersions(mirror, provider).length === 0) return `the mirror at ${mirror} holds no ${provider}`;
  return undefined;
}

/**
 * Terraform and its mirror, for the suite named `suite`; or undefined, after printing one line,
 * when either is missing. With `CI=true` a missing one throws instead.
 */
export function terraformOrSkip(suite: string, provider = "hashicorp/aws", env: NodeJS.ProcessEnv = process.env): TerraformCli | undefined {
  const binary = findTerraform(env);
  const mirror = binary === undefined ? undefined : findProviderMirror(env);
  const reason = missing(binary, mirror, provider);
  if (reason === undefined) return { binary: binary as string, mirror: mirror as string };
  if (env.CI === "true") throw new Error(`${suite}: ${reason}. CI=true, so this fails instead of skipping.`);
  process.stderr.write(`Skipping ${suite}: ${reason}.\n`);
  return undefined;
}

/**
 * How test files use the real-Terraform toolchain: found once, by global-setup.ts, and handed
 * to every test file through the environment. Test code only.
 */
import { discoverToolchain, type Discovery, type Toolchain } from "./toolchain";

/** Carries global-setup.ts's discovery, as JSON, to the test files. */
export const DISCOVERY_ENV = "FINETUNE_TF_DISCOVERY";

/** How long a test file's Terraform runs may take, for its `beforeAll`. */
export const TERRAFORM_TIMEOUT_MS = 120_000;

/** CI fails where a developer's machine skips: `.ci/run` exports CI=true. */
export function isCi(env: NodeJS.ProcessEnv = process.env): boolean {
  return /^(true|1)$/i.test(env.CI ?? "");
}

/** The discovery global-setup.ts made, or a fresh one when a file runs without it. */
export function toolchainDiscovery(env: NodeJS.ProcessEnv = process.env): Discovery {
  const shared = env[DISCOVERY_ENV];
  return shared ? (JSON.parse(shared) as Discovery) : discoverToolchain({ env });
}

/** What a search for a tool that failed found: why the tool is missing. */
export interface Missing {
  readonly missing: string;
}

export function isMissing(found: unknown): found is Missing {
  return typeof found === "object" && found !== null && "missing" in found;
}

/**
 * `describe` when `found` is the tool, `describe.skip` when it is {@link Missing}. The body gets
 * the tool through a getter, which only hooks and tests call, and which a skipped block never runs.
 */
export function describeIfFound<F>(found: F, name: string, body: (tool: () => Exclude<F, Missing>) => void): void {
  if (!isMissing(found)) {
    describe(name, () => body(() => found as Exclude<F, Missing>));
    return;
  }
  describe.skip(name, () =>
    body(() => {
      throw new Error(`${name} cannot run here: ${found.missing}.`);
    }),
  );
}

/** The toolchain a discovery found, or why there is none. */
export function foundToolchain(discovery: Discovery): Toolchain | Missing {
  return "toolchain" in discovery ? discovery.toolchain : discovery;
}

/**
 * `describe` when Terraform and the mirror are there, `describe.skip` when they are not: the
 * reason is printed once, by global-setup.ts.
 */
export function describeWithTerraform(name: string, body: (toolchain: () => Toolchain) => void): void {
  describeIfFound(foundToolchain(toolchainDiscovery()), name, body);
}

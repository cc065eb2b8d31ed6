/**
 * The provider-version shim, for tests only: the shipped module never changes.
 *
 * The module requires hashicorp/aws `>= 6.0, < 7.0`, but the offline mirror on these machines
 * holds 5.x and no 6.x can be fetched. A test copy of a configuration is therefore rewritten in
 * exactly two ways, and in no other:
 * - `required_providers.aws.version` becomes the mirror's version;
 * - `data.aws_region.<name>.region`, an attribute provider 6 added, is read as `.name`, the
 *   attribute 5.x has for the same value, for each `aws_region` data source the configuration
 *   declares: the module's `current`, and an app's workflows' scoped ones; and in the HCL the
 *   docs give a stack to add beside the module (`shimRegionReads`).
 *   https://registry.terraform.io/providers/hashicorp/aws/latest/docs/guides/version-6-upgrade#data-source-aws_region
 *
 * Each rewrite must find what it rewrites, or the shim throws: when the module or the mirror
 * changes, the shim fails loudly instead of rotting into a no-op.
 */

/** Provider 6 is what the module requires; an older mirror needs the shim, a 6.x one does not. */
export function needsShim(mirrorVersion: string): boolean {
  const major = Number(mirrorVersion.split(".")[0]);
  if (major === 6) return false;
  if (major < 6) return true;
  throw new Error(`The mirror's hashicorp/aws ${mirrorVersion} cannot stand in for the module's ">= 6.0, < 7.0".`);
}

/** Any read of a region data source's provider-6 `region` attribute, in Terraform JSON or HCL. */
const REGION_V6 = /\bdata\.aws_region\.([A-Za-z0-9_-]+)\.region\b/;
const REGION_V6_ALL = new RegExp(REGION_V6.source, "g");

/** Synthesized Terraform JSON, shimmed for `mirrorVersion`. Returns a new object. */
export function shimTerraformJson(config: Record<string, any>, mirrorVersion: string): Record<string, any> {
  const copy = JSON.parse(JSON.stringify(config));
  const aws = copy.terraform?.required_providers?.aws;
  if (typeof aws?.version !== "string") {
    throw new Error("Provider shim: the configuration has no terraform.required_providers.aws.version to relax.");
  }
  aws.version = mirrorVersion;

  const declared = new Set(Object.keys(copy.data?.aws_region ?? {}));
  const read = new Set<string>();
  const rewrite = (value: unknown): unknown => {
    if (typeof value === "string") {
      return value.replace(REGION_V6_ALL, (whole: string, name: string) => {
        if (!declared.has(name)) return whole;
        read.add(name);
        return `data.aws_region.${name}.name`;
      });
    }
    if (Array.isArray(value)) return value.map(rewrite);
    if (value && typeof value === "object") {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rewrite(v)]));
    }
    return value;
  };
  const shimmed = rewrite(copy) as Record<string, any>;
  if (declared.size > 0 && read.size === 0) {
    const names = [...declared].map((name) => `data.aws_region.${name}`).join(", ");
    throw new Error(`Provider shim: ${names} is declared but no \`.region\` read of it was found to rewrite.`);
  }
  return shimmed;
}

const AWS_VERSION_HCL = /(required_providers\s*\{[^}]*?\baws\s*=\s*\{[^}]*?\bversion\s*=\s*)"[^"]*"/;

/** An HCL file declaring `required_providers { aws = { version = ... } }`, shimmed for `mirrorVersion`. */
export function shimHcl(text: string, mirrorVersion: string): string {
  if (!AWS_VERSION_HCL.test(text)) {
    throw new Error("Provider shim: no required_providers aws version constraint found to relax.");
  }
  const regionRead = REGION_V6.exec(text);
  if (regionRead) {
    throw new Error(
      `Provider shim: HCL files are shimmed for their version constraint only; this one reads ${regionRead[0]}.`,
    );
  }
  return text.replace(AWS_VERSION_HCL, `$1"${mirrorVersion}"`);
}

/**
 * HCL a stack adds beside the module, such as the docs' blocks, as the mirror's provider reads it:
 * every `data.aws_region.<name>.region` read as `.name`. It must read one, or the shim throws.
 */
export function shimRegionReads(hcl: string, mirrorVersion: string): string {
  if (!needsShim(mirrorVersion)) return hcl;
  const shimmed = hcl.replace(REGION_V6_ALL, "data.aws_region.$1.name");
  if (shimmed === hcl) throw new Error("Provider shim: the HCL reads no data.aws_region.<name>.region to rewrite.");
  return shimmed;
}

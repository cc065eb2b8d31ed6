import { extractBlock } from "../../../tools/docs/readme-blocks";
import { moduleSource, renderModuleReadme, renderModuleUsage } from "../../../tools/docs/module-readme";
import { renderTerraformDocs, type TerraformJsonModule } from "../../../tools/docs/terraform-docs";

const RELEASE = { repositoryUrl: "git+https://github.com/OWNER/finetune-workflow.git", version: "0.2.0" };

/** Two required inputs, one optional (a `null` default still makes it optional). */
const MODULE: TerraformJsonModule = {
  terraform: {
    required_version: ">= 1.11.0",
    required_providers: { aws: { source: "hashicorp/aws", version: ">= 6.0, < 7.0" } },
  },
  variable: {
    kms_key_arn: { type: "string", description: "Key" },
    role_permissions_boundary: { type: "string", description: "Boundary", default: null },
    subnet_ids: { type: "list(string)", description: "Subnets" },
  },
};

const MIGRATION_NOTES = [
  "# Title",
  "",
  "<!-- BEGIN_MIGRATION -->",
  "Switch the source.",
  "<!-- END_MIGRATION -->",
  "",
].join("\n");

describe("moduleSource", () => {
  test("turns npm's git+https repository URL into Terraform's generic Git source of the folder at the version's tag", () => {
    // GIVEN
    const release = RELEASE;

    // WHEN
    const source = moduleSource(release);

    // THEN
    expect(source).toBe("git::https://github.com/OWNER/finetune-workflow.git//terraform?ref=v0.2.0");
  });

  test("keeps an ssh URL and a pre-release version", () => {
    // GIVEN
    const release = { repositoryUrl: "git+ssh://git@github.com/OWNER/finetune-workflow.git", version: "1.0.0-rc.1" };

    // WHEN
    const source = moduleSource(release);

    // THEN
    expect(source).toBe("git::ssh://git@github.com/OWNER/finetune-workflow.git//terraform?ref=v1.0.0-rc.1");
  });

  test("rejects a repository URL that is not a Git URL Terraform can fetch", () => {
    // GIVEN
    const release = { ...RELEASE, repositoryUrl: "github:OWNER/finetune-workflow" };

    // WHEN
    const source = () => moduleSource(release);

    // THEN
    expect(source).toThrow(
      'package.json repository.url must be an https:// or ssh:// Git URL (npm\'s git+ prefix allowed), got "github:OWNER/finetune-workflow".',
    );
  });

  test("rejects a version that is not semantic, since it names the tag", () => {
    // GIVEN
    const release = { ...RELEASE, version: "v0.2" };

    // WHEN
    const source = () => moduleSource(release);

    // THEN
    expect(source).toThrow('package.json version must be a semantic version like 1.2.3, got "v0.2".');
  });

  test("takes an https URL without npm's git+ prefix, and versions with numbers of several digits", () => {
    const release = { repositoryUrl: "https://github.com/OWNER/finetune-workflow.git", version: "10.20.30" };
    expect(moduleSource(release)).toBe("git::https://github.com/OWNER/finetune-workflow.git//terraform?ref=v10.20.30");
  });

  test.each([
    ["text before the URL", "see https://github.com/OWNER/finetune-workflow.git"],
    ["text after the URL", "https://github.com/OWNER/finetune-workflow.git (mirror)"],
  ])("rejects a repository URL with %s", (_, repositoryUrl) => {
    expect(() => moduleSource({ ...RELEASE, repositoryUrl })).toThrow(
      `package.json repository.url must be an https:// or ssh:// Git URL (npm's git+ prefix allowed), got ${JSON.stringify(repositoryUrl)}.`,
    );
  });

  test.each(["v0.2.0", "0.2.0 beta"])("rejects the version %j, which cannot name the tag", (version) => {
    expect(() => moduleSource({ ...RELEASE, version })).toThrow(
      `package.json version must be a semantic version like 1.2.3, got ${JSON.stringify(version)}.`,
    );
  });
});

describe("renderModuleUsage", () => {
  test("calls the pinned module with every required input, aligned as terraform fmt aligns them", () => {
    // GIVEN
    const module = MODULE;

    // WHEN
    const usage = renderModuleUsage(module, RELEASE);

    // THEN
    expect(usage).toBe(
      [
        "",
        "```hcl",
        'module "finetune" {',
        '  source = "git::https://github.com/OWNER/finetune-workflow.git//terraform?ref=v0.2.0"',
        "",
        "  # The required inputs; the optional ones are in Inputs below.",
        "  kms_key_arn = var.kms_key_arn",
        "  subnet_ids  = var.subnet_ids",
        "}",
        "```",
        "",
      ].join("\n"),
    );
  });
});

describe("renderModuleReadme", () => {
  test("copies the migration notes verbatim", () => {
    // GIVEN
    const notes = MIGRATION_NOTES;

    // WHEN
    const rendered = renderModuleReadme(MODULE, RELEASE, notes);

    // THEN
    expect(extractBlock(rendered, "MIGRATION")).toBe("\nSwitch the source.\n");
  });

  test("holds the usage block and the terraform-docs table of the same module", () => {
    // GIVEN
    const module = MODULE;

    // WHEN
    const rendered = renderModuleReadme(module, RELEASE, MIGRATION_NOTES);

    // THEN
    expect(extractBlock(rendered, "MODULE_USAGE")).toBe(renderModuleUsage(module, RELEASE));
    expect(extractBlock(rendered, "TF_DOCS")).toBe(renderTerraformDocs(module));
  });

  test("states the aws provider constraint the caller must configure", () => {
    // GIVEN
    const module = MODULE;

    // WHEN
    const rendered = renderModuleReadme(module, RELEASE, MIGRATION_NOTES);

    // THEN
    expect(rendered).toContain(
      "The calling stack configures the `aws` provider (`>= 6.0, < 7.0`) and the backend: the module has neither.",
    );
  });

  test("refuses migration notes without a MIGRATION block", () => {
    // GIVEN
    const notes = "# Title\n";

    // WHEN
    const render = () => renderModuleReadme(MODULE, RELEASE, notes);

    // THEN
    expect(render).toThrow("Marker `<!-- BEGIN_MIGRATION -->` not found.");
  });

  test("refuses a module whose providers do not include aws", () => {
    // GIVEN
    const module = { ...MODULE, terraform: { required_providers: { random: { source: "hashicorp/random" } } } };

    // WHEN
    const render = () => renderModuleReadme(module, RELEASE, MIGRATION_NOTES);

    // THEN
    expect(render).toThrow("The synthesized module has no terraform.required_providers.aws.version.");
  });

  test("refuses a module that does not require the aws provider", () => {
    // GIVEN
    const module = { ...MODULE, terraform: { required_version: ">= 1.11.0" } };

    // WHEN
    const render = () => renderModuleReadme(module, RELEASE, MIGRATION_NOTES);

    // THEN
    expect(render).toThrow("The synthesized module has no terraform.required_providers.aws.version.");
  });
});

// `npm run synth`, the Quickstart's command: the environment it runs the cdktf CLI with.
const { synthEnv } = require("../../tools/synth");

describe("synthEnv", () => {
  test("turns off the CLI's Checkpoint call, which fails loudly without internet access, and keeps the rest", () => {
    // GIVEN
    const env = { PATH: "/usr/bin", AWS_REGION: "eu-west-1" };

    // WHEN
    const synth = synthEnv(env);

    // THEN
    expect(synth).toEqual({ PATH: "/usr/bin", AWS_REGION: "eu-west-1", CHECKPOINT_DISABLE: "1" });
  });

  test("keeps a CHECKPOINT_DISABLE the caller set", () => {
    expect(synthEnv({ CHECKPOINT_DISABLE: "true" }).CHECKPOINT_DISABLE).toBe("true");
  });

  test("drops a TF_CLI_CONFIG_FILE that names no file, which Terraform would only warn about", () => {
    expect(synthEnv({ TF_CLI_CONFIG_FILE: "/root/.terraformrc" }, () => false)).toEqual({ CHECKPOINT_DISABLE: "1" });
  });

  test("keeps a TF_CLI_CONFIG_FILE that names a file", () => {
    const synth = synthEnv({ TF_CLI_CONFIG_FILE: "/etc/terraformrc" }, (file: string) => file === "/etc/terraformrc");
    expect(synth).toEqual({ TF_CLI_CONFIG_FILE: "/etc/terraformrc", CHECKPOINT_DISABLE: "1" });
  });
});

import { DISCOVERY_ENV, isCi, toolchainDiscovery } from "./suite";

describe("isCi", () => {
  test.each([
    ["true", true],
    ["TRUE", true],
    ["1", true],
    ["false", false],
    ["0", false],
    ["", false],
  ])("CI=%j: %p", (value, expected) => {
    expect(isCi({ CI: value })).toBe(expected);
  });

  test("CI unset", () => {
    expect(isCi({})).toBe(false);
  });
});

describe("toolchainDiscovery", () => {
  test("takes global-setup.ts's discovery from the environment", () => {
    const discovery = {
      toolchain: { terraform: "/usr/local/bin/terraform", mirror: "/opt/tf-plugins", awsProviderVersion: "5.100.0" },
    };
    expect(toolchainDiscovery({ [DISCOVERY_ENV]: JSON.stringify(discovery) })).toEqual(discovery);
  });

  test("discovers afresh without it", () => {
    expect(toolchainDiscovery({ PATH: "" })).toEqual({ missing: "no `terraform` binary on the PATH" });
  });
});

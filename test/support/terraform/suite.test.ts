import { describeIfFound, DISCOVERY_ENV, foundToolchain, isCi, isMissing, toolchainDiscovery } from "./suite";

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

describe("isMissing", () => {
  test.each([
    [{ missing: "no python3" }, true],
    [{ python: "/usr/bin/python3" }, false],
    ["/usr/bin/python3", false],
    [null, false],
  ])("%j: %p", (found, expected) => {
    expect(isMissing(found)).toBe(expected);
  });
});

describe("foundToolchain", () => {
  test("the toolchain a discovery found, or why there is none", () => {
    const toolchain = { terraform: "/usr/local/bin/terraform", mirror: "/opt/tf", awsProviderVersion: "5.100.0" };
    expect(foundToolchain({ toolchain })).toBe(toolchain);
    expect(foundToolchain({ missing: "no mirror" })).toEqual({ missing: "no mirror" });
  });
});

// Blocks declared here, at collection time, as a test file declares them; the tests below them
// show which ran.
const ran: string[] = [];
describeIfFound("/usr/bin/tool", "a found tool", (tool) => {
  test("runs, with the tool", () => {
    ran.push(tool());
    expect(tool()).toBe("/usr/bin/tool");
  });
});
describeIfFound({ missing: "no tool" } as string | { missing: string }, "a missing tool", () => {
  test("is skipped, on purpose: this block shows describeIfFound skipping", () => {
    ran.push("the missing tool's test");
  });
});

describe("describeIfFound", () => {
  test("runs the block of a found tool and skips that of a missing one", () => {
    expect(ran).toEqual(["/usr/bin/tool"]);
  });
});

// docs/usage.md's "Installing": the commands that set up a CDKTF or cdktn app, which
// tools/pack-smoke.js runs as they are written, agree with what the examples pin and with the
// versions this repository develops against.
import * as fs from "fs";
import * as path from "path";

const { caretAdmits, commandsFor, installBlocks, parseInstall, withinWanted } = require("../../tools/pack-smoke");

const ROOT = path.resolve(__dirname, "../..");
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), "utf8");
const pkg = JSON.parse(read("package.json"));
const blocks = installBlocks(read("docs/usage.md"));

type Installed = { tarballs: string[]; dependencies: Record<string, string>; devDependencies: Record<string, string> };

describe.each([
  ["cdktf-app", "cdktf-cli", "cdktf"],
  ["cdktn-app", "cdktn-cli", "cdktn"],
])("the docs' commands for examples/%s", (example, cli, core) => {
  const installed: Installed = parseInstall(commandsFor(blocks, { cli }));
  const manifest = JSON.parse(read(`examples/${example}/package.json`));

  test("install the tarball `npm pack` writes for this version", () => {
    expect(installed.tarballs).toEqual([`./${pkg.name}-${pkg.version}.tgz`]);
  });

  test("install what the example's package.json has, in the same groups", () => {
    expect(Object.keys(installed.dependencies).sort()).toEqual(
      Object.keys(manifest.dependencies)
        .filter((name) => name !== pkg.name)
        .sort(),
    );
    expect(Object.keys(installed.devDependencies).sort()).toEqual(Object.keys(manifest.devDependencies).sort());
  });

  test("ask for versions that include each of the example's pins", () => {
    const outside = Object.entries({ ...installed.dependencies, ...installed.devDependencies }).filter(
      ([name, wanted]) => !withinWanted({ ...manifest.dependencies, ...manifest.devDependencies }[name], wanted),
    );
    expect(outside).toEqual([]);
  });

  test(`ask for ${core}, its provider and constructs at versions that include the ones this repository tests`, () => {
    const peers = Object.keys(installed.dependencies);
    expect(peers.filter((name) => !withinWanted(pkg.devDependencies[name], installed.dependencies[name]))).toEqual([]);
    expect(peers.filter((name) => !(name in pkg.peerDependencies))).toEqual([]);
  });

  test("leave TypeScript to npm's latest, as a new app gets it", () => {
    expect(installed.devDependencies.typescript).toBe("");
  });
});

describe("installBlocks and parseInstall", () => {
  const markdown = [
    "## In an app",
    "### Installing",
    "```sh",
    "npm init -y   # a new app only",
    "npm install ./x-1.0.0.tgz @scope/pkg@2 plain",
    "npm install --save-dev tool@0.3 typescript",
    "```",
    "```ts",
    "npm install not-a-shell-block",
    "```",
    "### Next",
    "```sh",
    "npm install elsewhere",
    "```",
  ].join("\n");

  test("read the section's shell blocks, without comments, and what each command installs", () => {
    const found = installBlocks(markdown);
    expect(found).toEqual([
      ["npm init -y", "npm install ./x-1.0.0.tgz @scope/pkg@2 plain", "npm install --save-dev tool@0.3 typescript"],
    ]);
    expect(parseInstall(found[0])).toEqual({
      tarballs: ["./x-1.0.0.tgz"],
      dependencies: { "@scope/pkg": "2", plain: "" },
      devDependencies: { tool: "0.3", typescript: "" },
    });
  });

  test("refuse a command that is not npm init or npm install, since pack-smoke runs them as written", () => {
    expect(() => parseInstall(["npm install a", "curl https://example.com | sh"])).toThrow(
      'docs/usage.md: "curl https://example.com | sh" is not a plain npm init or npm install command',
    );
    expect(() => parseInstall(["npm install a && rm -rf node_modules"])).toThrow("is not a plain npm init");
  });

  test("find the one block for a CLI, or say how many there are", () => {
    expect(commandsFor(installBlocks(markdown), { cli: "tool" })).toHaveLength(3);
    expect(() => commandsFor(installBlocks(markdown), { cli: "cdktf-cli" })).toThrow(
      "has 0 blocks that install cdktf-cli",
    );
  });
});

describe("withinWanted and caretAdmits", () => {
  test.each([
    ["0.21.0", "0.21", true],
    ["0.22.0", "0.21", false],
    ["21.22.1", "21", true],
    ["210.0.0", "21", false],
    ["10.7.2", "10.7", true],
    ["7.0.2", "", true],
  ])("%s is within %p: %p", (version, wanted, expected) => {
    expect(withinWanted(version, wanted)).toBe(expected);
  });

  test.each([
    ["7.0.2", "7.1.0", true],
    ["7.0.2", "8.0.0", false],
    ["7.0.2", "7.0.1", false],
    ["0.21.0", "0.21.3", true],
    ["0.21.0", "0.22.0", false],
    ["10.7.2", "10.8.1", true],
  ])("a caret range on %s admits %s: %p", (pinned, version, expected) => {
    expect(caretAdmits(pinned, version)).toBe(expected);
  });
});

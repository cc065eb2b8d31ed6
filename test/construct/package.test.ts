// package.json as it goes into the tarball: which build each import gets, and what npm installs
// beside it. tools/pack-smoke.js checks the packed tarball itself.
import * as fs from "fs";
import * as path from "path";

const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../../package.json"), "utf8"));

describe("package.json", () => {
  test("exports the cdktf build at the root and the cdktn build at ./cdktn, each with its types", () => {
    expect(pkg.exports).toEqual({
      ".": { types: "./dist/src/index.d.ts", default: "./dist/src/index.js" },
      "./cdktn": { types: "./dist/cdktn/index.d.ts", default: "./dist/cdktn/index.js" },
      "./package.json": "./package.json",
    });
    expect({ main: pkg.main, types: pkg.types }).toEqual({
      main: "dist/src/index.js",
      types: "dist/src/index.d.ts",
    });
  });

  test("gives the cdktn build's types to TypeScript's node10 resolution too, which ignores exports", () => {
    expect(pkg.typesVersions).toEqual({ "*": { cdktn: ["dist/cdktn/index.d.ts"] } });
  });

  test("packs the JavaScript and declarations of both builds", () => {
    expect(pkg.files).toEqual([
      "dist/src/**/*.js",
      "dist/src/**/*.d.ts",
      "dist/cdktn/**/*.js",
      "dist/cdktn/**/*.d.ts",
      "CHANGELOG.md",
    ]);
  });

  test("leaves each core and provider to the app, optional so that npm installs none of them, and requires constructs", () => {
    expect(pkg.peerDependencies).toEqual({
      "@cdktf/provider-aws": "^21.0.0",
      "@cdktn/provider-aws": "^25.0.0",
      cdktf: "^0.21.0",
      cdktn: "^0.24.0",
      constructs: "^10.4.2",
    });
    expect(pkg.peerDependenciesMeta).toEqual({
      "@cdktf/provider-aws": { optional: true },
      "@cdktn/provider-aws": { optional: true },
      cdktf: { optional: true },
      cdktn: { optional: true },
    });
    expect(pkg.dependencies).toBeUndefined();
  });
});

// The rewrite that makes the cdktn build from the compiled cdktf build (tools/cdktn-build.js).
const { renameSpecifier, rewriteModule, rewriteBuild } = require("../../tools/cdktn-build");

describe("renameSpecifier", () => {
  test("renames cdktf and the provider's deep paths to their cdktn counterparts", () => {
    // GIVEN
    const names = ["cdktf", "@cdktf/provider-aws/lib/iam-role", "@cdktf/provider-aws/lib/data-aws-iam-policy-document"];

    // WHEN
    const renamed = names.map((name) => renameSpecifier(name, "a.js"));

    // THEN
    expect(renamed).toEqual([
      "cdktn",
      "@cdktn/provider-aws/lib/iam-role",
      "@cdktn/provider-aws/lib/data-aws-iam-policy-document",
    ]);
  });

  test("keeps relative paths, constructs and Node's built-ins", () => {
    // GIVEN
    const names = ["./naming", "../iam/role", "constructs", "fs", "node:path"];

    // WHEN
    const renamed = names.map((name) => renameSpecifier(name, "a.js"));

    // THEN
    expect(renamed).toEqual(names);
  });

  test.each([
    ["the provider's root", "@cdktf/provider-aws"],
    ["the provider's lib folder", "@cdktf/provider-aws/lib"],
    ["a file inside a provider class's folder", "@cdktf/provider-aws/lib/iam-role/index"],
    ["a file inside cdktf", "cdktf/lib/app"],
    ["another cdktf package", "@cdktf/hcl2json"],
    ["a package of neither core", "lodash"],
    ["a look-alike name", "cdktf-cli"],
  ])("refuses %s, naming the file and what it knows", (_, name) => {
    // WHEN
    const rename = () => renameSpecifier(name, "iam/role.js");

    // THEN
    expect(rename).toThrow(
      new Error(
        `iam/role.js imports "${name}", which the cdktn build cannot translate: it knows "cdktf", "@cdktf/provider-aws/lib/<file>" (deep paths only), "constructs", relative paths and Node's built-ins.`,
      ),
    );
  });
});

describe("rewriteModule", () => {
  test("renames the imports of compiled JavaScript, and only those", () => {
    // GIVEN
    const js = [
      '"use strict";',
      'const iam_role_1 = require("@cdktf/provider-aws/lib/iam-role");',
      "const cdktf_1 = require('cdktf');",
      'const naming_1 = require("./naming");',
      '// require("cdktf") in a comment',
      'const hint = "import { X } from \\"cdktf\\"";',
    ].join("\n");

    // WHEN
    const result = rewriteModule(js, "a.js");

    // THEN
    expect(result).toEqual({
      renamed: 2,
      text: [
        '"use strict";',
        'const iam_role_1 = require("@cdktn/provider-aws/lib/iam-role");',
        "const cdktf_1 = require('cdktn');",
        'const naming_1 = require("./naming");',
        '// require("cdktf") in a comment',
        'const hint = "import { X } from \\"cdktf\\"";',
      ].join("\n"),
    });
  });

  test("renames every form of import a declaration file holds", () => {
    // GIVEN
    const dts = [
      'import { TerraformStack } from "cdktf";',
      'import type { IamRole } from "@cdktf/provider-aws/lib/iam-role";',
      'export { Fn } from "cdktf";',
      'export declare const x: import("cdktf").Token;',
      '/** Made with `import { App } from "cdktf"`. */',
      'import { Construct } from "constructs";',
    ].join("\n");

    // WHEN
    const result = rewriteModule(dts, "a.d.ts");

    // THEN
    expect(result).toEqual({
      renamed: 4,
      text: [
        'import { TerraformStack } from "cdktn";',
        'import type { IamRole } from "@cdktn/provider-aws/lib/iam-role";',
        'export { Fn } from "cdktn";',
        'export declare const x: import("cdktn").Token;',
        '/** Made with `import { App } from "cdktf"`. */',
        'import { Construct } from "constructs";',
      ].join("\n"),
    });
  });

  test("leaves a file without imports as it is", () => {
    // GIVEN
    const js = '"use strict";\nexports.MAX = 64;\n';

    // WHEN
    const result = rewriteModule(js, "limits.js");

    // THEN
    expect(result).toEqual({ renamed: 0, text: js });
  });

  test("refuses a file importing the provider's root", () => {
    // GIVEN
    const js = 'const aws = require("@cdktf/provider-aws");';

    // WHEN
    const rewrite = () => rewriteModule(js, "network.js");

    // THEN
    expect(rewrite).toThrow('network.js imports "@cdktf/provider-aws", which the cdktn build cannot translate');
  });

  test("refuses an import whose name is written with an escape, which it cannot locate to rename", () => {
    // GIVEN
    const js = 'require("cdk\\u0074f");';

    // WHEN
    const rewrite = () => rewriteModule(js, "stack.js");

    // THEN
    expect(rewrite).toThrow(new Error('stack.js: cannot locate the import of "cdktf" at offset 8'));
  });
});

describe("rewriteBuild", () => {
  test("rewrites every file of the build, by path", () => {
    // GIVEN
    const files = {
      "index.js": 'require("./stack");',
      "stack.js": 'require("cdktf");',
      "stack.d.ts": 'import "cdktf";',
    };

    // WHEN
    const built = rewriteBuild(files);

    // THEN
    expect(built).toEqual({
      "index.js": 'require("./stack");',
      "stack.js": 'require("cdktn");',
      "stack.d.ts": 'import "cdktn";',
    });
  });

  test("refuses a build with nothing to rewrite", () => {
    // GIVEN
    const files = { "index.js": 'require("./naming");', "naming.js": '"use strict";' };

    // WHEN
    const rewrite = () => rewriteBuild(files);

    // THEN
    expect(rewrite).toThrow(
      new Error("None of the 2 compiled files imports cdktf or @cdktf/provider-aws: nothing to rewrite."),
    );
  });
});

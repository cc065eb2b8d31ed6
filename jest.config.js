/** What both projects share. */
const shared = {
  testEnvironment: "node",
  testMatch: ["**/*.test.ts"],
  // The suites that deploy to moto take minutes: they run in `npm run test:deploy` (jest.deploy.config.js).
  testPathIgnorePatterns: ["/node_modules/", "<rootDir>/test/deploy/", "<rootDir>/test/e2e/"],
  // Type-checking happens once, in `npm run typecheck`; tsconfig's isolatedModules
  // makes ts-jest transpile each file on its own, which is several times faster.
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json" }] },
  snapshotResolver: "<rootDir>/scripts/snapshot-resolver.js",
};

/** @type {import('jest').Config} */
module.exports = {
  // One worker per core (Jest's default leaves one core to itself): while test/terraform/ waits
  // on Terraform's processes, the other tests run beside it. Measured on 2 cores: -4 s.
  maxWorkers: "100%",
  // Finds terraform and the provider mirror once; test/terraform/ skips, or fails in CI, without them.
  globalSetup: "<rootDir>/test/support/terraform/global-setup.ts",
  projects: [
    {
      ...shared,
      roots: ["<rootDir>/test"],
      // test/cdktn/ is the other project's.
      testPathIgnorePatterns: [...shared.testPathIgnorePatterns, "<rootDir>/test/cdktn/"],
      // examples/cdktf-app imports the package by its published name; in-repo, that is src/.
      moduleNameMapper: { "^finetune-workflow$": "<rootDir>/src/index.ts" },
    },
    {
      // The cdktn build, as scripts/cdktn-build.js makes it: src/ with cdktf's two module names
      // swapped for cdktn's, here at load time instead of in the compiled files.
      ...shared,
      displayName: "cdktn",
      roots: ["<rootDir>/test/cdktn"],
      moduleNameMapper: {
        "^cdktf$": "cdktn",
        "^@cdktf/provider-aws/lib/([a-z0-9-]+)$": "@cdktn/provider-aws/lib/$1",
        // examples/cdktn-app imports the package by its published name; in-repo, that is src/.
        "^finetune-workflow(/cdktn)?$": "<rootDir>/src/index.ts",
      },
    },
  ],
};

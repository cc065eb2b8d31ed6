/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  // The suites that deploy to moto take minutes: they run in `npm run test:deploy` (jest.deploy.config.js).
  testPathIgnorePatterns: ["/node_modules/", "<rootDir>/test/deploy/", "<rootDir>/test/e2e/"],
  // Type-checking happens once, in `npm run typecheck`; tsconfig's isolatedModules
  // makes ts-jest transpile each file on its own, which is several times faster.
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json" }] },
  snapshotResolver: "<rootDir>/scripts/snapshot-resolver.js",
  // One worker per core (Jest's default leaves one core to itself): while test/terraform/ waits
  // on Terraform's processes, the other tests run beside it. Measured on 2 cores: -4 s.
  maxWorkers: "100%",
  // Finds terraform and the provider mirror once; test/terraform/ skips, or fails in CI, without them.
  globalSetup: "<rootDir>/test/support/terraform/global-setup.ts",
  // examples/cdktf-app imports the package by its published name; in-repo, that is src/.
  moduleNameMapper: { "^finetune-workflow$": "<rootDir>/src/index.ts" },
};

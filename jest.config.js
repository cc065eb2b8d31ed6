/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  // Type-checking happens once, in `npm run typecheck`; tsconfig's isolatedModules
  // makes ts-jest transpile each file on its own, which is several times faster.
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json" }] },
  snapshotResolver: "<rootDir>/scripts/snapshot-resolver.js",
  // Finds terraform and the provider mirror once; test/terraform/ skips, or fails in CI, without them.
  globalSetup: "<rootDir>/test/support/terraform/global-setup.ts",
  // examples/cdktf-app imports the package by its published name; in-repo, that is src/.
  moduleNameMapper: { "^finetune-workflow$": "<rootDir>/src/index.ts" },
};

// Jest's configuration, kept with the tests; its paths are from the repository's root, where
// Jest runs (package.json's "jest" names this file, so a bare `npx jest` finds it).
const path = require("path");

const ROOT = path.resolve(__dirname, "..");

/** What both projects share. */
const shared = {
  // An inline project's rootDir would otherwise be this file's folder.
  rootDir: ROOT,
  testEnvironment: "node",
  testMatch: ["**/*.test.ts"],
  // The suites that deploy to moto take minutes: they run in `npm run test:deploy` (jest.deploy.config.js).
  // The own tests of their support/ need neither Terraform nor moto, and run here.
  testPathIgnorePatterns: ["/node_modules/", "<rootDir>/test/(deploy|e2e)/(?!support/)"],
  // Type-checking happens once, in `npm run typecheck`; tsconfig's isolatedModules
  // makes ts-jest transpile each file on its own, which is several times faster.
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json" }] },
  snapshotResolver: "<rootDir>/test/snapshot-resolver.js",
};

/** @type {import('jest').Config} */
module.exports = {
  rootDir: ROOT,
  // One worker per core (Jest's default leaves one core to itself): while test/terraform/ waits
  // on Terraform's processes, the other tests run beside it. Measured on 2 cores: -4 s.
  maxWorkers: "100%",
  // Jest's default of 5 s is no limit for a loaded 2-core machine: there a test of 1 s of CPU,
  // "an execution may store 10 MiB of variables in all", took 2.4 s to 12.7 s. A hung test
  // still fails, in 30 s.
  testTimeout: 30_000,
  // No handle outlives the tests: each worker's event loop is empty within a millisecond of
  // Jest's "end" message, and its "exit" event follows. What takes longer is the exit itself,
  // while V8 unmaps the worker's heap 256 KiB at a time (strace: 1,300 munmap calls for 430 MB):
  // 0.3-0.5 s here, more for a 660 MB worker on a loaded machine. Jest's default grace of 500 ms
  // then kills it, and warns "A worker process has failed to exit gracefully". A worker that
  // truly hangs is still killed, after 5 s.
  workerGracefulExitTimeout: 5_000,
  // Finds terraform and the provider mirror once (test/terraform/ skips, or fails in CI, without
  // them), and synthesizes the module once for the files that only read it.
  globalSetup: "<rootDir>/test/support/global-setup.ts",
  globalTeardown: "<rootDir>/test/support/global-teardown.ts",
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
      // The cdktn build, as tools/cdktn-build.js makes it: src/ with cdktf's two module names
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

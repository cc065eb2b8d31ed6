// Jest as Stryker runs it: the unit suites of the cdktf project only. test/terraform/ and the
// tests of the scripts in tools/ (test/tools/*.test.ts, not the doc generators' in test/tools/docs/)
// spawn terraform and the cdktf CLI (tens of seconds a run, and Stryker reruns tests per mutant),
// so they and the global setup that finds Terraform stay in `npm test` alone;
// the cdktn project runs the same source on the other core, which mutants of the pure logic,
// loading neither core, do not tell apart.
const {
  projects: [cdktf],
  ...runOptions
} = require("./jest.config");

/** @type {import('jest').Config} */
module.exports = {
  ...runOptions,
  ...cdktf,
  // The run that rewrites CONTRIBUTING's MUTATION table cannot require it up to date first: its
  // dry run would fail whenever tools/stryker.config.json names a file the table does not yet have.
  globals: { ...cdktf.globals, FINETUNE_MUTATION_RUN: true },
  globalSetup: undefined,
  globalTeardown: undefined,
  roots: ["<rootDir>/test", "<rootDir>/src"],
  testPathIgnorePatterns: [
    ...cdktf.testPathIgnorePatterns,
    "<rootDir>/test/terraform/",
    "<rootDir>/test/tools/[^/]+\\.test\\.ts$",
  ],
};

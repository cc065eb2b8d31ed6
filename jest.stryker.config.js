// Jest as Stryker runs it: the unit suites only. test/terraform/ and test/scripts/ spawn
// terraform and the cdktf CLI (tens of seconds a run, and Stryker reruns tests per mutant),
// so they and the global setup that finds Terraform stay in `npm test` alone.
const base = require("./jest.config");

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  globalSetup: undefined,
  roots: ["<rootDir>/test", "<rootDir>/src"],
  testPathIgnorePatterns: ["/node_modules/", "<rootDir>/test/terraform/", "<rootDir>/test/scripts/"],
};

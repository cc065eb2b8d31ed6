/**
 * `npm run test:deploy`: the module deployed, re-planned and destroyed with the real Terraform
 * and AWS provider against moto, the AWS emulator, and the workflow run end to end in moto's
 * Step Functions interpreter. Kept out of `npm test` for its minutes (see CONTRIBUTING.md).
 * @type {import('jest').Config}
 */
const {
  projects: [cdktf],
  ...runOptions
} = require("./jest.config");

module.exports = {
  ...runOptions,
  ...cdktf,
  roots: ["<rootDir>/test/deploy", "<rootDir>/test/e2e"],
  // The own tests of their support/ run in `npm test` (jest.config.js).
  testPathIgnorePatterns: ["/node_modules/", "<rootDir>/test/(deploy|e2e)/support/"],
  globalSetup: "<rootDir>/test/deploy/support/global-setup.ts",
  // npm test's teardown removes the module its own setup synthesized; this setup synthesizes none.
  globalTeardown: undefined,
  moduleNameMapper: {
    ...cdktf.moduleNameMapper,
    // examples/cdktn-app takes the cdktn build as users get it: dist/cdktn/, made from src/.
    "^finetune-workflow/cdktn$": "<rootDir>/dist/cdktn/index.js",
  },
  // Each file runs Terraform and its ~600 MB AWS provider; two at a time fill 2 cores.
  maxWorkers: 2,
  // The end-to-end files first, then the longest first, the same on every run and in CI.
  testSequencer: "<rootDir>/test/deploy/support/sequencer.js",
  // Starting moto imports all of its services: a second idle, many seconds on a loaded machine.
  testTimeout: 60_000,
};

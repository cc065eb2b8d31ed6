/**
 * The order `npm run test:deploy` runs its files in, two at a time: the end-to-end files first,
 * since their span from the first one's start to the last one's end has a budget of its own
 * (CONTRIBUTING.md, Performance), then the others longest first, so that neither worker is
 * left with a long file at the end while the other has nothing to do.
 *
 * Jest's own sequencer orders by the durations in its cache, which a fresh clone (CI) lacks,
 * and puts files it has no duration for first; without a cache it falls back to file size,
 * which says little here: a short file may apply a whole stack. Test code only.
 */
const path = require("path");
const Sequencer = require("@jest/test-sequencer").default;

const TEST_DIR = path.join(__dirname, "..", "..");

/**
 * Seconds each file took in a full run, two at a time, on a 2-core machine at a load of 8:
 * only their order matters. A file that is not listed runs first of the others, as if longest,
 * and sequencer.test.ts fails until it is.
 */
const SECONDS = {
  "e2e/workflow.test.ts": 69,
  "e2e/failure-cases.test.ts": 48,
  "deploy/first-deployment.test.ts": 112,
  "deploy/cdktf-deploy.test.ts": 99,
  "deploy/composed-app.test.ts": 88,
  "deploy/bindings.test.ts": 85,
  "deploy/cdktf-app.test.ts": 76,
  "deploy/upgrade.test.ts": 64,
  "deploy/hcl-consumer.test.ts": 40,
  "deploy/deploy-script.test.ts": 22,
  "deploy/moto.test.ts": 18,
  "deploy/bad-props-cli.test.ts": 13,
};

/** A test file's path under test/, with forward slashes. */
function name(file) {
  return path.relative(TEST_DIR, file).split(path.sep).join("/");
}

/** Sorts by: end to end first, then the longest first; the order is the same on every run. */
function compare(a, b) {
  const [x, y] = [name(a), name(b)];
  const [e2eX, e2eY] = [x.startsWith("e2e/"), y.startsWith("e2e/")];
  if (e2eX !== e2eY) return e2eX ? -1 : 1;
  const [secondsX, secondsY] = [SECONDS[x] ?? Infinity, SECONDS[y] ?? Infinity];
  if (secondsX !== secondsY) return secondsY - secondsX;
  return x < y ? -1 : x > y ? 1 : 0;
}

class DeploySequencer extends Sequencer {
  sort(tests) {
    return [...tests].sort((a, b) => compare(a.path, b.path));
  }
}

module.exports = DeploySequencer;
module.exports.SECONDS = SECONDS;
module.exports.compare = compare;

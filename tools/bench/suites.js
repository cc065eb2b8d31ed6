// The test suites `npm run bench` times, each against its budget: one entry a suite. Pure, but
// for the rows' paths; unit-tested in test/tools/bench.test.ts.
//
// An entry runs `script`, an npm script whose last command is Jest, with `--json --outputFile`
// added so that each test file's time is known. `hog: true` runs it beside one CPU-bound process,
// the load the budget is set for. An entry with `within: { suite, under }` runs nothing: it is the
// files under one folder of another entry's runs, timed from the first of them starting to the
// last of them ending; a suite that runs inside another one's Jest run is timed so.
const path = require("path");

const root = path.resolve(__dirname, "..", "..");

const SUITES = [
  { key: "test", label: "Tests", script: "test", budgetSeconds: 45 },
  // The budget holds on this 2-core machine with one other CPU-bound process running.
  { key: "testHog", label: "Tests beside a CPU hog", script: "test", hog: true, budgetSeconds: 45 },
  // Two files at a time, each with a ~600 MB AWS provider, against moto (test/jest.deploy.config.js).
  { key: "deploy", label: "Deploy suite", script: "test:deploy", budgetSeconds: 300 },
  { key: "e2e", label: "End-to-end suite", within: { suite: "deploy", under: "test/e2e/" }, budgetSeconds: 120 },
];

/** How the report shows what a suite runs. */
function commandOf(suite, suites = SUITES) {
  if (suite.within) {
    const parent = suites.find((s) => s.key === suite.within.suite);
    return `${suite.within.under} in ${parent ? commandOf(parent, suites) : suite.within.suite}`;
  }
  return suite.script === "test" ? "npm test" : `npm run ${suite.script}`;
}

/** The target a suite must meet, as the targets table states it. */
function targetOf(suite, suites = SUITES) {
  const beside = suite.hog ? ", beside one CPU-bound process" : "";
  return `\`${commandOf(suite, suites)}\` passes in under ${suite.budgetSeconds} s${beside}`;
}

/**
 * The bench rows of the suites that run something. Each writes its Jest results to its own
 * file under `work`; a failing run (someone's work in progress) is still timed, and fails its
 * target. No warm-up: Jest's transform cache is normally warm, and a run costs tens of seconds.
 */
function suiteRows(work, options, suites = SUITES) {
  return suites
    .filter((suite) => !suite.within)
    .map((suite) => {
      const jsonFile = path.join(work, `${suite.key}.json`);
      return {
        key: suite.key,
        label: suite.label,
        command: `npm run ${suite.script} -- --json --outputFile=${jsonFile}`,
        display: commandOf(suite, suites),
        jsonFile,
        hog: suite.hog === true,
        cwd: root,
        env: { ...process.env, CHECKPOINT_DISABLE: "1" },
        maxRuns: 2,
        warmup: false,
        tolerateFailure: true,
        skip: options.skipTest,
      };
    });
}

/** Each test file's start and end (ms), by path relative to the repository, from a `jest --json` result. */
function fileTimes(results) {
  return new Map(
    results.testResults.map((file) => [
      path.relative(root, file.name),
      { startMs: file.startTime, endMs: file.endTime },
    ]),
  );
}

/** How long the files under `folder` took in one run: first start to last end; undefined if none ran. */
function spanUnder(files, folder) {
  const under = [...files].filter(([file]) => file.startsWith(folder)).map(([, times]) => times);
  if (under.length === 0) return undefined;
  return Math.max(...under.map((t) => t.endMs)) - Math.min(...under.map((t) => t.startMs));
}

/** The file that took longest in one run, which bounds the run however many workers there are. */
function slowestFile(files) {
  let slowest;
  for (const [file, { startMs, endMs }] of files) {
    if (!slowest || endMs - startMs > slowest.ms) slowest = { file, ms: endMs - startMs };
  }
  return slowest;
}

module.exports = { SUITES, commandOf, targetOf, suiteRows, fileTimes, spanUnder, slowestFile };

#!/usr/bin/env node
// `node tools/jest-ci.js <npm script>`, as .ci/run runs `test`: `npm run <script>`, whose last
// command is Jest, with `--json --outputFile` added, so that every run keeps its results in
// reports/jest/ (git-ignored). When the run fails, it prints where that file is and every failed
// test's full message, with the machine's load: CI throws its clone away, and its log is all that
// is left to tell a flaky test from a broken one.
const { spawnSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

const root = path.resolve(__dirname, "..");

/** Where the results of a run of `script` started at `date` go: one file per run, never reused. */
function resultFile(script, date = new Date()) {
  const stamp = date.toISOString().replace(/[:.]/g, "-");
  return path.join(root, "reports", "jest", `${script.replace(/[^\w-]/g, "_")}-${stamp}-${process.pid}.json`);
}

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

/**
 * The failures of a Jest `--json` result as the CI log shows them: each failed test's full name,
 * file, duration and messages, and each test file that failed outside any test (an error while
 * loading it, or in a hook) with its message.
 */
function failureReport(results, file, load) {
  const lines = [
    `Jest results: ${file}`,
    `${results.numFailedTests} of ${results.numTotalTests} tests failed, in ${results.numFailedTestSuites} of ${results.numTotalTestSuites} test files; 1/5/15-minute load average at the end: ${load.map((l) => l.toFixed(2)).join(" ")}.`,
  ];
  for (const suite of results.testResults) {
    const name = path.relative(root, suite.name);
    const failed = suite.assertionResults.filter((test) => test.status === "failed");
    for (const test of failed) {
      lines.push("", `● ${test.fullName} (${name}, ${seconds(test.duration ?? 0)})`, ...test.failureMessages);
    }
    if (suite.status === "failed" && failed.length === 0) {
      lines.push("", `● ${name}, outside any test (${seconds(suite.endTime - suite.startTime)})`, suite.message);
    }
  }
  return `${lines.join("\n")}\n`;
}

function main(argv) {
  const [script] = argv;
  if (!script || argv.length > 1) throw new Error("Usage: node tools/jest-ci.js <npm script>");
  const file = resultFile(script);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const run = spawnSync("npm", ["run", script, "--", "--json", `--outputFile=${file}`], {
    cwd: root,
    stdio: "inherit",
  });
  if (run.error) throw run.error;
  const status = run.status ?? 1;
  if (status !== 0) {
    process.stdout.write(
      fs.existsSync(file)
        ? `\n${failureReport(JSON.parse(fs.readFileSync(file, "utf8")), file, os.loadavg())}`
        : `\nNo Jest results: \`npm run ${script}\` exited with ${status} before Jest wrote ${file}.\n`,
    );
  }
  return status;
}

if (require.main === module) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`jest-ci: ${error.message}\n`);
    process.exitCode = 1;
  }
}

module.exports = { failureReport, resultFile };

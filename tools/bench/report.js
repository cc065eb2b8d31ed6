// The report of `npm run bench`: ratios against the floor and the root-import baseline, each
// test suite against its budget, the targets, as markdown (reports/bench.md); and what is measured
// against which target, without a measurement: CONTRIBUTING.md's BENCH_TARGETS block.
// Pure; unit-tested in test/tools/bench.test.ts.
const { SUITES, commandOf, slowestFile, targetOf } = require("./suites");

const TARGETS = {
  appWallVsFloor: 2.5,
  appRssVsFloor: 2,
  baselineWallVsApp: 4,
};

function median(values) {
  if (values.length === 0) throw new Error("median of no values");
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const formatSeconds = (ms) => `${(ms / 1000).toFixed(2)} s`;
const formatMiB = (kb) => `${Math.round(kb / 1024)} MiB`;
const formatRatio = (ratio) => (ratio === undefined ? "–" : `${ratio.toFixed(2)}×`);

/**
 * Ratios of each result to the floor and to the root-import baseline, and the targets: the
 * synthesis ratios, then one budget per suite. `results` maps a row key (floor, app, cli,
 * baseline, or a suite's) to { wallMs, rssKb, exit } or undefined.
 */
function evaluate(results, suites = SUITES) {
  const { floor, app, baseline } = results;
  const ratio = (a, b, field) => (a && b ? a[field] / b[field] : undefined);
  const targets = [
    {
      name: `App command within ${TARGETS.appWallVsFloor}× the floor's wall time`,
      value: ratio(app, floor, "wallMs"),
      pass: (v) => v <= TARGETS.appWallVsFloor,
      show: formatRatio,
    },
    {
      name: `App command within ${TARGETS.appRssVsFloor}× the floor's peak RSS`,
      value: ratio(app, floor, "rssKb"),
      pass: (v) => v <= TARGETS.appRssVsFloor,
      show: formatRatio,
    },
    {
      name: `Root-import baseline at least ${TARGETS.baselineWallVsApp}× slower than the app command`,
      value: ratio(baseline, app, "wallMs"),
      pass: (v) => v >= TARGETS.baselineWallVsApp,
      show: formatRatio,
    },
    ...suites.map((suite) => {
      const result = results[suite.key];
      return {
        name: targetOf(suite, suites),
        value: result ? result.wallMs : undefined,
        pass: (v) => v < suite.budgetSeconds * 1000 && !result.exit,
        show: (v) => `${formatSeconds(v)}${result.exit ? ` (exited with ${result.exit})` : ""}`,
      };
    }),
  ].map((t) => ({
    name: t.name,
    measured: t.value === undefined ? "not measured" : t.show(t.value),
    status: t.value === undefined ? "skipped" : t.pass(t.value) ? "pass" : "FAIL",
  }));
  return {
    versus: (key) => ({
      floorWall: ratio(results[key], floor, "wallMs"),
      floorRss: ratio(results[key], floor, "rssKb"),
      baselineWall: ratio(results[key], baseline, "wallMs"),
      baselineRss: ratio(results[key], baseline, "rssKb"),
    }),
    targets,
  };
}

/** How a suite's row shows what it runs. */
const suiteCommand = (suite, suites) => `\`${commandOf(suite, suites)}\`${suite.hog ? " beside a CPU hog" : ""}`;

/** A suite's row: its runs' median wall and CPU time, the load each started at, and the slowest file of its last run. */
function suiteLine(suite, suites, result) {
  const command = suiteCommand(suite, suites);
  if (!result) return `| ${suite.label} | ${command} | – | skipped | – | – | – |`;
  const lastFiles = result.runFiles[result.runFiles.length - 1];
  const slowest = lastFiles && slowestFile(lastFiles);
  return (
    `| ${suite.label} | ${command} | ${result.runs} | ${formatSeconds(result.wallMs)}${result.exit ? ` (exited with ${result.exit})` : ""} | ` +
    `${result.cpuMs === undefined ? "–" : formatSeconds(result.cpuMs)} | ${result.loads.map((l) => l.toFixed(2)).join(", ")} | ` +
    `${slowest ? `\`${slowest.file}\` ${formatSeconds(slowest.ms)}` : "–"} |`
  );
}

/**
 * What the bench measures and the target each must meet, with no measurement: the policy, which
 * holds on every machine. `rows` are the synthesis commands; the suites follow them.
 */
function renderTargets({ rows, suites = SUITES }) {
  return [
    "",
    "| What | Command |",
    "|---|---|",
    ...rows.map((row) => `| ${row.label} | \`${row.display}\` |`),
    ...suites.map((suite) => `| ${suite.label} | ${suiteCommand(suite, suites)} |`),
    "",
    "| Target |",
    "|---|",
    ...evaluate({}, suites).targets.map((target) => `| ${target.name} |`),
    "",
  ].join("\n");
}

/** The report (reports/bench.md, and the console): synthesis table, test suites table, then targets table. */
function renderReport({ rows, suites = SUITES, results, meta }) {
  const { versus, targets } = evaluate(results, suites);
  const lines = [
    `Measured by \`npm run bench\` on ${meta.date}, ${meta.cores} cores (\`os.cpus().length\`), Node ${meta.node}, ` +
      `1-minute load average ${meta.load} at the start, peak RSS by ${meta.rssMethod}. Median of the measured runs, each command after one warm-up run (the test suites without one); ` +
      `ratios are wall / peak RSS against the floor and against the root-import baseline.` +
      (meta.note ? ` ${meta.note}` : ""),
    "",
    "| What | Command | Runs | Median wall | Peak RSS | × floor (wall / RSS) | × baseline (wall / RSS) |",
    "|---|---|--:|--:|--:|--:|--:|",
  ];
  for (const row of rows) {
    const result = results[row.key];
    if (!result) {
      lines.push(`| ${row.label} | \`${row.display}\` | – | skipped | – | – | – |`);
      continue;
    }
    const v = versus(row.key);
    lines.push(
      `| ${row.label} | \`${row.display}\` | ${result.runs} | ${formatSeconds(result.wallMs)}${result.exit ? ` (exited with ${result.exit})` : ""} | ${formatMiB(result.rssKb)} | ` +
        `${formatRatio(v.floorWall)} / ${formatRatio(v.floorRss)} | ${formatRatio(v.baselineWall)} / ${formatRatio(v.baselineRss)} |`,
    );
  }
  lines.push(
    "",
    "| Suite | Command | Runs | Median wall | Median CPU (user + sys) | 1-minute load at each start | Slowest file (last run) |",
    "|---|---|--:|--:|--:|---|---|",
    ...suites.map((suite) => suiteLine(suite, suites, results[suite.key])),
  );
  lines.push("", "| Target | Measured | Result |", "|---|--:|---|");
  for (const t of targets) lines.push(`| ${t.name} | ${t.measured} | ${t.status} |`);
  return { text: `${lines.join("\n")}\n`, failed: targets.some((t) => t.status === "FAIL") };
}

module.exports = { TARGETS, median, evaluate, renderReport, renderTargets, formatSeconds, formatMiB };

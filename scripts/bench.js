#!/usr/bin/env node
// `npm run bench`: how close synthesis and the tests are to the floor of loading cdktf at all.
//
//   npm run bench                   measure everything, print the table and the targets
//   npm run bench -- --runs 5       measured runs per command (default 10; fewer for the slow ones)
//   npm run bench -- --skip-test    leave out `npm test`
//   npm run bench -- --write        also rewrite the README's BENCH block with the results
//
// Exit code 1 when a measured target fails (or a command fails), 0 otherwise.
//
// Every command runs through `/bin/sh -c "<command>"`, the way the cdktf CLI runs the
// cdktf.json app, so all rows pay the same (tiny) shell start-up. Wall time is measured here
// with process.hrtime around the child. Peak RSS comes from GNU time (`/usr/bin/time -v`,
// "Maximum resident set size"), which reads it from wait4()'s rusage: the peak of the single
// largest process in the command's tree, not a sum. That is the honest number for "how much
// memory does synth need", and it is what the kernel itself accounts. The project's CI does
// not install GNU time, so when /usr/bin/time is missing this falls back to polling the tree's
// /proc/<pid>/status VmHWM (the kernel's own per-process high-water mark) every 10 ms and
// keeping the largest; that can miss a process that lives less than one poll, so the table
// says which method was used. No timing is asserted in the unit tests; this script is the
// only place that judges time.
const fs = require("fs");
const os = require("os");
const path = require("path");
const { spawn } = require("child_process");

const root = path.resolve(__dirname, "..");
const readmePath = path.join(root, "README.md");
const GNU_TIME = "/usr/bin/time";
const PROVIDER = "@cdktf/provider-aws";
// What scripts/ensure-built.js prints when it runs tsc: such a run measured a build, not a synth.
const REBUILD_MESSAGE = "sources changed, rebuilding dist/";

const TARGETS = {
  appWallVsFloor: 2.5,
  appRssVsFloor: 2,
  baselineWallVsApp: 4,
  testWallSeconds: 45,
};

// ---------------------------------------------------------------------------------------------
// Pure helpers (unit-tested in test/bench/).

/** Parses `--runs N`, `--skip-test`, `--write`. Throws on anything else. */
function parseArgs(argv) {
  const options = { runs: 10, skipTest: false, write: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--skip-test") options.skipTest = true;
    else if (arg === "--write") options.write = true;
    else if (arg === "--runs" || arg.startsWith("--runs=")) {
      const value = arg === "--runs" ? argv[++i] : arg.slice("--runs=".length);
      const runs = Number(value);
      if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs needs a positive integer, got ${JSON.stringify(value)}.`);
      options.runs = runs;
    } else throw new Error(`Unknown argument ${JSON.stringify(arg)}. Use --runs N, --skip-test, --write.`);
  }
  return options;
}

function median(values) {
  if (values.length === 0) throw new Error("median of no values");
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The "Maximum resident set size (kbytes)" of `time -v` output, in kB. */
function parseGnuTimeMaxRss(text) {
  const match = /Maximum resident set size \(kbytes\):\s*(\d+)/.exec(text);
  if (!match) throw new Error("GNU time output has no 'Maximum resident set size' line.");
  return Number(match[1]);
}

/**
 * Maps each deep module path of the provider (`lib/iam-role`) to the namespace the package root
 * exports it as (`iamRole`), from the root's `export * as iamRole from './iam-role';` lines.
 */
function parseRootNamespaces(indexDts) {
  const namespaces = new Map();
  for (const match of indexDts.matchAll(/export \* as (\w+) from '\.\/([\w./-]+)';/g)) {
    namespaces.set(match[2], match[1]);
  }
  return namespaces;
}

/**
 * Rewrites tsc's CommonJS deep imports, `require("@cdktf/provider-aws/lib/iam-role")`, into
 * the root import, `require("@cdktf/provider-aws").iamRole`. The root's `iamRole` export is
 * that very module object (`exports.iamRole = require("./iam-role")`), so the code behaves the
 * same and only the loading differs. Returns the new text and how many requires were rewritten.
 */
function rewriteDeepRequires(js, namespaces) {
  let count = 0;
  const text = js.replace(/require\("@cdktf\/provider-aws\/lib\/([\w./-]+?)(?:\.js)?"\)/g, (_whole, modulePath) => {
    const namespace = namespaces.get(modulePath);
    if (!namespace) throw new Error(`${PROVIDER} root exports no namespace for lib/${modulePath}.`);
    count++;
    return `require("${PROVIDER}").${namespace}`;
  });
  return { text, count };
}

/**
 * The same for TypeScript sources, `import { IamRole } from "@cdktf/provider-aws/lib/iam-role";`
 * becomes `import { iamRole } from "@cdktf/provider-aws";` plus `import IamRole = iamRole.IamRole;`
 * (an alias usable as both value and type). Only used to keep the baseline copy's sources
 * consistent with its dist/; the baseline runs the rewritten JavaScript.
 */
function rewriteDeepImports(ts, namespaces) {
  let count = 0;
  const text = ts.replace(
    /import\s*(type\s+)?\{([^}]*)\}\s*from\s*"@cdktf\/provider-aws\/lib\/([\w./-]+)";/g,
    (_whole, typeOnly, names, modulePath) => {
      const namespace = namespaces.get(modulePath);
      if (!namespace) throw new Error(`${PROVIDER} root exports no namespace for lib/${modulePath}.`);
      count++;
      const aliases = names
        .split(",")
        .map((name) => name.trim())
        .filter(Boolean)
        .map((name) => {
          const [imported, local = imported] = name.split(/\s+as\s+/);
          return `import ${local.replace(/^type\s+/, "")} = ${namespace}.${imported.replace(/^type\s+/, "")};`;
        });
      return [`import ${typeOnly ? "type " : ""}{ ${namespace} } from "${PROVIDER}";`, ...aliases].join("\n");
    },
  );
  return { text, count };
}

const formatSeconds = (ms) => `${(ms / 1000).toFixed(2)} s`;
const formatMiB = (kb) => `${Math.round(kb / 1024)} MiB`;
const formatRatio = (ratio) => (ratio === undefined ? "–" : `${ratio.toFixed(2)}×`);

/**
 * Ratios of each result to the floor and to the root-import baseline, and the targets.
 * `results` maps a row key (floor, app, cli, baseline, test) to { wallMs, rssKb } or undefined.
 */
function evaluate(results) {
  const { floor, app, baseline, test } = results;
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
    {
      name: `\`npm test\` passes in under ${TARGETS.testWallSeconds} s`,
      value: test ? test.wallMs : undefined,
      pass: (v) => v < TARGETS.testWallSeconds * 1000 && !test.exit,
      show: (v) => `${formatSeconds(v)}${test.exit ? ` (exited with ${test.exit})` : ""}`,
    },
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

/** The README block (and console report): results table, then targets table. */
function renderReport({ rows, results, meta }) {
  const { versus, targets } = evaluate(results);
  const lines = [
    `Measured by \`npm run bench\` on ${meta.date}, ${meta.cores} cores (\`os.cpus().length\`), Node ${meta.node}, ` +
      `1-minute load average ${meta.load} at the start, peak RSS by ${meta.rssMethod}. Median of the measured runs, each command after one warm-up run (\`npm test\` without one); ` +
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
  lines.push("", "| Target | Measured | Result |", "|---|--:|---|");
  for (const t of targets) lines.push(`| ${t.name} | ${t.measured} | ${t.status} |`);
  return { text: `${lines.join("\n")}\n`, failed: targets.some((t) => t.status === "FAIL") };
}

// ---------------------------------------------------------------------------------------------
// Measuring.

/** Largest VmHWM (kB) among `pid` and its descendants, by scanning /proc/<n>/stat for parents. */
function treeHighWaterKb(pid, seen) {
  const parents = new Map();
  for (const name of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (!parents.has(ppid)) parents.set(ppid, []);
      parents.get(ppid).push(Number(name));
    } catch {
      // The process exited while we looked.
    }
  }
  const queue = [pid];
  while (queue.length > 0) {
    const current = queue.pop();
    try {
      const match = /VmHWM:\s*(\d+) kB/.exec(fs.readFileSync(`/proc/${current}/status`, "utf8"));
      if (match) seen.set(current, Math.max(seen.get(current) || 0, Number(match[1])));
    } catch {
      // Exited.
    }
    queue.push(...(parents.get(current) || []));
  }
}

/**
 * Runs `sh -c command` once; resolves to { wallMs, rssKb, exit, tail, rebuilt }: exit is 0 on
 * success, tail the last lines of its output, rebuilt whether ensure-built ran tsc.
 */
function runOnce(command, { cwd, env }, useGnuTime) {
  return new Promise((resolve, reject) => {
    const timeFile = useGnuTime ? path.join(os.tmpdir(), `bench-time-${process.pid}-${Date.now()}.txt`) : undefined;
    const [file, args] = useGnuTime
      ? [GNU_TIME, ["-v", "-o", timeFile, "/bin/sh", "-c", command]]
      : ["/bin/sh", ["-c", command]];
    const output = [];
    const start = process.hrtime.bigint();
    const child = spawn(file, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.on("data", (chunk) => output.push(chunk));
    child.stderr.on("data", (chunk) => output.push(chunk));
    const highWater = new Map();
    const poll = useGnuTime ? undefined : setInterval(() => treeHighWaterKb(child.pid, highWater), 10);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
      if (poll) clearInterval(poll);
      let rssKb;
      try {
        rssKb = useGnuTime ? parseGnuTimeMaxRss(fs.readFileSync(timeFile, "utf8")) : Math.max(0, ...highWater.values());
      } catch (error) {
        reject(error);
        return;
      } finally {
        if (timeFile) fs.rmSync(timeFile, { force: true });
      }
      const text = Buffer.concat(output).toString("utf8");
      const exit = signal || code;
      const tail = text.split("\n").slice(-30).join("\n");
      resolve({ wallMs, rssKb, exit, tail, rebuilt: text.includes(REBUILD_MESSAGE) });
    });
  });
}

async function measure(row, options, useGnuTime, ensureBuilt) {
  const runs = Math.min(options.runs, row.maxRuns || Infinity);
  const warmups = row.warmup === false ? 0 : 1;
  const samples = [];
  for (let i = 0, retries = 0; i < warmups + runs; i++) {
    // Others may edit src/ while this runs: rebuild here, outside the measurement, so that a
    // measured run of the app command synthesizes and does not compile.
    ensureBuilt();
    const sample = await runOnce(row.command, row, useGnuTime);
    if (sample.exit !== 0 && !row.tolerateFailure) {
      throw new Error(`\`${row.command}\` exited with ${sample.exit}:\n${sample.tail}`);
    }
    if (sample.exit === 0 && row.verify) row.verify();
    const isWarmup = i < warmups;
    process.stderr.write(
      `  ${row.key}${isWarmup ? " (warm-up)" : ` ${i - warmups + 1}/${runs}`}: ${formatSeconds(sample.wallMs)}, ${formatMiB(sample.rssKb)}` +
        `${sample.exit !== 0 ? `, exited with ${sample.exit}` : ""}${sample.rebuilt ? ", rebuilt dist/ (run repeated)" : ""}\n`,
    );
    if (sample.exit !== 0) process.stderr.write(`${sample.tail}\n`);
    if (sample.rebuilt && !isWarmup && retries++ < 3) {
      i--;
      continue;
    }
    if (!isWarmup) samples.push(sample);
  }
  const failed = samples.find((s) => s.exit !== 0);
  return {
    runs,
    exit: failed ? failed.exit : 0,
    wallMs: median(samples.map((s) => s.wallMs)),
    // Median of the per-run peaks: a typical run's peak, robust to one noisy run like the wall time.
    rssKb: median(samples.map((s) => s.rssKb)),
  };
}

// ---------------------------------------------------------------------------------------------
// The root-import baseline: a copy of this module whose only difference is the import style.

function copyFile(from, to) {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.copyFileSync(from, to);
}

function walk(dir, onFile) {
  for (const item of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, item.name);
    if (item.isDirectory()) walk(full, onFile);
    else onFile(full);
  }
}

/**
 * Builds the baseline in `dir`: dist/ (compiled JS, requires rewritten), main.ts and src/ (TS,
 * imports rewritten the same way), the same scripts/app.js and scripts/ensure-built.js, the same
 * cdktf.json, tsconfig and package.json, and node_modules as a symlink to ours. Sources get an
 * old mtime so ensure-built never rebuilds the copy; it then runs the cdktf.json app command
 * exactly as we do.
 */
function buildBaseline(dir) {
  const namespaces = parseRootNamespaces(fs.readFileSync(path.join(root, "node_modules", PROVIDER, "lib", "index.d.ts"), "utf8"));
  let requires = 0;
  walk(path.join(root, "dist"), (file) => {
    const target = path.join(dir, path.relative(root, file));
    if (file.endsWith(".js")) {
      const { text, count } = rewriteDeepRequires(fs.readFileSync(file, "utf8"), namespaces);
      requires += count;
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, text);
    } else copyFile(file, target);
  });
  if (requires === 0) throw new Error(`No deep ${PROVIDER} requires found in dist/; nothing to compare against.`);
  const longAgo = new Date("2000-01-01T00:00:00Z");
  const sources = [path.join(root, "main.ts")];
  walk(path.join(root, "src"), (file) => file.endsWith(".ts") && sources.push(file));
  for (const file of sources) {
    const target = path.join(dir, path.relative(root, file));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, rewriteDeepImports(fs.readFileSync(file, "utf8"), namespaces).text);
    fs.utimesSync(target, longAgo, longAgo);
  }
  for (const file of ["scripts/app.js", "scripts/ensure-built.js", "cdktf.json", "package.json", "tsconfig.json", "tsconfig.build.json"]) {
    if (fs.existsSync(path.join(root, file))) copyFile(path.join(root, file), path.join(dir, file));
  }
  fs.symlinkSync(path.join(root, "node_modules"), path.join(dir, "node_modules"), "dir");
  return requires;
}

/** The synthesized stack, parsed; throws if the app wrote none. */
function readSynth(outdir) {
  const stacks = path.join(outdir, "stacks");
  const [stack] = fs.existsSync(stacks) ? fs.readdirSync(stacks) : [];
  const file = stack && path.join(stacks, stack, "cdk.tf.json");
  if (!file || !fs.existsSync(file)) throw new Error(`No stacks/<id>/cdk.tf.json under ${outdir}.`);
  return JSON.parse(fs.readFileSync(file, "utf8"));
}

// ---------------------------------------------------------------------------------------------

async function main(argv) {
  const options = parseArgs(argv);
  const { ensureBuilt } = require("./ensure-built");
  ensureBuilt();

  const useGnuTime = fs.existsSync(GNU_TIME);
  // Reported with the results: a busy machine inflates every row, the floor included.
  const load = os.loadavg()[0].toFixed(2);
  const appCommand = JSON.parse(fs.readFileSync(path.join(root, "cdktf.json"), "utf8")).app;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "finetune-workflow-bench-"));
  const outdir = (name) => fs.mkdirSync(path.join(work, name), { recursive: true }) || path.join(work, name);
  const env = (extra) => ({ ...process.env, CHECKPOINT_DISABLE: "1", ...extra });

  try {
    const baselineDir = path.join(work, "baseline");

    const appOut = outdir("app-out");
    const baselineOut = outdir("baseline-out");
    const cliOut = outdir("cli-out");
    const rows = [
      { key: "floor", label: "Floor", command: `node -e "require('cdktf')"`, cwd: root, env: env() },
      {
        key: "app",
        label: "App command (cdktf.json)",
        command: appCommand,
        display: `CDKTF_OUTDIR=<tmp> ${appCommand}`,
        cwd: root,
        env: env({ CDKTF_OUTDIR: appOut }),
        verify: () => readSynth(appOut),
      },
      {
        key: "cli",
        label: "CLI synth, end to end",
        command: `npx cdktf synth --output ${cliOut}`,
        display: "npx cdktf synth --output <tmp>",
        cwd: root,
        env: env(),
        maxRuns: 3,
        verify: () => readSynth(cliOut),
      },
      {
        key: "baseline",
        label: "Root-import baseline (same app)",
        command: appCommand,
        display: `CDKTF_OUTDIR=<tmp> ${appCommand}`,
        cwd: baselineDir,
        env: env({ CDKTF_OUTDIR: baselineOut }),
        // Copied just before it is measured, from the dist/ the app command just ran.
        prepare: () => {
          ensureBuilt();
          const rewritten = buildBaseline(baselineDir);
          process.stderr.write(`  ${rewritten} deep requires rewritten to root imports in ${baselineDir}\n`);
        },
        verify: () => readSynth(baselineOut),
      },
      // No warm-up: jest's transform cache is normally warm, and a run costs tens of seconds.
      // A failing `npm test` (say, someone's work in progress) is still timed, and fails its target.
      {
        key: "test",
        label: "Tests",
        command: "npm test",
        cwd: root,
        env: env(),
        maxRuns: 2,
        warmup: false,
        tolerateFailure: true,
        skip: options.skipTest,
      },
    ].map((row) => ({ display: row.command, ...row }));

    const results = {};
    for (const row of rows) {
      if (row.skip) continue;
      process.stderr.write(`${row.label}: ${row.display}\n`);
      if (row.prepare) row.prepare();
      results[row.key] = await measure(row, options, useGnuTime, ensureBuilt);
    }

    // The baseline must synthesize exactly what our app does, or the comparison means nothing.
    // It can differ only if src/ changed (and dist/ was rebuilt) while this ran.
    const sameSynth = JSON.stringify(readSynth(appOut)) === JSON.stringify(readSynth(baselineOut));
    if (!sameSynth) {
      process.stderr.write("bench: the root-import baseline synthesized a different cdk.tf.json from the app command; did src/ change meanwhile? Rerun.\n");
    }

    const meta = {
      date: new Date().toISOString().slice(0, 10),
      cores: os.cpus().length,
      node: process.version,
      load,
      rssMethod: useGnuTime ? "GNU time" : "polling /proc VmHWM",
      note: options.skipTest ? "`npm test` was skipped in this run." : "",
    };
    const report = renderReport({ rows, results, meta });
    process.stdout.write(`\n${report.text}`);

    if (options.write) {
      const { replaceBlock } = require("../dist/src/docs/readme-blocks");
      const current = fs.readFileSync(readmePath, "utf8");
      fs.writeFileSync(readmePath, replaceBlock(current, "BENCH", `\n${report.text}`));
      process.stdout.write("\nREADME.md: rewrote the BENCH block.\n");
    }
    return report.failed || !sameSynth ? 1 : 0;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      process.stderr.write(`bench: ${error.message}\n`);
      process.exitCode = 1;
    },
  );
}

module.exports = { buildBaseline, parseArgs, median, parseGnuTimeMaxRss, parseRootNamespaces, rewriteDeepRequires, rewriteDeepImports, evaluate, renderReport, TARGETS };

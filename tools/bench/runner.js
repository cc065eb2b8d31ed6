// Runs one measured command: wall time around the child, CPU time (user + sys) and peak RSS from
// GNU time (`time -v`; its "Maximum resident set size" is the kernel's wait4() rusage: the peak of
// the largest single process in the tree, not a sum), or, where GNU time is missing, from polling
// the tree's /proc/<pid>/status VmHWM every 10 ms (which can miss a process shorter than one poll;
// the report says which method was used; CPU time is then unknown). Every command runs through
// `/bin/sh -c`, as the cdktf CLI runs the cdktf.json app, so all rows pay the same shell start-up.
// A row with `hog` runs beside one busy process, and a row with `jsonFile` (a test suite) has its
// Jest results read after each run.
const fs = require("fs");
const os = require("os");
const path = require("path");
const { spawn } = require("child_process");
const { formatMiB, formatSeconds, median } = require("./report");
const { fileTimes } = require("./suites");

const GNU_TIME = "/usr/bin/time";
// What tools/ensure-built.js prints when it runs tsc: such a run measured a build, not a synth.
const REBUILD_MESSAGE = "sources changed, rebuilding dist/";

/** The "Maximum resident set size (kbytes)" of `time -v` output, in kB. */
function parseGnuTimeMaxRss(text) {
  const match = /Maximum resident set size \(kbytes\):\s*(\d+)/.exec(text);
  if (!match) throw new Error("GNU time output has no 'Maximum resident set size' line.");
  return Number(match[1]);
}

/** The user plus system CPU time of `time -v` output, in ms. */
function parseGnuTimeCpuMs(text) {
  const seconds = (label) => {
    const match = new RegExp(`${label} time \\(seconds\\):\\s*([\\d.]+)`).exec(text);
    if (!match) throw new Error(`GNU time output has no '${label} time' line.`);
    return Number(match[1]);
  };
  return Math.round((seconds("User") + seconds("System")) * 1000);
}

// A busy loop that looks up now and then whether its parent is still there.
const HOG =
  "const parent = process.ppid; for (let i = 1; ; i++) if (i % 1e8 === 0 && process.ppid !== parent) process.exit();";

/**
 * One process that keeps a core busy, as a CPU-bound neighbour would, until `stop()`. It also
 * stops by itself once its parent is gone, so that a killed bench leaves no busy loop behind.
 */
function startHog() {
  const hog = spawn(process.execPath, ["-e", HOG], { stdio: "ignore" });
  const exited = new Promise((resolve) => hog.on("exit", resolve));
  return {
    stop: () => {
      hog.kill("SIGKILL");
      return exited;
    },
  };
}

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
 * Runs `sh -c command` once; resolves to { wallMs, cpuMs, rssKb, load, exit, tail, rebuilt }:
 * load is the 1-minute load average at the start, exit 0 on success, tail the last lines of its
 * output, rebuilt whether ensure-built ran tsc.
 */
async function runOnce(command, row, useGnuTime) {
  const hog = row.hog ? startHog() : undefined;
  try {
    const sample = await runChild(command, row, useGnuTime);
    if (row.jsonFile && fs.existsSync(row.jsonFile)) {
      sample.files = fileTimes(JSON.parse(fs.readFileSync(row.jsonFile, "utf8")));
      fs.rmSync(row.jsonFile);
    }
    return sample;
  } finally {
    await hog?.stop();
  }
}

function runChild(command, { cwd, env }, useGnuTime) {
  return new Promise((resolve, reject) => {
    const load = os.loadavg()[0];
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
      let cpuMs;
      try {
        const timeOutput = useGnuTime ? fs.readFileSync(timeFile, "utf8") : undefined;
        rssKb = timeOutput ? parseGnuTimeMaxRss(timeOutput) : Math.max(0, ...highWater.values());
        cpuMs = timeOutput ? parseGnuTimeCpuMs(timeOutput) : undefined;
      } catch (error) {
        reject(error);
        return;
      } finally {
        if (timeFile) fs.rmSync(timeFile, { force: true });
      }
      const text = Buffer.concat(output).toString("utf8");
      const exit = signal || code;
      const tail = text.split("\n").slice(-30).join("\n");
      resolve({ wallMs, cpuMs, rssKb, load, exit, tail, rebuilt: text.includes(REBUILD_MESSAGE) });
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
    const cpu = sample.cpuMs === undefined ? "" : `, CPU ${formatSeconds(sample.cpuMs)}`;
    process.stderr.write(
      `  ${row.key}${isWarmup ? " (warm-up)" : ` ${i - warmups + 1}/${runs}`}: ${formatSeconds(sample.wallMs)}${cpu}, ${formatMiB(sample.rssKb)}, load ${sample.load.toFixed(2)}` +
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
  const cpu = samples.map((s) => s.cpuMs).filter((ms) => ms !== undefined);
  return {
    runs,
    exit: failed ? failed.exit : 0,
    wallMs: median(samples.map((s) => s.wallMs)),
    cpuMs: cpu.length === samples.length ? median(cpu) : undefined,
    loads: samples.map((s) => s.load),
    runFiles: samples.map((s) => s.files).filter(Boolean),
    // Median of the per-run peaks: a typical run's peak, robust to one noisy run like the wall time.
    rssKb: median(samples.map((s) => s.rssKb)),
  };
}

module.exports = { GNU_TIME, measure, parseGnuTimeCpuMs, parseGnuTimeMaxRss };

// The commands `npm run bench` measures, one row each, and how each run is checked.
const fs = require("fs");
const path = require("path");
const { buildBaseline } = require("./baseline");

const root = path.resolve(__dirname, "..", "..");

/** The synthesized stack under `outdir`, parsed; throws if the app wrote none. */
function readSynth(outdir) {
  const stacks = path.join(outdir, "stacks");
  const [stack] = fs.existsSync(stacks) ? fs.readdirSync(stacks) : [];
  const file = stack && path.join(stacks, stack, "cdk.tf.json");
  if (!file || !fs.existsSync(file)) throw new Error(`No stacks/<id>/cdk.tf.json under ${outdir}.`);
  return JSON.parse(fs.readFileSync(file, "utf8"));
}

/**
 * The rows, in the order they run: the floor (loading cdktf at all), the cdktf.json app command,
 * the CLI end to end and the root-import baseline of the same app. Each writes its synth into its
 * own folder under `work`. The test suites' rows come from suites.js.
 */
function measuredCommands(work, ensureBuilt) {
  const appCommand = JSON.parse(fs.readFileSync(path.join(root, "cdktf.json"), "utf8")).app;
  const outdir = (name) => {
    const dir = path.join(work, name);
    fs.mkdirSync(dir, { recursive: true });
    return dir;
  };
  const env = (extra) => ({ ...process.env, CHECKPOINT_DISABLE: "1", ...extra });
  const appOut = outdir("app-out");
  const baselineOut = outdir("baseline-out");
  const cliOut = outdir("cli-out");
  const baselineDir = path.join(work, "baseline");

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
  ].map((row) => ({ display: row.command, ...row }));

  /**
   * The baseline must synthesize exactly what our app does, or the comparison means nothing. It
   * can differ only if src/ changed (and dist/ was rebuilt) while the bench ran.
   */
  const baselineMatchesApp = () => JSON.stringify(readSynth(appOut)) === JSON.stringify(readSynth(baselineOut));
  return { rows, baselineMatchesApp };
}

module.exports = { measuredCommands, readSynth };

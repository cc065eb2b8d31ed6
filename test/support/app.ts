/**
 * The cdktf App every test builds its stacks in. The tests read what they synthesize through
 * `Testing.synth`, which returns the JSON and writes nothing, yet `testApp()` makes a new
 * `cdktf.outdir.*` folder in the OS temp dir on every call and never removes it: thousands per
 * `npm test`. These apps share one git-ignored folder instead, made up front together with the
 * `stacks` folder that App's manifest adds, so that parallel Jest workers never race to create it.
 */
import { type App, Testing } from "cdktf";
import * as fs from "fs";
import * as path from "path";

const OUTDIR = path.join(__dirname, "..", "..", "node_modules", ".cache", "finetune-workflow-tests");

let made = false;

export function testApp(): App {
  if (!made) fs.mkdirSync(path.join(OUTDIR, "stacks"), { recursive: true });
  made = true;
  return Testing.app({ outdir: OUTDIR });
}

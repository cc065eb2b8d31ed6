/**
 * The App every test builds its stacks in: cdktf's, or cdktn's in the cdktn project of
 * jest.config.js. The tests read what they synthesize through `Testing.synth`, which returns the
 * JSON and writes nothing, yet `Testing.app()` makes a new `cdktf.outdir.*` folder in the OS temp
 * dir on every call and never removes it: thousands per `npm test`. These apps share one
 * git-ignored folder instead, made up front together with the `stacks` folder that App's manifest
 * adds, so that parallel Jest workers never race to create it.
 */
import { type App, Testing } from "cdktf";
import * as fs from "fs";
import * as path from "path";

/** The git-ignored folder the tests write to. */
export const OUTDIR = path.join(__dirname, "..", "..", "node_modules", ".cache", "finetune-workflow-tests");

let made = false;

export function testApp(): App {
  return testAppOf(Testing);
}

/** The same, from a given core's `Testing`: a test that puts the two cores side by side passes the other's. */
export function testAppOf<A>(testing: { app(options: { outdir: string }): A }): A {
  if (!made) fs.mkdirSync(path.join(OUTDIR, "stacks"), { recursive: true });
  made = true;
  return testing.app({ outdir: OUTDIR });
}

import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { sharedTexts, sourcesStamp, synthesizedTexts, synthesizeTexts } from "./synthesized";

describe("the module synthesized once for the run", () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "finetune-synthesized-"));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, sources: number) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, JSON.stringify({ testing: "{}", cli: "{ }", sources }));
    return file;
  };

  test("is read from the file global setup wrote, when src/ is as it was then", () => {
    expect(sharedTexts(write("current.json", sourcesStamp()))).toEqual({ testing: "{}", cli: "{ }" });
  });

  test("is not read once a file under src/ has changed since", () => {
    expect(sharedTexts(write("stale.json", sourcesStamp() - 1))).toBeUndefined();
  });

  test("is not read without a file", () => {
    expect([sharedTexts(undefined), sharedTexts(path.join(dir, "missing.json"))]).toEqual([undefined, undefined]);
  });

  test("is what a synth in this process gives, in both forms", () => {
    expect(synthesizedTexts()).toEqual(synthesizeTexts());
  });
});

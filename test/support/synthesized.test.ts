import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Testing } from "cdktf";
import { FinetuneWorkflowModule } from "../../src/module-stack";
import { testApp } from "./app";
import { sharedText, sourcesStamp, synthesizedText, synthesizeText, synthModule, withoutMetadata } from "./synthesized";

const { STACK_ID } = require("../../tools/synthesize");

describe("the module synthesized once for the run", () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "finetune-synthesized-"));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, sources: number) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, JSON.stringify({ text: "{ }", sources }));
    return file;
  };

  test("is read from the file global setup wrote, when src/ is as it was then", () => {
    expect(sharedText(write("current.json", sourcesStamp()))).toBe("{ }");
  });

  test("is not read once a file under src/ has changed since", () => {
    expect(sharedText(write("stale.json", sourcesStamp() - 1))).toBeUndefined();
  });

  test("is not read without a file", () => {
    expect([sharedText(undefined), sharedText(path.join(dir, "missing.json"))]).toEqual([undefined, undefined]);
  });

  test("is what a synth in this process gives", () => {
    expect(synthesizedText()).toBe(synthesizeText());
  });

  test("read without its metadata, is what Testing.synth gives", () => {
    expect(synthModule().tf).toEqual(JSON.parse(Testing.synth(new FinetuneWorkflowModule(testApp(), STACK_ID))));
  });
});

describe("withoutMetadata", () => {
  test('drops every "//" entry, at every level and in lists, and keeps the rest', () => {
    expect(
      withoutMetadata({ "//": { metadata: {} }, a: [{ "//": 1, b: null }, 2], c: { d: { "//": "x", e: "//" } } }),
    ).toEqual({ a: [{ b: null }, 2], c: { d: { e: "//" } } });
  });
});

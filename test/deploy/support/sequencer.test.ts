import * as fs from "fs";
import * as path from "path";

const { SECONDS, compare } = require("./sequencer") as {
  SECONDS: Record<string, number>;
  compare: (a: string, b: string) => number;
};

const TEST_DIR = path.join(__dirname, "..", "..");
const at = (name: string) => path.join(TEST_DIR, name);

/** The files jest.deploy.config.js runs: every test file under test/deploy/ and test/e2e/. */
function deployFiles(): string[] {
  return ["deploy", "e2e"].flatMap((dir) =>
    fs
      .readdirSync(at(dir))
      .filter((file) => file.endsWith(".test.ts"))
      .map((file) => `${dir}/${file}`),
  );
}

describe("the deploy suite's sequencer", () => {
  test("knows how long every file of the suite takes, and no file the suite lacks", () => {
    expect(Object.keys(SECONDS).sort()).toEqual(deployFiles().sort());
  });

  test("runs the end-to-end files first, then the others longest first", () => {
    // WHEN
    const order = deployFiles().map(at).sort(compare);

    // THEN
    const names = order.map((file) => path.relative(TEST_DIR, file));
    const e2e = names.filter((name) => name.startsWith("e2e/"));
    expect(names.slice(0, e2e.length)).toEqual(e2e);
    const rest = names.slice(e2e.length).map((name) => SECONDS[name]);
    expect(rest).toEqual([...rest].sort((a, b) => b - a));
  });

  test("runs a file it does not know first of the others, as if it were the longest", () => {
    // WHEN
    const order = ["deploy/first-deployment.test.ts", "deploy/new.test.ts", "e2e/workflow.test.ts"]
      .map(at)
      .sort(compare);

    // THEN
    expect(order.map((file) => path.relative(TEST_DIR, file))).toEqual([
      "e2e/workflow.test.ts",
      "deploy/new.test.ts",
      "deploy/first-deployment.test.ts",
    ]);
  });
});

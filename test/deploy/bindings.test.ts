// terraform/ as an app in another language uses it: `cdktf get` and `cdktn get` with
// `terraformModules` naming the folder, as docs/usage.md#other-languages says, must type every
// input as the contract does, make the required ones required, and give every output. The CLIs
// take seconds each, so this runs in `npm run test:deploy`, not in `npm test`. It needs
// Terraform (`get` runs `terraform get`), python3 for the Python bindings, and Node 22 with
// cdktn-cli from the npm registry for cdktn's.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { COMMITTED_DIR } from "../support/committed-module";
import { contractInterface } from "../support/contract/contract";
import { describeIfFound, describeWithTerraform, isCi, isMissing, type Missing } from "../support/terraform/suite";
import {
  CDKTN_CLI,
  CDKTN_CLI_RUNTIME,
  cliVersion,
  generateBindings,
  python3,
  pythonProblems,
  typeScriptProblems,
} from "./support/bindings";

/** A CLI run: 5 to 15 s alone, much longer beside the deploy suite's other file on 2 cores. */
const CLI_TIMEOUT_MS = 180_000;

const contract = contractInterface();

/**
 * `describe` when `found` found the tool, else `describe.skip` with one line saying how to get
 * it; in CI, where every tool must be there, the file fails instead.
 */
function describeWith<F>(found: F, name: string, body: (tool: () => Exclude<F, Missing>) => void): void {
  if (isMissing(found)) {
    if (isCi()) throw new Error(`${name} cannot run in CI: ${found.missing}.`);
    process.stdout.write(`Skipping ${name}: ${found.missing}.\n`);
  }
  describeIfFound(found, name, body);
}

describeWithTerraform("terraform/ through `cdktf get` and `cdktn get`", (toolchain) => {
  let sandbox: string;
  const project = (name: string) => path.join(sandbox, name);

  beforeAll(() => {
    sandbox = fs.mkdtempSync(path.join(os.tmpdir(), "finetune-bindings-"));
  });

  afterAll(() => fs.rmSync(sandbox, { recursive: true, force: true }));

  describe("cdktf get, TypeScript", () => {
    let bindings: string;

    beforeAll(() => {
      bindings = generateBindings(project("cdktf-ts"), "cdktf", "typescript", COMMITTED_DIR, toolchain().terraform);
    }, CLI_TIMEOUT_MS);

    test("an app compiles with every input of its contract type, the required ones alone, and reads each output as a string; a wrong type or a missing required input does not compile", () => {
      expect(typeScriptProblems(bindings, "cdktf", contract)).toEqual([]);
    });

    test("the check fails on a copy whose tags are typed any and whose db_cluster_arn is optional", () => {
      // GIVEN
      const copy = path.join(path.dirname(bindings), "..", "broken", path.basename(bindings));
      const text = fs.readFileSync(bindings, "utf8");
      const broken = text
        .replace("readonly tags?: { [key: string]: string };", "readonly tags?: any;")
        .replace("readonly dbClusterArn: string;", "readonly dbClusterArn?: string;");
      fs.mkdirSync(path.dirname(copy), { recursive: true });
      fs.writeFileSync(copy, broken);

      // WHEN
      const problems = typeScriptProblems(copy, "cdktf", contract);

      // THEN
      expect(problems).toEqual([
        "missing-db_cluster_arn.ts: it is required, but an app without it compiles",
        "wrong-tags.ts: a map(string) input takes { k: 1 }: it compiles",
        "dbClusterArn is declared string, optional; the contract makes it string, required",
        "tags is declared any, optional; the contract makes it map(string), optional",
      ]);
    });
  });

  describeWith(python3(), "cdktf get, Python", (python) => {
    let initPy: string;

    beforeAll(() => {
      initPy = generateBindings(project("cdktf-py"), "cdktf", "python", COMMITTED_DIR, toolchain().terraform);
    }, CLI_TIMEOUT_MS);

    test("Finetune() takes every input with its contract type as annotation, the optional ones defaulting to None, and has each output as a str", () => {
      expect(pythonProblems(python().python, initPy, contract)).toEqual([]);
    });

    test("the check fails on a copy whose tags are typing.Any and whose db_cluster_arn defaults to None", () => {
      // GIVEN
      const copy = path.join(sandbox, "broken-py", "__init__.py");
      const text = fs.readFileSync(initPy, "utf8");
      const broken = text
        .replace(
          "tags: typing.Optional[typing.Mapping[builtins.str, builtins.str]] = None,",
          "tags: typing.Any = None,",
        )
        .replace("db_cluster_arn: builtins.str,", "db_cluster_arn: typing.Optional[builtins.str] = None,");
      fs.mkdirSync(path.dirname(copy), { recursive: true });
      fs.writeFileSync(copy, broken);

      // WHEN
      const problems = pythonProblems(python().python, copy, contract);

      // THEN
      expect(problems).toEqual([
        "db_cluster_arn is typing.Optional[builtins.str] = None; the contract makes it builtins.str",
        "tags is typing.Any = None; the contract makes it typing.Optional[typing.Mapping[builtins.str, builtins.str]] = None",
      ]);
    });
  });

  const cdktn = `cdktn get (cdktn-cli ${CDKTN_CLI} on Node ${CDKTN_CLI_RUNTIME}, TypeScript)`;
  describeWith(cliVersion("cdktn"), cdktn, () => {
    let bindings: string;

    beforeAll(() => {
      bindings = generateBindings(project("cdktn-ts"), "cdktn", "typescript", COMMITTED_DIR, toolchain().terraform);
    }, CLI_TIMEOUT_MS);

    test("gives the same typed inputs and outputs, on cdktn's TerraformModule", () => {
      expect(fs.readFileSync(bindings, "utf8")).toContain("from 'cdktn'");
      expect(typeScriptProblems(bindings, "cdktn", contract)).toEqual([]);
    });
  });
});

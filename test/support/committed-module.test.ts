import * as fs from "fs";
import * as path from "path";
import {
  asHcl2jsonReadsThem,
  asHcl2jsonWritesIt,
  COMMITTED_DIR,
  readCommittedModule,
  variablesFromHcl2json,
} from "./committed-module";
import { synthesizedText } from "./synthesized";

describe("variablesFromHcl2json", () => {
  test("takes each block out of its list, the type out of its interpolation, and the template escapes out of literals", () => {
    // GIVEN
    const parsed = {
      variable: {
        tags: [{ type: "${map(string)}", default: { k: "$${v}" }, description: "a %%{b}" }],
        boundary: [{ type: "${string}", default: null, validation: [{ condition: "${x}", error_message: "$${m}" }] }],
      },
    };

    // WHEN
    const variables = variablesFromHcl2json(parsed);

    // THEN
    expect(variables).toEqual({
      tags: { type: "map(string)", default: { k: "${v}" }, description: "a %{b}" },
      boundary: { type: "string", default: null, validation: [{ condition: "${x}", error_message: "$${m}" }] },
    });
  });

  test("refuses a variable declared twice, which Terraform refuses too", () => {
    expect(() => variablesFromHcl2json({ variable: { x: [{}, {}] } })).toThrow('variable "x" is declared 2 times.');
  });
});

describe("asHcl2jsonWritesIt", () => {
  test("replaces an interpolation of a quoted template by its parts, resolving its backslash escapes", () => {
    expect(asHcl2jsonWritesIt('a ${"${f("x")}-\\"q\\""} b ${g("y")}')).toBe('a ${f("x")}-"q" b ${g("y")}');
  });

  test("keeps an interpolation that only starts and ends with a quote", () => {
    expect(asHcl2jsonWritesIt('${"a" == "b"}')).toBe('${"a" == "b"}');
  });
});

describe("readCommittedModule", () => {
  test("is main.tf.json, with the synthesized variable blocks as hcl2json reads them from variables.tf", () => {
    // GIVEN
    const main = JSON.parse(fs.readFileSync(path.join(COMMITTED_DIR, "main.tf.json"), "utf8"));
    const synthesized = JSON.parse(synthesizedText());

    // WHEN
    const module = readCommittedModule();

    // THEN
    expect(module).toEqual({ ...main, variable: asHcl2jsonReadsThem(synthesized.variable) });
    expect(Object.keys(module.variable)).toHaveLength(17);
  });
});

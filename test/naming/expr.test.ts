/**
 * src/naming/expr.ts: Terraform expressions as data. The evaluator is checked function by function
 * here, and against the real `terraform console` in test/terraform/expr-console.test.ts.
 */
import {
  compact,
  concat,
  conditional,
  element,
  evaluate,
  forValues,
  formatlist,
  input,
  join,
  keys,
  list,
  matchkeys,
  NotConcrete,
  ref,
  replace,
  split,
  startswith,
  substitute,
  template,
  toHcl,
  tryEvaluate,
  VAL,
  values,
} from "../../src/naming/expr";

const TOKEN = "${TfToken[TOKEN.1]}";
const isToken = (value: unknown) => typeof value === "string" && value.includes("TfToken");
const value = (expr: Parameters<typeof evaluate>[0]) => evaluate(expr, isToken);

describe("evaluate", () => {
  test.each([
    ["compact drops empty strings", compact(input(["a", "", "b"])), ["a", "b"]],
    ["compact drops nulls too", compact(input([null, "a", null])), ["a"]],
    ["concat joins lists", concat(list("a"), input(["b", "c"])), ["a", "b", "c"]],
    ["element wraps an index past the end around", element(input(["a", "b", "c"]), 4), "b"],
    ["formatlist formats each item", formatlist("%s-", input(["a", "b"])), ["a-", "b-"]],
    ["formatlist keeps the text on both sides of %s", formatlist("id-%s-end", input(["1"])), ["id-1-end"]],
    ["join", join("-", input(["a", "b"])), "a-b"],
    ["keys are sorted", keys(input({ b: "1", a: "2" })), ["a", "b"]],
    [
      "keys are sorted by character code, uppercase and _ before lowercase",
      keys(input({ b: "", _x: "", a: "", Z: "", c: "" })),
      ["Z", "_x", "a", "b", "c"],
    ],
    ["values follow the sorted keys", values(input({ b: "1", a: "2" })), ["2", "1"]],
    [
      "matchkeys keeps the values whose key is searched",
      matchkeys(input(["1", "2"]), input(["a", "b"]), list("b")),
      ["2"],
    ],
    ["replace replaces every occurrence", replace("a:b:a", "a", "x"), "x:b:x"],
    ["replace takes a search with slashes inside as text", replace("path x/y/ here", "x/y/", "z"), "path z here"],
    ["replace takes a search that only starts with a slash as text", replace("a/b/c", "/b/c", ""), "a"],
    ["split", split("/", "a/b/c"), ["a", "b", "c"]],
    ["startswith", startswith("arn:aws", "arn:"), true],
    ["a template concatenates", template("a", "b", "c"), "abc"],
    ["a template turns numbers into strings", template("n", 1), "n1"],
    ["a template turns booleans into strings", template("is ", input(true)), "is true"],
    ["a conditional picks its branch", conditional(startswith("x", "arn:"), "then", "else"), "else"],
    ["forValues maps each value in key order", forValues(input({ b: "2", a: "1" }), template(VAL, "!")), ["1!", "2!"]],
  ])("%s", (_what, expr, expected) => {
    expect(value(expr)).toEqual(expected);
  });

  test.each([
    ["element of an empty list", element(input([]), 0), "element: cannot use element function with an empty list"],
    [
      "matchkeys with lists of different lengths",
      matchkeys(input(["1"]), input(["a", "b"]), list("a")),
      "matchkeys: length of keys and values should be equal",
    ],
    [
      "replace with a regular expression",
      replace("abc", "/b/", "x"),
      "replace: regular expressions are not supported: /b/",
    ],
    [
      "replace with a longer regular expression",
      replace("abc", "/bc/", "x"),
      "replace: regular expressions are not supported: /bc/",
    ],
    ["formatlist with another verb", formatlist("%d", input(["1"])), "formatlist: unsupported format %d"],
    [
      "formatlist with another verb before %s",
      formatlist("%d-%s", input(["1"])),
      "formatlist: unsupported format %d-%s",
    ],
    [
      "formatlist with another verb after %s",
      formatlist("%s-%d", input(["1"])),
      "formatlist: unsupported format %s-%d",
    ],
    ["formatlist of a string", formatlist("%s", input("a")), 'formatlist: expected a list, got "a"'],
    ["keys of a list", keys(input(["a"])), 'expected a map, got ["a"]'],
    ["keys of null", keys(input(null)), "expected a map, got null"],
    ["keys of a string", keys(input("ab")), 'expected a map, got "ab"'],
    ["join of a map", join("-", input({ a: "b" })), 'join: expected a list, got {"a":"b"}'],
    ["join of a list of lists", join("-", input([["a"]])), 'Terraform cannot use ["a"] as a string'],
    ["concat of a string", concat(list("a"), input("b")), 'concat: expected a list, got "b"'],
    ["a template with a list in it", template("a", input(["b"])), 'Terraform cannot use ["b"] as a string'],
  ])("%s is an error, as in Terraform", (_what, expr, message) => {
    expect(() => value(expr)).toThrow(message);
  });

  test("what is not known yet is a NotConcrete error, named so", () => {
    // WHEN
    const error = (() => {
      try {
        value(ref("var.x"));
      } catch (caught) {
        return caught as Error;
      }
      throw new Error("expected NotConcrete");
    })();
    // THEN
    expect({ name: error.name, message: error.message }).toEqual({
      name: "NotConcrete",
      message: "The expression depends on a value known only to Terraform.",
    });
  });

  test("a token anywhere in a function's inputs makes the result unknown", () => {
    expect(() => value(join("-", input(["a", TOKEN])))).toThrow(NotConcrete);
    expect(() => value(keys(input({ [TOKEN]: "a" })))).toThrow(NotConcrete);
    expect(() => value(ref("var.x"))).toThrow(NotConcrete);
    expect(tryEvaluate(startswith(TOKEN, "arn:"), isToken)).toBeUndefined();
  });

  test("a template keeps a token in place, as cdktf concatenates token strings", () => {
    expect(value(template("arn:", TOKEN, ":x"))).toBe(`arn:${TOKEN}:x`);
  });

  test("a conditional on a known condition ignores the other branch, even when it holds a token", () => {
    expect(value(conditional(startswith("arn:x", "arn:"), "arn:x", template(TOKEN, "y")))).toBe("arn:x");
  });
});

describe("substitute", () => {
  test("replaces the iteration variable and leaves every other reference alone", () => {
    expect(substitute(template(VAL, ref("var.x")), "v")).toEqual(template(input("v"), ref("var.x")));
  });
});

describe("toHcl", () => {
  test("renders numbers, booleans, lists and maps as HCL literals", () => {
    expect(toHcl(input([1, true, "a", { k: "v", l: "w" }]))).toBe('[1, true, "a", {"k" = "v", "l" = "w"}]');
  });

  test("a value with no HCL literal is an error", () => {
    expect(() => toHcl(input(undefined))).toThrow("No HCL literal for undefined");
  });

  test("renders calls, lists, maps, conditionals and for expressions", () => {
    const expr = conditional(
      startswith(ref("var.a"), "arn:"),
      join("-", concat(list(ref("var.a")), values(input({ k: "v" })))),
      forValues(ref("var.m"), template(VAL, ":*")),
    );
    expect(toHcl(expr)).toBe(
      'startswith(var.a, "arn:") ? join("-", concat([var.a], values({"k" = "v"}))) : [for key, val in var.m : "${val}:*"]',
    );
  });

  test("escapes what Terraform would read as an interpolation or a directive in a literal", () => {
    expect(toHcl(input('a"${b}%{c}'))).toBe('"a\\"$${b}%%{c}"');
    expect(toHcl(template('"${x}', ref("var.y")))).toBe('"\\"$${x}${var.y}"');
    expect(toHcl(template("%{x}", ref("var.y")))).toBe('"%%{x}${var.y}"');
  });
});

import {
  hclExpression,
  hclLiteral,
  hclLiteralString,
  hclTemplate,
  quotedEnd,
  renderVariablesTf,
  templateParts,
  VARIABLES_TF_HEADER,
} from "../../../tools/docs/variables-tf";

describe("templateParts", () => {
  test("splits literal text from interpolations, skipping the strings, brackets and templates nested in them", () => {
    // GIVEN
    const template = 'make ${join(", ", [for n in ["${a}-x"] : "${n} (${length(n)})" if n != "}"])}.';

    // WHEN
    const parts = templateParts(template);

    // THEN
    expect(parts).toEqual([
      { literal: "make " },
      { interpolation: 'join(", ", [for n in ["${a}-x"] : "${n} (${length(n)})" if n != "}"])' },
      { literal: "." },
    ]);
  });

  test("keeps the escapes $${ and %%{ as literal text, and a backslash-escaped quote inside a nested string", () => {
    expect(templateParts('$${x} %%{y} ${f("a\\"}")}')).toEqual([
      { literal: "$${x} %%{y} " },
      { interpolation: 'f("a\\"}")' },
    ]);
  });

  test("reads an object constructor's braces as part of the expression", () => {
    expect(templateParts('${merge(var.tags, { "Name" = "x" })}')).toEqual([
      { interpolation: 'merge(var.tags, { "Name" = "x" })' },
    ]);
  });

  test.each([
    ["a directive", "%{ if x }y%{ endif }", 'Cannot render a template directive in HCL: "%{ if x }y%{ endif }".'],
    ["a strip marker", "${~ x}", 'Cannot render a strip marker in HCL: "${~ x}".'],
    ["a heredoc", "${<<EOT\nx\nEOT\n}", "Cannot render a heredoc in HCL"],
    ["a comment", "${x # y\n}", "Cannot render a comment in HCL"],
    ["a // comment", "${x // y\n}", "Cannot render a comment in HCL"],
    ["an unterminated interpolation", "${f(x)", 'Unterminated interpolation in "${f(x)".'],
    ["an unterminated string", '${f("x)}', 'Unterminated string in "${f(\\"x)}".'],
  ])("refuses %s, which the module does not use", (_what, template, message) => {
    expect(() => templateParts(template)).toThrow(message);
  });
});

describe("quotedEnd", () => {
  test("finds the quote that closes a string, past escaped quotes and nested interpolations", () => {
    const text = '"a\\"${f("b")}c" == "d"';
    expect(quotedEnd(text, 1)).toBe(text.indexOf(" =="));
  });
});

describe("hclExpression", () => {
  test("unwraps a template that is one interpolation into the bare expression", () => {
    expect(hclExpression('${can(regex("^a$", var.x))}')).toBe('can(regex("^a$", var.x))');
  });

  test("keeps a template with text around its interpolation a quoted template", () => {
    expect(hclExpression("${a}-${b}")).toBe('"${a}-${b}"');
  });

  test("quotes a template with no interpolation", () => {
    expect(hclExpression("plain")).toBe('"plain"');
  });
});

describe("hclTemplate", () => {
  test("escapes quotes, backslashes and control characters in the literal text only", () => {
    // GIVEN
    const template = 'The key "data-prep" \\ ok\n\t\u0001 ${lookup(var.m, "k", "")}';

    // WHEN
    const hcl = hclTemplate(template);

    // THEN
    expect(hcl).toBe('"The key \\"data-prep\\" \\\\ ok\\n\\t\\u0001 ${lookup(var.m, "k", "")}"');
  });

  test("keeps the $${ escape, which means a literal ${ in both syntaxes", () => {
    expect(hclTemplate("cost $${x}")).toBe('"cost $${x}"');
  });

  test("writes carriage returns as \\r", () => {
    expect(hclTemplate("a\rb")).toBe('"a\\rb"');
  });
});

describe("hclLiteralString", () => {
  test("escapes ${ and %{, so that a literal is never evaluated as a template", () => {
    expect(hclLiteralString('a ${b} %{c} "d"')).toBe('"a $${b} %%{c} \\"d\\""');
  });

  test("keeps a literal $${ literal: the first $ stays, the rest is the escape", () => {
    expect(hclLiteralString("$${x}")).toBe('"$$${x}"');
  });
});

describe("hclLiteral", () => {
  test.each([
    [null, "null"],
    ["", '""'],
    ["gata", '"gata"'],
    [3, "3"],
    [1.5, "1.5"],
    [true, "true"],
    [{}, "{}"],
    [[], "[]"],
    [["a", 1], '["a", 1]'],
  ])("writes %j as %s", (value, hcl) => {
    expect(hclLiteral(value)).toBe(hcl);
  });

  test("writes a map one key a line, the = aligned, quoting a key that is not an identifier", () => {
    expect(hclLiteral({ environment: "prod", "cost/center": "42", a: "b" }, "  ")).toBe(
      ["{", '    environment   = "prod"', '    "cost/center" = "42"', '    a             = "b"', "  }"].join("\n"),
    );
  });

  test.each([
    ["a nested object", { a: { b: "c" } }],
    ["a nested list", [["a"]]],
    ["an object in a list", [{ a: "b" }]],
  ])("refuses %s", (_what, value) => {
    expect(() => hclLiteral(value)).toThrow("Cannot render a nested");
  });

  test("refuses a value JSON cannot hold", () => {
    expect(() => hclLiteral(undefined)).toThrow("Cannot render a value of type undefined in HCL");
  });
});

describe("renderVariablesTf", () => {
  test("writes each variable as terraform fmt lays it out: attributes aligned, then each validation block", () => {
    // GIVEN
    const module = {
      variable: {
        role_namespace: {
          default: "",
          description: "Namespace",
          type: "string",
          validation: [
            { condition: '${can(regex("^[a-z]*$", var.role_namespace))}', error_message: 'Bad "namespace".' },
            { condition: "${length(var.role_namespace) < 10}", error_message: "Long: ${length(var.role_namespace)}." },
          ],
        },
        tags: { default: {}, description: "Tags", type: "map(string)" },
        boundary: { default: null, type: "string" },
      },
    };

    // WHEN
    const text = renderVariablesTf(module);

    // THEN
    expect(text).toBe(
      [
        VARIABLES_TF_HEADER,
        'variable "role_namespace" {',
        '  description = "Namespace"',
        "  type        = string",
        '  default     = ""',
        "",
        "  validation {",
        '    condition     = can(regex("^[a-z]*$", var.role_namespace))',
        '    error_message = "Bad \\"namespace\\"."',
        "  }",
        "",
        "  validation {",
        "    condition     = length(var.role_namespace) < 10",
        '    error_message = "Long: ${length(var.role_namespace)}."',
        "  }",
        "}",
        "",
        'variable "tags" {',
        '  description = "Tags"',
        "  type        = map(string)",
        "  default     = {}",
        "}",
        "",
        'variable "boundary" {',
        "  type    = string",
        "  default = null",
        "}",
        "",
      ].join("\n"),
    );
  });

  test("leaves a default that spans lines out of the attributes' alignment, as terraform fmt does", () => {
    // GIVEN
    const module = { variable: { tags: { description: "Tags", type: "map(string)", default: { a: "b" } } } };

    // WHEN
    const text = renderVariablesTf(module);

    // THEN
    expect(text).toContain(
      ['  description = "Tags"', "  type        = map(string)", "  default = {", '    a = "b"', "  }"].join("\n"),
    );
  });

  test("writes a variable with nothing declared as an empty block", () => {
    expect(renderVariablesTf({ variable: { x: {} } })).toBe(`${VARIABLES_TF_HEADER}\nvariable "x" {}\n`);
  });

  test("refuses a key it does not know, rather than dropping it", () => {
    const module = { variable: { x: { type: "string", sensitive: true } } };
    expect(() => renderVariablesTf(module)).toThrow("Variable x has keys the HCL renderer does not know: sensitive.");
  });

  test("refuses a validation key it does not know", () => {
    const module = { variable: { x: { validation: [{ condition: "${true}", error_message: "m", extra: 1 }] } } };
    expect(() => renderVariablesTf(module as never)).toThrow(
      "A validation of variable x has keys the HCL renderer does not know: extra.",
    );
  });

  test("refuses a module without variables", () => {
    expect(() => renderVariablesTf({})).toThrow("The synthesized module has no variable blocks to render.");
  });
});

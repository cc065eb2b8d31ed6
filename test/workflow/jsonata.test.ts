/** The JSONata helpers (src/workflow/jsonata.ts). */
import { jsonata, str } from "../../src/workflow/jsonata";

describe("jsonata", () => {
  test("wraps an expression in {% %} with a space on each side", () => {
    expect(jsonata("$batchId")).toBe("{% $batchId %}");
  });

  test("trims the expression so the padding is always exactly one space", () => {
    // asl-validator 4 rejects `...)%}`, so the space before the closing delimiter matters.
    expect(jsonata("  $split(x, ',')\n")).toBe("{% $split(x, ',') %}");
  });

  test("keeps Terraform interpolations, which are how input values reach the definition", () => {
    expect(jsonata("'${var.ssm_image_path}' & $x")).toBe("{% '${var.ssm_image_path}' & $x %}");
  });

  test("rejects %{, which Terraform would read as a template directive", () => {
    expect(() => jsonata("'%{if x}'")).toThrow(
      `JSONata expression must not contain "%{" (a Terraform template directive): '%{if x}'`,
    );
  });
});

describe("str", () => {
  test("single-quotes a value", () => {
    expect(str("/gata/images/")).toBe("'/gata/images/'");
  });

  test("escapes single quotes and backslashes", () => {
    expect(str("it's a\\b")).toBe("'it\\'s a\\\\b'");
  });

  test("leaves double quotes alone, since the definition's JSON escapes those", () => {
    expect(str('say "hi"')).toBe("'say \"hi\"'");
  });
});

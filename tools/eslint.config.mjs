// ESLint, flat config: typescript-eslint's recommended rules, plus the type-aware ones a construct
// library cannot do without (promises that are never awaited), consistent type imports, and
// Prettier's config last so that no rule argues with the formatter.
// https://typescript-eslint.io/getting-started
//
// It lives with the tooling, so ESLint is told where it is (`eslint -c tools/eslint.config.mjs`, in
// package.json's lint and format scripts). With --config, ESLint takes every pattern below from the
// directory it runs in, the repository's root:
// https://eslint.org/docs/latest/use/configure/configuration-files#specify-a-config-file
import path from "node:path";
import js from "@eslint/js";
import prettier from "eslint-config-prettier";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "node_modules/",
      "dist/",
      "cdktf.out/",
      "coverage/",
      ".stryker-tmp/",
      "reports/",
      "examples/**/node_modules/",
      // An example run in place compiles main.ts there (its cdktf.json runs tsc).
      "examples/**/dist/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts"],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: path.resolve(import.meta.dirname, "..") },
    },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/await-thenable": "error",
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-import-type-side-effects": "error",
      // A leading underscore marks what is deliberately left unused, e.g. a property omitted by destructuring.
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
    },
  },
  {
    // Tests and their support read untyped JSON (synthesized Terraform, recorded AWS responses).
    files: ["test/**/*.ts"],
    rules: {
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-require-imports": "off",
      // Each of these leaves a new folder in the OS temp dir behind; see test/support/app.ts.
      "no-restricted-properties": [
        "error",
        ...["app", "fullSynth", "synthScope"].map((property) => ({
          object: "Testing",
          property,
          message: "Use testApp() from test/support/app.ts, which leaves no temp folder behind.",
        })),
      ],
    },
  },
  {
    files: ["test/support/app.ts"],
    rules: { "no-restricted-properties": "off" },
  },
  {
    files: ["**/*.js", "**/*.cjs"],
    languageOptions: { sourceType: "commonjs", globals: { ...globals.node } },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  prettier,
);

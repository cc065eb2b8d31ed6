#!/usr/bin/env node
// The CDK Terrain build, `finetune-workflow/cdktn`: dist/src/ (the cdktf build) copied to
// dist/cdktn/ with two module names rewritten in its .js and .d.ts files, `cdktf` to `cdktn` and
// `@cdktf/provider-aws/lib/<file>` to `@cdktn/provider-aws/lib/<file>`. cdktn is a fork that keeps
// cdktf's API and the provider's file layout, and tsconfig.cdktn.json type-checks src/ against its
// types, so nothing else needs to change. Any other import of a cdktf package has no known
// counterpart and stops the build, as does a build with nothing to rewrite: either means the
// rewrite no longer describes the source. `npm run build` runs it after tsc.
const fs = require("fs");
const path = require("path");
const { builtinModules } = require("module");
const ts = require("typescript");

const root = path.resolve(__dirname, "..");
const FROM = path.join(root, "dist", "src");
const TO = path.join(root, "dist", "cdktn");

/** cdktf module names and their cdktn counterparts. */
const RENAMES = [
  { pattern: /^cdktf$/, to: () => "cdktn" },
  { pattern: /^@cdktf\/provider-aws\/lib\/([a-z0-9-]+)$/, to: (file) => `@cdktn/provider-aws/lib/${file}` },
];

/** Module names both builds import as they are: relative paths, constructs (shared by both cores) and Node's built-ins. */
function isKept(specifier) {
  return (
    /^\.\.?\//.test(specifier) || specifier === "constructs" || builtinModules.includes(specifier.replace(/^node:/, ""))
  );
}

/** The cdktn counterpart of one module name; throws for one the build does not know. */
function renameSpecifier(specifier, file) {
  for (const { pattern, to } of RENAMES) {
    const match = pattern.exec(specifier);
    if (match) return to(...match.slice(1));
  }
  if (isKept(specifier)) return specifier;
  throw new Error(
    `${file} imports "${specifier}", which the cdktn build cannot translate: it knows "cdktf", ` +
      `"@cdktf/provider-aws/lib/<file>" (deep paths only), "constructs", relative paths and Node's built-ins.`,
  );
}

/**
 * One compiled file with its module names renamed. The imports are found by TypeScript's own
 * scanner (`require`, `import`, `export ... from`, `import()` types), so the same words in a
 * string or a comment are left alone. Returns the text and how many names changed.
 */
function rewriteModule(text, file) {
  const { importedFiles } = ts.preProcessFile(text, true, true);
  let out = "";
  let copied = 0;
  let renamed = 0;
  for (const { fileName, pos } of [...importedFiles].sort((a, b) => a.pos - b.pos)) {
    // pos is the opening quote; the name must follow it as written, or this reading is wrong.
    const quote = text[pos];
    if (!`"'`.includes(quote) || text.slice(pos + 1, pos + 1 + fileName.length + 1) !== `${fileName}${quote}`) {
      throw new Error(`${file}: cannot locate the import of "${fileName}" at offset ${pos}`);
    }
    const replacement = renameSpecifier(fileName, file);
    if (replacement !== fileName) renamed += 1;
    out += text.slice(copied, pos + 1) + replacement;
    copied = pos + 1 + fileName.length;
  }
  return { text: out + text.slice(copied), renamed };
}

/** The cdktn build of a set of compiled files, by relative path; throws when none imports a cdktf module. */
function rewriteBuild(files) {
  let renamed = 0;
  const out = {};
  for (const [file, text] of Object.entries(files)) {
    const result = rewriteModule(text, file);
    out[file] = result.text;
    renamed += result.renamed;
  }
  if (renamed === 0) {
    throw new Error(
      `None of the ${Object.keys(files).length} compiled files imports cdktf or @cdktf/provider-aws: nothing to rewrite.`,
    );
  }
  return out;
}

function compiledFiles(dir, prefix = "") {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(prefix, entry.name);
    if (entry.isDirectory()) return compiledFiles(path.join(dir, entry.name), relative);
    return /\.(js|d\.ts)$/.test(entry.name) ? [relative] : [];
  });
}

function main() {
  const names = compiledFiles(FROM);
  const built = rewriteBuild(
    Object.fromEntries(names.map((name) => [name, fs.readFileSync(path.join(FROM, name), "utf8")])),
  );
  fs.rmSync(TO, { recursive: true, force: true });
  for (const [name, text] of Object.entries(built)) {
    fs.mkdirSync(path.dirname(path.join(TO, name)), { recursive: true });
    fs.writeFileSync(path.join(TO, name), text);
  }
  process.stdout.write(`cdktn build: ${names.length} files, dist/src/ -> dist/cdktn/\n`);
}

if (require.main === module) {
  try {
    main();
  } catch (error) {
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 1;
  }
}

module.exports = { renameSpecifier, rewriteModule, rewriteBuild };

// The root-import baseline: a copy of this module, built in a temp dir, whose only difference is
// the import style: `require("@cdktf/provider-aws").iamRole` instead of the deep path
// `@cdktf/provider-aws/lib/iam-role`. Everything else, the app command included, is the same.
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..", "..");
const PROVIDER = "@cdktf/provider-aws";

/**
 * Maps each deep module path of the provider (`lib/iam-role`) to the namespace the package root
 * exports it as (`iamRole`), from the root's `export * as iamRole from './iam-role';` lines.
 */
function parseRootNamespaces(indexDts) {
  const namespaces = new Map();
  for (const match of indexDts.matchAll(/export \* as (\w+) from '\.\/([\w./-]+)';/g)) {
    namespaces.set(match[2], match[1]);
  }
  return namespaces;
}

/**
 * Rewrites tsc's CommonJS deep imports, `require("@cdktf/provider-aws/lib/iam-role")`, into
 * the root import, `require("@cdktf/provider-aws").iamRole`. The root's `iamRole` export is
 * that very module object (`exports.iamRole = require("./iam-role")`), so the code behaves the
 * same and only the loading differs. Returns the new text and how many requires were rewritten.
 */
function rewriteDeepRequires(js, namespaces) {
  let count = 0;
  const text = js.replace(/require\("@cdktf\/provider-aws\/lib\/([\w./-]+?)(?:\.js)?"\)/g, (_whole, modulePath) => {
    const namespace = namespaces.get(modulePath);
    if (!namespace) throw new Error(`${PROVIDER} root exports no namespace for lib/${modulePath}.`);
    count++;
    return `require("${PROVIDER}").${namespace}`;
  });
  return { text, count };
}

/**
 * The same for TypeScript sources, `import { IamRole } from "@cdktf/provider-aws/lib/iam-role";`
 * becomes `import { iamRole } from "@cdktf/provider-aws";` plus `import IamRole = iamRole.IamRole;`
 * (an alias usable as both value and type). Only used to keep the baseline copy's sources
 * consistent with its dist/; the baseline runs the rewritten JavaScript.
 */
function rewriteDeepImports(ts, namespaces) {
  let count = 0;
  const text = ts.replace(
    /import\s*(type\s+)?\{([^}]*)\}\s*from\s*"@cdktf\/provider-aws\/lib\/([\w./-]+)";/g,
    (_whole, typeOnly, names, modulePath) => {
      const namespace = namespaces.get(modulePath);
      if (!namespace) throw new Error(`${PROVIDER} root exports no namespace for lib/${modulePath}.`);
      count++;
      const aliases = names
        .split(",")
        .map((name) => name.trim())
        .filter(Boolean)
        .map((name) => {
          const [imported, local = imported] = name.split(/\s+as\s+/);
          return `import ${local.replace(/^type\s+/, "")} = ${namespace}.${imported.replace(/^type\s+/, "")};`;
        });
      return [`import ${typeOnly ? "type " : ""}{ ${namespace} } from "${PROVIDER}";`, ...aliases].join("\n");
    },
  );
  return { text, count };
}

function copyFile(from, to) {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.copyFileSync(from, to);
}

function walk(dir, onFile) {
  for (const item of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, item.name);
    if (item.isDirectory()) walk(full, onFile);
    else onFile(full);
  }
}

/**
 * Builds the baseline in `dir`: dist/ (compiled JS, requires rewritten), main.ts and src/ (TS,
 * imports rewritten the same way), the same tools/app.js and tools/ensure-built.js, the same
 * cdktf.json, tsconfig and package.json, and node_modules as a symlink to ours. Sources get an
 * old mtime so ensure-built never rebuilds the copy; it then runs the cdktf.json app command
 * exactly as we do.
 */
function buildBaseline(dir) {
  const namespaces = parseRootNamespaces(
    fs.readFileSync(path.join(root, "node_modules", PROVIDER, "lib", "index.d.ts"), "utf8"),
  );
  let requires = 0;
  walk(path.join(root, "dist"), (file) => {
    const target = path.join(dir, path.relative(root, file));
    if (file.endsWith(".js")) {
      const { text, count } = rewriteDeepRequires(fs.readFileSync(file, "utf8"), namespaces);
      requires += count;
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, text);
    } else copyFile(file, target);
  });
  if (requires === 0) throw new Error(`No deep ${PROVIDER} requires found in dist/; nothing to compare against.`);
  const longAgo = new Date("2000-01-01T00:00:00Z");
  const sources = [path.join(root, "main.ts")];
  walk(path.join(root, "src"), (file) => file.endsWith(".ts") && sources.push(file));
  for (const file of sources) {
    const target = path.join(dir, path.relative(root, file));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, rewriteDeepImports(fs.readFileSync(file, "utf8"), namespaces).text);
    fs.utimesSync(target, longAgo, longAgo);
  }
  for (const file of [
    "tools/app.js",
    "tools/ensure-built.js",
    "cdktf.json",
    "package.json",
    "tsconfig.json",
    "tools/tsconfig.build.json",
  ]) {
    if (fs.existsSync(path.join(root, file))) copyFile(path.join(root, file), path.join(dir, file));
  }
  fs.symlinkSync(path.join(root, "node_modules"), path.join(dir, "node_modules"), "dir");
  return requires;
}

module.exports = { buildBaseline, parseRootNamespaces, rewriteDeepRequires, rewriteDeepImports };

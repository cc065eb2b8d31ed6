// The generated configs that `npm run typecheck` builds (tools/typecheck.js). That they check the
// repository is shown by every `npm test`, which runs them first; a config whose `include` found
// nothing would fail there with TS18003.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const { PROJECTS, cacheFolder, checkConfig, prepare } = require("../../tools/typecheck");

const ROOT = path.resolve(__dirname, "..", "..");

let scratch: string;
beforeEach(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), "finetune-typecheck-"));
});
afterEach(() => fs.rmSync(scratch, { recursive: true, force: true }));

describe("cacheFolder", () => {
  test("is named for package-lock.json's content: the same lock, the same folder; another lock, another", () => {
    // GIVEN
    const lock = '{"lockfileVersion": 3}';

    // WHEN
    const folders = [cacheFolder(lock, scratch), cacheFolder(lock, scratch), cacheFolder(`${lock}\n`, scratch)];

    // THEN
    expect(folders[0]).toBe(folders[1]);
    expect(folders[2]).not.toBe(folders[0]);
    expect(folders.map((folder) => path.dirname(folder))).toEqual([scratch, scratch, scratch]);
    expect(path.basename(folders[0])).toMatch(/^typecheck-[0-9a-f]{16}$/);
  });
});

describe("checkConfig", () => {
  test.each(Object.entries<string>(PROJECTS))(
    "%s extends the repository's %s, with nothing emitted and its buildinfo in its own folder",
    (name, base) => {
      // GIVEN
      const dir = path.join(ROOT, "node_modules", ".cache", "finetune-workflow", "typecheck-0", name);

      // WHEN
      const config = checkConfig(dir, base);

      // THEN
      expect(path.resolve(dir, config.extends)).toBe(path.join(ROOT, base));
      expect(config.compilerOptions).toEqual({
        noEmit: true,
        incremental: true,
        tsBuildInfoFile: "./typecheck.tsbuildinfo",
      });
    },
  );
});

describe("prepare", () => {
  test("writes one config per project and removes the folders of other package-locks, nothing else", () => {
    // GIVEN
    const stale = path.join(scratch, "typecheck-0123456789abcdef");
    const other = path.join(scratch, "other-tool");
    for (const dir of [stale, other]) fs.mkdirSync(dir);
    const folder = path.join(scratch, "typecheck-fedcba9876543210");

    // WHEN
    const files = prepare(folder);

    // THEN
    expect(files).toEqual(Object.keys(PROJECTS).map((name) => path.join(folder, name, "tsconfig.json")));
    expect(files.map((file: string) => JSON.parse(fs.readFileSync(file, "utf8")))).toEqual(
      Object.entries<string>(PROJECTS).map(([name, base]) => checkConfig(path.join(folder, name), base)),
    );
    expect(fs.readdirSync(scratch).sort()).toEqual(["other-tool", path.basename(folder)]);
  });

  test("leaves an unchanged config as it is, so that build mode does not check its project again", () => {
    // GIVEN
    const folder = path.join(scratch, "typecheck-fedcba9876543210");
    const [file] = prepare(folder);
    const written = new Date("2026-01-01T00:00:00Z");
    fs.utimesSync(file, written, written);

    // WHEN
    prepare(folder);

    // THEN
    expect(fs.statSync(file).mtime).toEqual(written);
  });

  test("rewrites a config that differs", () => {
    // GIVEN
    const folder = path.join(scratch, "typecheck-fedcba9876543210");
    const [file] = prepare(folder);
    fs.writeFileSync(file, "{}\n");

    // WHEN
    prepare(folder);

    // THEN
    expect(JSON.parse(fs.readFileSync(file, "utf8"))).toEqual(checkConfig(path.dirname(file), PROJECTS.main));
  });
});

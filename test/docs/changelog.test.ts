// CHANGELOG.md follows Keep a Changelog 1.1.0 (https://keepachangelog.com/en/1.1.0/) and agrees
// with package.json, so a release cannot be tagged with its changes filed under another version.
import * as fs from "fs";
import * as path from "path";
import { compareVersions } from "../support/versions";

const ROOT = path.resolve(__dirname, "../..");
const CHANGELOG = fs.readFileSync(path.join(ROOT, "CHANGELOG.md"), "utf8");
const VERSION: string = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).version;

const RELEASE = /^## \[(\d+\.\d+\.\d+)\] - (\d{4}-\d{2}-\d{2})$/;
const UNRELEASED = "## [Unreleased]";
const KINDS = ["Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"];

function linesStarting(prefix: string): string[] {
  return CHANGELOG.split("\n").filter((line) => line.startsWith(prefix));
}

function releases(): { version: string; date: string }[] {
  return linesStarting("## ").flatMap((line) => {
    const match = RELEASE.exec(line);
    return match ? [{ version: match[1], date: match[2] }] : [];
  });
}

describe("CHANGELOG.md", () => {
  test("every version heading is [Unreleased], first, or a dated release", () => {
    // GIVEN
    const headings = linesStarting("## ");

    // WHEN
    const malformed = headings.filter((line, i) => !(RELEASE.test(line) || (line === UNRELEASED && i === 0)));

    // THEN
    expect(malformed).toEqual([]);
  });

  test("lists releases newest first, by version and by date", () => {
    // GIVEN
    const listed = releases();

    // WHEN
    const outOfOrder = listed
      .slice(1)
      .filter((older, i) => compareVersions(listed[i].version, older.version) <= 0 || listed[i].date < older.date);

    // THEN
    expect(outOfOrder).toEqual([]);
  });

  test("files changes only under Keep a Changelog's kinds", () => {
    // GIVEN
    const kinds = new Set(linesStarting("### ").map((line) => line.slice("### ".length)));

    // WHEN
    const unknown = [...kinds].filter((kind) => !KINDS.includes(kind));

    // THEN
    expect(unknown).toEqual([]);
  });

  test("agrees with package.json: its version is the newest release's, or above it while [Unreleased] leads", () => {
    // GIVEN
    const [newest] = releases();
    const unreleasedLeads = linesStarting("## ")[0] === UNRELEASED;

    // WHEN
    const order = Math.sign(compareVersions(VERSION, newest.version));

    // THEN
    expect({ unreleasedLeads, order }).toEqual({ unreleasedLeads, order: unreleasedLeads ? 1 : 0 });
  });
});

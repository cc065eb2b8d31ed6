// Keeps every Jest snapshot in the top-level __snapshots__/ folder, mirroring test/.
const path = require("path");

const root = path.resolve(__dirname, "..");
const testDir = path.join(root, "test");
const snapshotDir = path.join(root, "__snapshots__");
const extension = ".snap";

module.exports = {
  resolveSnapshotPath: (testPath, snapshotExtension = extension) =>
    path.join(snapshotDir, path.relative(testDir, testPath) + snapshotExtension),
  resolveTestPath: (snapshotPath, snapshotExtension = extension) =>
    path.join(testDir, path.relative(snapshotDir, snapshotPath).slice(0, -snapshotExtension.length)),
  testPathForConsistencyCheck: path.join(testDir, "construct", "module.test.ts"),
};

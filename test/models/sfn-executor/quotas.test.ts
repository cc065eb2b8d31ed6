import { entryBytes, entrySizes, jsonBytes, objectBytes } from "./quotas";

describe("objectBytes", () => {
  test.each([
    ["no entries", {}],
    ["one entry", { a: 1 }],
    ["names and values that JSON escapes, and multi-byte text", { 'q"uote': "line\nbreak", é: "日本", "\u0001": "\\" }],
    ["nested values", { list: [1, "two", { three: null }], object: { deep: { deeper: true } } }],
    [
      "entries JSON.stringify leaves out, first, between and last",
      { gone: undefined, kept: 1, fn: () => 1, also: "x", last: undefined },
    ],
    ["only entries JSON.stringify leaves out", { gone: undefined }],
  ])("of %s is jsonBytes of the object", (_, object: Record<string, unknown>) => {
    expect(objectBytes(entrySizes(object))).toBe(jsonBytes(object));
  });

  test("stays jsonBytes of the object as entries are replaced, added and left out", () => {
    // GIVEN
    let object: Record<string, unknown> = { a: "x".repeat(10), b: [1, 2] };
    const sizes = entrySizes(object);
    // WHEN
    for (const change of [{ a: "é" }, { c: { nested: "y" } }, { b: undefined }, { d: 0, a: "" }]) {
      object = { ...object, ...change };
      for (const [name, value] of Object.entries(change)) sizes.set(name, entryBytes(name, value));
      // THEN
      expect(objectBytes(sizes)).toBe(jsonBytes(object));
    }
  });
});

import { PRINT_TABLES_ENV, printTable, tablesRequested } from "./tables";

describe("tablesRequested", () => {
  test.each([
    ["1", true],
    ["true", true],
    ["TRUE", true],
    ["0", false],
    ["", false],
    ["yes", false],
  ])("%s=%j: %p", (value, expected) => {
    expect(tablesRequested({ [PRINT_TABLES_ENV]: value })).toBe(expected);
  });

  test("unset: not requested", () => {
    expect(tablesRequested({})).toBe(false);
  });
});

describe("printTable", () => {
  let log: jest.SpyInstance;
  beforeEach(() => {
    log = jest.spyOn(console, "log").mockImplementation(() => undefined);
  });
  afterEach(() => log.mockRestore());

  test("logs the table when requested", () => {
    printTable("| a |", { [PRINT_TABLES_ENV]: "1" });
    expect(log.mock.calls).toEqual([["| a |"]]);
  });

  test("logs nothing otherwise", () => {
    printTable("| a |", {});
    expect(log).not.toHaveBeenCalled();
  });
});

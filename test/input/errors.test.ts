import { describe, expect, it } from "vitest";
import {
  ErrorLog,
  formatErrorLog,
  formatInputError,
  formatLocation,
  formatWarningLog,
  type InputError,
} from "../../src/input/errors.js";

const badDate: InputError = {
  file: "posts.csv",
  line: 4,
  column: "发布时间",
  value: "2026-13-45 10:00",
  expected: "a date/time",
};

describe("formatInputError", () => {
  it('writes file:line: column "header": "value" is not <expected>', () => {
    expect(formatInputError(badDate)).toBe(
      'posts.csv:4: column "发布时间": "2026-13-45 10:00" is not a date/time',
    );
  });

  it("cites a JSON array record by its index", () => {
    expect(formatInputError({ ...badDate, file: "posts.json", line: 41, jsonIndex: true })).toBe(
      'posts.json:$[41]: column "发布时间": "2026-13-45 10:00" is not a date/time',
    );
    expect(formatLocation("data/posts.json", 0, true)).toBe("data/posts.json:$[0]");
  });

  it("keeps the path as given", () => {
    expect(formatInputError({ ...badDate, file: "../exports/posts.csv" })).toMatch(
      /^\.\.\/exports\/posts\.csv:4: /,
    );
  });

  it("says a blank required cell is blank", () => {
    expect(formatInputError({ ...badDate, value: "" })).toBe(
      'posts.csv:4: column "发布时间": is blank, expected a date/time',
    );
  });

  it("escapes newlines and quotes and cuts long values", () => {
    expect(formatInputError({ ...badDate, value: 'a"b\nc' })).toContain('"a\\"b\\nc" is not');
    const long = formatInputError({ ...badDate, value: "x".repeat(200) });
    expect(long).toContain(`"${"x".repeat(80)}…"`);
  });
});

describe("ErrorLog", () => {
  it("keeps the first maxErrors and counts the rest", () => {
    const log = new ErrorLog(3);
    for (let line = 2; line < 12; line++) log.add({ ...badDate, line });
    expect(log.count).toBe(10);
    expect(log.errors.map((e) => e.line)).toEqual([2, 3, 4]);
    expect(log.omitted).toBe(7);
    const lines = formatErrorLog(log);
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe("… and 7 more errors");
  });

  it("keeps the lowest lines in line order when errors come out of order", () => {
    const log = new ErrorLog(4);
    // A batch's schema errors first (3, 4, 9), then a later check of its rows (2, 5, 3 again), then more.
    for (const [line, column] of [
      [3, "a"],
      [4, "a"],
      [9, "a"],
      [2, "b"],
      [5, "b"],
      [3, "b"],
      [12, "a"],
    ] as const) {
      log.add({ ...badDate, line, column });
    }
    expect(log.count).toBe(7);
    expect(log.errors.map((e) => `${e.line}${e.column}`)).toEqual(["2b", "3a", "3b", "4a"]);
    expect(log.omitted).toBe(3);
    const warnings = new ErrorLog(2);
    for (const line of [7, 5, 6]) warnings.warn({ ...badDate, line });
    expect(warnings.warnings.map((w) => w.line)).toEqual([5, 6]);
  });

  it("appends another file's errors after its own, not mixed by line number", () => {
    const accounts = new ErrorLog(3);
    accounts.add({ ...badDate, file: "accounts.csv", line: 25 });
    const messages = new ErrorLog(3);
    for (const line of [3, 4, 5]) messages.add({ ...badDate, file: "messages.csv", line });
    messages.add({ ...badDate, file: "messages.csv", line: 6 });
    const all = new ErrorLog(3);
    all.append(accounts);
    all.append(messages);
    expect(all.errors.map((e) => `${e.file}:${e.line}`)).toEqual([
      "accounts.csv:25",
      "messages.csv:3",
      "messages.csv:4",
    ]);
    expect(all.count).toBe(5);
    expect(formatErrorLog(all).at(-1)).toBe("… and 2 more errors");
  });

  it("says 'error' for one", () => {
    const log = new ErrorLog(1);
    log.add(badDate);
    log.add(badDate);
    expect(formatErrorLog(log).at(-1)).toBe("… and 1 more error");
  });

  it("defaults to 50", () => {
    const log = new ErrorLog();
    for (let i = 0; i < 60; i++) log.add(badDate);
    expect(log.errors).toHaveLength(50);
    expect(log.omitted).toBe(10);
  });

  it("collects warnings separately", () => {
    const log = new ErrorLog(1);
    log.warn({ ...badDate, column: "关停日期", value: "", expected: "a date when the account is closed" });
    log.warn(badDate);
    expect(log.count).toBe(0);
    expect(log.warningCount).toBe(2);
    expect(formatWarningLog(log)).toEqual([
      'posts.csv:4: column "关停日期": is blank, expected a date when the account is closed (warning)',
      "… and 1 more warning",
    ]);
  });

  it("with a cap of 0 only counts", () => {
    const log = new ErrorLog(0);
    log.add(badDate);
    expect(formatErrorLog(log)).toEqual(["1 error (not listed)"]);
  });
});

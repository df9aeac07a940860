import { describe, expect, it } from "vitest";
import { isBareDate, parseCivilDate, parseDateTime } from "../../src/time/parse.js";
import { Zone } from "../../src/time/zone.js";

const SHANGHAI = Zone.of("Asia/Shanghai");
const iso = (text: string) => {
  const ms = parseDateTime(text, SHANGHAI);
  return ms === undefined ? undefined : SHANGHAI.format(ms);
};

describe("parseCivilDate (PRODUCT §1.6 date forms)", () => {
  it.each([
    ["2026-09-30", "2026-09-30"],
    ["2026/9/30", "2026-09-30"],
    ["2026.09.30", "2026-09-30"],
    ["2026年9月30日", "2026-09-30"],
    ["20260930", "2026-09-30"],
    ["2026-9-3", "2026-09-03"],
    [" 2026-09-30 ", "2026-09-30"],
    ["2024-02-29", "2024-02-29"],
  ])("accepts %j", (text, expected) => {
    expect(parseCivilDate(text)).toBe(expected);
  });

  it.each([
    "2026-13-01",
    "2026-02-29",
    "2026-09-31",
    "2026-00-10",
    "26-09-30",
    "2026-09-30 10:00",
    "30/09/2026",
    "2026093",
    "",
    "yesterday",
  ])("rejects %j", (text) => {
    expect(parseCivilDate(text)).toBeUndefined();
  });
});

describe("parseDateTime (PRODUCT §1.6 date-time forms)", () => {
  it.each([
    ["2026-09-30T14:05:00+08:00", "2026-09-30T14:05:00.000+08:00"],
    ["2026-09-30T06:05:00Z", "2026-09-30T14:05:00.000+08:00"],
    ["2026-09-30T14:05:00+0800", "2026-09-30T14:05:00.000+08:00"],
    ["2026-09-30T01:05:00-05:00", "2026-09-30T14:05:00.000+08:00"],
    ["2026-09-30 14:05", "2026-09-30T14:05:00.000+08:00"],
    ["2026-09-30 14:05:33", "2026-09-30T14:05:33.000+08:00"],
    ["2026-09-30T14:05:33", "2026-09-30T14:05:33.000+08:00"],
    ["2026-09-30 14:05:33.250", "2026-09-30T14:05:33.250+08:00"],
    ["2026/9/30 14:05", "2026-09-30T14:05:00.000+08:00"],
    ["2026/9/30 9:05", "2026-09-30T09:05:00.000+08:00"],
    ["2026.09.30 14:05", "2026-09-30T14:05:00.000+08:00"],
    ["2026年9月30日 14:05", "2026-09-30T14:05:00.000+08:00"],
    ["2026年9月30日14:05", "2026-09-30T14:05:00.000+08:00"],
    ["2026年9月30日 14时05分", "2026-09-30T14:05:00.000+08:00"],
    ["2026年9月30日 14时05分30秒", "2026-09-30T14:05:30.000+08:00"],
    ["2026-09-30", "2026-09-30T00:00:00.000+08:00"],
    ["20260930", "2026-09-30T00:00:00.000+08:00"],
    ["2026-09-30 24:00", "2026-10-01T00:00:00.000+08:00"],
    ["1790748300", "2026-09-30T14:05:00.000+08:00"],
    ["1790748300123", "2026-09-30T14:05:00.123+08:00"],
  ])("accepts %j", (text, expected) => {
    expect(iso(text)).toBe(expected);
  });

  it.each([
    "2026-13-45 10:00",
    "2026-09-31 10:00",
    "2026-09-30 25:00",
    "2026-09-30 14:60",
    "2026-09-30 14:05:60",
    "2026-09-30 24:01",
    "2026-09-30T14:05:00+15:00",
    "179074830",
    "17907483001",
    "",
  ])("rejects %j", (text) => {
    expect(parseDateTime(text, SHANGHAI)).toBeUndefined();
  });

  it("reads times without an offset in the given zone, whatever the machine's TZ", () => {
    const utc = Zone.of("UTC");
    expect(parseDateTime("2026-09-30 14:05", utc)).toBe(Date.UTC(2026, 8, 30, 14, 5));
    expect(parseDateTime("2026-09-30 14:05", SHANGHAI)).toBe(Date.UTC(2026, 8, 30, 6, 5));
  });

  it("tells a bare date from a date-time", () => {
    expect(isBareDate("2026-09-30")).toBe(true);
    expect(isBareDate("2026-09-30 10:00")).toBe(false);
  });
});

describe("上午/下午 times (PRODUCT §1.6)", () => {
  const zone = Zone.of("Asia/Shanghai");
  it.each([
    ["2026-10-8 9:30 上午", "2026-10-08 09:30"],
    ["2026年9月21日下午2点", "2026-09-21 14:00"],
    ["2026年9月21日下午2点30分", "2026-09-21 14:30"],
    ["2026/9/21 下午 2:05", "2026-09-21 14:05"],
    ["2026-10-8 12:00 上午", "2026-10-08 00:00"],
    ["2026-10-8 中午12点", "2026-10-08 12:00"],
    ["2026-10-8 晚上8点", "2026-10-08 20:00"],
  ])("%s → %s", (text, expected) => {
    const ms = parseDateTime(text, zone);
    expect(ms === undefined ? undefined : zone.formatShort(ms)).toBe(expected);
  });

  it.each(["2026-10-8 13:00 下午", "2026-10-8 0:30 上午", "2026-10-8 下午", "2026-10-8 9:75 上午"])(
    "refuses %s",
    (text) => {
      expect(parseDateTime(text, zone)).toBeUndefined();
    },
  );
});

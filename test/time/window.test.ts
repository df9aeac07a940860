import { TZDate } from "@date-fns/tz";
import { getISOWeek, getISOWeeksInYear, getISOWeekYear, startOfISOWeek, subMonths } from "date-fns";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/errors.js";
import {
  completeWeeks,
  isoWeeksInYear,
  monthBefore,
  parseAsOf,
  parsePeriod,
  resolveWindow,
} from "../../src/time/window.js";
import { civilDate, Zone } from "../../src/time/zone.js";

const SHANGHAI = Zone.of("Asia/Shanghai");
/** A fixed clock: 2026-09-30 14:05 Shanghai. No test reads the real one. */
const NOW = Date.UTC(2026, 8, 30, 6, 5);

const days = (p: { firstDay: number; lastDay: number; label: string }) => ({
  first: civilDate(p.firstDay),
  last: civilDate(p.lastDay),
  label: p.label,
});

describe("parsePeriod", () => {
  it("quarters", () => {
    expect(days(parsePeriod("2026Q1"))).toEqual({ first: "2026-01-01", last: "2026-03-31", label: "2026Q1" });
    expect(days(parsePeriod("2026Q2"))).toEqual({ first: "2026-04-01", last: "2026-06-30", label: "2026Q2" });
    expect(days(parsePeriod("2026q3"))).toEqual({ first: "2026-07-01", last: "2026-09-30", label: "2026Q3" });
    expect(days(parsePeriod("2026-Q4"))).toEqual({
      first: "2026-10-01",
      last: "2026-12-31",
      label: "2026Q4",
    });
  });

  it("months, with leap Februaries", () => {
    expect(days(parsePeriod("2026-09"))).toEqual({
      first: "2026-09-01",
      last: "2026-09-30",
      label: "2026-09",
    });
    expect(days(parsePeriod("2026-9"))).toMatchObject({ label: "2026-09" });
    expect(days(parsePeriod("2026年12月"))).toEqual({
      first: "2026-12-01",
      last: "2026-12-31",
      label: "2026-12",
    });
    expect(days(parsePeriod("2024-02")).last).toBe("2024-02-29");
    expect(days(parsePeriod("2026-02")).last).toBe("2026-02-28");
    expect(days(parsePeriod("2028-02")).last).toBe("2028-02-29");
    expect(days(parsePeriod("2100-02")).last).toBe("2100-02-28"); // divisible by 100, not by 400
    expect(days(parsePeriod("2000-02")).last).toBe("2000-02-29");
  });

  it("years", () => {
    expect(days(parsePeriod("2026"))).toEqual({ first: "2026-01-01", last: "2026-12-31", label: "2026" });
    expect(parsePeriod("2024").lastDay - parsePeriod("2024").firstDay).toBe(365);
  });

  it("ISO weeks: W01 may start in December, W53 only in years that have it", () => {
    expect(days(parsePeriod("2026W38"))).toEqual({
      first: "2026-09-14",
      last: "2026-09-20",
      label: "2026W38",
    });
    expect(days(parsePeriod("2026W01"))).toEqual({
      first: "2025-12-29",
      last: "2026-01-04",
      label: "2026W01",
    });
    expect(days(parsePeriod("2026-W1"))).toMatchObject({ label: "2026W01" });
    expect(getISOWeeksInYear(new Date(2026, 5, 1))).toBe(53);
    expect(days(parsePeriod("2026W53"))).toEqual({
      first: "2026-12-28",
      last: "2027-01-03",
      label: "2026W53",
    });
    expect(getISOWeeksInYear(new Date(2025, 5, 1))).toBe(52);
    expect(() => parsePeriod("2025W53")).toThrow(UsageError);
    expect(() => parsePeriod("2025W53")).toThrow(/2025 has ISO weeks 01–52/);
    expect(() => parsePeriod("2026W00")).toThrow(UsageError);
  });

  it("agrees with date-fns on the weeks in a year and on the Monday of each week", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1901, max: 2998 }), fc.integer({ min: 1, max: 53 }), (year, week) => {
        const weeks = getISOWeeksInYear(new Date(year, 5, 1));
        expect(isoWeeksInYear(year)).toBe(weeks);
        if (week > weeks) return;
        const p = parsePeriod(`${year}W${week}`);
        // Local-time dates at noon: date-fns reads the machine zone, noon keeps the day whatever it is.
        const monday = new Date(`${civilDate(p.firstDay)}T12:00:00`);
        expect(getISOWeek(monday)).toBe(week);
        expect(getISOWeekYear(monday)).toBe(year);
        expect(startOfISOWeek(monday).getDate()).toBe(monday.getDate());
      }),
    );
  });

  it("rejects bad text", () => {
    for (const bad of [
      "",
      "2026Q5",
      "2026Q0",
      "2026-13",
      "2026-00",
      "26Q3",
      "Q3",
      "2026H1",
      "2026-09-01",
      "abc",
    ]) {
      expect(() => parsePeriod(bad), bad).toThrow(UsageError);
    }
  });
});

describe("parseAsOf", () => {
  it("a bare date is the end of that day in the zone", () => {
    expect(SHANGHAI.format(parseAsOf("2026-09-30", SHANGHAI))).toBe("2026-09-30T23:59:59.999+08:00");
    expect(SHANGHAI.format(parseAsOf("2026年9月30日", SHANGHAI))).toBe("2026-09-30T23:59:59.999+08:00");
    expect(SHANGHAI.format(parseAsOf("20260930", SHANGHAI))).toBe("2026-09-30T23:59:59.999+08:00");
  });

  it("a date-time is taken as written", () => {
    expect(SHANGHAI.format(parseAsOf("2026-09-30 18:00", SHANGHAI))).toBe("2026-09-30T18:00:00.000+08:00");
    expect(parseAsOf("2026-09-30T10:00:00Z", SHANGHAI)).toBe(Date.UTC(2026, 8, 30, 10));
  });

  it("rejects what is not a date", () => {
    expect(() => parseAsOf("yesterday", SHANGHAI)).toThrow(UsageError);
    expect(() => parseAsOf("2026-02-30", SHANGHAI)).toThrow(/--as-of: "2026-02-30"/);
  });
});

describe("resolveWindow", () => {
  it("default: the 28 calendar days ending with as-of's day, as-of = now", () => {
    const w = resolveWindow({ zone: SHANGHAI, now: NOW });
    expect(w.asOf).toBe(NOW);
    expect(SHANGHAI.format(w.from)).toBe("2026-09-03T00:00:00.000+08:00");
    expect(civilDate(w.fromDay)).toBe("2026-09-03");
    expect(civilDate(w.asOfDay)).toBe("2026-09-30");
    expect(w.asOfDay - w.fromDay + 1).toBe(28);
    expect(w.label).toBeUndefined();
    // Sep 7 … Sep 27: Sep 28's week has not ended at T.
    expect(w.weeks.map((week) => civilDate(week.monday))).toEqual(["2026-09-07", "2026-09-14", "2026-09-21"]);
  });

  it("--as-of bare date: end of day; the default window follows it", () => {
    const w = resolveWindow({ zone: SHANGHAI, now: NOW, asOf: "2026-09-27" });
    expect(SHANGHAI.format(w.asOf)).toBe("2026-09-27T23:59:59.999+08:00");
    expect(SHANGHAI.format(w.from)).toBe("2026-08-31T00:00:00.000+08:00");
    expect(w.weeks).toHaveLength(4);
    const last = w.weeks.at(-1)!;
    expect(SHANGHAI.format(last.start)).toBe("2026-09-21T00:00:00.000+08:00");
    expect(SHANGHAI.format(last.end)).toBe("2026-09-27T23:59:59.999+08:00");
    expect(last.end).toBe(w.asOf);
  });

  it("--period sets from and as-of", () => {
    const w = resolveWindow({ zone: SHANGHAI, now: NOW, period: "2026Q3" });
    expect(SHANGHAI.format(w.from)).toBe("2026-07-01T00:00:00.000+08:00");
    expect(SHANGHAI.format(w.asOf)).toBe("2026-09-30T23:59:59.999+08:00");
    expect(w.label).toBe("2026Q3");
    // Jul 1 is a Wednesday: the first complete week starts Monday Jul 6; Sep 28's week ends in October.
    expect(civilDate(w.weeks[0]!.monday)).toBe("2026-07-06");
    expect(civilDate(w.weeks.at(-1)!.monday)).toBe("2026-09-21");
    expect(w.weeks).toHaveLength(12);
    const iso = resolveWindow({ zone: SHANGHAI, now: NOW, period: "2026W38" });
    expect(iso.weeks.map((week) => civilDate(week.monday))).toEqual(["2026-09-14"]);
  });

  it("--from D is 00:00 of D", () => {
    const w = resolveWindow({ zone: SHANGHAI, now: NOW, asOf: "2026-09-30", from: "2026-09-01" });
    expect(SHANGHAI.format(w.from)).toBe("2026-09-01T00:00:00.000+08:00");
    expect(civilDate(w.weeks[0]!.monday)).toBe("2026-09-07");
  });

  it("usage errors", () => {
    expect(() => resolveWindow({ zone: SHANGHAI, now: NOW, period: "2026Q3", asOf: "2026-09-30" })).toThrow(
      UsageError,
    );
    expect(() => resolveWindow({ zone: SHANGHAI, now: NOW, period: "2026Q3", from: "2026-07-01" })).toThrow(
      UsageError,
    );
    expect(() => resolveWindow({ zone: SHANGHAI, now: NOW, from: "2026-10-01" })).toThrow(/after the as-of/);
    expect(() => resolveWindow({ zone: SHANGHAI, now: NOW, from: "2026-09-01 08:00" })).toThrow(/--from/);
    expect(() => resolveWindow({ zone: SHANGHAI, now: NOW, period: "2026Q9" })).toThrow(UsageError);
  });

  it("treats an explicit undefined like an absent option", () => {
    const w = resolveWindow({
      zone: SHANGHAI,
      now: NOW,
      asOf: undefined,
      period: "2026-09",
      from: undefined,
    });
    expect(w.label).toBe("2026-09");
  });

  it("from on the as-of day is allowed (one-day window, no complete week)", () => {
    const w = resolveWindow({ zone: SHANGHAI, now: NOW, from: "2026-09-30" });
    expect(w.fromDay).toBe(w.asOfDay);
    expect(w.weeks).toEqual([]);
  });

  it("the zone, not the process TZ, decides the days", () => {
    // 2026-09-30T20:00Z is already Oct 1 in Shanghai but still Sep 30 in New York (the test TZ).
    const late = Date.UTC(2026, 8, 30, 20);
    expect(civilDate(resolveWindow({ zone: SHANGHAI, now: late }).asOfDay)).toBe("2026-10-01");
    const ny = Zone.of("America/New_York");
    expect(civilDate(resolveWindow({ zone: ny, now: late }).asOfDay)).toBe("2026-09-30");
    expect(ny.format(resolveWindow({ zone: ny, now: late, period: "2026W45" }).from)).toBe(
      "2026-11-02T00:00:00.000-05:00",
    );
  });

  it("gives the same instants in Asia/Shanghai whatever the process TZ", () => {
    const saved = process.env.TZ;
    const results: string[] = [];
    try {
      for (const tz of [
        "America/New_York",
        "UTC",
        "Asia/Shanghai",
        "Pacific/Kiritimati",
        "Pacific/Pago_Pago",
      ]) {
        process.env.TZ = tz;
        const zone = Zone.of("Asia/Shanghai");
        const w = resolveWindow({ zone, now: NOW, asOf: "2026-09-30 18:00" });
        const q = resolveWindow({ zone, now: NOW, period: "2026Q3" });
        const m = monthBefore(q.asOf, zone);
        results.push(
          JSON.stringify([
            w.from,
            w.asOf,
            w.weeks,
            q.from,
            q.asOf,
            q.weeks,
            m,
            parseAsOf("2026-02-28", zone),
          ]),
        );
      }
    } finally {
      process.env.TZ = saved;
    }
    expect(new Set(results).size).toBe(1);
  });
});

describe("completeWeeks", () => {
  it("a week counts only when its Monday 00:00 ≥ from and its Sunday ends ≤ T", () => {
    const mondays = (from: string, asOf: string) =>
      completeWeeks(SHANGHAI.startOfDay(from), parseAsOf(asOf, SHANGHAI), SHANGHAI).map((w) =>
        civilDate(w.monday),
      );
    expect(mondays("2026-09-14", "2026-09-20")).toEqual(["2026-09-14"]);
    expect(mondays("2026-09-15", "2026-09-27")).toEqual(["2026-09-21"]);
    expect(mondays("2026-09-14", "2026-09-26")).toEqual(["2026-09-14"]);
    expect(mondays("2026-09-15", "2026-09-20")).toEqual([]);
    // T one millisecond before the end of Sunday: that week is not complete
    const almost = SHANGHAI.endOfDay("2026-09-20") - 1;
    expect(completeWeeks(SHANGHAI.startOfDay("2026-09-14"), almost, SHANGHAI)).toEqual([]);
    // from one millisecond after Monday 00:00: that week does not count
    const late = SHANGHAI.startOfDay("2026-09-14") + 1;
    expect(
      completeWeeks(late, SHANGHAI.endOfDay("2026-09-27"), SHANGHAI).map((w) => civilDate(w.monday)),
    ).toEqual(["2026-09-21"]);
  });

  it("a week across a DST change in a zone that has one is still Monday 00:00 to Sunday 24:00", () => {
    const ny = Zone.of("America/New_York");
    const [week] = completeWeeks(ny.startOfDay("2026-10-26"), ny.endOfDay("2026-11-01"), ny);
    expect(ny.format(week!.start)).toBe("2026-10-26T00:00:00.000-04:00");
    expect(ny.format(week!.end)).toBe("2026-11-01T23:59:59.999-05:00");
  });
});

describe("monthBefore", () => {
  const start = (asOf: string) => SHANGHAI.format(monthBefore(parseAsOf(asOf, SHANGHAI), SHANGHAI).start);

  it("clamps the day to the shorter month (RULES §1)", () => {
    expect(start("2026-07-31")).toBe("2026-06-30T23:59:59.999+08:00");
    expect(start("2024-03-31")).toBe("2024-02-29T23:59:59.999+08:00");
    expect(start("2026-03-31")).toBe("2026-02-28T23:59:59.999+08:00");
    expect(start("2026-03-30")).toBe("2026-02-28T23:59:59.999+08:00");
    expect(start("2026-01-15 10:00")).toBe("2025-12-15T10:00:00.000+08:00");
    expect(start("2026-09-30")).toBe("2026-08-30T23:59:59.999+08:00");
    expect(start("2026-04-30")).toBe("2026-03-30T23:59:59.999+08:00");
    expect(start("2024-02-29")).toBe("2024-01-29T23:59:59.999+08:00");
  });

  it("the span is (start, T]: 2026-07-31 covers July 1 … 31", () => {
    const asOf = parseAsOf("2026-07-31", SHANGHAI);
    const span = monthBefore(asOf, SHANGHAI);
    expect(span.end).toBe(asOf);
    expect(civilDate(SHANGHAI.dayOf(span.start + 1))).toBe("2026-07-01");
    expect(Math.round((span.end - span.start) / 86_400_000)).toBe(31);
  });

  it("agrees with date-fns subMonths in the zone", () => {
    const lo = Date.UTC(2000, 0, 1);
    const hi = Date.UTC(2040, 0, 1);
    for (const name of ["Asia/Shanghai", "America/New_York"]) {
      const zone = Zone.of(name);
      fc.assert(
        fc.property(fc.integer({ min: lo, max: hi }), (t) => {
          expect(monthBefore(t, zone).start).toBe(subMonths(new TZDate(t, name), 1).getTime());
        }),
      );
    }
  });
});

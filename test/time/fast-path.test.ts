import { TZDate } from "@date-fns/tz";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { daysFromCivil, parseDateTime } from "../../src/time/parse.js";
import { civilDate, dayNumber, Zone } from "../../src/time/zone.js";

/** The digit-by-digit reading of `YYYY-MM-DD HH:mm:ss` must give what the general path gives. */
describe("date-time fast path", () => {
  it("daysFromCivil is Date.UTC in days, for every day of 1900–2999", () => {
    for (let y = 1900; y <= 2999; y++) {
      for (let m = 1; m <= 12; m++) {
        for (const d of [1, 15, 28, 29, 30, 31]) {
          expect(daysFromCivil(y, m, d)).toBe(Date.UTC(y, m - 1, d) / 86_400_000);
        }
      }
    }
  });

  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  for (const zoneName of ["Asia/Shanghai", "America/New_York", "Europe/London", "UTC"]) {
    it(`YYYY-MM-DD HH:mm:ss reads as YYYY/MM/DD HH:mm:ss does, in ${zoneName}`, () => {
      const zone = Zone.of(zoneName);
      fc.assert(
        fc.property(
          fc.integer({ min: 1890, max: 3010 }),
          fc.integer({ min: 0, max: 13 }),
          fc.integer({ min: 0, max: 32 }),
          fc.integer({ min: 0, max: 23 }),
          fc.integer({ min: 0, max: 60 }),
          fc.integer({ min: 0, max: 60 }),
          fc.constantFrom(" ", "T"),
          (y, mo, d, h, mi, s, sep) => {
            const time = `${pad(h)}:${pad(mi)}:${pad(s)}`;
            const fast = parseDateTime(`${y}-${pad(mo)}-${pad(d)}${sep}${time}`, zone);
            const general = parseDateTime(`${y}/${pad(mo)}/${pad(d)} ${time}`, zone);
            expect(fast).toBe(general);
          },
        ),
        { numRuns: 3000 },
      );
    });
  }

  it("fromWallClock (cached per quarter hour) is toInstant minute by minute across offset changes", () => {
    const cases: [string, number, number, number][] = [
      ["America/New_York", 2026, 3, 8], // 02:00 → 03:00
      ["America/New_York", 2026, 11, 1], // 02:00 → 01:00
      ["Europe/London", 2026, 3, 29],
      ["Asia/Shanghai", 1991, 4, 14], // the last DST in China
      ["Asia/Kathmandu", 1986, 1, 1], // +05:30 → +05:45
      ["Asia/Shanghai", 1899, 12, 31], // local mean time: +08:05:43
    ];
    for (const [name, y, m, d] of cases) {
      const zone = Zone.of(name);
      const minutes = Array.from({ length: 3 * 24 * 60 }, (_, i) => Date.UTC(y, m - 1, d - 1) + i * 60_000);
      // Both directions: the cache is filled in a different order.
      for (const order of [minutes, [...minutes].reverse()]) {
        for (const wall of order) {
          const t = new Date(wall);
          const expected = zone.toInstant({
            year: t.getUTCFullYear(),
            month: t.getUTCMonth() + 1,
            day: t.getUTCDate(),
            hour: t.getUTCHours(),
            minute: t.getUTCMinutes(),
          });
          expect(zone.fromWallClock(wall)).toBe(expected);
        }
      }
    }
  });
});

describe("wall-clock times across offset changes", () => {
  /** Whether the wall clock in `name` shows y-m-d h:mi at the instant `t` (read by date-fns). */
  const shows = (t: number, name: string, y: number, m: number, d: number, h: number, mi: number) => {
    const w = new TZDate(t, name);
    return (
      w.getFullYear() === y &&
      w.getMonth() === m &&
      w.getDate() === d &&
      w.getHours() === h &&
      w.getMinutes() === mi
    );
  };
  /**
   * What a wall-clock time means ("compatible", as in Temporal and java.time): the instant that shows
   * it, the earlier one when a change back shows it twice, and when a change forward skips it, the time
   * moved forward by the gap (what TZDate's constructor gives; for a doubled time it may give the later).
   */
  const expectedInstant = (name: string, y: number, m: number, d: number, h: number, mi: number) => {
    const given = new TZDate(y, m, d, h, mi, name).getTime();
    if (!shows(given, name, y, m, d, h, mi)) return given;
    const earlier = [60, 30].map((min) => given - min * 60_000).find((t) => shows(t, name, y, m, d, h, mi));
    return earlier ?? given;
  };

  // Every quarter hour of a year in zones with DST (Santiago changes at midnight, Lord Howe by 30
  // minutes, London and Shanghai 1991 east of Greenwich, New York west of it).
  for (const [name, year] of [
    ["America/New_York", 2026],
    ["America/Santiago", 2026],
    ["Australia/Lord_Howe", 2026],
    ["Europe/London", 2026],
    ["Asia/Shanghai", 1991],
  ] as const) {
    it(`toInstant, startOfDay and fromWallClock in ${name} ${year}: gaps moved forward, doubled times the earlier`, () => {
      const zone = Zone.of(name);
      for (let day = Date.UTC(year, 0, 1); day < Date.UTC(year + 1, 0, 1); day += 86_400_000) {
        const date = new Date(day);
        const [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()];
        expect(zone.startOfDay(day / 86_400_000)).toBe(expectedInstant(name, y, m, d, 0, 0));
        for (let q = 0; q < 96; q++) {
          const [hour, minute] = [Math.floor(q / 4), (q % 4) * 15];
          const expected = expectedInstant(name, y, m, d, hour, minute);
          expect(zone.toInstant({ year: y, month: m + 1, day: d, hour, minute })).toBe(expected);
          expect(zone.fromWallClock(day + q * 900_000)).toBe(expected);
        }
      }
    });
  }
});

describe("civilDate", () => {
  it("gives the same date on every call (it is cached) and agrees with dayNumber", () => {
    for (const date of ["1900-02-28", "1970-01-01", "2024-02-29", "2026-10-08", "2099-12-31"]) {
      const day = dayNumber(date);
      expect(civilDate(day)).toBe(date);
      expect(civilDate(day)).toBe(date);
      expect(dayNumber(civilDate(day + 1))).toBe(day + 1);
    }
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { daysFromCivil, parseDateTime } from "../../src/time/parse.js";
import { civilDate, dayNumber, Zone } from "../../src/time/zone.js";
import { DAY, offsetChangeDays, wallClockMismatches, ZONES_WITH_CHANGES } from "./wall-clock.js";

/** The digit-by-digit reading of `YYYY-MM-DD HH:mm:ss` must give what the general path gives. */
describe("date-time fast path", () => {
  it("daysFromCivil is Date.UTC in days, for every day of 1900–2999", () => {
    // Mismatches collected, one assertion: 79,000 calls of expect were most of the test's time.
    const wrong: string[] = [];
    for (let y = 1900; y <= 2999; y++) {
      for (let m = 1; m <= 12; m++) {
        for (const d of [1, 15, 28, 29, 30, 31]) {
          const expected = Date.UTC(y, m - 1, d) / 86_400_000;
          if (daysFromCivil(y, m, d) !== expected)
            wrong.push(`${y}-${m}-${d}: ${daysFromCivil(y, m, d)} ≠ ${expected}`);
        }
      }
    }
    expect(wrong).toEqual([]);
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
    const wrong: string[] = [];
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
          const got = zone.fromWallClock(wall);
          if (got !== expected) wrong.push(`${name} ${t.toISOString()}: ${got} ≠ ${expected}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe("wall-clock times across offset changes", () => {
  // The days around each offset change of the year, every quarter hour (the whole year, every day, is
  // wall-clock.slow.test.ts).
  for (const [name, year] of ZONES_WITH_CHANGES) {
    it(`toInstant, startOfDay and fromWallClock in ${name} ${year} around its changes: gaps moved forward, doubled times the earlier`, () => {
      const changes = offsetChangeDays(name, year);
      // Not vacuous: each zone changes its offset twice that year.
      expect(changes).toHaveLength(2);
      const zone = Zone.of(name);
      const days = changes.flatMap((change) => [change - DAY, change, change + DAY]);
      expect(days.flatMap((day) => wallClockMismatches(zone, day))).toEqual([]);
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

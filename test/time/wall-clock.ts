import { TZDate } from "@date-fns/tz";
import type { Zone } from "../../src/time/zone.js";

export const DAY = 86_400_000;

// Zones with DST (Santiago changes at midnight, Lord Howe by 30 minutes, London and Shanghai 1991 east
// of Greenwich, New York west of it), each in a year with two changes.
export const ZONES_WITH_CHANGES = [
  ["America/New_York", 2026],
  ["America/Santiago", 2026],
  ["Australia/Lord_Howe", 2026],
  ["Europe/London", 2026],
  ["Asia/Shanghai", 1991],
] as const;

/** Whether the wall clock in `name` shows y-m-d h:mi at the instant `t` (read by date-fns). */
function shows(t: number, name: string, y: number, m: number, d: number, h: number, mi: number): boolean {
  const w = new TZDate(t, name);
  return (
    w.getFullYear() === y &&
    w.getMonth() === m &&
    w.getDate() === d &&
    w.getHours() === h &&
    w.getMinutes() === mi
  );
}

/**
 * What a wall-clock time means ("compatible", as in Temporal and java.time): the instant that shows
 * it, the earlier one when a change back shows it twice, and when a change forward skips it, the time
 * moved forward by the gap (what TZDate's constructor gives; for a doubled time it may give the later).
 */
function expectedInstant(name: string, y: number, m: number, d: number, h: number, mi: number): number {
  const given = new TZDate(y, m, d, h, mi, name).getTime();
  if (!shows(given, name, y, m, d, h, mi)) return given;
  const earlier = [60, 30].map((min) => given - min * 60_000).find((t) => shows(t, name, y, m, d, h, mi));
  return earlier ?? given;
}

/**
 * Where the wall-clock day `day` (UTC midnight of its date) in `zone` differs from date-fns, every
 * quarter hour: startOfDay, toInstant and fromWallClock. Collected, for one assertion per test: an
 * expect per value was most of the time.
 */
export function wallClockMismatches(zone: Zone, day: number): string[] {
  const { name } = zone;
  const date = new Date(day);
  const [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()];
  const wrong: string[] = [];
  const check = (what: string, got: number, expected: number) => {
    if (got !== expected)
      wrong.push(`${name} ${date.toISOString().slice(0, 10)} ${what}: ${got} ≠ ${expected}`);
  };
  check("startOfDay", zone.startOfDay(day / DAY), expectedInstant(name, y, m, d, 0, 0));
  for (let q = 0; q < 96; q++) {
    const [hour, minute] = [Math.floor(q / 4), (q % 4) * 15];
    const expected = expectedInstant(name, y, m, d, hour, minute);
    check(
      `toInstant ${hour}:${minute}`,
      zone.toInstant({ year: y, month: m + 1, day: d, hour, minute }),
      expected,
    );
    check(`fromWallClock ${hour}:${minute}`, zone.fromWallClock(day + q * 900_000), expected);
  }
  return wrong;
}

/** The days of `year` (UTC midnight of each date) in whose 24 hours `name`'s offset changes (by date-fns). */
export function offsetChangeDays(name: string, year: number): number[] {
  const offset = (t: number) => new TZDate(t, name).getTimezoneOffset();
  const days: number[] = [];
  for (let day = Date.UTC(year, 0, 1); day < Date.UTC(year + 1, 0, 1); day += DAY) {
    if (offset(day) !== offset(day + DAY)) days.push(day);
  }
  return days;
}

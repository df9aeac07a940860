import { tzOffset } from "@date-fns/tz";
import { GmauditError } from "../errors.js";
import { message } from "../i18n.js";

export const DAY_MS = 86_400_000;
const BUCKET_MS = 15 * 60_000; // zone offsets only change on quarter-hour boundaries
const CACHE_SLOTS = 1 << 16;

/** A calendar date written `YYYY-MM-DD`: a day in the audit zone, independent of any machine zone. */
export type CivilDate = string;

export interface CivilDateTime {
  year: number;
  month: number; // 1–12
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

/** Days since 1970-01-01 of a civil date (pure calendar arithmetic, no zone). */
export function dayNumberOf(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

/** `YYYY-MM-DD` → day number. Assumes a well-formed date. */
export function dayNumber(date: CivilDate): number {
  return dayNumberOf(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)));
}

const civilDates = new Map<number, CivilDate>();

/** Day number → `YYYY-MM-DD` (cached: rules and outputs write the same few hundred days again and again). */
export function civilDate(dayNum: number): CivilDate {
  let date = civilDates.get(dayNum);
  if (date === undefined) {
    date = new Date(dayNum * DAY_MS).toISOString().slice(0, 10);
    if (civilDates.size >= 65_536) civilDates.clear();
    civilDates.set(dayNum, date);
  }
  return date;
}

/** ISO weekday of a day number: 1 = Monday … 7 = Sunday. */
export function isoWeekday(dayNum: number): number {
  // 1970-01-01 was a Thursday (4).
  return ((((dayNum + 3) % 7) + 7) % 7) + 1;
}

/**
 * An IANA time zone. All wall-clock ↔ instant conversions go through here, so no code depends on the
 * machine's own zone (`TZ`). Offsets are cached per quarter hour: a fixed-offset zone such as
 * Asia/Shanghai costs one Map lookup per conversion.
 */
export class Zone {
  private readonly offsets = new Map<number, number>();
  /**
   * A direct-mapped cache in front of `offsets`: slot = bucket mod CACHE_SLOTS. Reading posts calls
   * this a few times per row, and most rows fall in buckets seen just before.
   */
  private readonly cachedBuckets = new Float64Array(CACHE_SLOTS).fill(Number.NaN);
  // Float: offsets before 1901 (local mean time) are not whole minutes.
  private readonly cachedOffsets = new Float64Array(CACHE_SLOTS);
  /** fromWallClock's offsets by quarter hour of wall-clock time, direct-mapped the same way. */
  private readonly wallBuckets = new Float64Array(CACHE_SLOTS).fill(Number.NaN);
  private readonly wallOffsets = new Float64Array(CACHE_SLOTS);

  private constructor(readonly name: string) {}

  /** One instance per name (and so one cache of offsets). */
  private static readonly known = new Map<string, Zone>();

  static of(name: string): Zone {
    const known = Zone.known.get(name);
    if (known !== undefined) return known;
    try {
      new Intl.DateTimeFormat("en-US", { timeZone: name });
    } catch {
      throw new GmauditError(
        message(
          "usage.time-zone",
          `未知时区“${name}”（请用 IANA 时区名，如 Asia/Shanghai）`,
          `unknown time zone "${name}" (use an IANA name such as Asia/Shanghai)`,
        ),
      );
    }
    const zone = new Zone(name);
    Zone.known.set(name, zone);
    return zone;
  }

  /** Offset from UTC in minutes at the instant `ms`. */
  offsetMinutes(ms: number): number {
    const bucket = Math.floor(ms / BUCKET_MS);
    const slot = bucket & (CACHE_SLOTS - 1);
    if (this.cachedBuckets[slot] === bucket) return this.cachedOffsets[slot]!;
    let offset = this.offsets.get(bucket);
    if (offset === undefined) {
      offset = tzOffset(this.name, new Date(bucket * BUCKET_MS));
      this.offsets.set(bucket, offset);
    }
    this.cachedBuckets[slot] = bucket;
    this.cachedOffsets[slot] = offset;
    return offset;
  }

  /**
   * The instant at which the wall clock shows `wall` (the wall-clock time written as if it were UTC):
   * `wall − offset(wall − offset(wall))`, moved past a gap (see `offsetAtWall`). Cached per quarter hour of wall-clock time: within one, the
   * first offset is one value (offsets change on quarter hours), and when it is a whole number of
   * quarter hours, `wall − offset` stays within one quarter hour too, so the second is one value as well.
   */
  fromWallClock(wall: number): number {
    const bucket = Math.floor(wall / BUCKET_MS);
    const slot = bucket & (CACHE_SLOTS - 1);
    if (this.wallBuckets[slot] === bucket) return wall - this.wallOffsets[slot]! * 60_000;
    const first = this.offsetMinutes(wall);
    const offset = this.offsetAtWall(wall);
    if (first % 15 === 0) {
      this.wallBuckets[slot] = bucket;
      this.wallOffsets[slot] = offset;
    }
    return wall - offset * 60_000;
  }

  /**
   * The offset (minutes) at which the wall clock shows `wall`. Where a change forward skips `wall`
   * (02:30 on the night clocks go from 02:00 to 03:00), `wall` is moved forward by the gap; where a
   * change back shows `wall` twice, the earlier instant is taken — as date-fns' TZDate, java.time and
   * Temporal ("compatible") do. The offsets a day either side bracket the change (zones change at most
   * once in two days).
   */
  private offsetAtWall(wall: number): number {
    const before = this.offsetMinutes(wall - DAY_MS);
    const after = this.offsetMinutes(wall + DAY_MS);
    if (before === after) return before;
    const beforeFits = this.offsetMinutes(wall - before * 60_000) === before;
    const afterFits = this.offsetMinutes(wall - after * 60_000) === after;
    if (beforeFits && afterFits) return Math.max(before, after); // shown twice: the earlier instant
    if (afterFits) return after;
    return before; // also a gap: read with the offset before the change, i.e. moved forward by it
  }

  /** The instant at which the wall clock in this zone shows the given time. */
  toInstant(t: Partial<CivilDateTime> & { year: number; month: number; day: number }): number {
    const wall = Date.UTC(
      t.year,
      t.month - 1,
      t.day,
      t.hour ?? 0,
      t.minute ?? 0,
      t.second ?? 0,
      t.millisecond ?? 0,
    );
    return wall - this.offsetAtWall(wall) * 60_000;
  }

  /** 00:00 of a civil date in this zone. */
  startOfDay(date: CivilDate | number): number {
    const d = typeof date === "number" ? date : dayNumber(date);
    return d * DAY_MS - this.offsetAtWall(d * DAY_MS) * 60_000;
  }

  /** 23:59:59.999 of a civil date in this zone (the end of that day). */
  endOfDay(date: CivilDate | number): number {
    const d = typeof date === "number" ? date : dayNumber(date);
    return this.startOfDay(d + 1) - 1;
  }

  /** Day number (days since 1970-01-01) of the civil day on which the instant falls in this zone. */
  dayOf(ms: number): number {
    return Math.floor((ms + this.offsetMinutes(ms) * 60_000) / DAY_MS);
  }

  /** The civil date of an instant in this zone. */
  dateOf(ms: number): CivilDate {
    return civilDate(this.dayOf(ms));
  }

  /** Wall-clock fields of an instant in this zone. */
  fields(ms: number): CivilDateTime {
    const d = new Date(ms + this.offsetMinutes(ms) * 60_000);
    return {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      hour: d.getUTCHours(),
      minute: d.getUTCMinutes(),
      second: d.getUTCSeconds(),
      millisecond: d.getUTCMilliseconds(),
    };
  }

  /**
   * ISO 8601 with milliseconds and this zone's offset: `2026-09-30T23:59:59.999+08:00`. Joined into one
   * flat string: the results keep these (evidence of every late reply), and a string built with `+`
   * or a template is a rope of a node per piece, several times the size.
   */
  format(ms: number): string {
    const offset = this.offsetMinutes(ms);
    const wall = new Date(ms + offset * 60_000).toISOString().slice(0, 23);
    const sign = offset < 0 ? "-" : "+";
    const abs = Math.abs(offset);
    const hh = String(Math.floor(abs / 60)).padStart(2, "0");
    const mm = String(abs % 60).padStart(2, "0");
    return [wall, sign, hh, ":", mm].join("");
  }

  /** `2026-09-30 14:05` — for tables and messages (one flat string, as `format`). */
  formatShort(ms: number): string {
    const iso = new Date(ms + this.offsetMinutes(ms) * 60_000).toISOString();
    return [iso.slice(0, 10), iso.slice(11, 16)].join(" ");
  }
}

export const DEFAULT_TZ = "Asia/Shanghai";

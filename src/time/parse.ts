import { type CivilDate, civilDate, dayNumberOf, type Zone } from "./zone.js";

/**
 * Parsing of the date and date-time forms of PRODUCT §1.6. Every function returns `undefined` for text
 * it does not accept (the caller reports it with its file and line); none throws.
 */

const DATE_RE = /^(\d{4})(?:[-/.](\d{1,2})[-/.](\d{1,2})|年(\d{1,2})月(\d{1,2})日?)$/;
const COMPACT_DATE_RE = /^(\d{4})(\d{2})(\d{2})$/;
// date, then optional time: `T` or spaces (none needed after 日), HH:mm[:ss[.fff]] or 14时05分[30秒],
// optional zone (Z, +08:00, +0800, +08)
const DATETIME_RE =
  /^(\d{4})(?:[-/.](\d{1,2})[-/.](\d{1,2})|年(\d{1,2})月(\d{1,2})日?)(?:(?:T|\s+|(?<=日))(\d{1,2})(?::|时)(\d{2})(?:(?::|分)(\d{2})(?:秒)?(?:[.,](\d{1,9}))?|分)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function validYmd(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1 || y < 1900 || y > 2999) return false;
  if (d <= DAYS_IN_MONTH[m - 1]!) return true;
  return m === 2 && d === 29 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
}

/** `2026-09-30`, `2026/9/30`, `2026.09.30`, `2026年9月30日`, `20260930` → `2026-09-30`. */
export function parseCivilDate(text: string): CivilDate | undefined {
  const s = text.trim();
  let y: number;
  let m: number;
  let d: number;
  const compact = COMPACT_DATE_RE.exec(s);
  if (compact) {
    y = Number(compact[1]);
    m = Number(compact[2]);
    d = Number(compact[3]);
  } else {
    const match = DATE_RE.exec(s);
    if (!match) return undefined;
    y = Number(match[1]);
    m = Number(match[2] ?? match[4]);
    d = Number(match[3] ?? match[5]);
  }
  if (!validYmd(y, m, d)) return undefined;
  return civilDate(dayNumberOf(y, m, d));
}

function parseOffset(zone: string): number {
  if (zone === "Z" || zone === "z") return 0;
  const sign = zone.startsWith("-") ? -1 : 1;
  const digits = zone.slice(1).replace(":", "");
  const hh = Number(digits.slice(0, 2));
  const mm = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
  return sign * (hh * 60 + mm);
}

/**
 * 上午/下午 (a.m./p.m.) before or after the time, as Chinese exports write it: `2026-10-8 9:30 上午`,
 * `2026年9月21日下午2点`, `2026/9/21 下午 2:05`. Rewritten to a 24-hour time before the usual parse.
 */
const MERIDIEM_RE =
  /^(\d{4}(?:[-/.]\d{1,2}[-/.]\d{1,2}|年\d{1,2}月\d{1,2}日?))\s*(?:(上午|下午|中午|晚上)\s*(\d{1,2})(?:[:：点时](\d{1,2})?分?)?|(\d{1,2})(?:[:：点时](\d{1,2})?分?)?\s*(上午|下午|中午|晚上))$/;

function meridiemTime(s: string): string | undefined {
  const m = MERIDIEM_RE.exec(s);
  if (!m) return undefined;
  const word = m[2] ?? m[7]!;
  let hour = Number(m[3] ?? m[5]);
  const minute = Number(m[4] ?? m[6] ?? 0);
  if (hour < 1 || hour > 12 || minute > 59) return undefined;
  // 下午/晚上 2 = 14; 中午 12 = 12; 上午 12 = 0.
  if ((word === "下午" || word === "晚上") && hour < 12) hour += 12;
  else if (word === "上午" && hour === 12) hour = 0;
  const date = m[1]!.replace(/[年月]/g, "-").replace(/日$/, "");
  return `${date} ${hour}:${String(minute).padStart(2, "0")}`;
}

/** Unix time: 10 digits = seconds, 13 digits = milliseconds. */
const UNIX_RE = /^(\d{10}|\d{13})$/;

/** Two ASCII digits at `at` as a number, or -1. */
function twoDigits(s: string, at: number): number {
  const a = s.charCodeAt(at) - 48;
  const b = s.charCodeAt(at + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * The common export shape `YYYY-MM-DD HH:mm:ss` (or with `T`) read digit by digit, without a regular
 * expression or a Date: epoch ms, `undefined` when invalid, or NaN when the text has another shape.
 */
function fastDateTime(s: string, zone: Zone): number | undefined {
  if (s.length !== 19) return Number.NaN;
  const sep = s.charCodeAt(10);
  if (
    s.charCodeAt(4) !== 45 ||
    s.charCodeAt(7) !== 45 ||
    (sep !== 32 && sep !== 84) ||
    s.charCodeAt(13) !== 58 ||
    s.charCodeAt(16) !== 58
  ) {
    return Number.NaN;
  }
  const century = twoDigits(s, 0);
  const yy = twoDigits(s, 2);
  const mo = twoDigits(s, 5);
  const d = twoDigits(s, 8);
  const h = twoDigits(s, 11);
  const mi = twoDigits(s, 14);
  const sec = twoDigits(s, 17);
  if (century < 0 || yy < 0 || mo < 0 || d < 0 || h < 0 || mi < 0 || sec < 0) return Number.NaN;
  const y = century * 100 + yy;
  if (!validYmd(y, mo, d) || h > 23 || mi > 59 || sec > 59) return undefined;
  return zone.fromWallClock(daysFromCivil(y, mo, d) * 86_400_000 + h * 3_600_000 + mi * 60_000 + sec * 1000);
}

/**
 * Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil): what
 * `Date.UTC(y, m - 1, d) / 86 400 000` gives, in integer arithmetic.
 */
export function daysFromCivil(y: number, m: number, d: number): number {
  const year = m <= 2 ? y - 1 : y;
  const era = Math.floor(year / 400);
  const yearOfEra = year - era * 400;
  const dayOfYear = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/**
 * A date-time in any accepted form → epoch milliseconds. Times without an offset are wall-clock
 * times in `zone`; a bare date means 00:00 of that day.
 */
export function parseDateTime(text: string, zone: Zone): number | undefined {
  const quick = fastDateTime(text, zone);
  if (!Number.isNaN(quick)) return quick;
  const s = text.trim();
  if (s !== text) {
    const trimmed = fastDateTime(s, zone);
    if (!Number.isNaN(trimmed)) return trimmed;
  }
  if (UNIX_RE.test(s)) return s.length === 10 ? Number(s) * 1000 : Number(s);
  if (COMPACT_DATE_RE.test(s)) {
    const date = parseCivilDate(s);
    return date === undefined ? undefined : zone.startOfDay(date);
  }
  const m = DATETIME_RE.exec(s);
  if (!m) {
    const rewritten = meridiemTime(s);
    return rewritten === undefined ? undefined : parseDateTime(rewritten, zone);
  }
  const y = Number(m[1]);
  const mo = Number(m[2] ?? m[4]);
  const d = Number(m[3] ?? m[5]);
  if (!validYmd(y, mo, d)) return undefined;
  const h = m[6] === undefined ? 0 : Number(m[6]);
  const mi = m[7] === undefined ? 0 : Number(m[7]);
  const sec = m[8] === undefined ? 0 : Number(m[8]);
  const ms = m[9] === undefined ? 0 : Math.floor(Number(`0.${m[9]}`) * 1000 + 1e-6);
  if (h > 24 || mi > 59 || sec > 59 || (h === 24 && (mi > 0 || sec > 0 || ms > 0))) return undefined;
  if (m[10] !== undefined) {
    const offset = parseOffset(m[10]);
    if (Math.abs(offset) > 14 * 60) return undefined;
    return Date.UTC(y, mo - 1, d, h, mi, sec, ms) - offset * 60_000;
  }
  // 24:00 is the end of the day = 00:00 of the next one.
  return zone.toInstant({ year: y, month: mo, day: d, hour: h, minute: mi, second: sec, millisecond: ms });
}

/** True when the text is a bare date (no time part): `--as-of 2026-09-30` then means the end of that day. */
export function isBareDate(text: string): boolean {
  const s = text.trim();
  return parseCivilDate(s) !== undefined;
}

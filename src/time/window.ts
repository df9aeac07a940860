import { UsageError } from "../errors.js";
import { message } from "../i18n.js";
import { parseCivilDate, parseDateTime } from "./parse.js";
import { dayNumberOf, isoWeekday, type Zone } from "./zone.js";

/** A natural week (RULES §1): Monday 00:00 to Sunday 24:00 in the audit zone. */
export interface Week {
  /** Day number of the Monday. */
  monday: number;
  /** Monday 00:00. */
  start: number;
  /** Sunday 23:59:59.999 (inclusive). */
  end: number;
}

/** The audit window W = [from, T] (RULES §1), with the natural weeks complete in it. */
export interface AuditWindow {
  zone: Zone;
  /** Start of W (inclusive), epoch ms. */
  from: number;
  /** T, the monitoring time point (监测时间点), epoch ms (inclusive). */
  asOf: number;
  fromDay: number;
  asOfDay: number;
  /** Complete natural weeks in W, oldest first. */
  weeks: Week[];
  /** The `--period` it came from, canonical (`2026Q3`, `2026-09`, `2026`, `2026W38`). */
  label?: string;
}

/** PRODUCT §2.1: without --period/--from the window is the 28 calendar days ending with as-of's day. */
const DEFAULT_WINDOW_DAYS = 28;

export function resolveWindow(o: {
  zone: Zone;
  now: number;
  asOf?: string | undefined;
  period?: string | undefined;
  from?: string | undefined;
}): AuditWindow {
  const { zone } = o;
  if (o.period !== undefined && o.asOf !== undefined) {
    throw new UsageError(
      message(
        "usage.period-as-of",
        "--period 与 --as-of 不能同时使用：期间的最后时刻就是监测时间点",
        "--period and --as-of cannot be used together: the period ends at its own as-of",
      ),
    );
  }
  if (o.period !== undefined && o.from !== undefined) {
    throw new UsageError(
      message(
        "usage.period-from",
        "--period 与 --from 不能同时使用：期间有自己的起始日",
        "--period and --from cannot be used together: the period starts at its own from",
      ),
    );
  }
  let from: number;
  let asOf: number;
  let label: string | undefined;
  if (o.period !== undefined) {
    const period = parsePeriod(o.period);
    from = zone.startOfDay(period.firstDay);
    asOf = zone.endOfDay(period.lastDay);
    label = period.label;
  } else {
    asOf = o.asOf === undefined ? o.now : parseAsOf(o.asOf, zone);
    if (o.from !== undefined) {
      const date = parseCivilDate(o.from);
      if (date === undefined) {
        throw new UsageError(
          message(
            "usage.from",
            `--from：“${o.from}”不是日期（例如 2026-07-01）`,
            `--from: "${o.from}" is not a date (e.g. 2026-07-01)`,
          ),
        );
      }
      from = zone.startOfDay(date);
    } else {
      from = zone.startOfDay(zone.dayOf(asOf) - (DEFAULT_WINDOW_DAYS - 1));
    }
  }
  if (!Number.isFinite(asOf)) {
    throw new UsageError(
      message("usage.as-of-instant", "监测时间点不是有效的时刻", "the as-of time is not a valid instant"),
    );
  }
  if (from > asOf) {
    throw new UsageError(
      message(
        "usage.from-after-as-of",
        `--from ${zone.format(from)} 晚于监测时间点 ${zone.format(asOf)}`,
        `--from ${zone.format(from)} is after the as-of time ${zone.format(asOf)}`,
      ),
    );
  }
  return {
    zone,
    from,
    asOf,
    fromDay: zone.dayOf(from),
    asOfDay: zone.dayOf(asOf),
    weeks: completeWeeks(from, asOf, zone),
    ...(label === undefined ? {} : { label }),
  };
}

/** `--as-of`: a bare date means the end of that day (23:59:59.999) in the zone (PRODUCT §2.1). */
export function parseAsOf(text: string, zone: Zone): number {
  const date = parseCivilDate(text);
  if (date !== undefined) return zone.endOfDay(date);
  const ms = parseDateTime(text, zone);
  if (ms === undefined) {
    throw new UsageError(
      message(
        "usage.as-of",
        `--as-of：“${text}”不是日期或日期时间（例如 2026-09-30 或 "2026-09-30 18:00"）`,
        `--as-of: "${text}" is not a date or date-time (e.g. 2026-09-30 or "2026-09-30 18:00")`,
      ),
    );
  }
  return ms;
}

const YEAR_RE = /^(\d{4})$/;
const QUARTER_RE = /^(\d{4})-?Q([1-4])$/i;
const MONTH_RE = /^(\d{4})(?:[-/.](\d{1,2})|年(\d{1,2})月)$/;
const WEEK_RE = /^(\d{4})-?W(\d{1,2})$/i;

/** Day number of the Monday of ISO week 1: the week with the year's first Thursday (contains Jan 4). */
function isoWeekOneMonday(year: number): number {
  const jan4 = dayNumberOf(year, 1, 4);
  return jan4 - (isoWeekday(jan4) - 1);
}

/** 52 or 53. */
export function isoWeeksInYear(year: number): number {
  return (isoWeekOneMonday(year + 1) - isoWeekOneMonday(year)) / 7;
}

/** `--period`: `2026Q3`, `2026-09`, `2026`, `2026W38` (ISO week) → its first and last day. */
export function parsePeriod(text: string): { firstDay: number; lastDay: number; label: string } {
  const s = text.trim();
  const bad = (why = { zh: "", en: "" }) =>
    new UsageError(
      message(
        "usage.period",
        `--period：“${text}”不是有效的期间${why.zh}（可用 2026Q3、2026-09、2026 或 2026W38）`,
        `--period: "${text}" is not a period${why.en} (use 2026Q3, 2026-09, 2026 or 2026W38)`,
      ),
    );
  const checkYear = (y: number) => {
    if (y < 1900 || y > 2999)
      throw bad({ zh: "：年份须在 1900–2999 之间", en: ": the year must be 1900–2999" });
    return y;
  };
  let m = YEAR_RE.exec(s);
  if (m) {
    const y = checkYear(Number(m[1]));
    return { firstDay: dayNumberOf(y, 1, 1), lastDay: dayNumberOf(y, 12, 31), label: String(y) };
  }
  m = QUARTER_RE.exec(s);
  if (m) {
    const y = checkYear(Number(m[1]));
    const q = Number(m[2]);
    return {
      firstDay: dayNumberOf(y, q * 3 - 2, 1),
      lastDay: dayNumberOf(y, q * 3 + 1, 1) - 1,
      label: `${y}Q${q}`,
    };
  }
  m = MONTH_RE.exec(s);
  if (m) {
    const y = checkYear(Number(m[1]));
    const month = Number(m[2] ?? m[3]);
    if (month < 1 || month > 12) throw bad({ zh: "：月份须为 01–12", en: ": the month must be 01–12" });
    return {
      firstDay: dayNumberOf(y, month, 1),
      lastDay: dayNumberOf(y, month + 1, 1) - 1,
      label: `${y}-${String(month).padStart(2, "0")}`,
    };
  }
  m = WEEK_RE.exec(s);
  if (m) {
    const y = checkYear(Number(m[1]));
    const w = Number(m[2]);
    const weeks = isoWeeksInYear(y);
    if (w < 1 || w > weeks)
      throw bad({ zh: `：${y} 年的 ISO 周为 01–${weeks}`, en: `: ${y} has ISO weeks 01–${weeks}` });
    const monday = isoWeekOneMonday(y) + (w - 1) * 7;
    return { firstDay: monday, lastDay: monday + 6, label: `${y}W${String(w).padStart(2, "0")}` };
  }
  throw bad();
}

/** RULES §1: a natural week is complete in W when its Monday 00:00 ≥ from and its Sunday ends ≤ T. */
export function completeWeeks(from: number, asOf: number, zone: Zone): Week[] {
  let day = zone.dayOf(from);
  if (zone.startOfDay(day) < from) day++;
  day += (8 - isoWeekday(day)) % 7;
  const weeks: Week[] = [];
  for (let monday = day; ; monday += 7) {
    const end = zone.endOfDay(monday + 6);
    if (end > asOf) break;
    weeks.push({ monday, start: zone.startOfDay(monday), end });
  }
  return weeks;
}

/**
 * RULES §1 (WeChat service accounts): the span (T − 1 month, T]. `start` is exclusive: the same wall
 * time one month earlier, the day clamped to the shorter month (07-31 → 06-30, 03-31 → 02-28/29).
 */
export function monthBefore(asOf: number, zone: Zone): { start: number; end: number } {
  const t = zone.fields(asOf);
  const year = t.month === 1 ? t.year - 1 : t.year;
  const month = t.month === 1 ? 12 : t.month - 1;
  const daysInMonth = dayNumberOf(t.year, t.month, 1) - dayNumberOf(year, month, 1);
  const start = zone.toInstant({ ...t, year, month, day: Math.min(t.day, daysInMonth) });
  return { start, end: asOf };
}

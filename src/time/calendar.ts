import { readFile } from "node:fs/promises";
// A static import (not a read at run time), so `npm run bundle` carries the holiday data inside.
import chineseDays from "chinese-days/dist/chinese-days.json" with { type: "json" };
import { parse as parseCsv } from "csv-parse/sync";
import { GmauditError } from "../errors.js";
import { message } from "../i18n.js";
import { parseCivilDate } from "./parse.js";
import { type CivilDate, civilDate, DAY_MS, dayNumber, dayNumberOf, isoWeekday } from "./zone.js";

export type DayReason = "weekday" | "weekend" | "holiday" | "makeup-workday";

export interface HolidayName {
  zh: string;
  en: string;
}

export interface DayInfo {
  date: CivilDate;
  workingDay: boolean;
  reason: DayReason;
  /** The festival: the one the day is a rest day for, or the one a make-up working day (调休) belongs to. */
  holiday?: HolidayName;
}

export interface CalendarOverride {
  date: CivilDate;
  type: "holiday" | "workday";
  name?: string;
  /**
   * The year whose data set this entry belongs to (holiday-cn's `year`): that year becomes covered.
   * Defaults to the entry's own year. A holiday-cn file for 2012 lists the make-up Saturday
   * 2011-12-31; that entry applies, but it does not make all of 2011 "covered".
   */
  coversYear?: number;
}

// Day codes. 0 = no data for the day (its year is not covered): the slow path decides and warns.
const WEEKDAY = 1;
const WEEKEND = 2;
const HOLIDAY = 3;
const MAKEUP = 4;
const REASONS: Record<number, DayReason> = {
  [WEEKDAY]: "weekday",
  [WEEKEND]: "weekend",
  [HOLIDAY]: "holiday",
  [MAKEUP]: "makeup-workday",
};

interface Entry {
  code: typeof HOLIDAY | typeof MAKEUP;
  name?: HolidayName;
}

interface BuiltInData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

let builtInCache: { entries: Map<number, Entry>; years: number[]; enOf: Map<string, string> } | undefined;

/** The data of the `chinese-days` package (values are `"National Day,国庆节,3"`). Indexed once per process. */
function builtInData(): NonNullable<typeof builtInCache> {
  if (builtInCache) return builtInCache;
  const data: BuiltInData = chineseDays;
  const entries = new Map<number, Entry>();
  const years = new Set<number>();
  const enOf = new Map<string, string>();
  const add = (table: Record<string, string>, code: Entry["code"]) => {
    for (const [date, value] of Object.entries(table)) {
      const [en = "", zh = ""] = value.split(",");
      const name = zh || en ? { zh: zh || en, en: en || zh } : undefined;
      if (name) enOf.set(name.zh, name.en);
      entries.set(dayNumber(date), name ? { code, name } : { code });
      years.add(Number(date.slice(0, 4)));
    }
  };
  add(data.holidays, HOLIDAY);
  add(data.workdays, MAKEUP);
  builtInCache = { entries, years: [...years].sort((a, b) => a - b), enOf };
  return builtInCache;
}

function yearOf(day: number): number {
  return new Date(day * DAY_MS).getUTCFullYear();
}

const THIN_YEAR_ROWS = 10;

/** A warning in both languages (the outputs pick `--lang`). */
export interface CalendarWarning {
  zh: string;
  en: string;
}

function thinYearWarning(year: number, rows: number): CalendarWarning {
  return {
    zh: `日历文件只给出此前未覆盖的${year}年中的${rows}天：${year}年其余日期按普通工作日和周末计算（请提供${year}年的完整放假调休安排）`,
    en: `the calendar file gives ${rows} day(s) of ${year}, not yet covered: every other day of ${year} is a plain weekday or weekend (give the whole schedule of ${year})`,
  };
}

function uncoveredWarning(year: number): CalendarWarning {
  return {
    zh: `日历未覆盖${year}年：按普通周末计算（可用 --calendar 提供节假日数据）`,
    en: `the calendar does not cover ${year}: plain weekends used (give holiday data with --calendar)`,
  };
}

/**
 * The Chinese working-day calendar (RULES §1 "Working day"): weekends and statutory holidays are rest
 * days; make-up working days (调休) are working days even on a Saturday or Sunday. Days are day numbers
 * (see zone.ts). Covered years are answered from one Uint8Array; a day in a year nobody gave data for
 * falls back to plain weekends and records a warning once per year (or throws when strict), so an
 * uncovered year never passes silently.
 */
export class WorkCalendar {
  readonly coveredYears: readonly number[];
  private readonly codes: Uint8Array;
  private readonly base: number;
  /** cumulative[i] = working days among codes[0 … i−1]; valid for ranges without uncovered days. */
  private readonly cumulative: Int32Array;
  /** uncovered[i] = days with code 0 among codes[0 … i−1]. */
  private readonly uncovered: Int32Array;
  private readonly warnedYears = new Set<number>();
  private readonly warningList: CalendarWarning[] = [];

  private constructor(
    private readonly entries: Map<number, Entry>,
    years: Iterable<number>,
    private readonly strict: boolean,
    private readonly enOf: Map<string, string>,
  ) {
    const covered = [...new Set(years)].sort((a, b) => a - b);
    this.coveredYears = covered;
    let first = covered.length ? dayNumberOf(covered[0]!, 1, 1) : Number.POSITIVE_INFINITY;
    let last = covered.length ? dayNumberOf(covered[covered.length - 1]!, 12, 31) : Number.NEGATIVE_INFINITY;
    for (const day of entries.keys()) {
      first = Math.min(first, day);
      last = Math.max(last, day);
    }
    const length = last >= first ? last - first + 1 : 0;
    this.base = length ? first : 0;
    this.codes = new Uint8Array(length);
    const coveredSet = new Set(covered);
    let isCovered = false;
    let yearEnd = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < length; i++) {
      const day = first + i;
      if (day > yearEnd) {
        const year = yearOf(day);
        isCovered = coveredSet.has(year);
        yearEnd = dayNumberOf(year, 12, 31);
      }
      const entry = entries.get(day);
      if (entry) this.codes[i] = entry.code;
      else if (isCovered) this.codes[i] = isoWeekday(day) >= 6 ? WEEKEND : WEEKDAY;
    }
    this.cumulative = new Int32Array(length + 1);
    this.uncovered = new Int32Array(length + 1);
    for (let i = 0; i < length; i++) {
      const code = this.codes[i]!;
      this.cumulative[i + 1] = this.cumulative[i]! + (code === WEEKDAY || code === MAKEUP ? 1 : 0);
      this.uncovered[i + 1] = this.uncovered[i]! + (code === 0 ? 1 : 0);
    }
  }

  /** The calendar of the `chinese-days` package (2004 onward). `strict`: `--strict-calendar`. */
  static builtIn(options: { strict?: boolean } = {}): WorkCalendar {
    const data = builtInData();
    return new WorkCalendar(data.entries, data.years, options.strict ?? false, data.enOf);
  }

  /**
   * A new calendar with `entries` (from `--calendar`) merged over this one: an entry beats the
   * built-in day. Each entry's year (or its `coversYear`) becomes covered.
   */
  withOverrides(overrides: readonly CalendarOverride[]): WorkCalendar {
    const entries = new Map(this.entries);
    const years = new Set(this.coveredYears);
    // Days given for a year not covered before, by rows that do not declare a whole year (CSV).
    const rowsOfNewYears = new Map<number, number>();
    for (const o of overrides) {
      const day = dayNumber(o.date);
      const code = o.type === "holiday" ? HOLIDAY : MAKEUP;
      const previous = entries.get(day);
      // A bare "holiday"/"workday" row that agrees with the built-in day keeps the built-in name.
      const name = o.name
        ? { zh: o.name, en: this.enOf.get(o.name) ?? o.name }
        : previous?.code === code
          ? previous.name
          : undefined;
      entries.set(day, name ? { code, name } : { code });
      const year = o.coversYear ?? Number(o.date.slice(0, 4));
      if (o.coversYear === undefined && !this.coveredYears.includes(year)) {
        rowsOfNewYears.set(year, (rowsOfNewYears.get(year) ?? 0) + 1);
      }
      years.add(year);
    }
    const calendar = new WorkCalendar(entries, years, this.strict, this.enOf);
    // A year's State Council schedule has some 20–35 days off on weekdays and make-up days: a handful of
    // rows is more likely a few days than the whole year, and the rest of the year would silently be
    // plain weekdays and weekends (RULES §1: never silently).
    for (const [year, rows] of rowsOfNewYears) {
      if (rows < THIN_YEAR_ROWS) calendar.warningList.push(thinYearWarning(year, rows));
    }
    return calendar;
  }

  /**
   * Warnings about uncovered years this calendar has been asked about (once per year), and about thin
   * years a calendar file gave.
   */
  get warnings(): readonly CalendarWarning[] {
    return this.warningList;
  }

  isWorkingDay(day: number): boolean {
    const code = this.code(day);
    return code === WEEKDAY || code === MAKEUP;
  }

  isRestDay(day: number): boolean {
    return !this.isWorkingDay(day);
  }

  dayInfo(day: number): DayInfo {
    const code = this.code(day);
    const info: DayInfo = {
      date: civilDate(day),
      workingDay: code === WEEKDAY || code === MAKEUP,
      reason: REASONS[code]!,
    };
    const name = this.entries.get(day)?.name;
    if (name && (code === HOLIDAY || code === MAKEUP)) info.holiday = { ...name };
    return info;
  }

  /**
   * RULES §1 "N working days after D": the n-th working day strictly after `day` (the day of the
   * event itself is not counted, 民法典 第二百零一条). n = 0 gives `day` back.
   */
  addWorkingDays(day: number, n: number): number {
    if (!Number.isInteger(n) || n < 0)
      throw new RangeError(`addWorkingDays: n must be a whole number ≥ 0 (got ${n})`);
    let d = day;
    for (let left = n; left > 0; ) {
      d++;
      if (this.isWorkingDay(d)) left--;
    }
    return d;
  }

  /** Working days d with from < d ≤ to (0 when to ≤ from): the inverse of addWorkingDays. */
  workingDaysBetween(from: number, to: number): number {
    if (to <= from) return 0;
    const lo = from + 1 - this.base;
    const hi = to + 1 - this.base;
    if (lo >= 0 && hi <= this.codes.length && this.uncovered[hi] === this.uncovered[lo]) {
      return this.cumulative[hi]! - this.cumulative[lo]!;
    }
    let count = 0;
    for (let d = from + 1; d <= to; d++) if (this.isWorkingDay(d)) count++;
    return count;
  }

  private code(day: number): number {
    const i = day - this.base;
    if (i >= 0 && i < this.codes.length) {
      const code = this.codes[i]!;
      if (code !== 0) return code;
    }
    return this.uncoveredCode(day);
  }

  /** RULES §1: a year the calendar does not cover uses plain weekends and says so, never silently. */
  private uncoveredCode(day: number): number {
    const year = yearOf(day);
    if (!this.warnedYears.has(year)) {
      if (this.strict) {
        throw new GmauditError(
          message(
            "calendar.uncovered",
            `日历不含 ${year} 年（${civilDate(day)} 需要）：请用 --calendar 提供节假日数据，或去掉 --strict-calendar`,
            `the calendar does not cover ${year} (needed for ${civilDate(day)}): give holiday data with --calendar, or drop --strict-calendar`,
          ),
        );
      }
      this.warnedYears.add(year);
      this.warningList.push(uncoveredWarning(year));
    }
    return isoWeekday(day) >= 6 ? WEEKEND : WEEKDAY;
  }
}

const HOLIDAY_TYPES = new Set(["holiday", "休", "rest", "off", "假"]);
const WORKDAY_TYPES = new Set(["workday", "班", "work"]);

/**
 * Reads a `--calendar` file (PRODUCT §2.1):
 * - holiday-cn JSON `{ "year": 2027, "days": [{ "name", "date", "isOffDay" }] }`, or an array of them:
 *   each file object covers its `year`;
 * - CSV with header `date,type` (optional `name`), type `holiday`/`休`/`rest` or `workday`/`班`/`work`:
 *   a CSV has no year field, so a year is covered when the file has at least one row in it.
 * Errors cite `file:line` (CSV, JSON syntax) or `file: $.days[i]` (a JSON entry, as input/ cites JSON).
 */
export async function loadCalendarFile(file: string): Promise<CalendarOverride[]> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    const missing = (err as NodeJS.ErrnoException).code === "ENOENT";
    throw new GmauditError(
      message(
        "calendar.unreadable",
        `${file}：无法读取日历文件：${missing ? "文件不存在" : `系统错误 ${(err as NodeJS.ErrnoException).code ?? ""}`.trim()}`,
        `${file}: cannot read the calendar file: ${missing ? "no such file" : (err as Error).message}`,
      ),
    );
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const head = text.trimStart()[0];
  const entries = head === "{" || head === "[" ? parseHolidayCn(file, text) : parseCalendarCsv(file, text);
  if (entries.length === 0) {
    throw new GmauditError(
      message(
        "calendar.empty",
        `${file}：日历文件中没有任何日期`,
        `${file}: the calendar file has no entries`,
      ),
    );
  }
  return entries;
}

function lineOfPosition(text: string, position: number): number {
  let line = 1;
  for (let i = 0; i < position && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * Where JSON.parse gave up. V8 names the position for most errors but not for "Unexpected token";
 * then the shortest prefix that fails other than by ending early ends at the bad character.
 */
function jsonErrorPosition(text: string, message: string): number {
  const position = /at position (\d+)/.exec(message);
  if (position) return Number(position[1]);
  const failsInside = (k: number): boolean => {
    try {
      JSON.parse(text.slice(0, k));
      return false;
    } catch (err) {
      const m = (err as Error).message;
      const at = /at position (\d+)/.exec(m);
      if (at) return Number(at[1]) < k;
      return !m.includes("end of JSON input");
    }
  };
  let lo = 1;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (failsInside(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo - 1;
}

function parseHolidayCn(file: string, text: string): CalendarOverride[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    const reason = (err as Error).message;
    const at = `${file}:${lineOfPosition(text, jsonErrorPosition(text, reason))}`;
    throw new GmauditError(
      message(
        "calendar.invalid-json",
        `${at}：JSON 格式有误，请检查逗号、引号和括号`,
        `${at}: invalid JSON: ${reason}`,
      ),
    );
  }
  const files = Array.isArray(json) ? json : [json];
  const out: CalendarOverride[] = [];
  const seen = new Map<string, string>();
  files.forEach((obj, f) => {
    const at = Array.isArray(json) ? `$[${f}]` : "$";
    const fail = (path: string, what: { zh: string; en: string }): never => {
      throw new GmauditError(
        message(
          "calendar.invalid-entry",
          `${file}: ${at}${path}：${what.zh}`,
          `${file}: ${at}${path}: ${what.en}`,
        ),
      );
    };
    if (typeof obj !== "object" || obj === null || Array.isArray(obj)) {
      fail("", {
        zh: '应为 holiday-cn 格式的对象 {"year": 2027, "days": [...]}',
        en: 'expected a holiday-cn object {"year": 2027, "days": [...]}',
      });
    }
    const { year, days } = obj as { year?: unknown; days?: unknown };
    if (typeof year !== "number" || !Number.isInteger(year) || year < 1900 || year > 2999) {
      fail(".year", {
        zh: `应为年份（如 2027），实际是 ${JSON.stringify(year)}`,
        en: `expected a year such as 2027, got ${JSON.stringify(year)}`,
      });
    }
    if (!Array.isArray(days)) fail(".days", { zh: "应为日期数组", en: "expected an array of days" });
    (days as unknown[]).forEach((day, i) => {
      const path = `.days[${i}]`;
      const { date, isOffDay, name } = (day ?? {}) as { date?: unknown; isOffDay?: unknown; name?: unknown };
      const parsed = typeof date === "string" ? parseCivilDate(date) : undefined;
      if (parsed === undefined)
        fail(`${path}.date`, {
          zh: `${JSON.stringify(date)} 不是日期`,
          en: `${JSON.stringify(date)} is not a date`,
        });
      if (typeof isOffDay !== "boolean")
        fail(`${path}.isOffDay`, {
          zh: `应为 true 或 false，实际是 ${JSON.stringify(isOffDay)}`,
          en: `expected true or false, got ${JSON.stringify(isOffDay)}`,
        });
      const type = isOffDay ? "holiday" : "workday";
      if (seen.has(parsed!) && seen.get(parsed!) !== type)
        fail(`${path}.date`, {
          zh: `${parsed} 同时被写成了节假日和工作日`,
          en: `${parsed} is given both as a holiday and as a working day`,
        });
      seen.set(parsed!, type);
      out.push({
        date: parsed!,
        type,
        ...(typeof name === "string" && name.trim() ? { name: name.trim() } : {}),
        coversYear: year as number,
      });
    });
  });
  return out;
}

const DATE_HEADERS = new Set(["date", "日期"]);
const TYPE_HEADERS = new Set(["type", "类型"]);
const NAME_HEADERS = new Set(["name", "名称", "节日", "节假日"]);

function parseCalendarCsv(file: string, text: string): CalendarOverride[] {
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    const firstLine = text.slice(0, text.indexOf("\n") >>> 0);
    rows = parseCsv(text, {
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
      delimiter: firstLine.includes("\t") && !firstLine.includes(",") ? "\t" : ",",
    }) as unknown as typeof rows;
  } catch (err) {
    const e = err as Error & { lines?: number };
    throw new GmauditError(
      message(
        "calendar.malformed-csv",
        `${file}:${e.lines ?? 1}：CSV 格式有误（多半是引号未闭合），请检查这一行`,
        `${file}:${e.lines ?? 1}: malformed CSV: ${e.message}`,
      ),
    );
  }
  // csv-parse reports the line a record ends on; line numbers cite where it starts (DESIGN).
  const startLine = (row: (typeof rows)[number]) =>
    row.info.lines - row.record.reduce((n, field) => n + (field.split("\n").length - 1), 0);
  const [header, ...body] = rows;
  if (!header) return [];
  const columns = header.record.map((h) => h.trim().toLowerCase());
  const dateCol = columns.findIndex((h) => DATE_HEADERS.has(h));
  const typeCol = columns.findIndex((h) => TYPE_HEADERS.has(h));
  const nameCol = columns.findIndex((h) => NAME_HEADERS.has(h));
  if (dateCol < 0 || typeCol < 0) {
    throw new GmauditError(
      message(
        "calendar.csv-columns",
        `${file}:${startLine(header)}：日历 CSV 须有 date,type 两列（name 列可选），实际表头为“${header.record.join(",")}”`,
        `${file}:${startLine(header)}: a calendar CSV needs the columns "date,type" (optional "name"), found "${header.record.join(",")}"`,
      ),
    );
  }
  const out: CalendarOverride[] = [];
  const seen = new Map<string, string>();
  for (const row of body) {
    const line = `${file}:${startLine(row)}`;
    const rawDate = (row.record[dateCol] ?? "").trim();
    const rawType = (row.record[typeCol] ?? "").trim();
    if (!rawDate && !rawType) continue;
    const date = parseCivilDate(rawDate);
    if (date === undefined) {
      throw new GmauditError(
        message(
          "calendar.bad-date",
          `${line}：date 列“${rawDate}”不是日期`,
          `${line}: column "date": "${rawDate}" is not a date`,
        ),
      );
    }
    const lower = rawType.toLowerCase();
    const type = HOLIDAY_TYPES.has(lower) ? "holiday" : WORKDAY_TYPES.has(lower) ? "workday" : undefined;
    if (type === undefined) {
      throw new GmauditError(
        message(
          "calendar.bad-type",
          `${line}：type 列“${rawType}”应为 休（holiday、rest）或 班（workday、work）`,
          `${line}: column "type": "${rawType}" is not holiday/休/rest or workday/班/work`,
        ),
      );
    }
    if (seen.has(date) && seen.get(date) !== type) {
      throw new GmauditError(
        message(
          "calendar.both",
          `${line}：${date} 同时被写成了节假日和工作日`,
          `${line}: ${date} is given both as a holiday and as a working day`,
        ),
      );
    }
    seen.set(date, type);
    const name = nameCol >= 0 ? (row.record[nameCol] ?? "").trim() : "";
    out.push({ date, type, ...(name ? { name } : {}) });
  }
  return out;
}

import type { Lang } from "../i18n.js";
import { columnLetters } from "./sheet-ref.js";

/**
 * Row-level input problems as plain data (the frictionless shape): collected while reading, never
 * thrown one at a time, rendered as `posts.csv:4: column "发布时间": "2026-13-45 10:00" is not a date/time`.
 */
export interface InputError {
  /** The path as the user gave it. */
  file: string;
  /** Physical 1-based line (CSV, NDJSON) or 0-based index (JSON array, then `jsonIndex` is true). */
  line: number;
  jsonIndex?: boolean;
  /** A workbook sheet's cell: its 0-based column (`file` is then `book.xlsx#sheet`). */
  col?: number;
  /** The column as written in the file's header (the canonical name when the file has no such column). */
  column: string;
  /** The cell as written; "" when blank. */
  value: string;
  /** What would have been accepted, as a noun phrase: `"x" is not <expected>`. */
  expected: string;
}

/** Same shape; the row is still used. */
export type InputWarning = InputError;

export const DEFAULT_MAX_ERRORS = 50;

/**
 * However large `--max-errors` is, at most this many errors (and warnings) are kept and listed; the
 * rest are counted. A file of millions of bad rows must not fill the memory with their messages.
 */
export const MAX_LISTED_ERRORS = 10_000;

/** A kept error holds at most this much of its cell (a 5 MB cell is shown cut anyway, see quoteValue). */
const MAX_KEPT_VALUE = 200;

function kept(error: InputError): InputError {
  return error.value.length > MAX_KEPT_VALUE
    ? { ...error, value: `${error.value.slice(0, MAX_KEPT_VALUE)}…` }
    : error;
}

/**
 * Keeps the `maxErrors` errors (and warnings) of the lowest lines, in line order (at most
 * MAX_LISTED_ERRORS), and counts the rest. A log holds one file (or one part of it). Errors mostly come
 * in line order; a check made after a batch's rows were validated (e.g. a findings row's indicator)
 * adds some later, and they still take their place in the list.
 */
export class ErrorLog {
  readonly errors: InputError[] = [];
  readonly warnings: InputWarning[] = [];
  /** Every error added, kept or not. */
  count = 0;
  warningCount = 0;
  readonly maxErrors: number;

  constructor(maxErrors: number = DEFAULT_MAX_ERRORS) {
    this.maxErrors = Math.max(0, Math.min(maxErrors, MAX_LISTED_ERRORS));
  }

  add(error: InputError): void {
    this.count++;
    keepInLineOrder(this.errors, error, this.maxErrors);
  }

  warn(warning: InputWarning): void {
    this.warningCount++;
    keepInLineOrder(this.warnings, warning, this.maxErrors);
  }

  /**
   * Another file's errors after this log's: the logs of a run are appended in table order, so the list
   * reads file by file (the registry's errors first), each file's in line order, and the cap keeps the
   * first files' errors rather than the lowest line numbers of all files mixed.
   */
  append(other: Pick<ErrorLog, "errors" | "count">): void {
    this.count += other.count;
    for (const error of other.errors) {
      if (this.errors.length >= this.maxErrors) break;
      this.errors.push(error);
    }
  }

  /** Errors counted but not kept. */
  get omitted(): number {
    return this.count - this.errors.length;
  }

  get omittedWarnings(): number {
    return this.warningCount - this.warnings.length;
  }
}

/** Inserts after every entry of the same or a lower line (stable), then drops the highest beyond `max`. */
function keepInLineOrder(list: InputError[], error: InputError, max: number): void {
  const last = list.at(-1);
  if (last === undefined || error.line >= last.line) {
    if (list.length < max) list.push(kept(error));
    return;
  }
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]!.line <= error.line) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, kept(error));
  if (list.length > max) list.pop();
}

const MAX_SHOWN_VALUE = 80;

/** The value in double quotes, newlines and quotes escaped, long text cut. */
function quoteValue(value: string): string {
  const shown = value.length > MAX_SHOWN_VALUE ? `${value.slice(0, MAX_SHOWN_VALUE)}…` : value;
  return JSON.stringify(shown);
}

/** `posts.csv:4`, `posts.json:$[41]` or `台账.xlsx#发布记录!C4`. */
export function formatLocation(file: string, line: number, jsonIndex?: boolean, col?: number): string {
  if (col !== undefined) return `${file}!${columnLetters(col)}${line}`;
  return jsonIndex ? `${file}:$[${line}]` : `${file}:${line}`;
}

/**
 * The Chinese of an `expected` phrase. The readers say what they expected in English noun phrases
 * (zod messages, shared with JSON reports); each known form has its Chinese here, with an id.
 * A phrase no form matches is shown as it is (test/meta/language.test.ts walks the forms).
 */
const EXPECTED_ZH: readonly { id: string; re: RegExp; zh: (m: RegExpExecArray) => string }[] = [
  { id: "expected.text", re: /^text$/, zh: () => "文本" },
  { id: "expected.date", re: /^a date$/, zh: () => "日期" },
  { id: "expected.datetime", re: /^a date\/time$/, zh: () => "日期时间" },
  { id: "expected.whole-number", re: /^a whole number \(0 or more\)$/, zh: () => "不小于 0 的整数" },
  { id: "expected.whole-number-min", re: /^a whole number ≥ (\d+)$/, zh: (m) => `不小于 ${m[1]} 的整数` },
  {
    id: "expected.followers",
    re: /^a whole number \(0 or more; 86,000 or 8\.6万\)$/,
    zh: () => "不小于 0 的整数（如 86000 或 8.6万）",
  },
  {
    id: "expected.yes-no",
    re: /^a yes\/no value \((.*)\)$/,
    zh: (m) => `是/否类的值（${m[1]!.replace(/, /g, "、")}）`,
  },
  {
    id: "expected.original",
    re: /^原创 or 转载 \(or a yes\/no value: (.*)\)$/,
    zh: (m) => `原创或转载（或 ${m[1]!.replace(/, /g, "、")}）`,
  },
  {
    id: "expected.one-of",
    re: /^one of: (.*)$/s,
    // `wechat 微信/公众号, weibo 微博` → `微信/公众号；微博`, `secret-leak (泄露国家秘密)` → `泄露国家秘密`:
    // the Chinese words of each value, else its id.
    zh: (m) =>
      `以下之一：${m[1]!
        .split(", ")
        .map((item) => item.replace(/^[\w-]+ \((.*)\)$/, "$1").replace(/^[\w-]+ (?=\S)/, ""))
        .join("；")}`,
  },
  {
    id: "expected.not-before",
    re: /^a (date|time) at or after (.*)$/s,
    zh: (m) => `不早于${m[2]}的${m[1] === "date" ? "日期" : "时间"}`,
  },
  {
    id: "expected.closed-date",
    re: /^a date when the account is (closed|cancelled)$/,
    zh: (m) => `账号${m[1] === "closed" ? "关停" : "注销"}的日期`,
  },
  {
    id: "expected.unique-id",
    re: /^a unique account id \(already (?:on line (\d+)|at \$\[(\d+)\])\)$/,
    zh: (m) => `不重复的账号ID（已在${m[1] !== undefined ? `第 ${m[1]} 行` : ` $[${m[2]}] `}出现）`,
  },
];

/** Suffixes the readers add to a phrase: the Excel serial hint and the loose-alias hint. */
const SUFFIX_ZH: readonly { id: string; re: RegExp; zh: (m: RegExpExecArray) => string }[] = [
  {
    id: "expected.excel-serial",
    re: / \(it looks like an Excel date serial number: .*\)$/s,
    zh: () => "（看起来是 Excel 的日期序号：请在 Excel 中把该列设为日期格式或 yyyy-mm-dd hh:mm 后重新导出）",
  },
  {
    id: "expected.loose-alias",
    re: /; the column "(.*)" was read as (\S+) \((.*)\): rename it if it holds something else$/s,
    zh: (m) => `；“${m[1]}”列被当作“${m[3]}”读取：如果它另有含义，请给该列改名`,
  },
];

/** An `expected` phrase in `lang`. */
export function expectedIn(expected: string, lang: Lang): string {
  if (lang === "en") return expected;
  let rest = expected;
  let suffix = "";
  for (const s of SUFFIX_ZH) {
    const m = s.re.exec(rest);
    if (m) {
      suffix = s.zh(m) + suffix;
      rest = rest.slice(0, m.index);
    }
  }
  for (const form of EXPECTED_ZH) {
    const m = form.re.exec(rest);
    if (m) return form.zh(m) + suffix;
  }
  return expected;
}

/** The ids of the `expected` forms a phrase matched (for tests), or [] when none did. */
export function expectedIds(expected: string): string[] {
  const ids = SUFFIX_ZH.filter((s) => s.re.test(expected)).map((s) => s.id);
  const rest = SUFFIX_ZH.reduce((t, s) => t.replace(s.re, ""), expected);
  const form = EXPECTED_ZH.find((f) => f.re.test(rest));
  return form === undefined ? ids : [form.id, ...ids];
}

export function formatInputError(error: InputError, lang: Lang = "en"): string {
  const where = formatLocation(error.file, error.line, error.jsonIndex, error.col);
  const expected = expectedIn(error.expected, lang);
  if (lang === "zh") {
    const problem =
      error.value === "" ? `为空，应为${expected}` : `${quoteValue(error.value)} 不是${expected}`;
    return `${where}：列“${error.column}”：${problem}`;
  }
  const problem =
    error.value === "" ? `is blank, expected ${expected}` : `${quoteValue(error.value)} is not ${expected}`;
  return `${where}: column "${error.column}": ${problem}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** `… and 3 more errors`, or `3 errors (not listed)` when none was kept. */
function moreLine(omitted: number, listed: number, word: "error" | "warning", lang: Lang): string {
  if (lang === "zh") {
    const what = word === "error" ? "处错误" : "条提示";
    return listed === 0 ? `${omitted} ${what}（未列出）` : `……另有 ${omitted} ${what}`;
  }
  return listed === 0
    ? `${plural(omitted, word)} (not listed)`
    : `… and ${omitted} more ${word}${omitted === 1 ? "" : "s"}`;
}

/** One line per kept error, then `… and N more errors` when the cap was reached. */
export function formatErrorLog(log: Pick<ErrorLog, "errors" | "count">, lang: Lang = "en"): string[] {
  const lines = log.errors.map((e) => formatInputError(e, lang));
  const omitted = log.count - log.errors.length;
  if (omitted > 0) lines.push(moreLine(omitted, lines.length, "error", lang));
  return lines;
}

/** Warnings the same way, each marked `(warning)`. */
export function formatWarningLog(
  log: Pick<ErrorLog, "warnings" | "warningCount">,
  lang: Lang = "en",
): string[] {
  const mark = lang === "zh" ? "（提示）" : " (warning)";
  const lines = log.warnings.map((w) => `${formatInputError(w, lang)}${mark}`);
  const omitted = log.warningCount - log.warnings.length;
  if (omitted > 0) lines.push(moreLine(omitted, lines.length, "warning", lang));
  return lines;
}

/** The error lines in both languages, as a thrown error's details. */
export function errorLogLines(log: Pick<ErrorLog, "errors" | "count">): { zh: string; en: string }[] {
  const zh = formatErrorLog(log, "zh");
  return formatErrorLog(log, "en").map((en, i) => ({ zh: zh[i]!, en }));
}

/** An account id used twice in the registry: `check` rejects it and `validate` reports it alike. */
/** The error of one cell of a located row: its file and line (or JSON index), column, value, expectation. */
export function rowError(
  row: { file: string; line: number; jsonIndex?: boolean },
  column: string,
  value: string,
  expected: string,
): InputError {
  return {
    file: row.file,
    line: row.line,
    ...(row.jsonIndex ? { jsonIndex: true } : {}),
    column,
    value,
    expected,
  };
}

export function duplicateAccountError(
  account: { file: string; line: number; jsonIndex?: boolean; accountId: string },
  firstLine: number,
  column: string,
): InputError {
  const first = account.jsonIndex ? `at $[${firstLine}]` : `on line ${firstLine}`;
  return rowError(account, column, account.accountId, `a unique account id (already ${first})`);
}

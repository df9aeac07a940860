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

export function formatInputError(error: InputError): string {
  const where = formatLocation(error.file, error.line, error.jsonIndex, error.col);
  const problem =
    error.value === ""
      ? `is blank, expected ${error.expected}`
      : `${quoteValue(error.value)} is not ${error.expected}`;
  return `${where}: column "${error.column}": ${problem}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** `… and 3 more errors`, or `3 errors (not listed)` when none was kept. */
function moreLine(omitted: number, listed: number, word: string): string {
  return listed === 0
    ? `${plural(omitted, word)} (not listed)`
    : `… and ${omitted} more ${word}${omitted === 1 ? "" : "s"}`;
}

/** One line per kept error, then `… and N more errors` when the cap was reached. */
export function formatErrorLog(log: Pick<ErrorLog, "errors" | "count">): string[] {
  const lines = log.errors.map(formatInputError);
  const omitted = log.count - log.errors.length;
  if (omitted > 0) lines.push(moreLine(omitted, lines.length, "error"));
  return lines;
}

/** Warnings the same way, each marked `(warning)`. */
export function formatWarningLog(log: Pick<ErrorLog, "warnings" | "warningCount">): string[] {
  const lines = log.warnings.map((w) => `${formatInputError(w)} (warning)`);
  const omitted = log.warningCount - log.warnings.length;
  if (omitted > 0) lines.push(moreLine(omitted, lines.length, "warning"));
  return lines;
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

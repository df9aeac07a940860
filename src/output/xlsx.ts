import { PassThrough, type Writable } from "node:stream";
import ExcelJS from "exceljs";
import type { AuditResult, Verdict } from "../scoring/result.js";
import { Zone } from "../time/zone.js";
import { accountCell, type Cell, findingCell, unitCell } from "./csv.js";
import {
  ACCOUNT_COLUMNS,
  accountHeader,
  FINDING_COLUMNS,
  findingHeader,
  INCOMPLETE_COLUMN,
  type Lang,
  phrases,
  TABLE_LABELS,
  UNIT_COLUMNS,
  unitHeader,
} from "./labels.js";
import { allFindings } from "./values.js";
import type { StreamedFile } from "./write.js";

/**
 * The results workbook (PRODUCT §3.5), written by exceljs's streaming writer: each row goes to the
 * zip as it is added, so 10,000 accounts and 130,000 findings never stand in memory as cells. Every
 * text is an inline string cell (never a formula, so nothing runs and no protective `'` shows);
 * numbers, dates and percentages are typed cells with a number format.
 */

export type WorkbookPart = "accounts" | "findings" | "units" | "notes";

/** Sheet names: Chinese by default, English with --lang en. */
export const SHEET_TITLES: Record<WorkbookPart, Record<Lang, string>> = {
  accounts: { zh: "账号结果", en: "Accounts" },
  findings: { zh: "问题明细", en: "Findings" },
  units: { zh: "单位得分", en: "Units" },
  notes: { zh: "说明", en: "Notes" },
};

const NOTES_HEADER: Record<Lang, [string, string]> = { zh: ["项目", "内容"], en: ["item", "value"] };

/** Fills of the verdict cell. */
const VERDICT_FILLS: Record<Verdict, string> = {
  pass: "FFC6EFCE",
  fail: "FFFFEB9C",
  veto: "FFFFC7CE",
  not_scored: "FFE7E6E6",
};

const DATE_TIME_FORMAT = "yyyy-mm-dd hh:mm";
const PERCENT_FORMAT = "0.0%";
const ONE_DECIMAL_FORMAT = "0.0";

type XCell = string | number | Date | null;

interface ColumnSpec<T> {
  header: string;
  width: number;
  value: (item: T) => XCell;
  numFmt?: string;
  verdict?: (item: T) => Verdict;
}

/** A time as the wall-clock time of the audit zone: a spreadsheet date has no zone. */
function wallDate(ms: number, zone: Zone): Date {
  return new Date(`${zone.format(ms).slice(0, 19)}Z`);
}

/** A column's width in characters: a CJK character takes two. */
function widthOf(text: string): number {
  let width = 0;
  for (const char of text) width += char.codePointAt(0)! > 0x2e80 ? 2 : 1;
  return width;
}

/** Writes one table: header (bold, frozen, filtered), rows as they come, widths from the header. */
function addTable<T>(
  book: ExcelJS.stream.xlsx.WorkbookWriter,
  name: string,
  columns: readonly ColumnSpec<T>[],
  items: Iterable<T>,
): void {
  const sheet = book.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({
    width: Math.min(60, Math.max(8, c.width, widthOf(c.header) + 2)),
    ...(c.numFmt === undefined ? {} : { style: { numFmt: c.numFmt } }),
  }));
  const header = sheet.addRow(columns.map((c) => c.header));
  header.font = { bold: true };
  header.commit();
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  for (const item of items) {
    const row = sheet.addRow(columns.map((c) => c.value(item)));
    columns.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      if (c.numFmt !== undefined) cell.numFmt = c.numFmt;
      else if (cell.value instanceof Date) cell.numFmt = DATE_TIME_FORMAT;
      if (c.verdict !== undefined) {
        cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: VERDICT_FILLS[c.verdict(item)] } };
      }
    });
    row.commit();
  }
  sheet.commit();
}

/** Text cells are strings as they are; the typed columns get numbers and dates. */
function plain(cell: Cell): XCell {
  return cell;
}

function columnsOf<T, K extends string>(
  result: AuditResult,
  lang: Lang,
  keys: readonly K[],
  headerOf: (key: K, lang: Lang) => string,
  cellOf: (item: T, key: K, zone: Zone, lang: Lang) => Cell,
  typed: Partial<Record<K, Omit<ColumnSpec<T>, "header" | "width"> & { width?: number }>>,
): ColumnSpec<T>[] {
  const zone = Zone.of(result.timezone);
  const columns: ColumnSpec<T>[] = keys.map((key) => {
    const special = typed[key];
    return {
      header: headerOf(key, lang),
      width: special?.width ?? 12,
      value: special?.value ?? ((item: T) => plain(cellOf(item, key, zone, lang))),
      ...(special?.numFmt === undefined ? {} : { numFmt: special.numFmt }),
      ...(special?.verdict === undefined ? {} : { verdict: special.verdict }),
    };
  });
  if (result.dataIncomplete) {
    const mark = INCOMPLETE_COLUMN.value[lang];
    columns.push({ header: INCOMPLETE_COLUMN.header[lang], width: 10, value: () => mark });
  }
  return columns;
}

function accountColumns(result: AuditResult, lang: Lang) {
  const zone = Zone.of(result.timezone);
  return columnsOf(result, lang, ACCOUNT_COLUMNS, accountHeader, accountCell, {
    accountId: { value: (a) => a.accountId, width: 14 },
    name: { value: (a) => a.name, width: 20 },
    hostUnit: { value: (a) => a.hostUnit, width: 24 },
    score: { value: (a) => a.score, numFmt: ONE_DECIMAL_FORMAT },
    verdict: {
      value: (a) => accountCell(a, "verdict", zone, lang),
      verdict: (a) => a.verdict,
    },
    vetoes: { value: (a) => accountCell(a, "vetoes", zone, lang), width: 24 },
    lastPostAt: {
      value: (a) => (a.lastPostAt === null ? null : wallDate(a.lastPostAt, zone)),
      numFmt: DATE_TIME_FORMAT,
      width: 17,
    },
    originalRatio: { value: (a) => a.originalRatio, numFmt: PERCENT_FORMAT },
    longestGapDays: { value: (a) => a.longestGapDays, numFmt: ONE_DECIMAL_FORMAT },
  });
}

function findingColumns(result: AuditResult, lang: Lang) {
  const zone = Zone.of(result.timezone);
  return columnsOf(result, lang, FINDING_COLUMNS, findingHeader, findingCell, {
    accountId: { value: (f) => f.accountId, width: 14 },
    hostUnit: { value: (f) => f.hostUnit, width: 24 },
    indicator: { value: (f) => findingCell(f, "indicator", zone, lang), width: 24 },
    occurredAt: {
      value: (f) => (f.occurredAt === undefined ? null : wallDate(f.occurredAt, zone)),
      numFmt: DATE_TIME_FORMAT,
      width: 17,
    },
    message: { value: (f) => f.message[lang], width: 50 },
    evidence: { value: (f) => findingCell(f, "evidence", zone, lang), width: 50 },
    source: { value: (f) => f.source, width: 40 },
  });
}

function unitColumns(result: AuditResult, lang: Lang) {
  const zone = Zone.of(result.timezone);
  return columnsOf(result, lang, UNIT_COLUMNS, unitHeader, unitCell, {
    hostUnit: { value: (u) => u.hostUnit, width: 24 },
    rawScore: { value: (u) => u.rawScore, numFmt: ONE_DECIMAL_FORMAT },
    score: { value: (u) => u.score, numFmt: ONE_DECIMAL_FORMAT },
    passRate: { value: (u) => u.passRate, numFmt: PERCENT_FORMAT },
    verdict: { value: (u) => unitCell(u, "verdict", zone, lang), verdict: (u) => u.verdict },
  });
}

/** The 说明 sheet: what the run was (PRODUCT §3.5). One item per row. */
function notes(result: AuditResult, lang: Lang): [string, XCell][] {
  const zone = Zone.of(result.timezone);
  const text = phrases(lang);
  const zh = lang === "zh";
  const rows: [string, XCell][] = [
    [zh ? "工具" : "tool", `gmaudit ${result.version}`],
    [zh ? "评分方案" : "profile", text.profile(result.profile, result.profileName)],
    [zh ? "时区" : "timezone", result.timezone],
    [zh ? "监测期开始" : "from", wallDate(result.from, zone)],
    [zh ? "监测时间点" : "as of", wallDate(result.asOf, zone)],
  ];
  if (result.period !== undefined) rows.push([zh ? "监测期" : "period", result.period]);
  for (const [kind, stats] of Object.entries(result.inputs)) {
    if (stats === undefined) continue;
    const label = TABLE_LABELS[kind as keyof typeof TABLE_LABELS][lang];
    rows.push([label, text.inputRows(stats.file, stats.rows, stats.skipped)]);
  }
  if (result.missingInputs.length > 0) {
    rows.push([
      zh ? "未评估" : "not evaluated",
      text.notEvaluated(result.missingInputs.map((k) => TABLE_LABELS[k][lang])),
    ]);
  }
  const years = result.calendar.coveredYears;
  rows.push([zh ? "节假日日历" : "calendar", years.length === 0 ? "-" : `${years[0]}–${years.at(-1)}`]);
  for (const w of result.calendar.warnings) rows.push([text.calendarWarning, w[lang]]);
  for (const w of result.warnings) rows.push([text.warning, w[lang]]);
  rows.push([
    zh ? "数据不完整" : "data incomplete",
    result.dataIncomplete ? text.dataIncomplete : zh ? "否" : "no",
  ]);
  rows.push([zh ? "汇总" : "summary", text.summary(result.summary)]);
  return rows;
}

/**
 * The date of the zip entries being written. exceljs leaves archiver's default, the clock's now, and
 * appends its first parts from its constructor: archiver's own `append` (found on a writer made to be
 * dropped) dates every entry that has no date of its own by this instead, so that a run writes the
 * same bytes whenever it runs.
 */
let zipDate: Date | undefined;
{
  type Append = (this: unknown, source: unknown, data?: { date?: unknown }) => unknown;
  const probe = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: new PassThrough() } as ConstructorParameters<
    typeof ExcelJS.stream.xlsx.WorkbookWriter
  >[0]);
  const archiver = Object.getPrototypeOf((probe as unknown as { zip: object }).zip) as { append: Append };
  const append = archiver.append;
  archiver.append = function (this: unknown, source, data) {
    const dated = zipDate === undefined || data?.date !== undefined ? data : { ...data, date: zipDate };
    return append.call(this, source, dated);
  };
}

function newBook(stream: Writable, result: AuditResult): ExcelJS.stream.xlsx.WorkbookWriter {
  // Dated by the audit's as-of, not by the clock: the same run writes the same workbook.
  const stamp = new Date(result.asOf);
  zipDate = stamp;
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream,
    useStyles: true,
    useSharedStrings: false,
    created: stamp,
    modified: stamp,
    creator: "gmaudit",
    lastModifiedBy: "gmaudit",
  } as ConstructorParameters<typeof ExcelJS.stream.xlsx.WorkbookWriter>[0]);
  return book;
}

/** The results workbook of `--out x.xlsx`: 账号结果, 问题明细, 单位得分, 说明. */
export function resultsWorkbook(result: AuditResult, lang: Lang): StreamedFile {
  return {
    async writeTo(stream) {
      const book = newBook(stream, result);
      addTable(book, SHEET_TITLES.accounts[lang], accountColumns(result, lang), result.accounts);
      addTable(book, SHEET_TITLES.findings[lang], findingColumns(result, lang), allFindings(result));
      addTable(book, SHEET_TITLES.units[lang], unitColumns(result, lang), result.units);
      addNotes(book, result, lang);
      await book.commit();
    },
  };
}

function addNotes(book: ExcelJS.stream.xlsx.WorkbookWriter, result: AuditResult, lang: Lang): void {
  const [item, value] = NOTES_HEADER[lang];
  const columns: ColumnSpec<[string, XCell]>[] = [
    { header: item, width: 16, value: (r) => r[0] },
    { header: value, width: 80, value: (r) => r[1] },
  ];
  addTable(book, SHEET_TITLES.notes[lang], columns, notes(result, lang));
}

/** `--findings-out x.xlsx` / `--units-out x.xlsx`: one table in a workbook of one sheet. */
export function tableWorkbook(result: AuditResult, part: "findings" | "units", lang: Lang): StreamedFile {
  return {
    async writeTo(stream) {
      const book = newBook(stream, result);
      if (part === "findings") {
        addTable(book, SHEET_TITLES.findings[lang], findingColumns(result, lang), allFindings(result));
      } else {
        addTable(book, SHEET_TITLES.units[lang], unitColumns(result, lang), result.units);
      }
      await book.commit();
    },
  };
}

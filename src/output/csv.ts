import { stringify } from "csv-stringify/sync";
import { ruleById } from "../rules/index.js";
import { manualIndicatorById } from "../rules/manual.js";
import type { AccountResult, AuditResult, FindingResult, UnitResult } from "../scoring/result.js";
import { Zone } from "../time/zone.js";
import {
  ACCOUNT_COLUMNS,
  type AccountColumn,
  accountHeader,
  enumLabel,
  FINDING_COLUMNS,
  type FindingColumn,
  findingHeader,
  INCOMPLETE_COLUMN,
  type Lang,
  PLATFORM_LABELS,
  SEVERITY_LABELS,
  STATUS_LABELS,
  UNIT_COLUMNS,
  type UnitColumn,
  unitHeader,
  VERDICT_LABELS,
} from "./labels.js";
import { allFindings, compactEvidence, formatPercent } from "./values.js";

/**
 * CSV for spreadsheets (Excel, WPS). Headers are Chinese by default and the JSON keys with
 * `--lang en`. Enum values follow the headers: Chinese labels under zh (结论 = 单项否决), the English
 * enum values under en (verdict = veto), so an en CSV reads back like the JSON document.
 * Numbers stay numbers, null is an empty cell, times are `2026-09-30 14:05` in the audit zone.
 */

export interface CsvOptions {
  lang?: Lang;
  /** Prepend a UTF-8 byte order mark (for Excel). */
  bom?: boolean;
}

export type Cell = string | number | null;

/** What makes a spreadsheet read a text cell as a formula (PRODUCT §3.5). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Formula-injection escape: a TEXT cell beginning with `=`, `+`, `-`, `@`, tab or CR gets a leading
 * `'`. Numbers are never touched, so a negative number stays a number.
 */
export function escapeFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** Serialises rows; text cells are escaped here, in one place, whatever column they come from. */
export function toCsv(header: readonly string[], rows: Iterable<readonly Cell[]>, bom = false): string {
  return [...csvChunks(header, rows, bom)].join("");
}

/** Rows serialised per this many: a large table is never one string. */
const ROWS_PER_CHUNK = 512;

/**
 * `toCsv` in pieces. Each record is serialised on its own (a line break after every record, the
 * BOM before the first), so the pieces of a batch of rows at a time join to the same text.
 */
export function* csvChunks(
  header: readonly string[],
  rows: Iterable<readonly Cell[]>,
  bom = false,
): Generator<string> {
  const serialise = (records: (readonly Cell[])[], withBom: boolean) =>
    stringify(
      records.map((row) => row.map((cell) => (typeof cell === "string" ? escapeFormula(cell) : cell))),
      { bom: withBom, cast: { number: (n) => numberCell(n) } },
    );
  yield serialise([header], bom);
  let batch: (readonly Cell[])[] = [];
  for (const row of rows) {
    batch.push(row);
    if (batch.length === ROWS_PER_CHUNK) {
      yield serialise(batch, false);
      batch = [];
    }
  }
  if (batch.length > 0) yield serialise(batch, false);
}

/** A rule or manual indicator by its name in `lang` (its id when it has none). */
function indicatorName(id: string, lang: Lang): string {
  return (ruleById(id)?.indicator ?? manualIndicatorById(id)?.indicator)?.[lang] ?? id;
}

/** Plain decimal notation (no `1e-7`), so every spreadsheet reads it as a number. */
function numberCell(n: number): string {
  if (!Number.isFinite(n)) return "";
  const s = String(n);
  return /e/i.test(s) ? n.toFixed(20).replace(/\.?0+$/, "") : s;
}

export function accountCell(a: AccountResult, key: AccountColumn, zone: Zone, lang: Lang): Cell {
  switch (key) {
    case "platform":
      return lang === "zh" ? enumLabel(PLATFORM_LABELS, a.platform, lang) : a.platform;
    case "status":
      return lang === "zh" ? enumLabel(STATUS_LABELS, a.status, lang) : a.status;
    case "verdict":
      return lang === "zh" ? enumLabel(VERDICT_LABELS, a.verdict, lang) : a.verdict;
    case "unitCategory":
      return a.unitCategory ?? null;
    case "vetoes":
      return a.vetoes.map((id) => indicatorName(id, lang)).join(";");
    case "lastPostAt":
      return a.lastPostAt === null ? null : zone.formatShort(a.lastPostAt);
    case "originalRatio":
      return a.originalRatio === null ? null : formatPercent(a.originalRatio);
    case "findings":
      return a.findings.length;
    case "notEvaluated":
      // By indicator name: a 合格 row with blank metrics says what was not judged (PRODUCT §3.1).
      return a.notEvaluated.map((n) => indicatorName(n.rule, lang)).join(";");
    default:
      return a[key];
  }
}

/**
 * One CSV table of the result: a header of `columns`, a row per item. The three tables (accounts,
 * findings, units) differ only in their columns, items and cells.
 *
 * PRODUCT §1.7: a run that left invalid rows out is marked "data incomplete" in every output. A CSV
 * file goes to Excel without its stderr, so such a run's CSV files end with one more column, 数据不完整
 * (`dataIncomplete`), 是 (`true`) on every row; a complete run's files keep the columns of §3.1/§3.2.
 */
function* tableCsvChunks<T, K extends string>(
  result: AuditResult,
  options: CsvOptions,
  columns: readonly K[],
  headerOf: (key: K, lang: Lang) => string,
  items: Iterable<T>,
  cellOf: (item: T, key: K, zone: Zone, lang: Lang) => Cell,
): Generator<string> {
  const lang = options.lang ?? "zh";
  const zone = Zone.of(result.timezone);
  const incomplete = result.dataIncomplete;
  const header = [
    ...columns.map((key) => headerOf(key, lang)),
    ...(incomplete ? [INCOMPLETE_COLUMN.header[lang]] : []),
  ];
  const mark: Cell[] = incomplete ? [INCOMPLETE_COLUMN.value[lang]] : [];
  const rows = function* () {
    for (const item of items) yield [...columns.map((key) => cellOf(item, key, zone, lang)), ...mark];
  };
  yield* csvChunks(header, rows(), options.bom ?? false);
}

/** Account results (PRODUCT §3.1): one row per registered account, in input order. */
export function accountsCsvChunks(result: AuditResult, options: CsvOptions = {}): Generator<string> {
  return tableCsvChunks(result, options, ACCOUNT_COLUMNS, accountHeader, result.accounts, accountCell);
}

export function findingCell(f: FindingResult, key: FindingColumn, zone: Zone, lang: Lang): Cell {
  switch (key) {
    case "indicator":
      return f.indicator.zh; // PRODUCT §3.2: the Chinese indicator name, in every language

    case "message":
      return f.message[lang];
    case "severity":
      return lang === "zh" ? enumLabel(SEVERITY_LABELS, f.severity, lang) : f.severity;
    case "occurredAt":
      return f.occurredAt === undefined ? null : zone.formatShort(f.occurredAt);
    case "evidence":
      return compactEvidence(f.evidence);
    default:
      return f[key];
  }
}

/** Findings (PRODUCT §3.2): one row per finding, accounts in input order, then unit-level findings. */
export function findingsCsvChunks(result: AuditResult, options: CsvOptions = {}): Generator<string> {
  return tableCsvChunks(result, options, FINDING_COLUMNS, findingHeader, allFindings(result), findingCell);
}

export function unitCell(u: UnitResult, key: UnitColumn, _zone: Zone, lang: Lang): Cell {
  switch (key) {
    case "unitCategory":
      return u.unitCategory ?? null;
    case "verdict":
      return lang === "zh" ? enumLabel(VERDICT_LABELS, u.verdict, lang) : u.verdict;
    case "passRate":
      return u.passRate === null ? null : formatPercent(u.passRate);
    case "findings":
      // Its accounts' findings and its unit-level ones (PRODUCT §3.3).
      return u.accountFindings + u.findings.length;
    default:
      return u[key];
  }
}

/** `--units-out x.csv`: the units of PRODUCT §3.3, one row per host unit, in the order of the registry. */
export function unitsCsvChunks(result: AuditResult, options: CsvOptions = {}): Generator<string> {
  return tableCsvChunks(result, options, UNIT_COLUMNS, unitHeader, result.units, unitCell);
}

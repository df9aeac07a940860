import type { z } from "zod";
import type { Zone } from "../time/zone.js";
import type { ErrorLog } from "./errors.js";
import { headerKey } from "./header.js";
import { accountWarnings, type Located, type RowValidator, rowValidators } from "./schemas.js";
import { type ColumnSpec, type RecordOf, TABLES, type TableKind } from "./tables.js";
import { noValueWords, type RawValue } from "./values.js";

/** A row before validation: record field → non-blank raw value. */
export type RawRow = Record<string, RawValue>;

export interface ReadStats {
  /** Data rows read (header, title and blank rows not counted). */
  rows: number;
  valid: number;
  invalid: number;
  /** Valid rows with a warning. */
  warnings: number;
  /** Totals rows (合计 …) at the end of a sheet: not data, not counted in `rows` (see `isTotalsRow`). */
  totals: number;
  /** The line of the first totals row. */
  firstTotalsLine?: number;
}

/**
 * A totals cell: 合计, 总计, 小计 or 共计, alone or with a count (`合计：22 个`, `共计(3个账号)`, `小计2条`) —
 * nothing more, so that a title such as `共计3万人次参与…` is not one. Spaces removed, widths folded.
 */
const TOTALS_CELL_RE =
  /^(?:合计|总计|小计|共计)[:：]?(?:[(（]?[\d,.]+万?(?:[个条项家人次篇件户]{0,2}(?:账号|单位|记录)?)?[)）]?)?$/;

/** What a totals row may have where a data row has its account id: the date columns' placeholders. */
const isPlaceholder = noValueWords();

/**
 * A spreadsheet's totals row (`合计,,,,22` under 序号, `合计：3 个,,…` under 账号名称, `小计` under 账号ID):
 * its first non-blank cell is a totals cell, and it has no account id — that cell is blank, a dash,
 * or the totals cell itself. Asked only of a row that is invalid anyway (the account id is required in
 * every table), so a data row with an account id is never one, whatever its title says.
 */
export function isTotalsRow(cells: readonly string[], accountIdCell: number): boolean {
  const first = cells.findIndex((cell) => cell !== "");
  if (first < 0) return false;
  if (!TOTALS_CELL_RE.test(cells[first]!.normalize("NFKC").replace(/\s+/g, ""))) return false;
  const id = cells[accountIdCell] ?? "";
  return first === accountIdCell || id === "" || isPlaceholder(id);
}

const PLACEHOLDER_RE = /\{(\w+)\}/g;

/**
 * Validates raw rows against the table's zod schema and turns every problem into an InputError that
 * names the column as written in the file. Built once per file.
 */
export class RowChecker<K extends TableKind> {
  private readonly validator: RowValidator<RecordOf<K>>;
  /** CSV: the fast path over a row's cells, and field → cell index (set by `bindCells`). */
  private fastCells: ((cells: readonly string[]) => RecordOf<K> | undefined) | undefined;
  private cellBindings: readonly { field: string; index: number }[] = [];
  /** CSV: the account-id cell, where a totals row has none (set by `bindCells`). */
  private accountIdCell: number | undefined;
  /** Record field → its column. */
  private readonly columns: ReadonlyMap<string, ColumnSpec>;
  readonly stats: ReadStats = { rows: 0, valid: 0, invalid: 0, warnings: 0, totals: 0 };
  /** A workbook sheet: errors cite the cell (`file.xlsx#sheet!C12`), not the line. */
  citeCells = false;

  constructor(
    private readonly kind: K,
    zone: Zone,
    private readonly file: string,
    /** Canonical column name → header as written (may grow while reading JSON). */
    private readonly header: Readonly<Partial<Record<string, string>>>,
    private readonly log: ErrorLog,
    private readonly jsonIndex: boolean,
  ) {
    this.validator = rowValidators(zone)[kind] as unknown as RowValidator<RecordOf<K>>;
    this.columns = new Map(TABLES[kind].columns.map((c) => [c.field, c]));
  }

  /** CSV: which cell holds which record field. */
  bindCells(bindings: readonly { field: string; index: number }[]): void {
    this.cellBindings = bindings;
    this.fastCells = this.validator.fastCells(new Map(bindings.map((b) => [b.field, b.index])));
    this.accountIdCell = bindings.find((b) => b.field === "accountId")?.index;
  }

  /** The row as `{ field: non-blank cell }`. */
  rawOf(cells: readonly string[]): RawRow {
    const raw: RawRow = {};
    for (const { field, index } of this.cellBindings) {
      const cell = cells[index];
      if (cell !== undefined && cell !== "") raw[field] = cell;
    }
    return raw;
  }

  /** `check(rawOf(cells))`, without building the raw row unless the row is invalid or warned about. */
  checkCells(cells: readonly string[], line: number): Located<RecordOf<K>> | undefined {
    const valid = this.fastCells?.(cells);
    if (valid === undefined) {
      if (this.accountIdCell !== undefined && isTotalsRow(cells, this.accountIdCell)) {
        // Not data: left out like a blank row, and counted so that the caller can say so.
        this.stats.totals++;
        this.stats.firstTotalsLine ??= line;
        return undefined;
      }
      return this.check(this.rawOf(cells), line);
    }
    this.stats.rows++;
    this.stats.valid++;
    const record = valid as Located<RecordOf<K>>;
    record.file = this.file;
    record.line = line;
    if (this.kind === "accounts") {
      this.warnAbout(record as Located<RecordOf<"accounts">>, () => this.rawOf(cells));
    }
    return record;
  }

  /** The record, or undefined when the row is invalid (its errors are in the log). */
  check(raw: RawRow, line: number): Located<RecordOf<K>> | undefined {
    this.stats.rows++;
    let valid = this.validator.fast(raw);
    if (valid === undefined) {
      const result = this.validator.schema.safeParse(raw);
      if (!result.success) {
        this.stats.invalid++;
        for (const issue of result.error.issues) this.report(raw, line, issue);
        return undefined;
      }
      valid = result.data;
    }
    this.stats.valid++;
    const record = valid as Located<RecordOf<K>>;
    record.file = this.file;
    record.line = line;
    if (this.jsonIndex) record.jsonIndex = true;
    if (this.kind === "accounts") this.warnAbout(record as Located<RecordOf<"accounts">>, raw);
    return record;
  }

  private columnOf(field: string): string {
    const name = this.columns.get(field)?.name ?? field;
    return this.header[name] ?? name;
  }

  private location(line: number, field?: string) {
    if (this.jsonIndex) return { file: this.file, line, jsonIndex: true };
    const col = this.citeCells ? this.cellBindings.find((b) => b.field === field)?.index : undefined;
    return col === undefined ? { file: this.file, line } : { file: this.file, line, col };
  }

  private report(raw: RawRow, line: number, issue: z.core.$ZodIssue): void {
    const field = String(issue.path[0] ?? "");
    const value = raw[field];
    const expected = issue.message.includes("{") ? this.fillPlaceholders(issue.message, raw) : issue.message;
    this.log.add({
      ...this.location(line, field),
      column: this.columnOf(field),
      value: value === undefined ? "" : String(value),
      expected: value === undefined ? expected : `${expected}${this.looseHint(field)}`,
    });
  }

  /** `; the column "类型" was read as original (是否原创): rename it if it holds something else`. */
  private looseHint(field: string): string {
    const spec = this.columns.get(field);
    const written = this.header[spec?.name ?? field];
    if (spec?.looseAliases === undefined || written === undefined) return "";
    const key = headerKey(written);
    if (!spec.looseAliases.some((alias) => headerKey(alias) === key)) return "";
    return `; the column "${written}" was read as ${spec.name} (${spec.aliases[0]}): rename it if it holds something else`;
  }

  /** `{received_at}` → `留言时间 "2026-09-01 09:00"`. */
  private fillPlaceholders(message: string, raw: RawRow): string {
    const fields = new Map([...this.columns.values()].map((c) => [c.name, c.field]));
    return message.replace(PLACEHOLDER_RE, (_, name: string) => {
      const value = raw[fields.get(name) ?? name];
      return `${this.header[name] ?? name}${value === undefined ? "" : ` ${JSON.stringify(String(value))}`}`;
    });
  }

  private warnAbout(account: Located<RecordOf<"accounts">>, rawRow: RawRow | (() => RawRow)): void {
    const warnings = accountWarnings(account);
    if (warnings.length === 0) return;
    const raw = typeof rawRow === "function" ? rawRow() : rawRow;
    this.stats.warnings++;
    for (const warning of warnings) {
      const value = raw[warning.field];
      this.log.warn({
        ...this.location(account.line, warning.field),
        column: this.columnOf(warning.field),
        value: value === undefined ? "" : String(value),
        expected: warning.expected,
      });
    }
  }
}

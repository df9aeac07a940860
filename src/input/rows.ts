import type { z } from "zod";
import { parseCivilDate } from "../time/parse.js";
import type { Zone } from "../time/zone.js";
import type { Aliases } from "./aliases.js";
import type { ErrorLog } from "./errors.js";
import { headerKey } from "./header.js";
import type { NameMatcher } from "./names.js";
import { accountWarnings, type Located, type RowValidator, rowValidators } from "./schemas.js";
import { type ColumnSpec, type RecordOf, TABLES, type TableKind } from "./tables.js";
import { impliedAccountType, noValueWords, type RawValue } from "./values.js";

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
  /** Notes rows (注：…, 说明 …), left out like totals rows. */
  notes: number;
  firstNotesLine?: number;
  /** Posts and messages: times given as a date only, read with the benefit of the doubt (RULES §1). */
  dateOnly: number;
  /** Posts and messages: the newest publication or reception time read (epoch ms). */
  latest?: number;
}

/** How a table's rows are read beyond its header: an office's words, the registry's names. */
export interface RowOptions {
  aliases?: Aliases;
  /** Matches the account names of an export without an account-id column (PRODUCT §1.7). */
  names?: NameMatcher;
  /** T (epoch ms): a date-only post counts as published at the end of its day, but not after T. */
  asOf?: number;
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
export function isTotalsRow(
  cells: readonly string[],
  accountIdCell: number,
  /** A registry id is never a totals row's count (when the registry is known). */
  isRegistryId: (id: string) => boolean = () => false,
): boolean {
  const first = cells.findIndex((cell) => cell !== "");
  if (first < 0) return false;
  if (!TOTALS_CELL_RE.test(squeeze(cells[first]!))) return false;
  const id = cells[accountIdCell] ?? "";
  if (first === accountIdCell || id === "" || isPlaceholder(id)) return true;
  // `合计,共15个账号` / `合计,15`: the count beside the word, in the id column, and nothing else.
  const rest = cells.flatMap((cell, i) => (i > first && cell !== "" ? [i] : []));
  return (
    rest.length === 1 &&
    rest[0] === first + 1 &&
    COUNT_CELL_RE.test(squeeze(cells[first + 1]!)) &&
    !isRegistryId(id)
  );
}

const TOTALS_FIRST_CHARS = new Set(["合", "总", "小", "共"]);

/** A count beside a totals word: `15`, `15个`, `共15个账号`, `共计15条`. */
const COUNT_CELL_RE = /^(?:共计?)?[\d,]+(?:[个条项家人次篇件户]{0,2}(?:账号|单位|记录)?)?$/;

function squeeze(cell: string): string {
  return cell.normalize("NFKC").replace(/\s+/g, "");
}

/** A notes row: its first cell starts with 注/说明/备注/填表说明/数据来源, every other cell is blank. */
const NOTES_CELL_RE = /^(?:注|说明|备注|填表说明|数据来源)/;

export function isNotesRow(cells: readonly string[]): boolean {
  const first = cells.findIndex((cell) => cell !== "");
  if (first !== 0 || !NOTES_CELL_RE.test(cells[0]!.normalize("NFKC").trim())) return false;
  return cells.every((cell, i) => i === 0 || cell === "");
}

/** A time cell that is a date only (`20261006`, `2026-10-06`, `2026年10月6日`): short, so cheap to ask. */
function isDateOnly(cell: RawValue | undefined): boolean {
  return typeof cell === "string" && cell.length <= 12 && parseCivilDate(cell) !== undefined;
}

function foldText(text: string): string {
  return text.normalize("NFKC").replace(/\s+/g, "").toLowerCase();
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
  private cellIndex: ReadonlyMap<string, number> = new Map();
  /** CSV: the account-id cell, where a totals row has none (set by `bindCells`). */
  private accountIdCell: number | undefined;
  /** Record field → its column. */
  private readonly columns: ReadonlyMap<string, ColumnSpec>;
  readonly stats: ReadStats = {
    rows: 0,
    valid: 0,
    invalid: 0,
    warnings: 0,
    totals: 0,
    notes: 0,
    dateOnly: 0,
  };
  /** Indicator word (folded) → id, from the office's aliases. */
  private readonly indicators: ReadonlyMap<string, string>;
  private readonly isRegistryId = (id: string) => this.options.names?.hasId(id.trim()) === true;
  /** CSV: the cells of the name and platform, when the account id is found by name. */
  private nameCells: { name: number; platform: number | undefined; id: number } | undefined;
  /** A workbook sheet: errors cite the cell (`file.xlsx#sheet!C12`), not the line. */
  citeCells = false;

  constructor(
    private readonly kind: K,
    private readonly zone: Zone,
    private readonly file: string,
    /** Canonical column name → header as written (may grow while reading JSON). */
    private readonly header: Readonly<Partial<Record<string, string>>>,
    private readonly log: ErrorLog,
    private readonly jsonIndex: boolean,
    private readonly options: RowOptions = {},
  ) {
    this.validator = rowValidators(zone, options.aliases)[kind] as unknown as RowValidator<RecordOf<K>>;
    this.columns = new Map(TABLES[kind].columns.map((c) => [c.field, c]));
    this.indicators = new Map(
      Object.entries(options.aliases?.indicator ?? {}).map(([word, id]) => [foldText(word), id]),
    );
  }

  /** CSV: which cell holds which record field. */
  bindCells(bindings: readonly { field: string; index: number }[]): void {
    let bound = bindings;
    const name = bindings.find((b) => b.field === "name");
    if (this.kind !== "accounts" && name !== undefined && !bindings.some((b) => b.field === "accountId")) {
      // The account id is found by name and put in a cell after the row's own.
      const id = Math.max(...bindings.map((b) => b.index)) + 1;
      const platform = bindings.find((b) => b.field === "platform")?.index;
      this.nameCells = { name: name.index, platform, id };
      bound = [...bindings, { field: "accountId", index: id }];
    }
    this.cellBindings = bound;
    this.cellIndex = new Map(bound.map((b) => [b.field, b.index]));
    this.fastCells = this.validator.fastCells(new Map(bound.map((b) => [b.field, b.index])));
    this.accountIdCell = bound.find((b) => b.field === "accountId")?.index;
  }

  /**
   * The registry id of the account a row names (PRODUCT §1.7), or undefined when the name fits several
   * registry accounts (then the row's error is in the log).
   */
  private idByName(
    name: RawValue | undefined,
    platform: RawValue | undefined,
    line: number,
  ): string | undefined | null {
    if (name === undefined || name === "") return null;
    const text = String(name);
    const matched = this.options.names?.match(
      text,
      platform === undefined ? undefined : String(platform),
    ) ?? {
      id: text.trim(),
    };
    if ("id" in matched) return matched.id;
    this.stats.rows++;
    this.stats.invalid++;
    this.log.add({
      ...this.location(line),
      column: this.header.name ?? "name",
      value: text,
      expected: `the name of one registry account, but it fits ${matched.candidates.length}: ${matched.candidates
        .map((c) => `${c.id} (${c.platform})`)
        .join(", ")}; add a platform (平台) or an account-id (账号ID) column`,
    });
    return undefined;
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
  checkCells(row: readonly string[], line: number): Located<RecordOf<K>> | undefined {
    let cells = row;
    if (this.nameCells !== undefined) {
      const { name, platform, id } = this.nameCells;
      const matched = this.idByName(row[name], platform === undefined ? undefined : row[platform], line);
      if (matched === undefined) return undefined;
      cells = [...row];
      (cells as string[])[id] = matched ?? "";
    }
    const valid = this.fastCells?.(cells);
    // An export matched by name has the name where others have the id (the row as written is asked).
    const idCell = this.nameCells?.name ?? this.accountIdCell;
    if (valid === undefined || this.totalsInIdColumn(row, idCell)) {
      if (idCell !== undefined && isTotalsRow(row, idCell, this.isRegistryId)) {
        // Not data: left out like a blank row, and counted so that the caller can say so.
        this.stats.totals++;
        this.stats.firstTotalsLine ??= line;
        return undefined;
      }
      if (isNotesRow(row)) {
        this.stats.notes++;
        this.stats.firstNotesLine ??= line;
        return undefined;
      }
      return this.check(this.rawOf(cells), line);
    }
    this.stats.rows++;
    this.stats.valid++;
    const record = valid as Located<RecordOf<K>>;
    record.file = this.file;
    record.line = line;
    this.complete(record, (field) => {
      const index = this.cellIndex.get(field);
      const cell = index === undefined ? undefined : cells[index];
      return cell === "" ? undefined : cell;
    });
    return record;
  }

  /** What a valid record learns from its other cells: the office's indicator words, 微信订阅号's type. */
  private complete(record: Located<RecordOf<K>>, cell: (field: string) => RawValue | undefined): void {
    if (this.kind === "posts" || this.kind === "messages") this.benefitOfTheDoubt(record, cell);
    if (this.kind === "findings" && this.indicators.size > 0) {
      const finding = record as Located<RecordOf<"findings">>;
      finding.indicator = this.indicators.get(foldText(finding.indicator)) ?? finding.indicator;
    }
    if (this.kind === "accounts") {
      const account = record as Located<RecordOf<"accounts">>;
      if (account.accountType === undefined) {
        const type = impliedAccountType(cell("platform"));
        if (type !== undefined) account.accountType = type;
      }
      this.warnAbout(account, cell);
    }
  }

  /**
   * A row whose account id is itself a totals word (`总计,2个` in a findings sheet whose first column
   * is the id) passes the cells' checks: asked of it too, unless that word is a registry id.
   */
  private totalsInIdColumn(cells: readonly string[], idCell: number | undefined): boolean {
    if (idCell === undefined) return false;
    const id = cells[idCell] ?? "";
    return (
      TOTALS_FIRST_CHARS.has(id.trim().charAt(0)) &&
      TOTALS_CELL_RE.test(squeeze(id)) &&
      !this.isRegistryId(id)
    );
  }

  /** The record, or undefined when the row is invalid (its errors are in the log). */
  check(row: RawRow, line: number): Located<RecordOf<K>> | undefined {
    let raw = row;
    if (this.kind !== "accounts" && row.accountId === undefined && this.header.account_id === undefined) {
      const matched = this.idByName(row.name, row.platform, line);
      if (matched === undefined) return undefined;
      if (matched !== null) raw = { ...row, accountId: matched };
    }
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
    this.complete(record, (field) => raw[field]);
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

  /**
   * RULES §1: a time given as a date only covers its whole day. A post counts as published at the end
   * of its day (not after T), a message as received at the end of its day and replied at the start
   * (not before its reception: a same-day reply is on time). Counted, and the newest time kept.
   */
  private benefitOfTheDoubt(
    record: Located<RecordOf<K>>,
    cell: (field: string) => RawValue | undefined,
  ): void {
    if (this.kind === "posts") {
      const post = record as Located<RecordOf<"posts">>;
      if (isDateOnly(cell("publishedAt"))) {
        this.stats.dateOnly++;
        const end = this.zone.endOfDay(this.zone.dayOf(post.publishedAt));
        const cap = this.options.asOf ?? end;
        post.publishedAt = Math.max(post.publishedAt, Math.min(end, cap));
      }
      if (this.stats.latest === undefined || post.publishedAt > this.stats.latest)
        this.stats.latest = post.publishedAt;
      return;
    }
    const message = record as Located<RecordOf<"messages">>;
    if (isDateOnly(cell("receivedAt"))) {
      this.stats.dateOnly++;
      message.receivedAt = this.zone.endOfDay(this.zone.dayOf(message.receivedAt));
    }
    if (message.repliedAt !== undefined) {
      if (isDateOnly(cell("repliedAt"))) this.stats.dateOnly++;
      // A reply on the message's day, before the end of a date-only reception (or at the start of a
      // date-only reply's day), is taken as at the reception: on time.
      if (message.repliedAt < message.receivedAt) message.repliedAt = message.receivedAt;
    }
    if (this.stats.latest === undefined || message.receivedAt > this.stats.latest) {
      this.stats.latest = message.receivedAt;
    }
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

  private warnAbout(
    account: Located<RecordOf<"accounts">>,
    cell: (field: string) => RawValue | undefined,
  ): void {
    const warnings = accountWarnings(account);
    if (warnings.length === 0) return;
    this.stats.warnings++;
    for (const warning of warnings) {
      const value = cell(warning.field);
      this.log.warn({
        ...this.location(account.line, warning.field),
        column: this.columnOf(warning.field),
        value: value === undefined ? "" : String(value),
        expected: warning.expected,
      });
    }
  }
}

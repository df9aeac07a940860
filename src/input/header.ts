import { GmauditError } from "../errors.js";
import { message } from "../i18n.js";
import { type Aliases, columnAliasesOf } from "./aliases.js";
import { type ColumnSpec, TABLES, type TableKind } from "./tables.js";

/**
 * Header resolution: which cell of a header row is which column. Runs once per file, so it may be
 * generous with normalisation: case, width (（）→()), surrounding spaces, a `*` marking a required
 * column, spaces/underscores/hyphens inside the name, and a bracketed note (`账号名称（全称）`).
 */

const BRACKETED_NOTE_RE = /\([^)]*\)|\[[^\]]*\]|【[^】]*】|〔[^〕]*〕/g;
const BRACKET_CHARS_RE = /[()[\]【】〔〕]/g;
const IGNORED_CHARS_RE = /[\s*_-]/g;

/** The matching key of a header: `账号ID*` and `账号 id` both give `账号id`. */
export function headerKey(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(IGNORED_CHARS_RE, "");
}

/** Keys to try in order: as written, without bracketed notes, without the brackets alone. */
function candidateKeys(text: string): string[] {
  const folded = text.normalize("NFKC");
  return [
    headerKey(folded),
    headerKey(folded.replace(BRACKETED_NOTE_RE, "")),
    headerKey(folded.replace(BRACKET_CHARS_RE, "")),
  ];
}

export interface AliasEntry {
  column: ColumnSpec;
  /** 0 for the canonical name, then the aliases in their listed order: lower wins a conflict. */
  rank: number;
}

const builtInIndexes = new Map<TableKind, Map<string, AliasEntry>>();
const officeIndexes = new WeakMap<Aliases, Map<TableKind, Map<string, AliasEntry>>>();

/** Header key → column of a table: the built-in names, then an office's own (which win a conflict). */
function aliasIndex(kind: TableKind, aliases?: Aliases): Map<string, AliasEntry> {
  const own = columnAliasesOf(aliases, kind);
  const cache = own.length === 0 ? builtInIndexes : (officeIndexes.get(aliases!) ?? new Map());
  if (own.length > 0) officeIndexes.set(aliases!, cache);
  let index = cache.get(kind);
  if (index === undefined) {
    index = new Map();
    const columns = TABLES[kind].columns;
    for (const column of columns) {
      [column.name, ...column.aliases].forEach((name, rank) => {
        index!.set(headerKey(name), { column, rank });
      });
    }
    for (const [header, name] of own) {
      const column = columns.find((c) => c.name === name);
      // A column the table does not have ("*" entries name columns of other tables too).
      if (column !== undefined) index.set(headerKey(header), { column, rank: column.aliases.length + 1 });
    }
    cache.set(kind, index);
  }
  return index;
}

/** The column a header names in a table, if any. */
export function columnOf(kind: TableKind, header: string, aliases?: Aliases): ColumnSpec | undefined {
  return lookup(aliasIndex(kind, aliases), header)?.column;
}

/** The column a header names, with the rank of the name used. */
export function aliasEntry(kind: TableKind, header: string, aliases?: Aliases): AliasEntry | undefined {
  return lookup(aliasIndex(kind, aliases), header);
}

/** A note that scales a number (`粉丝数（万人）`, `（千）`): dropping it would read 1.2万 as 12. */
const SCALING_NOTE_RE = /[([【〔][^)\]】〕]*[十百千万亿][^)\]】〕]*[)\]】〕]/;

function lookup(index: Map<string, AliasEntry>, header: string): AliasEntry | undefined {
  const [asWritten, ...withoutNotes] = candidateKeys(header);
  const exact = asWritten === "" ? undefined : index.get(asWritten!);
  if (exact !== undefined) return exact;
  for (const key of withoutNotes) {
    if (key === "") continue;
    const entry = index.get(key);
    if (entry === undefined) continue;
    // A number column whose note names a unit is not that column: left unread (listed as an ignored
    // column) rather than read 10 000 times too small.
    if (
      (entry.column.type === "integer" || entry.column.type === "count") &&
      SCALING_NOTE_RE.test(header.normalize("NFKC"))
    ) {
      return undefined;
    }
    return entry;
  }
  return undefined;
}

/**
 * The headers of `kind` left unread because their note scales a number column (`粉丝数（万人）`): the
 * caller says so, so that the column is not silently missing.
 */
export function unreadScaledHeaders(
  kind: TableKind,
  headers: readonly string[],
  aliases?: Aliases,
): string[] {
  const index = aliasIndex(kind, aliases);
  return headers.filter((header) => {
    if (!SCALING_NOTE_RE.test(header.normalize("NFKC"))) return false;
    const [, ...withoutNotes] = candidateKeys(header);
    return withoutNotes.some((key) => {
      const type = index.get(key)?.column.type;
      return type === "integer" || type === "count";
    });
  });
}

export interface ColumnBinding {
  readonly column: ColumnSpec;
  /** Position of the cell in a CSV row (for JSON: the order in which the key was seen). */
  readonly index: number;
  /** The header as written in the file: error messages quote it. */
  readonly header: string;
}

export interface ResolvedHeader {
  readonly bindings: readonly ColumnBinding[];
  /** Headers that name no column of the table, or a column already named by a preferred alias. */
  readonly unknown: readonly string[];
  readonly missing: readonly ColumnSpec[];
  /** Columns named twice by the same name (`账号ID,账号ID`): which cell to read would be a guess. */
  readonly duplicates: readonly DuplicateColumn[];
}

export interface DuplicateColumn {
  readonly column: ColumnSpec;
  /** The headers as written, in the order of their cells. */
  readonly headers: readonly string[];
  /** 0-based cell positions. */
  readonly indexes: readonly number[];
}

interface Chosen {
  entry: AliasEntry;
  index: number;
  header: string;
  /** Later cells naming the column with the same rank: the duplicates. */
  same: { index: number; header: string }[];
}

/** Maps the cells of a header row to the columns of `kind`. */
export function resolveHeader(kind: TableKind, cells: readonly string[], aliases?: Aliases): ResolvedHeader {
  const index = aliasIndex(kind, aliases);
  const chosen = new Map<string, Chosen>();
  const unknown: string[] = [];
  cells.forEach((cell, position) => {
    const header = cell.trim();
    if (header === "") return;
    const entry = lookup(index, header);
    if (entry === undefined) {
      unknown.push(header);
      return;
    }
    const previous = chosen.get(entry.column.name);
    if (previous === undefined || entry.rank < previous.entry.rank) {
      if (previous !== undefined) unknown.push(previous.header, ...previous.same.map((s) => s.header));
      chosen.set(entry.column.name, { entry, index: position, header, same: [] });
    } else if (entry.rank === previous.entry.rank) {
      previous.same.push({ index: position, header });
    } else {
      unknown.push(header);
    }
  });
  const bindings = [...chosen.values()]
    .sort((a, b) => a.index - b.index)
    .map(({ entry, index: i, header }) => ({ column: entry.column, index: i, header }));
  // An export without an account-id column names its accounts by name (PRODUCT §1.7).
  const byName = kind !== "accounts" && chosen.has("name");
  const missing = TABLES[kind].columns.filter(
    (c) => c.required && !chosen.has(c.name) && !(byName && c.name === "account_id"),
  );
  const duplicates = [...chosen.values()]
    .filter((c) => c.same.length > 0)
    .map((c) => ({
      column: c.entry.column,
      headers: [c.header, ...c.same.map((s) => s.header)],
      indexes: [c.index, ...c.same.map((s) => s.index)],
    }));
  return { bindings, unknown, missing, duplicates };
}

/**
 * A header row that names one column twice by the same name is an error, not a guess: the two cells
 * may disagree, and reading either one silently could drop the data the user meant (PRODUCT §1.7).
 * Two different names of one column (`账号ID`, `account_id`) are not ambiguous: the preferred one wins.
 * `where` is `file:line` of the header row.
 */
export function assertUniqueColumns(where: string, resolved: ResolvedHeader): void {
  if (resolved.duplicates.length === 0) return;
  const lines = resolved.duplicates.map((d) => ({
    zh: `  列“${d.column.name}”出现多次：${d.headers.map((h, i) => `“${h}”（第 ${d.indexes[i]! + 1} 格）`).join("、")}`,
    en: `  column "${d.column.name}" is named by ${d.headers.map((h, i) => `"${h}" (cell ${d.indexes[i]! + 1})`).join(" and ")}`,
  }));
  const n = resolved.duplicates.length;
  throw new GmauditError(
    message(
      "input.duplicate-columns",
      `${where}：表头中有 ${n} 列重名，无法确定读取哪一格；请重命名或删除多余的列`,
      `${where}: the header names ${n === 1 ? "a column" : `${n} columns`} twice: which cell to read would be a guess; rename or remove the extra column${n === 1 ? "" : "s"}`,
    ),
    lines,
  );
}

/** A header gmaudit leaves unread but that looks like a column it reads (PRODUCT §1). */
export interface LookAlike {
  header: string;
  /** The columns it may be: one, or the table's date columns when only 时间/日期 says so. */
  columns: readonly ColumnSpec[];
}

const TIME_WORDS_RE = /时间|日期|time|date/i;

/**
 * The ignored headers of `kind` that look like a column it reads and has not found: an alias inside
 * the header (状态 in 当前状态, 平台 in 平台名称), or a time/date word where the table has a date column
 * not yet found. Silently ignored, 账号状态 would treat closed accounts as active.
 */
export function lookAlikeColumns(
  kind: TableKind,
  unknown: readonly string[],
  bound: Readonly<Partial<Record<string, string>>>,
): LookAlike[] {
  // Typed columns only: a free-text column (内容 in 内容类型) is too common a word to point anywhere.
  const free = TABLES[kind].columns.filter(
    (c) => bound[c.name] === undefined && !c.matchOnly && c.type !== "text",
  );
  const result: LookAlike[] = [];
  for (const header of unknown) {
    const key = headerKey(header.normalize("NFKC").replace(BRACKETED_NOTE_RE, ""));
    if (key === "") continue;
    let best: { column: ColumnSpec; length: number } | undefined;
    for (const column of free) {
      for (const alias of column.aliases) {
        const aliasKey = headerKey(alias);
        // Two-character words at least: 类型 alone is too loose to say anything.
        if (aliasKey.length < 2 || !key.includes(aliasKey) || column.looseAliases?.includes(alias)) continue;
        if (best === undefined || aliasKey.length > best.length) best = { column, length: aliasKey.length };
      }
    }
    if (best !== undefined) {
      result.push({ header, columns: [best.column] });
      continue;
    }
    if (TIME_WORDS_RE.test(key)) {
      const dates = free.filter((c) => c.type === "date" || c.type === "datetime");
      if (dates.length > 0) result.push({ header, columns: dates });
    }
  }
  return result;
}

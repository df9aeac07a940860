import { existsSync } from "node:fs";
import { open } from "node:fs/promises";
import { basename, extname, resolve } from "node:path";
import { GmauditError } from "../errors.js";
import { message } from "../i18n.js";
import type { Zone } from "../time/zone.js";
import type { Aliases } from "./aliases.js";
import { type CsvRow, csvRowBatches, csvRows, sniffDelimiter } from "./csv.js";
import {
  type ByteRange,
  linesBefore,
  normaliseNewlines,
  openText,
  splittable,
  type TextSource,
  unreadable,
} from "./decode.js";
import type { ErrorLog } from "./errors.js";
import {
  type AliasEntry,
  aliasEntry,
  assertUniqueColumns,
  type ResolvedHeader,
  resolveHeader,
} from "./header.js";
import { HEADER_SEARCH_ROWS, missingColumns, noHeader } from "./header-errors.js";
import { type JsonObject, type JsonRow, jsonArrayRows, ndjsonRows } from "./json.js";
import { NameMatcher, type RegistryName } from "./names.js";
import { type RawRow, type ReadStats, RowChecker, type RowOptions } from "./rows.js";
import type { Located } from "./schemas.js";
import { splitSheetRef, WORKBOOK_EXTENSION_RE } from "./sheet-ref.js";
import type { HeaderKind } from "./sheets.js";
import { type RecordOf, TABLE_KINDS, type TableKind } from "./tables.js";

export type { ReadStats } from "./rows.js";

export type TableFormat = "csv" | "tsv" | "json" | "ndjson" | "xlsx";

export interface ReadOptions {
  zone: Zone;
  /** Any iconv-lite encoding name; detected when absent. */
  encoding?: string;
  onProgress?: (bytesRead: number, totalBytes: number) => void;
  /** Directory that a relative `file` is relative to (default: the process's). Messages cite `file` as given. */
  cwd?: string;
  /**
   * CSV/TSV only: read the records of this part of the file alone (its header is still found at the
   * file's start; rows cite the file's own lines). A part after the first must start on a line (after
   * a line feed) in a `splittable` encoding. See ingest/ingest.ts for how parts are planned and checked.
   */
  range?: ByteRange;
  /** An office's own words for columns and values (config `aliases`). */
  aliases?: Aliases;
  /** The registry's accounts, to match an export that names accounts instead of giving ids. */
  registryNames?: readonly RegistryName[];
  /** T (epoch ms): a date-only post time counts as the end of its day, but not after T (RULES §1). */
  asOf?: number;
}

function rowOptions(options: ReadOptions): RowOptions {
  return {
    ...(options.aliases === undefined ? {} : { aliases: options.aliases }),
    ...(options.registryNames === undefined ? {} : { names: new NameMatcher(options.registryNames) }),
    ...(options.asOf === undefined ? {} : { asOf: options.asOf }),
  };
}

export interface TableReader<K extends TableKind> {
  readonly file: string;
  readonly kind: K;
  readonly format: TableFormat;
  /** Detected or given: `utf-8`, `utf-16le`, `utf-16be`, `gb18030`, … */
  readonly encoding: string;
  /** The file starts with a byte-order mark. */
  readonly bom: boolean;
  /** File size in bytes. */
  readonly size: number;
  /** CSV/TSV: the header row's physical line (title rows above it are skipped); JSON: 0. */
  readonly headerLine: number;
  /** Canonical column name → the header as found in the file. */
  readonly header: Readonly<Partial<Record<string, string>>>;
  /** Headers that name no column of this table (ignored). */
  readonly unknownColumns: readonly string[];
  /** Filled while iterating. */
  readonly stats: Readonly<ReadStats>;
  /** Valid records; invalid rows go to the log. Can be iterated once (this or `recordBatches`). */
  records(): AsyncIterable<Located<RecordOf<K>>>;
  /** The same records in arrays (one per piece of the file): what a reader of large files iterates. */
  recordBatches(): AsyncIterable<Located<RecordOf<K>>[]>;
  /** Stops reading (when the records are not iterated to the end). */
  close(): Promise<void>;
}

function readPath(file: string, cwd: string | undefined): string {
  return cwd === undefined ? file : resolve(cwd, file);
}

interface Layout {
  format: Exclude<TableFormat, "xlsx">;
  delimiter?: string;
}

const EXTENSION_FORMATS: Readonly<Record<string, Layout["format"] | "txt">> = {
  ".csv": "csv",
  ".tsv": "tsv",
  ".txt": "txt",
  ".json": "json",
  ".ndjson": "ndjson",
  ".jsonl": "ndjson",
};

/** The format from the extension, else from the content: `[` JSON, `{` NDJSON, anything else CSV. */
function layoutOf(file: string, head: string): Layout {
  const byExtension = EXTENSION_FORMATS[extname(file).toLowerCase()];
  const firstChar = head.trimStart().charAt(0);
  switch (byExtension) {
    case "tsv":
      return { format: "tsv", delimiter: "\t" };
    case "ndjson":
      return { format: "ndjson" };
    // A .json file of one object per line is NDJSON under the wrong name.
    case "json":
      return { format: firstChar === "{" ? "ndjson" : "json" };
    case "csv":
      return delimited(sniffDelimiter(head, ","));
    default:
      if (byExtension === undefined && firstChar === "[") return { format: "json" };
      if (byExtension === undefined && firstChar === "{") return { format: "ndjson" };
      return delimited(sniffDelimiter(head));
  }
}

function delimited(delimiter: string): Layout {
  return { format: delimiter === "\t" ? "tsv" : "csv", delimiter };
}

/** Opens an input table: detects encoding and format, finds and resolves the header. */
export async function openTable<K extends TableKind>(
  file: string,
  kind: K,
  options: ReadOptions,
  log: ErrorLog,
): Promise<TableReader<K>> {
  const path = readPath(file, options.cwd);
  const sheet = await openSheetOf(file, kind, options.cwd);
  if (sheet !== undefined) {
    // A sheet is read whole: the only part of a workbook is all of it (a reading thread asks so).
    if (options.range !== undefined && options.range.start > 0) {
      throw new Error(`${file}: only a CSV/TSV file is read in parts`);
    }
    return openDelimited(sheet.source, "xlsx", new RowCursor(sheet.rows), kind, options, log);
  }
  const source = await openText(file, options.encoding, path);
  const layout = layoutOf(file, source.head);
  const { range } = options;
  if (layout.format === "csv" || layout.format === "tsv") {
    const delimiter = layout.delimiter ?? ",";
    if (range !== undefined && range.start > 0) {
      // The header from the file's start, the records from the part.
      const head = new RowCursor(csvRowBatches(normaliseNewlines(source.chunks()), delimiter, file));
      const firstLine = 1 + (await linesBefore(path, file, range.start));
      const text = normaliseNewlines(source.chunks(options.onProgress, range));
      const records = () => csvRowBatches(text, delimiter, file, firstLine);
      return openDelimited(source, layout.format, head, kind, options, log, { firstLine, records });
    }
    const text = normaliseNewlines(source.chunks(options.onProgress, range));
    const rows = new RowCursor(csvRowBatches(text, delimiter, file));
    return openDelimited(source, layout.format, rows, kind, options, log);
  }
  if (range !== undefined) throw new Error(`${file}: only a CSV/TSV file is read in parts`);
  const text = normaliseNewlines(source.chunks(options.onProgress));
  const rows = layout.format === "json" ? jsonArrayRows(text, file) : ndjsonRows(text, file);
  return openJson(source, layout.format, rows, kind, options, log);
}

/** How far past a planned cut the next line feed is looked for. */
const CUT_SEARCH_BYTES = 1024 * 1024;

/**
 * Cuts a CSV/TSV file into up to `parts` byte ranges for openTable's `range` (of about equal size, or
 * the first one of about `firstShare` of the file), each after the first starting right after a line
 * feed. A cut may still fall inside a quoted cell that spans lines: the part before it then ends in
 * an unclosed quote, an error — whoever reads the parts must read the file whole when any part fails
 * (ingest/ingest.ts does). One range, the whole file, when it cannot be cut: JSON, an encoding in
 * which a line-feed byte may be part of a character (UTF-16), or no line feed near a cut.
 */
export async function planRanges(
  file: string,
  parts: number,
  options: Pick<ReadOptions, "encoding" | "cwd"> = {},
  /** The first part's share of the file (default 1 / parts); the other parts share the rest equally. */
  firstShare = 1 / parts,
): Promise<ByteRange[]> {
  const path = readPath(file, options.cwd);
  const source = await openText(file, options.encoding, path);
  const whole = [{ start: 0, end: source.size }];
  const format = layoutOf(file, source.head).format;
  if (parts < 2 || (format !== "csv" && format !== "tsv") || !splittable(source.encoding)) return whole;
  const cuts: number[] = [];
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(path, "r");
    const window = Buffer.alloc(Math.min(CUT_SEARCH_BYTES, source.size));
    for (let k = 1; k < parts; k++) {
      const planned = Math.floor(source.size * (firstShare + ((1 - firstShare) * (k - 1)) / (parts - 1)));
      const { bytesRead } = await handle.read(window, 0, window.length, planned);
      const at = window.subarray(0, bytesRead).indexOf(10);
      const cut = planned + at + 1;
      if (at !== -1 && cut < source.size && cut > (cuts.at(-1) ?? 0)) cuts.push(cut);
    }
  } catch (err) {
    throw unreadable(file, err);
  } finally {
    await handle?.close();
  }
  const starts = [0, ...cuts];
  return starts.map((start, i) => ({ start, end: starts[i + 1] ?? source.size }));
}

// ---------------------------------------------------------------------------------------------------
// CSV / TSV

interface HeaderMatch {
  kind: TableKind;
  row: CsvRow;
  resolved: ResolvedHeader;
}

/**
 * The header is the first of the first 10 rows that names every required column of a kind; when it
 * names those of several kinds, the one with the most columns named (then the file name) wins.
 */
async function findHeaderRow(
  rows: AsyncIterator<CsvRow>,
  file: string,
  kinds: readonly TableKind[],
  aliases?: Aliases,
): Promise<HeaderMatch> {
  const seen: CsvRow[] = [];
  while (seen.length < HEADER_SEARCH_ROWS) {
    const next = await rows.next();
    if (next.done) break;
    const row = next.value;
    seen.push(row);
    const matches = kinds
      .map((kind) => ({ kind, row, resolved: resolveHeader(kind, row.cells, aliases) }))
      .filter((m) => m.resolved.missing.length === 0);
    if (matches.length > 0) return bestMatch(matches, file);
  }
  throw noHeader(file, kinds, seen, aliases);
}

/** A workbook sheet's table, from its first rows as a header (undefined when none names one). */
const sheetHeaderKind: HeaderKind = async (rows, label) => {
  for (let seen = 0; seen < HEADER_SEARCH_ROWS; seen++) {
    const next = await rows.next();
    if (next.done) return undefined;
    const matches = TABLE_KINDS.map((kind) => ({
      kind,
      row: next.value,
      resolved: resolveHeader(kind, next.value.cells),
    })).filter((m) => m.resolved.missing.length === 0);
    if (matches.length > 0) return bestMatch(matches, label).kind;
  }
  return undefined;
};

/** The workbook reader, loaded only for a workbook (a CSV run does not pay for loading it). */
function workbookReader(file: string) {
  const named = splitSheetRef(file, (f) => existsSync(f)).file;
  return WORKBOOK_EXTENSION_RE.test(named) ? import("./sheets.js") : undefined;
}

async function openSheetOf(file: string, kind: TableKind, cwd: string | undefined) {
  return (await workbookReader(file))?.openSheet(file, kind, cwd, sheetHeaderKind);
}

/** The other tables of a workbook given for `check` (see sheets.ts): kind → `file.xlsx#sheet`. */
export async function tablesInWorkbook(
  file: string,
  cwd?: string,
): Promise<Partial<Record<TableKind, string>>> {
  return (await (await workbookReader(file))?.workbookTables(file, cwd, sheetHeaderKind)) ?? {};
}

function bestMatch(matches: HeaderMatch[], file: string): HeaderMatch {
  const hinted = kindNamedBy(file);
  return matches.reduce((best, m) => {
    const diff = m.resolved.bindings.length - best.resolved.bindings.length;
    return diff > 0 || (diff === 0 && m.kind === hinted && best.kind !== hinted) ? m : best;
  });
}

/** File names the companion lookup of `check` also knows (PRODUCT §2.1). */
const KIND_FILE_NAMES: Readonly<Record<TableKind, readonly string[]>> = {
  accounts: ["accounts", "备案台账", "台账"],
  posts: ["posts", "发布记录"],
  messages: ["messages", "留言记录"],
  filings: ["filings", "备案记录"],
  findings: ["findings", "检查记录"],
};

function kindNamedBy(file: string): TableKind | undefined {
  const name = basename(file).toLowerCase();
  return TABLE_KINDS.find((kind) => KIND_FILE_NAMES[kind].some((word) => name.includes(word)));
}

/** Rows one by one for the header search, then the rest in batches. */
class RowCursor implements AsyncIterator<CsvRow> {
  private current: CsvRow[] = [];
  private index = 0;

  constructor(private readonly batches: AsyncGenerator<CsvRow[]>) {}

  async next(): Promise<IteratorResult<CsvRow>> {
    while (this.index >= this.current.length) {
      const next = await this.batches.next();
      if (next.done) return { done: true, value: undefined };
      this.current = next.value;
      this.index = 0;
    }
    return { done: false, value: this.current[this.index++]! };
  }

  async *rest(): AsyncGenerator<CsvRow[]> {
    if (this.index < this.current.length) {
      const first = this.current.slice(this.index);
      this.current = [];
      yield first;
    }
    yield* this.batches;
  }

  async return(_value?: undefined): Promise<IteratorResult<CsvRow>> {
    await this.batches.return(undefined);
    return { done: true, value: undefined };
  }
}

/** The records of a part of a file after the first: its rows, from `firstLine` on. */
interface LaterPart {
  firstLine: number;
  records: () => AsyncGenerator<CsvRow[]>;
}

async function openDelimited<K extends TableKind>(
  source: SourceInfo,
  format: "csv" | "tsv" | "xlsx",
  rows: RowCursor,
  kind: K,
  options: ReadOptions,
  log: ErrorLog,
  part?: LaterPart,
): Promise<TableReader<K>> {
  const { file } = source;
  let match: HeaderMatch;
  try {
    match = await findHeaderRow(rows, file, [kind], options.aliases);
    assertUniqueColumns(`${file}:${match.row.line}`, match.resolved);
  } catch (err) {
    await rows.return(undefined);
    throw err;
  }
  let recordRows = rows;
  if (part !== undefined) {
    await rows.return(undefined);
    // The part must start below the header row (and any line of it): a planning error otherwise.
    const headerEnd = match.row.line + embeddedLineFeeds(match.row.cells);
    if (part.firstLine <= headerEnd) {
      throw new Error(`${file}: a part starting on line ${part.firstLine} overlaps the header`);
    }
    recordRows = new RowCursor(part.records());
  }
  const header = headerMap(match.resolved);
  const checker = new RowChecker(kind, options.zone, file, header, log, false, rowOptions(options));
  if (format === "xlsx") checker.citeCells = true;
  checker.bindCells(match.resolved.bindings.map((b) => ({ field: b.column.field, index: b.index })));

  async function* recordBatches(): AsyncGenerator<Located<RecordOf<K>>[]> {
    for await (const batch of recordRows.rest()) {
      const records: Located<RecordOf<K>>[] = [];
      for (const row of batch) {
        const record = checker.checkCells(row.cells, row.line);
        if (record !== undefined) records.push(record);
      }
      if (records.length > 0) yield records;
    }
  }

  return reader(
    source,
    format,
    kind,
    match.row.line,
    header,
    match.resolved.unknown,
    checker,
    recordBatches,
    recordRows,
  );
}

function embeddedLineFeeds(cells: readonly string[]): number {
  let count = 0;
  for (const cell of cells) for (const char of cell) if (char === "\n") count++;
  return count;
}

function headerMap(resolved: ResolvedHeader): Partial<Record<string, string>> {
  const header: Partial<Record<string, string>> = {};
  for (const b of resolved.bindings) header[b.column.name] = b.header;
  return header;
}

/** What a reader tells of its file. */
type SourceInfo = Pick<TextSource, "file" | "encoding" | "bom" | "size">;

function reader<K extends TableKind>(
  source: SourceInfo,
  format: TableFormat,
  kind: K,
  headerLine: number,
  header: Partial<Record<string, string>>,
  unknownColumns: readonly string[],
  checker: RowChecker<K>,
  recordBatches: () => AsyncGenerator<Located<RecordOf<K>>[]>,
  rows: { return(value?: undefined): Promise<unknown> },
): TableReader<K> {
  let started = false;
  const start = () => {
    if (started) throw new Error(`records() of ${source.file} can be iterated only once`);
    started = true;
  };
  return {
    file: source.file,
    kind,
    format,
    encoding: source.encoding,
    bom: source.bom,
    size: source.size,
    headerLine,
    header,
    unknownColumns,
    stats: checker.stats,
    records() {
      start();
      return flatten(recordBatches());
    },
    recordBatches() {
      start();
      return recordBatches();
    },
    async close() {
      await rows.return(undefined);
    },
  };
}

async function* flatten<T>(batches: AsyncIterable<T[]>): AsyncGenerator<T> {
  for await (const batch of batches) yield* batch;
}

// ---------------------------------------------------------------------------------------------------
// JSON / NDJSON

/** The first rows: their keys together are the header (a key may be left out where its value is null). */
async function firstJsonRows(rows: AsyncGenerator<JsonRow>): Promise<JsonRow[]> {
  const first: JsonRow[] = [];
  while (first.length < HEADER_SEARCH_ROWS) {
    const next = await rows.next();
    if (next.done) break;
    first.push(next.value);
  }
  return first;
}

function keysOf(rows: readonly JsonRow[]): string[] {
  const keys = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row.value)) keys.add(key);
  return [...keys];
}

/** A native JSON value as a raw cell; undefined for blank (null, "", absent). */
function jsonCell(value: unknown): RawRow[string] | undefined {
  switch (typeof value) {
    case "string": {
      const text = value.trim();
      return text === "" ? undefined : text;
    }
    case "number":
    case "boolean":
      return value;
    case "object":
      return value === null ? undefined : JSON.stringify(value);
    default:
      return undefined;
  }
}

const JSON_BATCH = 512;

async function openJson<K extends TableKind>(
  source: TextSource,
  format: "json" | "ndjson",
  rows: AsyncGenerator<JsonRow>,
  kind: K,
  options: ReadOptions,
  log: ErrorLog,
): Promise<TableReader<K>> {
  const { file } = source;
  let first: JsonRow[];
  try {
    first = await firstJsonRows(rows);
  } catch (err) {
    await rows.return(undefined);
    throw err;
  }
  const keys = keysOf(first);
  const resolved = resolveHeader(kind, keys, options.aliases);
  if (first.length > 0 && resolved.missing.length > 0) {
    await rows.return(undefined);
    throw missingColumns(file, kind, resolved, keys);
  }
  const header = headerMap(resolved);
  const unknownColumns: string[] = [];
  const jsonIndex = format === "json";
  const checker = new RowChecker(kind, options.zone, file, header, log, jsonIndex, rowOptions(options));
  // Each object names its own columns: any alias counts, per object. Key → column, resolved once.
  const entries = new Map<string, AliasEntry | null>();
  const entryOf = (key: string): AliasEntry | null => {
    let entry = entries.get(key);
    if (entry === undefined) {
      entry = aliasEntry(kind, key, options.aliases) ?? null;
      if (entry === null) unknownColumns.push(key);
      else header[entry.column.name] ??= key;
      entries.set(key, entry);
    }
    return entry;
  };
  for (const key of keys) entryOf(key);

  const toRaw = (value: JsonObject): RawRow => {
    const raw: RawRow = {};
    for (const key in value) {
      const entry = entryOf(key);
      if (entry === null) continue;
      const cell = jsonCell(value[key]);
      if (cell === undefined) continue;
      const { field } = entry.column;
      raw[field] = raw[field] === undefined ? cell : (preferredCell(value, field) ?? cell);
    }
    return raw;
  };

  /** Two keys for one column in one object (账号ID and account_id): the preferred name wins. */
  const preferredCell = (value: JsonObject, field: string): RawRow[string] | undefined => {
    let best: { rank: number; cell: RawRow[string] } | undefined;
    for (const key in value) {
      const entry = entryOf(key);
      const cell = jsonCell(value[key]);
      if (entry?.column.field !== field || cell === undefined) continue;
      if (best === undefined || entry.rank < best.rank) best = { rank: entry.rank, cell };
    }
    return best?.cell;
  };

  async function* recordBatches(): AsyncGenerator<Located<RecordOf<K>>[]> {
    let batch: Located<RecordOf<K>>[] = [];
    for (const row of first) {
      const record = checker.check(toRaw(row.value), row.line);
      if (record !== undefined) batch.push(record);
    }
    try {
      for await (const row of rows) {
        const record = checker.check(toRaw(row.value), row.line);
        if (record === undefined) continue;
        batch.push(record);
        if (batch.length >= JSON_BATCH) {
          yield batch;
          batch = [];
        }
      }
    } catch (err) {
      // The records before a malformed one are read first, as when reading one by one.
      if (batch.length > 0) yield batch;
      throw err;
    }
    if (batch.length > 0) yield batch;
  }

  return reader(source, format, kind, 0, header, unknownColumns, checker, recordBatches, rows);
}

// ---------------------------------------------------------------------------------------------------
// Kind detection (validate without --kind)

/**
 * The kind of table a file holds, from its header (the first 10 rows only): the kind whose required
 * columns it names; when several, the one with the most columns named. Throws when none fits.
 */
export async function detectKind(
  file: string,
  options: Pick<ReadOptions, "encoding" | "cwd" | "aliases"> = {},
): Promise<TableKind> {
  const sheet = await openSheetOf(file, "accounts", options.cwd);
  if (sheet !== undefined) {
    const rows = new RowCursor(sheet.rows);
    try {
      return (await findHeaderRow(rows, sheet.source.file, TABLE_KINDS)).kind;
    } finally {
      await rows.return(undefined);
    }
  }
  const source = await openText(file, options.encoding, readPath(file, options.cwd));
  const layout = layoutOf(file, source.head);
  const text = normaliseNewlines(source.chunks());
  if (layout.format === "csv" || layout.format === "tsv") {
    const rows = csvRows(text, layout.delimiter ?? ",", file);
    try {
      return (await findHeaderRow(rows, file, TABLE_KINDS, options.aliases)).kind;
    } finally {
      await rows.return(undefined);
    }
  }
  const rows = layout.format === "json" ? jsonArrayRows(text, file) : ndjsonRows(text, file);
  let keys: string[];
  try {
    keys = keysOf(await firstJsonRows(rows));
  } finally {
    await rows.return(undefined);
  }
  const matches = TABLE_KINDS.map((kind) => ({
    kind,
    row: { cells: keys, line: 0 },
    resolved: resolveHeader(kind, keys, options.aliases),
  })).filter((m) => m.resolved.missing.length === 0);
  if (matches.length === 0) {
    throw new GmauditError(
      message(
        "input.which-table",
        `${file}：无法从键名判断这是哪一张表（请用 --kind 指定）`,
        `${file}: cannot tell which table this is from its keys (use --kind)`,
      ),
      [
        {
          zh: `  找到的键：${keys.join(", ") || "（无）"}`,
          en: `  keys found: ${keys.join(", ") || "(none)"}`,
        },
      ],
    );
  }
  return bestMatch(matches, file).kind;
}

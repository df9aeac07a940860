import { open as openFile } from "node:fs/promises";
import { posix } from "node:path";
import type { Readable } from "node:stream";
import { SaxesParser, type SaxesTagPlain } from "saxes";
import yauzl, { type Entry, type ZipFile } from "yauzl";
import { GmauditError } from "../errors.js";
import { message } from "../i18n.js";
import type { CsvRow } from "./csv.js";

/**
 * Reading .xlsx workbooks (PRODUCT §1.9) as rows of text cells for the CSV path's header and row
 * pipeline. The zip is read by yauzl (random access to its entries, every entry's size checked against
 * its directory) and the XML by saxes (no DTD, no entity expansion): only the parts of SpreadsheetML
 * that carry values are interpreted here. A sheet is streamed row by row; what is held in memory is
 * the shared-string table (as UTF-8 bytes, bounded) and the styles' date formats.
 *
 * Cell values keep their type as text the pipeline reads: a string cell as written (leading zeros
 * kept), a number as its shortest decimal, a date-formatted number as `yyyy-mm-dd[ hh:mm:ss]` wall
 * time (1900 or 1904 system), a boolean as TRUE/FALSE, a formula by its cached result.
 */

/** A message in both languages: the CLI prints the one of `--lang`. */
export interface Bilingual {
  zh: string;
  en: string;
}

/** An input error with a Chinese and an English message (`message` is the English one). */
export class WorkbookError extends GmauditError {
  constructor(text: Bilingual, id = "input.workbook") {
    super(message(id, text.zh, text.en));
    this.name = "WorkbookError";
  }
}

/** Limits against hostile workbooks (a zip of XML from outside the office). */
export const WORKBOOK_LIMITS = {
  /** Entries in the zip. A real workbook has tens. */
  entries: 10_000,
  /** Uncompressed size of one part (a sheet of Excel's 1,048,576 rows of text fits). */
  partBytes: 4 * 1024 ** 3,
  /** Uncompressed ÷ compressed size above which a large part is taken for a zip bomb. */
  ratio: 200,
  /** A part smaller than this is never refused for its ratio. */
  ratioFloorBytes: 64 * 1024 * 1024,
  /** Shared-string table: total UTF-8 bytes and number of strings kept in memory. */
  sharedStringBytes: 160 * 1024 * 1024,
  sharedStrings: 8 * 1024 * 1024,
  /** Styles, workbook and relationship parts are small; a large one is not a workbook's. */
  smallPartBytes: 64 * 1024 * 1024,
  /** Columns of a row (Excel's own limit is 16,384). */
  columns: 16_384,
  /** Rows of a sheet (Excel's limit). */
  rows: 1_048_576,
};

const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];
const OLE2_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export { columnLetters, splitSheetRef, WORKBOOK_EXTENSION_RE } from "./sheet-ref.js";

export interface SheetInfo {
  name: string;
  /** The sheet part's path in the zip. */
  part: string;
}

/** The file's first bytes say what it is: a zip (xlsx), an OLE2 compound file (xls, or an encrypted xlsx), else not a workbook. */
export async function workbookKind(path: string): Promise<"zip" | "ole2" | undefined> {
  const handle = await openFile(path, "r");
  try {
    const head = Buffer.alloc(8);
    const { bytesRead } = await handle.read(head, 0, 8, 0);
    const starts = (sig: readonly number[]) => bytesRead >= sig.length && sig.every((b, i) => head[i] === b);
    return starts(ZIP_SIGNATURE) ? "zip" : starts(OLE2_SIGNATURE) ? "ole2" : undefined;
  } finally {
    await handle.close();
  }
}

export function encryptedOrLegacy(file: string): WorkbookError {
  return new WorkbookError({
    zh: `${file}：这是设置了打开密码的加密工作簿，或旧版 .xls/.et 格式，gmaudit 无法读取：请在 Excel 或 WPS 中取消密码后另存为 .xlsx（文件 → 另存为 → “Excel 工作簿(*.xlsx)”），或另存为 CSV`,
    en: `${file}: a password-protected (encrypted) workbook or an old .xls/.et file, which gmaudit cannot read: remove the password and save it as .xlsx (File → Save As → "Excel Workbook (*.xlsx)"), or save it as CSV`,
  });
}

function malformed(file: string, why: Bilingual): WorkbookError {
  return new WorkbookError({
    zh: `${file}：不是可读取的 Excel 工作簿（${why.zh}）`,
    en: `${file}: not a readable Excel workbook (${why.en})`,
  });
}

function tooLarge(file: string, why: Bilingual): WorkbookError {
  return new WorkbookError({
    zh: `${file}：工作簿异常，已停止读取（${why.zh}）：请在 Excel 或 WPS 中打开检查，或另存为 CSV`,
    en: `${file}: suspicious workbook, reading stopped (${why.en}): open it in Excel or WPS to check it, or save it as CSV`,
  });
}

function zipOpen(path: string): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(
      path,
      { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false },
      (err, zip) => (err ? reject(err) : resolve(zip)),
    );
  });
}

function megabytes(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024)} MB`;
}

/** An opened workbook: its sheets, and their rows on demand. */
export class Workbook {
  private constructor(
    readonly file: string,
    private readonly zip: ZipFile,
    private readonly entries: ReadonlyMap<string, Entry>,
    readonly sheets: readonly SheetInfo[],
    private readonly date1904: boolean,
    private readonly dateStyles: ReadonlySet<number>,
    private readonly sharedStringsPart: string | undefined,
  ) {}

  private shared: SharedStrings | undefined;

  /** Opens `path` (cited as `file`): reads the zip's directory, the sheet list and the styles. */
  static async open(file: string, path: string): Promise<Workbook> {
    const kind = await workbookKind(path).catch(() => undefined);
    if (kind === "ole2") throw encryptedOrLegacy(file);
    let zip: ZipFile;
    try {
      zip = await zipOpen(path);
    } catch (err) {
      throw malformed(file, { zh: `zip 结构错误：${errText(err)}`, en: `bad zip: ${errText(err)}` });
    }
    try {
      const entries = await listEntries(file, zip);
      const read = (part: string) => readSmallPart(file, zip, entries, part);
      const workbookXml = await read("xl/workbook.xml");
      if (workbookXml === undefined) {
        throw malformed(file, { zh: "缺少 xl/workbook.xml", en: "no xl/workbook.xml" });
      }
      const book = parseWorkbookXml(file, workbookXml);
      const rels = parseRels(file, (await read("xl/_rels/workbook.xml.rels")) ?? "<Relationships/>");
      const target = (id: string) => {
        const t = rels.get(id);
        return t === undefined ? undefined : t.startsWith("/") ? t.slice(1) : posix.normalize(`xl/${t}`);
      };
      const sheets: SheetInfo[] = [];
      for (const s of book.sheets) {
        const part = target(s.rid);
        if (part !== undefined && entries.has(part)) sheets.push({ name: s.name, part });
      }
      const byType = (suffix: string, fallback: string) => {
        for (const id of rels.keys()) if (rels.typeOf(id)?.endsWith(suffix)) return target(id);
        return entries.has(fallback) ? fallback : undefined;
      };
      const stylesPart = byType("/styles", "xl/styles.xml");
      const stylesXml = stylesPart === undefined ? undefined : await read(stylesPart);
      const dateStyles = stylesXml === undefined ? new Set<number>() : parseDateStyles(file, stylesXml);
      return new Workbook(
        file,
        zip,
        entries,
        sheets,
        book.date1904,
        dateStyles,
        byType("/sharedStrings", "xl/sharedStrings.xml"),
      );
    } catch (err) {
      zip.close();
      throw err;
    }
  }

  close(): void {
    this.zip.close();
  }

  /** The sheet's XML size, unpacked: what its table weighs (the readers size their work by it). */
  sheetBytes(sheet: SheetInfo): number {
    return this.entries.get(sheet.part)?.uncompressedSize ?? 0;
  }

  private async sharedStrings(): Promise<SharedStrings> {
    if (this.shared !== undefined) return this.shared;
    const shared = new SharedStrings(this.file);
    const part = this.sharedStringsPart === undefined ? undefined : this.entries.get(this.sharedStringsPart);
    if (part !== undefined) await readSharedStrings(this.file, await this.stream(part), shared);
    this.shared = shared;
    return shared;
  }

  private async stream(entry: Entry): Promise<Readable> {
    checkRatio(this.file, entry);
    return openEntry(this.zip, entry);
  }

  /**
   * The sheet's non-blank rows in batches, as the CSV reader gives them: `line` is the sheet's row
   * number, `cells` the values as text from column A (blank cells are "").
   */
  async *rows(sheet: SheetInfo, batchRows = 512): AsyncGenerator<CsvRow[]> {
    yield* this.typedRows(sheet, batchRows, false);
  }

  /** `rows`, with each cell's type as the sheet gives it (for tests and diagnostics). */
  async *typedRows(sheet: SheetInfo, batchRows = 512, withTypes = true): AsyncGenerator<TypedRow[]> {
    const shared = await this.sharedStrings();
    const entry = this.entries.get(sheet.part)!;
    const stream = await this.stream(entry);
    const reader = new SheetReader(this.file, sheet.name, shared, this.dateStyles, this.date1904, withTypes);
    const parser = reader.parser;
    try {
      for await (const chunk of stream) {
        parser.write(chunk as string);
        reader.rethrow();
        if (reader.ready.length >= batchRows) yield reader.take();
      }
      parser.close();
      reader.rethrow();
      if (reader.ready.length > 0) yield reader.take();
    } catch (err) {
      throw asWorkbookError(this.file, err);
    } finally {
      stream.destroy();
    }
  }
}

function errText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function asWorkbookError(file: string, err: unknown): Error {
  if (err instanceof GmauditError) return err;
  return malformed(file, { zh: `内容错误：${errText(err)}`, en: `bad content: ${errText(err)}` });
}

async function listEntries(file: string, zip: ZipFile): Promise<Map<string, Entry>> {
  const entries = new Map<string, Entry>();
  if (zip.entryCount > WORKBOOK_LIMITS.entries) {
    throw tooLarge(file, {
      zh: `压缩包内有 ${zip.entryCount} 个文件`,
      en: `${zip.entryCount} files in the zip`,
    });
  }
  await new Promise<void>((resolve, reject) => {
    zip.on("entry", (entry: Entry) => {
      entries.set(entry.fileName.replace(/^\/+/, ""), entry);
      zip.readEntry();
    });
    zip.on("end", () => resolve());
    zip.on("error", reject);
    zip.readEntry();
  }).catch((err: unknown) => {
    throw malformed(file, { zh: `zip 结构错误：${errText(err)}`, en: `bad zip: ${errText(err)}` });
  });
  return entries;
}

function checkRatio(file: string, entry: Entry): void {
  const size = entry.uncompressedSize;
  const bomb =
    size > WORKBOOK_LIMITS.partBytes ||
    (size > WORKBOOK_LIMITS.ratioFloorBytes &&
      size > WORKBOOK_LIMITS.ratio * Math.max(1, entry.compressedSize));
  if (bomb) {
    throw tooLarge(file, {
      zh: `${entry.fileName} 解压后为 ${megabytes(size)}，压缩前仅 ${megabytes(entry.compressedSize)}，疑似“压缩炸弹”`,
      en: `${entry.fileName} unpacks to ${megabytes(size)} from ${megabytes(entry.compressedSize)}: a zip bomb`,
    });
  }
  if (entry.isEncrypted()) {
    throw malformed(file, { zh: `${entry.fileName} 已加密`, en: `${entry.fileName} is encrypted` });
  }
}

function openEntry(zip: ZipFile, entry: Entry): Promise<Readable> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => {
      if (err) reject(err);
      else {
        // A character cut between two chunks is joined by the decoder (not decoded chunk by chunk).
        stream.setEncoding("utf8");
        resolve(stream);
      }
    });
  });
}

async function readSmallPart(
  file: string,
  zip: ZipFile,
  entries: ReadonlyMap<string, Entry>,
  part: string,
): Promise<string | undefined> {
  const entry = entries.get(part);
  if (entry === undefined) return undefined;
  if (entry.uncompressedSize > WORKBOOK_LIMITS.smallPartBytes) {
    throw tooLarge(file, {
      zh: `${part} 解压后为 ${megabytes(entry.uncompressedSize)}`,
      en: `${part} unpacks to ${megabytes(entry.uncompressedSize)}`,
    });
  }
  checkRatio(file, entry);
  let text = "";
  try {
    for await (const chunk of await openEntry(zip, entry)) text += chunk as string;
  } catch (err) {
    throw malformed(file, {
      zh: `${part} 无法解压：${errText(err)}`,
      en: `${part} cannot be unpacked: ${errText(err)}`,
    });
  }
  return text;
}

// ── XML ─────────────────────────────────────────────────────────────────────────────────────────

/** The local name (`x:row` → `row`): some writers prefix SpreadsheetML's namespace. */
function local(name: string): string {
  const colon = name.indexOf(":");
  return colon < 0 ? name : name.slice(colon + 1);
}

/** A parser that refuses a DTD: entities (a "billion laughs") are never declared, so never expanded. */
function newParser(file: string): SaxesParser {
  const parser = new SaxesParser({ xmlns: false, position: false });
  parser.on("doctype", () => {
    throw tooLarge(file, {
      zh: "XML 中含有 DOCTYPE/实体声明",
      en: "a DOCTYPE or entity declaration in its XML",
    });
  });
  return parser;
}

/** Parses a small part whole, calling `onOpen` for each element. */
function walk(
  file: string,
  xml: string,
  onOpen: (name: string, attrs: Record<string, string>) => void,
): void {
  const parser = newParser(file);
  parser.on("opentag", (tag: SaxesTagPlain) => onOpen(local(tag.name), tag.attributes));
  try {
    parser.write(xml).close();
  } catch (err) {
    throw asWorkbookError(file, err);
  }
}

function parseWorkbookXml(file: string, xml: string) {
  const sheets: { name: string; rid: string }[] = [];
  let date1904 = false;
  walk(file, xml, (name, attrs) => {
    if (name === "workbookPr") date1904 = attrs.date1904 === "1" || attrs.date1904 === "true";
    else if (name === "sheet") {
      const rid = Object.entries(attrs).find(([k]) => local(k) === "id")?.[1];
      if (attrs.name !== undefined && rid !== undefined) sheets.push({ name: attrs.name, rid });
    }
  });
  return { sheets, date1904 };
}

interface Rels extends Map<string, string> {
  typeOf(id: string): string | undefined;
}

function parseRels(file: string, xml: string): Rels {
  const targets = new Map<string, string>() as Rels;
  const types = new Map<string, string>();
  walk(file, xml, (name, attrs) => {
    if (name === "Relationship" && attrs.Id !== undefined && attrs.Target !== undefined) {
      targets.set(attrs.Id, attrs.Target);
      if (attrs.Type !== undefined) types.set(attrs.Id, attrs.Type);
    }
  });
  targets.typeOf = (id) => types.get(id);
  return targets;
}

/** Built-in number formats that are dates or times (ECMA-376 §18.8.30, and the CJK ones 27–36, 50–58). */
const BUILTIN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54,
  55, 56, 57, 58,
]);

/** A format code shows a date or time when, outside quotes, escapes and [colour]s, it has y m d h or s. */
export function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, "")
    .replace(/\\./g, "")
    .replace(/\[(?!h\]|hh\]|m\]|mm\]|s\]|ss\])[^\]]*\]/gi, "");
  return /[ymdhs]/i.test(bare) && !/^general$/i.test(bare.trim());
}

/** The indexes of the cell formats (cellXfs) that show a date or a time. */
function parseDateStyles(file: string, xml: string): Set<number> {
  const custom = new Map<number, string>();
  const xfs: number[] = [];
  let inCellXfs = false;
  const parser = newParser(file);
  parser.on("opentag", (tag: SaxesTagPlain) => {
    const name = local(tag.name);
    if (name === "numFmt") custom.set(Number(tag.attributes.numFmtId), tag.attributes.formatCode ?? "");
    else if (name === "cellXfs") inCellXfs = true;
    else if (name === "xf" && inCellXfs) xfs.push(Number(tag.attributes.numFmtId ?? 0));
  });
  parser.on("closetag", (tag) => {
    if (local(tag.name) === "cellXfs") inCellXfs = false;
  });
  try {
    parser.write(xml).close();
  } catch (err) {
    throw asWorkbookError(file, err);
  }
  const dates = new Set<number>();
  xfs.forEach((id, index) => {
    const code = custom.get(id);
    if (code === undefined ? BUILTIN_DATE_FORMATS.has(id) : isDateFormat(code)) dates.add(index);
  });
  return dates;
}

/** Bytes of one piece of the shared-string table: grown piece by piece, never copied whole. */
const PIECE_BYTES = 4 * 1024 * 1024;

/**
 * The shared-string table, kept as UTF-8 bytes in pieces of 4 MB with a start and an end per string: no
 * object per string, and no doubling of one large buffer (whose copy would hold the table twice). A
 * string longer than a piece gets a piece of its own size.
 */
class SharedStrings {
  private readonly pieces: Buffer[] = [];
  private used = PIECE_BYTES;
  private total = 0;
  /** Per string: its piece, and its start and end in that piece. */
  private piece = new Uint32Array(1024);
  private start = new Uint32Array(1024);
  private end = new Uint32Array(1024);
  count = 0;

  constructor(private readonly file: string) {}

  push(text: string): void {
    const size = Buffer.byteLength(text);
    this.total += size;
    if (this.total > WORKBOOK_LIMITS.sharedStringBytes || this.count >= WORKBOOK_LIMITS.sharedStrings) {
      throw tooLarge(this.file, {
        zh: `共享字符串表超过 ${this.count} 条、${megabytes(this.total)}`,
        en: `its shared-string table exceeds ${this.count} strings, ${megabytes(this.total)}`,
      });
    }
    const last = this.pieces.length - 1;
    if (last < 0 || this.used + size > this.pieces[last]!.length) {
      this.pieces.push(Buffer.allocUnsafe(Math.max(PIECE_BYTES, size)));
      this.used = 0;
    }
    if (this.count === this.start.length) {
      const grow = (a: Uint32Array) => {
        const grown = new Uint32Array(a.length * 2);
        grown.set(a);
        return grown;
      };
      this.piece = grow(this.piece);
      this.start = grow(this.start);
      this.end = grow(this.end);
    }
    const index = this.pieces.length - 1;
    this.pieces[index]!.write(text, this.used);
    this.piece[this.count] = index;
    this.start[this.count] = this.used;
    this.used += size;
    this.end[this.count] = this.used;
    this.count++;
  }

  get(index: number): string | undefined {
    if (!(index >= 0 && index < this.count)) return undefined;
    return this.pieces[this.piece[index]!]!.toString("utf8", this.start[index]!, this.end[index]!);
  }
}

async function readSharedStrings(file: string, stream: Readable, into: SharedStrings): Promise<void> {
  const parser = newParser(file);
  let text: string | undefined;
  /** Inside <t> of an <si>, not of its phonetic run (<rPh>). */
  let inText = false;
  let inPhonetic = false;
  parser.on("opentag", (tag: SaxesTagPlain) => {
    const name = local(tag.name);
    if (name === "si") text = "";
    else if (name === "rPh") inPhonetic = true;
    else if (name === "t" && !inPhonetic) inText = true;
  });
  parser.on("text", (value) => {
    if (inText && text !== undefined) text += value;
  });
  parser.on("closetag", (tag) => {
    const name = local(tag.name);
    if (name === "t") inText = false;
    else if (name === "rPh") inPhonetic = false;
    else if (name === "si") {
      into.push(text ?? "");
      text = undefined;
    }
  });
  try {
    for await (const chunk of stream) parser.write(chunk as string);
    parser.close();
  } catch (err) {
    throw asWorkbookError(file, err);
  } finally {
    stream.destroy();
  }
}

/** `A` → 0, `AB` → 27; the letters of a cell reference such as `AB12`. */
export function columnIndex(ref: string): number {
  let index = 0;
  for (let i = 0; i < ref.length; i++) {
    const code = ref.charCodeAt(i);
    if (code < 65 || code > 90) break;
    index = index * 26 + (code - 64);
  }
  return index - 1;
}

const DAY_MS = 86_400_000;
/** Day 0 of the 1900 system is 1899-12-30 (Excel counts the 1900-02-29 that never was); of 1904, 1904-01-01. */
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);

/** A date serial as wall-clock text: `2026-09-30`, or `2026-09-30 14:05:00` when it has a time. */
export function serialToText(serial: number, date1904: boolean): string | undefined {
  if (!Number.isFinite(serial) || serial < 0 || serial > 2_958_465) return undefined;
  // Serials before 1900-03-01 are off by Excel's phantom leap day: counted from 1899-12-31 instead.
  const days = !date1904 && serial < 61 ? serial + 1 : serial;
  const ms = (date1904 ? EPOCH_1904 : EPOCH_1900) + Math.round(days * 86_400) * 1000;
  const iso = new Date(ms).toISOString();
  return ms % DAY_MS === 0 ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

/** The shortest decimal of a number cell (`1E-3` → `0.001`); the text as written when it is not a number. */
function numberText(v: string): string {
  if (!/[eE]/.test(v)) return v;
  const n = Number(v);
  return Number.isFinite(n) ? String(n) : v;
}

/** What a cell holds: text, a number, a date (a number in a date format), a boolean, an error. */
export type CellType = "string" | "number" | "date" | "boolean" | "error";

export interface TypedRow extends CsvRow {
  /** With `typedRows`: each non-blank cell's type, by column. */
  types?: CellType[];
}

/** Turns a sheet's XML events into rows. */
class SheetReader {
  readonly parser: SaxesParser;
  ready: TypedRow[] = [];
  private error: unknown;
  private cells: string[] = [];
  private types: CellType[] = [];
  private rowNumber = 0;
  private nextRow = 1;
  private column = -1;
  private type = "n";
  private style = 0;
  private value = "";
  private collecting = false;
  private inInline = false;
  private inPhonetic = false;

  constructor(
    private readonly file: string,
    private readonly sheet: string,
    private readonly shared: SharedStrings,
    private readonly dateStyles: ReadonlySet<number>,
    private readonly date1904: boolean,
    private readonly withTypes: boolean,
  ) {
    this.parser = newParser(file);
    this.parser.on("opentag", (tag: SaxesTagPlain) => this.open(local(tag.name), tag.attributes));
    this.parser.on("text", (text) => {
      if (this.collecting) this.value += text;
    });
    this.parser.on("closetag", (tag) => this.close(local(tag.name)));
    this.parser.on("error", (err) => {
      this.error ??= err;
    });
  }

  rethrow(): void {
    if (this.error !== undefined) throw this.error;
  }

  take(): TypedRow[] {
    const rows = this.ready;
    this.ready = [];
    return rows;
  }

  private fail(why: Bilingual): never {
    throw tooLarge(`${this.file}#${this.sheet}`, why);
  }

  private open(name: string, attrs: Record<string, string>): void {
    switch (name) {
      case "row": {
        const r = attrs.r === undefined ? this.nextRow : Number(attrs.r);
        if (!Number.isInteger(r) || r < this.nextRow || r > WORKBOOK_LIMITS.rows) {
          this.fail({
            zh: `行号 ${attrs.r} 无效或超出 ${WORKBOOK_LIMITS.rows} 行`,
            en: `bad row number ${attrs.r}`,
          });
        }
        this.rowNumber = r;
        this.cells = [];
        this.types = [];
        this.column = -1;
        break;
      }
      case "c": {
        const column = attrs.r === undefined ? this.column + 1 : columnIndex(attrs.r);
        if (column <= this.column || column >= WORKBOOK_LIMITS.columns) {
          this.fail({
            zh: `单元格 ${attrs.r} 超出 ${WORKBOOK_LIMITS.columns} 列`,
            en: `cell ${attrs.r} beyond column XFD`,
          });
        }
        this.column = column;
        this.type = attrs.t ?? "n";
        this.style = attrs.s === undefined ? 0 : Number(attrs.s);
        this.value = "";
        break;
      }
      case "v":
        this.collecting = true;
        this.value = "";
        break;
      case "is":
        this.inInline = true;
        this.value = "";
        break;
      case "rPh":
        this.inPhonetic = true;
        break;
      case "t":
        if (this.inInline && !this.inPhonetic) this.collecting = true;
        break;
    }
  }

  private close(name: string): void {
    switch (name) {
      case "v":
      case "t":
        this.collecting = false;
        break;
      case "rPh":
        this.inPhonetic = false;
        break;
      case "is":
        this.inInline = false;
        break;
      case "c": {
        const text = this.cellText();
        if (text !== "") {
          while (this.cells.length < this.column) this.cells.push("");
          this.cells[this.column] = text;
          if (this.withTypes) this.types[this.column] = this.cellType();
        }
        break;
      }
      case "row":
        this.nextRow = this.rowNumber + 1;
        if (this.cells.some((cell) => cell !== "")) {
          this.ready.push(
            this.withTypes
              ? { cells: this.cells, line: this.rowNumber, types: this.types }
              : { cells: this.cells, line: this.rowNumber },
          );
        }
        this.cells = [];
        break;
    }
  }

  private cellType(): CellType {
    switch (this.type) {
      case "b":
        return "boolean";
      case "e":
        return "error";
      case "d":
        return "date";
      case "s":
      case "str":
      case "inlineStr":
        return "string";
      default:
        return this.dateStyles.has(this.style) ? "date" : "number";
    }
  }

  private cellText(): string {
    const v = this.value;
    switch (this.type) {
      case "s": {
        const text = this.shared.get(Number(v));
        if (text === undefined) {
          this.fail({ zh: `共享字符串编号 ${v} 不存在`, en: `shared string ${v} does not exist` });
        }
        return text.trim();
      }
      case "b":
        return v === "1" ? "TRUE" : v === "0" ? "FALSE" : v;
      case "inlineStr":
      case "str":
      case "e":
      case "d":
        return v.trim();
      default: {
        if (v === "") return "";
        if (this.dateStyles.has(this.style)) return serialToText(Number(v), this.date1904) ?? numberText(v);
        return numberText(v);
      }
    }
  }
}

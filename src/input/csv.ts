import { parse } from "csv-parse";
import { parse as parseSync } from "csv-parse/sync";
import Papa from "papaparse";
import { GmauditError } from "../errors.js";
import { message } from "../i18n.js";

/**
 * CSV/TSV rows as a stream, each with the physical line on which it starts. The text must already
 * have `\n` line ends (decode.ts normaliseNewlines), so that a line break is one character wherever it is.
 *
 * csv-parse (options below) defines what a row is: its cells, trimming, the quote rules and every
 * error message. It reads ~10 MB/s, so rows are split by papaparse's core parser (~100 MB/s) wherever
 * the two provably agree, and by csv-parse itself everywhere else:
 * - a row without a quote character: both split it at the delimiters; the cells are trimmed as
 *   csv-parse trims (its trimmable characters are exactly JavaScript's whitespace);
 * - a row with a quote: papaparse's cells are taken as they are when no cell has whitespace at an edge
 *   (csv-parse keeps it inside quotes, trims it outside) and no whitespace stands next to a quote
 *   (csv-parse opens a quoted cell after leading spaces, papaparse does not; csv-parse fails on a
 *   multi-byte space after a closing quote); otherwise csv-parse parses that row on its own;
 * - anything papaparse reports as an error, a row csv-parse does not read as exactly one record, or a
 *   row long enough to meet csv-parse's record limit: csv-parse takes over the rest of the file, and
 *   reports what it reports.
 * test/input/csv.test.ts checks the result against csv-parse alone on random text.
 */

export interface CsvRow {
  /** Cells, trimmed; a short row simply has fewer cells. */
  readonly cells: string[];
  /** 1-based physical line of the row's first line. */
  readonly line: number;
}

/**
 * A runaway record is almost always an unclosed quote swallowing the rest of the file: stop it
 * before it holds the whole file in memory.
 */
const MAX_RECORD_CHARS = 8 * 1024 * 1024;

/** Real exports have tens of columns; a row of thousands is not a table (a binary file, a runaway line). */
export const MAX_FIELDS = 10_000;

function csvParseOptions(delimiter: string) {
  return {
    delimiter,
    relax_column_count: true,
    // 他说"你好" inside an unquoted cell is kept as written, not an error.
    relax_quotes: true,
    trim: true,
    max_record_size: MAX_RECORD_CHARS,
  };
}

/** Rows one by one (the header search, small files). */
export async function* csvRows(
  text: AsyncIterable<string>,
  delimiter: string,
  file: string,
): AsyncGenerator<CsvRow> {
  for await (const batch of csvRowBatches(text, delimiter, file)) yield* batch;
}

/** Text is handed to papaparse in pieces of this size: larger ones fall out of the CPU cache. */
const PIECE_CHARS = 64 * 1024;
/**
 * csv-parse counts its record limit in bytes of the cell being read (up to 3 per character here): a
 * row this long, or an unfinished row growing past it, is left to csv-parse.
 */
const LONG_ROW_CHARS = Math.floor(MAX_RECORD_CHARS / 4);

/**
 * Rows in batches (about one per 64 K characters of text): what the readers iterate. `firstLine`: the
 * line of the file the text starts on (a part of a file read on its own, see ByteRange).
 */
export async function* csvRowBatches(
  text: AsyncIterable<string>,
  delimiter: string,
  file: string,
  firstLine = 1,
): AsyncGenerator<CsvRow[]> {
  const splitter = new RowSplitter(delimiter, file, firstLine);
  const chunks = text[Symbol.asyncIterator]();
  let handedOver: { text: string; line: number } | undefined;
  try {
    outer: for (;;) {
      const next = await chunks.next();
      const chunk = next.done ? "" : next.value;
      for (let at = 0; at < chunk.length || (next.done && at === 0); at += PIECE_CHARS) {
        const piece = at === 0 && chunk.length <= PIECE_CHARS ? chunk : chunk.slice(at, at + PIECE_CHARS);
        const rows = splitter.feed(piece, next.done === true);
        if (rows.length > 0) yield rows;
        if (splitter.failure !== undefined) throw splitter.failure;
        if (splitter.rest !== undefined) {
          handedOver = { text: splitter.rest + chunk.slice(at + PIECE_CHARS), line: splitter.restLine };
          break outer;
        }
      }
      if (next.done) return;
    }
  } finally {
    // Failed, or stopped early by the caller (a header found, a part abandoned): the text's source is
    // closed now, its file with it, not when the garbage collector gets to it. Handed over, it reads on.
    if (handedOver === undefined) await chunks.return?.();
  }
  // csv-parse reads the rest as if from the start of the file: blank lines stand for the lines
  // already read, so that its own line numbers (quoted in its messages) are the file's.
  const rest = withPrefix("\n".repeat(handedOver.line - 1) + handedOver.text, chunks);
  yield* csvParseBatches(rest, delimiter, file);
}

async function* withPrefix(first: string, chunks: AsyncIterator<string>): AsyncGenerator<string> {
  try {
    if (first.length > 0) yield first;
    for (;;) {
      const next = await chunks.next();
      if (next.done) return;
      yield next.value;
    }
  } finally {
    await chunks.return?.();
  }
}

// Whitespace right before a quote (csv-parse may open a quoted cell there) or right after one (csv-parse
// skips only single-byte spaces after a closing quote, and fails on the others).
// (The newline that ends the row does not count.)
const SPACE_BY_QUOTE_RE = /\s"|"(?!\n$)\s/;

/** Feeds papaparse's core parser piece by piece; hands the rest to csv-parse where they may disagree. */
class RowSplitter {
  private readonly parser: InstanceType<typeof Papa.Parser>;
  private carry = "";
  private text = "";
  private rowStart = 0;
  private nextQuote = -1;
  private nextLine = 1;
  private rows: CsvRow[] = [];
  /** Set when csv-parse must take over: the text from the first row it must read, and that row's line. */
  rest: string | undefined;
  restLine = 0;
  /** An error to raise once the rows before it are yielded. */
  failure: GmauditError | undefined;

  constructor(
    private readonly delimiter: string,
    private readonly file: string,
    firstLine: number,
  ) {
    this.nextLine = firstLine;
    this.parser = new Papa.Parser({ delimiter, newline: "\n", quoteChar: '"', step: (r) => this.onRow(r) });
  }

  feed(piece: string, last: boolean): CsvRow[] {
    const text = this.carry.length === 0 ? piece : this.carry + piece;
    this.text = text;
    this.rowStart = 0;
    this.nextQuote = text.indexOf('"');
    this.rows = [];
    const result = this.parser.parse(text, 0, !last);
    if (this.rest === undefined && this.failure === undefined) {
      this.carry = last ? "" : text.slice(result.meta.cursor);
      if (this.carry.length > LONG_ROW_CHARS) this.handOver(0, this.nextLine, this.carry);
    }
    this.text = "";
    return this.rows;
  }

  private handOver(start: number, line: number, text = this.text): void {
    this.rest = text.slice(start);
    this.restLine = line;
    this.parser.abort();
  }

  private onRow(result: { data: string[][]; errors: unknown[]; meta: { cursor: number } }): void {
    if (this.rest !== undefined || this.failure !== undefined) return;
    const start = this.rowStart;
    const end = result.meta.cursor;
    this.rowStart = end;
    const line = this.nextLine;
    let cells = result.data[0]!;
    if (result.errors.length > 0) {
      this.handOver(start, line);
      return;
    }
    let lines = 1;
    if (this.nextQuote !== -1 && this.nextQuote < end) {
      const span = this.text.slice(start, end);
      lines = countNewlines(span);
      if (span.length > LONG_ROW_CHARS || SPACE_BY_QUOTE_RE.test(span) || hasEdgeSpace(cells)) {
        const exact = csvParseRow(span, this.delimiter);
        if (exact === undefined) {
          this.handOver(start, line);
          return;
        }
        // csv-parse trims outside quotes only; a quoted cell's edge spaces go too (`"A1 "` is A1).
        cells = exact;
        trimCells(cells);
      }
      this.nextQuote = this.text.indexOf('"', end);
    } else if (end - start > LONG_ROW_CHARS) {
      this.handOver(start, line);
      return;
    } else {
      trimCells(cells);
    }
    if (cells.length > MAX_FIELDS) {
      this.failure = tooManyCells(this.file, line, cells.length);
      this.parser.abort();
      return;
    }
    this.nextLine = line + lines;
    if (!isBlank(cells)) this.rows.push({ cells, line });
  }
}

/** One row's text parsed by csv-parse alone: its cells, or undefined unless it is exactly one record. */
function csvParseRow(span: string, delimiter: string): string[] | undefined {
  try {
    const records = parseSync(span, csvParseOptions(delimiter)) as string[][];
    return records.length === 1 ? records[0] : undefined;
  } catch {
    return undefined;
  }
}

function countNewlines(text: string): number {
  let count = 0;
  let at = text.indexOf("\n");
  while (at !== -1) {
    count++;
    at = text.indexOf("\n", at + 1);
  }
  return count;
}

/** JavaScript's whitespace (String.prototype.trim), which is also csv-parse's set of trimmable characters. */
function isSpace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

function hasEdgeSpace(cells: readonly string[]): boolean {
  for (const cell of cells) {
    if (cell.length > 0 && (isSpace(cell.charCodeAt(0)) || isSpace(cell.charCodeAt(cell.length - 1)))) {
      return true;
    }
  }
  return false;
}

function trimCells(cells: string[]): void {
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i]!;
    if (cell.length > 0 && (isSpace(cell.charCodeAt(0)) || isSpace(cell.charCodeAt(cell.length - 1)))) {
      cells[i] = cell.trim();
    }
  }
}

function tooManyCells(file: string, line: number, count: number): GmauditError {
  return new GmauditError(
    message(
      "csv.too-many-cells",
      `${file}:${line}：这一行有 ${count} 个单元格（最多读取 ${MAX_FIELDS} 列），请检查分隔符或删去多余的列`,
      `${file}:${line}: a row of ${count} cells (at most ${MAX_FIELDS} columns are read)`,
    ),
  );
}

/**
 * csv-parse alone: the reference, and the reader of whatever the fast splitter hands over. Records are
 * taken in `on_record`, synchronously as csv-parse finds them, so that an error always comes after
 * every record before it (through the stream's iterator, records already parsed were dropped or not
 * depending on timing, and with them the line an error cites).
 */
export async function* csvParseBatches(
  text: AsyncIterable<string>,
  delimiter: string,
  file: string,
): AsyncGenerator<CsvRow[]> {
  let nextLine = 1;
  let batch: CsvRow[] = [];
  let failure: unknown;
  const parser = parse({
    ...csvParseOptions(delimiter),
    on_record: (cells: string[]) => {
      if (failure !== undefined) return null;
      const line = nextLine;
      if (cells.length > MAX_FIELDS) {
        failure = tooManyCells(file, line, cells.length);
        return null;
      }
      // No skipping inside csv-parse: every physical line belongs to exactly one record, and a record
      // spans 1 + its embedded newlines lines.
      nextLine += 1 + embeddedNewlines(cells);
      trimCells(cells); // after counting: a trimmed newline still took a physical line
      if (!isBlank(cells)) batch.push({ cells, line });
      return null;
    },
  });
  const done = new Promise<void>((resolve, reject) => {
    parser.on("error", reject);
    parser.on("finish", resolve);
  });
  done.catch(() => {
    // Awaited below; this only keeps an early rejection from counting as unhandled.
  });
  const write = (chunk: string) =>
    new Promise<void>((resolve, reject) => parser.write(chunk, (err) => (err ? reject(err) : resolve())));
  try {
    for await (const chunk of text) {
      try {
        await write(chunk);
      } catch (err) {
        failure ??= malformed(err, file, nextLine);
      }
      if (batch.length > 0) {
        const rows = batch;
        batch = [];
        yield rows;
      }
      if (failure !== undefined) throw failure;
    }
    parser.end();
    try {
      await done;
    } catch (err) {
      failure ??= malformed(err, file, nextLine);
    }
    if (batch.length > 0) yield batch;
    if (failure !== undefined) throw failure;
  } finally {
    parser.destroy();
  }
}

/** An empty line, or a row of empty cells (`,,,` below an Excel table). */
function isBlank(cells: readonly string[]): boolean {
  for (const cell of cells) if (cell !== "") return false;
  return true;
}

function embeddedNewlines(cells: readonly string[]): number {
  let count = 0;
  for (const cell of cells) {
    let at = cell.indexOf("\n");
    while (at !== -1) {
      count++;
      at = cell.indexOf("\n", at + 1);
    }
  }
  return count;
}

/** A csv-parse error as a GmauditError citing the file and the line of the row it stopped in. */
function malformed(err: unknown, file: string, recordLine: number): unknown {
  const code = (err as { code?: unknown }).code;
  if (typeof code !== "string" || !code.startsWith("CSV_")) return err;
  const errorLine = (err as { lines?: unknown }).lines;
  switch (code) {
    case "CSV_QUOTE_NOT_CLOSED":
      return new GmauditError(
        message(
          "csv.unclosed-quote",
          `${file}:${recordLine}：从这一行开始的某个单元格以引号开头，但引号一直没有闭合；请补上结尾的引号（单元格内的引号要写成两个 ""）`,
          `${file}:${recordLine}: unclosed quote: a quoted cell in the row starting on this line never ends`,
        ),
      );
    case "CSV_MAX_RECORD_SIZE":
      return new GmauditError(
        message(
          "csv.row-too-long",
          `${file}:${recordLine}：从这一行开始的一行超过 ${MAX_RECORD_CHARS} 个字符（可能有引号未闭合），请检查这一行的引号`,
          `${file}:${recordLine}: a row longer than ${MAX_RECORD_CHARS} characters starts here (an unclosed quote?)`,
        ),
      );
    case "CSV_INVALID_CLOSING_QUOTE":
    case "CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE": {
      const field = ((err as { column?: number }).column ?? 0) + 1;
      const where = typeof errorLine === "number" ? `${file}:${errorLine}` : file;
      const line = typeof errorLine === "number" ? errorLine : recordLine;
      return new GmauditError(
        message(
          "csv.closing-quote",
          `${where}：第${line}行第${field}个字段的引号没有包住整个单元格（引号后面还有字符）；请把整个单元格放在引号内，单元格内的引号写成两个 ""`,
          `${where}: field ${field} of line ${line}: text after a closing quote; quote the whole cell and double the quotes inside it ("")`,
        ),
      );
    }
    default: {
      const reason = err instanceof Error ? err.message : String(err);
      const where = typeof errorLine === "number" ? `${file}:${errorLine}` : file;
      return new GmauditError(
        message(
          "csv.malformed",
          `${where}：CSV 格式有误，请检查这一行的引号和分隔符，或用 Excel/WPS 打开后另存为 CSV UTF-8 再试`,
          `${where}: malformed CSV: ${reason}`,
        ),
      );
    }
  }
}

const DELIMITERS = [",", "\t", ";"] as const;
const SNIFF_LINES = 10;

/**
 * The delimiter of a delimited text file, from its first lines (title rows included): the candidate
 * found most often on one line. `preferred` wins whenever it occurs at all (a .csv is comma-separated
 * unless it has no comma).
 */
export function sniffDelimiter(head: string, preferred?: string): string {
  const lines = head.split("\n", SNIFF_LINES);
  const best = (delimiter: string) => Math.max(0, ...lines.map((line) => line.split(delimiter).length - 1));
  if (preferred !== undefined && best(preferred) > 0) return preferred;
  let chosen: string = preferred ?? ",";
  let chosenCount = 0;
  for (const delimiter of DELIMITERS) {
    const count = best(delimiter);
    if (count > chosenCount) {
      chosen = delimiter;
      chosenCount = count;
    }
  }
  return chosen;
}

import { pipeline, Readable } from "node:stream";
import { parse } from "csv-parse";
import { GmauditError } from "../errors.js";

/**
 * CSV/TSV rows as a stream, each with the physical line on which it starts. The text must already
 * have `\n` line ends (decode.ts normaliseNewlines), so that a line break is one character wherever it is.
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

export async function* csvRows(
  text: AsyncIterable<string>,
  delimiter: string,
  file: string,
): AsyncGenerator<CsvRow> {
  // No `info` (it costs a snapshot object per record) and no skipping inside csv-parse: every physical
  // line then belongs to exactly one record, and a record spans 1 + its embedded newlines lines.
  const parser = parse({
    delimiter,
    relax_column_count: true,
    // 他说"你好" inside an unquoted cell is kept as written, not an error.
    relax_quotes: true,
    trim: true,
    max_record_size: MAX_RECORD_CHARS,
  });
  pipeline(Readable.from(text), parser, () => {
    // Errors reach the consumer through the parser's iterator.
  });
  let nextLine = 1;
  try {
    for await (const cells of parser as AsyncIterable<string[]>) {
      const line = nextLine;
      if (cells.length > MAX_FIELDS) {
        throw new GmauditError(
          `${file}:${line}: a row of ${cells.length} cells (at most ${MAX_FIELDS} columns are read)`,
        );
      }
      nextLine += 1 + embeddedNewlines(cells);
      if (!isBlank(cells)) yield { cells, line };
    }
  } catch (err) {
    throw malformed(err, file, nextLine);
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
        `${file}:${recordLine}: unclosed quote: a quoted cell in the row starting on this line never ends`,
      );
    case "CSV_MAX_RECORD_SIZE":
      return new GmauditError(
        `${file}:${recordLine}: a row longer than ${MAX_RECORD_CHARS} characters starts here (an unclosed quote?)`,
      );
    default: {
      const message = err instanceof Error ? err.message : String(err);
      const where = typeof errorLine === "number" ? `${file}:${errorLine}` : file;
      return new GmauditError(`${where}: malformed CSV: ${message}`);
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

import { GmauditError } from "../errors.js";

/**
 * JSON inputs: an array of objects (read whole: it is a convenience format) or NDJSON (one object per
 * line, streamed). Invalid JSON is a malformed file: a GmauditError citing the position.
 */

export type JsonObject = Record<string, unknown>;

export interface JsonRow {
  readonly value: JsonObject;
  /** NDJSON: 1-based physical line; JSON array: 0-based index. */
  readonly line: number;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function kindOf(value: unknown): string {
  return value === null ? "null" : Array.isArray(value) ? "an array" : `a ${typeof value}`;
}

const POSITION_RE = /at position (\d+)/;

/** `line 3, column 14` for a character offset, when the parser's message gives one. */
function positionOf(text: string, message: string): string | undefined {
  const match = POSITION_RE.exec(message);
  if (!match) return undefined;
  const offset = Number(match[1]);
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return `line ${line}, column ${offset - lineStart + 1}`;
}

export async function* jsonArrayRows(text: AsyncIterable<string>, file: string): AsyncGenerator<JsonRow> {
  let whole = "";
  for await (const chunk of text) whole += chunk;
  let parsed: unknown;
  try {
    parsed = JSON.parse(whole);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const position = positionOf(whole, message);
    throw new GmauditError(`${file}: invalid JSON${position ? ` at ${position}` : ""}: ${message}`);
  }
  if (!Array.isArray(parsed)) {
    throw new GmauditError(`${file}: expected a JSON array of objects, found ${kindOf(parsed)}`);
  }
  whole = "";
  for (const [index, value] of parsed.entries()) {
    if (!isObject(value))
      throw new GmauditError(`${file}:$[${index}]: expected an object, found ${kindOf(value)}`);
    yield { value, line: index };
  }
}

export async function* ndjsonRows(text: AsyncIterable<string>, file: string): AsyncGenerator<JsonRow> {
  let line = 0;
  let pending = "";
  const parseLine = (source: string): JsonRow | undefined => {
    line++;
    const trimmed = source.trim();
    if (trimmed === "") return undefined;
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      throw new GmauditError(`${file}:${line}: invalid JSON: ${message}`);
    }
    if (!isObject(value))
      throw new GmauditError(`${file}:${line}: expected one JSON object per line, found ${kindOf(value)}`);
    return { value, line };
  };
  for await (const chunk of text) {
    let start = 0;
    for (let end = chunk.indexOf("\n"); end !== -1; end = chunk.indexOf("\n", start)) {
      const row = parseLine(pending + chunk.slice(start, end));
      pending = "";
      start = end + 1;
      if (row !== undefined) yield row;
    }
    pending += chunk.slice(start);
  }
  const last = parseLine(pending);
  if (last !== undefined) yield last;
}

import { GmauditError } from "../errors.js";
import { message } from "../i18n.js";

/**
 * JSON inputs: an array of objects (read whole: it is a convenience format) or NDJSON (one object per
 * line, streamed). Invalid JSON is a malformed file: a GmauditError citing `file:line` and the column
 * (NDJSON: the physical line) or `file:$[index]` (an element of the array).
 */

export type JsonObject = Record<string, unknown>;

export interface JsonRow {
  readonly value: JsonObject;
  /** NDJSON: 1-based physical line; JSON array: 0-based index. */
  readonly line: number;
}

/**
 * A JSON array is parsed whole, and its objects take several times its size in memory: larger files
 * are refused with a message (NDJSON and CSV are streamed and have no such limit).
 */
export const MAX_JSON_ARRAY_CHARS = 256 * 1024 * 1024;
/** One NDJSON line, like one CSV record (input/csv.ts): a longer one is almost always not NDJSON. */
export const MAX_NDJSON_LINE_CHARS = 8 * 1024 * 1024;
/** Cells are flat values; a value nested deeper than this is not a table cell (and would overflow the stack). */
export const MAX_VALUE_DEPTH = 64;

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function kindOf(value: unknown): string {
  return value === null ? "null" : Array.isArray(value) ? "an array" : `a ${typeof value}`;
}

/** What to do about a JSON syntax error (the scanner's exact reason is given in English). */
const FIX_JSON = "请检查该处的逗号、引号和括号";

/** How the Chinese messages name a JSON value's kind. */
const KIND_ZH: Record<string, string> = {
  null: "null",
  "an array": "数组",
  "a string": "字符串",
  "a number": "数字",
  "a boolean": "布尔值",
};
function kindOfZh(value: unknown): string {
  return KIND_ZH[kindOf(value)] ?? "其他值";
}

function megabytes(chars: number): string {
  return `${chars / (1024 * 1024)} Mi characters`;
}

/** 1-based line and column of a character offset in `text`. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

function describeChar(text: string, offset: number): string {
  const code = text.codePointAt(offset);
  if (code === undefined) return "the end of the text";
  if (code < 0x20 || code === 0x7f || code === 0xfffd) {
    return `character U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
  }
  return `"${String.fromCodePoint(code)}"`;
}

export interface JsonSyntaxError {
  offset: number;
  reason: string;
}

const NUMBER_RE = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const HEX4_RE = /[0-9a-fA-F]{4}/y;
const LITERALS = ["true", "false", "null"] as const;

/** What the scanner expects next. */
type ScanState = "value" | "after-value" | "array-start" | "object-start" | "key";

/**
 * Where the first syntax error of `text` is, and what it is: a small JSON scanner (iterative, so any
 * nesting depth is fine), run only after JSON.parse has failed, as V8's messages do not always give a
 * position. Undefined when the scanner finds no error.
 */
export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  const n = text.length;
  let i = 0;
  const stack: ("[" | "{")[] = [];
  let state: ScanState = "value";

  const skipSpace = () => {
    for (let c = text.charCodeAt(i); c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d; ) {
      c = text.charCodeAt(++i);
    }
  };
  const unexpected = (what: string): JsonSyntaxError =>
    i >= n
      ? { offset: n, reason: "the text ends in the middle of a value (is the file cut short?)" }
      : { offset: i, reason: `unexpected ${describeChar(text, i)}, expected ${what}` };
  const scanString = (): JsonSyntaxError | undefined => {
    const opening = i;
    i++;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return undefined;
      }
      if (c < 0x20) return { offset: i, reason: `${describeChar(text, i)} inside a string (escape it)` };
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === "u") {
          HEX4_RE.lastIndex = i + 2;
          if (!HEX4_RE.test(text)) return { offset: i, reason: "a \\u escape without four hex digits" };
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else return { offset: i, reason: `an invalid escape \\${e ?? ""}` };
      } else i++;
    }
    return { offset: opening, reason: "a string that never ends (a missing quote?)" };
  };

  while (true) {
    skipSpace();
    switch (state) {
      case "array-start":
        if (text[i] === "]") {
          stack.pop();
          i++;
          state = "after-value";
        } else state = "value";
        break;
      case "object-start":
        if (text[i] === "}") {
          stack.pop();
          i++;
          state = "after-value";
        } else state = "key";
        break;
      case "key": {
        if (text[i] !== '"') return unexpected("a key in double quotes");
        const error = scanString();
        if (error) return error;
        skipSpace();
        if (text[i] !== ":") return unexpected('":" after the key');
        i++;
        state = "value";
        break;
      }
      case "value": {
        const c = text[i];
        if (c === "[" || c === "{") {
          stack.push(c);
          i++;
          state = c === "[" ? "array-start" : "object-start";
          break;
        }
        if (c === '"') {
          const error = scanString();
          if (error) return error;
          state = "after-value";
          break;
        }
        const literal = LITERALS.find((word) => text.startsWith(word, i));
        NUMBER_RE.lastIndex = i;
        if (literal !== undefined) i += literal.length;
        else if (c !== undefined && NUMBER_RE.test(text)) i = NUMBER_RE.lastIndex;
        else return unexpected("a value");
        state = "after-value";
        break;
      }
      case "after-value": {
        const top = stack[stack.length - 1];
        if (top === undefined) {
          return i >= n
            ? undefined
            : { offset: i, reason: `${describeChar(text, i)} after the end of the JSON value` };
        }
        const close = top === "[" ? "]" : "}";
        if (text[i] === close) {
          stack.pop();
          i++;
        } else if (text[i] === ",") {
          i++;
          state = top === "[" ? "value" : "key";
        } else return unexpected(`"," or "${close}"`);
        break;
      }
    }
  }
}

/** The position and reason of a JSON.parse failure, from our scanner (else the parser's message). */
function syntaxError(
  text: string,
  err: unknown,
): { where?: { line: number; column: number }; reason: string } {
  const found = findJsonSyntaxError(text);
  if (found !== undefined) return { where: lineColumn(text, found.offset), reason: found.reason };
  return { reason: err instanceof Error ? err.message : String(err) };
}

/** The first value of a document: where it starts. */
function startOf(text: string): { line: number; column: number } {
  const offset = text.length - text.trimStart().length;
  return lineColumn(text, offset);
}

/**
 * A row's values must be flat enough to be a cell: the reader turns a nested value into its JSON text,
 * which must not overflow the stack. Checked without recursion.
 */
function tooDeep(value: JsonObject): string | undefined {
  for (const key in value) {
    const cell = value[key];
    if (typeof cell !== "object" || cell === null) continue;
    const pending: [unknown, number][] = [[cell, 1]];
    while (pending.length > 0) {
      const [node, depth] = pending.pop()!;
      if (depth > MAX_VALUE_DEPTH) return key;
      if (typeof node !== "object" || node === null) continue;
      for (const child of Object.values(node)) {
        if (typeof child === "object" && child !== null) pending.push([child, depth + 1]);
      }
    }
  }
  return undefined;
}

function checkDepth(value: JsonObject, where: string): void {
  const key = tooDeep(value);
  if (key !== undefined) {
    throw new GmauditError(
      message(
        "json.too-deep",
        `${where}：键“${key}”的值嵌套超过 ${MAX_VALUE_DEPTH} 层，不是表格单元格`,
        `${where}: key "${key}": a value nested more than ${MAX_VALUE_DEPTH} levels deep is not a table cell`,
      ),
    );
  }
}

export async function* jsonArrayRows(text: AsyncIterable<string>, file: string): AsyncGenerator<JsonRow> {
  let whole = "";
  for await (const chunk of text) {
    if (whole.length + chunk.length > MAX_JSON_ARRAY_CHARS) {
      throw new GmauditError(
        message(
          "json.array-too-large",
          `${file}：JSON 数组超过 ${MAX_JSON_ARRAY_CHARS / (1024 * 1024)}M 个字符，不予读取（须整体放入内存）；请改存为 NDJSON（每行一个对象，.ndjson）或 CSV`,
          `${file}: a JSON array of more than ${megabytes(MAX_JSON_ARRAY_CHARS)} is not read (it would be held in memory whole); write it as NDJSON (one object per line, .ndjson) or CSV`,
        ),
      );
    }
    whole += chunk;
  }
  if (whole.trim() === "") {
    throw new GmauditError(
      message(
        "json.empty",
        `${file}：文件为空（应为由对象组成的 JSON 数组）`,
        `${file}: the file is empty (expected a JSON array of objects)`,
      ),
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(whole);
  } catch (err) {
    const { where, reason } = syntaxError(whole, err);
    throw new GmauditError(
      where === undefined
        ? message("json.invalid", `${file}：JSON 格式有误，${FIX_JSON}`, `${file}: invalid JSON: ${reason}`)
        : message(
            "json.invalid",
            `${file}:${where.line}：第${where.line}行第${where.column}列 JSON 格式有误，${FIX_JSON}`,
            `${file}:${where.line}: invalid JSON at line ${where.line}, column ${where.column}: ${reason}`,
          ),
    );
  }
  if (!Array.isArray(parsed)) {
    const { line } = startOf(whole);
    throw new GmauditError(
      message(
        "json.not-array",
        `${file}:${line}：应为由对象组成的 JSON 数组（[{…}, {…}]），实际是${kindOfZh(parsed)}`,
        `${file}:${line}: expected a JSON array of objects ([{…}, {…}]), found ${kindOf(parsed)}`,
      ),
    );
  }
  whole = "";
  for (const [index, value] of parsed.entries()) {
    if (!isObject(value)) {
      throw new GmauditError(
        message(
          "json.not-object",
          `${file}:$[${index}]：应为对象，实际是${kindOfZh(value)}`,
          `${file}:$[${index}]: expected an object, found ${kindOf(value)}`,
        ),
      );
    }
    checkDepth(value, `${file}:$[${index}]`);
    yield { value, line: index };
  }
}

export async function* ndjsonRows(text: AsyncIterable<string>, file: string): AsyncGenerator<JsonRow> {
  let line = 0;
  let pending = "";
  let seenObject = false;
  const parseLine = (source: string): JsonRow | undefined => {
    line++;
    const trimmed = source.trim();
    if (trimmed === "") return undefined;
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch (err) {
      const found = findJsonSyntaxError(source);
      if (found === undefined) {
        throw new GmauditError(
          message(
            "json.invalid",
            `${file}:${line}：JSON 格式有误，${FIX_JSON}`,
            `${file}:${line}: invalid JSON: ${err instanceof Error ? err.message : err}`,
          ),
        );
      }
      // A pretty-printed object (or a `{"accounts": [...]}` wrapper) is not one object per line.
      const cut = found.offset >= source.trimEnd().length;
      const reason = cut
        ? "the line ends in the middle of a value: NDJSON has one whole object per line (a .json file may instead hold an array of objects, [{…}, {…}])"
        : found.reason;
      throw new GmauditError(
        message(
          "json.invalid",
          cut
            ? `${file}:${line}：这一行在值的中间结束：NDJSON 每行须是一个完整的对象（.json 文件则可以是对象数组 [{…}, {…}]）`
            : `${file}:${line}：第${found.offset + 1}列 JSON 格式有误，${FIX_JSON}`,
          `${file}:${line}: invalid JSON at column ${found.offset + 1}: ${reason}`,
        ),
      );
    }
    if (!isObject(value)) {
      throw new GmauditError(
        message(
          "json.not-object",
          `${file}:${line}：每行应为一个 JSON 对象，实际是${kindOfZh(value)}`,
          `${file}:${line}: expected one JSON object per line, found ${kindOf(value)}`,
        ),
      );
    }
    checkDepth(value, `${file}:${line}`);
    seenObject = true;
    return { value, line };
  };
  const tooLong = () =>
    new GmauditError(
      message(
        "json.line-too-long",
        `${file}:${line + 1}：这一行超过 ${MAX_NDJSON_LINE_CHARS / (1024 * 1024)}M 个字符（这是每行一个对象的 NDJSON 吗？）`,
        `${file}:${line + 1}: a line longer than ${megabytes(MAX_NDJSON_LINE_CHARS)} starts here (is this NDJSON, one object per line?)`,
      ),
    );
  for await (const chunk of text) {
    let start = 0;
    for (let end = chunk.indexOf("\n"); end !== -1; end = chunk.indexOf("\n", start)) {
      if (pending.length + (end - start) > MAX_NDJSON_LINE_CHARS) throw tooLong();
      const row = parseLine(pending + chunk.slice(start, end));
      pending = "";
      start = end + 1;
      if (row !== undefined) yield row;
    }
    if (pending.length + (chunk.length - start) > MAX_NDJSON_LINE_CHARS) throw tooLong();
    pending += chunk.slice(start);
  }
  const last = parseLine(pending);
  if (last !== undefined) yield last;
  // Like an empty CSV file (no header row): an export that wrote nothing is not "no rows".
  else if (!seenObject) {
    throw new GmauditError(
      message(
        "json.empty",
        `${file}：文件为空（没有任何一行是 JSON 对象）`,
        `${file}: the file is empty (no JSON object on any line)`,
      ),
    );
  }
}

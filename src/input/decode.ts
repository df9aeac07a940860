import { open } from "node:fs/promises";
import iconv from "iconv-lite";
import { GmauditError } from "../errors.js";
import { message } from "../i18n.js";

/**
 * Bytes → text: encoding detection (PRODUCT §1.6) and a streaming decoder. Auto-detection reads the
 * first bytes: a BOM (UTF-8, UTF-16 LE/BE), else UTF-8 when they are valid UTF-8, else GB18030 (a
 * superset of GBK: what Excel on Chinese Windows writes). `--encoding` overrides.
 */

/** Bytes read to detect the encoding and sniff the format. */
const HEAD_BYTES = 64 * 1024;
const CHUNK_BYTES = 256 * 1024;

export interface TextSource {
  readonly file: string;
  /** `utf-8`, `utf-16le`, `utf-16be`, `gb18030`, or the name given with `--encoding`. */
  readonly encoding: string;
  /** The file starts with a byte-order mark (stripped from the text). */
  readonly bom: boolean;
  /** File size in bytes. */
  readonly size: number;
  /** The decoded start of the file (up to 64 KiB of bytes), BOM stripped: for sniffing. */
  readonly head: string;
  /**
   * The whole text, decoded chunk by chunk, BOM stripped; or only the bytes of `range` (see ByteRange).
   * `onProgress` counts the bytes read of those asked for.
   */
  chunks(
    onProgress?: (bytesRead: number, totalBytes: number) => void,
    range?: ByteRange,
  ): AsyncGenerator<string>;
}

/**
 * A part of a file, `start` (inclusive) to `end` (exclusive), in bytes. A part that starts after byte 0
 * must start on a line (see `splittable`): it is decoded on its own, with no BOM to strip.
 */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * Encodings in which a line-feed byte (0x0A) is always a line feed, never part of a character: a
 * file in one of them can be cut into parts after any such byte and each part decoded on its own.
 */
export function splittable(encoding: string): boolean {
  return isUtf8Name(encoding) || ["gb18030", "gbk", "gb2312", "cp936"].includes(encoding);
}

interface Detected {
  encoding: string;
  bom: boolean;
  /** Auto-detected UTF-8: a later invalid byte is an error (the guess was wrong), not a silent U+FFFD. */
  strict: boolean;
}

/**
 * Opens a file as text. `file` is the path as the user gave it (messages cite it); `path` is where to
 * read it when that differs (relative to another directory). Throws GmauditError when the file cannot
 * be read or the encoding is unknown.
 */
export async function openText(file: string, encoding?: string, path: string = file): Promise<TextSource> {
  const { head, size } = await readHead(path, file);
  assertNotWorkbook(file, head);
  const detected = encoding === undefined ? detectEncoding(head) : givenEncoding(head, encoding);
  const headText = stripBom(newDecoder(detected, file).write(head));
  return {
    file,
    encoding: detected.encoding,
    bom: detected.bom,
    size,
    head: headText,
    chunks: (onProgress, range) => decodeFile(path, file, detected, size, range, onProgress),
  };
}

async function readHead(path: string, file: string): Promise<{ head: Buffer; size: number }> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(path, "r");
    const stat = await handle.stat();
    if (stat.isDirectory()) {
      throw new GmauditError(
        message(
          "input.is-folder",
          `无法读取 ${file}：这是一个文件夹`,
          `cannot read ${file}: it is a directory`,
        ),
      );
    }
    const buffer = Buffer.alloc(Math.min(HEAD_BYTES, stat.size));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return { head: buffer.subarray(0, bytesRead), size: stat.size };
  } catch (err) {
    throw unreadable(file, err);
  } finally {
    await handle?.close();
  }
}

/** A ZIP archive (.xlsx, WPS .et saved as xlsx, .ods) and an OLE2 compound file (.xls, .et). */
const WORKBOOK_SIGNATURES: readonly { bytes: readonly number[]; what: { zh: string; en: string } }[] = [
  {
    bytes: [0x50, 0x4b, 0x03, 0x04],
    what: {
      zh: " Excel/WPS 工作簿（.xlsx）或其他 ZIP 压缩包",
      en: "an Excel/WPS workbook (.xlsx) or another ZIP archive",
    },
  },
  {
    bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
    what: { zh: " Excel/WPS 工作簿（.xls、.et）", en: "an Excel/WPS workbook (.xls, .et)" },
  },
];

/** The menu path that turns a workbook into a table gmaudit reads (Excel and WPS, Chinese UI). */
const SAVE_AS_CSV_MENU = '文件 → 另存为 → "CSV UTF-8（逗号分隔）(*.csv)"';
/** How to turn a workbook into a table gmaudit reads: said wherever a workbook is met. */
export const SAVE_AS_CSV = {
  zh: `请在 Excel 或 WPS 中另存为 CSV（${SAVE_AS_CSV_MENU}，每个工作表存为一个文件）`,
  en: `save it as CSV (in Excel or WPS: ${SAVE_AS_CSV_MENU}, one file per sheet)`,
} as const;

/**
 * A workbook is not a text table: read as CSV it would only give a garbled "missing columns" error.
 * Said plainly instead, with what to do.
 */
function assertNotWorkbook(file: string, head: Buffer): void {
  for (const { bytes, what } of WORKBOOK_SIGNATURES) {
    if (head.length >= bytes.length && bytes.every((byte, i) => head[i] === byte)) {
      throw new GmauditError(
        message(
          "input.workbook",
          `${file} 是${what.zh}，不是文本表格：gmaudit 读取 CSV、TSV、JSON 或 NDJSON——${SAVE_AS_CSV.zh}`,
          `${file} is ${what.en}, not a text table: gmaudit reads CSV, TSV, JSON or NDJSON — ${SAVE_AS_CSV.en}`,
        ),
      );
    }
  }
}

/** A file-system error as a GmauditError naming the file. */
export function unreadable(file: string, err: unknown): GmauditError {
  if (err instanceof GmauditError) return err;
  const code = (err as NodeJS.ErrnoException).code;
  const raw = err instanceof Error ? err.message : String(err);
  const reason =
    code === "ENOENT"
      ? { zh: "文件不存在", en: "no such file" }
      : code === "EACCES" || code === "EPERM"
        ? { zh: "没有读取权限", en: "permission denied" }
        : code === "EISDIR"
          ? { zh: "这是一个文件夹", en: "it is a directory" }
          : { zh: `系统错误 ${code ?? ""}`.trim(), en: raw };
  return new GmauditError(
    message("input.unreadable", `无法读取 ${file}：${reason.zh}`, `cannot read ${file}: ${reason.en}`),
  );
}

function bomOf(head: Buffer): { encoding: string; length: number } | undefined {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: "utf-8", length: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: "utf-16le", length: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: "utf-16be", length: 2 };
  return undefined;
}

export function detectEncoding(head: Buffer): Detected {
  const bom = bomOf(head);
  if (bom !== undefined) return { encoding: bom.encoding, bom: true, strict: false };
  return isUtf8Start(head)
    ? { encoding: "utf-8", bom: false, strict: true }
    : { encoding: "gb18030", bom: false, strict: false };
}

/** Valid UTF-8, allowing a character cut at the end of the sample. */
function isUtf8Start(head: Buffer): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(head, { stream: true });
    return true;
  } catch {
    return false;
  }
}

function givenEncoding(head: Buffer, name: string): Detected {
  if (!iconv.encodingExists(name)) {
    throw new GmauditError(
      message(
        "input.unknown-encoding",
        `未知编码“${name}”（可用 utf-8、gb18030、gbk、utf-16le）`,
        `unknown encoding "${name}" (try utf-8, gb18030, gbk, utf-16le)`,
      ),
    );
  }
  const encoding = name.toLowerCase();
  // A forced UTF-8 is checked like a detected one: bytes that are not UTF-8 are an error naming the
  // byte (and GB18030), not U+FFFD in the data — a GBK file read as UTF-8 would otherwise only show
  // up as garbled headers, or worse, garbled ids.
  return { encoding, bom: bomOf(head) !== undefined, strict: isUtf8Name(encoding) };
}

interface Decoder {
  write(bytes: Buffer): string;
  end(): string;
}

function isUtf8Name(name: string): boolean {
  return name === "utf-8" || name === "utf8";
}

/**
 * How many leading bytes of `bytes` are whole UTF-8 characters before the first invalid sequence: where
 * it starts, to cite it. Binary search — a valid prefix's prefixes are valid.
 */
function validUtf8Prefix(bytes: Buffer): number {
  const valid = (n: number, stream: boolean) => {
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, n), { stream });
      return true;
    } catch {
      return false;
    }
  };
  let lo = 0;
  let hi = bytes.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (valid(mid, true)) lo = mid;
    else hi = mid - 1;
  }
  // The prefix may end in the first bytes of the bad sequence (a lead byte awaiting more): back to its start.
  for (let n = lo; n >= Math.max(0, lo - 3); n--) if (valid(n, false)) return n;
  return lo;
}

/** `firstByte`: where in the file the bytes given to the decoder start (cited in errors). */
function newDecoder(detected: Detected, file: string, firstByte = 0): Decoder {
  if (isUtf8Name(detected.encoding)) {
    const decoder = new TextDecoder("utf-8", { fatal: detected.strict });
    let offset = firstByte;
    const decode = (bytes: Buffer | undefined, stream: boolean) => {
      try {
        return decoder.decode(bytes, { stream });
      } catch {
        const at = offset + (bytes === undefined ? 0 : validUtf8Prefix(bytes));
        throw new GmauditError(
          message(
            "input.not-utf8",
            `${file}：不是有效的 UTF-8（第 ${at} 字节）；如果文件以 GBK/GB18030 保存，请加 --encoding gb18030`,
            `${file}: not valid UTF-8 (at byte ${at}); if it was saved as GBK/GB18030, run with --encoding gb18030`,
          ),
        );
      }
    };
    return {
      write(bytes) {
        const text = decode(bytes, true);
        offset += bytes.length;
        return text;
      },
      end: () => decode(undefined, false),
    };
  }
  const decoder = iconv.getDecoder(detected.encoding);
  // A copy: the caller reuses its buffer, and what iconv-lite keeps of it between calls is its own affair.
  return { write: (bytes) => decoder.write(Buffer.from(bytes)), end: () => decoder.end() ?? "" };
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

async function* decodeFile(
  path: string,
  file: string,
  detected: Detected,
  fileSize: number,
  range: ByteRange | undefined,
  onProgress?: (bytesRead: number, totalBytes: number) => void,
): AsyncGenerator<string> {
  const decoder = newDecoder(detected, file, range?.start);
  const size = range === undefined ? fileSize : range.end - range.start;
  let bytesRead = 0;
  // Only the file's own start can hold a BOM (U+FEFF starting a later part is a character).
  let first = (range?.start ?? 0) === 0;
  if (range !== undefined && range.end <= range.start) return;
  // The decoders keep no reference to the bytes they are given (TextDecoder holds an unfinished
  // character back itself; iconv-lite's decoders are given a copy), so one buffer serves every read.
  const end = range === undefined ? Number.POSITIVE_INFINITY : range.end;
  for await (const bytes of readBytes(path, file, range?.start ?? 0, end)) {
    bytesRead += bytes.length;
    onProgress?.(bytesRead, size);
    let text = decoder.write(bytes);
    if (first && text.length > 0) {
      text = stripBom(text);
      first = false;
    }
    if (text.length > 0) yield text;
  }
  const rest = decoder.end();
  if (rest.length > 0) yield first ? stripBom(rest) : rest;
}

/**
 * The line breaks in the first `end` bytes of a file, counted as normaliseNewlines counts them (`\n`,
 * `\r\n` and a lone `\r` are one each): the line a part of the file starting at `end` starts on, less
 * one. For the `splittable` encodings, where these bytes are always those characters.
 */
export async function linesBefore(path: string, file: string, end: number): Promise<number> {
  let lines = 0;
  let afterCr = false;
  for await (const bytes of readBytes(path, file, 0, end)) {
    for (let at = bytes.indexOf(10); at !== -1; at = bytes.indexOf(10, at + 1)) lines++;
    // A lone \r (not followed by \n, which was counted) is a line break too.
    if (afterCr && bytes[0] !== 10) lines++;
    for (let at = bytes.indexOf(13); at !== -1; at = bytes.indexOf(13, at + 1)) {
      if (at + 1 < bytes.length && bytes[at + 1] !== 10) lines++;
    }
    afterCr = bytes[bytes.length - 1] === 13;
  }
  return afterCr ? lines + 1 : lines;
}

/**
 * The bytes of a file from `start` to `end` (exclusive; past its size: to its end), read into one buffer
 * again and again: each view is good until the next is asked for. A new buffer per chunk, as a read
 * stream makes, is garbage that the C allocator keeps after it is freed (see docs/performance.md).
 */
async function* readBytes(path: string, file: string, start: number, end: number): AsyncGenerator<Buffer> {
  const buffer = Buffer.allocUnsafeSlow(CHUNK_BYTES);
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(path, "r");
    for (let position = start; position < end; ) {
      const { bytesRead } = await handle.read(buffer, 0, Math.min(CHUNK_BYTES, end - position), position);
      if (bytesRead === 0) break;
      position += bytesRead;
      yield buffer.subarray(0, bytesRead);
    }
  } catch (err) {
    throw unreadable(file, err);
  } finally {
    await handle?.close();
  }
}

const CR_RE = /\r\n?/g;

/**
 * `\r\n` and a lone `\r` become `\n`, so that every physical line ends the same way (csv-parse counts a
 * `\r\n` inside a quoted field as two lines).
 */
export async function* normaliseNewlines(chunks: AsyncIterable<string>): AsyncGenerator<string> {
  let afterCr = false;
  for await (let text of chunks) {
    if (afterCr && text.charCodeAt(0) === 10) text = text.slice(1);
    afterCr = text.charCodeAt(text.length - 1) === 13;
    if (text.length === 0) continue;
    yield text.includes("\r") ? text.replace(CR_RE, "\n") : text;
  }
}

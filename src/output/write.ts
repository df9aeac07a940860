import { randomBytes } from "node:crypto";
import { realpathSync, rmSync, statSync } from "node:fs";
import { type FileHandle, open, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { Writable } from "node:stream";
import { GmauditError, UsageError } from "../errors.js";
import { message } from "../i18n.js";

/**
 * Temp files being written right now. A signal handler (bin/gmaudit.js) removes them before the
 * process exits, so an interrupted run leaves no `.tmp` file behind (PRODUCT §3.5).
 */
const pendingTempFiles = new Set<string>();

/**
 * Removes every temp file still being written (synchronously: it runs in a signal handler, just
 * before the process exits). Returns the target files whose writing was cut short.
 */
export function removePendingTempFiles(): string[] {
  const abandoned: string[] = [];
  for (const temp of pendingTempFiles) {
    try {
      rmSync(temp, { force: true });
    } catch {
      // Nothing more can be done on the way out; the name says what it is.
    }
    abandoned.push(targetOfTemp(temp));
  }
  pendingTempFiles.clear();
  return abandoned;
}

const TEMP_RE = /^\.(.*)\.\d+\.[0-9a-f]{12}\.tmp$/;

function targetOfTemp(temp: string): string {
  const match = TEMP_RE.exec(path.basename(temp));
  return match ? path.join(path.dirname(temp), match[1]!) : temp;
}

/**
 * Where a write to `file` really lands: a symbolic link is followed, so that the rename replaces the
 * file it points to (and the temp file sits next to that file, on the same file system), not the link.
 */
function realTarget(file: string): string {
  const resolved = path.resolve(file);
  try {
    return realpathSync(resolved);
  } catch {
    return resolved;
  }
}

/** A file-system error in words a user can act on. */
function writeFailure(file: string, err: unknown): GmauditError {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const raw = err instanceof Error ? err.message : String(err);
  const reason =
    code === "ENOENT"
      ? { zh: "文件夹不存在", en: "the folder does not exist" }
      : code === "EACCES" || code === "EPERM"
        ? { zh: "没有写入权限", en: "permission denied" }
        : code === "EISDIR" || code === "ENOTEMPTY"
          ? { zh: "这是一个文件夹", en: "it is a folder" }
          : code === "ENOSPC"
            ? { zh: "磁盘空间不足", en: "no space left on the device" }
            : code === "EROFS"
              ? { zh: "文件系统只读", en: "read-only file system" }
              : { zh: `系统错误 ${code ?? ""}`.trim(), en: raw };
  return new GmauditError(
    message(
      "write.failed",
      `无法写入 ${file}：${reason.zh}；该文件未写入任何内容`,
      `cannot write ${file}: ${reason.en}; nothing was written to it`,
    ),
  );
}

/**
 * What a file is made of: its whole text or bytes, or its text in pieces made one after the other as
 * the file is written (a large result is never one string: `renderChunks`).
 */
export type FileData = string | Uint8Array | Iterable<string> | StreamedFile;

/** A file written to a stream by a library (a workbook: see output/xlsx.ts). */
export interface StreamedFile {
  writeTo(stream: Writable): Promise<void>;
}

/**
 * Pieces are gathered up to about this many UTF-16 units per write: few enough that the text waiting
 * to be written dies young (a garbage collection of the young generation reclaims it).
 */
const WRITE_UNITS = 1 << 16;

/** An error thrown while making the data (a bug), not while writing it: passed on as it is. */
class DataFailure {
  constructor(readonly error: unknown) {}
}

/** The pieces of `data` gathered into texts of about WRITE_UNITS each. */
function* gathered(data: Iterable<string>): Generator<string> {
  const pieces = data[Symbol.iterator]();
  let pending = "";
  for (;;) {
    let next: IteratorResult<string>;
    try {
      next = pieces.next();
    } catch (err) {
      throw new DataFailure(err);
    }
    if (next.done === true) break;
    pending += next.value;
    if (pending.length >= WRITE_UNITS) {
      yield pending;
      pending = "";
    }
  }
  if (pending.length > 0) yield pending;
}

async function writeData(handle: FileHandle, data: FileData): Promise<void> {
  if (typeof data === "string" || data instanceof Uint8Array) {
    await handle.writeFile(data);
    return;
  }
  if ("writeTo" in data) {
    // Written through the handle, which `prepare` flushes to disk and closes (a stream of the handle's
    // own would keep it busy and its close() waiting).
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        handle.write(chunk).then(() => done(), done);
      },
    });
    const finished = new Promise<void>((resolve, reject) => {
      stream.on("finish", resolve);
      stream.on("error", reject);
    });
    try {
      await data.writeTo(stream);
    } catch (err) {
      throw new DataFailure(err);
    }
    await finished;
    return;
  }
  // writeFile on a handle writes all of it, at the current position.
  for (const text of gathered(data)) await handle.writeFile(text);
}

/** What gmaudit writes results to besides files: standard output, or a test's recorder. */
export interface TextSink {
  /** `false` when the text was queued: wait for "drain" before the next (Node's Writable). */
  write(text: string): unknown;
  once?(event: "drain" | "error" | "close", listener: () => void): unknown;
  off?(event: "drain" | "error" | "close", listener: () => void): unknown;
}

/** Resolves when `sink` wants more text, or can take no more (it failed or closed). */
function drained(sink: TextSink): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      for (const event of ["drain", "error", "close"] as const) sink.off?.(event, done);
      resolve();
    };
    for (const event of ["drain", "error", "close"] as const) sink.once?.(event, done);
  });
}

/**
 * Writes a result to a stream piece by piece, as a file is written: a large result on standard
 * output is never one string (`gmaudit check … --format json > result.json`). A bug while making
 * the text is thrown as it is; what was written before it stays written, as on any stream.
 */
export async function writeChunks(sink: TextSink, data: Iterable<string>): Promise<void> {
  try {
    for (const text of gathered(data)) {
      if (sink.write(text) === false && sink.once !== undefined) await drained(sink);
    }
  } catch (err) {
    throw err instanceof DataFailure ? err.error : err;
  }
}

interface PreparedWrite {
  /** As the user named it (messages). */
  name: string;
  target: string;
  temp: string;
}

/** Writes `data` to a new temp file next to the target, flushed to disk. Removes it on failure. */
async function prepare(file: string, data: FileData, name: string): Promise<PreparedWrite> {
  const target = realTarget(file);
  const temp = path.join(
    path.dirname(target),
    `.${path.basename(target)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`,
  );
  let handle: FileHandle | undefined;
  try {
    const existing = await stat(target).catch(() => undefined);
    if (existing?.isDirectory()) throw Object.assign(new Error("is a directory"), { code: "EISDIR" });
    const mode = existing?.isFile() ? existing.mode & 0o777 : 0o666;
    pendingTempFiles.add(temp);
    handle = await open(temp, "wx", mode);
    await writeData(handle, data);
    await handle.sync();
    await handle.close();
    handle = undefined;
    return { name, target, temp };
  } catch (err) {
    await handle?.close().catch(() => undefined);
    await abandon({ name, target, temp });
    throw err instanceof DataFailure ? err.error : writeFailure(name, err);
  }
}

async function abandon(write: PreparedWrite): Promise<void> {
  await rm(write.temp, { force: true }).catch(() => undefined);
  pendingTempFiles.delete(write.temp);
}

/**
 * PRODUCT §3.5: every file is written atomically — a temporary file in the same folder (so the
 * rename never crosses a file system), flushed to disk, then renamed over the target. A failed or
 * interrupted run leaves either the old file or the new one, never half of one, and no temp file:
 * on an error the temp file is removed here; on SIGINT/SIGTERM by `removePendingTempFiles`.
 */
export async function writeFileAtomic(file: string, data: FileData): Promise<void> {
  await writeFilesAtomic([{ file, data }]);
}

/**
 * Several files as one step: every temp file is written and flushed before the first rename, so a
 * failure to write any of them (a missing folder, a full disk) leaves all the targets untouched —
 * exit 2 then means that nothing was written (PRODUCT §2.2).
 */
export async function writeFilesAtomic(
  files: readonly {
    file: string;
    data: FileData /** For messages (default: file). */;
    name?: string;
  }[],
): Promise<void> {
  const prepared: PreparedWrite[] = [];
  try {
    for (const { file, data, name } of files) prepared.push(await prepare(file, data, name ?? file));
  } catch (err) {
    for (const write of prepared) await abandon(write);
    throw err;
  }
  for (const [i, write] of prepared.entries()) {
    try {
      await rename(write.temp, write.target);
      pendingTempFiles.delete(write.temp);
    } catch (err) {
      for (const rest of prepared.slice(i)) await abandon(rest);
      throw writeFailure(write.name, err);
    }
  }
}

/**
 * Fails fast, before a long audit, when `file` cannot be an output: its folder is missing or it is a
 * folder itself. (Anything else — permissions, a full disk — shows when writing, and still leaves
 * nothing behind.)
 */
export function assertWritableTarget(file: string, name: string = file): void {
  const target = realTarget(file);
  const folder = statSync(path.dirname(target), { throwIfNoEntry: false });
  if (folder === undefined || !folder.isDirectory()) {
    throw new GmauditError(
      message(
        "write.no-folder",
        `无法写入 ${name}：文件夹不存在；未写入任何内容`,
        `cannot write ${name}: the folder does not exist; nothing was written to it`,
      ),
    );
  }
  if (statSync(target, { throwIfNoEntry: false })?.isDirectory()) {
    throw new GmauditError(
      message(
        "write.is-folder",
        `无法写入 ${name}：这是一个文件夹；未写入任何内容`,
        `cannot write ${name}: it is a folder; nothing was written to it`,
      ),
    );
  }
}

interface Identity {
  real: string;
  dev?: number;
  ino?: number;
}

function identify(file: string): Identity {
  const resolved = path.resolve(file);
  try {
    const s = statSync(resolved);
    return { real: realpathSync(resolved), dev: s.dev, ino: s.ino };
  } catch {
    // Not there (yet): resolve the folder's links and keep the name.
    try {
      return { real: path.join(realpathSync(path.dirname(resolved)), path.basename(resolved)) };
    } catch {
      return { real: resolved };
    }
  }
}

function sameFile(a: Identity, b: Identity): boolean {
  if (a.real === b.real) return true;
  // Hard links, case-insensitive file systems: the same inode is the same file.
  return a.ino !== undefined && a.dev === b.dev && a.ino === b.ino && a.ino !== 0;
}

/**
 * PRODUCT §3.5: gmaudit refuses to write over one of its input files. Paths are compared after
 * resolving symbolic links, and by inode where the output already exists.
 */
export function assertNotAnInput(outPath: string, inputPaths: readonly string[]): void {
  const out = identify(outPath);
  for (const input of inputPaths) {
    if (sameFile(out, identify(input))) {
      throw new UsageError(
        message(
          "write.over-input",
          `拒绝写入 ${outPath}：它是输入文件 ${input}`,
          `refusing to write ${outPath}: it is the input file ${input}`,
        ),
      );
    }
  }
}

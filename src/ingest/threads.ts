import { existsSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { GmauditError } from "../errors.js";
import type { Aliases } from "../input/aliases.js";
import type { ByteRange } from "../input/decode.js";
import type { RegistryName } from "../input/names.js";
import { planRanges } from "../input/read.js";
import { splitSheetRef, WORKBOOK_EXTENSION_RE } from "../input/sheet-ref.js";
import type { AuditWindow } from "../time/window.js";
import { type ReadJob, type ReadResult, readPart, type WorkerMessage } from "./read-part.js";

/** Set by `npm run bundle`: the single file is its own reading thread (see scripts/bundle-entry.mjs). */
declare const GMAUDIT_BUNDLED: boolean | undefined;
const READ_WORKER =
  typeof GMAUDIT_BUNDLED === "boolean"
    ? new URL(import.meta.url)
    : new URL("./read-worker.js", import.meta.url);

/** A posts or messages file being read on threads; `result` settles when it is read (its parts in order). */
export interface ThreadRead {
  result: Promise<ReadResult[]>;
  /** Progress reports are held until the file's turn comes (one progress line at a time). */
  release(): void;
  terminate(): Promise<void>;
}

/**
 * Reads a file in parts (`ranges`, see planRanges), each on a thread of its own. When any part fails,
 * the file is read again whole on one thread, and that reading's result (or error) is the file's: a
 * part may fail only because a cut fell inside a quoted cell spanning lines, and the error of a file
 * must be the one of reading it from its start. When every part is read, each part started at a row
 * (the part before it did not end inside a quoted cell, or it would have failed), so the parts' rows
 * are the file's rows.
 */
export function readInParts(
  job: ReadJob,
  ranges: readonly ByteRange[],
  slots: ThreadSlots,
  onProgress: ((done: number, total: number) => void) | undefined,
  /** The first part is read on the main thread. */
  firstHere: boolean,
): ThreadRead {
  let released = false;
  const done = ranges.map(() => 0);
  const total = ranges.reduce((sum, range) => sum + (range.end - range.start), 0);
  let latest: [number, number] | undefined;
  const report = (part: number, bytes: number) => {
    done[part] = bytes;
    latest = [done.reduce((a, b) => a + b, 0), total];
    if (released) onProgress?.(latest[0], latest[1]);
  };
  let threads = ranges.map((range, part) =>
    part === 0 && firstHere
      ? readHere({ ...job, range }, (bytes) => report(part, bytes))
      : readOnThread(ranges.length === 1 ? job : { ...job, range }, slots, (bytes) => report(part, bytes)),
  );
  const result = (async () => {
    try {
      return await Promise.all(threads.map((thread) => thread.result));
    } catch (reason) {
      if (ranges.length === 1) throw reason;
      // The other parts are stopped (those still waiting for a thread never start).
      await Promise.all(threads.map((thread) => thread.terminate()));
      done.fill(0);
      const whole = readOnThread(job, slots, (bytes) => report(0, bytes));
      threads = [whole];
      return [await whole.result];
    }
  })();
  result.catch(() => {
    // Awaited in table order; a failure before then must not count as unhandled.
  });
  return {
    result,
    release() {
      released = true;
      if (latest !== undefined) onProgress?.(latest[0], latest[1]);
    },
    terminate: async () => {
      await Promise.all(threads.map((thread) => thread.terminate()));
    },
  };
}

/** Limits the reading threads alive at a time; waiting readers start in the order they asked. */
export class ThreadSlots {
  private free: number;
  private readonly waiting: (() => void)[] = [];

  constructor(count: number) {
    this.free = Math.max(1, Math.floor(count));
  }

  acquire(): Promise<void> {
    if (this.free > 0) {
      this.free--;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  release(): void {
    const next = this.waiting.shift();
    if (next !== undefined) next();
    else this.free++;
  }
}

/**
 * One part read on the main thread, between its other work (the reading goes on at each `await`).
 * Stopped, it fails at its next batch.
 */
function readHere(
  job: ReadJob,
  onProgress: (done: number) => void,
): { result: Promise<ReadResult>; terminate(): Promise<void> } {
  let stopped = false;
  const result = readPart(job, { onProgress, stopped: () => stopped });
  result.catch(() => {
    // Awaited by readInParts.
  });
  return {
    result,
    terminate: async () => {
      stopped = true;
      await result.catch(() => undefined);
    },
  };
}

/**
 * One reading thread, started when a slot is free (slots are given in the order they are asked for,
 * here: the order the threads are created); the slot is freed when the thread has exited.
 */
function readOnThread(
  job: ReadJob,
  slots: ThreadSlots,
  onProgress: (done: number) => void,
): { result: Promise<ReadResult>; terminate(): Promise<void> } {
  let worker: Worker | undefined;
  let stopped = false;
  const result = slots.acquire().then(
    () =>
      new Promise<ReadResult>((resolve, reject) => {
        if (stopped) {
          slots.release();
          reject(new Error(`the reading of ${job.file} was stopped`));
          return;
        }
        worker = new Worker(READ_WORKER, {
          workerData: job,
          // A reading thread's garbage is short-lived rows. With a young generation of 16 MB, rows
          // still referenced by their batch survived the scavenges and were promoted (garbage
          // collection took 3 s of a 15 s read of 2M posts, 0.5 s with 48 MB).
          resourceLimits: { maxYoungGenerationSizeMb: 48 },
        });
        worker.on("message", (message: WorkerMessage) => {
          if (message.type === "progress") onProgress(message.done);
          else if (message.type === "done") resolve(message.result);
          else {
            const error =
              message.gmaudit && message.text !== undefined
                ? new GmauditError(message.text, message.details ?? [])
                : Object.assign(
                    new Error(message.message),
                    message.stack === undefined ? {} : { stack: message.stack },
                  );
            reject(error);
          }
        });
        worker.on("error", reject);
        worker.on("exit", (code) => {
          slots.release();
          reject(new Error(`the thread reading ${job.file} stopped (exit code ${code})`));
        });
      }),
  );
  result.catch(() => {
    // Awaited by readInParts.
  });
  return {
    result,
    terminate: async () => {
      stopped = true;
      await worker?.terminate();
    },
  };
}

/** How large posts and messages files are read: on threads, in parts (see startThreadReads). */
export interface ThreadReadOptions {
  files: { posts?: string; messages?: string };
  window: AuditWindow;
  /** Message categories that reply-deadline counts (a flag kept per message). */
  categories: readonly string[];
  aliases?: Aliases;
  encoding?: string;
  maxErrors: number;
  onProgress?: (file: string, bytesRead: number, totalBytes: number) => void;
  /**
   * Posts and messages files at least this large are read on threads of their own, in parallel with
   * the other inputs (default 16 MiB; Infinity: never). The facts are the same either way.
   */
  threadMinBytes?: number;
  /**
   * Such a file is read in parts of at least this many bytes, each on a thread of its own, up to one
   * part per CPU core (default 32 MiB). The facts are the same either way.
   */
  partMinBytes?: number;
  /** At most this many parts per file (default: the CPU cores available). */
  maxParts?: number;
  /**
   * At most this many reading threads at a time, all files together (default: the CPU cores
   * available, less one when the main thread reads a part); the other parts wait their turn. Each
   * thread is a JavaScript engine of its own (some 100 MB): threads beyond the cores add memory, not
   * speed.
   */
  maxThreads?: number;
  /**
   * The main thread reads the first part of the first file read in parts itself (default true): it
   * would only wait for it, and it is one JavaScript engine fewer. The facts are the same either way.
   */
  readHere?: boolean;
}

const THREAD_MIN_BYTES = 16 * 1024 * 1024;
const PART_MIN_BYTES = 32 * 1024 * 1024;

/** 0 for a file not given. */
function fileSize(file: string | undefined): number {
  if (file === undefined) return 0;
  try {
    return statSync(splitSheetRef(file, existsSync).file).size;
  } catch {
    return 0; // the reader says what is wrong with it
  }
}

export interface ThreadReads {
  threads: Partial<Record<"posts" | "messages", ThreadRead>>;
  /** The file of which the main thread reads the first part itself, if any. */
  here: "posts" | "messages" | undefined;
}

/**
 * Starts the threads that read the large posts and messages files: once the registry is read, so
 * that an export naming accounts instead of giving ids is matched to it on the threads too.
 */
export async function startThreadReads(
  options: ThreadReadOptions,
  scratchDir: string,
  /** Asked only when a file is read on threads (the registry's names, for exports naming accounts). */
  registryNames: () => RegistryName[],
): Promise<ThreadReads> {
  const { files } = options;
  const threads: ThreadReads["threads"] = {};
  const sizes = { posts: fileSize(files.posts), messages: fileSize(files.messages) };
  const threadMin = options.threadMinBytes ?? THREAD_MIN_BYTES;
  const threaded = (kind: "posts" | "messages") => files[kind] !== undefined && sizes[kind] >= threadMin;
  const names = threaded("posts") || threaded("messages") ? registryNames() : undefined;
  // A workbook's sheet is one zip entry, not a text that can be cut: read whole, on one thread.
  const isWorkbook = (kind: "posts" | "messages") =>
    WORKBOOK_EXTENSION_RE.test(splitSheetRef(files[kind]!, existsSync).file);
  const partsOf = (kind: "posts" | "messages") =>
    Math.max(
      1,
      Math.min(
        options.maxParts ?? availableParallelism(),
        Math.floor(sizes[kind] / (options.partMinBytes ?? PART_MIN_BYTES)),
      ),
    );
  const readHere = options.readHere !== false;
  const maxThreads = (here: boolean) =>
    options.maxThreads ?? Math.max(1, availableParallelism() - (here ? 1 : 0));
  const plans: { kind: "posts" | "messages"; file: string; ranges: ByteRange[] }[] = [];
  for (const kind of ["posts", "messages"] as const) {
    if (!threaded(kind)) continue;
    const file = files[kind]!;
    const parts = isWorkbook(kind) ? 1 : partsOf(kind);
    // With the posts read in parts and a part here, the threads read the messages first, then the
    // posts' other parts (see below): the part read here is as large as each thread's share of the
    // two files, so that every reader ends at about the same time.
    const share =
      kind === "posts" && readHere && parts > 1 && threaded("messages")
        ? Math.min(
            0.8,
            Math.max(1 / parts, (sizes.posts + sizes.messages) / (maxThreads(true) + 1) / sizes.posts),
          )
        : 1 / parts;
    const whole = [{ start: 0, end: sizes[kind] }];
    // A file that cannot be opened is read whole, to fail in its turn.
    plans.push({
      kind,
      file,
      ranges: parts < 2 ? whole : await planRanges(file, parts, options, share).catch(() => whole),
    });
  }
  // The main thread reads one part itself (it would only wait): one reading thread fewer.
  const here = readHere ? plans.find((plan) => plan.ranges.length > 1) : undefined;
  // A workbook's thread holds its sheet's parsing at its largest for the whole file: the other file
  // waits for it, so that two readers are never at their largest together (the 300 MB budget).
  const slots = new ThreadSlots(
    plans.some((plan) => isWorkbook(plan.kind)) ? 1 : maxThreads(here !== undefined),
  );
  // With a part of the posts read here, the messages' threads take the free slots first (slots are
  // given in the order they are asked for): the messages are read while the main thread reads its
  // part of the posts, so that they are read by the time the last part of the posts is.
  // The posts are then judged with no other thread alive (each thread is a JavaScript engine of some
  // 100 MB: a messages' thread running alongside the posts' judging raised the peak by 40–70 MB).
  if (here?.kind === "posts") plans.reverse();
  for (const { kind, file, ranges } of plans) {
    threads[kind] = readInParts(
      {
        file,
        kind,
        zone: options.window.zone.name,
        ...(options.encoding === undefined ? {} : { encoding: options.encoding }),
        maxErrors: options.maxErrors,
        categories: [...options.categories],
        scratchDir,
        ...(options.aliases === undefined ? {} : { aliases: options.aliases }),
        ...(names === undefined ? {} : { registryNames: names }),
        asOf: options.window.asOf,
      },
      ranges,
      slots,
      options.onProgress === undefined ? undefined : (done, total) => options.onProgress?.(file, done, total),
      here?.kind === kind,
    );
  }
  return { threads, here: here?.kind };
}

import { Worker } from "node:worker_threads";
import { GmauditError } from "../errors.js";
import type { ByteRange } from "../input/decode.js";
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

import { parentPort, workerData } from "node:worker_threads";
import { GmauditError } from "../errors.js";
import type { ByteRange } from "../input/decode.js";
import { ErrorLog, type InputError } from "../input/errors.js";
import { openTable, type TableFormat } from "../input/read.js";
import type { ReadStats } from "../input/rows.js";
import type { Located, MessageRecord, PostRecord } from "../input/schemas.js";
import { Zone } from "../time/zone.js";
import { type EncodedRecords, RecordEncoder } from "./builder.js";
import { ScratchDir, type SpillState } from "./spill.js";

/**
 * A reading thread: reads one posts or messages file (decode, CSV, validation) and encodes its records
 * (RecordEncoder), while the main thread reads the other inputs. The main thread then judges the
 * encoded records into the facts (FactsBuilder.applyEncoded). See collect.ts.
 */

export interface ReadJob {
  file: string;
  kind: "posts" | "messages";
  zone: string;
  encoding?: string;
  maxErrors: number;
  categories: string[];
  /** The main thread's scratch folder: this thread's files go in a folder inside it. */
  scratchDir: string;
  /** Only this part of the file (see openTable). */
  range?: ByteRange;
}

/** The encoded records as plain data (see EncodedRecords). */
export interface EncodedState extends Omit<EncodedRecords, "log"> {
  log: SpillState;
}

/** The blocks a result holds in memory: moved, not copied, to the main thread. */
export function transferList(result: ReadResult): ArrayBuffer[] {
  const { log, keys } = result.encoded;
  const buffers = [log, ...keys.partitions].flatMap((state) => state.held.map((block) => block.buffer));
  return [...new Set(buffers)] as ArrayBuffer[];
}

export interface ReadResult {
  format: TableFormat;
  encoding: string;
  header: Partial<Record<string, string>>;
  stats: ReadStats;
  errors: InputError[];
  errorCount: number;
  encoded: EncodedState;
  /** Milliseconds this thread spent reading. */
  ms: number;
}

export type WorkerMessage =
  | { type: "progress"; done: number; total: number }
  | { type: "done"; result: ReadResult }
  | { type: "error"; message: string; details?: readonly string[]; gmaudit: boolean; stack?: string };

async function read(job: ReadJob): Promise<ReadResult> {
  const started = performance.now();
  const log = new ErrorLog(job.maxErrors);
  const reader = await openTable(
    job.file,
    job.kind,
    {
      zone: Zone.of(job.zone),
      ...(job.encoding === undefined ? {} : { encoding: job.encoding }),
      ...(job.range === undefined ? {} : { range: job.range }),
      onProgress: (done, total) => parentPort?.postMessage({ type: "progress", done, total }),
    },
    log,
  );
  // Left for the main thread to remove with its own folder.
  const scratch = new ScratchDir(job.scratchDir);
  const encoder = new RecordEncoder(job.kind, scratch, reader.size, new Set(job.categories));
  try {
    for await (const batch of reader.recordBatches()) {
      for (const record of batch) encoder.add(record as Located<PostRecord> | Located<MessageRecord>);
    }
    const encoded = encoder.finish();
    return {
      format: reader.format,
      encoding: reader.encoding,
      header: { ...reader.header },
      stats: { ...reader.stats },
      errors: log.errors,
      errorCount: log.count,
      encoded: { ...encoded, log: encoded.log.export() },
      ms: performance.now() - started,
    };
  } finally {
    encoder.close();
  }
}

if (parentPort !== null) {
  const port = parentPort;
  read(workerData as ReadJob).then(
    (result) => {
      port.postMessage({ type: "done", result } satisfies WorkerMessage, transferList(result));
    },
    (err: unknown) => {
      port.postMessage({
        type: "error",
        message: err instanceof Error ? err.message : String(err),
        ...(err instanceof GmauditError ? { details: err.details } : {}),
        gmaudit: err instanceof GmauditError,
        ...(err instanceof Error && err.stack !== undefined ? { stack: err.stack } : {}),
      } satisfies WorkerMessage);
    },
  );
}

import type { DetailLine } from "../errors.js";
import type { Message } from "../i18n.js";
import type { Aliases } from "../input/aliases.js";
import type { ByteRange } from "../input/decode.js";
import { ErrorLog, type InputError } from "../input/errors.js";
import type { RegistryName } from "../input/names.js";
import { openTable, type TableFormat } from "../input/read.js";
import type { ReadStats } from "../input/rows.js";
import type { Located, MessageRecord, PostRecord } from "../input/schemas.js";
import { Zone } from "../time/zone.js";
import { type EncodedRecords, RecordEncoder } from "./encode.js";
import { ScratchDir, type SpillState } from "./spill.js";

/**
 * Reading a posts or messages file, or a part of it (decode, CSV, validation), and encoding its records
 * (RecordEncoder) — on a reading thread (read-worker.ts), or on the main thread for one part, while the
 * main thread waits for the others anyway. The main thread then judges the encoded records into the
 * facts (FactsBuilder.addEncodedPosts). See threads.ts and ingest.ts.
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
  aliases?: Aliases;
  registryNames?: RegistryName[];
  asOf?: number;
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
  /** Headers that name no column (ignored). */
  unknownColumns: readonly string[];
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
  | {
      type: "error";
      message: string;
      /** A GmauditError's message in both languages, and its lines. */
      text?: Message;
      details?: readonly DetailLine[];
      gmaudit: boolean;
      stack?: string;
    };

/** What the one reading a part is told as it goes, and asked. */
export interface ReadHooks {
  onProgress(done: number, total: number): void;
  /** Asked between batches: true stops the reading (it fails). */
  stopped?(): boolean;
}

/**
 * Reads one posts or messages file, or a part of it, into encoded records: on a reading thread (read-worker.ts),
 * or on the main thread for one part (collect.ts).
 */
export async function readPart(job: ReadJob, hooks: ReadHooks): Promise<ReadResult> {
  const started = performance.now();
  const log = new ErrorLog(job.maxErrors);
  const reader = await openTable(
    job.file,
    job.kind,
    {
      zone: Zone.of(job.zone),
      ...(job.encoding === undefined ? {} : { encoding: job.encoding }),
      ...(job.range === undefined ? {} : { range: job.range }),
      ...(job.aliases === undefined ? {} : { aliases: job.aliases }),
      ...(job.registryNames === undefined ? {} : { registryNames: job.registryNames }),
      ...(job.asOf === undefined ? {} : { asOf: job.asOf }),
      onProgress: hooks.onProgress,
    },
    log,
  );
  // Left for the main thread to remove with its own folder.
  const scratch = new ScratchDir(job.scratchDir);
  const encoder = new RecordEncoder(job.kind, scratch, reader.size, new Set(job.categories));
  try {
    for await (const batch of reader.recordBatches()) {
      if (hooks.stopped?.()) throw new Error(`the reading of ${job.file} was stopped`);
      for (const record of batch) encoder.add(record as Located<PostRecord> | Located<MessageRecord>);
    }
    const encoded = encoder.finish();
    return {
      format: reader.format,
      encoding: reader.encoding,
      header: { ...reader.header },
      unknownColumns: [...reader.unknownColumns],
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

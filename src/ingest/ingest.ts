import { GmauditError } from "../errors.js";
import type { Localized } from "../i18n.js";
import { message } from "../i18n.js";
import type { Aliases } from "../input/aliases.js";
import { duplicateAccountError, ErrorLog, errorLogLines, type InputError } from "../input/errors.js";
import type { RegistryName } from "../input/names.js";
import { openTable } from "../input/read.js";
import type {
  AccountRecord,
  FilingRecord,
  FindingRecord,
  Located,
  MessageRecord,
  PostRecord,
} from "../input/schemas.js";
import type { RecordOf, TableKind } from "../input/tables.js";
import {
  countFate,
  type EncodedRecords,
  emptyFateCounts,
  type FateCounts,
  RecordEncoder,
  type RecordFate,
} from "./encode.js";
import {
  dateOnlyWarnings,
  ignoredColumnWarnings,
  notesRowsWarnings,
  staleData,
  totalsRowsWarnings,
} from "./file-warnings.js";
import { type InputFiles, type InputStats, TABLE_ORDER } from "./inputs.js";
import { ScratchDir, SpillLog } from "./spill.js";
import {
  startThreadReads,
  type ThreadRead,
  type ThreadReadOptions,
  type ThreadReads,
  threadedKinds,
} from "./threads.js";

/**
 * The ingest: input files → records handed to a sink (the facts), one streaming pass over each file
 * in the fixed order (accounts, then posts, messages, filings, findings), with the speed machinery —
 * large posts and messages files read in parts on threads, their records encoded and spilled — and the
 * bookkeeping of every file (rows used, skipped, repeated; row errors with their lines; warnings about
 * the files' shape).
 */

/** `npm run bench` reads per-file timings from stderr (bench/run.mjs); off unless the variable is set. */
const PROFILE_INPUTS = process.env.GMAUDIT_PROFILE_INPUTS === "1";

/** Where the ingest hands the records: what each means is the sink's business (facts/collect.ts). */
export interface RecordSink {
  /** A registry row: the line of the first row with the same id when this one repeats it. */
  account(record: Located<AccountRecord>): number | undefined;
  /** The registry's names and platforms, once the registry is read (for exports that name accounts). */
  registryNames(): RegistryName[];
  /** A posts file's records, encoded (in parts when read on threads), in file order. */
  posts(parts: readonly EncodedRecords[]): FateCounts;
  messages(parts: readonly EncodedRecords[]): FateCounts;
  filing(record: Located<FilingRecord>): RecordFate;
  finding(record: Located<FindingRecord>): RecordFate;
}

export interface IngestOptions extends ThreadReadOptions {
  files: InputFiles;
  /** An office's own words for columns and values (config `aliases`). */
  aliases?: Aliases;
  /**
   * The row error of a findings row whose indicator names no manual indicator (RULES §3), or undefined.
   * The catalogue of indicators belongs to the rules; the pipeline passes this in.
   */
  indicatorError(finding: Located<FindingRecord>, column: string): InputError | undefined;
  skipInvalid: boolean;
  /** Where warnings about the files go, in the order they are found (shared with the sink's). */
  warnings: Localized[];
}

export interface Ingested {
  /** Per file, in table order. */
  inputs: Partial<Record<TableKind, InputStats>>;
  /** Rows were left out with --skip-invalid. */
  dataIncomplete: boolean;
  /**
   * Each CSV/TSV file's header: canonical column → header as found (what the file has, not what its rows
   * say). A posts file without an `original` column cannot tell originals from reposts.
   */
  headers: Partial<Record<TableKind, Partial<Record<string, string>>>>;
  /** PRODUCT §2.1: the posts or messages end more than STALE_DAYS days before T. */
  stale: Localized[];
  /** RULES §1: how many date-only times were read with the benefit of the doubt, per file. */
  dateOnly: Localized[];
}

/** One streaming pass over each input file, in the fixed order, into the sink. */
export async function ingest(options: IngestOptions, sink: RecordSink): Promise<Ingested> {
  const { files } = options;
  const categories = new Set(options.categories);
  const inputs: Partial<Record<TableKind, InputStats>> = {};
  /** The newest post or message time of each file (for the stale-data warning). */
  const latestOf: Partial<Record<TableKind, number>> = {};
  const { warnings } = options;
  /** The registry has neither a status nor a closed_at column: every account is taken as active. */
  let registryWithoutStatus = false;
  let names: RegistryName[] | undefined;
  /** The registry's names and platforms, for exports that name their accounts (PRODUCT §1.7). */
  const registryNames = () => (names ??= sink.registryNames());

  const scratch = new ScratchDir();
  let threads: ThreadReads["threads"] = {};
  let here: ThreadReads["here"];
  const startThreads = async (registryNames: RegistryName[] | undefined) => {
    ({ threads, here } = await startThreadReads(options, scratch.path(), registryNames));
  };

  /**
   * Each file's row errors go to a log of its own, merged in table order at the end: the files read
   * on threads may finish in any order, and the kept errors must be the first ones in table order.
   */
  const logs: Partial<Record<TableKind, ErrorLog>> = {};
  const logOf = (kind: TableKind) => (logs[kind] ??= new ErrorLog(options.maxErrors));
  const headers: Ingested["headers"] = {};
  const keepHeader = (kind: TableKind, format: string, header: Partial<Record<string, string>>) => {
    if (format === "csv" || format === "tsv" || format === "xlsx") headers[kind] = { ...header };
  };

  /** A file read on a thread: its records go to the sink, its errors to its log. */
  const takeFromThread = async (kind: "posts" | "messages", thread: ThreadRead) => {
    const file = files[kind]!;
    const log = logOf(kind);
    const parts = await thread.result;
    const started = performance.now();
    let rows = 0;
    let invalid = 0;
    for (const part of parts) {
      // Each part kept its first errors: together, in order, the file's first ones.
      for (const error of part.errors) log.add(error);
      log.count += part.errorCount - part.errors.length;
      rows += part.stats.rows;
      invalid += part.stats.invalid;
    }
    const stats = parts.map((part) => part.stats);
    warnings.push(
      ...totalsRowsWarnings(file, stats),
      ...notesRowsWarnings(file, stats),
      ...ignoredColumnWarnings(kind, file, parts[0]!.unknownColumns, parts[0]!.header, options.aliases),
    );
    const dateOnly = parts.reduce((n, part) => n + part.stats.dateOnly, 0);
    const latest = parts.reduce<number | undefined>(
      (max, part) =>
        part.stats.latest === undefined || (max ?? -Infinity) >= part.stats.latest ? max : part.stats.latest,
      undefined,
    );
    const encoded = parts.map((part) => ({ ...part.encoded, log: SpillLog.from(part.encoded.log) }));
    const counts = kind === "posts" ? sink.posts(encoded) : sink.messages(encoded);
    const first = parts[0]!;
    keepHeader(kind, first.format, first.header);
    inputs[kind] = {
      file,
      format: first.format,
      encoding: first.encoding,
      rows,
      used: counts.used,
      skipped: invalid,
      duplicates: counts.duplicates,
      afterAsOf: counts.afterAsOf,
      unregistered: counts.unregistered,
      dateOnly,
    };
    if (latest !== undefined) latestOf[kind] = latest;
    if (PROFILE_INPUTS) {
      // Reading (on its threads, in parallel) and judging (here).
      const judgeMs = Math.round(performance.now() - started);
      const ms = Math.round(Math.max(...parts.map((part) => part.ms))) + judgeMs;
      const line = { kind, file, rows, ms, thread: true, parts: parts.length, judgeMs };
      process.stderr.write(`gmaudit-input ${JSON.stringify(line)}\n`);
    }
  };

  /**
   * Reads one file into the sink. `add` hands over a record at once; without it (posts, messages) the
   * records of the whole file are encoded and handed over at its end, in order (see encode.ts).
   */
  const read = async <K extends TableKind>(
    kind: K,
    add?: (record: Located<RecordOf<K>>, header: Partial<Record<string, string>>) => RecordFate,
  ) => {
    const file = files[kind];
    if (file === undefined) return;
    const log = logOf(kind);
    const started = performance.now();
    const reader = await openTable(
      file,
      kind,
      {
        zone: options.window.zone,
        ...(options.encoding === undefined ? {} : { encoding: options.encoding }),
        ...(options.aliases === undefined ? {} : { aliases: options.aliases }),
        ...(kind === "accounts" ? {} : { registryNames: registryNames(), asOf: options.window.asOf }),
        ...(options.onProgress === undefined
          ? {}
          : { onProgress: (done: number, total: number) => options.onProgress?.(file, done, total) }),
      },
      log,
    );
    keepHeader(kind, reader.format, reader.header);
    warnings.push(
      ...ignoredColumnWarnings(kind, file, reader.unknownColumns, reader.header, options.aliases),
    );
    if (kind === "accounts") {
      registryWithoutStatus = reader.header.status === undefined && reader.header.closed_at === undefined;
    }
    const stats: InputStats = {
      file,
      format: reader.format,
      encoding: reader.encoding,
      rows: 0,
      used: 0,
      skipped: 0,
      duplicates: 0,
      afterAsOf: 0,
      unregistered: 0,
    };
    let invalid = 0;
    let counts = emptyFateCounts();
    if (add === undefined) {
      const encoder = new RecordEncoder(kind as "posts" | "messages", scratch, reader.size, categories);
      try {
        for await (const batch of reader.recordBatches()) {
          for (const record of batch) encoder.add(record as Located<PostRecord> | Located<MessageRecord>);
        }
        counts = kind === "posts" ? sink.posts([encoder.finish()]) : sink.messages([encoder.finish()]);
      } finally {
        encoder.close();
      }
    } else {
      for await (const batch of reader.recordBatches()) {
        for (const record of batch) {
          const fate = add(record as Located<RecordOf<K>>, reader.header);
          if (fate === "invalid") invalid++;
          countFate(counts, fate);
        }
      }
    }
    stats.used = counts.used;
    stats.duplicates = counts.duplicates;
    stats.afterAsOf = counts.afterAsOf;
    stats.unregistered = counts.unregistered;
    stats.rows = reader.stats.rows;
    stats.skipped = reader.stats.invalid + invalid;
    if (kind === "posts" || kind === "messages") {
      stats.dateOnly = reader.stats.dateOnly;
      if (reader.stats.latest !== undefined) latestOf[kind] = reader.stats.latest;
    }
    // reader.file names a sheet: 台账.xlsx#备案台账
    warnings.push(
      ...totalsRowsWarnings(reader.file, [reader.stats]),
      ...notesRowsWarnings(reader.file, [reader.stats]),
    );
    inputs[kind] = stats;
    if (PROFILE_INPUTS) {
      const ms = Math.round(performance.now() - started);
      process.stderr.write(`gmaudit-input ${JSON.stringify({ kind, file, rows: stats.rows, ms })}\n`);
    }
  };

  const readPosts = () => (threads.posts ? takeFromThread("posts", threads.posts) : read("posts"));
  const readMessages = () =>
    threads.messages ? takeFromThread("messages", threads.messages) : read("messages");
  const readFilings = () => read("filings", (filing) => sink.filing(filing));
  const readFindings = () =>
    read("findings", (finding, header) => {
      // The indicator names a manual indicator (RULES §3) by id or Chinese name; anything else is a
      // row error like a bad date, listed with the accepted names.
      const error = options.indicatorError(finding, header.indicator ?? "indicator");
      if (error !== undefined) {
        logOf("findings").add(error);
        return "invalid";
      }
      return sink.finding(finding);
    });

  try {
    await read("accounts", (account, header) => {
      const firstLine = sink.account(account);
      if (firstLine === undefined) return "used";
      logOf("accounts").add(duplicateAccountError(account, firstLine, header.account_id ?? "account_id"));
      return "duplicate";
    });
    await startThreads(threadedKinds(options).length > 0 ? registryNames() : undefined);
    if (registryWithoutStatus && (inputs.accounts?.used ?? 0) > 0) {
      warnings.push({
        zh: `${files.accounts}：备案台账无“状态”或“关停日期”列，所有账号均按正常运行评估`,
        en: `${files.accounts}: the registry has no status or closed_at column: all accounts taken as active`,
      });
    }
    if (inputs.accounts?.used === 0) {
      // Nothing to fail, so the exit code is 0: say so, or an empty export would pass a cron job unseen.
      warnings.push({
        zh: `${files.accounts}：账号登记表中没有账号，本次未审计任何账号`,
        en: `${files.accounts}: the registry holds no accounts; nothing was audited`,
      });
    }
    if (threads.posts === undefined) {
      await readPosts();
      threads.messages?.release();
      await readMessages();
      await readFilings();
      await readFindings();
    } else {
      // While the posts are read on threads, the other files are read and judged (the facts of one
      // file do not depend on another's); whatever the order, the error reported is the one of the
      // first failing file in table order, as when reading one by one.
      threads.posts.release();
      const failures: Partial<Record<TableKind, unknown>> = {};
      const attempt = async (kind: TableKind, readFile: () => Promise<void>) => {
        try {
          await readFile();
        } catch (err) {
          failures[kind] = err;
        }
      };
      // The messages' progress shows once the posts are read (one progress line at a time).
      const messagesThread = threads.messages;
      if (messagesThread !== undefined) {
        const release = () => messagesThread.release();
        void threads.posts.result.then(release, release);
      }
      // The files read here, in table order; the first that fails stops the ones after it.
      const readHereInOrder: Partial<Record<TableKind, () => Promise<void>>> = {
        ...(messagesThread === undefined ? { messages: readMessages } : {}),
        filings: readFilings,
        findings: readFindings,
      };
      for (const kind of TABLE_ORDER) {
        const readFile = readHereInOrder[kind];
        if (readFile === undefined) continue;
        if (Object.keys(failures).length > 0) break;
        await attempt(kind, readFile);
      }
      // The files read on threads, judged in the order their reading ends (one may be judged here
      // while the other is still read) — except that, with a part of the posts read here, the
      // messages (read first) are judged after the posts: judged as soon as they were read, their facts
      // were held while the main thread and a reading thread were both at their largest, and the
      // 2M-post bench peaked at the end of the reading (275–291 MB, against 269–283 MB).
      let postsJudged = () => {};
      const afterPosts = new Promise<void>((resolve) => {
        postsJudged = resolve;
      });
      const reading = new Map<"posts" | "messages", Promise<"posts" | "messages">>();
      for (const [kind, thread] of Object.entries(threads) as ["posts" | "messages", ThreadRead][]) {
        const ready =
          kind === "messages" && here === "posts" ? Promise.all([thread.result, afterPosts]) : thread.result;
        reading.set(
          kind,
          ready.then(
            () => kind,
            () => kind,
          ),
        );
      }
      while (reading.size > 0) {
        const kind = await Promise.race(reading.values());
        reading.delete(kind);
        await attempt(kind, kind === "posts" ? readPosts : readMessages);
        if (kind === "posts") postsJudged();
      }
      for (const kind of TABLE_ORDER) if (kind in failures) throw failures[kind];
    }
  } finally {
    await Promise.all(Object.values(threads).map((thread) => thread.terminate()));
    scratch.dispose();
  }

  const log = new ErrorLog(options.maxErrors);
  for (const kind of TABLE_ORDER) {
    const fileLog = logs[kind];
    if (fileLog !== undefined) log.append(fileLog);
  }

  const accountDuplicates = inputs.accounts?.duplicates ?? 0;
  if (log.count > 0 && !options.skipInvalid) {
    // A row may have several errors (one per bad cell); a repeated registry id is a row in error too.
    const rows = Object.values(inputs).reduce((n, s) => n + s.skipped, accountDuplicates);
    const errors = rows === log.count ? "" : ` (${log.count} error${log.count === 1 ? "" : "s"})`;
    throw new GmauditError(
      message(
        "input.invalid-rows",
        `输入中有 ${rows} 行无效${rows === log.count ? "" : `（${log.count} 处错误）`}，未写入任何结果（如需跳过这些行继续，请加 --skip-invalid）`,
        `the input has ${rows} invalid row${rows === 1 ? "" : "s"}${errors}; nothing was written (use --skip-invalid to go on without them)`,
      ),
      errorLogLines(log),
    );
  }
  // In table order, whatever order the files were finished in (the key order shows in the JSON output).
  const ordered: Partial<Record<TableKind, InputStats>> = {};
  for (const kind of TABLE_ORDER) if (inputs[kind] !== undefined) ordered[kind] = inputs[kind];
  return {
    inputs: ordered,
    dataIncomplete: accountDuplicates > 0 || Object.values(inputs).some((s) => s.skipped > 0),
    headers,
    stale: staleData(inputs, latestOf, options.window),
    dateOnly: dateOnlyWarnings(inputs),
  };
}

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
import { startThreadReads, type ThreadRead, type ThreadReadOptions, type ThreadReads } from "./threads.js";

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
  const run = new Ingest(options, sink);
  try {
    await run.readAll();
  } finally {
    await run.close();
  }
  return run.result();
}

type Header = Partial<Record<string, string>>;

/** One ingest: the files' bookkeeping while they are read, and the order they are read in. */
class Ingest {
  private readonly categories: ReadonlySet<string>;
  private readonly inputs: Partial<Record<TableKind, InputStats>> = {};
  /** The newest post or message time of each file (for the stale-data warning). */
  private readonly latestOf: Partial<Record<TableKind, number>> = {};
  /**
   * Each file's row errors go to a log of its own, merged in table order at the end: the files read
   * on threads may finish in any order, and the kept errors must be the first ones in table order.
   */
  private readonly logs: Partial<Record<TableKind, ErrorLog>> = {};
  private readonly headers: Ingested["headers"] = {};
  /** The registry has neither a status nor a closed_at column: every account is taken as active. */
  private registryWithoutStatus = false;
  private names: RegistryName[] | undefined;
  private readonly scratch = new ScratchDir();
  private threads: ThreadReads["threads"] = {};
  private here: ThreadReads["here"];

  constructor(
    private readonly options: IngestOptions,
    private readonly sink: RecordSink,
  ) {
    this.categories = new Set(options.categories);
  }

  /** The files in table order; large posts and messages files on threads, beside the others. */
  async readAll(): Promise<void> {
    const { files, warnings } = this.options;
    await this.read("accounts", (account, header) => {
      const firstLine = this.sink.account(account);
      if (firstLine === undefined) return "used";
      this.logOf("accounts").add(
        duplicateAccountError(account, firstLine, header.account_id ?? "account_id"),
      );
      return "duplicate";
    });
    // Once the registry is read, so that an export naming accounts instead of giving ids is matched
    // to it on the threads too.
    ({ threads: this.threads, here: this.here } = await startThreadReads(
      this.options,
      this.scratch.path(),
      () => this.registryNames(),
    ));
    if (this.registryWithoutStatus && (this.inputs.accounts?.used ?? 0) > 0) {
      warnings.push({
        zh: `${files.accounts}：备案台账无“状态”或“关停日期”列，所有账号均按正常运行评估`,
        en: `${files.accounts}: the registry has no status or closed_at column: all accounts taken as active`,
      });
    }
    if (this.inputs.accounts?.used === 0) {
      // Nothing to fail, so the exit code is 0: say so, or an empty export would pass a cron job unseen.
      warnings.push({
        zh: `${files.accounts}：账号登记表中没有账号，本次未审计任何账号`,
        en: `${files.accounts}: the registry holds no accounts; nothing was audited`,
      });
    }
    const posts = this.threads.posts;
    if (posts === undefined) {
      await this.readPosts();
      this.threads.messages?.release();
      await this.readMessages();
      await this.readFilings();
      await this.readFindings();
    } else {
      await this.readBesideThreads(posts);
    }
  }

  /**
   * While the posts are read on threads, the other files are read and judged (the facts of one file
   * do not depend on another's); whatever the order, the error reported is the one of the first
   * failing file in table order, as when reading one by one.
   */
  private async readBesideThreads(posts: ThreadRead): Promise<void> {
    posts.release();
    const failures: Partial<Record<TableKind, unknown>> = {};
    const attempt = async (kind: TableKind, readFile: () => Promise<void>) => {
      try {
        await readFile();
      } catch (err) {
        failures[kind] = err;
      }
    };
    // The messages' progress shows once the posts are read (one progress line at a time).
    const messagesThread = this.threads.messages;
    if (messagesThread !== undefined) {
      const release = () => messagesThread.release();
      void posts.result.then(release, release);
    }
    // The files read here, in table order; the first that fails stops the ones after it.
    const readHereInOrder: Partial<Record<TableKind, () => Promise<void>>> = {
      ...(messagesThread === undefined ? { messages: () => this.readMessages() } : {}),
      filings: () => this.readFilings(),
      findings: () => this.readFindings(),
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
    for (const [kind, thread] of Object.entries(this.threads) as ["posts" | "messages", ThreadRead][]) {
      const ready =
        kind === "messages" && this.here === "posts"
          ? Promise.all([thread.result, afterPosts])
          : thread.result;
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
      await attempt(kind, () => (kind === "posts" ? this.readPosts() : this.readMessages()));
      if (kind === "posts") postsJudged();
    }
    for (const kind of TABLE_ORDER) if (kind in failures) throw failures[kind];
  }

  private readPosts(): Promise<void> {
    return this.threads.posts ? this.takeFromThread("posts", this.threads.posts) : this.read("posts");
  }

  private readMessages(): Promise<void> {
    return this.threads.messages
      ? this.takeFromThread("messages", this.threads.messages)
      : this.read("messages");
  }

  private readFilings(): Promise<void> {
    return this.read("filings", (filing) => this.sink.filing(filing));
  }

  private readFindings(): Promise<void> {
    return this.read("findings", (finding, header) => {
      // The indicator names a manual indicator (RULES §3) by id or Chinese name; anything else is a
      // row error like a bad date, listed with the accepted names.
      const error = this.options.indicatorError(finding, header.indicator ?? "indicator");
      if (error !== undefined) {
        this.logOf("findings").add(error);
        return "invalid";
      }
      return this.sink.finding(finding);
    });
  }

  /** The registry's names and platforms, for exports that name their accounts (PRODUCT §1.7). */
  private registryNames(): RegistryName[] {
    this.names ??= this.sink.registryNames();
    return this.names;
  }

  private logOf(kind: TableKind): ErrorLog {
    this.logs[kind] ??= new ErrorLog(this.options.maxErrors);
    return this.logs[kind];
  }

  private keepHeader(kind: TableKind, format: string, header: Header): void {
    if (format === "csv" || format === "tsv" || format === "xlsx") this.headers[kind] = { ...header };
  }

  /** A file read on a thread: its records go to the sink, its errors to its log. */
  private async takeFromThread(kind: "posts" | "messages", thread: ThreadRead): Promise<void> {
    const file = this.options.files[kind]!;
    const log = this.logOf(kind);
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
    const first = parts[0]!;
    this.options.warnings.push(
      ...totalsRowsWarnings(file, stats),
      ...notesRowsWarnings(file, stats),
      ...ignoredColumnWarnings(kind, file, first.unknownColumns, first.header, this.options.aliases),
    );
    const dateOnly = parts.reduce((n, part) => n + part.stats.dateOnly, 0);
    const latest = parts.reduce<number | undefined>(
      (max, part) =>
        part.stats.latest === undefined || (max ?? -Infinity) >= part.stats.latest ? max : part.stats.latest,
      undefined,
    );
    const encoded = parts.map((part) => ({ ...part.encoded, log: SpillLog.from(part.encoded.log) }));
    const counts = kind === "posts" ? this.sink.posts(encoded) : this.sink.messages(encoded);
    this.keepHeader(kind, first.format, first.header);
    this.inputs[kind] = {
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
    if (latest !== undefined) this.latestOf[kind] = latest;
    if (PROFILE_INPUTS) {
      // Reading (on its threads, in parallel) and judging (here).
      const judgeMs = Math.round(performance.now() - started);
      const ms = Math.round(Math.max(...parts.map((part) => part.ms))) + judgeMs;
      const line = { kind, file, rows, ms, thread: true, parts: parts.length, judgeMs };
      process.stderr.write(`gmaudit-input ${JSON.stringify(line)}\n`);
    }
  }

  /**
   * Reads one file into the sink. `add` hands over a record at once; without it (posts, messages) the
   * records of the whole file are encoded and handed over at its end, in order (see encode.ts).
   */
  private async read<K extends TableKind>(
    kind: K,
    add?: (record: Located<RecordOf<K>>, header: Header) => RecordFate,
  ): Promise<void> {
    const { options } = this;
    const file = options.files[kind];
    if (file === undefined) return;
    const started = performance.now();
    const reader = await openTable(
      file,
      kind,
      {
        zone: options.window.zone,
        ...(options.encoding === undefined ? {} : { encoding: options.encoding }),
        ...(options.aliases === undefined ? {} : { aliases: options.aliases }),
        ...(kind === "accounts" ? {} : { registryNames: this.registryNames(), asOf: options.window.asOf }),
        ...(options.onProgress === undefined
          ? {}
          : { onProgress: (done: number, total: number) => options.onProgress?.(file, done, total) }),
      },
      this.logOf(kind),
    );
    this.keepHeader(kind, reader.format, reader.header);
    options.warnings.push(
      ...ignoredColumnWarnings(kind, file, reader.unknownColumns, reader.header, options.aliases),
    );
    if (kind === "accounts") {
      this.registryWithoutStatus =
        reader.header.status === undefined && reader.header.closed_at === undefined;
    }
    let invalid = 0;
    let counts = emptyFateCounts();
    if (add === undefined) {
      const encoder = new RecordEncoder(
        kind as "posts" | "messages",
        this.scratch,
        reader.size,
        this.categories,
      );
      try {
        for await (const batch of reader.recordBatches()) {
          for (const record of batch) encoder.add(record as Located<PostRecord> | Located<MessageRecord>);
        }
        counts =
          kind === "posts" ? this.sink.posts([encoder.finish()]) : this.sink.messages([encoder.finish()]);
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
    const stats: InputStats = {
      file,
      format: reader.format,
      encoding: reader.encoding,
      rows: reader.stats.rows,
      used: counts.used,
      skipped: reader.stats.invalid + invalid,
      duplicates: counts.duplicates,
      afterAsOf: counts.afterAsOf,
      unregistered: counts.unregistered,
    };
    if (kind === "posts" || kind === "messages") {
      stats.dateOnly = reader.stats.dateOnly;
      if (reader.stats.latest !== undefined) this.latestOf[kind] = reader.stats.latest;
    }
    // reader.file names a sheet: 台账.xlsx#备案台账
    options.warnings.push(
      ...totalsRowsWarnings(reader.file, [reader.stats]),
      ...notesRowsWarnings(reader.file, [reader.stats]),
    );
    this.inputs[kind] = stats;
    if (PROFILE_INPUTS) {
      const ms = Math.round(performance.now() - started);
      process.stderr.write(`gmaudit-input ${JSON.stringify({ kind, file, rows: stats.rows, ms })}\n`);
    }
  }

  /** Stops the threads still reading (after an error) and removes the temporary files. */
  async close(): Promise<void> {
    await Promise.all(Object.values(this.threads).map((thread) => thread.terminate()));
    this.scratch.dispose();
  }

  /** The files' counts and warnings; throws the row errors unless they are to be skipped. */
  result(): Ingested {
    const { inputs, options } = this;
    const log = new ErrorLog(options.maxErrors);
    for (const kind of TABLE_ORDER) {
      const fileLog = this.logs[kind];
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
      headers: this.headers,
      stale: staleData(inputs, this.latestOf, options.window),
      dateOnly: dateOnlyWarnings(inputs),
    };
  }
}

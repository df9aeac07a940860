import { GmauditError } from "../errors.js";
import { ErrorLog, formatErrorLog } from "../input/errors.js";
import { openTable } from "../input/read.js";
import type { Located } from "../input/schemas.js";
import type { RecordOf, TableKind } from "../input/tables.js";
import type { Localized } from "../rules/define.js";
import { acceptedIndicators, resolveIndicator } from "../rules/manual.js";
import type { WorkCalendar } from "../time/calendar.js";
import type { AuditWindow } from "../time/window.js";
import { type DeferredRecords, FactsBuilder, type RecordFate, type UnregisteredAccount } from "./builder.js";
import type { AccountFacts } from "./facts.js";
import type { ReplyParams } from "./replies.js";
import { ScratchDir } from "./spill.js";

export type { UnregisteredAccount } from "./builder.js";

/** `npm run bench` reads per-file timings from stderr (bench/run.mjs); off unless the variable is set. */
const PROFILE_INPUTS = process.env.GMAUDIT_PROFILE_INPUTS === "1";

export const TABLE_ORDER: readonly TableKind[] = ["accounts", "posts", "messages", "filings", "findings"];

export type InputFiles = { accounts: string } & Partial<Record<Exclude<TableKind, "accounts">, string>>;

/** Per-file bookkeeping: `rows = used + skipped + duplicates + afterAsOf`; unregistered rows are among the used. */
export interface InputStats {
  file: string;
  format: string;
  encoding: string;
  rows: number;
  used: number;
  skipped: number;
  duplicates: number;
  afterAsOf: number;
  unregistered: number;
}

export interface CollectOptions {
  files: InputFiles;
  window: AuditWindow;
  calendar: WorkCalendar;
  reply: ReplyParams;
  encoding?: string;
  skipInvalid: boolean;
  maxErrors: number;
  onProgress?: (file: string, bytesRead: number, totalBytes: number) => void;
}

export interface Collected {
  /** In registry order. */
  accounts: AccountFacts[];
  inputs: Partial<Record<TableKind, InputStats>>;
  unregistered: UnregisteredAccount[];
  /** Warnings about the data (not findings): e.g. a closed account without closed_at. */
  warnings: Localized[];
  /** Rows were left out with --skip-invalid. */
  dataIncomplete: boolean;
}

/** One streaming pass over each input file, in the fixed order, into per-account facts. */
export async function collectFacts(options: CollectOptions): Promise<Collected> {
  const { files } = options;
  const log = new ErrorLog(options.maxErrors);
  const given = new Set(TABLE_ORDER.filter((kind) => files[kind] !== undefined));
  const builder = new FactsBuilder(options.window, options.calendar, options.reply, given);
  const inputs: Partial<Record<TableKind, InputStats>> = {};
  const warnings: Localized[] = [];

  const scratch = new ScratchDir();

  /**
   * Reads one file into the facts. `add` judges a record at once; `defer` (posts, messages) takes
   * the records of the whole file and judges them at its end, in order (see FactsBuilder.deferPosts).
   */
  const read = async <K extends TableKind>(
    kind: K,
    add: (record: Located<RecordOf<K>>, header: Partial<Record<string, string>>) => RecordFate,
    defer?: (expectedBytes: number) => DeferredRecords<Located<RecordOf<K>>>,
  ) => {
    const file = files[kind];
    if (file === undefined) return;
    const started = performance.now();
    const reader = await openTable(
      file,
      kind,
      {
        zone: options.window.zone,
        ...(options.encoding === undefined ? {} : { encoding: options.encoding }),
        ...(options.onProgress === undefined
          ? {}
          : { onProgress: (done: number, total: number) => options.onProgress?.(file, done, total) }),
      },
      log,
    );
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
    if (defer !== undefined) {
      const deferred = defer(reader.size);
      try {
        for await (const batch of reader.recordBatches()) {
          for (const record of batch) deferred.add(record as Located<RecordOf<K>>);
        }
        const counts = deferred.finish();
        stats.used = counts.used;
        stats.duplicates = counts.duplicates;
        stats.afterAsOf = counts.afterAsOf;
        stats.unregistered = counts.unregistered;
      } finally {
        deferred.close();
      }
    } else {
      for await (const batch of reader.recordBatches()) {
        for (const record of batch) {
          const fate = add(record as Located<RecordOf<K>>, reader.header);
          if (fate === "invalid") invalid++;
          else if (fate === "duplicate") stats.duplicates++;
          else if (fate === "after-as-of") stats.afterAsOf++;
          else {
            stats.used++;
            if (fate === "unregistered") stats.unregistered++;
          }
        }
      }
    }
    stats.rows = reader.stats.rows;
    stats.skipped = reader.stats.invalid + invalid;
    inputs[kind] = stats;
    if (PROFILE_INPUTS) {
      const ms = Math.round(performance.now() - started);
      process.stderr.write(`gmaudit-input ${JSON.stringify({ kind, file, rows: stats.rows, ms })}\n`);
    }
  };

  try {
    await read("accounts", (account, header) => {
      const firstLine = builder.addAccount(account);
      if (firstLine === undefined) {
        if (account.status !== "active" && account.closedAt === undefined) {
          const at = `${account.file}:${account.line}`;
          const status = account.status === "closed" ? "关停" : "注销";
          warnings.push({
            zh: `${at}：账号 ${account.accountId} 状态为${status}，但未填写关停日期`,
            en: `${at}: account ${account.accountId} is ${account.status} but has no closed_at`,
          });
        }
        return "used";
      }
      log.add({
        file: account.file,
        line: account.line,
        ...(account.jsonIndex ? { jsonIndex: true } : {}),
        column: header.account_id ?? "account_id",
        value: account.accountId,
        expected: `a unique account id (already ${account.jsonIndex ? `at $[${firstLine}]` : `on line ${firstLine}`})`,
      });
      return "duplicate";
    });
    await read(
      "posts",
      (post) => builder.addPost(post),
      (bytes) => builder.deferPosts(scratch, bytes),
    );
    await read(
      "messages",
      (message) => builder.addMessage(message),
      (bytes) => builder.deferMessages(scratch, bytes),
    );
    await read("filings", (filing) => builder.addFiling(filing));
    await read("findings", (finding, header) => {
      // The indicator names a manual indicator (RULES §3) by id or Chinese name; anything else is a
      // row error like a bad date, listed with the accepted names.
      if (resolveIndicator(finding.indicator) === undefined) {
        log.add({
          file: finding.file,
          line: finding.line,
          ...(finding.jsonIndex ? { jsonIndex: true } : {}),
          column: header.indicator ?? "indicator",
          value: finding.indicator,
          expected: acceptedIndicators(),
        });
        return "invalid";
      }
      return builder.addFinding(finding);
    });
  } finally {
    scratch.dispose();
  }

  if (log.count > 0 && !options.skipInvalid) {
    throw new GmauditError(
      `the input has ${log.count} invalid row${log.count === 1 ? "" : "s"}; nothing was written (use --skip-invalid to go on without them)`,
      formatErrorLog(log),
    );
  }
  const accountDuplicates = inputs.accounts?.duplicates ?? 0;
  return {
    accounts: builder.accounts,
    inputs,
    unregistered: builder.unregisteredAccounts(),
    warnings,
    dataIncomplete: accountDuplicates > 0 || Object.values(inputs).some((s) => s.skipped > 0),
  };
}

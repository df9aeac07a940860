import type { Localized } from "../i18n.js";
import { type IngestOptions, ingest } from "../ingest/ingest.js";
import { type InputStats, TABLE_ORDER } from "../ingest/inputs.js";
import type { AccountRecord, Located } from "../input/schemas.js";
import type { TableKind } from "../input/tables.js";
import type { WorkCalendar } from "../time/calendar.js";
import { dayNumber } from "../time/zone.js";
import { FactsBuilder, type UnregisteredAccount } from "./builder.js";
import type { AccountFacts } from "./facts.js";
import type { ReplyParams } from "./replies.js";

export type { UnregisteredAccount } from "./builder.js";

export interface CollectOptions extends Omit<IngestOptions, "categories" | "warnings"> {
  calendar: WorkCalendar;
  reply: ReplyParams;
  /** Rule repost-source's `approvedSources` (empty or absent: reposts' sources are not checked). */
  approvedSources?: readonly string[];
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
  /**
   * Each CSV/TSV file's header: canonical column → header as found (what the file has, not what its rows
   * say). A posts file without an `original` column cannot tell originals from reposts.
   */
  headers: Partial<Record<TableKind, Partial<Record<string, string>>>>;
  /** PRODUCT §2.1: the posts or messages end more than STALE_DAYS days before T. */
  stale: Localized[];
}

/** The input files, ingested, into per-account facts (FactsBuilder says what each record means). */
export async function collectFacts(options: CollectOptions): Promise<Collected> {
  const given = new Set(TABLE_ORDER.filter((kind) => options.files[kind] !== undefined));
  const builder = new FactsBuilder(
    options.window,
    options.calendar,
    options.reply,
    given,
    options.approvedSources,
  );
  const warnings: Localized[] = [];
  const ingested = await ingest(
    { ...options, categories: options.reply.categories, warnings },
    {
      account: (account) => {
        const firstLine = builder.addAccount(account);
        if (firstLine === undefined) warnings.push(...closedWithoutDate(account));
        return firstLine;
      },
      registryNames: () =>
        builder.accounts.map(({ account }) => ({
          id: account.accountId,
          name: account.name,
          platform: account.platform,
        })),
      posts: (parts) => builder.addEncodedPosts(parts),
      messages: (parts) => builder.addEncodedMessages(parts),
      filing: (filing) => builder.addFiling(filing),
      finding: (finding) => builder.addFinding(finding),
    },
  );
  warnings.push(...contradictions(builder.accounts, options.window.asOfDay), ...ingested.dateOnly);
  return {
    accounts: builder.accounts,
    inputs: ingested.inputs,
    unregistered: builder.unregisteredAccounts(),
    warnings,
    dataIncomplete: ingested.dataIncomplete,
    headers: ingested.headers,
    stale: ingested.stale,
  };
}

/** A closed or cancelled account without closed_at: its closing cannot be placed in time. */
function closedWithoutDate(account: Located<AccountRecord>): Localized[] {
  if (account.status === "active" || account.closedAt !== undefined) return [];
  const at = `${account.file}:${account.line}`;
  const status = account.status === "closed" ? "关停" : "注销";
  return [
    {
      zh: `${at}：账号 ${account.accountId} 状态为${status}，但未填写关停日期`,
      en: `${at}: account ${account.accountId} is ${account.status} but has no closed_at`,
    },
  ];
}

/**
 * A close or cancel filing, up to T, for an account the registry calls active: the registry decides
 * (the account is audited as active), but the two disagree, and a stale registry status vetoes a
 * closed account — said, not settled silently.
 */
function contradictions(accounts: readonly AccountFacts[], asOfDay: number): Localized[] {
  const found: Localized[] = [];
  for (const { account, filings } of accounts) {
    if (account.status !== "active" || filings === undefined) continue;
    const closing = filings.find(
      (f) => (f.event === "close" || f.event === "cancel") && dayNumber(f.eventDate) <= asOfDay,
    );
    if (closing === undefined) continue;
    const at = `${closing.file}:${closing.line}`;
    const zhEvent = closing.event === "close" ? "关停" : "注销";
    found.push({
      zh: `${at}：账号 ${account.accountId}（${account.name}）有${zhEvent}备案（${closing.eventDate}），但备案台账中状态为正常：按台账以正常运行评估，请核对台账的状态和关停日期`,
      en: `${at}: account ${account.accountId} (${account.name}) has a ${closing.event} filing (${closing.eventDate}) but the registry calls it active: audited as active, as the registry says; check the registry's status and closed_at`,
    });
  }
  return found;
}

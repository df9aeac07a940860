import type {
  AccountRecord,
  FilingRecord,
  FindingRecord,
  Located,
  MessageRecord,
  PostRecord,
} from "../input/schemas.js";
import type { TableKind } from "../input/tables.js";
import type { WorkCalendar } from "../time/calendar.js";
import { type AuditWindow, monthBefore } from "../time/window.js";
import { dayNumber } from "../time/zone.js";
import {
  type AccountFacts,
  addExample,
  emptyMessageFacts,
  emptyPostFacts,
  newAccountFacts,
} from "./facts.js";
import { type ReplyParams, replyDeadline, replyState } from "./replies.js";

export interface UnregisteredAccount {
  accountId: string;
  posts: number;
  messages: number;
  filings: number;
  findings: number;
}

/**
 * What happened to one record: the collector counts these per file. `invalid`: valid as a row but
 * rejected by a later check (an unknown manual indicator), reported as an input error and skipped.
 */
export type RecordFate = "used" | "duplicate" | "after-as-of" | "unregistered" | "invalid";

/**
 * Accumulates records into per-account facts, one record at a time, in the fixed order accounts →
 * posts → messages → filings → findings. Memory grows with accounts × weeks (and the late or overdue
 * messages, each a finding), never with the number of posts or messages.
 */
export class FactsBuilder {
  readonly accounts: AccountFacts[] = [];
  private readonly byId = new Map<string, AccountFacts>();
  private readonly firstLine = new Map<string, number>();
  private readonly unregistered = new Map<string, UnregisteredAccount>();
  private readonly postIds = new Set<string>();
  private readonly messageIds = new Set<string>();
  private readonly categories: ReadonlySet<string>;
  private readonly firstMonday: number;
  private readonly monthStart: number;
  private readonly windowDays: number;

  constructor(
    private readonly window: AuditWindow,
    private readonly calendar: WorkCalendar,
    private readonly reply: ReplyParams,
    /** The inputs given: facts for an absent input stay undefined ("not evaluated"). */
    private readonly inputs: ReadonlySet<TableKind>,
  ) {
    this.categories = new Set(reply.categories);
    this.firstMonday = window.weeks[0]?.monday ?? 0;
    this.monthStart = monthBefore(window.asOf, window.zone).start;
    this.windowDays = window.asOfDay - window.fromDay + 1;
  }

  /** Returns the line of the first account with the same id when this one is a duplicate. */
  addAccount(account: Located<AccountRecord>): number | undefined {
    const seen = this.firstLine.get(account.accountId);
    if (seen !== undefined) return seen;
    this.firstLine.set(account.accountId, account.line);
    const facts = newAccountFacts(account);
    if (this.inputs.has("posts")) facts.posts = emptyPostFacts(this.window.weeks.length);
    if (this.inputs.has("messages")) facts.messages = emptyMessageFacts();
    if (this.inputs.has("filings")) facts.filings = [];
    if (this.inputs.has("findings")) facts.findings = [];
    this.byId.set(account.accountId, facts);
    this.accounts.push(facts);
    return undefined;
  }

  addPost(post: Located<PostRecord>): RecordFate {
    if (post.postId !== undefined && isRepeat(this.postIds, post.accountId, post.postId)) return "duplicate";
    const { zone, asOf, from, weeks, fromDay } = this.window;
    const t = post.publishedAt;
    if (t > asOf) return "after-as-of";
    const facts = this.lookup(post.accountId, "posts");
    const pf = facts?.posts;
    if (!facts || !pf) return "unregistered";
    if (pf.lastPostAt === undefined || t > pf.lastPostAt) pf.lastPostAt = t;
    if (t > this.monthStart) pf.monthSpanPosts++;
    const day = zone.dayOf(t);
    if (facts.closedDay !== undefined && day > facts.closedDay) {
      pf.afterClosed.count++;
      if (pf.afterClosed.lastAt === undefined || t > pf.afterClosed.lastAt) pf.afterClosed.lastAt = t;
    }
    if (t < from) return "used";
    pf.inWindow++;
    if (post.original) pf.originalsInWindow++;
    const weekIndex = Math.floor((day - this.firstMonday) / 7);
    if (weekIndex >= 0 && weekIndex < weeks.length) {
      pf.weekPosts[weekIndex]!++;
      if (post.original) pf.weekOriginals[weekIndex]!++;
    }
    if (!pf.dayFirst || !pf.dayLast) {
      pf.dayFirst = new Float64Array(this.windowDays).fill(Number.NaN);
      pf.dayLast = new Float64Array(this.windowDays).fill(Number.NaN);
    }
    const dayIndex = day - fromDay;
    const first = pf.dayFirst[dayIndex]!;
    if (Number.isNaN(first) || t < first) pf.dayFirst[dayIndex] = t;
    const last = pf.dayLast[dayIndex]!;
    if (Number.isNaN(last) || t > last) pf.dayLast[dayIndex] = t;
    if (!post.original) {
      const example = post.postId ?? post.title ?? `${post.file}:${post.line}`;
      const source = post.source?.trim();
      if (!source) addExample(pf.repostsWithoutSource, example, t);
      else {
        let entry = pf.repostSources.get(source);
        if (!entry) {
          entry = { count: 0, examples: [] };
          pf.repostSources.set(source, entry);
        }
        addExample(entry, example, t);
      }
    }
    return "used";
  }

  addMessage(message: Located<MessageRecord>): RecordFate {
    if (message.messageId !== undefined && isRepeat(this.messageIds, message.accountId, message.messageId)) {
      return "duplicate";
    }
    const { zone, asOf, from } = this.window;
    if (message.receivedAt > asOf) return "after-as-of";
    const facts = this.lookup(message.accountId, "messages");
    const mf = facts?.messages;
    if (!facts || !mf) return "unregistered";
    if (!this.categories.has(message.category)) return "used";
    const { deadline, restDay } = replyDeadline(message.receivedAt, this.reply, this.calendar, zone);
    const state = replyState(deadline, message.repliedAt, asOf);
    // Before the window, only what is still unanswered and overdue at T carries over.
    if (message.receivedAt < from && state !== "overdue") return "used";
    mf.due++;
    if (state === "on-time") mf.onTime++;
    else if (state === "pending") mf.pending++;
    else {
      if (state === "late") mf.late++;
      else mf.overdue++;
      mf.problems.push({
        ...(message.messageId === undefined ? {} : { messageId: message.messageId }),
        file: message.file,
        line: message.line,
        receivedAt: message.receivedAt,
        deadline,
        ...(state === "late" && message.repliedAt !== undefined ? { repliedAt: message.repliedAt } : {}),
        state,
        restDay,
      });
    }
    return "used";
  }

  /** Filings are few: kept per account and judged by the rules. */
  addFiling(filing: Located<FilingRecord>): RecordFate {
    const facts = this.lookup(filing.accountId, "filings");
    if (!facts) return "unregistered";
    facts.filings?.push(filing);
    return "used";
  }

  /**
   * Manual findings (RULES §3) are few: kept per account, priced by the engine. A finding dated after
   * T's day is an event after T (ignored, counted); one dated before the window is kept — the findings
   * file is the inspection record given for this audit, and there is no carry-over rule to apply.
   */
  addFinding(finding: Located<FindingRecord>): RecordFate {
    const foundDay = finding.foundAt === undefined ? undefined : dayNumber(finding.foundAt);
    if (foundDay !== undefined && foundDay > this.window.asOfDay) return "after-as-of";
    const facts = this.lookup(finding.accountId, "findings");
    if (!facts) return "unregistered";
    facts.findings?.push(finding);
    return "used";
  }

  /** By id: the list must not depend on the order of the rows that named the accounts. */
  unregisteredAccounts(): UnregisteredAccount[] {
    return [...this.unregistered.values()].sort((a, b) =>
      a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : 0,
    );
  }

  private lookup(accountId: string, counter: "posts" | "messages" | "filings" | "findings") {
    const facts = this.byId.get(accountId);
    if (facts) return facts;
    let entry = this.unregistered.get(accountId);
    if (!entry) {
      entry = { accountId, posts: 0, messages: 0, filings: 0, findings: 0 };
      this.unregistered.set(accountId, entry);
    }
    entry[counter]++;
    return undefined;
  }
}

/** Duplicate ids are judged per account: two accounts may number their posts alike. */
function isRepeat(seen: Set<string>, accountId: string, id: string): boolean {
  const key = `${accountId}\u0000${id}`;
  if (seen.has(key)) return true;
  seen.add(key);
  return false;
}

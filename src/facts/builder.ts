import {
  type EncodedRecords,
  type FateCounts,
  type RecordFate,
  RepeatKeys,
  replayMessages,
  replayPosts,
} from "../ingest/encode.js";
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
  addLazyExample,
  emptyMessageFacts,
  emptyPostFacts,
  newAccountFacts,
  type ReplyProblem,
} from "./facts.js";
import { PostColumns } from "./post-columns.js";
import { type ReplyParams, replyDeadline, replyState } from "./replies.js";
import { addUnapproved, emptyUnapprovedSources, SourceApproval } from "./sources.js";

export interface UnregisteredAccount {
  accountId: string;
  posts: number;
  messages: number;
  filings: number;
  findings: number;
}

/**
 * What each record means for its account: records go in, in the fixed order accounts → posts →
 * messages → filings → findings, and per-account facts come out. Posts and messages come either one
 * by one (`addPost`, `addMessage`: for tests and small inputs) or a whole file at a time as the
 * ingest encoded it (`addEncodedPosts`, `addEncodedMessages`: what `collectFacts` uses). Memory grows
 * with accounts × weeks (and the late or overdue messages, each a finding), never with the number of
 * posts or messages.
 */
export class FactsBuilder {
  private readonly registry: AccountFacts[] = [];
  private readonly byId = new Map<string, AccountFacts>();
  /** Account id → index in `registry` (and in the columns of `postColumns`). */
  private readonly indexById = new Map<string, number>();
  private postColumns: PostColumns | undefined;
  private readonly firstLine = new Map<string, number>();
  private readonly unregistered = new Map<string, UnregisteredAccount>();
  private readonly postIds = new RepeatKeys();
  private readonly messageIds = new RepeatKeys();
  private readonly categories: ReadonlySet<string>;
  private readonly sources: SourceApproval;
  private readonly firstMonday: number;
  private readonly monthStart: number;
  /** The first day of the month span (T − 1 month, T]: bit 0 of an account's `monthSpanDays` mask. */
  private readonly monthFirstDay: number;
  private readonly windowDays: number;
  private readonly zone: AuditWindow["zone"];
  private readonly asOf: number;
  private readonly from: number;
  private readonly fromDay: number;
  private readonly weekCount: number;

  constructor(
    private readonly window: AuditWindow,
    private readonly calendar: WorkCalendar,
    private readonly reply: ReplyParams,
    /** The inputs given: facts for an absent input stay undefined ("not evaluated"). */
    private readonly inputs: ReadonlySet<TableKind>,
    /** Rule repost-source's `approvedSources` (empty: reposts' sources are not checked). */
    approvedSources: readonly string[] = [],
  ) {
    this.categories = new Set(reply.categories);
    this.sources = new SourceApproval(approvedSources);
    this.firstMonday = window.weeks[0]?.monday ?? 0;
    this.monthStart = monthBefore(window.asOf, window.zone).start;
    this.monthFirstDay = window.zone.dayOf(this.monthStart + 1);
    this.windowDays = window.asOfDay - window.fromDay + 1;
    this.zone = window.zone;
    this.asOf = window.asOf;
    this.from = window.from;
    this.fromDay = window.fromDay;
    this.weekCount = window.weeks.length;
  }

  /** Returns the line of the first account with the same id when this one is a duplicate. */
  addAccount(account: Located<AccountRecord>): number | undefined {
    const seen = this.firstLine.get(account.accountId);
    if (seen !== undefined) return seen;
    this.firstLine.set(account.accountId, account.line);
    const facts = newAccountFacts(account);
    if (this.inputs.has("posts")) {
      facts.posts = emptyPostFacts(this.window.weeks.length);
      if (!this.sources.off) facts.posts.unapprovedSources = emptyUnapprovedSources();
    }
    if (this.inputs.has("messages")) facts.messages = emptyMessageFacts();
    if (this.inputs.has("filings")) facts.filings = [];
    if (this.inputs.has("findings")) facts.findings = [];
    this.byId.set(account.accountId, facts);
    const index = this.registry.length;
    this.indexById.set(account.accountId, index);
    this.registry.push(facts);
    if (
      this.postColumns !== undefined &&
      index < this.postColumns.capacity &&
      facts.closedDay !== undefined
    ) {
      this.postColumns.closedDay[index] = facts.closedDay;
    }
    return undefined;
  }

  /** The facts of every registered account, in registry order (the posts' columns copied in). */
  get accounts(): AccountFacts[] {
    this.postColumns?.copyInto(this.registry);
    return this.registry;
  }

  /** The posts' columns, sized for the accounts registered so far. */
  private columns(): PostColumns {
    const count = this.registry.length;
    if (this.postColumns === undefined || this.postColumns.capacity < count) {
      this.postColumns = new PostColumns(
        Math.max(count, 16),
        this.weekCount,
        this.windowDays,
        this.registry,
        this.postColumns,
      );
    }
    return this.postColumns;
  }

  /** One post, judged at once (duplicates by an in-memory set: for small inputs and tests). */
  addPost(post: Located<PostRecord>): RecordFate {
    const repeat = post.postId !== undefined && this.postIds.repeats(post.accountId, post.postId);
    const example = post.postId ?? post.title ?? `${post.file}:${post.line}`;
    return this.applyPost(
      this.postIndexOf(post.accountId),
      post.accountId,
      post.publishedAt,
      post.original,
      post.source,
      () => example,
      repeat,
    );
  }

  /**
   * The posts of a file, encoded by the ingest (in parts, on threads or here), replayed in file order
   * with each one's repeat bit: the facts are exactly those of `addPost` one by one.
   */
  addEncodedPosts(parts: readonly EncodedRecords[]): FateCounts {
    return replayPosts(parts, (part) => {
      const { accountIds } = part;
      const indexOf = accountIds.map((id) => this.postIndexOf(id));
      // Each distinct source trimmed once.
      const trimmed = part.sources.map((source) => source.trim());
      return (ref, t, original, sourceRef, example, repeat) =>
        this.applyPost(
          indexOf[ref]!,
          accountIds[ref]!,
          t,
          original,
          sourceRef < 0 ? undefined : trimmed[sourceRef],
          example,
          repeat,
        );
    });
  }

  /** The messages of a file, encoded by the ingest, as `addEncodedPosts` takes posts. */
  addEncodedMessages(parts: readonly EncodedRecords[]): FateCounts {
    return replayMessages(parts, (part) => {
      const { accountIds, file } = part;
      const factsOf = accountIds.map((id) => this.factsOf(id));
      return (ref, receivedAt, repliedAt, counted, messageId, line, repeat) =>
        this.applyMessage(
          factsOf[ref],
          accountIds[ref]!,
          receivedAt,
          repliedAt,
          counted,
          messageId,
          file,
          line,
          repeat,
        );
    });
  }

  /** Registered facts of an account id (undefined: not in the registry). */
  private factsOf(accountId: string): AccountFacts | undefined {
    return this.byId.get(accountId);
  }

  /** Index of a registered account with post facts, or −1 (not registered, or no posts input). */
  private postIndexOf(accountId: string): number {
    const index = this.indexById.get(accountId);
    return index === undefined || this.registry[index]!.posts === undefined ? -1 : index;
  }

  /**
   * addPost, from the parts of a post that count. `index` is `postIndexOf(accountId)`. The counters
   * live in columns indexed by account (PostColumns): one post touches a few dense arrays rather than
   * half a dozen objects scattered over the heap.
   */
  private applyPost(
    index: number,
    accountId: string,
    t: number,
    original: boolean,
    source: string | undefined,
    example: () => string,
    repeat: boolean,
  ): RecordFate {
    if (repeat) return "duplicate";
    if (t > this.asOf) return "after-as-of";
    if (index < 0) {
      this.countUnregistered(accountId, "posts");
      return "unregistered";
    }
    const c =
      this.postColumns !== undefined && index < this.postColumns.capacity ? this.postColumns : this.columns();
    const lastPost = c.lastPostAt[index]!;
    if (Number.isNaN(lastPost) || t > lastPost) c.lastPostAt[index] = t;
    const day = this.zone.dayOf(t);
    if (t > this.monthStart) {
      c.monthSpanPosts[index]!++;
      // A month span holds at most 31 days: one bit per day, so a push of several articles is one update.
      c.monthSpanDays[index]! |= 1 << (day - this.monthFirstDay);
    }
    if (day > c.closedDay[index]!) {
      c.afterClosed[index]!++;
      const lastAt = c.afterClosedLastAt[index]!;
      if (Number.isNaN(lastAt) || t > lastAt) c.afterClosedLastAt[index] = t;
    }
    if (t < this.from) return "used";
    c.inWindow[index]!++;
    if (original) c.originalsInWindow[index]!++;
    const weekIndex = Math.floor((day - this.firstMonday) / 7);
    if (weekIndex >= 0 && weekIndex < this.weekCount) {
      c.weekPosts[index * this.weekCount + weekIndex]!++;
      if (original) c.weekOriginals[index * this.weekCount + weekIndex]!++;
    }
    const dayAt = index * this.windowDays + (day - this.fromDay);
    const first = c.dayFirst[dayAt]!;
    if (Number.isNaN(first) || t < first) c.dayFirst[dayAt] = t;
    const last = c.dayLast[dayAt]!;
    if (Number.isNaN(last) || t > last) c.dayLast[dayAt] = t;
    if (!original) {
      const pf = this.registry[index]!.posts!;
      const trimmed = source?.trim();
      if (!trimmed) addLazyExample(pf.repostsWithoutSource, example, t);
      else if (pf.unapprovedSources !== undefined && !this.sources.isApproved(trimmed)) {
        addUnapproved(pf.unapprovedSources, trimmed, example, t);
      }
    }
    return "used";
  }

  /** One message, judged at once (duplicates by an in-memory set: for small inputs and tests). */
  addMessage(message: Located<MessageRecord>): RecordFate {
    const repeat =
      message.messageId !== undefined && this.messageIds.repeats(message.accountId, message.messageId);
    return this.applyMessage(
      this.factsOf(message.accountId),
      message.accountId,
      message.receivedAt,
      message.repliedAt,
      this.categories.has(message.category),
      message.messageId === undefined ? undefined : () => message.messageId!,
      message.file,
      message.line,
      repeat,
    );
  }

  /** addMessage, from the parts of a message that count. */
  private applyMessage(
    facts: AccountFacts | undefined,
    accountId: string,
    receivedAt: number,
    repliedAt: number | undefined,
    counted: boolean,
    messageId: (() => string) | undefined,
    file: string,
    line: number,
    repeat: boolean,
  ): RecordFate {
    if (repeat) return "duplicate";
    if (receivedAt > this.asOf) return "after-as-of";
    const mf = facts?.messages;
    if (!facts || !mf) {
      this.countUnregistered(accountId, "messages");
      return "unregistered";
    }
    if (!counted) return "used";
    const { deadline, restDay } = replyDeadline(receivedAt, this.reply, this.calendar, this.zone);
    const state = replyState(deadline, repliedAt, this.asOf);
    // Before the window, what is still unanswered and overdue at T carries over, and so does a late
    // reply whose deadline ran out in the window (at or after the previous window's T = from − 1):
    // the previous audit saw it pending, so no window would otherwise report it.
    if (receivedAt < this.from && state !== "overdue" && !(state === "late" && deadline >= this.from - 1)) {
      return "used";
    }
    mf.due++;
    if (state === "on-time") mf.onTime++;
    else if (state === "pending") mf.pending++;
    else {
      if (state === "late") mf.late++;
      else mf.overdue++;
      // Built property by property, not with spreads: an object literal with spreads got a hidden
      // class of its own each time (76 000 of them, ~9 MB, on the 2M bench); these share four.
      const problem: ReplyProblem = { file, line, receivedAt, deadline, state, restDay };
      if (messageId !== undefined) problem.messageId = messageId();
      if (state === "late" && repliedAt !== undefined) problem.repliedAt = repliedAt;
      mf.problems.push(problem);
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

  private lookup(accountId: string, counter: "filings" | "findings") {
    const facts = this.byId.get(accountId);
    if (facts) return facts;
    this.countUnregistered(accountId, counter);
    return undefined;
  }

  private countUnregistered(accountId: string, counter: "posts" | "messages" | "filings" | "findings"): void {
    let entry = this.unregistered.get(accountId);
    if (!entry) {
      entry = { accountId, posts: 0, messages: 0, filings: 0, findings: 0 };
      this.unregistered.set(accountId, entry);
    }
    entry[counter]++;
  }
}

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
import { type ReplyParams, replyDeadline, replyState } from "./replies.js";
import { addUnapproved, emptyUnapprovedSources, SourceApproval } from "./sources.js";
import {
  align8,
  BlockPool,
  DuplicateFinder,
  type FinderState,
  hashSeeds,
  isRepeat,
  type ScratchDir,
  SpillLog,
} from "./spill.js";

export interface UnregisteredAccount {
  accountId: string;
  posts: number;
  messages: number;
  filings: number;
  findings: number;
}

/** How many records of a file met each fate (those with fate `invalid` are counted by the caller). */
export interface FateCounts {
  used: number;
  duplicates: number;
  afterAsOf: number;
  /** Among the used. */
  unregistered: number;
}

function countFate(counts: FateCounts, fate: RecordFate): void {
  if (fate === "duplicate") counts.duplicates++;
  else if (fate === "after-as-of") counts.afterAsOf++;
  else {
    counts.used++;
    if (fate === "unregistered") counts.unregistered++;
  }
}

/** Records of one file taken now, judged later (when the file is read to its end): see `deferPosts`. */
export interface DeferredRecords<R> {
  add(record: R): void;
  /** Judges every record added, in order, into the facts. */
  finish(): FateCounts;
  /** Frees the temporary files (also after an error). */
  close(): void;
}

/**
 * What happened to one record: the collector counts these per file. `invalid`: valid as a row but
 * rejected by a later check (an unknown manual indicator), reported as an input error and skipped.
 */
export type RecordFate = "used" | "duplicate" | "after-as-of" | "unregistered" | "invalid";

/**
 * Accumulates records into per-account facts, in the fixed order accounts → posts → messages → filings
 * → findings. Posts and messages come either one by one (`addPost`, `addMessage`: duplicates found with
 * an in-memory set — for tests and small inputs) or a whole file at a time (`deferPosts`,
 * `deferMessages`, `applyEncoded`: what `collectFacts` uses), where memory grows with accounts × weeks
 * (and the late or overdue messages, each a finding), never with the number of posts or messages.
 */
export class FactsBuilder {
  private readonly registry: AccountFacts[] = [];
  private readonly byId = new Map<string, AccountFacts>();
  /** Account id → index in `registry` (and in the columns of `postColumns`). */
  private readonly indexById = new Map<string, number>();
  private postColumns: PostColumns | undefined;
  private readonly firstLine = new Map<string, number>();
  private readonly unregistered = new Map<string, UnregisteredAccount>();
  private readonly postIds = new Set<string>();
  private readonly messageIds = new Set<string>();
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
    const repeat = post.postId !== undefined && isRepeatKey(this.postIds, post.accountId, post.postId);
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
   * Posts of a large file: each is stored in a compact columnar form (spilled to a temporary folder
   * past a few megabytes) and its (account, post id) key handed to a DuplicateFinder; `finish` then
   * judges them in file order, knowing which repeat an earlier one. Memory stays flat however many
   * posts the file holds; the facts are exactly those of `addPost` one by one.
   */
  deferPosts(scratch: ScratchDir, expectedBytes: number): DeferredRecords<Located<PostRecord>> {
    return this.defer(new RecordEncoder("posts", scratch, expectedBytes, this.categories));
  }

  /** Messages of a large file, as `deferPosts` does for posts. */
  deferMessages(scratch: ScratchDir, expectedBytes: number): DeferredRecords<Located<MessageRecord>> {
    return this.defer(new RecordEncoder("messages", scratch, expectedBytes, this.categories));
  }

  private defer<R>(encoder: RecordEncoder): DeferredRecords<R> {
    return {
      add: (record) => encoder.add(record as Located<PostRecord> & Located<MessageRecord>),
      finish: () => this.applyEncoded([encoder.finish()]),
      close: () => encoder.close(),
    };
  }

  /**
   * Judges, in file order, the records of a file encoded by RecordEncoders (here or on reading
   * threads): the file's parts in order (one part: the whole file). A record repeats when its key
   * repeats one of an earlier record of any part.
   */
  applyEncoded(parts: readonly EncodedRecords[]): FateCounts {
    const counts: FateCounts = { used: 0, duplicates: 0, afterAsOf: 0, unregistered: 0 };
    const repeats = repeatsOf(parts);
    let ordinalBase = 0;
    for (const part of parts) {
      if (part.kind === "posts") this.applyEncodedPosts(part, repeats, ordinalBase, counts);
      else this.applyEncodedMessages(part, repeats, ordinalBase, counts);
      ordinalBase += part.rows;
    }
    return counts;
  }

  private applyEncodedPosts(
    encoded: EncodedRecords,
    repeats: Uint8Array,
    ordinalBase: number,
    counts: FateCounts,
  ): void {
    const { accountIds } = encoded;
    const indexOf = accountIds.map((id) => this.postIndexOf(id));
    // Each distinct source trimmed once.
    const trimmed = encoded.sources.map((source) => source.trim());
    const apply = (rows: DecodedBatch, i: number, ordinal: number) => {
      const ref = rows.refs[i]!;
      const sourceId = rows.ints[i]!;
      const original = rows.flags[i] === 1;
      const fate = this.applyPost(
        indexOf[ref]!,
        accountIds[ref]!,
        rows.times[i]!,
        original,
        sourceId < 0 ? undefined : trimmed[sourceId],
        // Only a repost may be an example.
        original ? noExample : () => rows.text(i),
        isRepeat(repeats, ordinal),
      );
      countFate(counts, fate);
    };
    // Posts are judged a group of blocks at a time, account by account (a stable sort by account):
    // one account's counters stay in the cache for all its posts of the group, where posts in file
    // order would touch the counters of a different account each time. The facts of an account do not
    // depend on the order of other accounts' posts, and each account's posts keep their order.
    const group = new GroupByAccount(accountIds.length);
    // The group's blocks are read into the same few buffers again and again.
    const pool = new BlockPool();
    const held: Buffer[] = [];
    let ordinal = ordinalBase;
    const judge = () => {
      group.forEachInOrder(apply);
      group.clear();
      for (const block of held) pool.give(block);
      held.length = 0;
    };
    for (const block of encoded.log.blocks(pool)) {
      held.push(block);
      const rows = ColumnBatch.decode(block);
      group.add(rows, ordinal);
      ordinal += rows.length;
      if (group.rows >= GroupByAccount.ROWS) judge();
    }
    judge();
  }

  private applyEncodedMessages(
    encoded: EncodedRecords,
    repeats: Uint8Array,
    ordinalBase: number,
    counts: FateCounts,
  ): void {
    const { accountIds, file } = encoded;
    const factsOf = accountIds.map((id) => this.factsOf(id));
    let at = ordinalBase;
    // One block at a time: each is read into the buffer the one before it was.
    const pool = new BlockPool();
    for (const block of encoded.log.blocks(pool)) {
      const rows = ColumnBatch.decode(block);
      for (let i = 0; i < rows.length; i++, at++) {
        const ref = rows.refs[i]!;
        const flags = rows.flags[i]!;
        const repliedAt = rows.times2[i]!;
        const fate = this.applyMessage(
          factsOf[ref],
          accountIds[ref]!,
          rows.times[i]!,
          Number.isNaN(repliedAt) ? undefined : repliedAt,
          (flags & 1) === 1,
          (flags & 2) === 2 ? () => rows.text(i) : undefined,
          file,
          rows.ints[i]!,
          isRepeat(repeats, at),
        );
        countFate(counts, fate);
      }
      // Its message ids were read as they were used (a late or overdue message's, into the facts).
      pool.give(block);
    }
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
      message.messageId !== undefined && isRepeatKey(this.messageIds, message.accountId, message.messageId);
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

const noExample = () => "";

/** Duplicate ids are judged per account: two accounts may number their posts alike. */
function isRepeatKey(seen: Set<string>, accountId: string, id: string): boolean {
  const key = `${accountId}\u0000${id}`;
  if (seen.has(key)) return true;
  seen.add(key);
  return false;
}

/**
 * The records of one file, or of one part of it, encoded by RecordEncoder: what
 * FactsBuilder.applyEncoded judges.
 */
export interface EncodedRecords {
  kind: "posts" | "messages";
  file: string;
  /** Blocks of ColumnBatch rows, in file order. */
  log: SpillLog;
  /** Records encoded. */
  rows: number;
  /** The (account, id) keys, for the repeats (DuplicateFinder.repeats). */
  keys: FinderState;
  /** Account ids by ref, in order of first sight. */
  accountIds: string[];
  /** Posts: raw sources by ref. */
  sources: string[];
}

/** Which records of the parts of a file repeat an earlier one's key: a bit per record of the file. */
function repeatsOf(parts: readonly EncodedRecords[]): Uint8Array {
  if (parts.length === 1) return DuplicateFinder.repeats([{ finder: parts[0]!.keys, ordinalBase: 0 }]);
  // Each part numbered the accounts it saw in its own order: one numbering for all, by account id.
  const shared = new Map<string, number>();
  let ordinalBase = 0;
  return DuplicateFinder.repeats(
    parts.map((part) => {
      const refs = new Int32Array(part.accountIds.length);
      part.accountIds.forEach((id, ref) => {
        let to = shared.get(id);
        if (to === undefined) {
          to = shared.size;
          shared.set(id, to);
        }
        refs[ref] = to;
      });
      const entry = { finder: part.keys, ordinalBase, refs };
      ordinalBase += part.rows;
      return entry;
    }),
  );
}

/**
 * Takes the records of a posts or messages file, one by one in file order, into a compact column log
 * and a DuplicateFinder. Needs nothing from the facts (it may run on a reading thread).
 */
export class RecordEncoder {
  private readonly finder: DuplicateFinder;
  private readonly log: SpillLog;
  private readonly accounts = new RefTable();
  private readonly sources = new RefTable();
  private readonly batch = new ColumnBatch();
  private ordinal = 0;
  private file = "";

  constructor(
    readonly kind: "posts" | "messages",
    scratch: ScratchDir,
    expectedBytes: number,
    /** Message categories counted by reply-deadline. */
    private readonly categories: ReadonlySet<string>,
  ) {
    this.finder = new DuplicateFinder(scratch, `${kind}-ids`, expectedBytes);
    this.log = new SpillLog(scratch, kind);
  }

  add(record: Located<PostRecord> | Located<MessageRecord>): void {
    this.file = record.file;
    const ref = this.accounts.ref(record.accountId);
    if (this.kind === "posts") {
      const post = record as Located<PostRecord>;
      if (post.postId !== undefined) {
        this.finder.add(ref, this.accounts.seedA[ref]!, this.accounts.seedB[ref]!, post.postId, this.ordinal);
      }
      const original = post.original;
      // Only reposts need their source and an example (RULES §2 repost-source).
      const example = original ? undefined : (post.postId ?? post.title ?? `${post.file}:${post.line}`);
      this.batch.push(
        ref,
        post.publishedAt,
        Number.NaN,
        original ? 1 : 0,
        original || post.source === undefined ? -1 : this.sources.ref(post.source),
        example,
      );
    } else {
      const message = record as Located<MessageRecord>;
      if (message.messageId !== undefined) {
        const { seedA, seedB } = this.accounts;
        this.finder.add(ref, seedA[ref]!, seedB[ref]!, message.messageId, this.ordinal);
      }
      this.batch.push(
        ref,
        message.receivedAt,
        message.repliedAt ?? Number.NaN,
        (this.categories.has(message.category) ? 1 : 0) | (message.messageId === undefined ? 0 : 2),
        message.line,
        message.messageId,
      );
    }
    this.ordinal++;
    if (this.batch.length >= ColumnBatch.ROWS) this.flush();
  }

  private flush(): void {
    if (this.batch.length > 0) this.log.append(this.batch.encode());
  }

  finish(): EncodedRecords {
    this.flush();
    return {
      kind: this.kind,
      file: this.file,
      log: this.log,
      rows: this.ordinal,
      keys: this.finder.export(),
      accountIds: this.accounts.ids,
      sources: this.sources.ids,
    };
  }

  close(): void {
    this.finder.close();
    this.log.close();
  }
}

/** Distinct strings of a file (account ids, sources) → small integers, in order of first sight. */
class RefTable {
  readonly ids: string[] = [];
  /** hashSeeds of each id, by ref. */
  readonly seedA: number[] = [];
  readonly seedB: number[] = [];
  private readonly refs = new Map<string, number>();
  private lastId = "";
  private lastRef = -1;

  ref(id: string): number {
    // Exports are often grouped by account: the same id as the row before costs no lookup.
    if (id === this.lastId && this.lastRef >= 0) return this.lastRef;
    let ref = this.refs.get(id);
    if (ref === undefined) {
      ref = this.ids.length;
      // A copy: a cell may be a slice of a large piece of the file, which it would keep alive.
      const own = Buffer.from(id, "utf16le").toString("utf16le");
      this.ids.push(own);
      this.refs.set(own, ref);
      const [a, b] = hashSeeds(own);
      this.seedA.push(a);
      this.seedB.push(b);
    }
    this.lastId = id;
    this.lastRef = ref;
    return ref;
  }
}

/**
 * Up to ROWS records as columns: account ref, a time, a second time, flags, one more integer and an
 * optional text, encoded as one block (times first, so that every column stays aligned).
 */
class ColumnBatch {
  static readonly ROWS = 8192;
  private readonly refs = new Int32Array(ColumnBatch.ROWS);
  private readonly times = new Float64Array(ColumnBatch.ROWS);
  private readonly times2 = new Float64Array(ColumnBatch.ROWS);
  private readonly flags = new Uint8Array(ColumnBatch.ROWS);
  private readonly ints = new Int32Array(ColumnBatch.ROWS);
  /** Length of each row's text in UTF-16 units, −1 for none. */
  private readonly textLengths = new Int32Array(ColumnBatch.ROWS);
  private texts: string[] = [];
  private textUnits = 0;
  /** Where `encode` writes: reused, grown when a block needs more. */
  private out = Buffer.alloc(0);
  length = 0;

  push(ref: number, time: number, time2: number, flags: number, int: number, text: string | undefined): void {
    const i = this.length++;
    this.refs[i] = ref;
    this.times[i] = time;
    this.times2[i] = time2;
    this.flags[i] = flags;
    this.ints[i] = int;
    if (text === undefined) this.textLengths[i] = -1;
    else {
      this.textLengths[i] = text.length;
      this.texts.push(text);
      this.textUnits += text.length;
    }
  }

  /**
   * The rows as one block, and the batch empty again. The block is a view of a buffer the next `encode`
   * writes over: the caller copies it (SpillLog.append does).
   */
  encode(): Buffer {
    const n = this.length;
    const size = 16 + n * 16 + n * 12 + align8(n) + this.textUnits * 2;
    if (this.out.length < size) this.out = Buffer.alloc(Math.max(size, 2 * this.out.length));
    const block = this.out.subarray(0, size);
    const header = new Uint32Array(block.buffer, block.byteOffset, 4);
    header[0] = n;
    header[1] = this.textUnits;
    header[2] = 0;
    header[3] = 0;
    let at = 16;
    block.set(new Uint8Array(this.times.buffer, 0, n * 8), at);
    at += n * 8;
    block.set(new Uint8Array(this.times2.buffer, 0, n * 8), at);
    at += n * 8;
    block.set(new Uint8Array(this.refs.buffer, 0, n * 4), at);
    at += n * 4;
    block.set(new Uint8Array(this.ints.buffer, 0, n * 4), at);
    at += n * 4;
    block.set(new Uint8Array(this.textLengths.buffer, 0, n * 4), at);
    at += n * 4;
    block.set(this.flags.subarray(0, n), at);
    block.fill(0, at + n, at + align8(n));
    at += align8(n);
    block.write(this.texts.join(""), at, "utf16le");
    this.length = 0;
    this.texts = [];
    this.textUnits = 0;
    return block;
  }

  /** Views over a block written by `encode` (copied first if it is not 8-byte aligned). */
  static decode(data: Buffer): DecodedBatch {
    const block = data.byteOffset % 8 === 0 ? data : Buffer.from(data);
    const base = block.byteOffset;
    const buffer = block.buffer;
    const header = new Uint32Array(buffer, base, 4);
    const n = header[0]!;
    let at = base + 16;
    const times = new Float64Array(buffer, at, n);
    at += n * 8;
    const times2 = new Float64Array(buffer, at, n);
    at += n * 8;
    const refs = new Int32Array(buffer, at, n);
    at += n * 4;
    const ints = new Int32Array(buffer, at, n);
    at += n * 4;
    const textLengths = new Int32Array(buffer, at, n);
    at += n * 4;
    const flags = new Uint8Array(buffer, at, n);
    at += align8(n);
    const textStart = at - base;
    const textOffsets = new Int32Array(n);
    let units = 0;
    for (let i = 0; i < n; i++) {
      textOffsets[i] = units;
      const length = textLengths[i]!;
      if (length > 0) units += length;
    }
    return {
      length: n,
      refs,
      times,
      times2,
      flags,
      ints,
      // Decoded one by one and only when kept: each is then a string of its own.
      text: (i) => {
        const start = textStart + textOffsets[i]! * 2;
        return block.toString("utf16le", start, start + Math.max(0, textLengths[i]!) * 2);
      },
    };
  }
}

/**
 * Decoded blocks of rows, visited account by account: a counting sort by account ref, stable (the
 * rows of one account in file order). Holds at most about ROWS rows.
 */
class GroupByAccount {
  static readonly ROWS = 256 * 1024;
  private batches: DecodedBatch[] = [];
  private where = new Int32Array(0);
  private ordinals: number[] = [];
  rows = 0;

  constructor(private readonly refCount: number) {}

  add(batch: DecodedBatch, firstOrdinal: number): void {
    this.batches.push(batch);
    this.ordinals.push(firstOrdinal);
    this.rows += batch.length;
  }

  forEachInOrder(visit: (rows: DecodedBatch, i: number, ordinal: number) => void): void {
    if (this.rows === 0) return;
    const starts = new Int32Array(this.refCount + 1);
    for (const batch of this.batches) for (let i = 0; i < batch.length; i++) starts[batch.refs[i]! + 1]!++;
    for (let r = 0; r < this.refCount; r++) starts[r + 1]! += starts[r]!;
    // Position in the group → batch number and row within it (one array for every group).
    if (this.where.length < this.rows * 2) this.where = new Int32Array(this.rows * 2);
    const where = this.where;
    this.batches.forEach((batch, b) => {
      for (let i = 0; i < batch.length; i++) {
        const at = starts[batch.refs[i]!]!++ * 2;
        where[at] = b;
        where[at + 1] = i;
      }
    });
    for (let at = 0; at < this.rows * 2; at += 2) {
      const b = where[at]!;
      const i = where[at + 1]!;
      visit(this.batches[b]!, i, this.ordinals[b]! + i);
    }
  }

  clear(): void {
    this.batches = [];
    this.ordinals = [];
    this.rows = 0;
  }
}

interface DecodedBatch {
  length: number;
  refs: Int32Array;
  times: Float64Array;
  times2: Float64Array;
  flags: Uint8Array;
  /** The row's integer column (posts: source ref or −1; messages: the line). */
  ints: Int32Array;
  text(i: number): string;
}

/**
 * The per-account post counters of PostFacts as columns (struct of arrays), index = registry order.
 * `copyInto` writes them back into each account's PostFacts (week and day arrays as views).
 */
class PostColumns {
  readonly lastPostAt: Float64Array;
  readonly monthSpanPosts: Int32Array;
  /** Days of the month span with a post, as a bit mask (bit i = the span's i-th day). */
  readonly monthSpanDays: Int32Array;
  readonly closedDay: Float64Array;
  readonly afterClosed: Int32Array;
  readonly afterClosedLastAt: Float64Array;
  readonly inWindow: Int32Array;
  readonly originalsInWindow: Int32Array;
  readonly weekPosts: Uint32Array;
  readonly weekOriginals: Uint32Array;
  readonly dayFirst: Float64Array;
  readonly dayLast: Float64Array;

  constructor(
    readonly capacity: number,
    private readonly weekCount: number,
    private readonly windowDays: number,
    registry: readonly AccountFacts[],
    previous: PostColumns | undefined,
  ) {
    this.lastPostAt = new Float64Array(capacity).fill(Number.NaN);
    this.monthSpanPosts = new Int32Array(capacity);
    this.monthSpanDays = new Int32Array(capacity);
    // Posts on a day after closed_at; +∞ for an account without one.
    this.closedDay = new Float64Array(capacity).fill(Number.POSITIVE_INFINITY);
    this.afterClosed = new Int32Array(capacity);
    this.afterClosedLastAt = new Float64Array(capacity).fill(Number.NaN);
    this.inWindow = new Int32Array(capacity);
    this.originalsInWindow = new Int32Array(capacity);
    this.weekPosts = new Uint32Array(capacity * weekCount);
    this.weekOriginals = new Uint32Array(capacity * weekCount);
    this.dayFirst = new Float64Array(capacity * windowDays).fill(Number.NaN);
    this.dayLast = new Float64Array(capacity * windowDays).fill(Number.NaN);
    if (previous !== undefined) {
      this.lastPostAt.set(previous.lastPostAt);
      this.monthSpanPosts.set(previous.monthSpanPosts);
      this.monthSpanDays.set(previous.monthSpanDays);
      this.afterClosed.set(previous.afterClosed);
      this.afterClosedLastAt.set(previous.afterClosedLastAt);
      this.inWindow.set(previous.inWindow);
      this.originalsInWindow.set(previous.originalsInWindow);
      this.weekPosts.set(previous.weekPosts);
      this.weekOriginals.set(previous.weekOriginals);
      this.dayFirst.set(previous.dayFirst);
      this.dayLast.set(previous.dayLast);
    }
    registry.forEach((facts, i) => {
      if (i < capacity && facts.closedDay !== undefined) this.closedDay[i] = facts.closedDay;
    });
  }

  copyInto(registry: readonly AccountFacts[]): void {
    const w = this.weekCount;
    const d = this.windowDays;
    registry.forEach((facts, i) => {
      const pf = facts.posts;
      if (pf === undefined || i >= this.capacity) return;
      const lastPostAt = this.lastPostAt[i]!;
      if (Number.isNaN(lastPostAt)) delete pf.lastPostAt;
      else pf.lastPostAt = lastPostAt;
      pf.monthSpanPosts = this.monthSpanPosts[i]!;
      pf.monthSpanDays = bitCount(this.monthSpanDays[i]!);
      pf.afterClosed.count = this.afterClosed[i]!;
      const lastAt = this.afterClosedLastAt[i]!;
      if (Number.isNaN(lastAt)) delete pf.afterClosed.lastAt;
      else pf.afterClosed.lastAt = lastAt;
      pf.inWindow = this.inWindow[i]!;
      pf.originalsInWindow = this.originalsInWindow[i]!;
      pf.weekPosts = this.weekPosts.subarray(i * w, (i + 1) * w);
      pf.weekOriginals = this.weekOriginals.subarray(i * w, (i + 1) * w);
      pf.dayFirst = this.dayFirst.subarray(i * d, (i + 1) * d);
      pf.dayLast = this.dayLast.subarray(i * d, (i + 1) * d);
    });
  }
}

/** The number of set bits of a 32-bit mask. */
function bitCount(mask: number): number {
  let n = 0;
  for (let m = mask >>> 0; m !== 0; m &= m - 1) n++;
  return n;
}

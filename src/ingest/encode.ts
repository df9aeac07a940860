import type { Located, MessageRecord, PostRecord } from "../input/schemas.js";
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

/**
 * Posts and messages files are many: their records are encoded as compact columns (spilled to a
 * temporary folder past a few megabytes), their (account, id) keys handed to a DuplicateFinder, and
 * then replayed to the facts in file order with each record's repeat bit. Memory stays flat however
 * many records a file holds; the facts see exactly what they would one record at a time.
 */

/**
 * What happened to one record: the ingest counts these per file. `invalid`: valid as a row but
 * rejected by a later check (an unknown manual indicator), reported as an input error and skipped.
 */
export type RecordFate = "used" | "duplicate" | "after-as-of" | "unregistered" | "invalid";

/** How many records of a file met each fate (those with fate `invalid` are counted by the caller). */
export interface FateCounts {
  used: number;
  duplicates: number;
  afterAsOf: number;
  /** Among the used. */
  unregistered: number;
}

export function emptyFateCounts(): FateCounts {
  return { used: 0, duplicates: 0, afterAsOf: 0, unregistered: 0 };
}

export function countFate(counts: FateCounts, fate: RecordFate): void {
  if (fate === "duplicate") counts.duplicates++;
  else if (fate === "after-as-of") counts.afterAsOf++;
  else if (fate !== "invalid") {
    counts.used++;
    if (fate === "unregistered") counts.unregistered++;
  }
}

/**
 * One replayed post, as the facts take it. `ref` numbers the part's account ids (`part.accountIds`);
 * `sourceRef` its distinct sources (`part.sources`, −1: none or an original); `example` names a repost.
 */
export type PostVisitor = (
  ref: number,
  publishedAt: number,
  original: boolean,
  sourceRef: number,
  example: () => string,
  repeat: boolean,
) => RecordFate;

/** One replayed message, as the facts take it: `counted` when its category is one reply-deadline counts. */
export type MessageVisitor = (
  ref: number,
  receivedAt: number,
  repliedAt: number | undefined,
  counted: boolean,
  messageId: (() => string) | undefined,
  line: number,
  repeat: boolean,
) => RecordFate;

const noExample = () => "";

/**
 * Replays, in file order, the posts of a file encoded by RecordEncoders (here or on reading threads):
 * the file's parts in order (one part: the whole file). A record repeats when its key repeats one of an
 * earlier record of any part. `visitorFor` is asked once per part.
 */
export function replayPosts(
  parts: readonly EncodedRecords[],
  visitorFor: (part: EncodedRecords) => PostVisitor,
): FateCounts {
  const counts = emptyFateCounts();
  const repeats = repeatsOf(parts);
  let ordinalBase = 0;
  for (const part of parts) {
    const visit = visitorFor(part);
    const apply = (rows: DecodedBatch, i: number, ordinal: number) => {
      const original = rows.flags[i] === 1;
      const fate = visit(
        rows.refs[i]!,
        rows.times[i]!,
        original,
        rows.ints[i]!,
        // Only a repost may be an example.
        original ? noExample : () => rows.text(i),
        isRepeat(repeats, ordinal),
      );
      countFate(counts, fate);
    };
    // Posts are replayed a group of blocks at a time, account by account (a stable sort by account):
    // one account's counters stay in the cache for all its posts of the group, where posts in file
    // order would touch the counters of a different account each time. The facts of an account do not
    // depend on the order of other accounts' posts, and each account's posts keep their order.
    const group = new GroupByAccount(part.accountIds.length);
    // The group's blocks are read into the same few buffers again and again.
    const pool = new BlockPool();
    const held: Buffer[] = [];
    let ordinal = ordinalBase;
    const flush = () => {
      group.forEachInOrder(apply);
      group.clear();
      for (const block of held) pool.give(block);
      held.length = 0;
    };
    for (const block of part.log.blocks(pool)) {
      held.push(block);
      const rows = ColumnBatch.decode(block);
      group.add(rows, ordinal);
      ordinal += rows.length;
      if (group.rows >= GroupByAccount.ROWS) flush();
    }
    flush();
    ordinalBase += part.rows;
  }
  return counts;
}

/** Replays the messages of a file's encoded parts in file order, as replayPosts does for posts. */
export function replayMessages(
  parts: readonly EncodedRecords[],
  visitorFor: (part: EncodedRecords) => MessageVisitor,
): FateCounts {
  const counts = emptyFateCounts();
  const repeats = repeatsOf(parts);
  let at = 0;
  for (const part of parts) {
    const visit = visitorFor(part);
    // One block at a time: each is read into the buffer the one before it was.
    const pool = new BlockPool();
    for (const block of part.log.blocks(pool)) {
      const rows = ColumnBatch.decode(block);
      for (let i = 0; i < rows.length; i++, at++) {
        const flags = rows.flags[i]!;
        const repliedAt = rows.times2[i]!;
        const fate = visit(
          rows.refs[i]!,
          rows.times[i]!,
          Number.isNaN(repliedAt) ? undefined : repliedAt,
          (flags & 1) === 1,
          (flags & 2) === 2 ? () => rows.text(i) : undefined,
          rows.ints[i]!,
          isRepeat(repeats, at),
        );
        countFate(counts, fate);
      }
      // Its message ids were read as they were used (a late or overdue message's, into the facts).
      pool.give(block);
    }
  }
  return counts;
}

/**
 * Duplicate ids of records taken one by one (tests and small inputs), judged per account: two
 * accounts may number their posts alike. Large files go through RecordEncoder's DuplicateFinder.
 */
export class RepeatKeys {
  private readonly seen = new Set<string>();

  /** True when (accountId, id) was seen before; remembers it otherwise. */
  repeats(accountId: string, id: string): boolean {
    const key = `${accountId}\u0000${id}`;
    if (this.seen.has(key)) return true;
    this.seen.add(key);
    return false;
  }
}

/**
 * The records of one file, or of one part of it, encoded by RecordEncoder: what
 * replayPosts and replayMessages replay.
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

import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * Bounded memory for what grows with the number of posts or messages (DESIGN: memory grows with
 * accounts × weeks). Two pieces, both kept in memory while small and moved to a temporary folder past
 * a few megabytes:
 * - SpillLog: an append-only sequence of byte blocks, read back in order (the rows of a file, in a
 *   compact columnar form, waiting until duplicates are known);
 * - DuplicateFinder: which rows repeat the key of an earlier row, exactly. Keys are spread over
 *   partitions by a 64-bit hash, so one partition at a time is held in memory; within a partition
 *   equal hashes are compared key by key, so a hash collision never drops a distinct row.
 */

/**
 * Past this many bytes held in memory, blocks go to disk. Small: what is written is read back once, from
 * the page cache, and every megabyte held here on a reading thread is memory the C allocator keeps after
 * the thread is gone (1 MiB instead of 8 lowered the peak RSS of the 2M-post bench by some 20 MB).
 */
const MEMORY_BYTES = 1024 * 1024;

/** `n` rounded up to a multiple of 8 (typed-array views of 8-byte values need aligned offsets). */
export function align8(n: number): number {
  return (n + 7) & ~7;
}

/**
 * A temporary folder, made on first use (inside `parent`, default the system's) and removed by
 * `dispose` — or when the process exits first (an interrupted run leaves nothing behind).
 */
export class ScratchDir {
  private dir: string | undefined;
  private next = 0;
  private readonly cleanUp = () => this.dispose();

  constructor(private readonly parent?: string) {}

  /** The folder itself (made now if need be). */
  path(): string {
    if (this.dir === undefined) {
      this.dir = mkdtempSync(path.join(this.parent ?? tmpdir(), "gmaudit-"));
      if (this.parent === undefined) process.once("exit", this.cleanUp);
    }
    return this.dir;
  }

  file(name: string): string {
    return path.join(this.path(), `${this.next++}-${name}`);
  }

  dispose(): void {
    if (this.dir !== undefined) rmSync(this.dir, { recursive: true, force: true });
    if (this.dir !== undefined && this.parent === undefined) process.off("exit", this.cleanUp);
    this.dir = undefined;
  }
}

/** What a SpillLog holds, as plain data that can cross to another thread (see SpillLog.from). */
export interface SpillState {
  file: string | undefined;
  onDisk: number[];
  held: Uint8Array[];
}

/**
 * Append-only blocks; `blocks()` reads them back in the order written. Appended blocks are copied into
 * one buffer of `memoryBytes` (each at an 8-byte boundary), written to disk when it is full and then
 * filled again: the caller may reuse the block it appended, and writing a file of any size allocates
 * nothing per block — blocks that only wait to be written were garbage that piled up to tens of
 * megabytes before the engine collected it (docs/performance.md).
 */
export class SpillLog {
  /** The blocks in memory, in order: views of `staging` (or, read from another thread, its views). */
  private held: Buffer[] = [];
  private staging: Buffer | undefined;
  /** Bytes of `staging` in use (the end of the last held block). */
  private stagingUsed = 0;
  private fd: number | undefined;
  private file: string | undefined;
  /** Sizes of the blocks on disk, in order. */
  private readonly onDisk: number[] = [];

  constructor(
    private readonly scratch: ScratchDir | undefined,
    private readonly name: string,
    /** Bytes held in memory before blocks go to disk. */
    private readonly memoryBytes = MEMORY_BYTES,
  ) {}

  /**
   * The log as plain data, written blocks closed: another thread reads it with `SpillLog.from`. The log
   * takes no more blocks (the ones held stay views of its buffer).
   */
  export(): SpillState {
    this.close();
    return { file: this.file, onDisk: [...this.onDisk], held: this.takeHeld() };
  }

  static from(state: SpillState): SpillLog {
    const log = new SpillLog(undefined, "imported");
    log.file = state.file;
    log.onDisk.push(...state.onDisk);
    log.held = state.held.map((b) => Buffer.from(b.buffer, b.byteOffset, b.byteLength));
    return log;
  }

  /** Copies `block` in (the caller keeps it). */
  append(block: Uint8Array): void {
    if (this.scratch === undefined) throw new Error("a SpillLog read from another thread cannot grow");
    let start = align8(this.stagingUsed);
    if (start + block.length > this.memoryBytes) {
      this.flush();
      start = 0;
      if (block.length > this.memoryBytes) {
        // Larger than the buffer: straight to disk.
        this.write(block);
        return;
      }
    }
    this.staging ??= Buffer.allocUnsafeSlow(this.memoryBytes);
    this.staging.set(block, start);
    this.held.push(this.staging.subarray(start, start + block.length));
    this.stagingUsed = start + block.length;
  }

  private flush(): void {
    for (const block of this.held) this.write(block);
    this.held = [];
    this.stagingUsed = 0;
  }

  /** The blocks held in memory, let go of by the log (its buffer with them: it takes no more). */
  private takeHeld(): Buffer[] {
    const held = this.held;
    this.held = [];
    this.staging = undefined;
    this.stagingUsed = 0;
    return held;
  }

  /** One block to the end of the spill file. */
  private write(block: Uint8Array): void {
    if (this.fd === undefined) {
      this.file ??= this.scratch!.file(this.name);
      this.fd = openSync(this.file, this.onDisk.length === 0 ? "w+" : "a+");
    }
    let written = 0;
    while (written < block.length) written += writeSync(this.fd, block, written);
    this.onDisk.push(block.length);
  }

  /**
   * The blocks in order; the log is emptied as it is read. Blocks read from disk are taken from `pool`
   * when one is given: the reader gives each back (`pool.give`) once it is done with it.
   */
  *blocks(pool?: BlockPool): Generator<Buffer> {
    if (this.onDisk.length > 0) {
      let position = 0;
      for (const size of this.onDisk) {
        const block = pool === undefined ? Buffer.allocUnsafe(size) : pool.take(size);
        this.readFully(block, 0, size, position);
        position += size;
        yield block;
      }
      this.close();
    }
    yield* this.takeHeld();
  }

  /** Bytes in the log (on disk and held). */
  get byteLength(): number {
    let bytes = 0;
    for (const size of this.onDisk) bytes += size;
    for (const block of this.held) bytes += block.length;
    return bytes;
  }

  /**
   * Copies the whole log, in order, into `target` from `offset` (room for `byteLength` bytes);
   * returns the offset after it. The log is emptied, as by `blocks`.
   */
  readInto(target: Uint8Array, offset: number): number {
    let at = offset;
    if (this.onDisk.length > 0) {
      const size = this.onDisk.reduce((sum, blockSize) => sum + blockSize, 0);
      this.readFully(target, at, size, 0);
      at += size;
      this.close();
    }
    for (const block of this.held) {
      target.set(block, at);
      at += block.length;
    }
    this.takeHeld();
    return at;
  }

  /** Reads `length` bytes of the spill file from `position` into `target` at `offset`. */
  private readFully(target: Uint8Array, offset: number, length: number, position: number): void {
    this.fd ??= openSync(this.file!, "r");
    let read = 0;
    while (read < length) {
      const n = readSync(this.fd, target, offset + read, length - read, position + read);
      if (n === 0) throw new Error(`${this.file}: spill file ended early`);
      read += n;
    }
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

/**
 * Buffers for blocks read back from disk, reused once given back: reading a log of any size then
 * allocates only as many buffers as the reader holds at a time (a new buffer per block was garbage
 * that piled up to tens of megabytes before the engine collected it). Each block starts at offset 0.
 */
export class BlockPool {
  private readonly free: Buffer[] = [];
  /** Buffers handed out and not given back yet. */
  private readonly lent = new Set<ArrayBufferLike>();

  /** A block of `size` bytes (its content is whatever was there). */
  take(size: number): Buffer {
    let buffer: Buffer | undefined;
    for (let i = this.free.length - 1; i >= 0; i--) {
      if (this.free[i]!.length >= size) {
        buffer = this.free.splice(i, 1)[0]!;
        break;
      }
    }
    // Rounded up, so that blocks of about the same size fit each other's buffers.
    buffer ??= Buffer.allocUnsafeSlow(Math.ceil(size / 65_536) * 65_536);
    this.lent.add(buffer.buffer);
    return buffer.subarray(0, size);
  }

  /** A block from `take`, no longer used (given twice, or not from here: ignored). */
  give(block: Buffer): void {
    if (!this.lent.delete(block.buffer)) return;
    this.free.push(Buffer.from(block.buffer, 0, block.buffer.byteLength));
  }
}

/**
 * Two independent 32-bit hashes (FNV-1a and a multiply-xorshift) of a string, as one 64-bit key; the
 * seeds chain it after another (`hashSeeds` of the account id, then the post id).
 */
function hash64(seedA: number, seedB: number, key: string): [number, number] {
  let a = seedA;
  let b = Math.imul(seedB ^ key.length, 0x5bd1e995);
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  b = Math.imul(b ^ (b >>> 13), 0xc2b2ae35);
  return [a >>> 0, (b ^ (b >>> 16)) >>> 0];
}

/**
 * The seeds of a key's first part (an account id) for DuplicateFinder.add: a hash of the text itself,
 * not of a number standing for it, so that keys found by different readers of one file (parts of it
 * read on several threads) hash alike.
 */
export function hashSeeds(text: string): [number, number] {
  return hash64(0x811c9dc5, 0x9e3779b9, text);
}

/**
 * An entry is 32-bit words: h1, h2, ordinal, ref, id length in UTF-16 units, then the id's units two
 * to a word (the last one padded with 0).
 */
const ENTRY_HEADER_WORDS = 5;
const PENDING_WORDS = 16 * 1024;

/**
 * Finds the rows whose key (e.g. account + post id) repeats an earlier row's. `add` in row order;
 * `finish` answers for every ordinal added. Exact: equal hashes are confirmed by comparing the keys.
 */
export class DuplicateFinder {
  private readonly partitions: SpillLog[] = [];
  /** Per partition: entries not yet appended to its log. */
  private readonly pending: Uint32Array[] = [];
  private readonly pendingWords: number[] = [];
  private readonly shift: number;
  private maxOrdinal = -1;

  /** `expectedBytes`: a hint (the input file's size) to size the partitions. */
  constructor(scratch: ScratchDir, name: string, expectedBytes: number) {
    // About one partition per 64 MiB of input: a partition then holds some 500 000 keys at most.
    const wanted = Math.min(256, Math.max(1, Math.ceil(expectedBytes / (64 * 1024 * 1024))));
    const bits = Math.ceil(Math.log2(wanted));
    this.shift = 32 - bits;
    // The partitions share one memory budget: the more of them, the sooner each goes to disk.
    const memoryBytes = Math.max(256 * 1024, Math.floor(MEMORY_BYTES / (1 << bits)));
    for (let p = 0; p < 1 << bits; p++) {
      this.partitions.push(new SpillLog(scratch, `${name}-${p}`, memoryBytes));
      this.pending.push(new Uint32Array(PENDING_WORDS));
      this.pendingWords.push(0);
    }
  }

  /**
   * The key is (ref, id): e.g. an account's ref and a post id; `seedA`, `seedB` are the `hashSeeds`
   * of the text the ref stands for.
   */
  add(ref: number, seedA: number, seedB: number, key: string, ordinal: number): void {
    const [h1, h2] = hash64(seedA, seedB, key);
    const p = this.shift === 32 ? 0 : h1 >>> this.shift;
    const length = key.length;
    const size = ENTRY_HEADER_WORDS + ((length + 1) >> 1);
    let words = this.pending[p]!;
    if (this.pendingWords[p]! + size > words.length) {
      this.flushPartition(p);
      if (size > words.length) {
        words = new Uint32Array(size);
        this.pending[p] = words;
      }
    }
    const at = this.pendingWords[p]!;
    words[at] = h1;
    words[at + 1] = h2;
    words[at + 2] = ordinal;
    words[at + 3] = ref;
    words[at + 4] = length;
    let w = at + ENTRY_HEADER_WORDS;
    for (let i = 0; i < length; i += 2) {
      words[w++] = key.charCodeAt(i) | (i + 1 < length ? key.charCodeAt(i + 1) << 16 : 0);
    }
    this.pendingWords[p] = at + size;
    if (ordinal > this.maxOrdinal) this.maxOrdinal = ordinal;
  }

  private flushPartition(p: number): void {
    const used = this.pendingWords[p]!;
    if (used === 0) return;
    const words = this.pending[p]!;
    // Copied by the log: the pending words are filled again.
    this.partitions[p]!.append(new Uint8Array(words.buffer, words.byteOffset, used * 4));
    this.pendingWords[p] = 0;
  }

  /** A bit per ordinal (0 … highest added): set when the row repeats an earlier row's key. */
  finish(): Uint8Array {
    return DuplicateFinder.repeats([{ finder: this.export(), ordinalBase: 0 }]);
  }

  /** The keys added, as plain data that can cross to another thread (see `repeats`). */
  export(): FinderState {
    for (let p = 0; p < this.partitions.length; p++) this.flushPartition(p);
    return { partitions: this.partitions.map((log) => log.export()), ordinals: this.maxOrdinal + 1 };
  }

  /**
   * The repeats of several finders that read one file in parts, in order: a bit per ordinal of the
   * whole file (a part's ordinals follow `ordinalBase`), set when the row repeats the key of an earlier
   * row of any part. `refs` maps a part's refs to refs shared by all the parts (e.g. by account id).
   * Every part must have been sized for the same `expectedBytes` (the same partitions).
   */
  static repeats(parts: readonly FinderPart[]): Uint8Array {
    const ordinals = Math.max(0, ...parts.map((part) => part.ordinalBase + part.finder.ordinals));
    const repeats = new Uint8Array((Math.max(ordinals, 1) + 7) >> 3);
    const count = parts[0]?.finder.partitions.length ?? 0;
    const logs = parts.map((part) => {
      if (part.finder.partitions.length !== count) {
        throw new Error("the parts of a file were read with different partitions");
      }
      return part.finder.partitions.map((state) => SpillLog.from(state));
    });
    // One buffer, the size of the largest partition, serves each partition in turn (all its parts'
    // entries read straight into it).
    const sizes = Array.from({ length: count }, (_, p) =>
      logs.reduce((sum, part) => sum + part[p]!.byteLength, 0),
    );
    const buffer = new Uint32Array(Math.max(0, ...sizes) >> 2);
    const bytes = new Uint8Array(buffer.buffer);
    for (let p = 0; p < count; p++) {
      let at = 0;
      for (let i = 0; i < parts.length; i++) {
        const part = parts[i]!;
        const start = at;
        at = logs[i]![p]!.readInto(bytes, at);
        if (part.ordinalBase !== 0 || part.refs !== undefined) {
          rebase(buffer.subarray(start >> 2, at >> 2), part.ordinalBase, part.refs);
        }
      }
      markRepeats(buffer.subarray(0, at >> 2), repeats);
    }
    return repeats;
  }

  close(): void {
    for (const partition of this.partitions) partition.close();
  }
}

/** What a DuplicateFinder holds once its keys are all added (DuplicateFinder.export). */
export interface FinderState {
  partitions: SpillState[];
  /** Ordinals 0 … ordinals − 1 were given (or fewer, when the last rows had no key). */
  ordinals: number;
}

export interface FinderPart {
  finder: FinderState;
  ordinalBase: number;
  refs?: Int32Array;
}

/** Entries of a part: ordinals moved past the parts before, refs mapped to shared ones. */
function rebase(words: Uint32Array, ordinalBase: number, refs: Int32Array | undefined): void {
  for (let at = 0; at < words.length; at += ENTRY_HEADER_WORDS + ((words[at + 4]! + 1) >> 1)) {
    words[at + 2]! += ordinalBase;
    if (refs !== undefined) words[at + 3] = refs[words[at + 3]!]!;
  }
}

/** One partition's entries (in row order) → set the bits of the rows whose key was seen before. */
function markRepeats(words: Uint32Array, repeats: Uint8Array): void {
  const starts: number[] = [];
  for (let at = 0; at < words.length; at += ENTRY_HEADER_WORDS + ((words[at + 4]! + 1) >> 1)) starts.push(at);
  if (starts.length === 0) return;
  let size = 2;
  while (size < starts.length * 2) size *= 2;
  const mask = size - 1;
  // Slot → 1 + index into `starts` of the first entry with that key (0 = empty).
  const slots = new Int32Array(size);
  for (let e = 0; e < starts.length; e++) {
    const at = starts[e]!;
    const h1 = words[at]!;
    const h2 = words[at + 1]!;
    let slot = (h1 ^ Math.imul(h2, 0x9e3779b1)) & mask;
    for (;;) {
      const occupant = slots[slot]!;
      if (occupant === 0) {
        slots[slot] = e + 1;
        break;
      }
      const other = starts[occupant - 1]!;
      if (words[other] === h1 && words[other + 1] === h2 && sameKey(words, other, at)) {
        const ordinal = words[at + 2]!;
        repeats[ordinal >> 3]! |= 1 << (ordinal & 7);
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
}

/** Same ref, same id (its length, then its units, the padding included). */
function sameKey(words: Uint32Array, a: number, b: number): boolean {
  if (words[a + 3] !== words[b + 3] || words[a + 4] !== words[b + 4]) return false;
  const end = a + ENTRY_HEADER_WORDS + ((words[a + 4]! + 1) >> 1);
  for (let i = a + ENTRY_HEADER_WORDS, j = b + ENTRY_HEADER_WORDS; i < end; i++, j++) {
    if (words[i] !== words[j]) return false;
  }
  return true;
}

export function isRepeat(repeats: Uint8Array, ordinal: number): boolean {
  return ((repeats[ordinal >> 3] ?? 0) & (1 << (ordinal & 7))) !== 0;
}

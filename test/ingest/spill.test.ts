import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import {
  BlockPool,
  DuplicateFinder,
  hashSeeds,
  isRepeat,
  ScratchDir,
  SpillLog,
} from "../../src/ingest/spill.js";

const scratches: ScratchDir[] = [];
function scratch(): ScratchDir {
  const s = new ScratchDir();
  scratches.push(s);
  return s;
}
afterEach(() => {
  for (const s of scratches.splice(0)) s.dispose();
});

/** What a Set says: which ordinals repeat an earlier key. Keys are `ref:id`. */
function reference(keys: readonly string[]): boolean[] {
  const seen = new Set<string>();
  return keys.map((key) => {
    if (seen.has(key)) return true;
    seen.add(key);
    return false;
  });
}

function add(finder: DuplicateFinder, ref: number, account: string, id: string, ordinal: number): void {
  const [a, b] = hashSeeds(account);
  finder.add(ref, a, b, id, ordinal);
}

function found(keys: readonly string[], expectedBytes: number): boolean[] {
  const finder = new DuplicateFinder(scratch(), "ids", expectedBytes);
  for (const [ordinal, key] of keys.entries()) {
    const colon = key.indexOf(":");
    add(finder, Number(key.slice(0, colon)), key.slice(0, colon), key.slice(colon + 1), ordinal);
  }
  const repeats = finder.finish();
  finder.close();
  return keys.map((_, ordinal) => isRepeat(repeats, ordinal));
}

/**
 * The keys cut into parts (at `cuts`), each part found by a finder of its own that numbers the
 * accounts in its own order of first sight, as the reading threads do; then combined.
 */
function foundInParts(keys: readonly string[], cuts: readonly number[], expectedBytes: number): boolean[] {
  const bounds = [0, ...[...new Set(cuts)].sort((x, y) => x - y).filter((c) => c > 0 && c < keys.length)];
  const shared = new Map<string, number>();
  const parts = bounds.map((start, i) => {
    const end = bounds[i + 1] ?? keys.length;
    const finder = new DuplicateFinder(scratch(), `ids-${i}`, expectedBytes);
    const local = new Map<string, number>();
    for (let ordinal = start; ordinal < end; ordinal++) {
      const key = keys[ordinal]!;
      const account = key.slice(0, key.indexOf(":"));
      let ref = local.get(account);
      if (ref === undefined) {
        ref = local.size;
        local.set(account, ref);
      }
      add(finder, ref, account, key.slice(account.length + 1), ordinal - start);
    }
    const refs = new Int32Array(local.size);
    for (const [account, ref] of local) {
      if (!shared.has(account)) shared.set(account, shared.size);
      refs[ref] = shared.get(account)!;
    }
    return { finder: structuredClone(finder.export()), ordinalBase: start, refs };
  });
  const repeats = DuplicateFinder.repeats(parts);
  return keys.map((_, ordinal) => isRepeat(repeats, ordinal));
}

describe("DuplicateFinder", () => {
  it("marks exactly the keys seen before, whatever the partitioning", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc
            .tuple(fc.integer({ min: 0, max: 3 }), fc.string({ maxLength: 4 }))
            .map(([r, id]) => `${r}:${id}`),
          { maxLength: 300 },
        ),
        fc.constantFrom(0, 1, 200 * 1024 * 1024, 2 ** 40),
        (keys, bytes) => {
          expect(found(keys, bytes)).toEqual(reference(keys));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("finds the repeats of a file read in parts, across the parts", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc
            .tuple(fc.integer({ min: 0, max: 3 }), fc.string({ maxLength: 3 }))
            .map(([r, id]) => `${r}:${id}`),
          { maxLength: 200 },
        ),
        fc.array(fc.nat({ max: 200 }), { maxLength: 4 }),
        fc.constantFrom(0, 200 * 1024 * 1024),
        (keys, cuts, bytes) => {
          expect(foundInParts(keys, cuts, bytes)).toEqual(reference(keys));
        },
      ),
      { numRuns: 200 },
    );
  });

  it("is exact on many keys spilled to disk (keys that differ in one character are not repeats)", () => {
    const keys: string[] = [];
    for (let i = 0; i < 300_000; i++) keys.push(`${i % 1000}:P${String(i % 250_000).padStart(9, "0")}`);
    keys.push("1:账号中文ID", "1:账号中文ID", "1:账号中文Id", "2:账号中文ID", "12:3", "1:23");
    expect(found(keys, 1)).toEqual(reference(keys));
    expect(found(keys, 512 * 1024 * 1024)).toEqual(reference(keys));
  });
});

describe("SpillLog", () => {
  it("gives its blocks back in order, from memory and from disk", () => {
    const log = new SpillLog(scratch(), "t");
    const blocks = Array.from({ length: 12 }, (_, i) => Buffer.alloc(1024 * 1024 + i, i));
    for (const block of blocks) log.append(block);
    const read = [...log.blocks()];
    expect(read.map((b) => [b.length, b[0]])).toEqual(blocks.map((b) => [b.length, b[0]]));
    log.close();
  });

  it("copies what it is given: the caller reuses its buffer; small blocks share one, 8-byte aligned", () => {
    const log = new SpillLog(scratch(), "t", 4096);
    // 6000 is more than the log holds in memory: it goes to disk as it is, in its place.
    const sizes = [5, 1000, 13, 700, 999, 1, 1000, 640, 3, 6000, 8, 77];
    const buffer = Buffer.alloc(6000);
    for (const [i, size] of sizes.entries()) {
      buffer.fill(i + 1, 0, size);
      log.append(buffer.subarray(0, size));
      buffer.fill(0xee); // the caller writes its next block over the same bytes
    }
    const blocks = [...log.blocks()];
    expect(blocks.map((b) => Buffer.from(b))).toEqual(sizes.map((size, i) => Buffer.alloc(size, i + 1)));
    // ColumnBatch.decode reads a block in place through 8-byte views.
    for (const b of blocks) expect(b.byteOffset % 8).toBe(0);
    log.close();
  });

  it("reads its blocks into a pool's buffers when given one, each reused once given back", () => {
    const log = new SpillLog(scratch(), "t", 4096);
    const sizes = [3000, 5000, 70_000, 4000, 100, 66_000, 7];
    for (const [i, size] of sizes.entries()) log.append(Buffer.alloc(size, i + 1));
    const pool = new BlockPool();
    const seen = new Set<ArrayBufferLike>();
    const read: Buffer[] = [];
    for (const block of log.blocks(pool)) {
      read.push(Buffer.from(block));
      seen.add(block.buffer);
      pool.give(block);
      pool.give(block); // twice: ignored
    }
    expect(read).toEqual(sizes.map((size, i) => Buffer.alloc(size, i + 1)));
    // Read one at a time, the blocks from disk shared two buffers (one of 64 KiB, one of 128 KiB) —
    // the last, held in memory, is the log's own.
    expect(seen.size).toBe(3);
    log.close();
  });

  it("a pool lends a buffer to one block at a time", () => {
    const pool = new BlockPool();
    const a = pool.take(10);
    const b = pool.take(10);
    expect(a.buffer).not.toBe(b.buffer);
    pool.give(Buffer.alloc(10)); // not the pool's: ignored
    pool.give(a);
    const c = pool.take(20_000);
    expect(c.buffer).toBe(a.buffer);
    expect(c.byteOffset).toBe(0);
    expect(pool.take(10).buffer).not.toBe(a.buffer);
  });

  it("crosses threads as plain data", () => {
    const log = new SpillLog(scratch(), "t");
    for (let i = 0; i < 10; i++) log.append(Buffer.alloc(1024 * 1024, i));
    const copy = SpillLog.from(structuredClone(log.export()));
    expect([...copy.blocks()].map((b) => b[0])).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    copy.close();
  });

  it("a scratch folder is removed by dispose", async () => {
    const { existsSync } = await import("node:fs");
    const s = new ScratchDir();
    const dir = s.path();
    expect(existsSync(dir)).toBe(true);
    s.dispose();
    expect(existsSync(dir)).toBe(false);
  });
});

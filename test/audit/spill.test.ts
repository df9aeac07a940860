import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { DuplicateFinder, isRepeat, ScratchDir, SpillLog } from "../../src/audit/spill.js";

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

function found(keys: readonly string[], expectedBytes: number): boolean[] {
  const finder = new DuplicateFinder(scratch(), "ids", expectedBytes);
  for (const [ordinal, key] of keys.entries()) {
    const colon = key.indexOf(":");
    finder.add(Number(key.slice(0, colon)), key.slice(colon + 1), ordinal);
  }
  const repeats = finder.finish();
  finder.close();
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

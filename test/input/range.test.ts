import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ByteRange } from "../../src/input/decode.js";
import { linesBefore } from "../../src/input/decode.js";
import { ErrorLog, type InputError } from "../../src/input/errors.js";
import { openTable, planRanges } from "../../src/input/read.js";
import { Zone } from "../../src/time/zone.js";

/**
 * A large posts or messages file is read in parts (byte ranges) on several threads. Read part by part
 * and put together, its records and errors are those of reading it whole — wherever the cuts fall on
 * a line — and a cut inside a quoted cell that spans lines makes the part before it fail (the reader
 * then reads the file whole: ingest/threads.ts, test/facts/collect.slow.test.ts).
 */

const zone = Zone.of("Asia/Shanghai");
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "gmaudit-range-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Read {
  records: unknown[];
  errors: InputError[];
  errorCount: number;
}

async function read(file: string, range?: ByteRange, maxErrors = 5): Promise<Read> {
  const log = new ErrorLog(maxErrors);
  const reader = await openTable(file, "posts", { zone, ...(range ? { range } : {}) }, log);
  const records: unknown[] = [];
  for await (const batch of reader.recordBatches()) records.push(...batch);
  return { records, errors: log.errors, errorCount: log.count };
}

/** The parts read one by one, put together as collect.ts does (first errors of each, in order). */
async function readInParts(file: string, ranges: readonly ByteRange[], maxErrors = 5): Promise<Read> {
  const all = new ErrorLog(maxErrors);
  const records: unknown[] = [];
  for (const range of ranges) {
    const part = await read(file, range, maxErrors);
    records.push(...part.records);
    for (const error of part.errors) all.add(error);
    all.count += part.errorCount - part.errors.length;
  }
  return { records, errors: all.errors, errorCount: all.count };
}

/** Cuts after the line feeds at the given fractions of the file (as planRanges does). */
function cutsAt(bytes: Buffer, fractions: readonly number[]): ByteRange[] {
  const starts = [0];
  for (const f of [...fractions].sort((a, b) => a - b)) {
    const at = bytes.indexOf(10, Math.floor(bytes.length * f));
    if (at !== -1 && at + 1 < bytes.length && at + 1 > starts.at(-1)!) starts.push(at + 1);
  }
  return starts.map((start, i) => ({ start, end: starts[i + 1] ?? bytes.length }));
}

const HEADER = "说明\r\n文章ID,账号ID,发布时间,是否原创,标题";

/** Posts with bad rows, blank lines, CRLF and lone CR line ends and quoted cells (none across lines). */
function posts(seed: number, rows: number): string {
  let s = seed;
  const next = () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s;
  };
  const lines = [HEADER];
  for (let i = 0; i < rows; i++) {
    const r = next() % 20;
    const time =
      r === 0 ? "2026-13-01 09:00:00" : `2026-04-${String(1 + (i % 28)).padStart(2, "0")} 09:00:00`;
    const title = r === 1 ? '"标题, 含逗号"' : r === 2 ? '"说""引号"""' : `标题${i}`;
    lines.push(`P${i % 50},A${next() % 7},${time},${r === 3 ? "是" : "否"},${title}`);
    if (r === 4) lines.push("");
  }
  const ends = ["\n", "\r\n", "\r"];
  return lines.map((line, i) => line + (i < 3 ? "\n" : ends[next() % 3]!)).join("");
}

describe("reading a file in parts", () => {
  it("gives the records and errors of reading it whole, wherever the cuts fall", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 1000 }),
        fc.array(fc.double({ min: 0.05, max: 0.95, noNaN: true }), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 1, max: 8 }),
        async (seed, fractions, maxErrors) => {
          const file = path.join(dir, `p${seed}.csv`);
          const text = posts(seed, 120);
          writeFileSync(file, text);
          const bytes = Buffer.from(text);
          const whole = await read(file, undefined, maxErrors);
          expect(await readInParts(file, cutsAt(bytes, fractions), maxErrors)).toEqual(whole);
        },
      ),
      { numRuns: 40 },
    );
  });

  it("counts lines before a cut as the reader does (\\n, \\r\\n and a lone \\r)", async () => {
    const file = path.join(dir, "lines.csv");
    const text = "a\r\nb\rc\n\r\rd\r\n";
    writeFileSync(file, text);
    const expected = (end: number) => (text.slice(0, end).replace(/\r\n?/g, "\n").match(/\n/g) ?? []).length;
    for (const end of [0, 1, 2, 3, 4, 5, 7, 8, 9, 10]) {
      if (text[end - 1] === "\r" && text[end] === "\n") continue; // never cut inside \r\n
      expect(await linesBefore(file, file, end)).toBe(expected(end));
    }
  });

  it("fails the part before a cut that falls inside a quoted cell spanning lines", async () => {
    const file = path.join(dir, "quoted.csv");
    const body = Array.from({ length: 40 }, (_, i) => `第${i}行`).join("\n");
    const text = `文章ID,账号ID,发布时间,标题\nP1,A,2026-04-01 09:00:00,"${body}"\nP2,A,2026-04-02 09:00:00,x\n`;
    writeFileSync(file, text);
    const ranges = cutsAt(Buffer.from(text), [0.5]);
    expect(ranges).toHaveLength(2);
    await expect(read(file, ranges[0])).rejects.toThrow(/quoted\.csv:2: unclosed quote/);
    expect((await read(file)).records).toHaveLength(2);
  });

  it("plans cuts after line feeds, one range for what cannot be cut", async () => {
    const file = path.join(dir, "plan.csv");
    const text = posts(3, 400);
    writeFileSync(file, text);
    const ranges = await planRanges(file, 3);
    expect(ranges).toHaveLength(3);
    expect(ranges[0]!.start).toBe(0);
    expect(ranges.at(-1)!.end).toBe(Buffer.byteLength(text));
    for (const [i, range] of ranges.entries()) {
      if (i > 0) expect(Buffer.from(text)[range.start - 1]).toBe(10);
      if (i > 0) expect(range.start).toBe(ranges[i - 1]!.end);
    }
    const json = path.join(dir, "plan.json");
    writeFileSync(json, JSON.stringify([{ 文章ID: "P1", 账号ID: "A", 发布时间: "2026-04-01 09:00:00" }]));
    expect(await planRanges(json, 3)).toEqual([{ start: 0, end: readFileSync(json).length }]);
    const utf16 = path.join(dir, "plan16.csv");
    writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]));
    expect(await planRanges(utf16, 3)).toHaveLength(1);
  });

  it("gives the first part the share asked for, the others the rest in equal parts", async () => {
    const file = path.join(dir, "share.csv");
    const text = posts(3, 400);
    writeFileSync(file, text);
    const size = Buffer.byteLength(text);
    const lengths = (ranges: { start: number; end: number }[]) => ranges.map((r) => (r.end - r.start) / size);
    const [first, second, third] = lengths(await planRanges(file, 3, {}, 0.6));
    // Each cut is at the line feed after the planned byte (rows here are under 1 % of the file).
    expect(first).toBeGreaterThanOrEqual(0.6);
    expect(first).toBeLessThan(0.61);
    expect(second).toBeGreaterThan(0.19);
    expect(second).toBeLessThan(0.21);
    expect(third).toBeGreaterThan(0.19);
    expect(lengths(await planRanges(file, 2, {}, 0.25))[0]).toBeLessThan(0.26);
  });

  it("rejects a part that starts inside the header", async () => {
    const file = path.join(dir, "header.csv");
    writeFileSync(file, "文章ID,账号ID,发布时间\nP1,A,2026-04-01 09:00:00\n");
    await expect(read(file, { start: 3, end: 10 })).rejects.toThrow(/overlaps the header/);
  });
});

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { csvRowBatches } from "../../src/input/csv.js";
import { openText } from "../../src/input/decode.js";

/**
 * A file is read into one buffer over and over (decode.ts): the text must be the file's whatever the
 * characters cut by the ends of the reads, in UTF-8 and in GB18030 (whose decoder gets a copy), whole
 * or by byte range; and a reading stopped early closes its file.
 */

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "gmaudit-decode-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Well over 256 KiB (several reads), with 1-, 2-, 3- and 4-byte characters at every offset. */
function longText(): string {
  const pieces = ["a", "é", "中", "文", "😀", "𠀀", ",", "\n", "政务新媒体"];
  const out: string[] = [];
  let seed = 7;
  for (let i = 0; i < 400_000; i++) {
    seed = (seed * 1_103_515_245 + 12_345) >>> 0;
    out.push(pieces[seed % pieces.length]!);
  }
  return out.join("");
}

async function readAll(file: string, encoding?: string, range?: { start: number; end: number }) {
  const source = await openText(file, encoding);
  let text = "";
  for await (const chunk of source.chunks(undefined, range)) text += chunk;
  return text;
}

describe("openText reads a file into one reused buffer", () => {
  const text = longText();

  it("gives back a UTF-8 file's text exactly, whole and by byte range", async () => {
    const file = path.join(dir, "utf8.csv");
    const bytes = Buffer.from(text, "utf8");
    expect(bytes.length).toBeGreaterThan(3 * 256 * 1024);
    writeFileSync(file, bytes);
    expect(await readAll(file)).toBe(text);
    // A part starting right after a line feed, as planRanges cuts.
    const start = bytes.indexOf(10, 300_000) + 1;
    const end = bytes.indexOf(10, 900_000) + 1;
    expect(await readAll(file, "utf-8", { start, end })).toBe(bytes.subarray(start, end).toString("utf8"));
  });

  it("gives back a GB18030 file's text exactly (2- and 4-byte characters cut by the reads)", async () => {
    const file = path.join(dir, "gb18030.csv");
    writeFileSync(file, iconv.encode(text, "gb18030"));
    expect(await readAll(file, "gb18030")).toBe(text);
  });
});

describe("csvRowBatches stopped early", () => {
  it("closes its text source at once", async () => {
    let closed = false;
    async function* source() {
      try {
        for (let i = 0; i < 100; i++) yield `h1,h2\n${"a,b\n".repeat(20_000)}`;
      } finally {
        closed = true;
      }
    }
    const batches = csvRowBatches(source(), ",", "x.csv");
    const first = await batches.next();
    expect(first.done).toBe(false);
    expect(closed).toBe(false);
    await batches.return(undefined);
    expect(closed).toBe(true);
  });
});

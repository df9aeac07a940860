import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type CsvRow, csvParseBatches, csvRowBatches } from "../../src/input/csv.js";

/**
 * The fast row splitter (papaparse where it provably agrees with csv-parse, csv-parse elsewhere) must
 * give exactly what csv-parse alone gives: the same cells, the same physical lines, the same error
 * after the same rows — whatever the text and however it is cut into chunks.
 */

async function* chunked(text: string, size: number): AsyncGenerator<string> {
  if (text.length === 0) return;
  for (let at = 0; at < text.length; at += size) yield text.slice(at, at + size);
}

type Outcome = { rows: CsvRow[]; error?: string };

async function collect(batches: AsyncGenerator<CsvRow[]>): Promise<Outcome> {
  const rows: CsvRow[] = [];
  try {
    for await (const batch of batches) rows.push(...batch);
  } catch (err) {
    return { rows, error: err instanceof Error ? err.message : String(err) };
  }
  return { rows };
}

const fast = (text: string, delimiter = ",", size = 7) =>
  collect(csvRowBatches(chunked(text, size), delimiter, "t.csv"));
const reference = (text: string, delimiter = ",") =>
  collect(csvParseBatches(chunked(text, 1 << 20), delimiter, "t.csv"));

async function expectSame(text: string, delimiter = ",", size = 7) {
  expect(await fast(text, delimiter, size)).toEqual(await reference(text, delimiter));
}

// Characters that make CSV hard: quotes, delimiters, line breaks, ASCII and Unicode spaces.
const TRICKY = ["a", "中", ",", ";", "\t", '"', '"', "\n", "\n", " ", " ", "\u3000", "\u00a0", "b", "x"];
const trickyText = fc.array(fc.constantFrom(...TRICKY), { maxLength: 120 }).map((chars) => chars.join(""));

// Well-formed-ish tables: cells quoted or not, with the odd space around them.
const cell = fc.oneof(
  fc.constantFrom("", "A", "2026-09-01 09:00:00", "原创", "中 文", " x ", "\u3000y", 'a"b'),
  fc.string({ maxLength: 6 }),
);
const quoted = (text: string) => `"${text.replaceAll('"', '""')}"`;
const tableText = fc
  .array(
    fc.array(
      fc.tuple(cell, fc.constantFrom("plain", "quoted", "spaced-quote", "quote-spaced")).map(([c, how]) => {
        if (how === "quoted") return quoted(c);
        if (how === "spaced-quote") return ` ${quoted(c)}`;
        if (how === "quote-spaced") return `${quoted(c)} `;
        return c.replaceAll(/[",\n]/g, "");
      }),
      { minLength: 1, maxLength: 5 },
    ),
    { maxLength: 8 },
  )
  .map((rows) => rows.map((r) => r.join(",")).join("\n"));

describe("csvRowBatches agrees with csv-parse", () => {
  it("on random tricky text, cut anywhere", async () => {
    await fc.assert(
      fc.asyncProperty(trickyText, fc.integer({ min: 1, max: 40 }), async (text, size) => {
        expect(await fast(text, ",", size)).toEqual(await reference(text));
      }),
      { numRuns: 1500 },
    );
  });

  it("on random tables with quoted, spaced and empty cells", async () => {
    await fc.assert(
      fc.asyncProperty(tableText, fc.integer({ min: 1, max: 40 }), async (text, size) => {
        expect(await fast(text, ",", size)).toEqual(await reference(text));
      }),
      { numRuns: 1500 },
    );
  });

  it("with tabs as the delimiter", async () => {
    await fc.assert(
      fc.asyncProperty(trickyText, async (text) => {
        expect(await fast(text, "\t", 5)).toEqual(await reference(text, "\t"));
      }),
      { numRuns: 500 },
    );
  });

  it.each([
    ["plain rows", "a,b,c\nA,1,2\n\nB, 2 ,3\n,,\nC\n"],
    ["a quoted newline", 'a,b\n"x\ny",z\nw,v'],
    ["space before an opening quote", 'a,b,c\nA, "x,y",z\nB,1,2\n'],
    ["space before a quote that spans lines", 'a,b,c\nA, "x\ny",z\nB,1,2\n'],
    ["spaces around a cell, quoted or not", 'a,b\n" x ", y \n'],
    ["a quote inside an unquoted cell", 'a,b\nA,他说"你好"\n'],
    ["an unclosed quote", 'a,b,c\nA,1,ok\nA,2,"never closed\nA,3,x\n'],
    ["a stray character after a closing quote", 'a,b,c\nA,1,"x"y\nB,2,3\n'],
    ["spaces after a closing quote", 'a,b\n"x"  ,y\n"z" \n'],
    ["an ideographic space after a closing quote", 'a,b\n"x"\u3000,y\n'],
    ["a closing quote at the very end", 'a,b\nx,"y"'],
  ])("%s", async (_, text) => {
    for (const size of [1, 2, 3, 5, 8, 64]) await expectSame(text, ",", size);
  });

  it("counts physical lines across quoted newlines and blank lines", async () => {
    const { rows } = await fast('h1,h2\n\nA,"x\ny\nz"\n,,\nB,2\n', ",", 4);
    expect(rows.map((r) => [r.line, r.cells])).toEqual([
      [1, ["h1", "h2"]],
      [3, ["A", "x\ny\nz"]],
      [7, ["B", "2"]],
    ]);
  });

  it("hands a malformed row to csv-parse, which cites the file's own line", async () => {
    const text = `h1,h2\n${"a,b\n".repeat(500)}A,"x"y\n`;
    const outcome = await fast(text, ",", 100);
    expect(outcome).toEqual(await reference(text));
    expect(outcome.rows).toHaveLength(501);
    expect(outcome.error).toMatch(/^t\.csv:502: field 2 of line 502: text after a closing quote/);
  });

  it("stops at a row of more than 10 000 cells, after the rows before it", async () => {
    const text = `h1,h2\na,b\n${",".repeat(10_000)}x\n`;
    const outcome = await fast(text, ",", 4096);
    expect(outcome).toEqual(await reference(text));
    expect(outcome.error).toBe("t.csv:3: a row of 10001 cells (at most 10000 columns are read)");
  });
});

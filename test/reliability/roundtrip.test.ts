import { writeFileSync } from "node:fs";
import path from "node:path";
import { stringify } from "csv-stringify/sync";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { ErrorLog } from "../../src/input/errors.js";
import { findJsonSyntaxError } from "../../src/input/json.js";
import { openTable } from "../../src/input/read.js";
import { escapeFormula, toCsv } from "../../src/output/csv.js";
import { Zone } from "../../src/time/zone.js";
import { caseDir, cellText, type Encoding, encode, GBK_ONLY, runs, tempDir } from "./helpers.js";

/**
 * The CSV round trip (DESIGN: "what we write, we read back unchanged, whatever the text").
 *
 * The precise property. Our CSV *data* layer is csv-stringify as output/csv.ts calls it (`toCsv`)
 * on the writing side and the input layer (`openTable`: encoding detection, csv-parse, header
 * aliases, value parsing) on the reading side. For any records whose text cells hold any text —
 * quotes, commas, newlines, emoji, GBK-only characters, leading `=` `+` `-` `@` — written by `toCsv`
 * in UTF-8 (with or without BOM), GB18030 or UTF-16, reading the file back gives the same records,
 * in the same order, on the physical lines where they start, with exactly these differences:
 *
 * 1. the formula escape: a text cell that starts with `=`, `+`, `-`, `@`, tab or CR comes back with
 *    the `'` that `toCsv` put in front of it. The escape is for spreadsheets (PRODUCT §3.5) and is
 *    deliberately NOT undone by the reader: it is not reversible (`=1` and `'=1` are both written
 *    `'=1`), and gmaudit's own outputs are not inputs;
 * 2. line breaks inside a cell come back as `\n` (a lone CR or CRLF is one physical line break);
 * 3. whitespace at the edges of a cell is dropped, and a cell left blank is an absent value —
 *    the same as for JSON strings.
 *
 * Numbers are written as numbers (never escaped: `-5` stays a number) and read back equal.
 */

const zone = Zone.of("Asia/Shanghai");
const { dir: root, cleanup } = tempDir("roundtrip");
afterAll(cleanup);

const NEWLINES = /\r\n?/g;

/** What the reader gives back for a text cell written by toCsv (rules 1–3 above). */
function expectedText(text: string): string | undefined {
  const value = escapeFormula(text).replace(NEWLINES, "\n").trim();
  return value === "" ? undefined : value;
}

/** Physical line breaks, as the reader counts them: CRLF, lone CR and LF are one each. */
function lineBreaks(text: string): number {
  return text.match(/\r\n|\r|\n/g)?.length ?? 0;
}

async function readBack(file: string, kind: "posts" | "accounts") {
  const log = new ErrorLog(100);
  const reader = await openTable(file, kind, { zone }, log);
  const records: Record<string, unknown>[] = [];
  for await (const record of reader.records()) records.push({ ...record });
  return { records, log, encoding: reader.encoding };
}

/** Edge whitespace is dropped on reading (quoted or not: tested below), so the round trip uses text without it. */
const innerText = cellText.map((t) => t.trim());

const postRows = fc.array(
  fc.record({
    postId: innerText,
    accountId: innerText.filter((t) => t !== ""),
    day: fc.integer({ min: 1, max: 28 }),
    original: fc.boolean(),
    source: innerText,
    title: innerText,
    content: innerText,
  }),
  { minLength: 1, maxLength: 8 },
);

const HEADERS: Record<"en" | "zh", string[]> = {
  en: ["post_id", "account_id", "published_at", "original", "source", "title", "content"],
  zh: ["文章ID", "账号ID", "发布时间", "是否原创", "来源", "标题", "正文"],
};

describe("CSV writer → reader round trip", () => {
  it("gives back every post, its text and its line, in any encoding", async () => {
    await fc.assert(
      fc.asyncProperty(
        postRows,
        fc.constantFrom<Encoding>("utf-8", "utf-8-bom", "gb18030", "utf-16le"),
        fc.constantFrom<"en" | "zh">("en", "zh"),
        async (posts, encoding, lang) => {
          // GB18030 is detected from bytes that are not UTF-8: the Chinese header provides them, as
          // in the files Excel on Chinese Windows writes.
          const header = encoding === "gb18030" ? HEADERS.zh : HEADERS[lang];
          const rows = posts.map((p) => [
            p.postId,
            p.accountId,
            `2026-09-${String(p.day).padStart(2, "0")} 10:00`,
            p.original ? "原创" : "转载",
            p.source,
            p.title,
            p.content,
          ]);
          const text = toCsv(header, rows);
          const file = path.join(caseDir(root), "posts.csv");
          writeFileSync(file, encode(text, encoding));

          const { records, log } = await readBack(file, "posts");
          expect(log.count).toBe(0);
          expect(records).toHaveLength(posts.length);

          // Each row starts one line after the previous row's last physical line.
          const headerBreaks = lineBreaks(toCsv(header, []));
          const rowBreaks = rows.map((r) => lineBreaks(toCsv(header, [r])) - headerBreaks);
          let line = 2;
          posts.forEach((p, i) => {
            const r = records[i]!;
            expect(r.line).toBe(line);
            line += rowBreaks[i]!;
            expect(r.postId).toBe(expectedText(p.postId));
            expect(r.accountId).toBe(expectedText(p.accountId));
            expect(r.source).toBe(expectedText(p.source));
            expect(r.title).toBe(expectedText(p.title));
            expect(r.content).toBe(expectedText(p.content));
            expect(r.original).toBe(p.original);
            expect(r.publishedAt).toBe(
              zone.toInstant({ year: 2026, month: 9, day: p.day, hour: 10, minute: 0 }),
            );
          });
        },
      ),
      { numRuns: runs(400) },
    );
  });

  it("writes numbers as numbers (never escaped) and reads them back", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.nat({ max: 10_000_000 }), { minLength: 1, maxLength: 5 }),
        async (counts) => {
          const rows = counts.map((n, i) => [`A${i}`, "名称", "微博", "单位", n]);
          const text = toCsv(["账号ID", "账号名称", "平台", "主办单位", "粉丝数"], rows);
          const file = path.join(caseDir(root), "accounts.csv");
          writeFileSync(file, text);
          const { records } = await readBack(file, "accounts");
          expect(records.map((r) => r.followers)).toEqual(counts);
        },
      ),
      { numRuns: runs(100) },
    );
    // A negative number stays a number in the output; the same text is escaped.
    expect(toCsv(["x", "y"], [[-5, "-5"]])).toBe("x,y\n-5,'-5\n");
  });

  it("keeps GBK-only characters and emoji in a GB18030 file", async () => {
    const name = `${GBK_ONLY.join("")}😀👨‍👩‍👧`;
    const text = toCsv(["账号ID", "账号名称", "平台", "主办单位"], [["A1", name, "微博", "清河县"]]);
    const file = path.join(caseDir(root), "accounts.csv");
    writeFileSync(file, encode(text, "gb18030"));
    const { records, encoding } = await readBack(file, "accounts");
    expect(encoding).toBe("gb18030");
    expect(records[0]!.name).toBe(name);
  });

  // A quoted cell is trimmed like an unquoted one: `"A1 "` is the account A1 (else its posts would
  // be "unregistered" and the account vetoed for not posting).
  it("drops edge whitespace whether the cell is quoted or not", async () => {
    const text = 'account_id,name,platform,host_unit\n"A1 ", 名称 ,weibo," 单位, 一 "\n';
    const file = path.join(caseDir(root), "accounts.csv");
    writeFileSync(file, text);
    const { records } = await readBack(file, "accounts");
    expect(records[0]).toMatchObject({ accountId: "A1", name: "名称", hostUnit: "单位, 一" });
  });
});

describe("csv-stringify as a TSV writer, read by the input layer", () => {
  it("gives back the cells of a tab-separated file", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          innerText.filter((t) => t !== ""),
          { minLength: 1, maxLength: 6 },
        ),
        async (names) => {
          const records = [
            ["账号ID", "账号名称", "平台", "主办单位"],
            ...names.map((n, i) => [`A${i}`, n, "微博", "单位"]),
          ];
          const file = path.join(caseDir(root), "accounts.tsv");
          writeFileSync(file, stringify(records, { delimiter: "\t" }));
          const { records: read } = await readBack(file, "accounts");
          expect(read.map((r) => r.name)).toEqual(names.map((n) => n.replace(NEWLINES, "\n")));
        },
      ),
      { numRuns: runs(150) },
    );
  });
});

describe("the JSON error locator", () => {
  const mutated = fc
    .tuple(
      fc.json(),
      fc.nat(),
      fc.constantFrom(",", "]", "}", '"', ":", "x", "\\", "\n", "\u0001", "[", "{", "1", " "),
    )
    .map(([text, at, insert]) => {
      const i = at % (text.length + 1);
      return text.slice(0, i) + insert + text.slice(i);
    });

  it("finds an error exactly when JSON.parse fails, at a position inside the text", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.json(),
          mutated,
          fc.json().map((t) => t.slice(0, -1)),
          fc.string(),
        ),
        (text) => {
          let valid = true;
          try {
            JSON.parse(text);
          } catch {
            valid = false;
          }
          const error = findJsonSyntaxError(text);
          expect(error === undefined).toBe(valid);
          if (error) expect(error.offset).toBeLessThanOrEqual(text.length);
        },
      ),
      { numRuns: runs(3000) },
    );
  });

  it("handles any nesting depth without recursion", () => {
    const deep = `${"[".repeat(200_000)}${"]".repeat(199_999)}`;
    expect(findJsonSyntaxError(deep)?.reason).toMatch(/ends in the middle/);
  });
});

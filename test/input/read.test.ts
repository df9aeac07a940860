import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import iconv from "iconv-lite";
import { afterAll, describe, expect, it } from "vitest";
import { GmauditError } from "../../src/errors.js";
import { ErrorLog, formatErrorLog } from "../../src/input/errors.js";
import { detectKind, openTable, type ReadOptions } from "../../src/input/read.js";
import { isTotalsRow } from "../../src/input/rows.js";
import type { Located } from "../../src/input/schemas.js";
import type { RecordOf, TableKind } from "../../src/input/tables.js";
import { Zone } from "../../src/time/zone.js";

const SHANGHAI = Zone.of("Asia/Shanghai");
const dir = mkdtempSync(join(tmpdir(), "gmaudit-read-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let counter = 0;
/** Writes a file under a fresh name and returns its path. */
function file(name: string, content: string | Buffer): string {
  const path = join(dir, `${++counter}-${name}`);
  writeFileSync(path, content);
  return path;
}

async function readAll<K extends TableKind>(
  path: string,
  kind: K,
  options: Partial<ReadOptions> = {},
  maxErrors = 50,
) {
  const log = new ErrorLog(maxErrors);
  const reader = await openTable(path, kind, { zone: SHANGHAI, ...options }, log);
  const records: Located<RecordOf<K>>[] = [];
  for await (const record of reader.records()) records.push(record);
  return { reader, records, log, errors: formatErrorLog(log) };
}

/** The GmauditError a promise rejects with. */
async function failure(promise: Promise<unknown>): Promise<GmauditError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof GmauditError) return err;
    throw err;
  }
  throw new Error("expected a GmauditError");
}

const REGISTRY = [
  "账号ID,账号名称,平台,账号类型,主办单位,状态,粉丝数,互动功能",
  'QH-001,清河发布,微信公众号,订阅号,清河县人民政府办公室,正常,"86,000",是',
  "QH-002,清河微博,新浪微博,,清河县人民政府办公室,已关停,1200,否",
].join("\r\n");

describe("encodings", () => {
  it("reads a GB18030 file with Chinese headers (detected)", async () => {
    const path = file("accounts.csv", iconv.encode(REGISTRY, "gb18030"));
    const { reader, records, errors } = await readAll(path, "accounts");
    expect(errors).toEqual([]);
    expect(reader.encoding).toBe("gb18030");
    expect(reader.bom).toBe(false);
    expect(records.map((r) => [r.accountId, r.name, r.platform, r.followers])).toEqual([
      ["QH-001", "清河发布", "wechat", 86000],
      ["QH-002", "清河微博", "weibo", 1200],
    ]);
  });

  it("reads a GBK file with --encoding gbk", async () => {
    const path = file("accounts.csv", iconv.encode(REGISTRY, "gbk"));
    const { reader, records } = await readAll(path, "accounts", { encoding: "gbk" });
    expect(reader.encoding).toBe("gbk");
    expect(records[0]?.hostUnit).toBe("清河县人民政府办公室");
  });

  it("reads UTF-8 with a BOM and strips it from the first header", async () => {
    const path = file("accounts.csv", `\uFEFF${REGISTRY}`);
    const { reader, records } = await readAll(path, "accounts");
    expect(reader.encoding).toBe("utf-8");
    expect(reader.bom).toBe(true);
    expect(reader.header.account_id).toBe("账号ID");
    expect(records).toHaveLength(2);
  });

  it("reads UTF-8 without a BOM", async () => {
    const { reader, records } = await readAll(file("accounts.csv", REGISTRY), "accounts");
    expect([reader.encoding, reader.bom, records.length]).toEqual(["utf-8", false, 2]);
  });

  it("reads UTF-16 LE with a BOM (Excel's Unicode text)", async () => {
    const tsv = REGISTRY.replaceAll(",", "\t").replace('"86\t000"', "86000");
    const path = file(
      "accounts.txt",
      Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(tsv, "utf-16le")]),
    );
    const { reader, records, errors } = await readAll(path, "accounts");
    expect(errors).toEqual([]);
    expect([reader.encoding, reader.bom, reader.format]).toEqual(["utf-16le", true, "tsv"]);
    expect(records.map((r) => r.accountId)).toEqual(["QH-001", "QH-002"]);
  });

  it("reads UTF-16 BE with a BOM", async () => {
    const path = file(
      "accounts.csv",
      Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(REGISTRY, "utf-16be")]),
    );
    const { reader, records } = await readAll(path, "accounts");
    expect(reader.encoding).toBe("utf-16be");
    expect(records[1]?.name).toBe("清河微博");
  });

  it("rejects an unknown encoding name", async () => {
    const err = await failure(readAll(file("accounts.csv", REGISTRY), "accounts", { encoding: "klingon" }));
    expect(err.message).toContain('unknown encoding "klingon"');
  });

  it("checks a forced UTF-8 like a detected one: a GBK file read as UTF-8 is an error, not garbled text", async () => {
    const path = file("accounts.csv", iconv.encode(REGISTRY, "gbk"));
    for (const encoding of ["utf-8", "UTF8"]) {
      const err = await failure(readAll(path, "accounts", { encoding }));
      expect(err.message).toBe(
        `${path}: not valid UTF-8 (at byte 0); if it was saved as GBK/GB18030, run with --encoding gb18030`,
      );
    }
  });

  it("says so when the header holds bytes the given encoding could not read, and cuts long headers", async () => {
    // Bytes GBK has no character for (0xFF) in a header, and a header cell of 60 characters.
    const bytes = Buffer.concat([
      Buffer.from("id"),
      Buffer.from([0xff, 0xff]),
      Buffer.from(`,${"x".repeat(60)}\nA,b\n`),
    ]);
    const path = file("accounts.csv", bytes);
    const err = await failure(readAll(path, "accounts", { encoding: "gbk" }));
    expect(err.message).toContain("missing required columns of accounts");
    const found = err.lines("en").find((d) => d.startsWith("  headers found: "));
    expect(found).toContain(`, ${"x".repeat(40)}…`);
    expect(err.lines("en").slice(1).at(-1)).toMatch(
      /^ {2}\(the header holds bytes the encoding could not read: check --encoding/,
    );
  });

  it("stops when a file detected as UTF-8 turns out not to be, and says what to do", async () => {
    const ascii = `account_id,name,platform,host_unit\n${"A,n,weibo,u\n".repeat(7000)}`;
    const path = file(
      "accounts.csv",
      Buffer.concat([Buffer.from(ascii), iconv.encode("B,清河,weibo,县政府\n", "gbk")]),
    );
    const err = await failure(readAll(path, "accounts"));
    // The first byte that is not UTF-8: 清 after "B," in the GBK row, well past the 64 KiB sampled.
    expect(err.message).toContain(`not valid UTF-8 (at byte ${Buffer.byteLength(ascii) + 2})`);
    expect(err.message).toContain("--encoding gb18030");
  });
});

describe("physical line numbers", () => {
  const posts = (eol: string) =>
    [
      "账号ID,发布时间,标题",
      'A,2026-09-01 09:00,"第一行',
      '第二行"',
      "A,2026-13-45 10:00,坏",
      "A,2026-09-02 09:00,好",
    ].join(eol);

  it.each([
    ["LF", "\n"],
    ["CRLF", "\r\n"],
    ["CR", "\r"],
  ])(
    "a quoted cell with a newline, then a bad row: the error cites the bad row's own line (%s)",
    async (_, eol) => {
      const path = file("posts.csv", posts(eol));
      const { records, errors } = await readAll(path, "posts");
      expect(errors).toEqual([`${path}:4: column "发布时间": "2026-13-45 10:00" is not a date/time`]);
      expect(records.map((r) => r.line)).toEqual([2, 5]);
      expect(records[0]?.title).toBe("第一行\n第二行");
    },
  );

  it("an embedded CRLF inside quotes counts as one line break", async () => {
    const text = 'account_id,published_at,content\r\nA,2026-09-01,"x\r\ny\r\nz"\r\nA,bad,c\r\n';
    const { errors, records } = await readAll(file("posts.csv", text), "posts");
    expect(records[0]?.content).toBe("x\ny\nz");
    expect(errors[0]).toMatch(/:5: column "published_at": "bad"/);
  });

  it("counts blank lines and rows of empty cells, and skips them", async () => {
    const text = ["account_id,published_at", "", "A,2026-09-01", ",,", "   ", "A,oops", ""].join("\n");
    const { reader, errors } = await readAll(file("posts.csv", text), "posts");
    expect(errors).toEqual([expect.stringMatching(/:6: column "published_at": "oops" is not a date\/time$/)]);
    expect(reader.stats).toEqual({
      rows: 2,
      valid: 1,
      invalid: 1,
      warnings: 0,
      totals: 0,
      notes: 0,
      dateOnly: 1,
      latest: SHANGHAI.endOfDay("2026-09-01"),
    });
  });

  it("skips title rows above the header and keeps counting their lines", async () => {
    const text = [
      "清河县政务新媒体发布记录（2026年第三季度）",
      "导出时间：2026-10-01,,",
      "账号ID*,发布时间（北京时间）,是否原创",
      "A,2026-09-01 09:00,原创",
      "A,2026-09-01 25:00,转载",
    ].join("\n");
    const { reader, records, errors } = await readAll(file("posts.csv", text), "posts");
    expect(reader.headerLine).toBe(3);
    expect(reader.header).toEqual({
      account_id: "账号ID*",
      published_at: "发布时间（北京时间）",
      original: "是否原创",
    });
    expect(records.map((r) => [r.line, r.original])).toEqual([[4, true]]);
    expect(errors[0]).toMatch(/:5: column "发布时间（北京时间）": "2026-09-01 25:00" is not a date\/time$/);
  });

  it("gives the origin of every record: the path as given and the line", async () => {
    const path = file("posts.csv", "account_id,published_at\nA,2026-09-01\nB,2026-09-02\n");
    const { records } = await readAll(path, "posts");
    expect(records.map((r) => [r.file, r.line, r.jsonIndex])).toEqual([
      [path, 2, undefined],
      [path, 3, undefined],
    ]);
  });
});

describe("header and columns", () => {
  it("a missing required column is an error naming the file, the column, its aliases and the headers found", async () => {
    const path = file("accounts.csv", "账号ID,账号名称,主办单位\nA,n,u\n");
    const err = await failure(readAll(path, "accounts"));
    expect(err.message).toBe(`${path}:1: missing required column of accounts: platform`);
    expect(err.lines("en").slice(1)).toEqual([
      '  "platform" (or 平台, 账号平台, 所属平台, 平台类型)',
      "  headers found: 账号ID, 账号名称, 主办单位",
      `  if the file names it otherwise, map that header in gmaudit.config.json: "aliases": {"columns": {"accounts": {"…": "platform"}}}`,
    ]);
  });

  it("only looks for the header in the first 10 rows", async () => {
    const titles = Array.from({ length: 10 }, (_, i) => `标题${i}`);
    const err = await failure(
      readAll(file("posts.csv", [...titles, "账号ID,发布时间", "A,2026-09-01"].join("\n")), "posts"),
    );
    expect(err.message).toContain("missing required columns of posts: account_id, published_at");
    expect(err.lines("en").slice(1).at(-1)).toBe(
      "  (the header row is looked for in the first 10 rows: remove the title rows above it)",
    );
    // A short file without the columns does not say so: the header was not cut off.
    const short = await failure(readAll(file("posts.csv", "标题\n账号ID,时间\nA,2026-09-01\n"), "posts"));
    expect(short.details.join("\n")).not.toContain("first 10 rows");
    // Nor does a header that names some columns but lacks one, however long the file.
    const rows = Array.from({ length: 12 }, (_, i) => `A${i}`);
    const lacking = await failure(readAll(file("posts.csv", ["账号ID,时间", ...rows].join("\n")), "posts"));
    expect(lacking.details.join("\n")).not.toContain("first 10 rows");
  });

  it("an empty file is an error", async () => {
    const err = await failure(readAll(file("posts.csv", ""), "posts"));
    expect(err.message).toContain("empty");
  });

  it("does not read a number column whose note gives a unit (粉丝数（万人）): 1.2 would be read as 1 follower", async () => {
    const { reader, records } = await readAll(
      file("accounts.csv", "账号ID,账号名称（全称）,平台,主办单位,粉丝数（万人）\nA,n,微博,u,12\n"),
      "accounts",
    );
    expect(reader.unknownColumns).toEqual(["粉丝数（万人）"]);
    expect(records[0]?.followers).toBeUndefined();
    // A note without a unit is still dropped: 粉丝数（人） is the followers column.
    const plain = await readAll(
      file("accounts.csv", "账号ID,账号名称,平台,主办单位,粉丝数（人）\nA,n,微博,u,12\n"),
      "accounts",
    );
    expect(plain.records[0]?.followers).toBe(12);
  });

  it("lists unknown columns and ignores them", async () => {
    const { reader, records } = await readAll(
      file("posts.csv", "序号,账号ID,发布时间,阅读量\n1,A,2026-09-01,300\n"),
      "posts",
    );
    expect(reader.unknownColumns).toEqual(["序号", "阅读量"]);
    expect(records[0]).toEqual({
      accountId: "A",
      // A date only: the end of the day (RULES §1).
      publishedAt: SHANGHAI.endOfDay("2026-09-01"),
      original: false,
      file: expect.any(String),
      line: 2,
    });
  });

  it("short rows have blank cells; cells are trimmed", async () => {
    const { records } = await readAll(
      file("posts.csv", "account_id,published_at,title,source\n A , 2026-09-01 ,t\n"),
      "posts",
    );
    expect(records[0]).toMatchObject({ accountId: "A", title: "t" });
    expect(records[0]).not.toHaveProperty("source");
  });

  it("a blank required cell is reported as blank", async () => {
    const { errors } = await readAll(file("posts.csv", "账号ID,发布时间\n,2026-09-01\n"), "posts");
    expect(errors).toEqual([expect.stringMatching(/:2: column "账号ID": is blank, expected text$/)]);
  });

  it("keeps quotes inside an unquoted cell", async () => {
    const { records } = await readAll(
      file("posts.csv", 'account_id,published_at,title\nA,2026-09-01,他说"你好"\n'),
      "posts",
    );
    expect(records[0]?.title).toBe('他说"你好"');
  });

  it("reports a row error with the column as written in the header, and cross-field errors", async () => {
    const text =
      "账号ID,留言时间,回复时间,类型\nA,2026-09-01 09:00,2026-09-01 08:00,咨询\nB,2026-09-01,,咨询建议\n";
    const { errors } = await readAll(file("messages.csv", text), "messages");
    expect(errors).toEqual([
      expect.stringMatching(
        /:2: column "回复时间": "2026-09-01 08:00" is not a time at or after 留言时间 "2026-09-01 09:00"$/,
      ),
      expect.stringMatching(
        /:3: column "类型": "咨询建议" is not one of: consultation 咨询\/政策咨询\/咨询类\/求助, complaint 投诉\/投诉类\/举报, .*; or map it in gmaudit.config.json: "aliases": \{"category": \{"咨询建议": "consultation\|complaint\|suggestion\|other"\}\}/,
      ),
    ]);
  });

  it("collects the closed-without-date warning apart from the errors", async () => {
    const { log, records } = await readAll(file("accounts.csv", REGISTRY), "accounts");
    expect(records).toHaveLength(2);
    expect(log.count).toBe(0);
    expect(log.warnings).toEqual([
      expect.objectContaining({
        line: 3,
        column: "closed_at",
        value: "",
        expected: "a date when the account is closed",
      }),
    ]);
  });

  it("caps the errors kept at maxErrors and counts the rest", async () => {
    const rows = Array.from({ length: 7 }, (_, i) => `A${i},not a time`);
    const { log, errors, reader } = await readAll(
      file("posts.csv", ["账号ID,发布时间", ...rows].join("\n")),
      "posts",
      {},
      3,
    );
    expect(log.count).toBe(7);
    expect(errors).toHaveLength(4);
    expect(errors[0]).toMatch(/:2: /);
    expect(errors[3]).toBe("… and 4 more errors");
    expect(reader.stats).toEqual({
      rows: 7,
      valid: 0,
      invalid: 7,
      warnings: 0,
      totals: 0,
      notes: 0,
      dateOnly: 0,
    });
  });
});

describe("workbooks", () => {
  it("accounts.xlsx is read as a workbook: a broken one is an error that says so", async () => {
    const path = file("accounts.xlsx", Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]));
    const err = await failure(readAll(path, "accounts"));
    expect(err.message).toMatch(
      new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: not a readable Excel workbook \\(bad zip`),
    );
  });

  it.each([
    ["accounts.csv", Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]), "(.xlsx)"],
    ["accounts.xls", Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]), "(.xls, .et)"],
  ])("%s with a workbook's first bytes is refused with what to do", async (name, bytes, what) => {
    const path = file(name, bytes);
    const err = await failure(readAll(path, "accounts"));
    expect(err.message).toBe(
      `${path} is an Excel/WPS workbook ${what}${what === "(.xlsx)" ? " or another ZIP archive" : ""}, not a text table: gmaudit reads CSV, TSV, JSON or NDJSON — save it as CSV (in Excel or WPS: 文件 → 另存为 → "CSV UTF-8（逗号分隔）(*.csv)", one file per sheet)`,
    );
    await expect(detectKind(path, {})).rejects.toThrow(/not a text table/);
  });
});

describe("loose aliases", () => {
  it("a value refused under 类型 says which column 类型 was read as; 是否原创 does not", async () => {
    const loose = file("posts.csv", ["账号ID,发布时间,类型", "A1,2026-09-01 10:00,图文"].join("\n"));
    expect((await readAll(loose, "posts")).errors).toEqual([
      `${loose}:2: column "类型": "图文" is not 原创 or 转载 (or a yes/no value: 是/否, true/false, 1/0); the column "类型" was read as original (是否原创): rename it if it holds something else`,
    ]);
    const exact = file("posts.csv", ["账号ID,发布时间,是否原创", "A1,2026-09-01 10:00,图文"].join("\n"));
    expect((await readAll(exact, "posts")).errors[0]).not.toContain("rename");
    const messages = file("messages.csv", ["账号ID,留言时间,类型", "A1,2026-09-01 10:00,点赞"].join("\n"));
    expect((await readAll(messages, "messages")).errors[0]).toContain(
      'the column "类型" was read as category (留言类型)',
    );
  });
});

describe("totals rows", () => {
  // Cells: 0 序号 (not read), 1 账号ID, 2 标题, 3 发布时间.
  const accountIdCell = 1;
  it.each([
    [["合计", "", "", ""], true],
    [["", "合 计", "22", ""], true],
    [["总计：22 个", "", "", ""], true],
    [["小计22", "", "", "2026-09-01"], true],
    [["共计", "", "3", ""], true],
    [["合计(2个)", "-", "", ""], true],
    [["共计２个", "/", "", ""], true],
    [["合计：3 个账号", "", "", ""], true],
    [["", "", "合计", ""], true],
    [["", "", "合计：1 条", "12"], true],
    [["合计数", "", "", ""], false],
    [["汇总", "", "", ""], false],
    [["1", "合计", "", ""], false],
    [["", "", "", ""], false],
    // A data row: it has an account id, or its first cell says more than a count.
    [["", "", "共计 3 万人参加招聘会", "2026-13-01"], false],
    [["", "", "共计3万人次参与国庆活动", ""], false],
    [["", "A1", "合计", ""], false],
    [["合计", "A1", "", ""], false],
    // A count beside the word, in the id column, and nothing else (PRODUCT §1: `合计,15`).
    [["合计", "2", "", ""], true],
    [["合计", "共15个账号", "", ""], true],
    [["总计", "15个", "", ""], true],
    [["合计", "2", "", "x"], false],
  ])("isTotalsRow(%j) = %s", (cells, expected) => {
    expect(isTotalsRow(cells, accountIdCell)).toBe(expected);
  });

  it("a count that is a registry id is not a totals row's count", () => {
    expect(isTotalsRow(["合计", "2", "", ""], accountIdCell, (id) => id === "2")).toBe(false);
  });

  /** Reads a CSV of these lines as `kind`. */
  const readLines = <K extends TableKind>(kind: K, lines: string[]) =>
    readAll(file(`${kind}.csv`, lines.join("\n")), kind);

  it("are left out of the rows and counted; an account named 合计… with valid cells is read", async () => {
    const { reader, records, errors } = await readLines("accounts", [
      "账号ID,账号名称,平台,主办单位",
      "合计号,合计发布,微博,县政府办",
      "合计,,,",
      "小计,,,",
      "A2,,微博,",
    ]);
    expect(records.map((r) => r.accountId)).toEqual(["合计号"]);
    expect(reader.stats).toMatchObject({ rows: 2, valid: 1, invalid: 1, totals: 2, firstTotalsLine: 3 });
    expect(errors).toEqual([
      expect.stringMatching(/:5: column "账号名称": is blank/),
      expect.stringMatching(/:5: column "主办单位": is blank/),
    ]);
    // A post titled 共计… with its account id is an error, not a totals row, whatever is wrong with it.
    const posts = await readLines("posts", [
      "文章标题,账号ID,发布时间",
      "共计 3 万人参加招聘会,A1,2026-13-01 10:00",
      "共计3,A1,",
      "合计,,",
      "合计：2 条,,2",
    ]);
    expect(posts.reader.stats).toMatchObject({ rows: 2, invalid: 2, totals: 2, firstTotalsLine: 4 });
    expect(posts.errors).toEqual([
      expect.stringMatching(/:2: column "发布时间": "2026-13-01 10:00" is not/),
      expect.stringMatching(/:3: column "发布时间": is blank/),
    ]);
  });

  it.each([
    // 合计 under a required column, counts to the right.
    [
      "accounts",
      ["账号名称,账号ID,平台,主办单位,粉丝数", "清河发布,A01,微信公众号,清河县政府,86000", "合计,,,,87000"],
    ],
    // Dashes where the data would be.
    ["accounts", ["序号,账号ID,账号名称,平台,主办单位", "1,A01,清河发布,微博,县政府", "合计,/,/,/,/"]],
    ["messages", ["留言时间,账号ID,回复时间", "2026-09-01 09:00,A01,", "合计：1 条,,"]],
  ] as const)("the usual Excel layouts: %s %j", async (kind, lines) => {
    const { reader, errors } = await readLines(kind, [...lines]);
    expect(reader.stats).toMatchObject({ rows: 1, valid: 1, totals: 1, firstTotalsLine: 3 });
    expect(errors).toEqual([]);
  });
});

describe("malformed and unreadable files", () => {
  it("an unclosed quote cites the row where it opens", async () => {
    const path = file(
      "posts.csv",
      'account_id,published_at,title\nA,2026-09-01,ok\nA,2026-09-02,"never closed\nA,2026-09-03,x\n',
    );
    const err = await failure(readAll(path, "posts"));
    expect(err.message).toBe(
      `${path}:3: unclosed quote: a quoted cell in the row starting on this line never ends`,
    );
  });

  it("a stray character after a closing quote is a malformed file", async () => {
    const path = file("posts.csv", 'account_id,published_at,title\nA,2026-09-01,"x"y\n');
    const err = await failure(readAll(path, "posts"));
    expect(err.message).toMatch(
      new RegExp(
        `^${path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:2: field 3 of line 2: text after a closing quote`,
      ),
    );
    expect(err.id).toBe("csv.closing-quote");
  });

  it("a missing file is an error naming it", async () => {
    const err = await failure(readAll(join(dir, "nope.csv"), "posts"));
    expect(err.message).toBe(`cannot read ${join(dir, "nope.csv")}: no such file`);
  });

  it("a directory is an error", async () => {
    const err = await failure(readAll(dir, "posts"));
    expect(err.message).toContain("is a directory");
  });

  it("invalid JSON cites line and column", async () => {
    const path = file(
      "posts.json",
      '[\n  {"account_id": "A", "published_at": 1790748300},\n  {"account_id" "B"}\n]',
    );
    const err = await failure(readAll(path, "posts"));
    expect(err.message).toMatch(/: invalid JSON at line 3, column \d+/);
    expect(err.message.startsWith(path)).toBe(true);
  });

  it("invalid NDJSON cites the line", async () => {
    const path = file("posts.ndjson", '{"account_id":"A","published_at":"2026-09-01"}\n{"account_id":\n');
    const err = await failure(readAll(path, "posts"));
    expect(err.message).toMatch(
      new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:2: invalid JSON`),
    );
  });

  it("a JSON file that is not an array of objects is an error", async () => {
    expect((await failure(readAll(file("posts.json", '"x"'), "posts"))).message).toContain(
      "expected a JSON array",
    );
    expect((await failure(readAll(file("posts.json", "[1]"), "posts"))).message).toContain(
      ":$[0]: expected an object",
    );
  });
});

describe("JSON and NDJSON", () => {
  it("a JSON array accepts native values, null as blank, and cites records by index", async () => {
    const rows = [
      {
        账号ID: "A",
        账号名称: "n",
        平台: "微博",
        主办单位: "u",
        粉丝数: 1200,
        互动功能: true,
        关停日期: null,
      },
      { account_id: 1002, name: "n2", platform: "douyin", host_unit: "u", followers: "many" },
    ];
    const path = file("accounts.json", JSON.stringify(rows, null, 2));
    const { reader, records, errors } = await readAll(path, "accounts");
    expect(reader.format).toBe("json");
    expect(records).toEqual([
      {
        accountId: "A",
        name: "n",
        platform: "weibo",
        hostUnit: "u",
        status: "active",
        followers: 1200,
        interaction: true,
        file: path,
        line: 0,
        jsonIndex: true,
      },
    ]);
    expect(errors).toEqual([
      `${path}:$[1]: column "followers": "many" is not a whole number (0 or more; 86,000 or 8.6万)`,
    ]);
  });

  it("NDJSON: native Unix milliseconds and booleans, 1-based physical lines, blank lines counted", async () => {
    const lines = [
      JSON.stringify({ account_id: "A", published_at: 1790748300000, original: true }),
      "",
      JSON.stringify({ account_id: "A", published_at: "2026-13-45 10:00" }),
      JSON.stringify({ account_id: "B", published_at: "2026-09-30 14:05", original: false, title: null }),
    ];
    const path = file("posts.ndjson", lines.join("\n"));
    const { reader, records, errors } = await readAll(path, "posts");
    expect(reader.format).toBe("ndjson");
    expect(records.map((r) => [r.accountId, r.publishedAt, r.original, r.line, r.jsonIndex])).toEqual([
      ["A", 1790748300000, true, 1, undefined],
      ["B", 1790748300000, false, 4, undefined],
    ]);
    expect(errors).toEqual([`${path}:3: column "published_at": "2026-13-45 10:00" is not a date/time`]);
  });

  it("NDJSON: a key first seen after the first rows still counts (exporters leave null keys out)", async () => {
    const lines = Array.from({ length: 12 }, (_, i) =>
      JSON.stringify({ account_id: "A", received_at: `2026-09-01 0${i % 10}:00` }),
    );
    lines.push(
      JSON.stringify({ account_id: "A", received_at: "2026-09-02 09:00", 回复时间: "2026-09-02 10:00" }),
    );
    const { reader, records } = await readAll(file("messages.jsonl", lines.join("\n")), "messages");
    expect(records.at(-1)?.repliedAt).toBe(Date.UTC(2026, 8, 2, 2, 0));
    expect(reader.header.replied_at).toBe("回复时间");
  });

  it("each object names its own columns; within one object the canonical name beats an alias", async () => {
    const rows = [
      { 账号ID: "A", 发布时间: "2026-09-01" },
      { account_id: "B", published_at: "2026-09-02" },
      { 账号ID: "alias", account_id: "C", published_at: "2026-09-03" },
      { account_id: "D", 账号ID: "alias", published_at: "2026-09-04" },
    ];
    const { records, errors } = await readAll(file("posts.json", JSON.stringify(rows)), "posts");
    expect(errors).toEqual([]);
    expect(records.map((r) => r.accountId)).toEqual(["A", "B", "C", "D"]);
  });

  it("a missing required key in JSON is a missing column", async () => {
    const path = file("posts.json", JSON.stringify([{ account_id: "A", time: "2026-09-01" }]));
    const err = await failure(readAll(path, "posts"));
    expect(err.message).toBe(`${path}: missing required column of posts: published_at`);
    expect(err.lines("en").slice(1)).toContain("  headers found: account_id, time");
    expect(err.lines("en").at(-1)).toBe(
      `  if the file names it otherwise, map that header in gmaudit.config.json: "aliases": {"columns": {"posts": {"…": "published_at"}}}`,
    );
  });

  it("an empty JSON array is a valid empty table", async () => {
    const { records, reader } = await readAll(file("posts.json", "[]"), "posts");
    expect(records).toEqual([]);
    expect(reader.stats.rows).toBe(0);
  });
});

describe("formats", () => {
  const posts = (d: string) => [`账号ID${d}发布时间${d}标题`, `A${d}2026-09-01${d}t,with comma`].join("\n");

  it.each([
    ["posts.tsv", "\t", "tsv"],
    ["posts.txt", "\t", "tsv"],
    ["posts.txt", ";", "csv"],
    ["posts.txt", ",", "csv"],
    ["posts.dat", "\t", "tsv"],
  ])("%s with %j", async (name, delimiter, format) => {
    const text = delimiter === "," ? '账号ID,发布时间,标题\nA,2026-09-01,"t,with comma"' : posts(delimiter);
    const { reader, records } = await readAll(file(name, text), "posts");
    expect(reader.format).toBe(format);
    expect(records[0]?.title).toBe("t,with comma");
  });

  it("sniffs JSON and NDJSON content under an unknown extension", async () => {
    const json = await readAll(
      file("posts.export", '[{"account_id":"A","published_at":"2026-09-01"}]'),
      "posts",
    );
    expect(json.reader.format).toBe("json");
    const ndjson = await readAll(
      file("posts.log", '{"account_id":"A","published_at":"2026-09-01"}\n'),
      "posts",
    );
    expect(ndjson.reader.format).toBe("ndjson");
  });

  it("a .json file of one object per line is NDJSON", async () => {
    const { reader, records } = await readAll(
      file("posts.json", '{"account_id":"A","published_at":"2026-09-01"}\n'),
      "posts",
    );
    expect([reader.format, records.length]).toEqual(["ndjson", 1]);
  });
});

describe("streaming", () => {
  it("reports progress in bytes and reads a large file without error", async () => {
    const rows = Array.from(
      { length: 20000 },
      (_, i) => `P${i},A${i % 7},2026-09-0${1 + (i % 9)} 10:00:00,原创`,
    );
    const text = ["post_id,account_id,published_at,original", ...rows].join("\n");
    const path = file("posts.csv", text);
    const progress: [number, number][] = [];
    const { records, reader } = await readAll(path, "posts", {
      onProgress: (done, total) => progress.push([done, total]),
    });
    expect(records).toHaveLength(20000);
    expect(records.at(-1)?.line).toBe(20001);
    expect(reader.stats.valid).toBe(20000);
    const size = Buffer.byteLength(text);
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)).toEqual([size, size]);
  });

  it("records() can be iterated once; close() stops reading", async () => {
    const reader = await openTable(
      file("posts.csv", "account_id,published_at\nA,2026-09-01\n"),
      "posts",
      { zone: SHANGHAI },
      new ErrorLog(),
    );
    reader.records();
    expect(() => reader.records()).toThrow(/only once/);
    await reader.close();
  });

  it("reads a relative path against options.cwd and cites it as given", async () => {
    const path = file("posts.csv", "account_id,published_at\nA,2026-09-01\n");
    const name = path.slice(dir.length + 1);
    const { records } = await readAll(name, "posts", { cwd: dir });
    expect(records[0]?.file).toBe(name);
  });
});

describe("detectKind", () => {
  it.each([
    ["accounts", "账号ID,账号名称,平台,主办单位\nA,n,微博,u"],
    ["posts", "文章ID,账号ID,发布时间\nP,A,2026-09-01"],
    ["messages", "编号,账号ID,留言时间,类型\n1,A,2026-09-01,咨询"],
    ["filings", "账号ID,报备类别,事项日期\nA,开设,2026-09-01"],
    ["findings", "账号ID,指标\nA,严重表述错误"],
    ["accounts", "标题\n导出时间\n账号ID,账号名称,平台,主办单位,状态\nA,n,微博,u,正常"],
  ])("recognises %s", async (kind, text) => {
    expect(await detectKind(file("data.csv", text))).toBe(kind);
  });

  it("prefers the kind whose columns the header names most", async () => {
    // account_id + indicator (findings) and the registry's four columns: the registry names more.
    const text = "账号ID,账号名称,平台,主办单位,指标\nA,n,微博,u,x";
    expect(await detectKind(file("data.csv", text))).toBe("accounts");
  });

  it("recognises JSON and NDJSON by their keys", async () => {
    expect(await detectKind(file("x.json", '[{"account_id":"A","published_at":1}]'))).toBe("posts");
    expect(await detectKind(file("x.ndjson", '{"account_id":"A","received_at":1}\n'))).toBe("messages");
  });

  it("says so when no kind fits", async () => {
    const err = await failure(detectKind(file("data.csv", "a,b,c\n1,2,3")));
    expect(err.message).toContain("cannot tell which table this is");
    expect(err.lines("en").slice(1).join("\n")).toContain("a, b, c");
  });
});

describe("an office's own words (aliases, PRODUCT §1.8)", () => {
  const aliases = {
    columns: { posts: { 推文时间: "published_at" }, "*": { 编码: "account_id" } },
    platform: { 公号: "wechat" as const },
    status: { 暂停: "closed" as const },
    category: { 求解答: "consultation" as const },
    event: { 更名: "change" as const },
    indicator: { 错别字: "improper-content" },
  };

  it("map headers per table and for every table (*)", async () => {
    const { records, errors } = await readAll(
      file("posts.csv", "编码,推文时间\nA1,2026-09-01 10:00\n"),
      "posts",
      { aliases },
    );
    expect(errors).toEqual([]);
    expect(records.map((r) => r.accountId)).toEqual(["A1"]);
    // Without them the same file has no account id or time.
    const err = await failure(readAll(file("posts.csv", "编码,推文时间\nA1,2026-09-01 10:00\n"), "posts"));
    expect(err.message).toMatch(/missing required columns of posts: account_id, published_at/);
  });

  it("map values of platform, status, category and event, and indicator names", async () => {
    const accounts = await readAll(
      file(
        "accounts.csv",
        "账号ID,账号名称,平台,主办单位,账号状态,关停时间\nA,甲,公号,县委,暂停,2026/9/16\n",
      ),
      "accounts",
      { aliases },
    );
    expect(accounts.errors).toEqual([]);
    expect(accounts.records[0]).toMatchObject({
      platform: "wechat",
      status: "closed",
      closedAt: "2026-09-16",
    });
    const messages = await readAll(
      file("messages.csv", "账号编号,留言时间,留言类型\nA,2026-09-01 10:00,求解答\n"),
      "messages",
      { aliases },
    );
    expect(messages.records[0]?.category).toBe("consultation");
    const filings = await readAll(
      file("filings.csv", "账号编号,事项,事项发生日期\nA,更名,2026-09-01\n"),
      "filings",
      { aliases },
    );
    expect(filings.records[0]?.event).toBe("change");
    const findings = await readAll(file("findings.csv", "账号编号,指标,问题数量\nA,错别字,7\n"), "findings", {
      aliases,
    });
    expect(findings.records[0]).toMatchObject({ indicator: "improper-content", count: 7 });
  });

  it("an unknown value's error names the aliases entry that would accept it", async () => {
    const { errors } = await readAll(
      file("accounts.csv", "账号ID,账号名称,平台,主办单位\nA,甲,企鹅号,县委\n"),
      "accounts",
    );
    expect(errors[0]).toContain(
      `or map it in gmaudit.config.json: "aliases": {"platform": {"企鹅号": "wechat|weibo|douyin|toutiao|kuaishou|bilibili|xiaohongshu|wechat_channels|app|miniprogram|other"}}`,
    );
  });

  it("微信订阅号 / 微信服务号 are WeChat and say the account type, unless the type column does", async () => {
    const { records } = await readAll(
      file(
        "accounts.csv",
        "账号ID,账号名称,平台类型,主办单位,账号类型\nA,甲,微信订阅号,县委,\nB,乙,微信服务号,县委,\nC,丙,微信服务号,县委,订阅号\n",
      ),
      "accounts",
    );
    expect(records.map((r) => [r.platform, r.accountType])).toEqual([
      ["wechat", "subscription"],
      ["wechat", "service"],
      ["wechat", "subscription"],
    ]);
  });
});

describe("exports that name their accounts (PRODUCT §1.7)", () => {
  const registryNames = [
    { id: "QH-01", name: "清河发布", platform: "wechat" as const },
    { id: "QH-02", name: "清河发布", platform: "weibo" as const },
    { id: "QH-03", name: "清河教育", platform: "douyin" as const },
  ];

  it("match by normalised name, and by platform when the export has one", async () => {
    const { records, errors } = await readAll(
      file(
        "posts.csv",
        "账号名称,平台,发布时间\n@清河发布,微信,2026-09-01 10:00\n清河发布 ,新浪微博,2026-09-02 10:00\n清河教育,,2026-09-03 10:00\n无名号,抖音,2026-09-03 10:00\n",
      ),
      "posts",
      { registryNames },
    );
    expect(errors).toEqual([]);
    // A name in no registry row is an unregistered account, named by its name.
    expect(records.map((r) => r.accountId)).toEqual(["QH-01", "QH-02", "QH-03", "无名号"]);
  });

  it("a name that fits several accounts with nothing to tell them apart is an error naming them", async () => {
    const { records, errors } = await readAll(
      file("messages.json", JSON.stringify([{ 账号名称: "清河发布", 留言时间: "2026-09-01 10:00" }])),
      "messages",
      { registryNames },
    );
    expect(records).toEqual([]);
    expect(errors[0]).toMatch(
      /column "账号名称": "清河发布" is not the name of one registry account, but it fits 2: QH-01 \(wechat\), QH-02 \(weibo\)/,
    );
  });

  it("the registry needs its ids: a registry without an id column is still missing it", async () => {
    const err = await failure(
      readAll(file("accounts.csv", "账号名称,平台,主办单位\n甲,微信,县委\n"), "accounts"),
    );
    expect(err.message).toMatch(/missing required column of accounts: account_id/);
  });
});

describe("notes rows and a posts file given as the registry", () => {
  it("a notes row (注：…, the rest blank) is left out and counted", async () => {
    const { reader, records, errors } = await readAll(
      file("posts.csv", "账号ID,发布时间\nA,2026-09-01 10:00\n注：数据截至10月20日,\n"),
      "posts",
    );
    expect(errors).toEqual([]);
    expect(records).toHaveLength(1);
    expect(reader.stats).toMatchObject({ notes: 1, firstNotesLine: 3 });
  });

  it("a posts file given as the registry says it looks like posts", async () => {
    const err = await failure(
      readAll(file("accounts.csv", "账号ID,发布时间\nA,2026-09-01 10:00\n"), "accounts"),
    );
    expect(err.lines("en").at(-1)).toBe(
      "  (this looks like a posts table, not accounts: give it with --posts)",
    );
    expect(err.lines("zh").at(-1)).toMatch(/这看起来是.*发布记录.*请用 --posts 给出/);
  });
});

describe("date-only times: the benefit of the doubt (RULES §1)", () => {
  const at = (text: string) => SHANGHAI.toInstant(parseWall(text));
  function parseWall(text: string) {
    const [date, time = "00:00:00.000"] = text.split(" ");
    const [year, month, day] = date!.split("-").map(Number);
    const [hour, minute, rest] = time.split(":");
    const [second, millisecond] = rest!.split(".").map(Number);
    return {
      year: year!,
      month: month!,
      day: day!,
      hour: Number(hour),
      minute: Number(minute),
      second: second!,
      millisecond: millisecond ?? 0,
    };
  }

  it("a date-only post is published at the end of its day, but not after T; counted", async () => {
    const { records, reader } = await readAll(
      file("posts.csv", "账号ID,发布时间\nA,20261006\nA,2026-10-20\nA,2026-10-07 09:30\n"),
      "posts",
      { asOf: at("2026-10-20 08:00:00.000") },
    );
    expect(records.map((r) => r.publishedAt)).toEqual([
      at("2026-10-06 23:59:59.999"),
      at("2026-10-20 08:00:00.000"),
      at("2026-10-07 09:30:00.000"),
    ]);
    expect(reader.stats.dateOnly).toBe(2);
    expect(reader.stats.latest).toBe(at("2026-10-20 08:00:00.000"));
  });

  it("a date-only message is received at the end of its day; a same-day reply is on time", async () => {
    const { records, reader, errors } = await readAll(
      file(
        "messages.csv",
        "账号ID,留言时间,回复时间\nA,2026-10-06,2026-10-06 10:00\nA,2026-10-06 14:00,2026-10-06\nA,2026-10-06 14:00,2026-10-05\n",
      ),
      "messages",
    );
    expect(records.slice(0, 2).map((r) => [r.receivedAt, r.repliedAt])).toEqual([
      [at("2026-10-06 23:59:59.999"), at("2026-10-06 23:59:59.999")],
      [at("2026-10-06 14:00:00.000"), at("2026-10-06 14:00:00.000")],
    ]);
    // A reply dated the day before is still an error.
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/:4: column "回复时间": "2026-10-05" is not a time at or after 留言时间/);
    expect(reader.stats.dateOnly).toBe(2);
  });
});

describe("totals rows whose count stands in the account-id column", () => {
  it("总计,2个 in a findings sheet (the id first) is left out though its cells pass", async () => {
    const { records, reader, errors } = await readAll(
      file("findings.csv", "账号编号,指标,问题数量\nQH12,错别字,2\n总计,2个,\n"),
      "findings",
    );
    expect(errors).toEqual([]);
    expect(records.map((r) => r.accountId)).toEqual(["QH12"]);
    expect(reader.stats.totals).toBe(1);
  });

  it("合计,15 under 序号 and the id, and a totals row of an export matched by name", async () => {
    const posts = await readAll(
      file("posts.csv", "序号,账号编号,发布时间\n1,A,2026-10-01 10:00\n合计,15,\n"),
      "posts",
    );
    expect(posts.reader.stats.totals).toBe(1);
    const byName = await readAll(
      file("posts.csv", "账号名称,发布时间\n清河发布,2026-10-01 10:00\n合计,共计300条\n"),
      "posts",
      { registryNames: [{ id: "QH01", name: "清河发布", platform: "wechat" }] },
    );
    expect(byName.errors).toEqual([]);
    expect(byName.records.map((r) => r.accountId)).toEqual(["QH01"]);
    expect(byName.reader.stats.totals).toBe(1);
  });

  it("a registry id is never a totals row", async () => {
    const { records } = await readAll(
      file("findings.csv", "账号编号,指标,问题数量\n合计,错别字,2\n"),
      "findings",
      { registryNames: [{ id: "合计", name: "合计号", platform: "weibo" }] },
    );
    expect(records.map((r) => r.accountId)).toEqual(["合计"]);
  });
});

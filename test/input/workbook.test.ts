import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { ErrorLog, formatErrorLog } from "../../src/input/errors.js";
import { openTable } from "../../src/input/read.js";
import type { TableKind } from "../../src/input/tables.js";
import {
  columnIndex,
  columnLetters,
  isDateFormat,
  serialToText,
  splitSheetRef,
  type TypedRow,
  Workbook,
  WorkbookError,
} from "../../src/input/workbook.js";
import { Zone } from "../../src/time/zone.js";
import { type MakerCell, makeXlsx } from "./xlsx-maker.js";

const SHANGHAI = Zone.of("Asia/Shanghai");
const root = fileURLToPath(new URL("../..", import.meta.url));
const fixtures = join(root, "test", "fixtures", "workbooks");
const dir = mkdtempSync(join(tmpdir(), "gmaudit-xlsx-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let counter = 0;
function book(name: string, content: Buffer): string {
  const path = join(dir, `${++counter}-${name}`);
  writeFileSync(path, content);
  return path;
}

async function readAll(path: string, kind: TableKind) {
  const log = new ErrorLog(50);
  const reader = await openTable(path, kind, { zone: SHANGHAI }, log);
  const records: Record<string, unknown>[] = [];
  for await (const record of reader.records()) records.push(record as unknown as Record<string, unknown>);
  return { reader, records, errors: formatErrorLog(log) };
}

async function sheetRows(path: string, sheet = 0): Promise<TypedRow[]> {
  const wb = await Workbook.open(path, path);
  try {
    const rows: TypedRow[] = [];
    for await (const batch of wb.typedRows(wb.sheets[sheet]!)) rows.push(...batch);
    return rows;
  } finally {
    wb.close();
  }
}

const ACCOUNTS_HEADER: MakerCell[] = [
  "账号ID",
  "账号名称",
  "平台",
  "主办单位",
  "开设日期",
  "互动功能",
  "粉丝数",
];

describe("date serials", () => {
  it("reads the 1900 and the 1904 system, with and without a time", () => {
    expect(serialToText(46293, false)).toBe("2026-09-28");
    expect(serialToText(46293.5868055556, false)).toBe("2026-09-28 14:05:00");
    expect(serialToText(44831.4166666667, true)).toBe("2026-09-28 10:00:00");
    // Excel's phantom 1900-02-29 (serial 60): serials below it count from 1899-12-31.
    expect(serialToText(1, false)).toBe("1900-01-01");
    expect(serialToText(59, false)).toBe("1900-02-28");
    expect(serialToText(61, false)).toBe("1900-03-01");
    expect(serialToText(0, true)).toBe("1904-01-01");
    expect(serialToText(-1, false)).toBeUndefined();
    expect(serialToText(3_000_000, false)).toBeUndefined();
  });

  it("tells date formats from number formats", () => {
    for (const code of [
      "yyyy-mm-dd",
      'yyyy"年"m"月"d"日"',
      "yyyy\\-mm\\-dd\\ hh:mm:ss",
      "[$-804]aaaa;@",
      "h:mm",
      "[h]:mm",
    ]) {
      expect(isDateFormat(code), code).toBe(code !== "[$-804]aaaa;@");
    }
    for (const code of ["General", "0.00", "#,##0", "0%", '"天数"0', "[Red]0.0", "@"]) {
      expect(isDateFormat(code), code).toBe(false);
    }
  });

  it("cell references", () => {
    expect([columnIndex("A1"), columnIndex("Z9"), columnIndex("AA3"), columnIndex("XFD1")]).toEqual([
      0, 25, 26, 16383,
    ]);
    expect([0, 25, 26, 16383].map(columnLetters)).toEqual(["A", "Z", "AA", "XFD"]);
  });

  it("file.xlsx#sheet names a sheet; a file whose name has # is a file", () => {
    expect(splitSheetRef("台账.xlsx#发布记录", () => false)).toEqual({
      file: "台账.xlsx",
      sheet: "发布记录",
    });
    expect(splitSheetRef("a#b.xlsx", () => false)).toEqual({ file: "a#b.xlsx" });
    expect(splitSheetRef("x.xlsx#y", (f) => f === "x.xlsx#y")).toEqual({ file: "x.xlsx#y" });
    expect(splitSheetRef("notes.csv#1", () => false)).toEqual({ file: "notes.csv#1" });
  });
});

describe("reading a sheet", () => {
  it("keeps each cell's type: text ids, numbers, dates, booleans, formulas' results", async () => {
    const path = book(
      "types.xlsx",
      makeXlsx([
        {
          name: "备案台账",
          rows: [
            ACCOUNTS_HEADER,
            [
              { shared: "001" },
              { shared: "清河发布" },
              "微信公众号",
              "清河县政府办",
              { date: 43160, style: 2 },
              true,
              86000,
            ],
            [
              { shared: "=SUM(A1)" },
              "@云溪公安",
              "微博",
              "清河县公安局",
              { date: 46293.5, style: 1 },
              false,
              { raw: '<c r="{ref}"><f>1000*2</f><v>2000</v></c>' },
            ],
          ],
        },
      ]),
    );
    const rows = await sheetRows(path);
    expect(rows[1]!.cells).toEqual([
      "001",
      "清河发布",
      "微信公众号",
      "清河县政府办",
      "2018-03-01",
      "TRUE",
      "86000",
    ]);
    expect(rows[1]!.types).toEqual(["string", "string", "string", "string", "date", "boolean", "number"]);
    expect(rows[2]!.cells).toEqual([
      "=SUM(A1)",
      "@云溪公安",
      "微博",
      "清河县公安局",
      "2026-09-28 12:00:00",
      "FALSE",
      "2000",
    ]);

    const { records, errors } = await readAll(path, "accounts");
    expect(errors).toEqual([]);
    expect(records.map((r) => [r.accountId, r.name, r.interaction, r.followers])).toEqual([
      ["001", "清河发布", true, 86000],
      ["=SUM(A1)", "@云溪公安", false, 2000],
    ]);
    expect(records[0]!.openedAt).toBe("2018-03-01");
    expect(records.map((r) => r.line)).toEqual([2, 3]);
    expect(records[0]!.file).toBe(`${path}#备案台账`);
  });

  it("goes through the CSV pipeline: title rows, blank rows and totals rows are left out", async () => {
    const path = book(
      "messy.xlsx",
      makeXlsx([
        {
          name: "Sheet1",
          rows: [
            ["清河县政务新媒体备案台账（2026年9月）"],
            [],
            ["序号", "账号ID", "账号名称", "平台", "主办单位"],
            [1, "M1", "清河发布", "微信公众号", "清河县政府办"],
            [],
            [2, "M2", "清河微博", "新浪微博", "清河县政府办"],
            ["合计", null, "共2个账号"],
          ],
        },
      ]),
    );
    const { reader, records, errors } = await readAll(path, "accounts");
    expect(errors).toEqual([]);
    expect(reader.headerLine).toBe(3);
    expect(records.map((r) => [r.accountId, r.line])).toEqual([
      ["M1", 4],
      ["M2", 6],
    ]);
    expect(reader.stats.totals).toBe(1);
    expect(reader.format).toBe("xlsx");
  });

  it("cites the cell of an invalid value as file.xlsx#sheet!C12", async () => {
    const path = book(
      "bad.xlsx",
      makeXlsx([
        {
          name: "发布记录",
          rows: [
            ["文章ID", "账号ID", "发布时间"],
            ["P1", "M1", { date: 46293.5, style: 1 }],
            ["P2", "M1", "2026-13-45"],
          ],
        },
      ]),
    );
    const { errors } = await readAll(path, "posts");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}#发布记录!C3: column "发布时间"`),
    );
  });

  it("finds a table's sheet by name (Chinese or English), by header, or as named after #", async () => {
    const posts: MakerCell[][] = [
      ["账号ID", "发布时间"],
      ["M1", "2026-09-28 10:00"],
    ];
    const accounts: MakerCell[][] = [
      ["账号ID", "账号名称", "平台", "主办单位"],
      ["M1", "清河发布", "微信", "清河县政府办"],
    ];
    const path = book(
      "multi.xlsx",
      makeXlsx([
        { name: "说明", rows: [["本工作簿说明"]] },
        { name: "Sheet2", rows: posts },
        { name: "accounts", rows: accounts },
      ]),
    );
    expect((await readAll(path, "accounts")).reader.file).toBe(`${path}#accounts`);
    expect((await readAll(path, "posts")).reader.file).toBe(`${path}#Sheet2`);
    expect((await readAll(`${path}#Sheet2`, "posts")).records).toHaveLength(1);
    const missing = await readAll(`${path}#发布记录`, "posts").catch((err: unknown) => err);
    expect(missing).toBeInstanceOf(WorkbookError);
    expect((missing as WorkbookError).text.zh).toContain(
      "没有名为“发布记录”的工作表（现有：说明、Sheet2、accounts）",
    );
    const none = await readAll(path, "filings").catch((err: unknown) => err);
    expect((none as WorkbookError).text.en).toContain("no sheet holds the filings table");
    expect((none as WorkbookError).text.zh).toContain(
      "找不到备案记录所在的工作表（现有：说明、Sheet2、accounts）",
    );
  });

  it("reads LibreOffice's workbooks: text ids 001 and a 1904 date system", async () => {
    const ids = await readAll(join(fixtures, "text-ids.xlsx"), "accounts");
    expect(ids.errors).toEqual([]);
    expect(ids.records.map((r) => r.accountId)).toEqual(["001", "002", "010"]);
    expect(ids.records.map((r) => r.name)).toEqual(["清河发布", "清河微博", "@清河公安"]);

    const rows = await sheetRows(join(fixtures, "dates-1904.xlsx"));
    expect(rows.slice(1).map((r) => [r.cells[1], r.cells[2], r.types?.[2]])).toEqual([
      ["001", "2026-09-28 10:00:00", "date"],
      ["002", "2026-09-29 14:05:00", "date"],
      ["010", "2026-09-30", "date"],
    ]);
    const posts = await readAll(join(fixtures, "dates-1904.xlsx"), "posts");
    expect(posts.errors).toEqual([]);
    expect(posts.records.map((r) => SHANGHAI.format(r.publishedAt as number))).toEqual([
      "2026-09-28T10:00:00.000+08:00",
      "2026-09-29T14:05:00.000+08:00",
      // A date cell with no time is a date-only post time: the end of its day (RULES §1, the benefit
      // of the doubt), as the same date in a CSV is.
      "2026-09-30T23:59:59.999+08:00",
    ]);
  });
});

describe("validate", () => {
  it("validates each table of a workbook, sheet by sheet", async () => {
    const { runInProcess } = await import("../cli/in-process.js");
    const cwd = join(root, "fixtures", "cases", "demo-workbook");
    const result = await runInProcess(["validate", "台账.xlsx", "--format", "json"], { cwd });
    expect(result.code).toBe(0);
    const report = JSON.parse(result.out) as { files: { file: string; kind: string }[] };
    expect(report.files.map((f) => [f.file, f.kind])).toEqual([
      ["台账.xlsx#备案台账", "accounts"],
      ["台账.xlsx#发布记录", "posts"],
      ["台账.xlsx#留言记录", "messages"],
      ["台账.xlsx#备案记录", "filings"],
      ["台账.xlsx#检查记录", "findings"],
    ]);
  });
});

import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import ExcelJS from "exceljs";
import { SaxesParser } from "saxes";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type CellType, type TypedRow, Workbook } from "../../src/input/workbook.js";
import { runInProcess } from "../cli/in-process.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "gmaudit-xlsx-out-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Accounts whose texts look like formulas, a posting account, one that never posted. */
beforeAll(() => {
  writeFileSync(
    join(dir, "accounts.csv"),
    [
      "账号ID,账号名称,平台,主办单位,单位类别",
      '001,=HYPERLINK("http://x"),微信公众号,清河县政府办,县区',
      "002,@云溪公安,微博,+清河县公安局,部门",
      "003,清河发布,抖音,清河县政府办,县区",
    ].join("\n"),
  );
  writeFileSync(
    join(dir, "posts.csv"),
    [
      "账号ID,发布时间,是否原创",
      "001,2026-09-28 10:05,是",
      "001,2026-09-29 11:00,否",
      "002,2026-09-10 09:00,是",
    ].join("\n"),
  );
});

const CHECK = ["check", "accounts.csv", "--as-of", "2026-09-30", "--from", "2026-09-01"];

async function sheets(path: string): Promise<Map<string, TypedRow[]>> {
  const wb = await Workbook.open(path, path);
  const out = new Map<string, TypedRow[]>();
  try {
    for (const sheet of wb.sheets) {
      const rows: TypedRow[] = [];
      for await (const batch of wb.typedRows(sheet)) rows.push(...batch);
      out.set(sheet.name, rows);
    }
  } finally {
    wb.close();
  }
  return out;
}

/** Column `header` of a sheet: each row's [text, type]. */
function column(rows: TypedRow[], header: string): [string | undefined, CellType | undefined][] {
  const index = rows[0]!.cells.indexOf(header);
  expect(index, header).toBeGreaterThanOrEqual(0);
  return rows.slice(1).map((r) => [r.cells[index], r.types?.[index]]);
}

describe("the results workbook", () => {
  it("has the four sheets, typed cells, and every text as a string", async () => {
    const run = await runInProcess([...CHECK, "--out", "结果.xlsx", "--findings-out", "问题.xlsx"], {
      cwd: dir,
    });
    expect(run.err).not.toContain("internal error");
    expect(run.code).toBe(1);
    const book = await sheets(join(dir, "结果.xlsx"));
    expect([...book.keys()]).toEqual(["账号结果", "问题明细", "单位得分", "说明"]);
    const accounts = book.get("账号结果")!;
    expect(column(accounts, "账号ID")).toEqual([
      ["001", "string"],
      ["002", "string"],
      ["003", "string"],
    ]);
    expect(column(accounts, "账号名称")[0]).toEqual(['=HYPERLINK("http://x")', "string"]);
    expect(column(accounts, "主办单位")[1]).toEqual(["+清河县公安局", "string"]);
    expect(column(accounts, "最近更新时间")).toEqual([
      ["2026-09-29 11:00:00", "date"],
      ["2026-09-10 09:00:00", "date"],
      ["", undefined],
    ]);
    expect(column(accounts, "原创率")[0]).toEqual(["0.5", "number"]);
    expect(column(accounts, "发布数").map(([, type]) => type)).toEqual(["number", "number", "number"]);
    expect(column(accounts, "结论").every(([text, type]) => type === "string" && text !== "")).toBe(true);
    expect(book.get("说明")!.map((r) => r.cells[0])).toContain("评分方案");
    // --findings-out .xlsx: the findings sheet alone.
    expect([...(await sheets(join(dir, "问题.xlsx"))).keys()]).toEqual(["问题明细"]);
  });

  it("freezes and filters the header, sets widths, colours the verdict", async () => {
    await runInProcess([...CHECK, "--out", "styled.xlsx"], { cwd: dir });
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(join(dir, "styled.xlsx"));
    const sheet = book.getWorksheet("账号结果")!;
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet.autoFilter).toBeTruthy();
    expect(sheet.getColumn(1).width).toBeGreaterThan(8);
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    const verdictColumn = (sheet.getRow(1).values as unknown[]).indexOf("结论");
    const fills = new Set<string>();
    for (let r = 2; r <= sheet.rowCount; r++) {
      const fill = sheet.getRow(r).getCell(verdictColumn).fill as { fgColor?: { argb?: string } };
      fills.add(`${sheet.getRow(r).getCell(verdictColumn).value}:${fill.fgColor?.argb}`);
    }
    expect(fills.size).toBeGreaterThan(1);
    const score = (sheet.getRow(1).values as unknown[]).indexOf("原创率");
    expect(sheet.getRow(2).getCell(score).numFmt).toBe("0.0%");
  });

  it("is the same bytes on every run (dated by the as-of, not the clock)", async () => {
    // The machine's clock two years apart: the zip's entry dates would differ if they came from it.
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(new Date("2027-01-01T00:00:00Z"));
      await runInProcess([...CHECK, "--out", "once.xlsx"], { cwd: dir });
      vi.setSystemTime(new Date("2029-06-01T12:00:00Z"));
      await runInProcess([...CHECK, "--out", "twice.xlsx"], { cwd: dir });
    } finally {
      vi.useRealTimers();
    }
    expect(readFileSync(join(dir, "once.xlsx")).equals(readFileSync(join(dir, "twice.xlsx")))).toBe(true);
  });

  it("is in English with --lang en", async () => {
    await runInProcess([...CHECK, "--out", "en.xlsx", "--lang", "en"], { cwd: dir });
    const book = await sheets(join(dir, "en.xlsx"));
    expect([...book.keys()]).toEqual(["Accounts", "Findings", "Units", "Notes"]);
    expect(book.get("Accounts")![0]!.cells.slice(0, 3)).toEqual(["accountId", "name", "platform"]);
  });

  it("never writes over the workbook it reads, even when a sheet of it was named", async () => {
    copyFileSync(join(root, "fixtures", "cases", "demo-workbook", "台账.xlsx"), join(dir, "台账.xlsx"));
    const before = readFileSync(join(dir, "台账.xlsx"));
    const run = await runInProcess(
      ["check", "台账.xlsx#备案台账", "--period", "2026Q3", "--out", "台账.xlsx"],
      {
        cwd: dir,
      },
    );
    expect(run.code).toBe(2);
    expect(run.err).toContain("拒绝写入");
    expect(readFileSync(join(dir, "台账.xlsx")).equals(before)).toBe(true);
  });

  it("--format xlsx needs --out; a refused run writes no workbook", async () => {
    const run = await runInProcess([...CHECK, "--format", "xlsx"], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.out).toBe("");
    const bad = await runInProcess([...CHECK, "--posts", "missing.csv", "--out", "none.xlsx"], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(readdirSync(dir).some((f) => f.startsWith("none") || f.includes(".tmp"))).toBe(false);
  });
});

/** LibreOffice is needed below; it may be missing locally, never under CI (.ci/run installs it). */
const soffice = spawnSync("soffice", ["--version"], { encoding: "utf8" }).status === 0;
if (!soffice && process.env.CI === "true")
  throw new Error("soffice (libreoffice-calc-nogui) is missing under CI");

/** Each table of a flat ODS written by LibreOffice: its rows of [value type, text, has a formula]. */
function fodsTables(xml: string): Map<string, { type: string; formula: boolean }[][]> {
  const tables = new Map<string, { type: string; formula: boolean }[][]>();
  let current: { type: string; formula: boolean }[][] = [];
  const parser = new SaxesParser();
  parser.on("opentag", (tag) => {
    const attrs = tag.attributes as Record<string, string>;
    if (tag.name === "table:table") {
      current = [];
      tables.set(attrs["table:name"]!, current);
    } else if (tag.name === "table:table-row") current.push([]);
    else if (tag.name === "table:table-cell") {
      const repeat = Number(attrs["table:number-columns-repeated"] ?? 1);
      const cell = { type: attrs["office:value-type"] ?? "", formula: attrs["table:formula"] !== undefined };
      for (let i = 0; i < Math.min(repeat, 64); i++) current.at(-1)!.push(cell);
    }
  });
  parser.write(xml).close();
  return tables;
}

describe.skipIf(!soffice)("LibreOffice", () => {
  it("reopens the results workbook: numbers as numbers, dates as dates, no formula", async () => {
    await runInProcess([...CHECK, "--out", "lo.xlsx"], { cwd: dir });
    const out = join(dir, "lo-out");
    execFileSync("soffice", ["--headless", "--convert-to", "fods", "--outdir", out, join(dir, "lo.xlsx")], {
      stdio: "ignore",
    });
    const tables = fodsTables(readFileSync(join(out, "lo.fods"), "utf8"));
    expect([...tables.keys()]).toEqual(["账号结果", "问题明细", "单位得分", "说明"]);
    const accounts = tables.get("账号结果")!;
    const typesOf = (index: number) => accounts.slice(1, 4).map((row) => row[index]?.type);
    // Columns as ACCOUNT_COLUMNS: 0 accountId, 1 name, 6 score, 10 lastPostAt, 12 posts, 14 originalRatio.
    expect(typesOf(0)).toEqual(["string", "string", "string"]);
    expect(typesOf(1)).toEqual(["string", "string", "string"]);
    expect(typesOf(10)).toEqual(["date", "date", ""]);
    expect(typesOf(12)).toEqual(["float", "float", "float"]);
    expect(typesOf(14).slice(0, 2)).toEqual(["percentage", "percentage"]);
    for (const rows of tables.values())
      for (const row of rows) expect(row.some((c) => c.formula)).toBe(false);
  }, 60_000);

  it("a CSV saved as a workbook by LibreOffice audits as the CSV does", async () => {
    const work = join(dir, "lo-csv");
    // LibreOffice evaluates =… in an imported CSV: plain names here (the formula texts are above).
    writeFileSync(
      join(dir, "lo-accounts.csv"),
      readFileSync(join(dir, "accounts.csv"), "utf8")
        .replace('=HYPERLINK("http://x")', "清河政务")
        .replace("+", ""),
    );
    execFileSync(
      "soffice",
      [
        "--headless",
        "--infilter=CSV:44,34,76,1,1/2",
        "--convert-to",
        "xlsx",
        "--outdir",
        work,
        join(dir, "lo-accounts.csv"),
      ],
      { stdio: "ignore" },
    );
    copyFileSync(join(dir, "posts.csv"), join(work, "posts.csv"));
    const fromCsv = await runInProcess(["check", "lo-accounts.csv", ...CHECK.slice(2), "--format", "json"], {
      cwd: dir,
    });
    const fromXlsx = await runInProcess(
      ["check", "lo-accounts.xlsx", ...CHECK.slice(2), "--format", "json"],
      {
        cwd: work,
      },
    );
    const accounts = (out: string) => (JSON.parse(out) as { accounts: unknown[] }).accounts;
    expect(accounts(fromXlsx.out)).toEqual(accounts(fromCsv.out));
  }, 60_000);
});

/** A check's JSON with the cited files (and their formats) blanked: what differs between CSV and sheets. */
function withoutFiles(json: string): unknown {
  const doc = JSON.parse(
    json
      .replace(/"(file|at|format|encoding)": "[^"]*"/g, '"$1": ""')
      .replace(/[^"\s：]+\.(csv|xlsx)(#[^:"\s：]+)?(:\d+)?/g, "<at>"),
  ) as { version?: string };
  doc.version = "<version>";
  return doc;
}

describe("the workbook golden cases", () => {
  it("demo-workbook and messy-export-workbook give the results of their CSVs", () => {
    for (const [csvCase, args] of [
      ["demo", ["check", "accounts.csv", "--period", "2026Q3", "--format", "json"]],
      [
        "cases/messy-export",
        JSON.parse(readFileSync(join(root, "fixtures/cases/messy-export/case.json"), "utf8")).args,
      ],
    ] as const) {
      const run = spawnSync(process.execPath, [join(root, "bin", "gmaudit.js"), ...args], {
        cwd: join(root, "fixtures", csvCase),
        encoding: "utf8",
        env: { PATH: process.env.PATH, TZ: "UTC" },
      });
      const workbookCase = csvCase === "demo" ? "demo-workbook" : "messy-export-workbook";
      const expected = readFileSync(join(root, "fixtures", "cases", workbookCase, "expected.json"), "utf8");
      expect(withoutFiles(expected), workbookCase).toEqual(withoutFiles(run.stdout));
    }
  });
});

#!/usr/bin/env node
// Makes the workbook fixtures from CSV fixtures with LibreOffice (soffice, headless), so that the tests
// read workbooks as a real office suite writes them (PRODUCT §1.9). Run from the repository root:
//   node scripts/make-workbook-fixtures.mjs
// Needs `soffice` (apt-get install -y libreoffice-calc-nogui). Each CSV is imported by LibreOffice
// (`soffice --headless --infilter=CSV:44,34,76,1[,types] --convert-to xlsx`: comma, double quote,
// UTF-8, from line 1, with LibreOffice's own type detection, or the given column types: 2 = text,
// 5 = a Y-M-D date). A workbook of several sheets is put together from those one-sheet workbooks with
// exceljs (values and number formats copied) and written once more by LibreOffice
// (`soffice --convert-to xlsx` of that workbook), so that every committed .xlsx is LibreOffice's.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const work = mkdtempSync(path.join(tmpdir(), "gmaudit-wb-"));

/** A CSV → a one-sheet .xlsx written by LibreOffice; `types`: LibreOffice's column-format list. */
function soffice(csv, types) {
  const out = path.join(work, `lo-${readdirSync(work).length}`);
  mkdirSync(out);
  const filter = `CSV:44,34,76,1${types === undefined ? "" : `,${types}`}`;
  execFileSync(
    "soffice",
    ["--headless", `--infilter=${filter}`, "--convert-to", "xlsx", "--outdir", out, csv],
    {
      stdio: "ignore",
    },
  );
  return path.join(out, `${path.basename(csv, path.extname(csv))}.xlsx`);
}

/** A workbook re-written by LibreOffice. */
function resave(xlsx, dest) {
  const out = path.join(work, `resave-${readdirSync(work).length}`);
  mkdirSync(out);
  execFileSync("soffice", ["--headless", "--convert-to", "xlsx", "--outdir", out, xlsx], { stdio: "ignore" });
  copyFileSync(path.join(out, path.basename(xlsx)), dest);
}

/** Sheets (name → one-sheet workbook) into one workbook; `date1904` switches its date system. */
async function merge(sheets, dest, { date1904 = false } = {}) {
  const book = new ExcelJS.Workbook();
  book.properties.date1904 = date1904;
  for (const [name, file] of sheets) {
    const one = new ExcelJS.Workbook();
    await one.xlsx.readFile(file);
    const from = one.worksheets[0];
    const to = book.addWorksheet(name);
    from.eachRow({ includeEmpty: false }, (row, r) => {
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        const target = to.getCell(r, c);
        target.value = cell.value;
        if (cell.numFmt) target.numFmt = cell.numFmt;
      });
    });
  }
  const merged = path.join(work, path.basename(dest));
  await book.xlsx.writeFile(merged);
  resave(merged, dest);
}

const demo = path.join(root, "fixtures", "demo");
const cases = path.join(root, "fixtures", "cases");

// 1. The demo's five tables as one workbook, sheets named as the office names them.
const demoDir = path.join(cases, "demo-workbook");
mkdirSync(demoDir, { recursive: true });
await merge(
  [
    ["备案台账", soffice(path.join(demo, "accounts.csv"))],
    ["发布记录", soffice(path.join(demo, "posts.csv"))],
    ["留言记录", soffice(path.join(demo, "messages.csv"))],
    ["备案记录", soffice(path.join(demo, "filings.csv"))],
    ["检查记录", soffice(path.join(demo, "findings.csv"))],
  ],
  path.join(demoDir, "台账.xlsx"),
);

// 2. The clerk-style export (title rows, totals rows, placeholders) as one workbook: the sheets are
// found by their headers (generic sheet names), as LibreOffice detects the types.
const messy = path.join(cases, "messy-export");
const messyDir = path.join(cases, "messy-export-workbook");
mkdirSync(messyDir, { recursive: true });
await merge(
  [
    ["Sheet1", soffice(path.join(messy, "accounts.csv"))],
    ["Sheet2", soffice(path.join(messy, "posts.csv"))],
    ["Sheet3", soffice(path.join(messy, "messages.csv"))],
    ["Sheet4", soffice(path.join(messy, "filings.csv"))],
  ],
  path.join(messyDir, "台账.xlsx"),
);

// 3. Reader fixtures: text ids 001 (the id column imported as text), and dates in the 1904 system.
const readerDir = path.join(root, "test", "fixtures", "workbooks");
mkdirSync(readerDir, { recursive: true });
const src = path.join(readerDir, "src");
copyFileSync(soffice(path.join(src, "text-ids.csv"), "1/2/2/2"), path.join(readerDir, "text-ids.xlsx"));
await merge(
  [["发布记录", soffice(path.join(src, "dates-1904.csv"), "1/2/2/2/3/5")]],
  path.join(readerDir, "dates-1904.xlsx"),
  {
    date1904: true,
  },
);

rmSync(work, { recursive: true, force: true });

import { existsSync, statSync } from "node:fs";
import { extname, resolve } from "node:path";
import type { CsvRow } from "./csv.js";
import { TABLE_KINDS, type TableKind } from "./tables.js";
import {
  encryptedOrLegacy,
  type SheetInfo,
  splitSheetRef,
  Workbook,
  WorkbookError,
  workbookKind,
} from "./workbook.js";

/**
 * Which sheet of a workbook holds which table (PRODUCT §1.9): the sheet named in `file.xlsx#名称`, else
 * the one named after the table (备案台账, 发布记录 … or the English names), else the one whose header
 * names the table's columns, else the only sheet.
 */

/** Sheet names of each table, compared without case and spaces. */
export const SHEET_NAMES: Readonly<Record<TableKind, readonly string[]>> = {
  accounts: ["备案台账", "台账", "账号台账", "accounts", "registry"],
  posts: ["发布记录", "posts"],
  messages: ["留言记录", "互动记录", "messages"],
  filings: ["备案记录", "filings"],
  findings: ["检查记录", "人工检查记录", "findings"],
};

const nameKey = (name: string) => name.normalize("NFKC").replace(/\s+/g, "").toLowerCase();

function kindOfSheetName(name: string): TableKind | undefined {
  const key = nameKey(name);
  return TABLE_KINDS.find((kind) => SHEET_NAMES[kind].some((n) => nameKey(n) === key));
}

/** The table a sheet's first rows are a header of (undefined when none): read.ts's header search. */
export type HeaderKind = (rows: AsyncIterator<CsvRow>, label: string) => Promise<TableKind | undefined>;

/** `x.xlsx`, `x.xlsx#发布记录`, or a `.xls`/`.et` that is an xlsx inside: a workbook to read, else undefined. */
export async function workbookRef(
  file: string,
  cwd: string | undefined,
): Promise<{ file: string; path: string; sheet?: string } | undefined> {
  const at = (f: string) => (cwd === undefined ? f : resolve(cwd, f));
  const ref = splitSheetRef(file, (f) => existsSync(at(f)));
  const ext = extname(ref.file).toLowerCase();
  if (![".xlsx", ".xlsm", ".xls", ".et"].includes(ext)) return undefined;
  const path = at(ref.file);
  if (!existsSync(path) || !statSync(path).isFile()) return undefined; // the text reader says so
  const kind = await workbookKind(path);
  if (kind === "ole2" && (ext === ".xlsx" || ext === ".xlsm")) throw encryptedOrLegacy(ref.file);
  // An .xls/.et in the old binary format: the text reader's "save it as CSV" message.
  if (kind !== "zip" && ref.sheet === undefined) return undefined;
  return { ...ref, path };
}

/** The sheet of `wb` that holds `kind`. */
async function chooseSheet(
  wb: Workbook,
  kind: TableKind,
  named: string | undefined,
  headerKind: HeaderKind,
): Promise<SheetInfo | undefined> {
  if (named !== undefined) {
    const sheet = wb.sheets.find((s) => nameKey(s.name) === nameKey(named));
    if (sheet !== undefined) return sheet;
    throw new WorkbookError({
      zh: `${wb.file}：没有名为“${named}”的工作表（现有：${wb.sheets.map((s) => s.name).join("、")}）`,
      en: `${wb.file}: no sheet named "${named}" (sheets: ${wb.sheets.map((s) => s.name).join(", ")})`,
    });
  }
  const byName = wb.sheets.find((s) => kindOfSheetName(s.name) === kind);
  if (byName !== undefined) return byName;
  for (const sheet of wb.sheets) {
    if (kindOfSheetName(sheet.name) !== undefined) continue;
    if ((await sheetKind(wb, sheet, headerKind)) === kind) return sheet;
  }
  return undefined;
}

async function sheetKind(
  wb: Workbook,
  sheet: SheetInfo,
  headerKind: HeaderKind,
): Promise<TableKind | undefined> {
  const batches = wb.rows(sheet, 16);
  const rows = flatRows(batches);
  try {
    return await headerKind(rows, `${wb.file}#${sheet.name}`);
  } finally {
    await rows.return(undefined);
  }
}

async function* flatRows(batches: AsyncGenerator<CsvRow[]>): AsyncGenerator<CsvRow> {
  try {
    for await (const batch of batches) yield* batch;
  } finally {
    await batches.return(undefined);
  }
}

export interface OpenedSheet {
  source: { file: string; encoding: string; bom: boolean; size: number };
  rows: AsyncGenerator<CsvRow[]>;
}

/** The rows of the sheet holding `kind` in the workbook `file` (undefined when `file` is no workbook). */
export async function openSheet(
  file: string,
  kind: TableKind,
  cwd: string | undefined,
  headerKind: HeaderKind,
): Promise<OpenedSheet | undefined> {
  const ref = await workbookRef(file, cwd);
  if (ref === undefined) return undefined;
  const wb = await Workbook.open(ref.file, ref.path);
  try {
    const chosen =
      (await chooseSheet(wb, kind, ref.sheet, headerKind)) ??
      (wb.sheets.length === 1 ? wb.sheets[0] : undefined);
    if (chosen === undefined) {
      throw new WorkbookError({
        zh: `${ref.file}：找不到${SHEET_NAMES[kind][0]}所在的工作表（现有：${wb.sheets.map((s) => s.name).join("、")}）：请用“${ref.file}#工作表名”指定`,
        en: `${ref.file}: no sheet holds the ${kind} table (sheets: ${wb.sheets.map((s) => s.name).join(", ")}): name it as "${ref.file}#sheet"`,
      });
    }
    const label = `${ref.file}#${chosen.name}`;
    const rows = wb.rows(chosen);
    async function* owned(): AsyncGenerator<CsvRow[]> {
      try {
        yield* rows;
      } finally {
        await rows.return(undefined);
        wb.close();
      }
    }
    return {
      // The size is the sheet's unpacked XML: a packed sheet is several times smaller than its data.
      source: { file: label, encoding: "xlsx", bom: false, size: wb.sheetBytes(chosen) },
      rows: owned(),
    };
  } catch (err) {
    wb.close();
    throw err;
  }
}

/**
 * The tables a workbook holds besides the one it was given for: kind → `file.xlsx#sheet`, by sheet
 * name, else by header. `check 台账.xlsx` reads them as it would read companion files.
 */
export async function workbookTables(
  file: string,
  cwd: string | undefined,
  headerKind: HeaderKind,
): Promise<Partial<Record<TableKind, string>>> {
  const ref = await workbookRef(file, cwd);
  if (ref === undefined || ref.sheet !== undefined) return {};
  const wb = await Workbook.open(ref.file, ref.path);
  const found: Partial<Record<TableKind, string>> = {};
  try {
    for (const sheet of wb.sheets) {
      const kind =
        kindOfSheetName(sheet.name) ?? (await sheetKind(wb, sheet, headerKind).catch(() => undefined));
      if (kind !== undefined) found[kind] ??= `${ref.file}#${sheet.name}`;
    }
  } finally {
    wb.close();
  }
  return found;
}

// The bench's workbook case (`npm run bench -- --workbook`): the data set's posts as one sheet of an
// .xlsx, as Excel or WPS saves an export — every text in the shared-string table, 发布时间 as date
// cells — up to Excel's 1,048,576 rows (header included). Made once per data set, beside its CSVs,
// with exceljs's streaming writer (the same library gmaudit writes its results workbook with).
import { createReadStream, existsSync, renameSync } from "node:fs";
import path from "node:path";
import { parse } from "csv-parse";
import ExcelJS from "exceljs";

/** Excel's last row: a header and this many records. */
export const SHEET_RECORDS = 1_048_575;

const DATE_TIME_RE = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/** `posts.xlsx` in the data folder (made from posts.csv when missing); returns its path. */
export async function ensurePostsWorkbook(dir, log = () => {}) {
  const file = path.join(dir, "posts.xlsx");
  if (existsSync(file)) return file;
  log(
    `bench: writing ${path.relative(process.cwd(), file)} (posts.csv as one sheet of up to ${SHEET_RECORDS} rows) …`,
  );
  const tmp = `${file}.tmp`;
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: tmp,
    useSharedStrings: true,
    useStyles: true,
  });
  const sheet = book.addWorksheet("发布记录");
  const rows = createReadStream(path.join(dir, "posts.csv")).pipe(
    parse({ relax_column_count: true, bom: true }),
  );
  let count = -1;
  let when = -1;
  for await (const record of rows) {
    if (count === -1) when = record.indexOf("发布时间");
    if (count >= SHEET_RECORDS) break;
    const match = count >= 0 ? DATE_TIME_RE.exec(record[when]) : null;
    const values = record.map((cell) => (cell === "" ? null : cell));
    if (match) {
      const [, y, mo, d, h, mi, s] = match.map(Number);
      values[when] = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
    }
    const row = sheet.addRow(values);
    if (match) row.getCell(when + 1).numFmt = "yyyy-mm-dd hh:mm:ss";
    row.commit();
    count++;
  }
  rows.destroy();
  sheet.commit();
  await book.commit();
  renameSync(tmp, file);
  return file;
}

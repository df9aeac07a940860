/**
 * How a workbook's sheet is named on the command line (`台账.xlsx#发布记录`), apart from the workbook
 * reader so that the CSV path and the CLI do not load it (input/workbook.ts is loaded on demand).
 */

export const WORKBOOK_EXTENSION_RE = /\.(xlsx|xlsm|xls|et)$/i;

/** `台账.xlsx#发布记录` → the file and the sheet; a path that exists as given is a file name. */
export function splitSheetRef(
  ref: string,
  exists: (path: string) => boolean,
): { file: string; sheet?: string } {
  const at = ref.lastIndexOf("#");
  if (at <= 0 || exists(ref)) return { file: ref };
  const file = ref.slice(0, at);
  if (!WORKBOOK_EXTENSION_RE.test(file)) return { file: ref };
  return { file, sheet: ref.slice(at + 1) };
}

/** 0 → `A`, 27 → `AB`: a sheet column's letters (cells are cited as `台账.xlsx#发布记录!C12`). */
export function columnLetters(index: number): string {
  let n = index + 1;
  let letters = "";
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

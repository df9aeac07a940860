import { strToU8, type Zippable, zipSync } from "fflate";

/**
 * Tiny .xlsx files made in tests from SpreadsheetML written out by hand, so that each test says exactly
 * which cells, types, styles and date system the reader meets (fflate zips them).
 */

export type MakerCell =
  | string
  | number
  | boolean
  | null
  | { shared: string }
  | { date: number; style?: number }
  | { raw: string };

export interface MakerSheet {
  name: string;
  rows?: MakerCell[][];
  /** The sheet's XML as it is (instead of rows). */
  xml?: string;
}

export interface MakerOptions {
  date1904?: boolean;
  /** Extra parts (path → content), or parts replacing the made ones. */
  parts?: Record<string, string | Uint8Array>;
}

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const REL_NS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function letters(index: number): string {
  let n = index + 1;
  let out = "";
  while (n > 0) {
    out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** Style 1: a date-time format (yyyy-mm-dd hh:mm); style 2: built-in 14 (a date); style 3: 0.00. */
const STYLES = `<?xml version="1.0" encoding="UTF-8"?><styleSheet ${NS}><numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd\\ hh:mm"/><numFmt numFmtId="165" formatCode="0.00"/></numFmts><cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs><cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="14"/><xf numFmtId="165"/></cellXfs></styleSheet>`;

export function sheetXml(rows: MakerCell[][], shared: string[]): string {
  const body = rows
    .map((row, r) => {
      const cells = row
        .map((cell, c) => {
          const ref = `${letters(c)}${r + 1}`;
          if (cell === null) return "";
          if (typeof cell === "number") return `<c r="${ref}"><v>${cell}</v></c>`;
          if (typeof cell === "boolean") return `<c r="${ref}" t="b"><v>${cell ? 1 : 0}</v></c>`;
          if (typeof cell === "string")
            return `<c r="${ref}" t="inlineStr"><is><t>${escapeXml(cell)}</t></is></c>`;
          if ("shared" in cell) {
            shared.push(cell.shared);
            return `<c r="${ref}" t="s"><v>${shared.length - 1}</v></c>`;
          }
          if ("date" in cell) return `<c r="${ref}" s="${cell.style ?? 1}"><v>${cell.date}</v></c>`;
          return cell.raw.replace("{ref}", ref);
        })
        .join("");
      return `<row r="${r + 1}">${cells}</row>`;
    })
    .join("");
  return `<?xml version="1.0" encoding="UTF-8"?><worksheet ${NS}><sheetData>${body}</sheetData></worksheet>`;
}

export function makeXlsx(sheets: MakerSheet[], options: MakerOptions = {}): Buffer {
  const shared: string[] = [];
  const files: Zippable = {};
  sheets.forEach((sheet, i) => {
    files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(sheet.xml ?? sheetXml(sheet.rows ?? [], shared));
  });
  files["[Content_Types].xml"] = strToU8(
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
  );
  files["xl/workbook.xml"] = strToU8(
    `<?xml version="1.0" encoding="UTF-8"?><workbook ${NS} ${REL_NS}>${options.date1904 ? '<workbookPr date1904="1"/>' : "<workbookPr/>"}<sheets>${sheets
      .map((s, i) => `<sheet name="${escapeXml(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
      .join("")}</sheets></workbook>`,
  );
  files["xl/_rels/workbook.xml.rels"] = strToU8(
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets
      .map(
        (_, i) =>
          `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
      )
      .join("")}</Relationships>`,
  );
  files["xl/styles.xml"] = strToU8(STYLES);
  files["xl/sharedStrings.xml"] = strToU8(
    `<?xml version="1.0" encoding="UTF-8"?><sst ${NS}>${shared.map((s) => `<si><t>${escapeXml(s)}</t></si>`).join("")}</sst>`,
  );
  for (const [path, content] of Object.entries(options.parts ?? {})) {
    files[path] = typeof content === "string" ? strToU8(content) : content;
  }
  return Buffer.from(zipSync(files));
}

import {
  AlignmentType,
  BorderStyle,
  convertMillimetersToTwip,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import type { Block } from "./blocks.js";

/**
 * The bulletin as a Word document in the style of GB/T 9704-2012 (REPORT.md "Look"): A4, margins
 * 37/35/28/26 mm, 22 lines a page, title 2号 (22 pt) in a 小标宋-style face, body 3号 (16 pt) 仿宋,
 * 一、 headings 黑体, （一） headings 楷体, page numbers "— 1 —" in 4号 at the outside bottom edge.
 *
 * A Word run names one East Asian font, with no fallback list: we name the faces every Chinese Windows
 * and WPS install has (仿宋, 黑体, 楷体) and 方正小标宋简体 for the title, which offices install for
 * official documents (Word and WPS substitute a 宋体 face where it is missing; LibreOffice uses
 * fontconfig, e.g. Noto Serif CJK). The library writes the XML and the zip; text is passed as text
 * and escaped by it.
 */

export const DOCX_FONTS = {
  title: "方正小标宋简体",
  body: "仿宋",
  heading1: "黑体",
  heading2: "楷体",
  latin: "Times New Roman",
} as const;

/** Half-points: 2号 22 pt, 3号 16 pt, 4号 14 pt, 五号 10.5 pt. */
const SIZE = { title: 44, body: 32, pageNumber: 28, table: 21 };
/** 22 lines over the 225 mm text height: an exact line pitch of about 28.95 pt (579 twips). */
const LINE = Math.round((convertMillimetersToTwip(297 - 37 - 35) / 22) * 1);
const INDENT_2_CHARS = 640;

const font = (eastAsia: string) => ({
  ascii: DOCX_FONTS.latin,
  hAnsi: DOCX_FONTS.latin,
  eastAsia,
  cs: eastAsia,
});

function run(text: string, face: string, size = SIZE.body, bold = false): TextRun {
  return new TextRun({ text, font: font(face), size, bold });
}

function paragraph(
  block: Exclude<Block, { t: "table" | "charts" | "pagebreak" }>,
  pageBreakBefore: boolean,
): Paragraph {
  const exact = { line: LINE, lineRule: LineRuleType.EXACT };
  switch (block.t) {
    case "title":
      return new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { line: Math.round(LINE * 1.3), lineRule: LineRuleType.EXACT, after: LINE },
        children: [run(block.text, DOCX_FONTS.title, SIZE.title)],
      });
    case "h1":
      return new Paragraph({
        pageBreakBefore,
        spacing: exact,
        indent: { firstLine: INDENT_2_CHARS },
        children: [run(block.text, DOCX_FONTS.heading1)],
      });
    case "h2":
      return new Paragraph({
        spacing: exact,
        indent: { firstLine: INDENT_2_CHARS },
        children: [run(block.text, DOCX_FONTS.heading2)],
      });
    case "sign":
      return new Paragraph({
        alignment: AlignmentType.RIGHT,
        spacing: exact,
        indent: { right: INDENT_2_CHARS * 2 },
        children: [run(block.text, DOCX_FONTS.body)],
      });
    case "salutation":
      return new Paragraph({ spacing: exact, children: [run(block.text, DOCX_FONTS.body)] });
    case "note":
      return new Paragraph({
        spacing: exact,
        children: [run(block.text, DOCX_FONTS.body, SIZE.table * 1.33)],
      });
    default:
      return new Paragraph({
        alignment: AlignmentType.JUSTIFIED,
        spacing: exact,
        indent: { firstLine: INDENT_2_CHARS },
        children: [run(block.text, DOCX_FONTS.body)],
      });
  }
}

function table(block: Extract<Block, { t: "table" }>): (Paragraph | Table)[] {
  const border = { style: BorderStyle.SINGLE, size: 4, color: "000000" };
  const cell = (text: string, header: boolean) =>
    new TableCell({
      borders: { top: border, bottom: border, left: border, right: border },
      children: [
        new Paragraph({
          alignment: header ? AlignmentType.CENTER : AlignmentType.LEFT,
          children: [run(text, header ? DOCX_FONTS.heading1 : DOCX_FONTS.body, SIZE.table)],
        }),
      ],
    });
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 200, after: 120 },
      children: [run(block.caption, DOCX_FONTS.heading1, SIZE.pageNumber)],
    }),
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [
        new TableRow({ tableHeader: true, children: block.head.map((h) => cell(h, true)) }),
        ...block.rows.map(
          (row) => new TableRow({ cantSplit: true, children: row.map((c) => cell(c, false)) }),
        ),
      ],
    }),
  ];
}

/** "— 1 —" at the outside edge: right on odd pages, left on even ones (GB/T 9704 §7.5). */
function pageNumberFooter(alignment: (typeof AlignmentType)[keyof typeof AlignmentType]): Footer {
  const dash = (text: string) => new TextRun({ text, font: font("宋体"), size: SIZE.pageNumber });
  return new Footer({
    children: [
      new Paragraph({
        alignment,
        indent: alignment === AlignmentType.RIGHT ? { right: 280 } : { left: 280 },
        children: [
          dash("— "),
          new TextRun({ children: [PageNumber.CURRENT], font: font("宋体"), size: SIZE.pageNumber }),
          dash(" —"),
        ],
      }),
    ],
  });
}

/**
 * The Word document of the blocks. `issued` (YYYY-MM-DD) dates the package, so that the same
 * bulletin is the same bytes whenever and wherever it is written.
 */
export async function renderDocx(blocks: readonly Block[], title: string, issued: string): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [];
  let breakNext = false;
  for (const block of blocks) {
    if (block.t === "pagebreak") {
      breakNext = true;
      continue;
    }
    if (block.t === "charts") continue;
    if (block.t === "table") children.push(...table(block));
    else children.push(paragraph(block, breakNext));
    breakNext = false;
  }
  const doc = new Document({
    title,
    creator: "gmaudit",
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: { run: { font: font(DOCX_FONTS.body), size: SIZE.body } },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: convertMillimetersToTwip(210), height: convertMillimetersToTwip(297) },
            margin: {
              top: convertMillimetersToTwip(37),
              bottom: convertMillimetersToTwip(35),
              left: convertMillimetersToTwip(28),
              right: convertMillimetersToTwip(26),
              footer: convertMillimetersToTwip(28),
            },
          },
        },
        footers: {
          default: pageNumberFooter(AlignmentType.RIGHT),
          even: pageNumberFooter(AlignmentType.LEFT),
        },
        children,
      },
    ],
  });
  return packDated(doc, new Date(`${issued}T00:00:00Z`));
}

/** The few members of docx's bundled JSZip used here. */
interface Zip {
  file(path: string): { async(type: "string"): Promise<string> } | null;
  file(path: string, data: string): Zip;
  forEach(visit: (path: string, entry: { date: Date }) => void): void;
  generateAsync(options: { type: "nodebuffer"; mimeType: string; compression: "DEFLATE" }): Promise<Buffer>;
}

/**
 * Packer.toBuffer, dated. docx stamps docProps/core.xml's created and modified, and its zip every
 * entry, with the clock's now, and has no option for either; its packer's own compiler (what
 * Packer.toBuffer runs) hands over the zip before it is written, where both are set to `date`.
 */
async function packDated(doc: Document, date: Date): Promise<Buffer> {
  const { compiler } = Packer as unknown as { compiler: { compile(file: Document): Zip } };
  const zip = compiler.compile(doc);
  const core = await zip.file("docProps/core.xml")?.async("string");
  if (core !== undefined) {
    const stamp = date.toISOString();
    zip.file(
      "docProps/core.xml",
      core.replace(/(<dcterms:(?:created|modified)\b[^>]*>)[^<]*/g, `$1${stamp}`),
    );
  }
  zip.forEach((_, entry) => {
    entry.date = date;
  });
  return zip.generateAsync({
    type: "nodebuffer",
    mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    compression: "DEFLATE",
  });
}

import type { JsonDocument } from "../output/json.js";
import { type Block, bulletinBlocks, noticeBlocks } from "./blocks.js";
import { renderHtml } from "./html.js";
import { renderMarkdown } from "./markdown.js";
import { type Bulletin, type BulletinOptions, buildBulletin } from "./model.js";

export const REPORT_FORMATS = ["docx", "html", "md"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
export const NOTICE_FORMATS = ["docx", "md"] as const;
export type NoticeFormat = (typeof NOTICE_FORMATS)[number];

export { type Bulletin, type BulletinOptions, buildBulletin };

// ECharts (~0.45 s to load) and docx are loaded by the formats that draw with them, not by every
// start of the program that registers the report command (docs/performance.md "Start-up").
async function renderDocx(blocks: readonly Block[], title: string, issued: string): Promise<Buffer> {
  return (await import("./docx.js")).renderDocx(blocks, title, issued);
}

/** The bulletin of a check result in one format (Word as bytes, the others as text). */
export async function renderBulletin(
  doc: JsonDocument,
  format: ReportFormat,
  options: BulletinOptions,
): Promise<string | Buffer> {
  const bulletin = buildBulletin(doc, options);
  const blocks = bulletinBlocks(bulletin);
  switch (format) {
    case "md":
      return renderMarkdown(blocks);
    case "html":
      return renderHtml(blocks, (await import("./charts.js")).bulletinCharts(bulletin), options.lang);
    case "docx":
      return renderDocx(blocks, bulletin.title, bulletin.issued);
  }
}

/** The host units in registry order (first account of each). */
export function hostUnits(doc: JsonDocument): string[] {
  return [...new Set(doc.accounts.map((a) => a.hostUnit))];
}

/** One unit's 整改通知 (the bulletin gives the period, the deadline and the issuer). */
export async function renderNotice(
  doc: JsonDocument,
  bulletin: Bulletin,
  hostUnit: string,
  format: NoticeFormat,
): Promise<string | Buffer> {
  const blocks = noticeBlocks(doc, hostUnit, bulletin);
  return format === "md"
    ? renderMarkdown(blocks)
    : renderDocx(blocks, blocks[0] && "text" in blocks[0] ? blocks[0].text : "", bulletin.issued);
}

import type { JsonDocument } from "../output/json.js";
import { bulletinBlocks, noticeBlocks } from "./blocks.js";
import { bulletinCharts } from "./charts.js";
import { renderDocx } from "./docx.js";
import { renderHtml } from "./html.js";
import { renderMarkdown } from "./markdown.js";
import { type Bulletin, type BulletinOptions, buildBulletin } from "./model.js";

export const REPORT_FORMATS = ["docx", "html", "md"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
export const NOTICE_FORMATS = ["docx", "md"] as const;
export type NoticeFormat = (typeof NOTICE_FORMATS)[number];

export { type Bulletin, type BulletinOptions, buildBulletin };

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
      return renderHtml(blocks, bulletinCharts(bulletin), options.lang);
    case "docx":
      return renderDocx(blocks, bulletin.title);
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
    : renderDocx(blocks, blocks[0] && "text" in blocks[0] ? blocks[0].text : "");
}

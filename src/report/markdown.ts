import type { Block } from "./blocks.js";

/**
 * Markdown is read as markup by every viewer: a name such as `*x*`, `[a](b)` or `<script>` must stay
 * text. Backslash escapes cover Markdown's punctuation (CommonMark §2.4); `<` and `&` become entities so
 * that no HTML passes through; line breaks inside a value become spaces (a table row is one line).
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\r\n]+/g, " ")
    .replace(/[\\`*_[\]|#~>]/g, (c) => `\\${c}`)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/^([-+=])/, "\\$1")
    .replace(/^(\d+)([.)])/, "$1\\$2");
}

export function renderMarkdown(blocks: readonly Block[]): string {
  const out: string[] = [];
  for (const b of blocks) {
    switch (b.t) {
      case "title":
        out.push(`# ${escapeMarkdown(b.text)}`, "");
        break;
      case "h1":
        out.push(`## ${escapeMarkdown(b.text)}`, "");
        break;
      case "h2":
        out.push(`### ${escapeMarkdown(b.text)}`, "");
        break;
      case "sign":
        out.push(`<div align="right">${escapeMarkdown(b.text)}</div>`, "");
        break;
      case "item": {
        // Our own numbering ("1.") is a Markdown list marker; the rest is data.
        const m = /^(\d+)\.\s?/.exec(b.text);
        out.push(m ? `${m[1]}. ${escapeMarkdown(b.text.slice(m[0].length))}` : escapeMarkdown(b.text), "");
        break;
      }
      case "p":
      case "note":
      case "salutation":
        out.push(escapeMarkdown(b.text), "");
        break;
      case "table":
        out.push(`**${escapeMarkdown(b.caption)}**`, "");
        out.push(`| ${b.head.map(escapeMarkdown).join(" | ")} |`);
        out.push(`|${b.head.map(() => " --- ").join("|")}|`);
        for (const row of b.rows) out.push(`| ${row.map(escapeMarkdown).join(" | ")} |`);
        out.push("");
        break;
      case "charts":
      case "pagebreak":
        break;
    }
  }
  return `${out.join("\n").trimEnd()}\n`;
}

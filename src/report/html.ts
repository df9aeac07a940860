import type { Block } from "./blocks.js";
import type { Chart } from "./charts.js";

/** Every input string goes through here: in HTML, data is text and never markup. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** The official-document look on screen and in print (REPORT.md "Look"), fonts with fallbacks. */
const STYLE = `
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
body { margin: 0 auto; max-width: 156mm; padding: 2em 1em; color: #000; background: #fff;
  font-family: "仿宋_GB2312", "仿宋", FangSong, STFangsong, "Noto Serif CJK SC", serif; font-size: 16pt; line-height: 1.75; }
h1.title { font-family: "方正小标宋简体", "华文中宋", STZhongsong, "宋体", SimSun, "Noto Serif CJK SC", serif;
  font-size: 22pt; font-weight: normal; text-align: center; line-height: 1.5; margin: 0 0 1em; }
h2 { font-family: "黑体", SimHei, "Noto Sans CJK SC", sans-serif; font-size: 16pt; font-weight: normal; margin: 0.6em 0 0; text-indent: 2em; }
h3 { font-family: "楷体_GB2312", "楷体", KaiTi, STKaiti, "Noto Serif CJK SC", serif; font-size: 16pt; font-weight: normal; margin: 0.4em 0 0; text-indent: 2em; }
p { margin: 0; text-indent: 2em; text-align: justify; }
p.salutation { text-indent: 0; }
p.sign { text-align: right; text-indent: 0; margin-right: 2em; }
p.note { font-size: 12pt; text-indent: 0; }
figure { margin: 1em 0; break-inside: avoid; text-indent: 0; }
figure svg { max-width: 100%; height: auto; }
figcaption { font-size: 12pt; line-height: 1.5; }
table { border-collapse: collapse; width: 100%; font-size: 11pt; line-height: 1.4; margin: 0.5em 0 1em; }
caption { font-family: "黑体", SimHei, "Noto Sans CJK SC", sans-serif; font-size: 14pt; padding-bottom: 0.3em; }
th, td { border: 1px solid #000; padding: 2px 4px; vertical-align: top; }
th { font-family: "黑体", SimHei, "Noto Sans CJK SC", sans-serif; font-weight: normal; }
.pagebreak { break-before: page; }
`;

export function renderHtml(blocks: readonly Block[], charts: readonly Chart[], lang: "zh" | "en"): string {
  const title = blocks.find((b) => b.t === "title");
  const body: string[] = [];
  for (const b of blocks) {
    switch (b.t) {
      case "title":
        body.push(`<h1 class="title">${escapeHtml(b.text)}</h1>`);
        break;
      case "h1":
        body.push(`<h2>${escapeHtml(b.text)}</h2>`);
        break;
      case "h2":
        body.push(`<h3>${escapeHtml(b.text)}</h3>`);
        break;
      case "p":
      case "item":
      case "note":
      case "salutation":
      case "sign":
        body.push(`<p class="${b.t}">${escapeHtml(b.text)}</p>`);
        break;
      case "table":
        body.push(
          `<table><caption>${escapeHtml(b.caption)}</caption><thead><tr>${b.head.map((h) => `<th>${escapeHtml(h)}</th>`).join("")}</tr></thead><tbody>`,
          ...b.rows.map((row) => `<tr>${row.map((c) => `<td>${escapeHtml(c)}</td>`).join("")}</tr>`),
          "</tbody></table>",
        );
        break;
      case "charts":
        // ECharts escapes every text it writes into its SVG (labels are data too).
        for (const c of charts) {
          body.push(
            `<figure id="${escapeHtml(c.id)}">${c.svg}<figcaption>${escapeHtml(c.caption)}</figcaption></figure>`,
          );
        }
        break;
      case "pagebreak":
        body.push('<div class="pagebreak"></div>');
        break;
    }
  }
  return `<!DOCTYPE html>
<html lang="${lang === "zh" ? "zh-CN" : "en"}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title && "text" in title ? title.text : "")}</title>
<style>${STYLE}</style>
</head>
<body>
${body.join("\n")}
</body>
</html>
`;
}

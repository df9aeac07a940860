import { GmauditError } from "../errors.js";
import { message } from "../i18n.js";
import { type Aliases, columnAliasEntry } from "./aliases.js";
import type { CsvRow } from "./csv.js";
import { type ResolvedHeader, resolveHeader } from "./header.js";
import { TABLE_KINDS, TABLES, type TableKind } from "./tables.js";

/** Rows above the header that may be skipped as titles (PRODUCT §1). */
export const HEADER_SEARCH_ROWS = 10;

/**
 * The errors of a table whose header cannot be read as the table's: no header row found, or required
 * columns missing. Each says what was found and how to map a header gmaudit does not know.
 */

const CJK = /[\u4e00-\u9fff]/;

/** A column as a Chinese reader names it: its first Chinese alias (else its canonical name). */
function zhColumnName(kind: TableKind, name: string): string {
  const column = TABLES[kind].columns.find((c) => c.name === name);
  return column?.aliases.find((a) => CJK.test(a)) ?? name;
}

function describeColumn(kind: TableKind, name: string): { zh: string; en: string } {
  const column = TABLES[kind].columns.find((c) => c.name === name);
  if (column === undefined) return { zh: name, en: name };
  const zh = zhColumnName(kind, name);
  return {
    zh: `“${zh}”（也可写作 ${[name, ...column.aliases].filter((a) => a !== zh).join("、")}）`,
    en: `"${name}" (or ${column.aliases.join(", ")})`,
  };
}

/** The headers as found, each cut at 40 characters (a file read in the wrong encoding is one huge cell). */
function shownHeaders(headers: readonly string[]): string {
  return headers.map((h) => (h.length > 40 ? `${h.slice(0, 40)}…` : h)).join(", ");
}

const UNDECODABLE_HINT = {
  zh: "  （表头中有无法按该编码读取的字节：请检查 --encoding，或去掉它让 gmaudit 自动识别 UTF-8 / GB18030 / UTF-16）",
  en: "  (the header holds bytes the encoding could not read: check --encoding, or leave it out to detect UTF-8 / GB18030 / UTF-16)",
};

export function noHeader(
  file: string,
  kinds: readonly TableKind[],
  seen: readonly CsvRow[],
  aliases?: Aliases,
): GmauditError {
  if (seen.length === 0) {
    return new GmauditError(
      message("input.empty", `${file}：文件为空（没有表头行）`, `${file}: the file is empty (no header row)`),
    );
  }
  if (kinds.length > 1) {
    const first = seen[0]!;
    return new GmauditError(
      message(
        "input.which-table",
        `${file}：无法判断这是哪一张表：前 ${seen.length} 行都没有${kinds.map((k) => TABLES[k].title).join("、")}的必填列（请用 --kind 指定）`,
        `${file}: cannot tell which table this is: none of its first ${seen.length} rows names the required columns of ${kinds.join(", ")} (use --kind)`,
      ),
      [
        {
          zh: `  找到的表头（第 ${first.line} 行）：${shownHeaders(first.cells)}`,
          en: `  headers found (line ${first.line}): ${shownHeaders(first.cells)}`,
        },
        ...(first.cells.some((h) => h.includes("\uFFFD")) ? [UNDECODABLE_HINT] : []),
      ],
    );
  }
  const kind = kinds[0]!;
  // The row that comes closest to a header is the one to show.
  const closest = seen
    .map((row) => ({ row, resolved: resolveHeader(kind, row.cells, aliases) }))
    .reduce((best, c) => (c.resolved.missing.length < best.resolved.missing.length ? c : best));
  const error = missingColumns(`${file}:${closest.row.line}`, kind, closest.resolved, closest.row.cells);
  const other = otherKind(closest.row.cells, kind, aliases);
  if (other !== undefined) {
    return new GmauditError(error.text, [
      ...error.details,
      {
        zh: `  （这看起来是${TABLES[other].title}，不是${TABLES[kind].title}${other === "accounts" ? "" : `：请用 --${other} 给出`}）`,
        en: `  (this looks like a ${other} table, not ${kind}${other === "accounts" ? "" : `: give it with --${other}`})`,
      },
    ]);
  }
  const required = TABLES[kind].columns.filter((c) => c.required).length;
  if (seen.length < HEADER_SEARCH_ROWS || closest.resolved.missing.length < required) return error;
  // No row named any required column: the header may be further down — say how far it was looked for.
  return new GmauditError(error.text, [
    ...error.details,
    {
      zh: `  （表头行只在前 ${HEADER_SEARCH_ROWS} 行中查找：请删去表头上方的标题行）`,
      en: `  (the header row is looked for in the first ${HEADER_SEARCH_ROWS} rows: remove the title rows above it)`,
    },
  ]);
}

/** `where` is `file:line` of the header row (CSV) or the file (JSON). */
export function missingColumns(
  where: string,
  kind: TableKind,
  resolved: ResolvedHeader,
  headers: readonly string[],
): GmauditError {
  const names = resolved.missing.map((c) => c.name);
  const s = names.length === 1 ? "" : "s";
  const found = shownHeaders(headers.filter((h) => h !== ""));
  return new GmauditError(
    message(
      "input.missing-columns",
      `${where}：${TABLES[kind].title}缺少必填列：${names.map((n) => zhColumnName(kind, n)).join("、")}`,
      `${where}: missing required column${s} of ${kind}: ${names.join(", ")}`,
    ),
    [
      ...resolved.missing.map((c) => {
        const d = describeColumn(kind, c.name);
        return { zh: `  ${d.zh}`, en: `  ${d.en}` };
      }),
      { zh: `  找到的表头：${found || "（无）"}`, en: `  headers found: ${found || "(none)"}` },
      ...resolved.missing.map((c) => ({
        zh: `  如果文件中该列另有名称，请在 gmaudit.config.json 中映射：${columnAliasEntry(kind, "…", c.name)}`,
        en: `  if the file names it otherwise, map that header in gmaudit.config.json: ${columnAliasEntry(kind, "…", c.name)}`,
      })),
      ...(headers.some((h) => h.includes("\uFFFD")) ? [UNDECODABLE_HINT] : []),
    ],
  );
}

/** Another kind whose required columns a header row names (a posts file given as the registry). */
function otherKind(cells: readonly string[], kind: TableKind, aliases?: Aliases): TableKind | undefined {
  return TABLE_KINDS.find((k) => k !== kind && resolveHeader(k, cells, aliases).missing.length === 0);
}

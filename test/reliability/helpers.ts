import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { stringify } from "csv-stringify/sync";
import fc from "fast-check";
import iconv from "iconv-lite";
import { toCsv } from "../../src/output/csv.js";
import { runInProcess } from "../cli/in-process.js";

/**
 * Shared pieces of the reliability suite: temp folders under os.tmpdir(), generators of valid input
 * tables (any text in the text columns), writers for every input format and encoding, and the checks
 * every run must pass (exit code, no stack trace, errors that cite file:line).
 */

export const AS_OF = "2026-09-30";

/** A registry whose second account's name and unit look like formulas (the CSV must escape them). */
export const REGISTRY =
  '账号ID,账号名称,平台,主办单位\nA1,清河发布,微博,清河县政府办\nA2,=HYPERLINK("x"),微博,@清河\n';

/** The names in a folder, sorted. */
export function entries(dir: string): string[] {
  return readdirSync(dir).sort();
}
/** The same instant for every run: nothing depends on the machine's clock. */
export const NOW = Date.UTC(2026, 9, 1);

/**
 * CI runs each property the number of times given in the test (bounded: the suite stays under a
 * minute); `GMAUDIT_FUZZ=20 npx vitest run test/reliability` searches twenty times longer.
 */
export function runs(n: number): number {
  const factor = Number(process.env.GMAUDIT_FUZZ ?? "1");
  return Math.max(1, Math.round(n * (Number.isFinite(factor) && factor > 0 ? factor : 1)));
}

/** A test's time limit, stretched with GMAUDIT_FUZZ like its runs. */
export function timeLimit(ms: number): number {
  return runs(ms);
}

export function tempDir(prefix: string): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), `gmaudit-${prefix}-`));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

let counter = 0;
/** A fresh sub-folder of `root` (one per generated case, so file names can repeat). */
export function caseDir(root: string): string {
  const dir = path.join(root, `c${++counter}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

// ---------------------------------------------------------------------------------------------------
// Text

/** Characters that break naive CSV, JSON or spreadsheet handling. */
const NASTY = [
  '"',
  "'",
  ",",
  ";",
  "\t",
  "\n",
  "\r\n",
  "\r",
  " ",
  "　", // ideographic space
  "=",
  "+",
  "-",
  "@",
  "\\",
  "{",
  "[",
  "\u0000",
  "\u0007",
  "\u2028",
  "\uFEFF",
  "\u00A0",
];
/** GBK has them, GB2312 does not (a GB2312-only decoder would lose them): names, places. */
export const GBK_ONLY = ["镕", "喆", "堃", "玥", "昇", "珺", "赟", "瑄", "祎", "頔", "犇", "淼"];
const CJK = ["政", "务", "新", "媒", "体", "发", "布", "县", "人", "民", "（", "）", "，", "。", "【", "】"];
const EMOJI = ["😀", "👍🏽", "👨‍👩‍👧", "🇨🇳", "❤️", "𠮷"];

/** Any text a spreadsheet cell may hold: ASCII, Chinese (GBK-only too), emoji, quotes, newlines, formula starts. */
export const cellText: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      { weight: 4, arbitrary: fc.string({ unit: "grapheme-ascii", maxLength: 6 }) },
      { weight: 3, arbitrary: fc.constantFrom(...NASTY) },
      { weight: 3, arbitrary: fc.constantFrom(...CJK, ...GBK_ONLY) },
      { weight: 1, arbitrary: fc.constantFrom(...EMOJI) },
      { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 3 }) },
    ),
    { maxLength: 8 },
  )
  .map((parts) => parts.join(""));

/** Text that is not blank after trimming (a required text column). */
export const requiredText: fc.Arbitrary<string> = fc
  .tuple(cellText, fc.constantFrom("A", "账", "😀", "镕", "=x", "-1", "@", '"'), cellText)
  .map(([a, b, c]) => `${a}${b}${c}`);

// ---------------------------------------------------------------------------------------------------
// Valid tables

export type Cell = string | number | null;

export interface Table {
  header: string[];
  rows: Cell[][];
}

const PLATFORMS = ["微信公众号", "weibo", "抖音", "今日头条", "bilibili", "APP"];
const day = (d: number) => `2026-09-${String(d).padStart(2, "0")}`;
const time = (d: number, h: number, m: number) =>
  `${day(d)} ${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`;

/** A registry of 1–6 accounts with distinct ids (`A1`…) and any text in its text columns. */
export const accountsTable: fc.Arbitrary<Table> = fc
  .array(
    fc.record({
      name: requiredText,
      platform: fc.constantFrom(...PLATFORMS),
      hostUnit: requiredText,
      followers: fc.option(fc.nat({ max: 2_000_000 }), { nil: null }),
      url: cellText,
    }),
    { minLength: 1, maxLength: 6 },
  )
  .map((rows) => ({
    header: ["账号ID", "账号名称", "平台", "主办单位", "粉丝数", "账号链接"],
    rows: rows.map((r, i) => [`A${i + 1}`, r.name, r.platform, r.hostUnit, r.followers, r.url]),
  }));

/** Posts of accounts A1…A6 and a few unregistered ones, distinct ids, times in September 2026. */
export const postsTable: fc.Arbitrary<Table> = fc
  .array(
    fc.record({
      account: fc.integer({ min: 1, max: 8 }),
      day: fc.integer({ min: 1, max: 30 }),
      hour: fc.integer({ min: 0, max: 23 }),
      minute: fc.integer({ min: 0, max: 59 }),
      original: fc.constantFrom("原创", "转载", "", "是", "否"),
      source: cellText,
      title: cellText,
      content: cellText,
    }),
    { maxLength: 12 },
  )
  .map((rows) => ({
    header: ["文章ID", "账号ID", "发布时间", "是否原创", "来源", "标题", "正文"],
    rows: rows.map((r, i) => [
      `P${i + 1}`,
      `A${r.account}`,
      time(r.day, r.hour, r.minute),
      r.original,
      r.source,
      r.title,
      r.content,
    ]),
  }));

/** Messages, each replied at or after it was received (or not at all). */
export const messagesTable: fc.Arbitrary<Table> = fc
  .array(
    fc.record({
      account: fc.integer({ min: 1, max: 8 }),
      day: fc.integer({ min: 1, max: 28 }),
      hour: fc.integer({ min: 0, max: 23 }),
      replyAfterHours: fc.option(fc.integer({ min: 0, max: 72 }), { nil: undefined }),
      category: fc.constantFrom("咨询", "投诉", "建议", ""),
      content: cellText,
    }),
    { maxLength: 10 },
  )
  .map((rows) => ({
    header: ["留言ID", "账号ID", "留言时间", "回复时间", "留言类型", "留言内容"],
    rows: rows.map((r, i) => {
      const received = Date.UTC(2026, 8, r.day, r.hour);
      const replied =
        r.replyAfterHours === undefined ? "" : utcText(received + r.replyAfterHours * 3_600_000);
      return [`M${i + 1}`, `A${r.account}`, `${utcText(received)}`, replied, r.category, r.content];
    }),
  }));

/** `2026-09-01T10:00:00Z`: an explicit offset, so the value does not depend on --tz. */
function utcText(ms: number): string {
  return new Date(ms).toISOString().replace(".000Z", "Z");
}

export const filingsTable: fc.Arbitrary<Table> = fc
  .array(
    fc.record({
      account: fc.integer({ min: 1, max: 8 }),
      event: fc.constantFrom("开设", "变更", "关停", "注销"),
      day: fc.integer({ min: 1, max: 20 }),
      filedAfter: fc.option(fc.integer({ min: 0, max: 9 }), { nil: undefined }),
    }),
    { maxLength: 6 },
  )
  .map((rows) => ({
    header: ["账号ID", "报备类别", "事项日期", "报备日期"],
    rows: rows.map((r) => [
      `A${r.account}`,
      r.event,
      day(r.day),
      r.filedAfter === undefined ? "" : day(r.day + r.filedAfter),
    ]),
  }));

export const findingsTable: fc.Arbitrary<Table> = fc
  .array(
    fc.record({
      account: fc.integer({ min: 1, max: 8 }),
      indicator: fc.constantFrom("serious-error", "secret-leak", "harmful-content", "fake-engagement"),
      day: fc.integer({ min: 1, max: 30 }),
      count: fc.integer({ min: 1, max: 5 }),
      note: cellText,
    }),
    { maxLength: 5 },
  )
  .map((rows) => ({
    header: ["账号ID", "指标", "发现日期", "次数", "说明"],
    rows: rows.map((r) => [`A${r.account}`, r.indicator, day(r.day), r.count, r.note]),
  }));

export const KINDS = ["accounts", "posts", "messages", "filings", "findings"] as const;
export type Kind = (typeof KINDS)[number];

export const TABLE_ARBITRARIES: Record<Kind, fc.Arbitrary<Table>> = {
  accounts: accountsTable,
  posts: postsTable,
  messages: messagesTable,
  filings: filingsTable,
  findings: findingsTable,
};

// ---------------------------------------------------------------------------------------------------
// Writing tables

export type Format = "csv" | "tsv" | "json" | "ndjson";
export type Encoding = "utf-8" | "utf-8-bom" | "gb18030" | "utf-16le";

export const EXTENSIONS: Record<Format, string> = {
  csv: ".csv",
  tsv: ".tsv",
  json: ".json",
  ndjson: ".ndjson",
};

/** The table as the text of a file: CSV through output/csv.ts's writer (escape included), JSON natively. */
export function tableText(table: Table, format: Format): string {
  switch (format) {
    case "csv":
      return toCsv(table.header, table.rows);
    case "tsv":
      // As Excel writes "Text (Tab delimited)": a cell with a tab, quote or newline is quoted.
      return stringify([table.header, ...table.rows], { delimiter: "\t" });
    case "json":
      return JSON.stringify(table.rows.map((row) => objectOf(table.header, row)));
    case "ndjson":
      return table.rows.map((row) => `${JSON.stringify(objectOf(table.header, row))}\n`).join("");
  }
}

function objectOf(header: readonly string[], row: readonly Cell[]): Record<string, Cell> {
  const object: Record<string, Cell> = {};
  header.forEach((name, i) => {
    object[name] = row[i] ?? null;
  });
  return object;
}

export function encode(text: string, encoding: Encoding): Buffer {
  switch (encoding) {
    case "utf-8":
      return Buffer.from(text, "utf8");
    case "utf-8-bom":
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]);
    case "gb18030":
      return iconv.encode(text, "gb18030");
    case "utf-16le":
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
  }
}

export function writeTable(dir: string, name: string, table: Table, format: Format): string {
  const file = path.join(dir, `${name}${EXTENSIONS[format]}`);
  writeFileSync(file, tableText(table, format));
  return file;
}

/** A small valid registry (A1…A6) for runs that corrupt another input. */
export function writeRegistry(dir: string): string {
  const file = path.join(dir, "registry.csv");
  writeFileSync(
    file,
    "账号ID,账号名称,平台,主办单位\nA1,清河发布,微信公众号,清河县政府办\nA2,清河发布,微博,清河县政府办\nA3,清河教育,抖音,清河县教育局\nA4,清河公安,今日头条,清河县公安局\nA5,清河卫健,微信公众号,清河县卫健委\nA6,清河文旅,bilibili,清河县文旅局\n",
  );
  return file;
}

// ---------------------------------------------------------------------------------------------------
// Running and judging

export interface RunResult {
  code: number;
  out: string;
  err: string;
}

/**
 * In English by default: these tests read the English messages (test/meta/language.test.ts reads
 * both languages); `lang` "zh" for a test of the Chinese wording.
 */
export function run(args: string[], cwd = process.cwd(), lang: "zh" | "en" = "en"): Promise<RunResult> {
  return runInProcess(args, { cwd, now: NOW, env: { GMAUDIT_LANG: lang } });
}

/** `check` of one input file of `kind`, everything else absent (or the small registry). */
export function checkArgs(kind: Kind, file: string, registry: string, extra: string[] = []): string[] {
  const base = ["check", "--no-config", "--as-of", AS_OF, "--format", "json", ...extra];
  return kind === "accounts" ? [...base, file] : [...base, registry, `--${kind}`, file];
}

const STACK_LINE = /^\s+at .*(?:\(.*:\d+:\d+\)|:\d+:\d+)$/m;

/** What every run must satisfy, whatever the input: a documented exit code and no stack trace. */
export function assertWellBehaved(result: RunResult): void {
  if (![0, 1, 2].includes(result.code)) throw new Error(`exit code ${result.code}\n${result.err}`);
  for (const [name, text] of [
    ["stderr", result.err],
    ["stdout", result.out],
  ] as const) {
    if (STACK_LINE.test(text)) throw new Error(`a stack trace on ${name}:\n${text.slice(0, 2000)}`);
    if (text.includes("internal error"))
      throw new Error(`an internal error on ${name}:\n${text.slice(0, 2000)}`);
  }
}

/**
 * File-level problems that have no line to cite: the whole file is concerned. Anything else that
 * names an input file must give the position (`file:12`, `file:$[3]`).
 */
const FILE_LEVEL = [
  /: the file is empty/,
  /: not valid UTF-8 \(at byte \d+\)/,
  /: missing required columns? of \w+/, // JSON: the keys of the first objects
  /: cannot tell which table this is/, // validate without --kind: the first rows (quoted below it)
  /: a JSON array of more than/,
  /: the registry holds no accounts/, // a warning about the whole registry
  /: \d+ rows? \(\d+ invalid skipped\)/, // the data-incomplete line: rows read and skipped per file
  /: \d+ totals rows? \(/, // totals rows left out (their lines are given in the sentence)
  /: \d+ notes rows? \(/, // notes rows left out, likewise
  /: the registry has no status or closed_at column/, // about the header: every account taken as active
  /: column ".*" is not read but looks like/, // a look-alike header: about the header row
  /: column ".*" gives its numbers in a unit/,
  /: \d+ times? given as a date only/, // a count over the whole file
];

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Every error line about `file` cites a position: `file:LINE` or `file:$[INDEX]`, except the
 * file-level problems above. Row errors (`… column "X": …`) always cite one.
 */
export function assertErrorsCite(text: string, file: string): void {
  const mention = new RegExp(`${escapeRegExp(file)}(:\\d+|:\\$\\[\\d+\\])?`, "g");
  for (const line of text.split("\n")) {
    // A header-level warning names a column too (a look-alike header): it is about the file, not a row.
    if (line.includes(': column "') && !FILE_LEVEL.some((re) => re.test(line))) {
      const rowError = /^\s*(gmaudit: )?.*:(\d+|\$\[\d+\]): column "/;
      if (!rowError.test(line)) throw new Error(`a row error without file:line: ${line}`);
    }
    for (const match of line.matchAll(mention)) {
      if (match[1] !== undefined) continue;
      const rest = line.slice((match.index ?? 0) + match[0].length);
      if (!rest.startsWith(":")) continue; // the file named in passing ("使用发布记录：file")
      if (FILE_LEVEL.some((re) => re.test(rest))) continue;
      throw new Error(`an error about ${file} without a position: ${line}`);
    }
  }
}

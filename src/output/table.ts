import { Chalk, type ChalkInstance } from "chalk";
import Table from "cli-table3";
import type { AccountResult, AuditResult, UnitResult, Verdict } from "../scoring/result.js";
import { Zone } from "../time/zone.js";
import { indicatorName } from "./indicators.js";
import {
  enumLabel,
  type FindingsAtLevel,
  type Lang,
  type Phrases,
  PLATFORM_LABELS,
  phrases,
  SEVERITY_LABELS,
  TABLE_COLUMNS,
  TABLE_LABELS,
  unitHeader,
  VERDICT_LABELS,
} from "./labels.js";
import { formatOneDecimal, formatPercent, imminentVetoes, isImminentVeto, worstFirst } from "./values.js";
import { charWidth, displayWidth } from "./width.js";

/**
 * The human report (PRODUCT §3, `--format table`): a header with the window, profile, zone and
 * inputs; the accounts worst first; under it, for every failed or vetoed account, the findings that
 * explain its score; a one-line summary. A pure function: the caller decides where it goes.
 */

export interface TableOptions {
  lang?: Lang;
  /** ANSI colours (red veto, yellow fail, green pass). Off unless the caller enables them. */
  color?: boolean;
  /** Also print the unit (主办单位) table. */
  units?: boolean;
  /**
   * The terminal's width in columns: a wider account table leaves out its least important columns
   * (CSV and JSON have them all). Undefined: the whole table.
   */
  width?: number;
  /** At most this many data warnings in the header (the rest are counted). */
  maxWarnings?: number;
}

/** The one-line summary: `共 12 个账号：合格 9，不合格 1，单项否决 2，未评分 0；问题 31 条`. */
export function summaryLine(result: AuditResult, lang: Lang = "zh"): string {
  return phrases(lang).summary(result.summary);
}

/** The cron line (after `gmaudit: `): `2 vetoed, 1 failed of 12 accounts (as of 2026-09-30)`. */
export function alertLine(result: AuditResult, lang: Lang = "zh", atLevel?: FindingsAtLevel): string {
  return phrases(lang).alert(
    result.summary,
    Zone.of(result.timezone).dateOf(result.asOf),
    imminentVetoes(result),
    atLevel,
  );
}

export function renderTable(result: AuditResult, options: TableOptions = {}): string {
  const lang = options.lang ?? "zh";
  const text = phrases(lang);
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const zone = Zone.of(result.timezone);
  const out: string[] = [];

  out.push(...headerLines(result, lang, text, chalk, zone, options.maxWarnings ?? 10), "");

  const accounts = worstFirst(result.accounts);
  if (accounts.length === 0) out.push(text.noAccounts);
  else out.push(fittedGrid(ACCOUNT_GRID, accounts, lang, text, chalk, zone, options.width));

  const failing = accounts.filter((a) => a.verdict === "veto" || a.verdict === "fail");
  if (failing.length > 0) {
    out.push("", chalk.bold(text.whyHeading));
    for (const a of failing) out.push(...whyLines(a, lang, text, chalk, zone));
  }
  // --warn-within: the accounts not yet failing that will be vetoed unless they post (a failing one
  // shows the warning among its findings above).
  const soon = accounts.flatMap((a) =>
    a.verdict === "veto" || a.verdict === "fail"
      ? []
      : a.findings
          .filter(isImminentVeto)
          .map(
            (f) =>
              `${chalk.yellow("■")} ${text.accountCell(a.name, a.accountId)}${lang === "zh" ? "：" : ": "}${f.message[lang]}`,
          ),
  );
  if (soon.length > 0) out.push("", chalk.bold(text.imminentHeading), ...soon);
  const others = accounts
    .filter((a) => a.verdict !== "veto" && a.verdict !== "fail")
    .reduce((n, a) => n + a.findings.length, 0);
  if (others > 0) out.push("", chalk.dim(text.otherFindings(others)));

  if (options.units && result.units.length > 0) {
    out.push(
      "",
      chalk.bold(text.unitsHeading),
      fittedGrid(UNIT_GRID, worstFirst(result.units), lang, text, chalk, zone, options.width),
    );
  }
  out.push("", chalk.bold(summaryLine(result, lang)));
  return `${out.join("\n")}\n`;
}

function headerLines(
  result: AuditResult,
  lang: Lang,
  text: Phrases,
  chalk: ChalkInstance,
  zone: Zone,
  maxWarnings: number,
): string[] {
  const lines: string[] = [];
  lines.push(
    chalk.bold(text.title),
    [
      text.window(zone.formatShort(result.from), zone.formatShort(result.asOf), result.period),
      text.profile(result.profile, result.profileName),
      text.zone(result.timezone),
    ].join(" · "),
  );
  const inputs = Object.values(result.inputs)
    .filter((s) => s !== undefined)
    .map((s) => text.inputRows(s.file, s.rows, s.skipped));
  lines.push(`${text.inputs}: ${inputs.join("; ")}`);
  const missing = result.missingInputs.filter((kind) => kind !== "accounts");
  if (missing.length > 0) {
    lines.push(chalk.yellow(text.notEvaluated(missing.map((kind) => TABLE_LABELS[kind][lang]))));
  }
  for (const w of result.calendar.warnings) lines.push(chalk.yellow(`${text.calendarWarning}: ${w[lang]}`));
  if (result.dataIncomplete) lines.push(chalk.red.bold(text.dataIncomplete));
  const shown = result.warnings.slice(0, maxWarnings);
  for (const w of shown) lines.push(chalk.yellow(`${text.warning}: ${w[lang]}`));
  if (result.warnings.length > shown.length) {
    lines.push(chalk.yellow(text.moreWarnings(result.warnings.length - shown.length)));
  }
  return lines;
}

function verdictColor(chalk: ChalkInstance, verdict: Verdict): (s: string) => string {
  switch (verdict) {
    case "veto":
      return chalk.red.bold;
    case "fail":
      return chalk.yellow;
    case "pass":
      return chalk.green;
    default:
      return chalk.dim;
  }
}

function grid(head: string[], chalk: ChalkInstance): Table.Table {
  // Colours are ours (chalk), never cli-table3's: its defaults would colour even with colour off.
  return new Table({
    head: head.map((h) => chalk.bold(h)),
    style: { head: [], border: [], compact: true },
  });
}

/** The "单项否决项/主要问题" cell: the vetoes, else the costliest deductions, else the first note. */
function mainIssues(a: AccountResult, lang: Lang, text: Phrases): string {
  const vetoes = a.findings.filter((f) => f.severity === "veto");
  if (vetoes.length > 0)
    return unique(vetoes.map((f) => f.indicator[lang])).join(lang === "zh" ? "、" : ", ");
  const byRule = new Map<string, { indicator: string; points: number }>();
  for (const f of a.findings) {
    if (f.points <= 0) continue;
    const entry = byRule.get(f.rule) ?? { indicator: f.indicator[lang], points: 0 };
    entry.points += f.points;
    byRule.set(f.rule, entry);
  }
  const costly = [...byRule.values()].sort((x, y) => y.points - x.points);
  const top = costly[0];
  if (top !== undefined) {
    return `${top.indicator} -${round(top.points)}${costly.length > 1 ? text.moreIssues(costly.length - 1) : ""}`;
  }
  const first = a.findings[0];
  return first ? first.indicator[lang] : "";
}

interface GridCell {
  text: string;
  right?: boolean;
  /** The verdict's colour (score and verdict cells). */
  colored?: boolean;
}

/** A column of a fitted grid: `drop` ranks the columns left out first on a narrow terminal. */
interface GridColumn<T> {
  head(lang: Lang): string;
  drop?: number;
  /** The column whose cells are cut when leaving columns out is not enough. */
  cut?: boolean;
  cell(item: T, lang: Lang, text: Phrases, zone: Zone): GridCell;
}

/** The account table's columns, in order. */
const ACCOUNT_GRID: GridColumn<AccountResult>[] = [
  {
    head: (lang) => TABLE_COLUMNS.account[lang],
    cell: (a, _l, text) => ({ text: text.accountCell(a.name, a.accountId) }),
  },
  {
    head: (lang) => TABLE_COLUMNS.platform[lang],
    drop: 6,
    cell: (a, lang) => ({ text: enumLabel(PLATFORM_LABELS, a.platform, lang) }),
  },
  { head: (lang) => TABLE_COLUMNS.hostUnit[lang], drop: 4, cell: (a) => ({ text: a.hostUnit }) },
  {
    head: (lang) => TABLE_COLUMNS.score[lang],
    cell: (a, _l, text) => ({
      text: a.score === null ? text.none : formatOneDecimal(a.score),
      right: true,
      colored: a.score !== null,
    }),
  },
  {
    head: (lang) => TABLE_COLUMNS.verdict[lang],
    cell: (a, lang) => ({ text: enumLabel(VERDICT_LABELS, a.verdict, lang), colored: true }),
  },
  {
    head: (lang) => TABLE_COLUMNS.issues[lang],
    cut: true,
    cell: (a, lang, text) => ({ text: mainIssues(a, lang, text) }),
  },
  {
    head: (lang) => TABLE_COLUMNS.lastPost[lang],
    drop: 5,
    cell: (a, _l, text, zone) => ({
      text:
        a.lastPostAt !== null
          ? zone.formatShort(a.lastPostAt)
          : a.posts === null
            ? text.none
            : text.neverPosted,
    }),
  },
  {
    head: (lang) => TABLE_COLUMNS.emptyWeeks[lang],
    drop: 3,
    cell: (a, _l, text) => ({ text: String(a.emptyWeeks ?? text.none), right: true }),
  },
  {
    head: (lang) => TABLE_COLUMNS.repliesOnTime[lang],
    drop: 1,
    cell: (a, _l, text) => ({
      // On time of the replies settled or overdue: a pending one is not yet due (PRODUCT §3.1).
      text:
        a.repliesDue === null || a.repliesOnTime === null
          ? text.none
          : `${a.repliesOnTime}/${a.repliesDue - (a.repliesPending ?? 0)}`,
      right: true,
    }),
  },
  {
    head: (lang) => TABLE_COLUMNS.filingsLate[lang],
    drop: 2,
    cell: (a, _l, text) => ({ text: String(a.filingsLate ?? text.none), right: true }),
  },
];

const unitNumber = (
  key: "accounts" | "scored" | "vetoed" | "failed",
  drop?: number,
): GridColumn<UnitResult> => ({
  head: (lang) => unitHeader(key, lang),
  ...(drop === undefined ? {} : { drop }),
  cell: (u) => ({ text: String(u[key]), right: true }),
});

/** The unit table's columns (PRODUCT §3.3), in order. */
const UNIT_GRID: GridColumn<UnitResult>[] = [
  { head: (lang) => unitHeader("hostUnit", lang), cut: true, cell: (u) => ({ text: u.hostUnit }) },
  {
    head: (lang) => unitHeader("unitCategory", lang),
    drop: 5,
    cell: (u, _l, text) => ({ text: u.unitCategory ?? text.none }),
  },
  unitNumber("accounts", 4),
  unitNumber("scored", 1),
  unitNumber("vetoed", 3),
  unitNumber("failed", 2),
  {
    head: (lang) => unitHeader("rawScore", lang),
    drop: 6,
    cell: (u, _l, text) => ({
      text: u.rawScore === null ? text.none : formatOneDecimal(u.rawScore),
      right: true,
    }),
  },
  {
    head: (lang) => unitHeader("score", lang),
    cell: (u, _l, text) => ({
      text: u.score === null ? text.none : formatOneDecimal(u.score),
      right: true,
      colored: u.score !== null,
    }),
  },
  {
    head: (lang) => unitHeader("passRate", lang),
    cell: (u, _l, text) => ({
      text: u.passRate === null ? text.none : formatPercent(u.passRate),
      right: true,
    }),
  },
  {
    head: (lang) => unitHeader("verdict", lang),
    cell: (u, lang) => ({ text: enumLabel(VERDICT_LABELS, u.verdict, lang), colored: true }),
  },
  {
    head: (lang) => unitHeader("findings", lang),
    drop: 0,
    cell: (u) => ({ text: String(u.accountFindings + u.findings.length), right: true }),
  },
];

/** A grid's width in terminal columns: each column's widest text, one space each side, and the rules. */
function gridWidth(widths: readonly number[]): number {
  return widths.reduce((sum, w) => sum + w + 2, 0) + widths.length + 1;
}

/** Cut to `max` terminal columns, ending with `…` when cut. */
function fitText(text: string, max: number): string {
  if (displayWidth(text) <= max) return text;
  let out = "";
  let width = 0;
  for (const char of text) {
    if (width + charWidth(char) > max - 1) break;
    out += char;
    width += charWidth(char);
  }
  return `${out}…`;
}

/**
 * A table of `items` (already in order). Given the terminal's width, a table that would not fit leaves
 * out the columns that matter least (`drop`, lowest first — all of them are in CSV and JSON), then cuts
 * the `cut` column's cells; without a width it is whole.
 */
function fittedGrid<T>(
  columns: readonly GridColumn<T>[],
  items: readonly (T & { verdict: Verdict })[],
  lang: Lang,
  text: Phrases,
  chalk: ChalkInstance,
  zone: Zone,
  width: number | undefined,
): string {
  const rows = items.map((item) => columns.map((column) => column.cell(item, lang, text, zone)));
  const heads = columns.map((column) => column.head(lang));
  const widthOf = (i: number) =>
    Math.max(displayWidth(heads[i]!), ...rows.map((row) => displayWidth(row[i]!.text)));
  let shown = columns.map((_, i) => i);
  let cutMax: number | undefined;
  if (width !== undefined) {
    const droppable = columns
      .map((column, i) => ({ i, drop: column.drop }))
      .filter((c): c is { i: number; drop: number } => c.drop !== undefined)
      .sort((x, y) => x.drop - y.drop);
    for (const { i } of droppable) {
      if (gridWidth(shown.map(widthOf)) <= width) break;
      shown = shown.filter((j) => j !== i);
    }
    const cut = columns.findIndex((column) => column.cut === true);
    const over = gridWidth(shown.map(widthOf)) - width;
    if (over > 0 && cut >= 0) cutMax = Math.max(displayWidth(heads[cut]!), widthOf(cut) - over);
  }
  const table = grid(
    shown.map((i) => heads[i]!),
    chalk,
  );
  for (const [r, item] of items.entries()) {
    const color = verdictColor(chalk, item.verdict);
    table.push(
      shown.map((i) => {
        const cell = rows[r]![i]!;
        const fitted = cutMax !== undefined && columns[i]!.cut ? fitText(cell.text, cutMax) : cell.text;
        const content = cell.colored ? color(fitted) : fitted;
        return cell.right ? { hAlign: "right" as const, content } : content;
      }),
    );
  }
  return table.toString();
}

function whyLines(a: AccountResult, lang: Lang, text: Phrases, chalk: ChalkInstance, zone: Zone): string[] {
  const color = verdictColor(chalk, a.verdict);
  const score = a.score === null ? text.none : formatOneDecimal(a.score);
  const lines = [
    color(text.accountHeading(a.name, a.accountId, enumLabel(VERDICT_LABELS, a.verdict, lang), score)),
  ];
  if (a.findings.length === 0) lines.push(`  ${text.noFindings}`);
  for (const f of a.findings) {
    const tag =
      f.points > 0
        ? text.points(round(f.points))
        : f.severity === "deduct" && a.findings.some((g) => g.rule === f.rule && g.points > 0)
          ? text.capped // an earlier occurrence of the same rule used up its cap
          : enumLabel(SEVERITY_LABELS, f.severity, lang);
    const when = f.occurredAt === undefined ? "" : chalk.dim(` [${zone.formatShort(f.occurredAt)}]`);
    const paint = f.severity === "veto" ? chalk.red : f.points > 0 ? chalk.yellow : chalk.dim;
    lines.push(
      `  ${paint(`[${tag}]`)} ${f.indicator[lang]}${lang === "zh" ? "：" : ": "}${f.message[lang]}${when}`,
    );
  }
  if (a.notEvaluated.length > 0) {
    const names = unique(a.notEvaluated.map((n) => indicatorName(n.rule, lang)));
    lines.push(chalk.dim(`  ${text.accountNotEvaluated(names.join(lang === "zh" ? "、" : ", "))}`));
  }
  return lines;
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}

/** Points are sums of configured prices: keep them free of floating-point dust. */
function round(points: number): number {
  return Math.round(points * 10) / 10;
}

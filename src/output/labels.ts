import type { Lang, Localized } from "../i18n.js";
import { TABLE_LABELS, type TableKind } from "../input/tables.js";
import { PLATFORM_LABELS } from "../input/values.js";

export { TABLE_LABELS };

import type { Severity } from "../rules/define.js";
import type { AccountResult, AuditSummary, UnitResult, Verdict } from "../scoring/result.js";
import type { ImminentVeto } from "./values.js";

/**
 * The one label table of gmaudit: every user-facing word of the outputs, in Chinese (the default) and
 * English. Column keys are the JSON keys of PRODUCT §3; the English "label" of a CSV column IS its key,
 * so a `--lang en` CSV reads back with the same names as the JSON document.
 */

export { LANGS, type Lang } from "../i18n.js";

export function pick(text: Localized, lang: Lang): string {
  return text[lang];
}

// ── PRODUCT §3.1: account results ────────────────────────────────────────────────────────────────

export const ACCOUNT_COLUMNS = [
  "accountId",
  "name",
  "platform",
  "hostUnit",
  "unitCategory",
  "status",
  "score",
  "verdict",
  "vetoes",
  "deductions",
  "lastPostAt",
  "daysSinceLastPost",
  "posts",
  "originalPosts",
  "originalRatio",
  "emptyWeeks",
  "longestGapDays",
  "repliesDue",
  "repliesOnTime",
  "repliesLate",
  "repliesOverdue",
  "repliesPending",
  "filingsLate",
  "findings",
  "notEvaluated",
] as const satisfies readonly (keyof AccountResult)[];
export type AccountColumn = (typeof ACCOUNT_COLUMNS)[number];

const ACCOUNT_ZH: Record<AccountColumn, string> = {
  accountId: "账号ID",
  name: "账号名称",
  platform: "平台",
  hostUnit: "主办单位",
  unitCategory: "单位类别",
  status: "状态",
  score: "得分",
  verdict: "结论",
  vetoes: "单项否决项",
  deductions: "扣分",
  lastPostAt: "最近更新时间",
  daysSinceLastPost: "距上次更新天数",
  posts: "发布数",
  originalPosts: "原创数",
  originalRatio: "原创率",
  emptyWeeks: "未更新周数",
  longestGapDays: "最长更新间隔(天)",
  repliesDue: "应答复数",
  repliesOnTime: "按时答复数",
  repliesLate: "超时答复数",
  repliesOverdue: "逾期未答复数",
  repliesPending: "待答复数",
  filingsLate: "逾期备案数",
  findings: "问题数",
  notEvaluated: "未评估",
};

// ── PRODUCT §3.2: findings ───────────────────────────────────────────────────────────────────────

export const FINDING_COLUMNS = [
  "accountId",
  "hostUnit",
  "rule",
  "indicator",
  "severity",
  "points",
  "occurredAt",
  "message",
  "evidence",
  "source",
] as const;
export type FindingColumn = (typeof FINDING_COLUMNS)[number];

const FINDING_ZH: Record<FindingColumn, string> = {
  accountId: "账号ID",
  hostUnit: "主办单位",
  rule: "规则",
  indicator: "指标",
  severity: "性质",
  points: "扣分",
  occurredAt: "发生时间",
  message: "说明",
  evidence: "证据",
  source: "依据",
};

// ── PRODUCT §3.3: units ──────────────────────────────────────────────────────────────────────────

export const UNIT_COLUMNS = [
  "hostUnit",
  "unitCategory",
  "accounts",
  "scored",
  "vetoed",
  "failed",
  "rawScore",
  "score",
  "passRate",
  "verdict",
  "findings",
] as const satisfies readonly (keyof UnitResult)[];
export type UnitColumn = (typeof UNIT_COLUMNS)[number];

const UNIT_ZH: Record<UnitColumn, string> = {
  hostUnit: "主办单位",
  unitCategory: "单位类别",
  accounts: "账号数",
  scored: "参评账号数",
  vetoed: "单项否决账号数",
  failed: "不合格账号数",
  rawScore: "平均得分",
  score: "单位得分",
  passRate: "合格率",
  verdict: "结论",
  findings: "问题数",
};

/** With `--fail-on violation|warning`: how many findings reached that level (the cron line says so). */
export interface FindingsAtLevel {
  level: "violation" | "warning";
  findings: number;
}

/** At most five items joined, then how many more: a cron line stays one readable line. */
function listed(items: readonly string[], separator: string, more: (n: number) => string): string {
  const shown = items.slice(0, 5).join(separator);
  return items.length > 5 ? `${shown}${more(items.length - 5)}` : shown;
}

function headerOf<K extends string>(zh: Record<K, string>, key: K, lang: Lang): string {
  return lang === "zh" ? zh[key] : key;
}

/** The last CSV column of a run that left invalid rows out (PRODUCT §1.7), and its value on every row. */
export const INCOMPLETE_COLUMN = {
  header: { zh: "数据不完整", en: "dataIncomplete" },
  value: { zh: "是", en: "true" },
} as const satisfies Record<string, Localized>;

export const accountHeader = (key: AccountColumn, lang: Lang): string => headerOf(ACCOUNT_ZH, key, lang);
export const findingHeader = (key: FindingColumn, lang: Lang): string => headerOf(FINDING_ZH, key, lang);
export const unitHeader = (key: UnitColumn, lang: Lang): string => headerOf(UNIT_ZH, key, lang);

// ── The table's own (shorter) columns ────────────────────────────────────────────────────────────

export const TABLE_COLUMNS = {
  account: { zh: "账号", en: "Account" },
  platform: { zh: "平台", en: "Platform" },
  hostUnit: { zh: "主办单位", en: "Host unit" },
  score: { zh: "得分", en: "Score" },
  verdict: { zh: "结论", en: "Verdict" },
  issues: { zh: "单项否决项/主要问题", en: "Vetoes / main issues" },
  lastPost: { zh: "最近更新", en: "Last post" },
  emptyWeeks: { zh: "未更新周数", en: "Empty weeks" },
  repliesOnTime: { zh: "按时答复", en: "Replies on time" },
  filingsLate: { zh: "逾期备案", en: "Late filings" },
} as const satisfies Record<string, Localized>;

// ── Enum values ──────────────────────────────────────────────────────────────────────────────────

export const VERDICT_LABELS: Record<Verdict, Localized> = {
  pass: { zh: "合格", en: "pass" },
  fail: { zh: "不合格", en: "fail" },
  veto: { zh: "单项否决", en: "veto" },
  not_scored: { zh: "未评分", en: "not scored" },
};

export const STATUS_LABELS: Record<AccountResult["status"], Localized> = {
  active: { zh: "正常", en: "active" },
  closed: { zh: "关停", en: "closed" },
  cancelled: { zh: "注销", en: "cancelled" },
};

export const SEVERITY_LABELS: Record<Severity, Localized> = {
  veto: { zh: "否决", en: "veto" },
  deduct: { zh: "扣分", en: "deduct" },
  violation: { zh: "违规", en: "violation" },
  warning: { zh: "提示", en: "warning" },
};

export { PLATFORM_LABELS };

/** Input tables as users name them (the Chinese names are also the companion file names). */

/** Enum labels, or the raw value for one the table does not know (never crash on a new enum value). */
export function enumLabel<K extends string>(labels: Record<K, Localized>, value: K, lang: Lang): string {
  const label = (labels as Record<string, Localized | undefined>)[value];
  return label === undefined ? value : label[lang];
}

// ── Phrases ──────────────────────────────────────────────────────────────────────────────────────

/** The counts a summary line speaks of: the result's own summary. */
export type SummaryCounts = AuditSummary;

export interface Phrases {
  title: string;
  /** `from → asOf` plus the period label when there is one. */
  window(from: string, asOf: string, period?: string): string;
  profile(id: string, name: string): string;
  zone(name: string): string;
  inputs: string;
  inputRows(file: string, rows: number, skipped: number): string;
  notEvaluated(tables: string[]): string;
  calendarWarning: string;
  dataIncomplete: string;
  warning: string;
  moreWarnings(n: number): string;
  noAccounts: string;
  /** `共 12 个账号：合格 9，不合格 1，单项否决 2，未评分 0；问题 31 条` */
  summary(s: SummaryCounts): string;
  whyHeading: string;
  /** Above the accounts about to be vetoed (`--warn-within`). */
  imminentHeading: string;
  accountHeading(name: string, id: string, verdict: string, score: string): string;
  /** The account cell of the table: name and id on one line. */
  accountCell(name: string, id: string): string;
  points(points: number): string;
  /** A deduction whose points the rule's cap has already used up. */
  capped: string;
  /** After the costliest issue in the table cell: how many more rules cost points. */
  moreIssues(n: number): string;
  noFindings: string;
  accountNotEvaluated(rules: string): string;
  otherFindings(n: number): string;
  unitsHeading: string;
  /**
   * The cron line (after `gmaudit: `): `2 vetoed, 1 failed of 12 accounts (as of 2026-09-30)`, and with
   * `--warn-within` the accounts about to be vetoed: `; 1 about to be vetoed: 清河教育 (QH-003) on 2026-09-30`.
   */
  alert(
    s: SummaryCounts,
    asOfDate: string,
    imminent: readonly ImminentVeto[],
    atLevel?: FindingsAtLevel,
  ): string;
  /** `--units` with CSV or NDJSON results, which hold the accounts only. */
  /** `format`: the output format, as its name is written (CSV). */
  unitsElsewhere(format: string): string;
  companionUsed(table: string, file: string): string;
  companionMissing(table: string, patterns: string): string;
  /** No companion file, but a workbook under its name: say to save it as CSV. */
  /** `saveAs`: how to save it as CSV, in this language. */
  companionWorkbook(table: string, file: string, saveAs: string): string;
  wrote(file: string): string;
  progress(file: string, percent: number): string;
  /** The last-post cell of an account that never posted (posts were given). */
  neverPosted: string;
  /** An empty value in the table. ASCII: an em dash is ambiguous-width and breaks CJK terminal grids. */
  none: string;
}

const ZH: Phrases = {
  title: "政务新媒体检查结果",
  window: (from, asOf, period) => `监测期 ${from} → ${asOf}${period ? `（${period}）` : ""}`,
  profile: (id, name) => `评分方案 ${id}${name && name !== id ? `（${name}）` : ""}`,
  zone: (name) => `时区 ${name}`,
  inputs: "输入",
  inputRows: (file, rows, skipped) => `${file} ${rows} 行${skipped > 0 ? `（跳过无效 ${skipped} 行）` : ""}`,
  notEvaluated: (tables) => `未评估：缺少${tables.join("、")}，依赖这些数据的检查未评估（不视为合格）`,
  calendarWarning: "日历提示",
  dataIncomplete: "数据不完整：部分输入行无效已跳过，结果仅供参考",
  warning: "提示",
  moreWarnings: (n) => `……另有 ${n} 条提示`,
  noAccounts: "（无账号）",
  summary: (s) =>
    `共 ${s.accounts} 个账号：合格 ${s.pass}，不合格 ${s.fail}，单项否决 ${s.veto}，未评分 ${s.notScored}；问题 ${s.findings} 条`,
  whyHeading: "不合格及单项否决账号的问题明细：",
  imminentHeading: "即将单项否决的账号（如不更新）：",
  accountHeading: (name, id, verdict, score) => `■ ${name}（${id}）${verdict}，得分 ${score}`,
  accountCell: (name, id) => `${name}（${id}）`,
  points: (points) => `扣 ${points} 分`,
  capped: "扣 0 分·已达上限",
  moreIssues: (n) => `（另 ${n} 项）`,
  noFindings: "（无问题记录）",
  accountNotEvaluated: (rules) => `未评估：${rules}`,
  otherFindings: (n) => `其余账号另有 ${n} 条问题，完整列表请用 --findings-out 或 --format json 输出`,
  unitsHeading: "主办单位：",
  alert: (s, asOfDate, imminent, atLevel) =>
    `${s.accounts} 个账号中单项否决 ${s.veto} 个、不合格 ${s.fail} 个${
      atLevel === undefined
        ? ""
        : `，${atLevel.level === "warning" ? "问题" : "提示以外的问题"} ${atLevel.findings} 条`
    }${
      imminent.length === 0
        ? ""
        : `；${imminent.length} 个即将因2周无更新被单项否决：${listed(
            imminent.map((a) => `${a.name}（${a.accountId}）${a.vetoDate}起`),
            "、",
            (n) => `等（另 ${n} 个）`,
          )}`
    }（截至 ${asOfDate}）`,
  unitsElsewhere: (format) =>
    `--units 只用于表格输出（JSON 始终包含主办单位）；${format} 的主办单位得分请用 --units-out 文件`,
  companionUsed: (table, file) => `使用${table}：${file}`,
  companionMissing: (table, patterns) => `未找到${table}（${patterns}）：相关检查记为“未评估”`,
  companionWorkbook: (table, file, saveAs) =>
    `${file} 是 Excel/WPS 工作簿，未读取：${saveAs}；本次${table}相关检查记为“未评估”`,
  wrote: (file) => `已写入 ${file}`,
  progress: (file, percent) => `读取 ${file} ${percent}%`,
  neverPosted: "从未更新",
  none: "-",
};

const EN: Phrases = {
  title: "Government new-media audit",
  window: (from, asOf, period) => `window ${from} → ${asOf}${period ? ` (${period})` : ""}`,
  profile: (id, name) => `profile ${id}${name && name !== id ? ` (${name})` : ""}`,
  zone: (name) => `zone ${name}`,
  inputs: "inputs",
  inputRows: (file, rows, skipped) =>
    `${file}: ${rows} row${rows === 1 ? "" : "s"}${skipped > 0 ? ` (${skipped} invalid skipped)` : ""}`,
  notEvaluated: (tables) =>
    `not evaluated: no ${tables.join(", ")} input; the checks that need it are not evaluated (not passed)`,
  calendarWarning: "calendar",
  dataIncomplete: "DATA INCOMPLETE: invalid input rows were skipped",
  warning: "warning",
  moreWarnings: (n) => `… ${n} more warning${n === 1 ? "" : "s"}`,
  noAccounts: "(no accounts)",
  summary: (s) =>
    `${s.accounts} account${s.accounts === 1 ? "" : "s"}: ${s.pass} pass, ${s.fail} fail, ${s.veto} veto, ${s.notScored} not scored; ${s.findings} finding${s.findings === 1 ? "" : "s"}`,
  whyHeading: "Why the failed and vetoed accounts failed:",
  imminentHeading: "About to be vetoed unless they post:",
  accountHeading: (name, id, verdict, score) => `■ ${name} (${id}) ${verdict}, score ${score}`,
  accountCell: (name, id) => `${name} (${id})`,
  points: (points) => `-${points} pts`,
  capped: "0 pts, cap reached",
  moreIssues: (n) => ` (+${n} more)`,
  noFindings: "(no findings)",
  accountNotEvaluated: (rules) => `not evaluated: ${rules}`,
  otherFindings: (n) =>
    `${n} more finding${n === 1 ? "" : "s"} on the other accounts: use --findings-out or --format json to see them all`,
  unitsHeading: "Host units:",
  alert: (s, asOfDate, imminent, atLevel) =>
    `${s.veto} vetoed, ${s.fail} failed of ${s.accounts} account${s.accounts === 1 ? "" : "s"}${
      atLevel === undefined
        ? ""
        : `, ${atLevel.findings} finding${atLevel.findings === 1 ? "" : "s"}${atLevel.level === "warning" ? "" : " above warning"}`
    }${
      imminent.length === 0
        ? ""
        : `; ${imminent.length} about to be vetoed for no update in 2 weeks: ${listed(
            imminent.map((a) => `${a.name} (${a.accountId}) on ${a.vetoDate}`),
            ", ",
            (n) => ` and ${n} more`,
          )}`
    } (as of ${asOfDate})`,
  unitsElsewhere: (format) =>
    `--units applies to the table (JSON always has the units); for the unit scores as ${format} use --units-out FILE`,
  companionUsed: (table, file) => `using ${table}: ${file}`,
  companionMissing: (table, patterns) => `no ${table} file (${patterns}): those checks are not evaluated`,
  companionWorkbook: (table, file, saveAs) =>
    `${file} is an Excel/WPS workbook, not read: ${saveAs}; the ${table} checks are not evaluated this time`,
  wrote: (file) => `wrote ${file}`,
  progress: (file, percent) => `reading ${file} ${percent}%`,
  neverPosted: "never",
  none: "-",
};

export const PHRASES: Record<Lang, Phrases> = { zh: ZH, en: EN };

export function phrases(lang: Lang): Phrases {
  return PHRASES[lang];
}

// ══ Set-up commands: gmaudit rules / profiles / init and the config file ══════════════════════════
// (src/cli/rules.ts, src/cli/profiles.ts, src/cli/init.ts, src/config/)

/** Columns of `gmaudit rules`. */
export const CATALOGUE_COLUMNS = {
  id: { zh: "规则", en: "Rule" },
  indicator: { zh: "指标", en: "Indicator" },
  kind: { zh: "类型", en: "Kind" },
  enabled: { zh: "启用", en: "On" },
  severity: { zh: "性质", en: "Severity" },
  pointsEach: { zh: "每次扣分", en: "Points each" },
  cap: { zh: "上限", en: "Cap" },
  params: { zh: "参数", en: "Parameters" },
  source: { zh: "依据", en: "Source" },
} as const satisfies Record<string, Localized>;

/** Columns of `gmaudit profiles`. */
export const PROFILE_COLUMNS = {
  id: { zh: "方案", en: "Profile" },
  name: { zh: "名称", en: "Name" },
  extends: { zh: "继承", en: "Extends" },
  scoring: { zh: "计分方式", en: "Scoring" },
  passScore: { zh: "合格线", en: "Pass score" },
  description: { zh: "说明", en: "Description" },
} as const satisfies Record<string, Localized>;

export const RULE_KIND_LABELS: Record<"automatic" | "manual" | "both", Localized> = {
  automatic: { zh: "自动", en: "automatic" },
  manual: { zh: "人工", en: "manual" },
  both: { zh: "自动+人工", en: "automatic + manual" },
};

export const SCORING_LABELS: Record<"deductions" | "veto-only", Localized> = {
  deductions: { zh: "扣分制", en: "deductions" },
  "veto-only": { zh: "仅单项否决", en: "veto only" },
};

export interface SetupPhrases {
  yes: string;
  no: string;
  noCap: string;
  /** A parameter that is not set (optional, no default). */
  unset: string;
  defaultMark: string;
  /** `继承链 national → jiangsu → kunshan · 扣分制 · 合格线 60` */
  profileLine(chain: string[], scoring: string, passScore: number | undefined): string;
  configUsed(file: string): string;
  ruleCount(automatic: number, manual: number, enabled: number): string;
  /** Under the `rules` table: where the per-rule pages are. */
  docsHint: string;
  initWrote(file: string): string;
  initExists(files: string[]): string;
  initNext(dir: string): string;
  /** The `$comment` lines of the config that `gmaudit init` writes. */
  configComment(profiles: string[], defaultProfile: string): string[];
}

const SETUP_ZH: SetupPhrases = {
  yes: "是",
  no: "否",
  noCap: "无",
  unset: "未设置",
  defaultMark: "（默认）",
  profileLine: (chain, scoring, passScore) =>
    `继承链 ${chain.join(" → ")} · ${scoring}${passScore === undefined ? "" : ` · 合格线 ${passScore}`}`,
  configUsed: (file) => `使用配置文件：${file}`,
  ruleCount: (automatic, manual, enabled) =>
    `共 ${automatic + manual} 项：自动规则 ${automatic} 项，人工检查指标 ${manual} 项；启用 ${enabled} 项`,
  docsHint: "各规则的说明、参数与各方案取值见 docs/rules/<规则>.md",
  initWrote: (file) => `已写入 ${file}`,
  initExists: (files) => `以下文件已存在，未写入任何文件（使用 --force 覆盖）：${files.join("、")}`,
  initNext: (dir) =>
    `下一步：在模板中填写数据（第一行为表头，可删除不需要的列；带 * 的列为必填），然后运行 gmaudit check ${dir === "." ? "" : `${dir}/`}accounts.csv`,
  configComment: (profiles, defaultProfile) => [
    "gmaudit 配置文件（JSON 不支持注释，说明写在 $comment 中，gmaudit 会忽略它）。",
    "优先级：命令行参数 > 本文件 > 评分方案（profile）> 规则默认值。",
    `profile：内置评分方案 ${profiles.join("、")}（默认 ${defaultProfile}），或评分方案 JSON 文件（路径相对于本文件）。`,
    "timezone：时区；calendar：补充节假日/调休数据文件（路径相对于本文件）；lang：输出语言 zh/en。",
    "failOn：何种情况下退出码为 1（veto、fail、violation、warning、never）；warnWithin：提前几天预警“2周无更新”。",
    'approvedSources：稿源单位名单（转载来源不在名单内时提示），如 ["新华社", "人民日报"]；unitAliases：主办单位的其他名称，如 {"清河县人民政府": ["清河县政府"]}。',
    'rules：逐条规则的设置，如 {"filing-deadline": {"workdays": 5}} 或 {"weak-account": {"minFollowers": 500}}；运行 gmaudit rules 查看全部规则、参数与当前取值。',
    'aliases：本单位导出表自己的列名和取值，如 {"columns": {"posts": {"推文时间": "published_at"}}, "status": {"暂停": "closed"}, "indicator": {"错别字": "improper-content"}}。',
    "approvedSources、unitAliases、rules 需要时再添加：本文件写出的值优先于评分方案，未写则沿用评分方案的设置。",
  ],
};

const SETUP_EN: SetupPhrases = {
  yes: "yes",
  no: "no",
  noCap: "none",
  unset: "unset",
  defaultMark: " (default)",
  profileLine: (chain, scoring, passScore) =>
    `chain ${chain.join(" → ")} · ${scoring}${passScore === undefined ? "" : ` · pass score ${passScore}`}`,
  configUsed: (file) => `using config ${file}`,
  ruleCount: (automatic, manual, enabled) =>
    `${automatic + manual} indicators: ${automatic} automatic rules, ${manual} manual indicators; ${enabled} enabled`,
  docsHint: "Each rule's reading, parameters and values per profile: docs/rules/<rule>.md",
  initWrote: (file) => `wrote ${file}`,
  initExists: (files) =>
    `these files exist, nothing was written (use --force to overwrite): ${files.join(", ")}`,
  initNext: (dir) =>
    `Next: fill in the templates (row 1 is the header; drop the columns you do not need; * marks a required column), then run gmaudit check ${dir === "." ? "" : `${dir}/`}accounts.csv`,
  configComment: (profiles, defaultProfile) => [
    "gmaudit configuration (JSON has no comments: notes go in $comment, which gmaudit ignores).",
    "Precedence: command-line flags > this file > profile > rule defaults.",
    `profile: a built-in profile (${profiles.join(", ")}; default ${defaultProfile}) or a profile JSON file (relative to this file).`,
    "timezone: the audit's time zone; calendar: extra holiday / make-up working day data (relative to this file); lang: zh or en.",
    "failOn: when the exit code is 1 (veto, fail, violation, warning, never); warnWithin: days of early warning before the 2-week veto.",
    'approvedSources: approved source units for reposts, e.g. ["新华社", "人民日报"]; unitAliases: other names of a host unit, e.g. {"清河县人民政府": ["清河县政府"]}.',
    'rules: per-rule settings, e.g. {"filing-deadline": {"workdays": 5}} or {"weak-account": {"minFollowers": 500}}; gmaudit rules lists every rule with its parameters and values.',
    'aliases: your exports\' own column names and values, e.g. {"columns": {"posts": {"推文时间": "published_at"}}, "status": {"暂停": "closed"}, "indicator": {"错别字": "improper-content"}}.',
    "Add approvedSources, unitAliases and rules when you need them: a value written here beats the profile's, and a key left out keeps the profile's.",
  ],
};

export const SETUP_PHRASES: Record<Lang, SetupPhrases> = { zh: SETUP_ZH, en: SETUP_EN };

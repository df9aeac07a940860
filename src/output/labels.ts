import type { AccountResult, UnitResult, Verdict } from "../audit/result.js";
import type { TableKind } from "../input/tables.js";
import type { Localized, Severity } from "../rules/define.js";

/**
 * The one label table of gmaudit: every user-facing word of the outputs, in Chinese (the default) and
 * English. Column keys are the JSON keys of PRODUCT §3; the English "label" of a CSV column IS its key,
 * so a `--lang en` CSV reads back with the same names as the JSON document.
 */

export type Lang = "zh" | "en";
export const LANGS: readonly Lang[] = ["zh", "en"];

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

function headerOf<K extends string>(zh: Record<K, string>, key: K, lang: Lang): string {
  return lang === "zh" ? zh[key] : key;
}

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

export const PLATFORM_LABELS: Record<AccountResult["platform"], Localized> = {
  wechat: { zh: "微信公众号", en: "WeChat" },
  weibo: { zh: "微博", en: "Weibo" },
  douyin: { zh: "抖音", en: "Douyin" },
  toutiao: { zh: "今日头条", en: "Toutiao" },
  kuaishou: { zh: "快手", en: "Kuaishou" },
  bilibili: { zh: "哔哩哔哩", en: "Bilibili" },
  xiaohongshu: { zh: "小红书", en: "Xiaohongshu" },
  wechat_channels: { zh: "视频号", en: "WeChat Channels" },
  app: { zh: "移动客户端", en: "App" },
  miniprogram: { zh: "小程序", en: "Mini program" },
  other: { zh: "其他", en: "other" },
};

/** Input tables as users name them (the Chinese names are also the companion file names). */
export const TABLE_LABELS: Record<TableKind, Localized> = {
  accounts: { zh: "账号台账", en: "accounts" },
  posts: { zh: "发布记录", en: "posts" },
  messages: { zh: "留言记录", en: "messages" },
  filings: { zh: "备案记录", en: "filings" },
  findings: { zh: "检查记录", en: "findings" },
};

/** Enum labels, or the raw value for one the table does not know (never crash on a new enum value). */
export function enumLabel<K extends string>(labels: Record<K, Localized>, value: K, lang: Lang): string {
  const label = (labels as Record<string, Localized | undefined>)[value];
  return label === undefined ? value : label[lang];
}

// ── Phrases ──────────────────────────────────────────────────────────────────────────────────────

export interface SummaryCounts {
  accounts: number;
  pass: number;
  fail: number;
  veto: number;
  notScored: number;
  findings: number;
}

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
  accountHeading(name: string, id: string, verdict: string, score: string): string;
  /** The account cell of the table: name and id on one line. */
  accountCell(name: string, id: string): string;
  points(points: number): string;
  /** After the costliest issue in the table cell: how many more rules cost points. */
  moreIssues(n: number): string;
  noFindings: string;
  accountNotEvaluated(rules: string): string;
  otherFindings(n: number): string;
  unitsHeading: string;
  /** The cron line: `2 vetoed, 1 failed of 12 accounts (as of 2026-09-30)` (after `gmaudit: `). */
  alert(s: SummaryCounts, asOfDate: string): string;
  companionUsed(table: string, file: string): string;
  companionMissing(table: string, patterns: string): string;
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
  accountHeading: (name, id, verdict, score) => `■ ${name}（${id}）${verdict}，得分 ${score}`,
  accountCell: (name, id) => `${name}（${id}）`,
  points: (points) => `扣 ${points} 分`,
  moreIssues: (n) => `（另 ${n} 项）`,
  noFindings: "（无问题记录）",
  accountNotEvaluated: (rules) => `未评估：${rules}`,
  otherFindings: (n) => `其余账号另有 ${n} 条问题，完整列表请用 --findings-out 或 --format json 输出`,
  unitsHeading: "主办单位：",
  alert: (s, asOfDate) =>
    `${s.accounts} 个账号中单项否决 ${s.veto} 个、不合格 ${s.fail} 个（截至 ${asOfDate}）`,
  companionUsed: (table, file) => `使用${table}：${file}`,
  companionMissing: (table, patterns) => `未找到${table}（${patterns}）：相关检查记为“未评估”`,
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
  accountHeading: (name, id, verdict, score) => `■ ${name} (${id}) ${verdict}, score ${score}`,
  accountCell: (name, id) => `${name} (${id})`,
  points: (points) => `-${points} pts`,
  moreIssues: (n) => ` (+${n} more)`,
  noFindings: "(no findings)",
  accountNotEvaluated: (rules) => `not evaluated: ${rules}`,
  otherFindings: (n) =>
    `${n} more finding${n === 1 ? "" : "s"} on the other accounts: use --findings-out or --format json to see them all`,
  unitsHeading: "Host units:",
  alert: (s, asOfDate) =>
    `${s.veto} vetoed, ${s.fail} failed of ${s.accounts} account${s.accounts === 1 ? "" : "s"} (as of ${asOfDate})`,
  companionUsed: (table, file) => `using ${table}: ${file}`,
  companionMissing: (table, patterns) => `no ${table} file (${patterns}): those checks are not evaluated`,
  wrote: (file) => `wrote ${file}`,
  progress: (file, percent) => `reading ${file} ${percent}%`,
  neverPosted: "never",
  none: "-",
};

export const PHRASES: Record<Lang, Phrases> = { zh: ZH, en: EN };

export function phrases(lang: Lang): Phrases {
  return PHRASES[lang];
}

import type { JsonAccount, JsonDocument, JsonFinding } from "../output/json.js";
import { enumLabel, type Lang, PLATFORM_LABELS, VERDICT_LABELS } from "../output/labels.js";
import type { Localized, Severity } from "../rules/define.js";
import { ruleById } from "../rules/index.js";
import { manualIndicatorById } from "../rules/manual.js";
import { civilDate, dayNumber } from "../time/zone.js";

/**
 * The bulletin (通报) of a check result (REPORT.md): every figure is computed here, once, from the
 * JSON document of `check --format json` — never from the inputs — and the Markdown, Word and HTML
 * renderers only lay it out. A report made from a saved result and one made by running the audit are
 * the same document.
 */

export interface BulletinOptions {
  lang: Lang;
  /** `--title`; default 关于{period}{全area}政务新媒体检查情况的通报. */
  title?: string;
  /** `--area`, e.g. 县 → 全县. */
  area?: string;
  /** `--issuer`: the issuing office, signed at the end. */
  issuer?: string;
  /** `--issued` (YYYY-MM-DD); default the monitoring day. */
  issued?: string;
  /** `--deadline` (YYYY-MM-DD); default issued + 10 days (昆政办发〔2019〕162号 附件3). */
  deadline?: string;
  /** How many accounts an indicator names before "另有 N 个账号，详见附件". */
  maxAccountsPerIndicator?: number;
}

/** Days given to rectify after the bulletin is issued (昆政办发〔2019〕162号 附件3: 10 days). */
export const RECTIFY_DAYS = 10;

export interface Counted {
  /** The platform label, the unit category, or the bin. */
  label: string;
  accounts: number;
  scored: number;
  pass: number;
  /** pass ÷ scored, null when none is scored. */
  passRate: number | null;
}

export interface ProblemAccount {
  accountId: string;
  name: string;
  platform: string;
  hostUnit: string;
  /** The evidence in one phrase: the first finding's message, and how many more there are. */
  evidence: string;
  points: number;
  findings: JsonFinding[];
}

export interface ProblemGroup {
  rule: string;
  indicator: string;
  severity: Severity;
  /** Points deducted by this indicator over all accounts (after caps). */
  points: number;
  accounts: ProblemAccount[];
  source: string;
}

export interface AccountRow {
  accountId: string;
  name: string;
  platform: string;
  hostUnit: string;
  unitCategory: string | null;
  score: number | null;
  verdict: JsonAccount["verdict"];
  verdictLabel: string;
  problems: string;
}

export interface HeatRow {
  label: string;
  verdict: JsonAccount["verdict"];
  weeklyPosts: number[];
}

export interface Bulletin {
  lang: Lang;
  title: string;
  periodLabel: string;
  from: string;
  to: string;
  profileName: string;
  dataIncomplete: boolean;
  issuer?: string;
  issued: string;
  deadline: string;
  totals: {
    accounts: number;
    /** Accounts judged in the window (not "not scored"). */
    checked: number;
    checkedShare: number | null;
    pass: number;
    fail: number;
    veto: number;
    notScored: number;
    passRate: number | null;
  };
  byPlatform: Counted[];
  byCategory: Counted[];
  /** Bins of 10 points (0–9.9 … 90–100): scored accounts only. */
  scoreBins: { label: string; accounts: number }[];
  problems: ProblemGroup[];
  /** Best and lowest unit per category, where units are scored. */
  unitExtremes: { category: string; best: string; bestScore: number; lowest: string; lowestScore: number }[];
  accounts: AccountRow[];
  units: JsonDocument["units"];
  weeks: string[];
  heat: HeatRow[];
  maxAccountsPerIndicator: number;
}

/** Findings a bulletin lists as problems: vetoes, deductions and violations (warnings are advice). */
export function isProblem(f: Pick<JsonFinding, "severity">): boolean {
  return f.severity !== "warning";
}

const SEVERITY_RANK: Record<Severity, number> = { veto: 0, deduct: 1, violation: 2, warning: 3 };

/** The indicator's name in `lang`: the JSON carries the Chinese one; the catalogue knows both. */
export function indicatorName(f: Pick<JsonFinding, "rule" | "indicator">, lang: Lang): string {
  if (lang === "zh") return f.indicator;
  const known: Localized | undefined = ruleById(f.rule)?.indicator ?? manualIndicatorById(f.rule)?.indicator;
  return known?.en ?? f.indicator;
}

export function platformName(platform: string, lang: Lang): string {
  return enumLabel(PLATFORM_LABELS, platform as JsonAccount["platform"], lang);
}

/** 2026Q3 → 2026年第三季度; 2026-09 → 2026年9月; 2026 → 2026年; 2026W38 → 2026年第38周. */
export function periodLabel(doc: Pick<JsonDocument, "period" | "from" | "asOf">, lang: Lang): string {
  const p = doc.period ?? "";
  const quarters = ["一", "二", "三", "四"];
  const quarter = /^(\d{4})Q([1-4])$/.exec(p);
  if (quarter) {
    const [, y, q] = quarter;
    return lang === "zh" ? `${y}年第${quarters[Number(q) - 1]}季度` : `Q${q} ${y}`;
  }
  const month = /^(\d{4})-(\d{2})$/.exec(p);
  if (month) return lang === "zh" ? `${month[1]}年${Number(month[2])}月` : `${month[1]}-${month[2]}`;
  const year = /^(\d{4})$/.exec(p);
  if (year) return lang === "zh" ? `${year[1]}年` : `${year[1]}`;
  const week = /^(\d{4})W(\d{2})$/.exec(p);
  if (week) return lang === "zh" ? `${week[1]}年第${Number(week[2])}周` : `week ${week[2]} of ${week[1]}`;
  const from = doc.from.slice(0, 10);
  const to = doc.asOf.slice(0, 10);
  return lang === "zh" ? `${from}至${to}` : `${from} to ${to}`;
}

function ratio(n: number, d: number): number | null {
  return d === 0 ? null : n / d;
}

/** A ratio as a percentage with two decimals (合格率 87.50%), as bulletins print it. */
export function percent2(r: number | null): string {
  return r === null ? "—" : `${(r * 100).toFixed(2)}%`;
}

function countBy(accounts: readonly JsonAccount[], key: (a: JsonAccount) => string): Counted[] {
  const groups = new Map<string, JsonAccount[]>();
  for (const a of accounts) {
    const k = key(a);
    groups.set(k, [...(groups.get(k) ?? []), a]);
  }
  return [...groups].map(([label, list]) => {
    const scored = list.filter((a) => a.verdict !== "not_scored").length;
    const pass = list.filter((a) => a.verdict === "pass").length;
    return { label, accounts: list.length, scored, pass, passRate: ratio(pass, scored) };
  });
}

const VERDICT_RANK: Record<JsonAccount["verdict"], number> = { veto: 0, fail: 1, pass: 2, not_scored: 3 };

export function buildBulletin(doc: JsonDocument, options: BulletinOptions): Bulletin {
  const { lang } = options;
  const max = options.maxAccountsPerIndicator ?? 10;
  const periodText = periodLabel(doc, lang);
  const area = options.area?.trim() ?? "";
  const title =
    options.title ??
    (lang === "zh"
      ? `关于${periodText}${area ? `全${area}` : ""}政务新媒体检查情况的通报`
      : `Bulletin on the inspection of government new-media accounts${area ? ` of ${area}` : ""}, ${periodText}`);
  const issued = options.issued ?? doc.asOf.slice(0, 10);
  const deadline = options.deadline ?? civilDate(dayNumber(issued) + RECTIFY_DAYS);

  const accounts = doc.accounts;
  const scoredAccounts = accounts.filter((a) => a.verdict !== "not_scored");
  const pass = accounts.filter((a) => a.verdict === "pass").length;
  const totals = {
    accounts: accounts.length,
    checked: scoredAccounts.length,
    checkedShare: ratio(scoredAccounts.length, accounts.length),
    pass,
    fail: accounts.filter((a) => a.verdict === "fail").length,
    veto: accounts.filter((a) => a.verdict === "veto").length,
    notScored: accounts.length - scoredAccounts.length,
    passRate: ratio(pass, scoredAccounts.length),
  };
  const uncategorised = lang === "zh" ? "未分类" : "uncategorised";

  // Score bins of 10 over the accounts with a score; 100 belongs to the last bin.
  const scores = scoredAccounts.map((a) => a.score).filter((s): s is number => s !== null);
  const scoreBins = Array.from({ length: 10 }, (_, i) => ({
    label: i === 9 ? "90–100" : `${i * 10}–${i * 10 + 9}`,
    accounts: scores.filter((s) => Math.min(9, Math.floor(s / 10)) === i).length,
  }));

  // 二、存在的主要问题: one group per indicator, worst first.
  const groups = new Map<string, ProblemGroup>();
  for (const a of accounts) {
    const problems = a.findings.filter(isProblem);
    const byRule = new Map<string, JsonFinding[]>();
    for (const f of problems) byRule.set(f.rule, [...(byRule.get(f.rule) ?? []), f]);
    for (const [rule, list] of byRule) {
      const first = list[0]!;
      let group = groups.get(rule);
      if (!group) {
        group = {
          rule,
          indicator: indicatorName(first, lang),
          severity: first.severity,
          points: 0,
          accounts: [],
          source: first.source,
        };
        groups.set(rule, group);
      }
      if (SEVERITY_RANK[first.severity] < SEVERITY_RANK[group.severity]) group.severity = first.severity;
      const points = list.reduce((n, f) => n + f.points, 0);
      group.points += points;
      const more = list.length - 1;
      group.accounts.push({
        accountId: a.accountId,
        name: a.name,
        platform: platformName(a.platform, lang),
        hostUnit: a.hostUnit,
        evidence:
          first.message + (more > 0 ? (lang === "zh" ? `等${list.length}处` : ` and ${more} more`) : ""),
        points,
        findings: list,
      });
    }
  }
  const problems = [...groups.values()]
    .map((g) => ({ ...g, points: Math.round(g.points * 10) / 10 }))
    .sort(
      (a, b) =>
        SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
        b.points - a.points ||
        b.accounts.length - a.accounts.length,
    );

  const unitExtremes = [...new Set(doc.units.map((u) => u.unitCategory ?? uncategorised))].flatMap(
    (category) => {
      const scored = doc.units
        .filter((u) => (u.unitCategory ?? uncategorised) === category && u.score !== null)
        .sort((a, b) => (b.score ?? 0) - (a.score ?? 0));
      const best = scored[0];
      const lowest = scored.at(-1);
      if (!best || !lowest || scored.length < 2) return [];
      return [
        {
          category,
          best: best.hostUnit,
          bestScore: best.score!,
          lowest: lowest.hostUnit,
          lowestScore: lowest.score!,
        },
      ];
    },
  );

  const rows: AccountRow[] = [...accounts]
    .sort(
      (a, b) =>
        VERDICT_RANK[a.verdict] - VERDICT_RANK[b.verdict] ||
        (a.score ?? 101) - (b.score ?? 101) ||
        (a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : 0),
    )
    .map((a) => ({
      accountId: a.accountId,
      name: a.name,
      platform: platformName(a.platform, lang),
      hostUnit: a.hostUnit,
      unitCategory: a.unitCategory,
      score: a.score,
      verdict: a.verdict,
      verdictLabel: enumLabel(VERDICT_LABELS, a.verdict, lang),
      problems: [...new Set(a.findings.filter(isProblem).map((f) => indicatorName(f, lang)))].join(
        lang === "zh" ? "；" : "; ",
      ),
    }));

  const heat = accounts
    .filter((a) => (a.verdict === "veto" || a.verdict === "fail") && a.weeklyPosts !== null)
    .map((a) => ({
      label: `${a.name}（${a.accountId}）`,
      verdict: a.verdict,
      weeklyPosts: a.weeklyPosts ?? [],
    }));

  return {
    lang,
    title,
    periodLabel: periodText,
    from: doc.from.slice(0, 10),
    to: doc.asOf.slice(0, 10),
    profileName: doc.profileName,
    dataIncomplete: doc.dataIncomplete,
    ...(options.issuer ? { issuer: options.issuer } : {}),
    issued,
    deadline,
    totals,
    byPlatform: countBy(accounts, (a) => platformName(a.platform, lang)),
    byCategory: countBy(accounts, (a) => a.unitCategory ?? uncategorised),
    scoreBins,
    problems,
    unitExtremes,
    accounts: rows,
    units: doc.units,
    weeks: doc.weeks ?? [],
    heat,
    maxAccountsPerIndicator: max,
  };
}

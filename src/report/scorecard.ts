import type { TableKind } from "../input/tables.js";
import { jsonAccountIdentity, jsonFinding } from "../output/json.js";
import { enumLabel, type Lang, PLATFORM_LABELS, TABLE_LABELS } from "../output/labels.js";
import { catalogue } from "../profiles/catalogue.js";
import type { ResolvedProfile } from "../profiles/resolve.js";
import type { Localized, Severity } from "../rules/define.js";
import { manualIndicatorById } from "../rules/manual.js";
import type { AccountResult, AuditResult, FindingResult, Verdict } from "../scoring/result.js";
import { Zone } from "../time/zone.js";

/**
 * One account's score card (PRODUCT §2.1 `--account`): every account rule of the profile with its
 * outcome for this account, the cap arithmetic per rule, and the sum that makes the score — so that
 * "why did we lose 5 points?" is answered from the result, line by line.
 */

export type CardStatus = "finding" | "passed" | "not_evaluated" | "not_applicable";

/** A finding of the account with its points before the cap (the profile's price × the occurrences). */
export interface CardFinding extends FindingResult {
  rawPoints: number;
}

export interface CardLine {
  rule: string;
  indicator: Localized;
  status: CardStatus;
  severity: Severity;
  pointsEach: number;
  cap: number | null;
  /** Why not evaluated / not applicable; what a pass rests on for an inspector-recorded indicator. */
  reason?: Localized;
  findings: CardFinding[];
  rawPoints: number;
  points: number;
}

export interface ScoreCard {
  accountId: string;
  name: string;
  platform: AccountResult["platform"];
  hostUnit: string;
  unitCategory?: string;
  status: AccountResult["status"];
  scoring: ResolvedProfile["scoring"];
  passScore: number;
  lines: CardLine[];
  /** Unit-level findings that name this account: listed, never scored (RULES §4). */
  unitFindings: FindingResult[];
  deductions: number;
  score: number | null;
  verdict: Verdict;
  vetoes: string[];
}

const STATUS_ORDER: Record<CardStatus, number> = {
  finding: 0,
  not_evaluated: 1,
  passed: 2,
  not_applicable: 3,
};

/** The accounts a `--account` value names: the id exactly, else every account of that name. */
export function accountsNamed(result: Pick<AuditResult, "accounts">, wanted: string): AccountResult[] {
  const key = wanted.trim();
  const byId = result.accounts.filter((a) => a.accountId === key);
  if (byId.length > 0) return byId;
  const norm = (s: string) => s.normalize("NFKC").replace(/\s+/g, "").replace(/^@/, "");
  return result.accounts.filter((a) => norm(a.name) === norm(key));
}

export function buildScoreCard(
  account: AccountResult,
  result: Pick<AuditResult, "missingInputs" | "units">,
  profile: ResolvedProfile,
): ScoreCard {
  const scored = account.verdict !== "not_scored";
  const lines: CardLine[] = [];
  for (const entry of catalogue(profile)) {
    if (entry.scope !== "account") continue;
    const findings = account.findings.filter((f) => f.rule === entry.id);
    const base = {
      rule: entry.id,
      indicator: entry.indicator,
      severity: entry.severity,
      pointsEach: entry.pointsEach,
      cap: entry.cap,
    };
    if (findings.length > 0) {
      const cardFindings = findings.map((f) => cardFinding(f, entry.pointsEach, profile.scoring));
      lines.push({
        ...base,
        status: "finding",
        findings: cardFindings,
        rawPoints: sum(cardFindings.map((f) => f.rawPoints)),
        points: sum(cardFindings.map((f) => f.points)),
      });
      continue;
    }
    const notEvaluated = account.notEvaluated.find((n) => n.rule === entry.id);
    const outcome = ((): { status: CardStatus; reason?: Localized } => {
      if (notEvaluated) return { status: "not_evaluated", reason: notEvaluated.reason };
      if (entry.kind === "manual") {
        if (!entry.enabled) return { status: "not_applicable", reason: REASONS.switchedOff };
        return result.missingInputs.includes("findings")
          ? { status: "not_evaluated", reason: missingInput(["findings"]) }
          : { status: "passed", reason: REASONS.noInspectionRecord };
      }
      if (!entry.enabled) return { status: "not_applicable", reason: REASONS.switchedOff };
      if (!scored && entry.rule?.runsWhenNotScored !== true) {
        return { status: "not_applicable", reason: REASONS.notScored };
      }
      return { status: "passed" };
    })();
    lines.push({ ...base, ...outcome, findings: [], rawPoints: 0, points: 0 });
  }
  lines.sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status]);
  const unitFindings = result.units.flatMap((u) =>
    u.findings.filter((f) => f.accountId.split(";").includes(account.accountId)),
  );
  return {
    accountId: account.accountId,
    name: account.name,
    platform: account.platform,
    hostUnit: account.hostUnit,
    ...(account.unitCategory === undefined ? {} : { unitCategory: account.unitCategory }),
    status: account.status,
    scoring: profile.scoring,
    passScore: profile.passScore,
    lines,
    unitFindings,
    deductions: account.deductions,
    score: account.score,
    verdict: account.verdict,
    vetoes: account.vetoes,
  };
}

function cardFinding(f: FindingResult, pointsEach: number, scoring: ResolvedProfile["scoring"]): CardFinding {
  // The engine prices an occurrence at pointsEach × count unless it is an advisory side note (shown
  // as a warning at 0 points) or the profile is veto-only; the cap then takes what exceeds it.
  const rawPoints =
    scoring === "deductions" && (f.points > 0 || f.severity !== "warning") ? pointsEach * f.count : 0;
  return { ...f, rawPoints: Math.max(rawPoints, f.points) };
}

function sum(values: readonly number[]): number {
  return Math.round(values.reduce((a, b) => a + b, 0) * 10) / 10;
}

const REASONS = {
  switchedOff: { zh: "评分方案未启用本项", en: "switched off by the profile" },
  notScored: {
    zh: "账号本期不评分（监测期前已关停注销或监测时间点后开设）",
    en: "the account is not scored in this window (closed before it or opened after the monitoring time)",
  },
  noInspectionRecord: {
    zh: "检查记录中无本项问题（本项由人工检查判断）",
    en: "no inspection finding recorded (judged by inspectors)",
  },
} satisfies Record<string, Localized>;

function missingInput(kinds: readonly string[]): Localized {
  const names = (lang: Lang) =>
    kinds
      .map((k) => (k in TABLE_LABELS ? TABLE_LABELS[k as TableKind][lang] : k))
      .join(lang === "zh" ? "、" : ", ");
  return { zh: `未提供${names("zh")}`, en: `no ${names("en")} input` };
}

// ---------------------------------------------------------------------------------------------
// Rendering

const CARD_TEXT = {
  zh: {
    title: (name: string, id: string) => `账号得分明细：${name}（${id}）`,
    facts: (platform: string, unit: string, category: string | undefined) =>
      `平台 ${platform} · 主办单位 ${unit}${category ? ` · 单位类别 ${category}` : ""}`,
    window: (from: string, to: string, profile: string) => `监测期 ${from} 至 ${to} · 评分方案 ${profile}`,
    status: { finding: "问题", passed: "通过", not_evaluated: "未评估", not_applicable: "不适用" },
    group: {
      finding: (n: number) => `发现问题的指标（${n} 项）：`,
      not_evaluated: (n: number) => `未评估的指标（${n} 项，不视为通过）：`,
      not_applicable: (n: number) => `不适用的指标（${n} 项）：`,
      passed: (n: number) => `通过的指标（${n} 项）：`,
    },
    pointsLost: (points: number) => (points > 0 ? `（扣 ${points} 分）` : "（不扣分）"),
    points: (points: number) => (points > 0 ? ` ${points} 分` : ""),
    capped: (points: number, raw: number) => ` ${points} 分，按上限由 ${raw} 分减为 ${points} 分`,
    because: (reason: string) => (reason ? `：${reason}` : ""),
    severity: { veto: "单项否决", deduct: "扣分", violation: "违规", warning: "提示" },
    arithmetic: "扣分计算（每项先合计，再按上限封顶）：",
    ruleLine: (name: string, parts: string, raw: number, cap: number | null, points: number) =>
      `  ${name}：${parts === String(raw) ? "" : `${parts} = `}${raw} 分${cap === null ? "（无上限）" : raw > cap ? `，超过上限 ${cap} 分` : `（上限 ${cap} 分）`} → 扣 ${points} 分`,
    occurrences: (each: number, count: number) =>
      count > 1 ? `${each} 分/处 × ${count} 处` : `${each * count}`,
    noDeductions: "  无扣分。",
    total: (parts: string, total: number) =>
      `  合计扣分 ${parts === String(total) ? "" : `${parts} = `}${total} 分`,
    score: (deductions: number, score: string) => `  得分 100 − ${deductions} = ${score} 分`,
    vetoed: (names: string) => `结论：单项否决（${names}），得分记 0 分`,
    verdict: (score: string, pass: number, ok: boolean) =>
      `结论：${score} 分${ok ? "，不低于" : "，低于"}合格线 ${pass} 分 → ${ok ? "合格" : "不合格"}`,
    vetoOnly: (ok: boolean) => `结论：仅判单项否决的评分方案，${ok ? "无单项否决 → 合格" : "有单项否决"}`,
    notScored: "结论：本期不评分（未评分）",
    unitFindings: "单位层面问题（不计入账号得分）：",
    evidenceAt: (at: string) => `（${at}）`,
    source: "依据：",
  },
  en: {
    title: (name: string, id: string) => `Score card: ${name} (${id})`,
    facts: (platform: string, unit: string, category: string | undefined) =>
      `Platform ${platform} · host unit ${unit}${category ? ` · category ${category}` : ""}`,
    window: (from: string, to: string, profile: string) => `Window ${from} to ${to} · profile ${profile}`,
    status: {
      finding: "finding",
      passed: "passed",
      not_evaluated: "not evaluated",
      not_applicable: "not applicable",
    },
    group: {
      finding: (n: number) => `Indicators with findings (${n}):`,
      not_evaluated: (n: number) => `Not evaluated (${n}; never counted as passed):`,
      not_applicable: (n: number) => `Not applicable (${n}):`,
      passed: (n: number) => `Passed (${n}):`,
    },
    pointsLost: (points: number) => (points > 0 ? ` (−${points})` : " (no points)"),
    points: (points: number) => (points > 0 ? ` −${points}` : ""),
    capped: (points: number, raw: number) => ` −${points}, ${raw} capped to ${points}`,
    because: (reason: string) => (reason ? `: ${reason}` : ""),
    severity: { veto: "veto", deduct: "deduction", violation: "violation", warning: "warning" },
    arithmetic: "Deductions (each indicator summed, then capped):",
    ruleLine: (name: string, parts: string, raw: number, cap: number | null, points: number) =>
      `  ${name}: ${parts === String(raw) ? "" : `${parts} = `}${raw}${cap === null ? " (no cap)" : raw > cap ? `, over the cap of ${cap}` : ` (cap ${cap})`} → −${points}`,
    occurrences: (each: number, count: number) => (count > 1 ? `${each} × ${count}` : `${each * count}`),
    noDeductions: "  No deductions.",
    total: (parts: string, total: number) =>
      `  Total deducted ${parts === String(total) ? "" : `${parts} = `}${total}`,
    score: (deductions: number, score: string) => `  Score 100 − ${deductions} = ${score}`,
    vetoed: (names: string) => `Verdict: veto (${names}); the score is 0`,
    verdict: (score: string, pass: number, ok: boolean) =>
      `Verdict: ${score}, ${ok ? "not below" : "below"} the pass mark of ${pass} → ${ok ? "pass" : "fail"}`,
    vetoOnly: (ok: boolean) => `Verdict: veto-only profile, ${ok ? "no veto → pass" : "vetoed"}`,
    notScored: "Verdict: not scored in this window",
    unitFindings: "Unit-level problems (not part of the account's score):",
    evidenceAt: (at: string) => ` (${at})`,
    source: "source: ",
  },
} as const;

export interface CardRenderOptions {
  lang: Lang;
  timezone: string;
  from: number;
  asOf: number;
  profileName: string;
}

/** The deduction lines and the verdict: the arithmetic that makes the score, one line per step. */
export function arithmeticLines(card: ScoreCard, lang: Lang): string[] {
  const t = CARD_TEXT[lang];
  const out: string[] = [t.arithmetic];
  const priced = card.lines.filter((l) => l.rawPoints > 0);
  for (const line of priced) {
    const parts = line.findings
      .filter((f) => f.rawPoints > 0)
      .map((f) => t.occurrences(line.pointsEach, f.count))
      .join(" + ");
    out.push(t.ruleLine(line.indicator[lang], parts, line.rawPoints, line.cap, line.points));
  }
  if (priced.length === 0) out.push(t.noDeductions);
  else out.push(t.total(priced.map((l) => l.points).join(" + "), card.deductions));
  if (card.verdict === "not_scored") out.push(t.notScored);
  else if (card.verdict === "veto") {
    const names = card.lines.filter((l) => card.vetoes.includes(l.rule)).map((l) => l.indicator[lang]);
    out.push(t.vetoed(names.join(lang === "zh" ? "、" : ", ")));
  } else if (card.scoring === "veto-only") out.push(t.vetoOnly(card.verdict === "pass"));
  else {
    const score = (card.score ?? 0).toFixed(1);
    out.push(t.score(card.deductions, score));
    out.push(t.verdict(score, card.passScore, card.verdict === "pass"));
  }
  return out;
}

/**
 * The card as text: a heading, the indicators with findings (each occurrence with its evidence, the
 * file and line it comes from, and its clause), those not evaluated or not applicable with the
 * reason, the passed ones in one paragraph, then the arithmetic. A list rather than a grid: evidence
 * sentences are long and Chinese text does not wrap well inside fixed-width cells.
 */
export function renderScoreCard(card: ScoreCard, options: CardRenderOptions): string {
  const { lang } = options;
  const t = CARD_TEXT[lang];
  const zone = Zone.of(options.timezone);
  const when = (ms: number) => zone.format(ms).slice(0, 16).replace("T", " ");
  const out = [
    t.title(card.name, card.accountId),
    t.facts(enumLabel(PLATFORM_LABELS, card.platform, lang), card.hostUnit, card.unitCategory),
    t.window(when(options.from), when(options.asOf), options.profileName),
  ];
  const of = (status: CardStatus) => card.lines.filter((l) => l.status === status);
  const findings = of("finding");
  if (findings.length > 0) out.push("", t.group.finding(findings.length));
  for (const line of findings) {
    out.push(`■ ${line.indicator[lang]}${t.pointsLost(line.points)}`);
    for (const f of line.findings) {
      const at = typeof f.evidence.at === "string" ? t.evidenceAt(f.evidence.at) : "";
      const points = f.rawPoints > f.points ? t.capped(f.points, f.rawPoints) : t.points(f.points);
      out.push(`  [${t.severity[f.severity]}${points}] ${f.message[lang]}${at}`);
      out.push(`    ${t.source}${f.source}`);
    }
  }
  for (const status of ["not_evaluated", "not_applicable"] as const) {
    const lines = of(status);
    if (lines.length === 0) continue;
    out.push("", t.group[status](lines.length));
    for (const line of lines) out.push(`· ${line.indicator[lang]}${t.because(line.reason?.[lang] ?? "")}`);
  }
  const passed = of("passed");
  if (passed.length > 0) {
    out.push("", t.group.passed(passed.length));
    out.push(passed.map((l) => l.indicator[lang]).join(lang === "zh" ? "；" : "; "));
  }
  out.push("", ...arithmeticLines(card, lang));
  if (card.unitFindings.length > 0) {
    out.push(
      "",
      t.unitFindings,
      ...card.unitFindings.map((f) => `· ${f.indicator[lang]}${t.because(f.message[lang])}`),
    );
  }
  return `${out.join("\n")}\n`;
}

/** The card as JSON: English keys and enum values, text in `lang`, times in the audit zone. */
export function scoreCardJson(card: ScoreCard, options: CardRenderOptions) {
  const { lang } = options;
  const zone = Zone.of(options.timezone);
  return {
    ...jsonAccountIdentity(card),
    profile: options.profileName,
    from: zone.format(options.from),
    asOf: zone.format(options.asOf),
    scoring: card.scoring,
    passScore: card.passScore,
    rules: card.lines.map((l) => ({
      rule: l.rule,
      indicator: l.indicator.zh,
      status: l.status,
      severity: l.severity,
      pointsEach: l.pointsEach,
      cap: l.cap,
      reason: l.reason?.[lang] ?? null,
      rawPoints: l.rawPoints,
      points: l.points,
      findings: l.findings.map((f) => ({ ...jsonFinding(f, zone, lang), rawPoints: f.rawPoints })),
    })),
    arithmetic: arithmeticLines(card, lang),
    deductions: card.deductions,
    score: card.score,
    verdict: card.verdict,
    vetoes: card.vetoes,
    unitFindings: card.unitFindings.map((f) => ({
      rule: f.rule,
      indicator: f.indicator.zh,
      message: f.message[lang],
    })),
  };
}

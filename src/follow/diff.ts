import { GmauditError } from "../errors.js";
import { message } from "../i18n.js";
import { needParts } from "../input/needs.js";
import { BUILTIN_PROFILES } from "../profiles/builtin.js";
import { resolveProfile } from "../profiles/resolve.js";
import type { Localized } from "../rules/define.js";
import { ruleById } from "../rules/index.js";
import type { SavedAccount, SavedFinding, SavedResult } from "./saved-result.js";

/**
 * RULES §7, `gmaudit diff`: each rectifiable problem of a baseline result is rectified (absent from
 * the re-check), outstanding (the same key is there) or not re-checked (the re-check could not see
 * it: its account, its input or its rule is missing there); the re-check's rectifiable problems
 * whose key the baseline lacks are new. Historical findings (past events) are counted apart and never
 * as outstanding; advisory notes are no problems at all.
 */

export const DIFF_STATUSES = ["outstanding", "rectified", "not-rechecked", "new"] as const;
export type DiffStatus = (typeof DIFF_STATUSES)[number];

export interface DiffProblem {
  status: DiffStatus;
  hostUnit: string;
  /** The account, or the accounts of a unit-level problem (`;`-joined, as in the check result). */
  accountId: string;
  accountName: string;
  rule: string;
  /** The Chinese indicator name, as in the check result. */
  indicator: string;
  severity: string;
  key: string;
  /** The baseline's message (absent for a new problem). */
  baseline: string | null;
  /** The re-check's message (present for outstanding and new problems). */
  recheck: string | null;
  /** Why a problem was not re-checked. */
  reason: Localized | null;
}

export interface DiffCounts {
  outstanding: number;
  rectified: number;
  notRechecked: number;
  new: number;
  /** Past events of the baseline: listed by check, never counted here. */
  historical: number;
}

export interface DiffUnit extends DiffCounts {
  hostUnit: string;
}

export interface DiffResult {
  baseline: { file: string; asOf: string; period: string | null; profile: string };
  recheck: { file: string; asOf: string; period: string | null; profile: string };
  warnings: Localized[];
  summary: DiffCounts;
  units: DiffUnit[];
  problems: DiffProblem[];
}

const REFUSALS = {
  notLater: {
    zh: (b: string, r: string) =>
      `复查结果的监测时间点（${r}）不晚于基线（${b}）：请按“基线 复查”的顺序给出两个结果，复查须晚于基线`,
    en: (b: string, r: string) =>
      `the re-check's monitoring time (${r}) is not later than the baseline's (${b}): give the baseline first, then a later re-check`,
  },
  otherRegistry: {
    zh: (n: number, m: number) =>
      `两个结果不是同一备案台账：基线的 ${n} 个账号中只有 ${m} 个出现在复查结果中（同一账号ID、同一主办单位）；请用同一台账复查`,
    en: (n: number, m: number) =>
      `the two results are not of the same registry: only ${m} of the baseline's ${n} accounts are in the re-check (same account id and host unit); re-check with the same registry`,
  },
} as const;

const REASONS = {
  noAccount: { zh: "复查结果中无此账号", en: "the account is not in the re-check" },
  noUnit: { zh: "复查结果中无此单位", en: "the unit is not in the re-check" },
  noInput: (zh: string, en: string) => ({
    zh: `复查未提供${zh}，无法判断`,
    en: `the re-check had no ${en} input`,
  }),
  notEvaluated: { zh: "复查中该项未评估", en: "not evaluated in the re-check" },
  ruleOff: { zh: "复查所用方案未启用该项", en: "switched off in the re-check's profile" },
} as const;

const INPUT_NAMES: Record<string, Localized> = {
  posts: { zh: "发布记录", en: "posts" },
  messages: { zh: "留言记录", en: "messages" },
  filings: { zh: "备案记录", en: "filings" },
  findings: { zh: "检查记录", en: "findings" },
};

export function diffResults(baseline: SavedResult, recheck: SavedResult, _lang: keyof Localized): DiffResult {
  if (recheck.asOfMs <= baseline.asOfMs) {
    throw new GmauditError(
      message(
        "diff.not-later",
        REFUSALS.notLater.zh(baseline.asOf, recheck.asOf),
        REFUSALS.notLater.en(baseline.asOf, recheck.asOf),
      ),
    );
  }
  const recheckAccounts = new Map(recheck.accounts.map((a) => [a.accountId, a]));
  const shared = baseline.accounts.filter(
    (a) => recheckAccounts.get(a.accountId)?.hostUnit === a.hostUnit,
  ).length;
  // A registry grows and shrinks between two checks; half of it gone means another registry.
  if (baseline.accounts.length > 0 && shared * 2 < baseline.accounts.length) {
    throw new GmauditError(
      message(
        "diff.other-registry",
        REFUSALS.otherRegistry.zh(baseline.accounts.length, shared),
        REFUSALS.otherRegistry.en(baseline.accounts.length, shared),
      ),
    );
  }
  const warnings: Localized[] = [];
  if (baseline.profile !== recheck.profile) {
    warnings.push({
      zh: `基线与复查所用方案不同（${baseline.profile} / ${recheck.profile}）：只在两者都检查的项目上比较`,
      en: `the baseline and the re-check used different profiles (${baseline.profile} / ${recheck.profile}): only what both checked is compared`,
    });
  }
  if (recheck.dataIncomplete) {
    warnings.push({
      zh: "复查结果标记为“数据不完整”（跳过了无效行）：其中未再出现的问题不一定已整改",
      en: "the re-check is marked data incomplete (invalid rows were skipped): a problem absent from it may not be rectified",
    });
  }
  const disabled = disabledRules(recheck.profile);

  const recheckKeys = new Map<string, SavedFinding[]>();
  for (const f of allFindings(recheck)) {
    if (f.rectification !== "rectifiable" || f.key === null) continue;
    const list = recheckKeys.get(f.key);
    if (list) list.push(f);
    else recheckKeys.set(f.key, [f]);
  }
  const recheckUnits = new Set(recheck.units.map((u) => u.hostUnit));
  const baselineAccounts = new Map(baseline.accounts.map((a) => [a.accountId, a]));

  const problems: DiffProblem[] = [];
  const historical = new Map<string, number>();
  const matched = new Set<SavedFinding>();
  for (const f of allFindings(baseline)) {
    if (f.rectification === "historical") historical.set(f.hostUnit, (historical.get(f.hostUnit) ?? 0) + 1);
    if (f.rectification !== "rectifiable" || f.key === null) continue;
    const again = recheckKeys.get(f.key)?.find((g) => !matched.has(g));
    const base = {
      hostUnit: f.hostUnit,
      accountId: f.accountId,
      accountName: baselineAccounts.get(f.accountId)?.name ?? "",
      rule: f.rule,
      indicator: f.indicator,
      severity: f.severity,
      key: f.key,
      baseline: f.message,
    };
    if (again) {
      matched.add(again);
      problems.push({ ...base, status: "outstanding", recheck: again.message, reason: null });
      continue;
    }
    const reason = notRecheckedReason(f, recheck, recheckAccounts, recheckUnits, disabled);
    problems.push({ ...base, status: reason ? "not-rechecked" : "rectified", recheck: null, reason });
  }
  for (const [, list] of recheckKeys) {
    for (const g of list) {
      if (matched.has(g)) continue;
      problems.push({
        status: "new",
        hostUnit: g.hostUnit,
        accountId: g.accountId,
        accountName: recheckAccounts.get(g.accountId)?.name ?? "",
        rule: g.rule,
        indicator: g.indicator,
        severity: g.severity,
        key: g.key!,
        baseline: null,
        recheck: g.message,
        reason: null,
      });
    }
  }

  const unitNames = [
    ...new Set([
      ...baseline.accounts.map((a) => a.hostUnit),
      ...recheck.accounts.map((a) => a.hostUnit),
      ...problems.map((p) => p.hostUnit),
    ]),
  ];
  const units = unitNames.map((hostUnit) => ({
    hostUnit,
    ...count(
      problems.filter((p) => p.hostUnit === hostUnit),
      historical.get(hostUnit) ?? 0,
    ),
  }));
  const order = (p: DiffProblem) => DIFF_STATUSES.indexOf(p.status);
  const unitOrder = new Map(unitNames.map((u, i) => [u, i]));
  problems.sort((a, b) => unitOrder.get(a.hostUnit)! - unitOrder.get(b.hostUnit)! || order(a) - order(b));
  return {
    baseline: describe(baseline),
    recheck: describe(recheck),
    warnings,
    summary: count(
      problems,
      [...historical.values()].reduce((s, n) => s + n, 0),
    ),
    units,
    problems,
  };
}

function describe(r: SavedResult): DiffResult["baseline"] {
  return { file: r.file, asOf: r.asOf, period: r.period ?? null, profile: r.profile };
}

function count(problems: readonly DiffProblem[], historical: number): DiffCounts {
  const n = (s: DiffStatus) => problems.filter((p) => p.status === s).length;
  return {
    outstanding: n("outstanding"),
    rectified: n("rectified"),
    notRechecked: n("not-rechecked"),
    new: n("new"),
    historical,
  };
}

function* allFindings(r: SavedResult): Generator<SavedFinding> {
  for (const a of r.accounts) yield* a.findings;
  for (const u of r.units) yield* u.findings;
}

/** The rules a built-in profile switches off (a profile file's are unknown here: none). */
function disabledRules(profile: string): Set<string> {
  if (!BUILTIN_PROFILES.has(profile)) return new Set();
  return new Set(
    resolveProfile(profile)
      .rules.filter((r) => !r.enabled)
      .map((r) => r.rule.id),
  );
}

/** Why the re-check cannot tell whether a baseline problem is rectified; null when it can. */
function notRecheckedReason(
  f: SavedFinding,
  recheck: SavedResult,
  accounts: ReadonlyMap<string, SavedAccount>,
  units: ReadonlySet<string>,
  disabled: ReadonlySet<string>,
): Localized | null {
  const manual = f.messageId === "manual-finding";
  // A unit-level problem names its accounts joined with ";" (as the check result does).
  if (f.accountId.includes(";")) {
    if (!units.has(f.hostUnit)) return REASONS.noUnit;
  } else if (!accounts.has(f.accountId)) return REASONS.noAccount;
  // A missing table is said here; a missing column leaves the rule not evaluated for the account,
  // which the re-check's notEvaluated says below.
  const tables = manual ? ["findings"] : (ruleById(f.rule)?.needs ?? []).map((need) => needParts(need).table);
  const missing = tables.find((table) => recheck.missingInputs.includes(table));
  if (missing !== undefined) {
    const name = INPUT_NAMES[missing] ?? { zh: missing, en: missing };
    return REASONS.noInput(name.zh, name.en);
  }
  if (manual) return null;
  if (disabled.has(f.rule)) return REASONS.ruleOff;
  if (accounts.get(f.accountId)?.notEvaluated.some((n) => n.rule === f.rule)) return REASONS.notEvaluated;
  return null;
}

import type { ResolvedProfile } from "../profiles/resolve.js";
import { roundOne } from "./account.js";
import type { AccountResult, FindingResult, UnitResult } from "./result.js";

/**
 * RULES §4 (000: 单位得分为账号得分的平均分，单位最终得分=（单位得分÷同类单位最高得分）×100分):
 * rawScore = 0 when any scored account is vetoed, else the mean of the scored accounts' scores;
 * score = rawScore ÷ the best rawScore of the same unitCategory × 100. Under a veto-only profile
 * accounts have no score: the pass rate is the unit's only figure.
 */
export function scoreUnits(
  accounts: AccountResult[],
  profile: ResolvedProfile,
  /** Findings of the unit-level rules by host unit: listed on the unit, they change no score. */
  unitFindings: ReadonlyMap<string, FindingResult[]> = new Map(),
): UnitResult[] {
  const groups = new Map<string, AccountResult[]>();
  for (const a of accounts) {
    const list = groups.get(a.hostUnit);
    if (list) list.push(a);
    else groups.set(a.hostUnit, [a]);
  }
  const units: UnitResult[] = [...groups].map(([hostUnit, list]) => {
    const scored = list.filter((a) => a.verdict !== "not_scored");
    const vetoed = scored.filter((a) => a.verdict === "veto").length;
    const failed = scored.filter((a) => a.verdict === "fail").length;
    const passed = scored.length - vetoed - failed;
    let rawScore: number | null = null;
    if (profile.scoring === "deductions" && scored.length > 0) {
      rawScore =
        vetoed > 0 ? 0 : roundOne(scored.reduce((sum, a) => sum + (a.score ?? 0), 0) / scored.length);
    }
    const unitCategory = list.find((a) => a.unitCategory !== undefined)?.unitCategory;
    const verdict =
      scored.length === 0
        ? "not_scored"
        : vetoed > 0
          ? "veto"
          : rawScore !== null && rawScore < profile.passScore
            ? "fail"
            : "pass";
    return {
      hostUnit,
      ...(unitCategory === undefined ? {} : { unitCategory }),
      accounts: list.length,
      scored: scored.length,
      vetoed,
      failed,
      rawScore,
      score: null,
      passRate: scored.length === 0 ? null : passed / scored.length,
      verdict,
      findings: unitFindings.get(hostUnit) ?? [],
      accountFindings: list.reduce((n, a) => n + a.findings.length, 0),
    };
  });
  const best = new Map<string, number>();
  for (const u of units) {
    if (u.rawScore === null) continue;
    const key = u.unitCategory ?? "";
    best.set(key, Math.max(best.get(key) ?? 0, u.rawScore));
  }
  for (const u of units) {
    if (u.rawScore === null) continue;
    const top = best.get(u.unitCategory ?? "") ?? 0;
    u.score = top === 0 ? 0 : roundOne((u.rawScore / top) * 100);
  }
  return units;
}

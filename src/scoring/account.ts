import { capsOf } from "../profiles/catalogue.js";
import type { ResolvedProfile } from "../profiles/resolve.js";
import type { FindingResult, Verdict } from "./result.js";

export interface AccountScore {
  score: number | null;
  verdict: Verdict;
  vetoes: string[];
  /** Points deducted after caps (also reported for vetoed accounts). */
  deductions: number;
  /** The findings with their points after caps. */
  findings: FindingResult[];
}

export function roundOne(x: number): number {
  return Math.round(x * 10) / 10;
}

/**
 * RULES §4: score = max(0, 100 − Σ over rules of min(cap, Σ points)); any veto → 0 and `veto`;
 * below passScore → `fail`. Caps are spent in the order findings are listed: the first occurrences
 * carry the points, the rest show 0. One cap per id: automatic and manual findings of the same id
 * (RULES §3) share it; a manual-only indicator has the catalogue's cap.
 */
export function scoreAccount(
  findings: FindingResult[],
  profile: ResolvedProfile,
  scored: boolean,
): AccountScore {
  const capOf = capsOf(profile);
  const spent = new Map<string, number>();
  let deductions = 0;
  const capped = findings.map((finding) => {
    if (finding.points <= 0) return finding;
    const cap = capOf.get(finding.rule) ?? null;
    const used = spent.get(finding.rule) ?? 0;
    const points = cap === null ? finding.points : Math.max(0, Math.min(finding.points, cap - used));
    spent.set(finding.rule, used + points);
    deductions += points;
    return points === finding.points ? finding : { ...finding, points };
  });
  const vetoes = [...new Set(capped.filter((f) => f.severity === "veto").map((f) => f.rule))];
  deductions = roundOne(deductions);
  if (!scored) return { score: null, verdict: "not_scored", vetoes, deductions, findings: capped };
  if (profile.scoring === "veto-only") {
    return {
      score: null,
      verdict: vetoes.length > 0 ? "veto" : "pass",
      vetoes,
      deductions,
      findings: capped,
    };
  }
  if (vetoes.length > 0) return { score: 0, verdict: "veto", vetoes, deductions, findings: capped };
  const score = roundOne(Math.max(0, 100 - deductions));
  return {
    score,
    verdict: score < profile.passScore ? "fail" : "pass",
    vetoes,
    deductions,
    findings: capped,
  };
}

import type { ResolvedProfile } from "../profiles/resolve.js";
import { spendCaps } from "./price.js";
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
 * below passScore → `fail`. Caps are spent in the order findings are listed (`spendCaps`).
 */
export function scoreAccount(
  findings: FindingResult[],
  profile: ResolvedProfile,
  scored: boolean,
): AccountScore {
  const { findings: capped, deductions: spent } = spendCaps(findings, profile);
  const vetoes = [...new Set(capped.filter((f) => f.severity === "veto").map((f) => f.rule))];
  const deductions = roundOne(spent);
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

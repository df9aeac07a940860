import { capsOf } from "../profiles/catalogue.js";
import type { EngineSettings, ResolvedProfile } from "../profiles/resolve.js";
import type { Severity } from "../rules/define.js";
import type { FindingResult } from "./result.js";

/** What one occurrence costs before caps. */
export interface Price {
  severity: Severity;
  points: number;
  count: number;
}

/**
 * The one price of an occurrence, a rule's or an inspector's (RULES §3): the severity and points each
 * the profile resolves for the id, times the count. An advisory side note keeps its own lower level
 * and never costs points, whatever the profile charges; a veto-only profile charges none; unit and
 * global findings (`priceable: false`) carry no points (RULES §4). Caps come later, per account
 * (`spendCaps`), since they depend on what else the account was found with.
 */
export function priceOccurrence(
  settings: Pick<EngineSettings, "severity" | "pointsEach">,
  scoring: ResolvedProfile["scoring"],
  occurrence: { count?: number | undefined; advisory?: Severity | undefined },
  priceable = true,
): Price {
  const count = occurrence.count ?? 1;
  const { advisory } = occurrence;
  const charged = priceable && advisory === undefined && scoring === "deductions";
  return {
    severity: advisory ?? settings.severity,
    points: charged ? settings.pointsEach * count : 0,
    count,
  };
}

/**
 * Caps spent in the order findings are listed: the first occurrences carry the points, the rest show
 * 0. One cap per id: automatic and manual findings of the same id (RULES §3) share it; a manual-only
 * indicator has the catalogue's cap. Returns the findings with their points after caps and the sum.
 */
export function spendCaps(
  findings: readonly FindingResult[],
  profile: ResolvedProfile,
): { findings: FindingResult[]; deductions: number } {
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
  return { findings: capped, deductions };
}

import type { AccountFacts } from "../audit/facts.js";
import type { FindingResult } from "../audit/result.js";
import type { TableKind } from "../input/tables.js";
import type { ResolvedProfile } from "../profiles/resolve.js";
import { fillTemplate, isNotEvaluated, type RuleContext } from "./define.js";

export interface AccountEvaluation {
  /** Points are before caps: scoring applies them. */
  findings: FindingResult[];
  notEvaluated: { rule: string; reason: string }[];
}

/**
 * Runs the profile's enabled rules on one account and stamps each occurrence with the severity and
 * points the profile gives the rule. Rules never see severities or points.
 */
export function evaluateAccount(
  facts: AccountFacts,
  profile: ResolvedProfile,
  ctx: RuleContext,
  available: ReadonlySet<TableKind>,
  scored: boolean,
): AccountEvaluation {
  const findings: FindingResult[] = [];
  const notEvaluated: AccountEvaluation["notEvaluated"] = [];
  const { account } = facts;
  for (const resolved of profile.rules) {
    const { rule } = resolved;
    if (!resolved.enabled || (!scored && !rule.runsWhenNotScored)) continue;
    const missing = rule.needs.filter((kind) => !available.has(kind));
    if (missing.length > 0) {
      notEvaluated.push({ rule: rule.id, reason: `no ${missing.join(", ")} input` });
      continue;
    }
    const outcome = rule.evaluate(facts, resolved.params, ctx);
    if (isNotEvaluated(outcome)) {
      notEvaluated.push({ rule: rule.id, reason: outcome.notEvaluated });
      continue;
    }
    for (const occurrence of outcome) {
      const template = rule.messages[occurrence.messageId];
      if (!template) throw new Error(`rule ${rule.id} reported unknown message id ${occurrence.messageId}`);
      const count = occurrence.count ?? 1;
      const severity = occurrence.advisory ?? resolved.severity;
      const priced = occurrence.advisory === undefined && profile.scoring === "deductions";
      findings.push({
        accountId: account.accountId,
        hostUnit: account.hostUnit,
        rule: rule.id,
        messageId: occurrence.messageId,
        indicator: rule.indicator,
        severity,
        points: priced ? resolved.pointsEach * count : 0,
        count,
        ...(occurrence.occurredAt === undefined ? {} : { occurredAt: occurrence.occurredAt }),
        message: {
          zh: fillTemplate(template.zh, occurrence.data),
          en: fillTemplate(template.en, occurrence.data),
        },
        evidence: occurrence.evidence,
        source: rule.source,
      });
    }
  }
  return { findings, notEvaluated };
}

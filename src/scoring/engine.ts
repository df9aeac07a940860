import type { AccountFacts } from "../facts/facts.js";
import type { AvailableInputs } from "../input/needs.js";
import type { ResolvedProfile, ResolvedRule } from "../profiles/resolve.js";
import {
  fillTemplate,
  type GlobalFacts,
  isNotEvaluated,
  type Localized,
  type Occurrence,
  type RuleContext,
  rectificationOf,
  scopeOf,
} from "../rules/define.js";
import { MANUAL_INDICATORS } from "../rules/manual.js";
import { type ManualFindings, manualFindings } from "./manual.js";
import { unmetNeed } from "./needs.js";
import { priceOccurrence } from "./price.js";
import type { FindingResult } from "./result.js";

export interface AccountEvaluation {
  /** Points are before caps: scoring applies them. */
  findings: FindingResult[];
  notEvaluated: { rule: string; reason: Localized }[];
  /** Findings rows of manual-only indicators the profile switches off (`enabled: false`): not scored. */
  switchedOff: ManualFindings["switchedOff"];
}

/** Turns one occurrence into a finding with the severity and points the profile gives the rule. */
function stamp(
  resolved: ResolvedRule,
  profile: ResolvedProfile,
  occurrence: Occurrence,
  owner: { accountId: string; hostUnit: string },
  priceable: boolean,
  keyOwner: string = owner.accountId,
): FindingResult {
  const { rule } = resolved;
  const template = rule.messages[occurrence.messageId];
  if (!template) throw new Error(`rule ${rule.id} reported unknown message id ${occurrence.messageId}`);
  const { severity, points, count } = priceOccurrence(resolved, profile.scoring, occurrence, priceable);
  const { rectification, key } = rectificationOf(
    rule.id,
    rule.rectification[occurrence.messageId],
    keyOwner,
    occurrence.key,
  );
  // One literal, no spreads: findings are kept for the whole run, and objects built with spreads took
  // shapes of their own (docs/performance.md, "one object shape").
  const finding: FindingResult = {
    accountId: owner.accountId,
    hostUnit: owner.hostUnit,
    rule: rule.id,
    messageId: occurrence.messageId,
    indicator: rule.indicator,
    severity,
    points,
    count,
    message: {
      zh: fillTemplate(template.zh, occurrence.data),
      en: fillTemplate(template.en, occurrence.data, "en"),
    },
    evidence: occurrence.evidence,
    source: resolved.source,
    rectification,
    key,
  };
  if (occurrence.occurredAt !== undefined) finding.occurredAt = occurrence.occurredAt;
  return finding;
}

/**
 * Runs the profile's enabled account rules on one account and stamps each occurrence with the
 * severity and points the profile gives the rule (rules never see severities or points), then adds
 * the account's manual findings (RULES §3). Findings are listed in catalogue order — each automatic
 * rule's own findings, then the manual findings of the same id, then the manual-only indicators, each
 * group in `inDefinedOrder` — so one cap per id is spent in that order. Manual findings are not
 * subject to `needs`, to the automatic rule being enabled, or to the account being scored; a manual-only
 * indicator switched off gives none (its rows are returned in `switchedOff`).
 */
export function evaluateAccount(
  facts: AccountFacts,
  profile: ResolvedProfile,
  ctx: RuleContext,
  available: AvailableInputs,
  scored: boolean,
): AccountEvaluation {
  const findings: FindingResult[] = [];
  const notEvaluated: AccountEvaluation["notEvaluated"] = [];
  const { account } = facts;
  const { byId: manual, switchedOff } = manualFindings(
    facts.findings ?? [],
    account,
    profile,
    ctx.window.zone,
  );
  for (const resolved of profile.rules) {
    const { rule } = resolved;
    const evaluate = rule.evaluate;
    if (resolved.enabled && evaluate && scopeOf(rule) === "account" && (scored || rule.runsWhenNotScored)) {
      const unmet = unmetNeed(rule.needs, available);
      if (unmet !== undefined) {
        notEvaluated.push({ rule: rule.id, reason: unmet });
      } else {
        const outcome = evaluate(facts, resolved.params, ctx);
        if (isNotEvaluated(outcome)) notEvaluated.push({ rule: rule.id, reason: outcome.notEvaluated });
        else {
          const stamped = outcome.map((o) => stamp(resolved, profile, o, account, true));
          findings.push(...inDefinedOrder(stamped, Object.keys(rule.messages)));
        }
      }
    }
    findings.push(...inDefinedOrder(manual.get(rule.id) ?? []));
    manual.delete(rule.id);
  }
  for (const entry of MANUAL_INDICATORS) findings.push(...inDefinedOrder(manual.get(entry.id) ?? []));
  return { findings, notEvaluated, switchedOff };
}

/**
 * One rule's findings in a defined order — by when they occurred (undated last), then by the order of
 * the rule's messages (`late` before `opened-without-approval`), then by their text (which names the
 * message, post or event) — never by the order of the input rows: the same data shuffled gives the
 * same output, and a cap is spent on the earliest occurrences first.
 */
export function inDefinedOrder(
  findings: readonly FindingResult[],
  messageOrder: readonly string[] = [],
): FindingResult[] {
  if (findings.length < 2) return [...findings];
  const rank = (f: FindingResult) => {
    const i = messageOrder.indexOf(f.messageId);
    return i === -1 ? messageOrder.length : i;
  };
  return [...findings].sort((a, b) => {
    const ta = a.occurredAt ?? Number.POSITIVE_INFINITY;
    const tb = b.occurredAt ?? Number.POSITIVE_INFINITY;
    if (ta !== tb) return ta < tb ? -1 : 1;
    return (
      rank(a) - rank(b) || compareText(a.message.en, b.message.en) || compareText(a.message.zh, b.message.zh)
    );
  });
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Runs the unit-level rules on each host unit's accounts. Unit findings name the unit and the accounts
 * concerned (`accountId` = their ids joined with ";", as lists are in CSV; `evidence.accountIds` the
 * list) and carry no points: they never change an account's score, and the unit supervision
 * assessment that would price them (004 附件3) is not modelled (RULES §4).
 */
export function evaluateUnits(
  units: ReadonlyMap<string, readonly AccountFacts[]>,
  profile: ResolvedProfile,
  ctx: RuleContext,
): Map<string, FindingResult[]> {
  const byUnit = new Map<string, FindingResult[]>();
  for (const [hostUnit, accounts] of units) {
    const findings: FindingResult[] = [];
    for (const resolved of profile.rules) {
      const { rule } = resolved;
      if (!resolved.enabled || !rule.evaluateUnit) continue;
      for (const occurrence of rule.evaluateUnit(accounts, resolved.params, ctx)) {
        const { accountIds, ...rest } = occurrence;
        const finding = stamp(
          resolved,
          profile,
          { ...rest, evidence: { accountIds, ...rest.evidence } },
          { accountId: accountIds.join(";"), hostUnit },
          false,
          hostUnit,
        );
        findings.push(finding);
      }
    }
    byUnit.set(hostUnit, findings);
  }
  return byUnit;
}

/** Runs the global rules once (e.g. unregistered-account); their findings become summary warnings. */
export function evaluateGlobal(
  facts: GlobalFacts,
  profile: ResolvedProfile,
  ctx: RuleContext,
): FindingResult[] {
  const findings: FindingResult[] = [];
  for (const resolved of profile.rules) {
    const { rule } = resolved;
    if (!resolved.enabled || !rule.evaluateGlobal) continue;
    for (const occurrence of rule.evaluateGlobal(facts, resolved.params, ctx)) {
      findings.push(stamp(resolved, profile, occurrence, { accountId: "", hostUnit: "" }, false, ""));
    }
  }
  return findings;
}

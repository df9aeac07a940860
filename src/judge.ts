import type { UnregisteredAccount } from "./facts/builder.js";
import type { AccountFacts } from "./facts/facts.js";
import { accountMetrics } from "./facts/metrics.js";
import type { ReplyParams } from "./facts/replies.js";
import type { AvailableInputs } from "./input/needs.js";
import type { TableKind } from "./input/tables.js";
import { exemptPlatformsOf, paramsOf, type ResolvedProfile, ruleOf } from "./profiles/resolve.js";
import type { Localized, RuleContext } from "./rules/define.js";
import filingDeadline from "./rules/filing-deadline.js";
import noUpdate2w from "./rules/no-update-2w.js";
import replyDeadline from "./rules/reply-deadline.js";
import repostSource from "./rules/repost-source.js";
import { scoreAccount } from "./scoring/account.js";
import { type AccountEvaluation, evaluateAccount, evaluateGlobal, evaluateUnits } from "./scoring/engine.js";
import { type ManualFindings, switchedOffWarnings } from "./scoring/manual.js";
import { missingColumnWarnings } from "./scoring/needs.js";
import type { AccountResult, AuditSummary, FindingResult, UnitResult } from "./scoring/result.js";
import { scoreUnits } from "./scoring/units.js";
import type { WorkCalendar } from "./time/calendar.js";
import type { AuditWindow } from "./time/window.js";

/** What judging reads: the collected facts and the run's settings. */
export interface JudgeInput {
  /**
   * Every registered account's facts, in registry order. Each entry is let go (set to undefined) as
   * soon as its account is judged: the facts of all accounts and the results of all accounts are never
   * in memory together. Pass a copy to keep them.
   */
  accounts: (AccountFacts | undefined)[];
  unregistered: readonly UnregisteredAccount[];
  window: AuditWindow;
  calendar: WorkCalendar;
  profile: ResolvedProfile;
  /** The tables given and the columns their headers lack. */
  available: AvailableInputs;
  /** The input files by table, as the warnings name them. */
  files: Partial<Record<TableKind, string>>;
  /** `--warn-within N`. */
  warnWithin?: number;
  /** Sees each account's evaluation, points before caps (the rule tests read a rule's own findings). */
  onEvaluated?: (facts: AccountFacts, evaluation: AccountEvaluation) => void;
}

export interface Judged {
  accounts: AccountResult[];
  units: UnitResult[];
  summary: AuditSummary;
  globalFindings: FindingResult[];
  /** The warnings about what was judged, in the order the output lists them. */
  warnings: Localized[];
}

/**
 * What the facts layer applies while reading, from the profile: reply deadlines (messages are not
 * kept), and the approved sources of reposts — gathered only while the rule that checks them is on.
 */
export function readingSettings(profile: ResolvedProfile): {
  reply: ReplyParams;
  approvedSources: readonly string[];
} {
  const sources = ruleOf(profile, repostSource);
  return {
    reply: paramsOf(profile, replyDeadline),
    approvedSources: sources.enabled ? sources.params.approvedSources : [],
  };
}

/** Everything a rule may read besides the facts, built once for `gmaudit check` and the rule tests. */
export function ruleContext(
  window: AuditWindow,
  calendar: WorkCalendar,
  profile: ResolvedProfile,
  warnWithin: number | undefined,
): RuleContext {
  return {
    window,
    calendar,
    exemptPlatforms: exemptPlatformsOf(profile),
    // The early warning is of a veto: none where the profile does not make no-update-2w one.
    ...(warnWithin === undefined || ruleOf(profile, noUpdate2w).severity !== "veto" ? {} : { warnWithin }),
  };
}

/** Facts → results: every rule run, every account and unit scored, the summary and its warnings. */
export function judge(input: JudgeInput): Judged {
  const { window, calendar, profile, available } = input;
  const ctx = ruleContext(window, calendar, profile, input.warnWithin);
  const filing = paramsOf(profile, filingDeadline);

  // Unit-level rules (one-account-per-platform, name-consistency) see each host unit's registry rows;
  // their findings go to the unit table and never change an account's score. They run first, so that
  // each account's facts can be let go as soon as the account is judged below.
  const unitFindings = evaluateUnits(groupByUnit(input.accounts), profile, ctx);

  const accounts: AccountResult[] = [];
  const switchedOff: ManualFindings["switchedOff"] = new Map();
  const pending = input.accounts;
  for (let i = 0; i < pending.length; i++) {
    const facts = pending[i]!;
    pending[i] = undefined;
    const scored = isScored(facts, window.fromDay, window.asOfDay);
    const evaluation = evaluateAccount(facts, profile, ctx, available, scored);
    input.onEvaluated?.(facts, evaluation);
    for (const [id, off] of evaluation.switchedOff) {
      const total = switchedOff.get(id);
      if (total) total.rows += off.rows;
      else switchedOff.set(id, { ...off });
    }
    const score = scoreAccount(evaluation.findings, profile, scored);
    const { account } = facts;
    // No object spreads: the results are kept for the whole run, and objects built with spreads took
    // shapes of their own (docs/performance.md, "one object shape").
    const result: AccountResult = Object.assign(
      {
        accountId: account.accountId,
        name: account.name,
        platform: account.platform,
        hostUnit: account.hostUnit,
        status: account.status,
        score: score.score,
        verdict: score.verdict,
        vetoes: score.vetoes,
        deductions: score.deductions,
        findings: score.findings,
        notEvaluated: evaluation.notEvaluated,
      },
      accountMetrics(facts, window, calendar, filing, ctx.exemptPlatforms, available),
    );
    if (account.accountType !== undefined) result.accountType = account.accountType;
    if (account.unitCategory !== undefined) result.unitCategory = account.unitCategory;
    accounts.push(result);
  }
  const units = scoreUnits(accounts, profile, unitFindings);

  const summary: AuditSummary = {
    accounts: accounts.length,
    pass: accounts.filter((a) => a.verdict === "pass").length,
    fail: accounts.filter((a) => a.verdict === "fail").length,
    veto: accounts.filter((a) => a.verdict === "veto").length,
    notScored: accounts.filter((a) => a.verdict === "not_scored").length,
    // Account findings and unit findings: every problem listed in the output.
    findings:
      accounts.reduce((n, a) => n + a.findings.length, 0) + units.reduce((n, u) => n + u.findings.length, 0),
  };
  // Global rules (unregistered-account) speak in the summary's warnings; the list itself is
  // `unregisteredAccounts`.
  const globalFindings = evaluateGlobal({ unregistered: input.unregistered }, profile, ctx);
  const warnings = [
    ...rewrittenIdWarning(
      input.unregistered,
      accounts.map((a) => a.accountId),
    ),
    ...switchedOffWarnings(switchedOff),
    ...missingColumnWarnings(input.files, profile, available),
    ...globalFindings.map((f) => f.message),
  ];
  return { accounts, units, summary, globalFindings, warnings };
}

/** An id as Excel may rewrite it: its `="…"` text guard and leading zeros taken off. */
function idCore(id: string): string {
  const unguarded = /^="(.*)"$/.exec(id.trim())?.[1] ?? id.trim();
  return unguarded.replace(/^0+(?=.)/, "");
}

/**
 * Ids in the data that are registry ids with leading zeros or Excel's `="…"` added or lost (Excel
 * reads 001 as the number 1): every such account would look silent and be vetoed, with the rows
 * listed as unregistered. Not matched (an id is compared as written), but said plainly.
 */
function rewrittenIdWarning(
  unregistered: readonly { accountId: string }[],
  registryIds: readonly string[],
): Localized[] {
  if (unregistered.length === 0) return [];
  const byCore = new Map(registryIds.map((id) => [idCore(id), id]));
  const pairs: string[] = [];
  let count = 0;
  for (const u of unregistered) {
    const registered = byCore.get(idCore(u.accountId));
    if (registered === undefined) continue;
    count++;
    if (pairs.length < 5) pairs.push(`${u.accountId} ≈ ${registered}`);
  }
  if (count === 0) return [];
  const shown = `${pairs.join(", ")}${count > pairs.length ? ", …" : ""}`;
  return [
    {
      zh: `${count} 个数据中的账号ID与备案台账中的ID仅差前导零或 Excel 的 ="…" 写法（${shown}）：可能是 Excel 改写了ID，这些记录未计入对应账号；请在各文件中统一ID（设为文本格式）`,
      en: `${count} account id(s) in the data differ from registry ids only by leading zeros or Excel's ="…" (${shown}): Excel may have rewritten them, and those rows were not counted for the account; make the ids the same in every file (as text)`,
    },
  ];
}

/** Each host unit's accounts, in input order. */
function groupByUnit(accounts: readonly (AccountFacts | undefined)[]): Map<string, AccountFacts[]> {
  const byUnit = new Map<string, AccountFacts[]>();
  for (const facts of accounts) {
    if (facts === undefined) continue;
    const list = byUnit.get(facts.account.hostUnit);
    if (list) list.push(facts);
    else byUnit.set(facts.account.hostUnit, [facts]);
  }
  return byUnit;
}

/** RULES §4: not scored when closed/cancelled before the window or opened after T. */
function isScored(facts: AccountFacts, fromDay: number, asOfDay: number): boolean {
  if (facts.closedDay !== undefined && facts.closedDay < fromDay) return false;
  if (facts.openedDay !== undefined && facts.openedDay > asOfDay) return false;
  return true;
}

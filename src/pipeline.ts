import { GmauditError } from "./errors.js";
import { collectFacts } from "./facts/collect.js";
import type { AccountFacts } from "./facts/facts.js";
import type { FilingParams } from "./facts/filings.js";
import { accountMetrics } from "./facts/metrics.js";
import type { ReplyParams } from "./facts/replies.js";
import { message } from "./i18n.js";
import { type InputFiles, TABLE_ORDER } from "./ingest/inputs.js";
import type { Aliases } from "./input/aliases.js";
import type { TableKind } from "./input/tables.js";
import { DEFAULT_PROFILE } from "./profiles/builtin.js";
import {
  exemptPlatformsOf,
  type ProfileOverrides,
  type ResolvedProfile,
  resolveProfile,
} from "./profiles/resolve.js";
import type { Localized, RuleContext } from "./rules/define.js";
import { RULES_NEEDING_POSTS_COLUMN } from "./rules/index.js";
import { indicatorError } from "./rules/manual.js";
import { scoreAccount } from "./scoring/account.js";
import { evaluateAccount, evaluateGlobal, evaluateUnits } from "./scoring/engine.js";
import { type ManualFindings, switchedOffWarnings } from "./scoring/manual.js";
import type { AccountResult, AuditResult, AuditSummary } from "./scoring/result.js";
import { scoreUnits } from "./scoring/units.js";
import { loadCalendarFile, WorkCalendar } from "./time/calendar.js";
import { type AuditWindow, resolveWindow } from "./time/window.js";
import { civilDate, DEFAULT_TZ, Zone } from "./time/zone.js";

export interface AuditOptions {
  files: InputFiles;
  /** "Now": the default monitoring time. Passed in so every run is reproducible. */
  now: number;
  asOf?: string;
  period?: string;
  from?: string;
  tz?: string;
  /** A built-in profile name or a profile JSON file. */
  profile?: string;
  /** Settings above the profile, lowest first: the config file's, then the flags'. */
  overrides?: ProfileOverrides[];
  /** The profile already resolved (the CLI's plan): `profile` and `overrides` are then not read. */
  resolvedProfile?: ResolvedProfile;
  calendarFile?: string;
  strictCalendar?: boolean;
  encoding?: string;
  skipInvalid?: boolean;
  maxErrors?: number;
  warnWithin?: number;
  /** An office's own words for input columns and values (config `aliases`). */
  aliases?: Aliases;
  cwd?: string;
  version?: string;
  onProgress?: (file: string, bytesRead: number, totalBytes: number) => void;
}

/** The whole audit as a library call: read → facts → rules → score. Rendering is the caller's. */
export async function audit(options: AuditOptions): Promise<AuditResult> {
  const zone = Zone.of(options.tz ?? DEFAULT_TZ);
  const window = resolveWindow({
    zone,
    now: options.now,
    ...(options.asOf === undefined ? {} : { asOf: options.asOf }),
    ...(options.period === undefined ? {} : { period: options.period }),
    ...(options.from === undefined ? {} : { from: options.from }),
  });
  let calendar = WorkCalendar.builtIn({ strict: options.strictCalendar ?? false });
  if (options.calendarFile) calendar = calendar.withOverrides(await loadCalendarFile(options.calendarFile));
  const profile =
    options.resolvedProfile ??
    resolveProfile(options.profile ?? DEFAULT_PROFILE, options.overrides, options.cwd);
  if (options.warnWithin !== undefined && !(options.warnWithin >= 0 && options.warnWithin <= 14)) {
    throw new GmauditError(
      message(
        "usage.warn-within",
        `--warn-within 须为 0 至 14 的整数天数（收到 ${options.warnWithin}）`,
        `--warn-within must be a whole number of days from 0 to 14 (got ${options.warnWithin})`,
      ),
    );
  }
  const ruleOf = (id: string) => profile.rules.find((r) => r.rule.id === id)!;
  const paramsOf = (id: string) => ruleOf(id).params;
  // Reposts' sources are gathered only while the rule that checks them is on.
  const repostSource = ruleOf("repost-source");
  const approvedSources = repostSource.enabled
    ? (repostSource.params as { approvedSources: string[] }).approvedSources
    : [];

  const collected = await collectFacts({
    files: options.files,
    window,
    calendar,
    reply: paramsOf("reply-deadline") as unknown as ReplyParams,
    approvedSources,
    indicatorError,
    skipInvalid: options.skipInvalid ?? false,
    maxErrors: options.maxErrors ?? 50,
    ...(options.encoding === undefined ? {} : { encoding: options.encoding }),
    ...(options.aliases === undefined ? {} : { aliases: options.aliases }),
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
  });

  const available = new Set<TableKind>(TABLE_ORDER.filter((kind) => options.files[kind] !== undefined));
  const exemptPlatforms = exemptPlatformsOf(profile);
  const ctx: RuleContext = {
    window,
    calendar,
    exemptPlatforms,
    ...(collected.headers.posts !== undefined && collected.headers.posts.original === undefined
      ? { noOriginalColumn: true }
      : {}),
    ...(collected.headers.posts !== undefined && collected.headers.posts.source === undefined
      ? { noSourceColumn: true }
      : {}),
    // The early warning is of a veto: none where the profile does not make no-update-2w one.
    ...(options.warnWithin === undefined || ruleOf("no-update-2w").severity !== "veto"
      ? {}
      : { warnWithin: options.warnWithin }),
  };
  const filingParams = paramsOf("filing-deadline") as unknown as FilingParams;

  // Unit-level rules (one-account-per-platform, name-consistency) see each host unit's registry rows;
  // their findings go to the unit table and never change an account's score. They run first, so that
  // each account's facts can be let go as soon as the account is judged below: the facts of all
  // accounts and the results of all accounts are never in memory together.
  const unitFindings = evaluateUnits(groupByUnit(collected.accounts), profile, ctx);

  const accounts: AccountResult[] = [];
  const switchedOff: ManualFindings["switchedOff"] = new Map();
  const pending: (AccountFacts | undefined)[] = collected.accounts;
  for (let i = 0; i < pending.length; i++) {
    const facts = pending[i]!;
    pending[i] = undefined;
    const scored = isScored(facts, window.fromDay, window.asOfDay);
    const evaluation = evaluateAccount(facts, profile, ctx, available, scored);
    for (const [id, off] of evaluation.switchedOff) {
      const total = switchedOff.get(id);
      if (total) total.rows += off.rows;
      else switchedOff.set(id, { ...off });
    }
    const score = scoreAccount(evaluation.findings, profile, scored);
    const { account } = facts;
    accounts.push({
      accountId: account.accountId,
      name: account.name,
      platform: account.platform,
      ...(account.accountType === undefined ? {} : { accountType: account.accountType }),
      hostUnit: account.hostUnit,
      ...(account.unitCategory === undefined ? {} : { unitCategory: account.unitCategory }),
      status: account.status,
      score: score.score,
      verdict: score.verdict,
      vetoes: score.vetoes,
      deductions: score.deductions,
      ...accountMetrics(
        facts,
        window,
        calendar,
        filingParams,
        exemptPlatforms,
        ctx.noOriginalColumn === true,
      ),
      findings: score.findings,
      notEvaluated: evaluation.notEvaluated,
    });
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
  const globalFindings = evaluateGlobal({ unregistered: collected.unregistered }, profile, ctx);
  const futureAsOf = futureAsOfWarning(window, options.now);
  const warnings = [
    ...futureAsOf,
    ...collected.stale,
    ...collected.warnings,
    ...rewrittenIdWarning(
      collected.unregistered,
      accounts.map((a) => a.accountId),
    ),
    ...switchedOffWarnings(switchedOff),
    ...missingColumnWarnings(options.files.posts, ctx, ruleOf),
    ...globalFindings.map((f) => f.message),
  ];
  return {
    tool: "gmaudit",
    version: options.version ?? "0.0.0",
    profile: profile.id,
    profileName: profile.name,
    scoring: profile.scoring,
    timezone: zone.name,
    asOf: window.asOf,
    from: window.from,
    weeks: window.weeks.map((w) => civilDate(w.monday)),
    ...(window.label === undefined ? {} : { period: window.label }),
    inputs: collected.inputs,
    missingInputs: TABLE_ORDER.filter((kind) => !available.has(kind)),
    dataIncomplete: collected.dataIncomplete,
    calendar: { coveredYears: [...calendar.coveredYears], warnings: [...calendar.warnings] },
    warnings,
    summary,
    accounts,
    units,
    unregisteredAccounts: collected.unregistered,
    globalFindings,
    ...(futureAsOf[0] === undefined ? {} : { futureAsOf: futureAsOf[0] }),
    ...(collected.stale.length === 0 ? {} : { staleData: collected.stale }),
  };
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

/**
 * A monitoring time after the end of today (`--period` of a period that has not ended, or a future
 * `--as-of`) judges updates, replies and filings that have not happened yet as missing: the results
 * stand, as the spec sets T, but say so. Up to the end of today (`--as-of` today) says nothing.
 */
function futureAsOfWarning(window: AuditWindow, now: number): Localized[] {
  const { zone, asOf } = window;
  if (asOf <= zone.endOfDay(zone.dayOf(now))) return [];
  const at = zone.formatShort(asOf);
  const today = zone.dateOf(now);
  return [
    {
      zh: `监测时间点（${at}）在今天（${today}）之后：期间尚未结束，此后的更新、答复和备案均按未发生计，单项否决和逾期结论可能为时过早`,
      en: `the monitoring time (${at}) is after today (${today}): the period has not ended, and updates, replies and filings still to come count as missing, so vetoes and overdue findings may be premature`,
    },
  ];
}

/** Each host unit's accounts, in input order. */
function groupByUnit(accounts: readonly AccountFacts[]): Map<string, AccountFacts[]> {
  const byUnit = new Map<string, AccountFacts[]>();
  for (const facts of accounts) {
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

/**
 * A posts file without the original or the source column leaves rules not evaluated for every account:
 * said once for the run (the table and CSV show no per-account reasons), naming the rules.
 */
function missingColumnWarnings(
  file: string | undefined,
  ctx: RuleContext,
  ruleOf: (id: string) => { enabled: boolean; rule: { id: string; indicator: Localized } },
): Localized[] {
  if (file === undefined) return [];
  // Both columns named at once: a user who adds one should not learn of the other on the next run.
  const columns = [
    ...(ctx.noOriginalColumn ? [{ zh: "是否原创", en: "original (是否原创)" }] : []),
    ...(ctx.noSourceColumn ? [{ zh: "来源", en: "source (来源)" }] : []),
  ];
  const ids = new Set([
    ...(ctx.noOriginalColumn ? RULES_NEEDING_POSTS_COLUMN.original : []),
    ...(ctx.noSourceColumn ? RULES_NEEDING_POSTS_COLUMN.source : []),
  ]);
  const off = [...ids]
    .map(ruleOf)
    .filter((r) => r.enabled)
    .map((r) => r.rule);
  if (off.length === 0) return [];
  return [
    {
      zh: `${file} 无${columns.map((c) => `“${c.zh}”`).join("、")}列：${off.map((r) => `“${r.indicator.zh}”`).join("、")}检查记为“未评估”`,
      en: `${file} has no ${columns.map((c) => c.en).join(" or ")} column: ${off.map((r) => r.id).join(", ")} not evaluated`,
    },
  ];
}

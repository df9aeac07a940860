import type { AccountResult, AuditResult, FindingResult, UnitResult } from "../audit/result.js";
import { Zone } from "../time/zone.js";
import type { Lang } from "./labels.js";

/**
 * The JSON document of PRODUCT §3.4. Keys and enum values are always English; times are ISO 8601
 * with the offset of the audit zone; `indicator` and `message` are plain strings in `--lang`.
 * Keys the spec does not list (profileName, scoring, period, missingInputs, warnings, messageId,
 * count, accountType, notEvaluated) are kept: additive keys never break a reader of the contract.
 * Optional values are written as `null`, so every object of a kind has the same keys.
 */

export interface JsonFinding {
  accountId: string;
  hostUnit: string;
  rule: string;
  messageId: string;
  indicator: string;
  severity: FindingResult["severity"];
  points: number;
  count: number;
  occurredAt: string | null;
  message: string;
  evidence: Record<string, unknown>;
  source: string;
}

export type JsonAccount = Omit<AccountResult, "lastPostAt" | "findings" | "unitCategory" | "accountType"> & {
  unitCategory: string | null;
  accountType: string | null;
  lastPostAt: string | null;
  findings: JsonFinding[];
};

export type JsonUnit = Omit<UnitResult, "findings" | "unitCategory"> & {
  unitCategory: string | null;
  findings: JsonFinding[];
};

export interface JsonDocument {
  tool: "gmaudit";
  version: string;
  profile: string;
  profileName: string;
  scoring: AuditResult["scoring"];
  timezone: string;
  asOf: string;
  from: string;
  period: string | null;
  inputs: AuditResult["inputs"];
  missingInputs: AuditResult["missingInputs"];
  dataIncomplete: boolean;
  calendar: AuditResult["calendar"];
  warnings: string[];
  summary: AuditResult["summary"];
  accounts: JsonAccount[];
  units: JsonUnit[];
  unregisteredAccounts: AuditResult["unregisteredAccounts"];
}

export function jsonFinding(f: FindingResult, zone: Zone, lang: Lang): JsonFinding {
  return {
    accountId: f.accountId,
    hostUnit: f.hostUnit,
    rule: f.rule,
    messageId: f.messageId,
    indicator: f.indicator[lang],
    severity: f.severity,
    points: f.points,
    count: f.count,
    occurredAt: f.occurredAt === undefined ? null : zone.format(f.occurredAt),
    message: f.message[lang],
    evidence: f.evidence,
    source: f.source,
  };
}

export function jsonAccount(a: AccountResult, zone: Zone, lang: Lang): JsonAccount {
  // §3.1 order first, then the additive keys.
  return {
    accountId: a.accountId,
    name: a.name,
    platform: a.platform,
    hostUnit: a.hostUnit,
    unitCategory: a.unitCategory ?? null,
    status: a.status,
    score: a.score,
    verdict: a.verdict,
    vetoes: [...a.vetoes],
    deductions: a.deductions,
    lastPostAt: a.lastPostAt === null ? null : zone.format(a.lastPostAt),
    daysSinceLastPost: a.daysSinceLastPost,
    posts: a.posts,
    originalPosts: a.originalPosts,
    originalRatio: a.originalRatio,
    emptyWeeks: a.emptyWeeks,
    longestGapDays: a.longestGapDays,
    repliesDue: a.repliesDue,
    repliesOnTime: a.repliesOnTime,
    repliesLate: a.repliesLate,
    repliesOverdue: a.repliesOverdue,
    repliesPending: a.repliesPending,
    filingsLate: a.filingsLate,
    findings: a.findings.map((f) => jsonFinding(f, zone, lang)),
    accountType: a.accountType ?? null,
    notEvaluated: a.notEvaluated.map((n) => ({ ...n })),
  };
}

export function jsonUnit(u: UnitResult, zone: Zone, lang: Lang): JsonUnit {
  return {
    hostUnit: u.hostUnit,
    unitCategory: u.unitCategory ?? null,
    accounts: u.accounts,
    scored: u.scored,
    vetoed: u.vetoed,
    failed: u.failed,
    rawScore: u.rawScore,
    score: u.score,
    passRate: u.passRate,
    verdict: u.verdict,
    findings: u.findings.map((f) => jsonFinding(f, zone, lang)),
  };
}

export function toJsonDocument(result: AuditResult, lang: Lang = "zh"): JsonDocument {
  const zone = Zone.of(result.timezone);
  return {
    tool: result.tool,
    version: result.version,
    profile: result.profile,
    profileName: result.profileName,
    scoring: result.scoring,
    timezone: result.timezone,
    asOf: zone.format(result.asOf),
    from: zone.format(result.from),
    period: result.period ?? null,
    inputs: result.inputs,
    missingInputs: result.missingInputs,
    dataIncomplete: result.dataIncomplete,
    calendar: result.calendar,
    warnings: result.warnings.map((w) => w[lang]),
    summary: result.summary,
    accounts: result.accounts.map((a) => jsonAccount(a, zone, lang)),
    units: result.units.map((u) => jsonUnit(u, zone, lang)),
    unregisteredAccounts: result.unregisteredAccounts,
  };
}

/** `--format json`: the whole document, pretty-printed, ending with a newline. */
export function renderJson(result: AuditResult, lang: Lang = "zh"): string {
  return `${JSON.stringify(toJsonDocument(result, lang), null, 2)}\n`;
}

/** `--format ndjson`: one account object (with its findings) per line, in input order. */
export function renderNdjson(result: AuditResult, lang: Lang = "zh"): string {
  const zone = Zone.of(result.timezone);
  return result.accounts.map((a) => `${JSON.stringify(jsonAccount(a, zone, lang))}\n`).join("");
}

/** `--findings-out x.json`: every finding of every account (then unit-level ones), one array. */
export function renderFindingsJson(result: AuditResult, lang: Lang = "zh"): string {
  return `${JSON.stringify(allFindings(result, lang), null, 2)}\n`;
}

/** `--findings-out x.ndjson`: one finding per line. */
export function renderFindingsNdjson(result: AuditResult, lang: Lang = "zh"): string {
  return allFindings(result, lang)
    .map((f) => `${JSON.stringify(f)}\n`)
    .join("");
}

function allFindings(result: AuditResult, lang: Lang): JsonFinding[] {
  const zone = Zone.of(result.timezone);
  return [...result.accounts.flatMap((a) => a.findings), ...result.units.flatMap((u) => u.findings)].map(
    (f) => jsonFinding(f, zone, lang),
  );
}

import { FactsBuilder } from "../../src/facts/builder.js";
import type { AccountFacts } from "../../src/facts/facts.js";
import type { FilingParams } from "../../src/facts/filings.js";
import { AvailableInputs } from "../../src/input/needs.js";
import type {
  AccountRecord,
  FilingRecord,
  FindingRecord,
  Located,
  MessageRecord,
  PostRecord,
} from "../../src/input/schemas.js";
import { TABLES, type TableKind } from "../../src/input/tables.js";
import { type Judged, judge, readingSettings, ruleContext } from "../../src/judge.js";
import { paramsOf, type ResolvedProfile, resolveProfile } from "../../src/profiles/resolve.js";
import type { RuleSettings } from "../../src/profiles/schema.js";
import type { RuleContext } from "../../src/rules/define.js";
import filingDeadline from "../../src/rules/filing-deadline.js";
import type { AccountEvaluation } from "../../src/scoring/engine.js";
import type { FindingResult } from "../../src/scoring/result.js";
import { WorkCalendar } from "../../src/time/calendar.js";
import { parseDateTime } from "../../src/time/parse.js";
import { type AuditWindow, resolveWindow } from "../../src/time/window.js";
import { Zone } from "../../src/time/zone.js";

export const SHANGHAI = Zone.of("Asia/Shanghai");

/** A wall-clock time in Asia/Shanghai → epoch ms (tests read like the exports they mimic). */
export function at(text: string): number {
  const ms = parseDateTime(text, SHANGHAI);
  if (ms === undefined) throw new Error(`bad test time ${text}`);
  return ms;
}

let line = 1;
const origin = (file: string) => ({ file, line: ++line });

export function account(a: Partial<AccountRecord> & { accountId: string }): Located<AccountRecord> {
  return {
    name: `账号${a.accountId}`,
    platform: "weibo",
    hostUnit: "县政府办公室",
    status: "active",
    ...a,
    ...origin("accounts.csv"),
  } as Located<AccountRecord>;
}

export function post(
  accountId: string,
  publishedAt: string,
  p: Partial<PostRecord> = {},
): Located<PostRecord> {
  return {
    accountId,
    publishedAt: at(publishedAt),
    original: true,
    ...p,
    ...origin("posts.csv"),
  } as Located<PostRecord>;
}

export function message(
  accountId: string,
  receivedAt: string,
  repliedAt?: string,
  m: Partial<MessageRecord> = {},
): Located<MessageRecord> {
  return {
    accountId,
    receivedAt: at(receivedAt),
    ...(repliedAt === undefined ? {} : { repliedAt: at(repliedAt) }),
    category: "consultation",
    ...m,
    ...origin("messages.csv"),
  } as Located<MessageRecord>;
}

export function filing(accountId: string, f: Omit<FilingRecord, "accountId">): Located<FilingRecord> {
  return { accountId, ...f, ...origin("filings.csv") } as Located<FilingRecord>;
}

export interface Scenario {
  accounts: Located<AccountRecord>[];
  posts?: Located<PostRecord>[];
  messages?: Located<MessageRecord>[];
  filings?: Located<FilingRecord>[];
  findings?: Located<FindingRecord>[];
  /** Monitoring time, e.g. "2026-09-30" (end of day) or "2026-09-30 12:00". */
  asOf: string;
  period?: string;
  from?: string;
  profile?: string;
  rules?: Record<string, RuleSettings>;
  warnWithin?: number;
  /** The posts file has no original (是否原创) column. */
  noOriginalColumn?: boolean;
  /** The posts file has no source (来源) column. */
  noSourceColumn?: boolean;
  calendar?: WorkCalendar;
}

export interface ScenarioRun {
  window: AuditWindow;
  calendar: WorkCalendar;
  profile: ResolvedProfile;
  facts: AccountFacts[];
  ctx: RuleContext;
  /** What `gmaudit check` makes of the scenario: results, units, summary, warnings. */
  judged: Judged;
  /** Findings of one rule for one account, points before caps (all rules when `rule` is omitted). */
  findings(accountId: string, rule?: string): FindingResult[];
  /** The rules not evaluated for an account, with their English reason. */
  notEvaluated(accountId: string): { rule: string; reason: string }[];
  /** The same, with their Chinese reason. */
  notEvaluatedZh(accountId: string): { rule: string; reason: string }[];
}

/**
 * Runs a scenario through the same builder, profile resolution and judging (`judge`: context, rules,
 * scoring) as `gmaudit check`.
 */
export function run(s: Scenario): ScenarioRun {
  const window = resolveWindow({
    zone: SHANGHAI,
    now: 0,
    asOf: s.period === undefined ? s.asOf : undefined,
    ...(s.period === undefined ? {} : { period: s.period }),
    ...(s.from === undefined ? {} : { from: s.from }),
  } as Parameters<typeof resolveWindow>[0]);
  const calendar = s.calendar ?? WorkCalendar.builtIn();
  const profile = resolveProfile(s.profile ?? "jiangsu", s.rules ? [{ rules: s.rules }] : []);
  const files: Partial<Record<TableKind, string>> = { accounts: "accounts.csv" };
  if (s.posts) files.posts = "posts.csv";
  if (s.messages) files.messages = "messages.csv";
  if (s.filings) files.filings = "filings.csv";
  if (s.findings) files.findings = "findings.csv";
  const tables = new Set(Object.keys(files) as TableKind[]);
  // A header that does not name a column, as a posts CSV without one is read.
  const postsHeader: Partial<Record<string, string>> = Object.fromEntries(
    TABLES.posts.columns.map((c) => [c.name, c.aliases[0]]),
  );
  if (s.noOriginalColumn) delete postsHeader.original;
  if (s.noSourceColumn) delete postsHeader.source;
  const available = new AvailableInputs(tables, s.posts ? { posts: postsHeader } : {});
  const { reply, approvedSources } = readingSettings(profile);
  const builder = new FactsBuilder(window, calendar, reply, tables, approvedSources);
  for (const a of s.accounts) builder.addAccount(a);
  for (const p of s.posts ?? []) builder.addPost(p);
  for (const m of s.messages ?? []) builder.addMessage(m);
  for (const f of s.filings ?? []) builder.addFiling(f);
  for (const f of s.findings ?? []) builder.addFinding(f);
  const facts = builder.accounts;
  const evaluations = new Map<string, AccountEvaluation>();
  const judged = judge({
    // A copy: judging lets each account's facts go, and the tests read them.
    accounts: [...facts],
    unregistered: builder.unregisteredAccounts(),
    window,
    calendar,
    profile,
    available,
    files,
    ...(s.warnWithin === undefined ? {} : { warnWithin: s.warnWithin }),
    onEvaluated: (f, evaluation) => evaluations.set(f.account.accountId, evaluation),
  });
  return {
    window,
    calendar,
    profile,
    facts,
    ctx: ruleContext(window, calendar, profile, s.warnWithin),
    judged,
    findings: (accountId, rule) =>
      (evaluations.get(accountId)?.findings ?? []).filter((f) => rule === undefined || f.rule === rule),
    notEvaluated: (accountId) =>
      (evaluations.get(accountId)?.notEvaluated ?? []).map((n) => ({ rule: n.rule, reason: n.reason.en })),
    notEvaluatedZh: (accountId) =>
      (evaluations.get(accountId)?.notEvaluated ?? []).map((n) => ({ rule: n.rule, reason: n.reason.zh })),
  };
}

export function filingParams(r: ScenarioRun): FilingParams {
  return paramsOf(r.profile, filingDeadline);
}

import type { AccountResult, AuditResult, FindingResult, UnitResult } from "../scoring/result.js";
import { Zone } from "../time/zone.js";
import type { Lang } from "./labels.js";
import { allFindings } from "./values.js";

/**
 * The JSON document of PRODUCT §3.4. Keys and enum values are always English; times are ISO 8601
 * with the offset of the audit zone; `indicator` is the Chinese indicator name whatever `--lang` (PRODUCT
 * §3.2: the official name, stable for scripts), `message` a plain string in `--lang`.
 * Keys the spec does not list (profileName, scoring, period, weeks, missingInputs, warnings, messageId,
 * count, accountType, notEvaluated, weeklyPosts, rectification, key) are kept: additive keys never break a reader of the contract.
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
  /** RULES §7: `rectifiable` (a state a re-check can find ended), `historical` or `advisory`. */
  rectification: FindingResult["rectification"];
  /** Rectifiable findings: the same problem's key in any run over the same registry (`gmaudit diff`). */
  key: string | null;
}

export type JsonAccount = Omit<
  AccountResult,
  "lastPostAt" | "findings" | "unitCategory" | "accountType" | "notEvaluated"
> & {
  unitCategory: string | null;
  accountType: string | null;
  lastPostAt: string | null;
  findings: JsonFinding[];
  notEvaluated: { rule: string; reason: string }[];
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
  weeks: string[];
  period: string | null;
  inputs: AuditResult["inputs"];
  missingInputs: AuditResult["missingInputs"];
  dataIncomplete: boolean;
  calendar: { coveredYears: number[]; warnings: string[] };
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
    indicator: f.indicator.zh,
    severity: f.severity,
    points: f.points,
    count: f.count,
    occurredAt: f.occurredAt === undefined ? null : zone.format(f.occurredAt),
    message: f.message[lang],
    evidence: f.evidence,
    source: f.source,
    rectification: f.rectification,
    key: f.key,
  };
}

/** Who an account is, as every JSON record of one begins (the results and `check --account`'s card). */
export function jsonAccountIdentity(
  a: Pick<AccountResult, "accountId" | "name" | "platform" | "hostUnit" | "unitCategory" | "status">,
) {
  return {
    accountId: a.accountId,
    name: a.name,
    platform: a.platform,
    hostUnit: a.hostUnit,
    unitCategory: a.unitCategory ?? null,
    status: a.status,
  };
}

export function jsonAccount(a: AccountResult, zone: Zone, lang: Lang): JsonAccount {
  // §3.1 order first, then the additive keys. The identity is written out, not spread from
  // jsonAccountIdentity (a test keeps the two the same): built with a spread, these records raised the
  // 2M-post bench's peak from ~280 to 350–390 MB.
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
    // The reason is machine-facing in the JSON: its English, whatever --lang (the contract).
    notEvaluated: a.notEvaluated.map((n) => ({ rule: n.rule, reason: n.reason.en })),
    weeklyPosts: a.weeklyPosts === null ? null : [...a.weeklyPosts],
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
    accountFindings: u.accountFindings,
    findings: u.findings.map((f) => jsonFinding(f, zone, lang)),
  };
}

/** The document's keys before its lists, in the order of the document. */
function documentHead(result: AuditResult, zone: Zone, lang: Lang) {
  return {
    tool: result.tool,
    version: result.version,
    profile: result.profile,
    profileName: result.profileName,
    scoring: result.scoring,
    timezone: result.timezone,
    asOf: zone.format(result.asOf),
    from: zone.format(result.from),
    weeks: result.weeks,
    period: result.period ?? null,
    inputs: result.inputs,
    missingInputs: result.missingInputs,
    dataIncomplete: result.dataIncomplete,
    calendar: {
      coveredYears: result.calendar.coveredYears,
      warnings: result.calendar.warnings.map((w) => w[lang]),
    },
    warnings: result.warnings.map((w) => w[lang]),
    summary: result.summary,
  } satisfies Omit<JsonDocument, "accounts" | "units" | "unregisteredAccounts">;
}

export function toJsonDocument(result: AuditResult, lang: Lang = "zh"): JsonDocument {
  const zone = Zone.of(result.timezone);
  return {
    ...documentHead(result, zone, lang),
    accounts: result.accounts.map((a) => jsonAccount(a, zone, lang)),
    units: result.units.map((u) => jsonUnit(u, zone, lang)),
    unregisteredAccounts: result.unregisteredAccounts,
  };
}

/**
 * A list that `prettyJson` writes one item at a time, each item made only when its turn comes: the
 * document of a large audit is never whole in memory, neither as objects nor as one string.
 */
class Each<T> {
  constructor(
    readonly items: Iterable<T>,
    readonly toJson: (item: T) => unknown = (item) => item,
  ) {}
}

function holdsEach(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === "object" &&
    value !== null &&
    !(value instanceof Each) &&
    Object.values(value).some((v) => v instanceof Each)
  );
}

/**
 * The pieces of `JSON.stringify(value, null, 2)`, `value` standing `depth` levels deep: an `Each` is
 * written as the array of its items, and an object holding one is opened here; anything else is
 * `JSON.stringify`'s own text, indented to its depth (it never has a raw line feed inside a string).
 */
function* prettyJson(value: unknown, depth = 0): Generator<string> {
  const pad = `\n${"  ".repeat(depth)}`;
  if (value instanceof Each) {
    let open = "[";
    for (const item of value.items as Iterable<unknown>) {
      yield `${open}${pad}  `;
      open = ",";
      yield* prettyJson(value.toJson(item), depth + 1);
    }
    yield open === "[" ? "[]" : `${pad}]`;
  } else if (holdsEach(value)) {
    let open = "{";
    for (const [key, v] of Object.entries(value)) {
      if (v === undefined || typeof v === "function" || typeof v === "symbol") continue;
      yield `${open}${pad}  ${JSON.stringify(key)}: `;
      open = ",";
      yield* prettyJson(v, depth + 1);
    }
    yield open === "{" ? "{}" : `${pad}}`;
  } else {
    const json = JSON.stringify(value, null, 2) ?? "null";
    yield depth === 0 ? json : json.replaceAll("\n", pad);
  }
}

/** `--format json`: the whole document, pretty-printed, ending with a newline — in pieces. */
export function* jsonChunks(result: AuditResult, lang: Lang = "zh"): Generator<string> {
  const zone = Zone.of(result.timezone);
  yield* prettyJson({
    ...documentHead(result, zone, lang),
    accounts: new Each(result.accounts, (a) => jsonAccount(a, zone, lang)),
    units: new Each(result.units, (u) => jsonUnit(u, zone, lang)),
    unregisteredAccounts: new Each(result.unregisteredAccounts),
  });
  yield "\n";
}

/**
 * PRODUCT §1.7: files of records without the document around them (NDJSON, the findings files) say
 * "data incomplete" on every record of a run that left invalid rows out — `"dataIncomplete": true`
 * last — and nothing more for a complete run.
 */
function marked<T extends object>(result: AuditResult, record: T): T | (T & { dataIncomplete: true }) {
  return result.dataIncomplete ? { ...record, dataIncomplete: true } : record;
}

/** `--format ndjson`: one account object (with its findings) per line, in input order. */
export function* ndjsonChunks(result: AuditResult, lang: Lang = "zh"): Generator<string> {
  const zone = Zone.of(result.timezone);
  for (const a of result.accounts) yield `${JSON.stringify(marked(result, jsonAccount(a, zone, lang)))}\n`;
}

/** `--findings-out x.json`: every finding of every account (then unit-level ones), one array. */
export function* findingsJsonChunks(result: AuditResult, lang: Lang = "zh"): Generator<string> {
  const zone = Zone.of(result.timezone);
  yield* prettyJson(new Each(allFindings(result), (f) => marked(result, jsonFinding(f, zone, lang))));
  yield "\n";
}

/** `--findings-out x.ndjson`: one finding per line. */
export function* findingsNdjsonChunks(result: AuditResult, lang: Lang = "zh"): Generator<string> {
  const zone = Zone.of(result.timezone);
  for (const f of allFindings(result))
    yield `${JSON.stringify(marked(result, jsonFinding(f, zone, lang)))}\n`;
}

/** `--units-out x.json`: the units of PRODUCT §3.3 with their findings, one array. */
export function* unitsJsonChunks(result: AuditResult, lang: Lang = "zh"): Generator<string> {
  const zone = Zone.of(result.timezone);
  yield* prettyJson(new Each(result.units, (u) => marked(result, jsonUnit(u, zone, lang))));
  yield "\n";
}

/** `--units-out x.ndjson`: one unit per line. */
export function* unitsNdjsonChunks(result: AuditResult, lang: Lang = "zh"): Generator<string> {
  const zone = Zone.of(result.timezone);
  for (const u of result.units) yield `${JSON.stringify(marked(result, jsonUnit(u, zone, lang)))}\n`;
}

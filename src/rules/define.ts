import type { z } from "zod";
import type { UnregisteredAccount } from "../facts/builder.js";
import type { AccountFacts } from "../facts/facts.js";
import type { Localized } from "../i18n.js";
import type { InputNeed } from "../input/needs.js";
import type { WorkCalendar } from "../time/calendar.js";
import type { AuditWindow } from "../time/window.js";
import type { RuleSources } from "./citations.js";

/** How a finding weighs: a veto fails the account outright; a deduction costs points; the rest cost none. */
export const SEVERITIES = ["veto", "deduct", "violation", "warning"] as const;
export type Severity = (typeof SEVERITIES)[number];

export type { Localized };

/**
 * What re-checking a finding can tell (RULES §7): a state that can end (`rectifiable`: the account
 * still not updated, the filing still missing, the message still unanswered), a past event that cannot
 * be undone (`historical`: a late reply, an empty past week), or a side note that is no problem
 * (`advisory`: a new account, an imminent veto). Declared by every rule per message id.
 */
export const RECTIFICATIONS = ["rectifiable", "historical", "advisory"] as const;
export type Rectification = (typeof RECTIFICATIONS)[number];

/** Everything a rule may read besides the account's facts. Pure data: no clock, no I/O. */
export interface RuleContext {
  window: AuditWindow;
  calendar: WorkCalendar;
  /** `--warn-within N`: early warning of the 2-week veto. */
  warnWithin?: number;
  /**
   * Platforms exempt from the update rules: `no-update-2w`'s `exemptPlatforms`, which RULES §2 applies
   * to weekly-update and original-content too (one list, set in one place).
   */
  exemptPlatforms: readonly string[];
}

/** One problem a rule found. The engine stamps severity and points from the resolved profile. */
export interface Occurrence {
  /** Key into the rule's `messages`: tests assert these, not the wording. */
  messageId: string;
  /** Values for the message template; a word of the message itself is given in both languages. */
  data?: Record<string, string | number | Localized>;
  /** What the audited unit is shown as proof. */
  evidence: Record<string, unknown>;
  occurredAt?: number;
  /** How many occurrences this one stands for (e.g. 7 reposts without a source). Default 1. */
  count?: number;
  /**
   * What tells this problem apart from the rule's other problems of the same account (or unit) in
   * another run: the event of a filing, the id of a message. Absent: the rule has one such problem per
   * account (or unit). Only rectifiable findings carry a key.
   */
  key?: string;
  /**
   * A lower, advisory level for a side note of the rule (e.g. `new-account`, `veto-imminent`):
   * it never costs points, whatever the profile gives the rule.
   */
  advisory?: "warning";
}

/** A rule that could not be judged for this account (e.g. an exempt platform), and why. */
export interface NotEvaluated {
  /** Why, in both languages (the JSON gives the English, a machine-facing reason). */
  notEvaluated: Localized;
}

export type RuleOutcome = Occurrence[] | NotEvaluated;

/** One problem of a host unit (e.g. duplicate accounts): it names the accounts concerned. */
export interface UnitOccurrence extends Occurrence {
  /** The accounts the problem is about, in registry order. */
  accountIds: string[];
}

/** What a global rule may read: facts about the whole input, not about one account. */
export interface GlobalFacts {
  /** Ids that appear in posts, messages, filings or findings but not in the registry. */
  unregistered: readonly UnregisteredAccount[];
}

/**
 * Where a rule looks:
 * - `account` (default): `evaluate` runs once per account; its findings belong to the account and count
 *   towards its score.
 * - `unit`: `evaluateUnit` runs once per host unit on all its registered accounts; its findings go into
 *   `UnitResult.findings` and never change an account's score.
 * - `global`: `evaluateGlobal` runs once per audit; its occurrences become warnings of the summary.
 */
export type RuleScope = "account" | "unit" | "global";

export interface RuleDefinition<P extends z.ZodObject = z.ZodObject> {
  id: string;
  indicator: Localized;
  /** Documents and clauses the rule comes from, by profile document (SOURCES.md). */
  source: RuleSources;
  /** Severity, points and cap where no profile says otherwise (the Jiangsu table). */
  defaults: { severity: Severity; pointsEach?: number; cap?: number };
  /** The rule's own parameters, with their defaults. */
  params: P;
  /**
   * Inputs without which the rule reports "not evaluated": tables, and columns a file may lack as a
   * whole (`posts.original`). The engine alone reads them (reason, run warning, `validate`'s note).
   */
  needs: readonly InputNeed[];
  /** Also run for accounts that are not scored (closed before the window, opened after T). */
  runsWhenNotScored?: boolean;
  /**
   * How we read the clause, in English: a list of short readings, one point each, for the rule's doc
   * (docs/rules/<id>.md is generated from this definition).
   */
  interpretation?: readonly string[];
  /** Message templates by message id; `{name}` is replaced by `data.name`. */
  messages: Record<string, Localized>;
  /** For each message id: can a re-check find the problem rectified, or is it a past event (RULES §7)? */
  rectification: Record<string, Rectification>;
  /** Default `account`. Exactly the evaluator of the scope is given. */
  scope?: RuleScope;
  evaluate?(facts: AccountFacts, params: z.infer<P>, ctx: RuleContext): RuleOutcome;
  /** `scope: "unit"`: the unit's registered accounts (all statuses), in registry order. */
  evaluateUnit?(accounts: readonly AccountFacts[], params: z.infer<P>, ctx: RuleContext): UnitOccurrence[];
  evaluateGlobal?(facts: GlobalFacts, params: z.infer<P>, ctx: RuleContext): Occurrence[];
}

export function scopeOf(rule: Pick<RuleDefinition, "scope">): RuleScope {
  return rule.scope ?? "account";
}

const EVALUATOR = { account: "evaluate", unit: "evaluateUnit", global: "evaluateGlobal" } as const;

export function defineRule<P extends z.ZodObject>(rule: RuleDefinition<P>): RuleDefinition<P> {
  const scope = scopeOf(rule);
  for (const [s, key] of Object.entries(EVALUATOR)) {
    const has = typeof rule[key] === "function";
    if (has !== (s === scope)) {
      throw new Error(`rule ${rule.id} (scope ${scope}) ${has ? "must not define" : "must define"} ${key}`);
    }
  }
  return rule;
}

/**
 * A finding's rectification class and key (RULES §7). Throws on an undeclared message id: a rule
 * that forgets one is a bug, not a silent "historical".
 */
export function rectificationOf(
  ruleId: string,
  declared: Rectification | undefined,
  owner: string,
  key: string | undefined,
): { rectification: Rectification; key: string | null } {
  if (declared === undefined)
    throw new Error(`rule ${ruleId} does not declare the rectification of a message`);
  return declared === "rectifiable"
    ? { rectification: declared, key: `${ruleId}|${owner}|${key ?? ""}` }
    : { rectification: declared, key: null };
}

export function isNotEvaluated(outcome: RuleOutcome): outcome is NotEvaluated {
  return !Array.isArray(outcome);
}

/**
 * Fills `{name}` placeholders of a message template. Joined, not concatenated: `+=` would build a
 * rope of a node per piece (32 bytes each), which every finding's message would keep for the whole
 * run — 21 MB of the 2M-post bench's results, against one flat string each.
 */
export function fillTemplate(
  template: string,
  data: Record<string, string | number | Localized> = {},
  lang: "zh" | "en" = "zh",
): string {
  const parts = templateParts(template);
  if (parts.length === 1) return parts[0]!;
  const pieces = parts.slice();
  for (let i = 1; i < pieces.length; i += 2) {
    const key = pieces[i]!;
    const value = data[key];
    pieces[i] = value === undefined ? `{${key}}` : typeof value === "object" ? value[lang] : String(value);
  }
  return pieces.join("");
}

/** Templates split once: literal, key, literal, key, …, literal (every finding fills one or two). */
const splitTemplates = new Map<string, readonly string[]>();

function templateParts(template: string): readonly string[] {
  let parts = splitTemplates.get(template);
  if (parts === undefined) {
    parts = template.split(/\{(\w+)\}/);
    // Messages come from the rules' own tables: few. Bounded all the same.
    if (splitTemplates.size >= 1024) splitTemplates.clear();
    splitTemplates.set(template, parts);
  }
  return parts;
}

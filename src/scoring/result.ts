import type { UnregisteredAccount } from "../facts/builder.js";
import type { AccountMetrics } from "../facts/metrics.js";
import type { InputStats } from "../ingest/inputs.js";
import type { AccountRecord, Platform } from "../input/schemas.js";
import type { TableKind } from "../input/tables.js";
import type { Localized, Rectification, Severity } from "../rules/define.js";

/**
 * The audit result. Key names follow PRODUCT §3 exactly: they are the JSON contract.
 * Times are epoch milliseconds here; the output stage renders them as ISO 8601 in the audit zone.
 */

export type Verdict = "pass" | "fail" | "veto" | "not_scored";

export interface FindingResult {
  accountId: string;
  hostUnit: string;
  rule: string;
  /** The rule's message id (stable: what tests and scripts match on). */
  messageId: string;
  indicator: Localized;
  severity: Severity;
  /** Points deducted by this finding, after the rule's cap. */
  points: number;
  /** How many occurrences the finding stands for. */
  count: number;
  occurredAt?: number;
  message: Localized;
  evidence: Record<string, unknown>;
  source: string;
  /** RULES §7: whether a re-check can find it rectified (see `Rectification`). */
  rectification: Rectification;
  /**
   * Rectifiable findings only: the same problem has the same key in any run over the same registry
   * (`rule|account or unit|what tells it apart`), so `gmaudit diff` can match a baseline and a re-check.
   */
  key: string | null;
}

export interface AccountResult extends AccountMetrics {
  accountId: string;
  name: string;
  platform: Platform;
  accountType?: AccountRecord["accountType"];
  hostUnit: string;
  unitCategory?: string;
  status: AccountRecord["status"];
  score: number | null;
  verdict: Verdict;
  vetoes: string[];
  deductions: number;
  findings: FindingResult[];
  /** Rules that could not be judged for this account, and why (never counted as passed). */
  /** Why, in both languages (the JSON gives the English). */
  notEvaluated: { rule: string; reason: Localized }[];
}

export interface UnitResult {
  hostUnit: string;
  unitCategory?: string;
  accounts: number;
  scored: number;
  vetoed: number;
  failed: number;
  rawScore: number | null;
  score: number | null;
  passRate: number | null;
  verdict: Verdict;
  /** Unit-level findings (duplicate accounts …). */
  findings: FindingResult[];
  /** Its accounts' findings (PRODUCT §3.3: counted apart from the unit-level ones). */
  accountFindings: number;
}

export interface AuditSummary {
  accounts: number;
  pass: number;
  fail: number;
  veto: number;
  notScored: number;
  findings: number;
}

export interface AuditResult {
  tool: "gmaudit";
  version: string;
  profile: string;
  profileName: string;
  scoring: "deductions" | "veto-only";
  timezone: string;
  asOf: number;
  from: number;
  /** The Monday (YYYY-MM-DD) of each complete natural week of the window, oldest first. */
  weeks: string[];
  /** e.g. "2026Q3" when --period was given. */
  period?: string;
  inputs: Partial<Record<TableKind, InputStats>>;
  /** Inputs that were not given: the rules that need them are "not evaluated". */
  missingInputs: TableKind[];
  dataIncomplete: boolean;
  /** Warnings in both languages: the outputs write them in `--lang`. */
  calendar: { coveredYears: number[]; warnings: Localized[] };
  /** Warnings about the data (not findings), in both languages. */
  warnings: Localized[];
  summary: AuditSummary;
  accounts: AccountResult[];
  units: UnitResult[];
  unregisteredAccounts: UnregisteredAccount[];
  /**
   * The findings of the global rules (unregistered-account), which the outputs show as `warnings`;
   * kept whole for the exit code (`--fail-on warning`, or the level a profile gives them).
   */
  globalFindings: FindingResult[];
  /**
   * The warning (also first in `warnings`) that the monitoring time is after the end of today: the
   * CLI says it on stderr even with --quiet, as results judged too early must not pass a cron job unseen.
   */
  futureAsOf?: Localized;
  /** PRODUCT §2.1: the posts or messages end well before T (said on stderr even with --quiet). */
  staleData?: Localized[];
}

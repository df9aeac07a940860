import type { AuditResult, FindingResult, Verdict } from "../scoring/result.js";

/** Helpers shared by the formatters: how one value is written wherever it appears. */

/** `0.428571` → `42.9%` (CSV and table; JSON keeps the 0–1 number). */
export function formatPercent(ratio: number): string {
  return `${(ratio * 100).toFixed(1)}%`;
}

/** Scores and gaps have one decimal. */
export function formatOneDecimal(value: number): string {
  return value.toFixed(1);
}

/**
 * Evidence as a compact `key=value; …` string (CSV, table). Scalars as they are, null as empty,
 * lists of scalars comma-joined, anything else as compact JSON.
 */
export function compactEvidence(evidence: Record<string, unknown>): string {
  return Object.entries(evidence)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${evidenceValue(value)}`)
    .join("; ");
}

function evidenceValue(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint")
    return String(value);
  if (Array.isArray(value) && value.every((v) => v === null || typeof v !== "object")) {
    return value.map((v) => evidenceValue(v)).join(",");
  }
  return JSON.stringify(value);
}

/** An active account that will be vetoed for not posting unless it posts (`--warn-within`). */
export interface ImminentVeto {
  accountId: string;
  name: string;
  /** The civil date (audit zone) from which the 2-week veto applies. */
  vetoDate: string;
}

/** The `--warn-within` warning of `no-update-2w`: the veto applies on a named day unless the account posts. */
export function isImminentVeto(f: FindingResult): boolean {
  return f.rule === "no-update-2w" && f.messageId === "veto-imminent";
}

/**
 * The accounts with a `veto-imminent` warning of `no-update-2w`, in input order. Only `--warn-within`
 * produces them; the exit code and the cron line treat them like vetoes (an early warning that a
 * cron job cannot see is no warning).
 */
export function imminentVetoes(result: AuditResult): ImminentVeto[] {
  const out: ImminentVeto[] = [];
  for (const a of result.accounts) {
    const f = a.findings.find(isImminentVeto);
    if (f === undefined) continue;
    // `vetoAt` is written in the audit zone (`2026-09-30T10:47:00.001+08:00`): its date is the civil date.
    out.push({ accountId: a.accountId, name: a.name, vetoDate: String(f.evidence.vetoAt).slice(0, 10) });
  }
  return out;
}

/** What worst-first ordering reads: accounts and units both have it. */
export interface Ranked {
  verdict: Verdict;
  score: number | null;
}

const VERDICT_RANK: Record<Verdict, number> = { veto: 0, fail: 1, pass: 2, not_scored: 3 };

/**
 * Worst first: vetoed, failed, passed, not scored; within a verdict the lower score first (an account
 * without a score after those with one); ties keep the input order (Array#sort is stable).
 */
export function compareWorstFirst(a: Ranked, b: Ranked): number {
  const byVerdict = (VERDICT_RANK[a.verdict] ?? 4) - (VERDICT_RANK[b.verdict] ?? 4);
  if (byVerdict !== 0) return byVerdict;
  return (a.score ?? Number.POSITIVE_INFINITY) - (b.score ?? Number.POSITIVE_INFINITY) || 0;
}

export function worstFirst<T extends Ranked>(accounts: readonly T[]): T[] {
  return [...accounts].sort(compareWorstFirst);
}

/** Every finding of every account in input order, then the unit-level ones (the findings files). */
export function* allFindings(result: AuditResult): Generator<FindingResult> {
  for (const a of result.accounts) yield* a.findings;
  for (const u of result.units) yield* u.findings;
}

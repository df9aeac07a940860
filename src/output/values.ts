import type { AuditResult, FindingResult, Verdict } from "../audit/result.js";

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

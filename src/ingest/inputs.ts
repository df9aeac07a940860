import type { TableKind } from "../input/tables.js";

export const TABLE_ORDER: readonly TableKind[] = ["accounts", "posts", "messages", "filings", "findings"];

export type InputFiles = { accounts: string } & Partial<Record<Exclude<TableKind, "accounts">, string>>;

/** Per-file bookkeeping: `rows = used + skipped + duplicates + afterAsOf`; unregistered rows are among the used. */
export interface InputStats {
  file: string;
  format: string;
  encoding: string;
  rows: number;
  used: number;
  skipped: number;
  duplicates: number;
  afterAsOf: number;
  unregistered: number;
  /** Posts and messages: times given as a date only, read with the benefit of the doubt (RULES §1). */
  dateOnly?: number;
}

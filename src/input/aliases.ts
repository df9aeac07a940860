import type { TableKind } from "./tables.js";
import type { ValueAliases } from "./values.js";

/**
 * An office's own words for columns and values (config `aliases`, PRODUCT §1.8): header → canonical
 * column per table (or "*" for every table), and value → id per enumeration. They add to the built-in
 * aliases. Plain data, so that it crosses to the reading threads as it is.
 */
export interface Aliases extends ValueAliases {
  columns?: Partial<Record<TableKind | "*", Readonly<Record<string, string>>>>;
  /** Indicator name → rule or manual indicator id. */
  indicator?: Readonly<Record<string, string>>;
}

/** The column aliases an office gave for a table: its own and those keyed "*" (the table's win). */
export function columnAliasesOf(aliases: Aliases | undefined, kind: TableKind): [string, string][] {
  const columns = aliases?.columns;
  if (columns === undefined) return [];
  return [...Object.entries(columns["*"] ?? {}), ...Object.entries(columns[kind] ?? {})];
}

/** `"aliases": {"columns": {"posts": {"推文时间": "published_at"}}}`: the entry that maps a header. */
export function columnAliasEntry(kind: TableKind | "*", header: string, column: string): string {
  return `"aliases": {"columns": {"${kind}": {${JSON.stringify(header)}: "${column}"}}}`;
}

import { COLUMNS, type ColumnName, TABLES, type TableKind } from "./tables.js";

/**
 * What a rule reads: a table (`posts`), or one column of a table (`posts.original`) that a file may
 * lack as a whole — a header that does not name it says nothing either way, unlike a blank cell.
 */
export type InputNeed = TableKind | `${TableKind}.${ColumnName}`;

/** A need split into its table and, for a column, the column. */
export function needParts(need: InputNeed): { table: TableKind; column?: ColumnName } {
  const dot = need.indexOf(".");
  if (dot === -1) return { table: need as TableKind };
  return { table: need.slice(0, dot) as TableKind, column: need.slice(dot + 1) as ColumnName };
}

/** A column as the messages name it: its preferred Chinese header and its canonical name. */
export function columnLabel(column: ColumnName): { alias: string; name: ColumnName } {
  return { alias: COLUMNS[column].aliases[0], name: column };
}

/**
 * The inputs of a run: the tables given, and the columns their headers do not name. A table read
 * without a header (JSON: a key may be absent from some records only) is taken to have every column.
 */
export class AvailableInputs {
  private readonly absent: ReadonlyMap<TableKind, ReadonlySet<string>>;

  constructor(
    readonly tables: ReadonlySet<TableKind>,
    /** Per table read with a header: canonical column → the header as found. */
    headers: Partial<Record<TableKind, Partial<Record<string, string>>>> = {},
  ) {
    const absent = new Map<TableKind, ReadonlySet<string>>();
    for (const table of tables) {
      const header = headers[table];
      if (header === undefined) continue;
      absent.set(
        table,
        new Set(TABLES[table].columns.map((c) => c.name).filter((n) => header[n] === undefined)),
      );
    }
    this.absent = absent;
  }

  has(need: InputNeed): boolean {
    const { table, column } = needParts(need);
    if (!this.tables.has(table)) return false;
    return column === undefined || !(this.absent.get(table)?.has(column) ?? false);
  }
}

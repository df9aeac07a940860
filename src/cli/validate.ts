import { type Command, Option } from "commander";
import { configFor } from "../config/load.js";
import { GmauditError, UsageError } from "../errors.js";
import type { Aliases } from "../input/aliases.js";
import {
  DEFAULT_MAX_ERRORS,
  duplicateAccountError,
  ErrorLog,
  formatErrorLog,
  formatWarningLog,
  type InputError,
} from "../input/errors.js";
import {
  detectKind,
  openTable,
  type TableFormat,
  type TableReader,
  tablesInWorkbook,
} from "../input/read.js";
import type { AccountRecord, FindingRecord, Located } from "../input/schemas.js";
import { isTableKind, TABLE_KINDS, TABLES, type TableKind } from "../input/tables.js";
import { RULES_NEEDING_POSTS_COLUMN } from "../rules/index.js";
import { indicatorError } from "../rules/manual.js";
import { DEFAULT_TZ, Zone } from "../time/zone.js";
import type { CommandContext } from "./io.js";

const EXAMPLES = `
Examples:
  $ gmaudit validate accounts.csv                        check the registry (备案台账)
  $ gmaudit validate accounts.csv posts.csv messages.csv  several files; each one's kind is read from its header
  $ gmaudit validate 发布记录.txt --kind posts --encoding gbk
  $ gmaudit validate posts.ndjson --format json          a machine-readable report
  $ gmaudit validate 留言记录.csv --config ../gmaudit.config.json   with the office's own words (aliases)

Each file's kind (accounts, posts, messages, filings, findings) is recognised from its header row.
The aliases of gmaudit.config.json (the one in this folder, or --config) are read as check reads them.
Exit code: 0 when every file is valid, 2 when any file has an invalid row or cannot be read.
`;

/** What `validate` found in one file. */
export interface FileReport {
  file: string;
  ok: boolean;
  kind?: TableKind;
  format?: TableFormat;
  encoding?: string;
  bom?: boolean;
  /** Physical line of the header row (CSV/TSV). */
  headerLine?: number;
  /** Canonical column → header as found. */
  header?: Partial<Record<string, string>>;
  unknownColumns?: readonly string[];
  rows: number;
  valid: number;
  invalid: number;
  /** Every row error, kept or not. */
  errorCount: number;
  /** The first `--max-errors` of them. */
  errors: InputError[];
  warningCount: number;
  warnings: InputError[];
  /**
   * CSV/TSV: the table's columns the header does not name (canonical names). `check` reads them as
   * blank, and does not evaluate what needs 是否原创 or 来源. JSON has no header (a key may be absent
   * from some records only), so none are listed for it.
   */
  absentColumns?: string[];
  /** Totals rows (合计 …) left out as not data, and the line of the first. */
  totalsRows?: { count: number; firstLine: number };
  /** The file could not be read to the end: unreadable, malformed, missing column. */
  failure?: { message: string; details: readonly string[] };
}

export interface ValidateOptions {
  kind?: TableKind;
  /** The config's `aliases` (the same words `check` reads). */
  aliases?: Aliases;
  encoding?: string;
  zone: Zone;
  maxErrors: number;
  cwd: string;
}

export function registerValidate(program: Command, ctx: CommandContext): void {
  program
    .command("validate")
    .description("read and validate input files only; report every problem")
    .argument(
      "<files...>",
      "input files: CSV, TSV, TXT, JSON, NDJSON or .xlsx (each sheet, or file.xlsx#sheet)",
    )
    .addOption(
      new Option("--kind <kind>", "the table kind of every file (default: from the header)").choices(
        TABLE_KINDS,
      ),
    )
    .option("--encoding <enc>", "file encoding, e.g. utf-8, gb18030, gbk, utf-16le (default: detected)")
    .option("--tz <zone>", "time zone of times without an offset", DEFAULT_TZ)
    .option(
      "--config <file>",
      "a gmaudit.config.json, for its aliases (default: the one in the current directory)",
    )
    .option("--no-config", "ignore gmaudit.config.json in the current directory")
    .addOption(
      new Option("--max-errors <n>", "errors listed per file (the rest are counted)").default(
        String(DEFAULT_MAX_ERRORS),
        String(DEFAULT_MAX_ERRORS),
      ),
    )
    .addOption(new Option("--format <format>", "report format").choices(["text", "json"]).default("text"))
    .addHelpText("after", EXAMPLES)
    .action(async (files: string[], flags: Record<string, string | undefined>) => {
      const config = configFor(flags.config as string | boolean | undefined, ctx.io.cwd);
      const options = {
        ...validateOptions(flags, ctx.io.cwd),
        ...(config?.aliases === undefined ? {} : { aliases: config.aliases }),
      };
      const reports: FileReport[] = [];
      for (const given of files) {
        // A workbook stands for its tables: each sheet that holds one is validated (台账.xlsx#发布记录 …).
        const sheets = Object.values(await tablesInWorkbook(given, ctx.io.cwd).catch(() => ({})));
        for (const file of sheets.length > 0 ? sheets : [given])
          reports.push(await validateFile(file, options));
      }
      const text = flags.format === "json" ? renderJson(reports) : renderText(reports);
      ctx.io.stdout.write(text);
      ctx.setExitCode(reports.every((r) => r.ok) ? 0 : 2);
    });
}

function validateOptions(flags: Record<string, string | undefined>, cwd: string): ValidateOptions {
  const maxErrors = Number(flags.maxErrors);
  if (!Number.isInteger(maxErrors) || maxErrors < 0) {
    throw new UsageError(`--max-errors must be a whole number ≥ 0 (got "${flags.maxErrors}")`);
  }
  const kind = flags.kind;
  return {
    ...(kind !== undefined && isTableKind(kind) ? { kind } : {}),
    ...(flags.encoding === undefined ? {} : { encoding: flags.encoding }),
    zone: Zone.of(flags.tz ?? DEFAULT_TZ),
    maxErrors,
    cwd,
  };
}

/** Reads one file to the end. A file-level failure is reported, not thrown: the other files still run. */
export async function validateFile(file: string, options: ValidateOptions): Promise<FileReport> {
  const log = new ErrorLog(options.maxErrors);
  const read = {
    cwd: options.cwd,
    ...(options.encoding === undefined ? {} : { encoding: options.encoding }),
    ...(options.aliases === undefined ? {} : { aliases: options.aliases }),
  };
  let kind: TableKind | undefined = options.kind;
  let reader: TableReader<TableKind> | undefined;
  let failure: FileReport["failure"];
  let rejected = 0; // valid cells, refused by a later check
  try {
    kind ??= await detectKind(file, read);
    reader = await openTable(file, kind, { ...read, zone: options.zone }, log);
    // Reading is validating: invalid rows go to the log. The registry's ids must also be unique.
    const firstLine = new Map<string, number>();
    for await (const record of reader.records()) {
      if (kind === "findings") {
        // What `check` refuses in a findings row beyond its cells: an indicator it does not know.
        const error = indicatorError(
          record as Located<FindingRecord>,
          reader.header.indicator ?? "indicator",
        );
        if (error !== undefined) {
          log.add(error);
          rejected++;
        }
        continue;
      }
      if (kind !== "accounts") continue;
      const account = record as Located<AccountRecord>;
      const seen = firstLine.get(account.accountId);
      if (seen === undefined) firstLine.set(account.accountId, account.line);
      else log.add(duplicateAccountError(account, seen, reader.header.account_id ?? "account_id"));
    }
  } catch (err) {
    if (!(err instanceof GmauditError)) throw err;
    failure = { message: err.message, details: err.details };
  }
  const stats = reader?.stats ?? { rows: 0, valid: 0, invalid: 0, totals: 0 };
  const totals = stats.totals;
  const firstTotalsLine = reader?.stats.firstTotalsLine;
  return {
    file,
    ok: failure === undefined && log.count === 0,
    ...(kind === undefined ? {} : { kind }),
    ...(reader === undefined ? {} : describeReader(reader)),
    rows: stats.rows,
    valid: stats.valid - rejected,
    invalid: stats.invalid + rejected,
    errorCount: log.count,
    errors: log.errors,
    warningCount: log.warningCount,
    warnings: log.warnings,
    ...(reader !== undefined && kind !== undefined && (reader.format === "csv" || reader.format === "tsv")
      ? {
          absentColumns: TABLES[kind].columns
            .filter((c) => !c.matchOnly && reader?.header[c.name] === undefined)
            .map((c) => c.name),
        }
      : {}),
    ...(totals > 0 && firstTotalsLine !== undefined
      ? { totalsRows: { count: totals, firstLine: firstTotalsLine } }
      : {}),
    ...(failure === undefined ? {} : { failure }),
  };
}

function describeReader(reader: TableReader<TableKind>) {
  return {
    format: reader.format,
    encoding: reader.encoding,
    bom: reader.bom,
    ...(reader.format === "csv" || reader.format === "tsv" ? { headerLine: reader.headerLine } : {}),
    header: reader.header,
    unknownColumns: reader.unknownColumns,
  };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function describeEncoding(report: FileReport): string {
  return report.bom ? `${report.encoding} (BOM)` : (report.encoding ?? "?");
}

function renderFile(report: FileReport): string[] {
  const lines = [report.file];
  if (report.kind !== undefined && report.format !== undefined) {
    const headerAt =
      report.headerLine !== undefined && report.headerLine > 1
        ? ` (header on line ${report.headerLine})`
        : "";
    lines.push(
      `  kind: ${report.kind}   format: ${report.format}${headerAt}   encoding: ${describeEncoding(report)}`,
    );
    lines.push(
      `  rows: ${report.rows}   valid: ${report.valid}   invalid: ${report.invalid}   warnings: ${report.warningCount}`,
    );
  } else if (report.kind !== undefined) {
    lines.push(`  kind: ${report.kind}`);
  }
  if (report.totalsRows !== undefined) {
    const { count, firstLine } = report.totalsRows;
    lines.push(
      `  ${count === 1 ? `a totals row (合计, 小计 …) on line ${firstLine}` : `${count} totals rows (合计, 小计 …), the first on line ${firstLine}`}: not data, left out`,
    );
  }
  if (report.unknownColumns !== undefined && report.unknownColumns.length > 0) {
    lines.push(`  ignored columns: ${report.unknownColumns.join(", ")}`);
  }
  if (report.absentColumns !== undefined && report.absentColumns.length > 0) {
    const named = report.absentColumns.map((name) => {
      const column =
        report.kind === undefined ? undefined : TABLES[report.kind].columns.find((c) => c.name === name);
      return column === undefined ? name : `${name} (${column.aliases[0]})`;
    });
    lines.push(`  columns not in the file: ${named.join(", ")}`);
    if (report.kind === "posts") {
      const missing = (["original", "source"] as const).find((c) => report.absentColumns?.includes(c));
      if (missing !== undefined) {
        const header = TABLES.posts.columns.find((c) => c.name === missing)!.aliases[0];
        const rules = RULES_NEEDING_POSTS_COLUMN[missing].join(" or ");
        lines.push(`  without ${header} (${missing}), check does not evaluate ${rules}`);
      }
    }
  }
  if (report.failure !== undefined) {
    lines.push(`  error: ${report.failure.message}`);
    for (const detail of report.failure.details) lines.push(`  ${detail}`);
  }
  for (const line of formatErrorLog({ errors: report.errors, count: report.errorCount }))
    lines.push(`  ${line}`);
  for (const line of formatWarningLog(report)) lines.push(`  ${line}`);
  return lines;
}

export function renderText(reports: readonly FileReport[]): string {
  const blocks = reports.map((r) => renderFile(r).join("\n"));
  const bad = reports.filter((r) => !r.ok).length;
  const summary =
    bad === 0
      ? `${reports.length === 1 ? "The file is" : `All ${reports.length} files are`} valid.`
      : `${bad} of ${plural(reports.length, "file")} ${bad === 1 ? "has" : "have"} errors.`;
  return `${blocks.join("\n\n")}\n\n${summary}\n`;
}

export function renderJson(reports: readonly FileReport[]): string {
  return `${JSON.stringify({ valid: reports.every((r) => r.ok), files: reports }, null, 2)}\n`;
}

import { type Command, Option } from "commander";
import { configFor } from "../config/load.js";
import { GmauditError, UsageError } from "../errors.js";
import { LANGS, type Lang, type Localized, message } from "../i18n.js";
import { ignoredColumnWarnings, notesRowsWarnings, totalsRowsWarnings } from "../ingest/file-warnings.js";
import type { Aliases } from "../input/aliases.js";
import {
  DEFAULT_MAX_ERRORS,
  duplicateAccountError,
  ErrorLog,
  formatErrorLog,
  formatWarningLog,
  type InputError,
} from "../input/errors.js";
import { columnLabel } from "../input/needs.js";
import {
  detectKind,
  openTable,
  type TableFormat,
  type TableReader,
  tablesInWorkbook,
} from "../input/read.js";
import type { AccountRecord, FindingRecord, Located } from "../input/schemas.js";
import { isColumnName, isTableKind, TABLE_KINDS, TABLES, type TableKind } from "../input/tables.js";
import type { RuleDefinition } from "../rules/define.js";
import { RULES } from "../rules/index.js";
import { indicatorError } from "../rules/manual.js";
import { rulesNeeding } from "../scoring/needs.js";
import { DEFAULT_TZ, Zone } from "../time/zone.js";
import type { CommandContext } from "./io.js";
import { configOption, noConfigOption } from "./localize.js";

const EXAMPLES_ZH = `
示例：
  $ gmaudit validate 备案台账.csv                         检查账号台账
  $ gmaudit validate 备案台账.csv 发布记录.csv 留言记录.csv  多个文件；每个文件是哪张表由表头判断
  $ gmaudit validate 发布记录.txt --kind posts --encoding gbk
  $ gmaudit validate 发布记录.ndjson --format json        JSON 格式的报告，供脚本使用

每个文件是哪张表（accounts 账号台账、posts 发布记录、messages 留言记录、filings 备案记录、findings 检查记录）由表头识别。
退出码：所有文件都有效时为 0；任一文件有无效行或无法读取时为 2。
`;

const EXAMPLES_EN = `
Examples:
  $ gmaudit validate accounts.csv                        check the registry of accounts
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
  /**
   * What `check` says about the file's shape, in its words: totals and notes rows left out, ignored
   * columns that look like one gmaudit reads, counts given in a unit.
   */
  notes?: Localized[];
  /** The file could not be read to the end: unreadable, malformed, missing column (in `lang`). */
  failure?: { id: string; message: string; details: readonly string[] };
}

export interface ValidateOptions {
  kind?: TableKind;
  /** The config's `aliases` (the same words `check` reads). */
  aliases?: Aliases;
  encoding?: string;
  zone: Zone;
  maxErrors: number;
  cwd: string;
  /** The language of the report's messages (default zh). */
  lang?: Lang;
}

export function registerValidate(program: Command, ctx: CommandContext): void {
  const { lang } = ctx;
  const L = (zhText: string, enText: string) => (lang === "zh" ? zhText : enText);
  program
    .command("validate")
    .description(
      L(
        "只读取并检查输入文件，列出每一个问题（不评分）",
        "read and validate input files only; report every problem",
      ),
    )
    .argument(
      L("<文件...>", "<files...>"),
      L(
        "输入文件：CSV、TSV、TXT、JSON、NDJSON 或 .xlsx（逐个工作表，或 文件.xlsx#工作表）",
        "input files: CSV, TSV, TXT, JSON, NDJSON or .xlsx (each sheet, or file.xlsx#sheet)",
      ),
    )
    .addOption(configOption(lang))
    .addOption(noConfigOption(lang))
    .addOption(
      new Option(
        L("--kind <表>", "--kind <kind>"),
        L(
          "所有文件都按这张表读取（默认：由表头判断）",
          "the table kind of every file (default: from the header)",
        ),
      ).choices(TABLE_KINDS),
    )
    .option(
      L("--encoding <编码>", "--encoding <enc>"),
      L(
        "文件编码，如 utf-8、gb18030、gbk、utf-16le（默认：自动识别）",
        "file encoding, e.g. utf-8, gb18030, gbk, utf-16le (default: detected)",
      ),
    )
    .option(
      L("--tz <时区>", "--tz <zone>"),
      L("不带时区的时间按此时区理解", "time zone of times without an offset"),
      DEFAULT_TZ,
    )
    .addOption(
      new Option(
        L("--max-errors <数量>", "--max-errors <n>"),
        L("每个文件最多列出几处错误（其余只计数）", "errors listed per file (the rest are counted)"),
      ).default(String(DEFAULT_MAX_ERRORS), String(DEFAULT_MAX_ERRORS)),
    )
    .addOption(
      new Option(L("--format <格式>", "--format <format>"), L("报告格式", "report format"))
        .choices(["text", "json"])
        .default("text"),
    )
    .addOption(
      new Option(L("--lang <语言>", "--lang <lang>"), L("报告的语言", "language of the report"))
        .choices(LANGS)
        .default(lang),
    )
    .addHelpText("after", L(EXAMPLES_ZH, EXAMPLES_EN))
    .action(async (files: string[], flags: Record<string, string | undefined>) => {
      const config = configFor(flags.config as string | boolean | undefined, ctx.io.cwd);
      const options = {
        ...validateOptions(flags, ctx.io.cwd),
        lang,
        ...(config?.aliases === undefined ? {} : { aliases: config.aliases }),
      };
      const reports: FileReport[] = [];
      for (const given of files) {
        // A workbook stands for its tables: each sheet that holds one is validated (台账.xlsx#发布记录 …).
        const sheets = Object.values(await tablesInWorkbook(given, ctx.io.cwd).catch(() => ({})));
        for (const file of sheets.length > 0 ? sheets : [given])
          reports.push(await validateFile(file, options));
      }
      const text = flags.format === "json" ? renderJson(reports) : renderText(reports, lang);
      ctx.io.stdout.write(text);
      ctx.setExitCode(reports.every((r) => r.ok) ? 0 : 2);
    });
}

function validateOptions(flags: Record<string, string | undefined>, cwd: string): ValidateOptions {
  const maxErrors = Number(flags.maxErrors);
  if (!Number.isInteger(maxErrors) || maxErrors < 0) {
    throw new UsageError(
      message(
        "usage.whole-number",
        `--max-errors 须为不小于 0 的整数（收到“${flags.maxErrors}”）`,
        `--max-errors must be a whole number ≥ 0 (got "${flags.maxErrors}")`,
      ),
    );
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
    const [message = "", ...details] = err.lines(options.lang ?? "zh");
    failure = { id: err.id, message, details };
  }
  const stats = reader?.stats ?? { rows: 0, valid: 0, invalid: 0, totals: 0 };
  const totals = stats.totals;
  const firstTotalsLine = reader?.stats.firstTotalsLine;
  const notes =
    reader === undefined || kind === undefined
      ? []
      : [
          ...totalsRowsWarnings(reader.file, [reader.stats]),
          ...notesRowsWarnings(reader.file, [reader.stats]),
          ...ignoredColumnWarnings(kind, file, reader.unknownColumns, reader.header, options.aliases),
        ];
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
    ...(notes.length === 0 ? {} : { notes }),
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

/** The report's words, one language at a time. */
const REPORT = {
  zh: {
    kind: (kind: TableKind) => `${TABLES[kind].title}（${kind}）`,
    headerAt: (line: number) => `（表头在第 ${line} 行）`,
    facts: (kind: string, format: string, headerAt: string, encoding: string) =>
      `  表：${kind}   格式：${format}${headerAt}   编码：${encoding}`,
    counts: (r: FileReport) =>
      `  行数：${r.rows}   有效：${r.valid}   无效：${r.invalid}   提示：${r.warningCount}`,
    kindOnly: (kind: string) => `  表：${kind}`,
    ignored: (columns: readonly string[]) => `  未使用的列：${columns.join("、")}`,
    absent: (named: readonly string[]) => `  文件中没有的列：${named.join("、")}`,
    absentName: (name: string, alias: string | undefined) =>
      alias === undefined ? name : `${alias}（${name}）`,
    withoutColumn: (header: string, rules: readonly string[]) =>
      `  没有“${header}”列时，check 不评估：${rules.join("、")}`,
    error: (message: string) => `  错误：${message}`,
    summary: (total: number, bad: number) =>
      bad === 0
        ? total === 1
          ? "文件有效。"
          : `全部 ${total} 个文件有效。`
        : `${total} 个文件中有 ${bad} 个有错误。`,
  },
  en: {
    kind: (kind: TableKind) => kind,
    headerAt: (line: number) => ` (header on line ${line})`,
    facts: (kind: string, format: string, headerAt: string, encoding: string) =>
      `  kind: ${kind}   format: ${format}${headerAt}   encoding: ${encoding}`,
    counts: (r: FileReport) =>
      `  rows: ${r.rows}   valid: ${r.valid}   invalid: ${r.invalid}   warnings: ${r.warningCount}`,
    kindOnly: (kind: string) => `  kind: ${kind}`,
    ignored: (columns: readonly string[]) => `  ignored columns: ${columns.join(", ")}`,
    absent: (named: readonly string[]) => `  columns not in the file: ${named.join(", ")}`,
    absentName: (name: string, alias: string | undefined) =>
      alias === undefined ? name : `${name} (${alias})`,
    withoutColumn: (header: string, rules: readonly string[]) =>
      `  without ${header}, check does not evaluate ${rules.join(" or ")}`,
    error: (message: string) => `  error: ${message}`,
    summary: (total: number, bad: number) =>
      bad === 0
        ? `${total === 1 ? "The file is" : `All ${total} files are`} valid.`
        : `${bad} of ${plural(total, "file")} ${bad === 1 ? "has" : "have"} errors.`,
  },
} as const;

/** A rule as a reader of `lang` names it: the indicator in Chinese, the id in English. */
function ruleName(rule: Pick<RuleDefinition, "id" | "indicator">, lang: Lang): string {
  return lang === "zh" ? rule.indicator.zh : rule.id;
}

function renderFile(report: FileReport, lang: Lang): string[] {
  const t = REPORT[lang];
  const lines = [report.file];
  if (report.kind !== undefined && report.format !== undefined) {
    const headerAt =
      report.headerLine !== undefined && report.headerLine > 1 ? t.headerAt(report.headerLine) : "";
    lines.push(t.facts(t.kind(report.kind), report.format, headerAt, describeEncoding(report)));
    lines.push(t.counts(report));
  } else if (report.kind !== undefined) {
    lines.push(t.kindOnly(t.kind(report.kind)));
  }
  for (const note of report.notes ?? []) lines.push(`  ${note[lang]}`);
  if (report.unknownColumns !== undefined && report.unknownColumns.length > 0) {
    lines.push(t.ignored(report.unknownColumns));
  }
  if (report.absentColumns !== undefined && report.absentColumns.length > 0) {
    const named = report.absentColumns.map((name) => {
      const column =
        report.kind === undefined ? undefined : TABLES[report.kind].columns.find((c) => c.name === name);
      return t.absentName(name, column?.aliases[0]);
    });
    lines.push(t.absent(named));
    // Each absent column some rule needs: what check cannot evaluate without it (the rules' `needs`).
    const { kind } = report;
    for (const name of report.absentColumns) {
      if (kind === undefined || !isColumnName(name)) continue;
      const off = rulesNeeding(RULES, `${kind}.${name}`);
      if (off.length === 0) continue;
      const { alias } = columnLabel(name);
      const header = lang === "zh" ? alias : `${alias} (${name})`;
      lines.push(
        t.withoutColumn(
          header,
          off.map((rule) => ruleName(rule, lang)),
        ),
      );
    }
  }
  if (report.failure !== undefined) {
    lines.push(t.error(report.failure.message));
    for (const detail of report.failure.details) lines.push(`  ${detail}`);
  }
  for (const line of formatErrorLog({ errors: report.errors, count: report.errorCount }, lang))
    lines.push(`  ${line}`);
  for (const line of formatWarningLog(report, lang)) lines.push(`  ${line}`);
  return lines;
}

export function renderText(reports: readonly FileReport[], lang: Lang = "zh"): string {
  const blocks = reports.map((r) => renderFile(r, lang).join("\n"));
  const bad = reports.filter((r) => !r.ok).length;
  return `${blocks.join("\n\n")}\n\n${REPORT[lang].summary(reports.length, bad)}\n`;
}

export function renderJson(reports: readonly FileReport[]): string {
  return `${JSON.stringify({ valid: reports.every((r) => r.ok), files: reports }, null, 2)}\n`;
}

import { existsSync } from "node:fs";
import path from "node:path";
import { type Command, Option } from "commander";
import { configFor } from "../config/load.js";
import { resolveRunSettings } from "../config/resolve.js";
import { FAIL_ON_LEVELS, type FailOn } from "../config/schema.js";
import { GmauditError, UsageError } from "../errors.js";
import { envLang, type Lang, message } from "../i18n.js";
import { SAVE_AS_CSV } from "../input/decode.js";
import { DEFAULT_MAX_ERRORS } from "../input/errors.js";
import { tablesInWorkbook } from "../input/read.js";
import { splitSheetRef } from "../input/sheet-ref.js";
import {
  alertLine,
  assertNotAnInput,
  assertWritableTarget,
  type FindingsFormat,
  formatFromExtension,
  LANGS,
  OUTPUT_FORMATS,
  type OutputFormat,
  renderChunks,
  renderFindingsChunks,
  renderUnitsChunks,
  summaryLine,
  writeChunks,
  writeFilesAtomic,
} from "../output/index.js";
import { phrases, SETUP_PHRASES, TABLE_LABELS } from "../output/labels.js";
import { imminentVetoes } from "../output/values.js";
import { type AuditOptions, audit } from "../pipeline.js";
import { resolveProfile } from "../profiles/resolve.js";
import type { AuditResult } from "../scoring/result.js";
import { accountCardText } from "./account.js";
import {
  ACCOUNTS_NAMES,
  COMPANION_KINDS,
  type CompanionKind,
  companionPatterns,
  discoverInputs,
  findByName,
  WORKBOOK_EXTENSIONS,
} from "./discover.js";
import { type CliIO, type CommandContext, colorEnabled } from "./io.js";
import { configOption, noConfigOption } from "./localize.js";

// The levels live with the config schema (the config's `failOn` takes the same values).
export { FAIL_ON_LEVELS, type FailOn };

/**
 * PRODUCT §2.2, decided here and nowhere else: 1 when some account reaches the `--fail-on` level,
 * else 0 (exit 2 is an error, thrown before any result exists).
 * - veto: a vetoed account, or one about to be (`--warn-within`); fail: that, or a failed account;
 * - violation: that, or any finding of severity veto/deduct/violation; warning: any finding at all.
 */
export function exitCodeFor(result: AuditResult, failOn: FailOn): 0 | 1 {
  // An account about to be vetoed (`--warn-within`) counts as a veto here: the early warning exists
  // for cron jobs, which see only the exit code and the alert line.
  const vetoed = result.accounts.some((a) => a.verdict === "veto") || imminentVetoes(result).length > 0;
  const failed = vetoed || result.accounts.some((a) => a.verdict === "fail");
  switch (failOn) {
    case "never":
      return 0;
    case "veto":
      return vetoed ? 1 : 0;
    case "fail":
      return failed ? 1 : 0;
    case "violation":
    case "warning":
      return failed || findingsAtLevel(result, failOn) > 0 ? 1 : 0;
  }
}

/** Findings of the accounts, the units and the global rules at `--fail-on violation` (not warnings) or `warning` (all). */
export function findingsAtLevel(result: AuditResult, failOn: "violation" | "warning"): number {
  let n = 0;
  for (const list of [
    ...result.accounts.map((a) => a.findings),
    ...result.units.map((u) => u.findings),
    result.globalFindings,
  ]) {
    for (const f of list) if (failOn === "warning" || f.severity !== "warning") n++;
  }
  return n;
}

export interface CheckFlags {
  posts?: string;
  messages?: string;
  filings?: string;
  findings?: string;
  asOf?: string;
  period?: string;
  from?: string;
  profile?: string;
  /** `--config FILE`, or false for `--no-config`. */
  config?: string | boolean;
  calendar?: string;
  strictCalendar?: boolean;
  tz?: string;
  format?: string;
  out?: string;
  findingsOut?: string;
  unitsOut?: string;
  units?: boolean;
  lang?: string;
  bom?: boolean;
  failOn?: string;
  warnWithin?: string;
  skipInvalid?: boolean;
  encoding?: string;
  maxErrors: string;
  quiet?: boolean;
  color: boolean;
  account?: string;
}

/** The help of `check`, one language at a time. */
const HELP = {
  zh: {
    summary: "检查并评分账号（主要功能）",
    description: "按评分方案的规则检查备案台账中的每个账号，评分，并输出或写入结果。",
    accounts: "账号台账（备案台账）：CSV、TSV、JSON、NDJSON 或 .xlsx 工作簿",
    file: "<文件>",
    posts: "发布记录",
    messages: "留言记录（公众留言及答复）",
    filings: "备案记录",
    findings: "人工检查记录",
    asOf: "监测时间点；只写日期表示当天结束时（默认：现在）",
    period: "检查期间：2026Q3、2026-09、2026 或 2026W38（同时确定起止时间）",
    from: "监测起始日（当天 0 点；默认：监测时间点前 27 天）",
    profile: "内置评分方案名或评分方案 JSON 文件（默认：配置文件中的，否则 jiangsu）",
    calendar: "补充节假日/调休数据（holiday-cn JSON 或 date,type 两列的 CSV）",
    strictCalendar: "日历未覆盖监测期所在年份时报错",
    tz: "时区（IANA 名称；默认：配置文件中的，否则 Asia/Shanghai）",
    format: `输出格式：${OUTPUT_FORMATS.join("|")}（默认：终端上为 table，否则 csv；xlsx 须配合 --out）`,
    out: "把账号结果写入文件（格式由扩展名 .csv/.json/.ndjson/.jsonl/.xlsx 决定）",
    findingsOut: "把问题明细（每个问题一行）写入文件（.csv、.json、.ndjson/.jsonl、.xlsx）",
    unitsOut: "把主办单位得分（每个单位一行）写入文件（.csv、.json、.ndjson/.jsonl、.xlsx）",
    units: "同时显示主办单位表（表格输出；JSON 总是包含单位）",
    lang: "输出语言：zh|en（默认：环境变量 GMAUDIT_LANG 或配置文件中的，否则 zh）",
    bom: "CSV 带 UTF-8 BOM（默认：写入 .csv 文件或用 > 重定向到文件时带，管道和终端不带）",
    noBom: "CSV 一律不带 UTF-8 BOM",
    failOn: `账号达到该级别时退出码为 1：${FAIL_ON_LEVELS.join("|")}（默认：配置文件中的，否则 fail）`,
    warnWithin: "预警：再过几天不更新即触发“2周无更新”单项否决的账号",
    skipInvalid: "跳过无效的输入行继续检查（结果标注“数据不完整”）",
    encoding: "输入文件编码（默认自动识别：UTF-8、带 BOM 的 UTF-16、GB18030）",
    maxErrors: "最多列出几处输入错误",
    account: "只输出一个账号的评分卡（每条规则、扣分封顶计算、结论），代替结果",
    quiet: "标准错误上只输出错误和退出码为 1 时的提示",
    noColor: "不使用颜色（也遵循环境变量 NO_COLOR）",
    examples: `
同一文件夹中的配套文件：未用选项指定时，在账号台账旁查找 发布记录.* posts.*、留言记录.* messages.*、
备案记录.* filings.*、检查记录.* findings.*（.csv .tsv .txt .json .ndjson .jsonl .xlsx）。作为账号台账给出的工作簿可把各表
放在各工作表中（备案台账、发布记录、留言记录、备案记录、检查记录，或按表头识别）；台账.xlsx#发布记录 指定一个工作表。
缺少输入的检查记为“未评估”，不视为合格。

退出码：0 没有账号达到 --fail-on 级别；1 有账号达到；2 用法或输入错误（不写任何结果）。
使用 --warn-within 时，即将被单项否决的账号在退出码上按已否决计（得分不变），并在标准错误上列出。

示例：
  $ gmaudit check 备案台账.csv --period 2026Q3
      检查第三季度；同一文件夹中的 发布记录.csv、留言记录.csv 等自动使用
  $ gmaudit check 备案台账.csv --as-of 2026-09-30 --out 结果.csv --findings-out 问题.csv --units-out 单位.csv
      写出账号结果、问题明细和单位得分，供 Excel/WPS 打开（UTF-8 带 BOM）
  $ gmaudit check 备案台账.csv --period 2026Q3 > 结果.csv
      重定向到文件同样带 BOM
  $ gmaudit check 台账.xlsx --period 2026Q3 --out 结果.xlsx
      从一个工作簿的各工作表读取所有表，写出结果工作簿（4 个工作表）
  $ gmaudit check 备案台账.csv --period 2026Q3 --account 清河卫健
      一个账号为什么被扣分：每条规则、证据和扣分封顶计算
  $ gmaudit check 备案台账.csv --fail-on veto --warn-within 3 --quiet --out /var/gmaudit/today.csv
      供定时任务使用：有账号被单项否决或 3 天内将被否决时退出码为 1，并在标准错误上输出一行
`,
  },
  en: {
    summary: "audit and score the accounts (the main job)",
    description:
      "Audit every registered account against the profile's rules, score it, and print or write the results.",
    accounts: "the account registry: CSV, TSV, JSON, NDJSON or an .xlsx workbook",
    file: "<file>",
    posts: "publication log",
    messages: "public messages and replies",
    filings: "filing records",
    findings: "manual inspection findings",
    asOf: "monitoring time point; a bare date means the end of that day (default: now)",
    period: "audit period: 2026Q3, 2026-09, 2026 or 2026W38 (sets from and as-of)",
    from: "window start (00:00 of that day; default: 27 days before as-of's day)",
    profile: "built-in profile name or profile JSON file (default: the config's, else jiangsu)",
    calendar: "extra holiday / working-day data (holiday-cn JSON or CSV date,type)",
    strictCalendar: "treat a window outside the calendar's covered years as an error",
    tz: "IANA time zone of the audit (default: the config's, else Asia/Shanghai)",
    format: `output format: ${OUTPUT_FORMATS.join("|")} (default: table on a terminal, else csv; xlsx needs --out)`,
    out: "write the account results to FILE (format from .csv/.json/.ndjson/.jsonl/.xlsx)",
    findingsOut: "write one row per finding to FILE (.csv, .json, .ndjson/.jsonl, .xlsx)",
    unitsOut: "write one row per host unit to FILE (.csv, .json, .ndjson/.jsonl, .xlsx)",
    units: "also print the host unit table (table output; JSON always has units)",
    lang: "language of everything a person reads: zh|en (default: GMAUDIT_LANG or the config's, else zh)",
    bom: "write a UTF-8 BOM in CSV (default: on for .csv files and > file, off on a pipe or terminal)",
    noBom: "never write a UTF-8 BOM",
    failOn: `exit 1 when an account reaches: ${FAIL_ON_LEVELS.join("|")} (default: the config's, else fail)`,
    warnWithin: "warn about active accounts that hit the 2-week veto within DAYS days",
    skipInvalid: "go on without invalid input rows (the run is marked data incomplete)",
    encoding: "input encoding (default: detected: UTF-8, UTF-16 with BOM, GB18030)",
    maxErrors: "list at most N input errors",
    account:
      "print one account's score card instead of the results (every rule, the cap arithmetic, the verdict)",
    quiet: "print nothing on stderr but errors and the exit-1 alert",
    noColor: "no colours (NO_COLOR is honoured too)",
    examples: `
Companion files: unless given by a flag, posts/messages/filings/findings are looked for beside the
accounts file as posts.* 发布记录.*, messages.* 留言记录.*, filings.* 备案记录.*, findings.* 检查记录.*
(.csv .tsv .txt .json .ndjson .jsonl .xlsx). A workbook given as the accounts file may hold all the
tables as sheets (named by their Chinese or English table names, or found by their headers); name one
sheet as registry.xlsx#posts. A check whose input is absent is "not evaluated", never passed.

Exit codes: 0 nothing reached --fail-on; 1 some account did; 2 usage or input error (nothing written).
With --warn-within, an account about to be vetoed counts as vetoed for the exit code (its score does not
change), and the line on stderr names it.

Examples:
  $ gmaudit check accounts.csv --period 2026Q3
      audit the third quarter; posts.csv, messages.csv … beside accounts.csv are used
  $ gmaudit check accounts.csv --as-of 2026-09-30 --out result.csv --findings-out findings.csv --units-out units.csv
      write the results, every finding and the unit scores for Excel (UTF-8 with BOM)
  $ gmaudit check registry.xlsx --period 2026Q3 --out results.xlsx
      read every table from the sheets of one workbook; write a results workbook (4 sheets)
  $ gmaudit check accounts.csv --format json --lang en > result.json
  $ gmaudit check accounts.csv --period 2026Q3 --account QH-007
      why an account lost its points: every rule, its evidence and the cap arithmetic
  $ gmaudit check accounts.csv --fail-on veto --warn-within 3 --quiet --out /var/gmaudit/today.csv
      for cron: exit 1 (and one line on stderr) when an account is vetoed or will be within 3 days
`,
  },
} as const satisfies Record<Lang, Record<string, string>>;

export function registerCheck(program: Command, ctx: CommandContext): void {
  const h = HELP[ctx.lang];
  const file = h.file;
  program
    .command("check")
    .summary(h.summary)
    .description(h.description)
    .argument(ctx.lang === "zh" ? "[账号台账]" : "[accounts]", h.accounts)
    .option(`--posts ${file}`, h.posts)
    .option(`--messages ${file}`, h.messages)
    .option(`--filings ${file}`, h.filings)
    .option(`--findings ${file}`, h.findings)
    .option(ctx.lang === "zh" ? "--as-of <时间>" : "--as-of <time>", h.asOf)
    .option(ctx.lang === "zh" ? "--period <期间>" : "--period <period>", h.period)
    .option(ctx.lang === "zh" ? "--from <日期>" : "--from <date>", h.from)
    .option(ctx.lang === "zh" ? "--profile <方案名|文件>" : "--profile <name|file>", h.profile)
    .addOption(configOption(ctx.lang))
    .addOption(noConfigOption(ctx.lang))
    .option(`--calendar ${file}`, h.calendar)
    .option("--strict-calendar", h.strictCalendar)
    .option(ctx.lang === "zh" ? "--tz <时区>" : "--tz <zone>", h.tz)
    .option(ctx.lang === "zh" ? "--format <格式>" : "--format <format>", h.format)
    .option(`--out ${file}`, h.out)
    .option(`--findings-out ${file}`, h.findingsOut)
    .option(`--units-out ${file}`, h.unitsOut)
    .option("--units", h.units)
    .option(ctx.lang === "zh" ? "--lang <语言>" : "--lang <lang>", h.lang)
    .option("--bom", h.bom)
    .option("--no-bom", h.noBom)
    .option(ctx.lang === "zh" ? "--fail-on <级别>" : "--fail-on <level>", h.failOn)
    .option(ctx.lang === "zh" ? "--warn-within <天数>" : "--warn-within <days>", h.warnWithin)
    .option("--skip-invalid", h.skipInvalid)
    .option(ctx.lang === "zh" ? "--encoding <编码>" : "--encoding <enc>", h.encoding)
    .addOption(
      new Option(ctx.lang === "zh" ? "--max-errors <数量>" : "--max-errors <n>", h.maxErrors).default(
        String(DEFAULT_MAX_ERRORS),
        String(DEFAULT_MAX_ERRORS),
      ),
    )
    .option(ctx.lang === "zh" ? "--account <账号ID|名称>" : "--account <id|name>", h.account)
    .option("--quiet", h.quiet)
    .option("--no-color", h.noColor)
    .addHelpText("after", h.examples)
    .action(async (accounts: string | undefined, flags: CheckFlags) => {
      ctx.setExitCode(await runCheck(accounts, flags, ctx));
    });
}

function oneOf<T extends string>(value: string, allowed: readonly T[], flag: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(
    message(
      "usage.one-of",
      `${flag} 的取值只能是 ${allowed.join("、")}（收到“${value}”）`,
      `${flag} must be one of ${allowed.join(", ")} (got "${value}")`,
    ),
  );
}

function wholeNumber(value: string, flag: string, min: number): number {
  const n = /^\d+$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min) {
    throw new UsageError(
      message(
        "usage.whole-number",
        `${flag} 须为${min > 0 ? `不小于 ${min} 的` : ""}整数（收到“${value}”）`,
        `${flag} must be a whole number${min > 0 ? ` ≥ ${min}` : ""} (got "${value}")`,
      ),
    );
  }
  return n;
}

/** The format of a file named by --out / --findings-out: the flag's, else its extension's. */
function fileFormat(file: string, flag: string, explicit?: OutputFormat): OutputFormat {
  if (explicit !== undefined) return explicit;
  const byExtension = formatFromExtension(file);
  if (byExtension === undefined) {
    throw new UsageError(
      message(
        "usage.out-format",
        `${flag} ${file}：无法从扩展名判断输出格式（请用 .csv、.json、.ndjson、.xlsx 或加 --format）`,
        `${flag} ${file}: cannot tell the format from the extension (use .csv, .json, .ndjson, .xlsx or --format)`,
      ),
    );
  }
  return byExtension;
}

interface Settings {
  /** Only when given on the command line (else the config's, else the default). */
  lang?: Lang;
  failOn?: FailOn;
  format: OutputFormat;
  warnWithin?: number;
  maxErrors: number;
  findingsFormat?: FindingsFormat;
  unitsFormat?: FindingsFormat;
}

function settingsFrom(flags: CheckFlags, io: CliIO): Settings {
  // No commander defaults here: without the flag, the config's value (else the built-in one) applies.
  const lang = flags.lang === undefined ? undefined : oneOf(flags.lang, LANGS, "--lang");
  const failOn = flags.failOn === undefined ? undefined : oneOf(flags.failOn, FAIL_ON_LEVELS, "--fail-on");
  const explicit = flags.format === undefined ? undefined : oneOf(flags.format, OUTPUT_FORMATS, "--format");
  const format =
    flags.out !== undefined
      ? fileFormat(flags.out, "--out", explicit)
      : (explicit ?? (io.stdout.isTTY === true ? "table" : "csv"));
  if (format === "xlsx" && flags.out === undefined) {
    throw new UsageError(
      message(
        "usage.xlsx-needs-out",
        "--format xlsx 写出的是工作簿文件：请用 --out 结果.xlsx 指定文件",
        "--format xlsx writes a workbook file: give it with --out result.xlsx",
      ),
    );
  }
  const findingsFormat =
    flags.findingsOut === undefined ? undefined : dataFormat(flags.findingsOut, "--findings-out");
  const unitsFormat = flags.unitsOut === undefined ? undefined : dataFormat(flags.unitsOut, "--units-out");
  return {
    ...(lang === undefined ? {} : { lang }),
    ...(failOn === undefined ? {} : { failOn }),
    format,
    maxErrors: wholeNumber(flags.maxErrors, "--max-errors", 1),
    ...(flags.warnWithin === undefined
      ? {}
      : { warnWithin: wholeNumber(flags.warnWithin, "--warn-within", 0) }),
    ...(findingsFormat === undefined ? {} : { findingsFormat }),
    ...(unitsFormat === undefined ? {} : { unitsFormat }),
  };
}

/** The format of a --findings-out / --units-out file, from its extension alone. */
function dataFormat(file: string, flag: string): FindingsFormat {
  const format = formatFromExtension(file);
  if (format === undefined) {
    throw new UsageError(
      message(
        "usage.data-format",
        `${flag} ${file}：无法从扩展名判断输出格式（请用 .csv、.json、.ndjson 或 .xlsx）`,
        `${flag} ${file}: cannot tell the format from the extension (use .csv, .json, .ndjson or .xlsx)`,
      ),
    );
  }
  return format;
}

/** Progress on stderr for large files on a terminal (PRODUCT §2.1). */
function progressReporter(io: CliIO, lang: Lang, enabled: boolean) {
  const MIN_BYTES = 16 * 1024 * 1024;
  let drawn = false;
  let last = "";
  return {
    onProgress: enabled
      ? (file: string, bytesRead: number, totalBytes: number) => {
          if (totalBytes < MIN_BYTES) return;
          const percent = Math.min(100, Math.floor((bytesRead / totalBytes) * 100));
          const filled = Math.round(percent / 5);
          const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
          const bar = `[${"█".repeat(filled)}${"░".repeat(20 - filled)}] ${mb(bytesRead)}/${mb(totalBytes)} MB`;
          const line = `${phrases(lang).progress(path.basename(file), percent)} ${bar}`;
          if (line === last) return;
          last = line;
          drawn = true;
          io.stderr.write(`\r\x1b[K${line}`);
        }
      : undefined,
    clear() {
      if (drawn) io.stderr.write("\r\x1b[K");
      drawn = false;
    },
  };
}

export async function runCheck(
  accountsArg: string | undefined,
  flags: CheckFlags,
  ctx: CommandContext,
): Promise<0 | 1> {
  const { io } = ctx;
  const settings = settingsFrom(flags, io);
  // Paths are the user's, relative to the command's folder: resolved only when that is not ours.
  const at = (file: string) =>
    path.isAbsolute(file) || io.cwd === process.cwd() ? file : path.resolve(io.cwd, file);
  // flags > gmaudit.config.json > profile > rule defaults, resolved (and checked) before any input is read.
  const config = configFor(flags.config, io.cwd);
  const fromEnv = envLang(io.env);
  const run = resolveRunSettings(
    {
      ...(flags.profile === undefined ? {} : { profile: flags.profile }),
      ...(flags.tz === undefined ? {} : { tz: flags.tz }),
      ...(flags.calendar === undefined ? {} : { calendar: at(flags.calendar) }),
      ...(flags.strictCalendar === true ? { strictCalendar: true } : {}),
      ...(settings.lang === undefined ? {} : { lang: settings.lang }),
      // GMAUDIT_LANG: below --lang, above the config's `lang`.
      ...(settings.lang === undefined && fromEnv !== undefined ? { lang: fromEnv } : {}),
      ...(settings.failOn === undefined ? {} : { failOn: settings.failOn }),
      ...(settings.warnWithin === undefined ? {} : { warnWithin: settings.warnWithin }),
    },
    config,
    io.cwd,
  );
  const { lang } = run;
  const text = phrases(lang);
  const info = (line: string) => {
    if (!flags.quiet) io.stderr.write(`gmaudit: ${line}\n`);
  };
  if (config !== undefined) info(SETUP_PHRASES[lang].configUsed(config.where));

  const accounts = accountsArg ?? findByName(at("."), ACCOUNTS_NAMES);
  if (accounts === undefined) {
    const workbook = findByName(at("."), ACCOUNTS_NAMES, [], WORKBOOK_EXTENSIONS);
    const names = ACCOUNTS_NAMES.map((n) => `${n}.csv`);
    throw new UsageError(
      message(
        "check.no-accounts",
        `未指定账号台账文件，当前文件夹中也没有（${names.join("、")}）` +
          (workbook === undefined ? "" : `；${path.basename(workbook)} 是工作簿：${SAVE_AS_CSV.zh}`),
        `no accounts file given, and none found here (${names.join(", ")})` +
          (workbook === undefined ? "" : `; ${path.basename(workbook)} is a workbook: ${SAVE_AS_CSV.en}`),
      ),
    );
  }
  const accountsFile = at(accounts);
  if (!existsSync(splitSheetRef(accountsFile, existsSync).file)) {
    throw new GmauditError(
      message("input.no-such-file", `${accounts}：文件不存在`, `${accounts}: no such file`),
    );
  }

  const explicit: Partial<Record<CompanionKind, string>> = {};
  // A workbook's other sheets (发布记录 …) come before the files beside it; flags before both.
  const { accounts: _, ...sheets } = await tablesInWorkbook(accountsFile);
  for (const kind of ["posts", "messages", "filings", "findings"] as const) {
    const given = flags[kind] ?? sheets[kind];
    if (given !== undefined) explicit[kind] = at(given);
  }
  const discovery = discoverInputs(splitSheetRef(accountsFile, existsSync).file, explicit);
  discovery.files.accounts = accountsFile;
  // A sheet (台账.xlsx#发布记录) is its workbook's file.
  const inputPaths = Object.values(discovery.files)
    .filter((f): f is string => f !== undefined)
    .map((f) => splitSheetRef(f, existsSync).file);

  // Every file the run reads is an input: results never go over the tables, the calendar, a
  // profile file or the config (PRODUCT §3.5).
  const readFiles = [
    ...inputPaths,
    ...(run.calendarFile === undefined ? [] : [path.resolve(io.cwd, run.calendarFile)]),
    ...(/\.json$/i.test(run.profileRef) ? [path.resolve(io.cwd, run.profileRef)] : []),
    ...(config === undefined ? [] : [config.file]),
  ];
  const outFile = flags.out === undefined ? undefined : at(flags.out);
  const findingsFile = flags.findingsOut === undefined ? undefined : at(flags.findingsOut);
  const unitsFile = flags.unitsOut === undefined ? undefined : at(flags.unitsOut);
  const targets = [
    { flag: "--out", given: flags.out, file: outFile },
    { flag: "--findings-out", given: flags.findingsOut, file: findingsFile },
    { flag: "--units-out", given: flags.unitsOut, file: unitsFile },
  ].filter((t): t is { flag: string; given: string; file: string } => t.file !== undefined);
  for (const [i, t] of targets.entries()) {
    assertNotAnInput(t.file, readFiles);
    assertWritableTarget(t.file, t.given);
    const same = targets.slice(0, i).find((u) => path.resolve(u.file) === path.resolve(t.file));
    if (same !== undefined) {
      throw new UsageError(
        message(
          "usage.same-output",
          `${same.flag} 与 ${t.flag} 指向同一个文件`,
          `${same.flag} and ${t.flag} name the same file`,
        ),
      );
    }
  }

  for (const kind of discovery.found)
    info(text.companionUsed(TABLE_LABELS[kind][lang], discovery.files[kind]!));
  for (const kind of COMPANION_KINDS) {
    if (flags[kind] === undefined && sheets[kind] !== undefined) {
      info(text.companionUsed(TABLE_LABELS[kind][lang], sheets[kind]));
    }
  }
  for (const kind of discovery.missing) {
    const workbook = discovery.workbooks[kind];
    info(
      workbook === undefined
        ? text.companionMissing(TABLE_LABELS[kind][lang], companionPatterns(kind))
        : text.companionWorkbook(TABLE_LABELS[kind][lang], workbook, SAVE_AS_CSV[lang]),
    );
  }

  const progress = progressReporter(io, lang, io.stderr.isTTY === true && !flags.quiet);
  const options: AuditOptions = {
    files: discovery.files,
    now: io.now(),
    cwd: io.cwd,
    version: ctx.version,
    maxErrors: settings.maxErrors,
    skipInvalid: flags.skipInvalid === true,
    strictCalendar: run.strictCalendar,
    ...(flags.asOf === undefined ? {} : { asOf: flags.asOf }),
    ...(flags.period === undefined ? {} : { period: flags.period }),
    ...(flags.from === undefined ? {} : { from: flags.from }),
    tz: run.timezone,
    profile: run.profileRef,
    ...(run.overrides.length === 0 ? {} : { overrides: run.overrides }),
    ...(run.calendarFile === undefined ? {} : { calendarFile: run.calendarFile }),
    ...(flags.encoding === undefined ? {} : { encoding: flags.encoding }),
    ...(run.warnWithin === undefined ? {} : { warnWithin: run.warnWithin }),
    ...(run.aliases === undefined ? {} : { aliases: run.aliases }),
    ...(progress.onProgress === undefined ? {} : { onProgress: progress.onProgress }),
  };
  let result: AuditResult;
  try {
    result = await audit(options);
  } finally {
    progress.clear();
  }

  // `--account`: the score card takes the place of the results (table or JSON), in stdout or --out.
  const card =
    flags.account === undefined
      ? undefined
      : accountCardText(
          result,
          resolveProfile(run.profileRef, run.overrides, io.cwd),
          flags.account,
          lang,
          settings.format === "json",
        );

  // Files are rendered piece by piece as they are written (a large result is never one string);
  // a rendering error leaves no file behind, as every temp file is written before the first rename.
  const tableOnTerminal = outFile === undefined && settings.format === "table";
  const mainOptions = {
    lang,
    units: flags.units === true,
    color: outFile === undefined && colorEnabled(io, "stdout", !flags.color),
    // On a terminal the table fits its width; a table written to a file is whole.
    ...(outFile === undefined && io.stdout.isTTY === true && io.stdout.columns
      ? { width: io.stdout.columns }
      : {}),
    // --bom / --no-bom win; otherwise a BOM for .csv files and for stdout sent to a file
    // (`> 结果.csv`), both opened in Excel; none on a pipe or a terminal.
    bom: flags.bom ?? (outFile !== undefined || io.stdoutIsFile === true),
  };
  // PRODUCT §1.7: a run without some rows says so in every output. The table has it in its header;
  // CSV, JSON and NDJSON on stdout or in a file get this line on stderr, even with --quiet.
  if (result.dataIncomplete && !tableOnTerminal) {
    const files = incompleteInputs(result, lang);
    io.stderr.write(`gmaudit: ${text.dataIncomplete}${lang === "zh" ? `：${files}` : ` (${files})`}\n`);
  }
  // The unit table is a table of its own: CSV and NDJSON results are one record per account.
  if (
    flags.units === true &&
    (settings.format === "csv" || settings.format === "ndjson") &&
    unitsFile === undefined
  ) {
    info(text.unitsElsewhere);
  }
  if (!tableOnTerminal) {
    // Judged ahead of time: said even with --quiet, like a data-incomplete run.
    if (result.futureAsOf) io.stderr.write(`gmaudit: ${text.warning}: ${result.futureAsOf[lang]}\n`);
    for (const w of result.calendar.warnings) info(`${text.calendarWarning}: ${w[lang]}`);
    for (const w of result.staleData ?? []) io.stderr.write(`gmaudit: ${text.warning}: ${w[lang]}\n`);
    const others = result.warnings.filter((w) => w !== result.futureAsOf && !result.staleData?.includes(w));
    for (const w of others.slice(0, 10)) info(`${text.warning}: ${w[lang]}`);
    if (others.length > 10) info(text.moreWarnings(others.length - 10));
  }

  // The workbook writer (exceljs) is loaded only for a workbook: it takes a while to load.
  const xlsx = [settings.format, settings.findingsFormat, settings.unitsFormat].includes("xlsx")
    ? await import("../output/xlsx.js")
    : undefined;
  // Both files or neither: every temp file is written before the first rename (PRODUCT §2.2, §3.5).
  await writeFilesAtomic([
    ...(outFile === undefined
      ? []
      : [
          {
            file: outFile,
            data:
              card !== undefined
                ? [card.text]
                : settings.format === "xlsx"
                  ? xlsx!.resultsWorkbook(result, lang)
                  : renderChunks(result, settings.format, mainOptions),
            name: flags.out!,
          },
        ]),
    ...(findingsFile === undefined || settings.findingsFormat === undefined
      ? []
      : [
          {
            file: findingsFile,
            data:
              settings.findingsFormat === "xlsx"
                ? xlsx!.tableWorkbook(result, "findings", lang)
                : renderFindingsChunks(result, settings.findingsFormat, { lang, bom: flags.bom ?? true }),
            name: flags.findingsOut!,
          },
        ]),
    ...(unitsFile === undefined || settings.unitsFormat === undefined
      ? []
      : [
          {
            file: unitsFile,
            data:
              settings.unitsFormat === "xlsx"
                ? xlsx!.tableWorkbook(result, "units", lang)
                : renderUnitsChunks(result, settings.unitsFormat, { lang, bom: flags.bom ?? true }),
            name: flags.unitsOut!,
          },
        ]),
  ]);
  // Standard output is rendered and written piece by piece, as a file is: a large JSON document on
  // stdout is never one string (it cost three times the memory of the same document with --out).
  if (outFile === undefined) {
    await writeChunks(
      io.stdout,
      card?.text !== undefined ? [card.text] : renderChunks(result, settings.format, mainOptions),
    );
  }

  if (outFile !== undefined) info(text.wrote(flags.out!));
  if (findingsFile !== undefined) info(text.wrote(flags.findingsOut!));
  if (unitsFile !== undefined) info(text.wrote(flags.unitsOut!));
  if (outFile !== undefined) info(summaryLine(result, lang));

  const code = exitCodeFor(card?.result ?? result, run.failOn);
  // For cron: the reason for exit 1 in one line, even with --quiet, when nobody watches a terminal.
  if (code === 1 && io.stdout.isTTY !== true) {
    const level = run.failOn === "violation" || run.failOn === "warning" ? run.failOn : undefined;
    const atLevel = level === undefined ? undefined : { level, findings: findingsAtLevel(result, level) };
    io.stderr.write(`gmaudit: ${alertLine(card?.result ?? result, lang, atLevel)}\n`);
  }
  return code;
}

/** The files that lost rows and how many: `posts.csv 120 行（跳过无效 3 行）`. */
function incompleteInputs(result: AuditResult, lang: Lang): string {
  const text = phrases(lang);
  return Object.entries(result.inputs)
    .flatMap(([kind, s]) => {
      if (s === undefined) return [];
      // Duplicate registry rows are input errors too (PRODUCT §1.1): left out like the invalid ones.
      const left = s.skipped + (kind === "accounts" ? s.duplicates : 0);
      return left > 0 ? [text.inputRows(s.file, s.rows, left)] : [];
    })
    .join(lang === "zh" ? "；" : "; ");
}

import { existsSync } from "node:fs";
import path from "node:path";
import { type Command, Option } from "commander";
import { configFor } from "../config/load.js";
import { FAIL_ON_LEVELS, type FailOn } from "../config/schema.js";
import { GmauditError, UsageError } from "../errors.js";
import { type Lang, message } from "../i18n.js";
import type { InputFiles } from "../ingest/inputs.js";
import { SAVE_AS_CSV } from "../input/decode.js";
import { DEFAULT_MAX_ERRORS } from "../input/errors.js";
import { tablesInWorkbook } from "../input/read.js";
import { splitSheetRef } from "../input/sheet-ref.js";
import {
  alertLine,
  assertNotAnInput,
  assertWritableTarget,
  OUTPUT_FORMATS,
  outputExtensionList,
  RECORD_FORMATS,
  renderChunks,
  renderFindingsChunks,
  renderUnitsChunks,
  summaryLine,
  writeChunks,
  writeFilesAtomic,
} from "../output/index.js";
import { phrases, SETUP_PHRASES, TABLE_LABELS } from "../output/labels.js";
import { imminentVetoes } from "../output/values.js";
import { audit } from "../pipeline.js";
import type { AuditResult } from "../scoring/result.js";
import { accountCardText } from "./account.js";
import { type CheckFlags, type CheckPlan, planCheck } from "./check-plan.js";
import {
  ACCOUNTS_NAMES,
  COMPANION_KINDS,
  type CompanionKind,
  companionPatterns,
  discoverInputs,
  findByName,
  WORKBOOK_EXTENSIONS,
} from "./discover.js";
import type { CliIO, CommandContext } from "./io.js";
import { configOption, noConfigOption } from "./localize.js";

// The levels live with the config schema (the config's `failOn` takes the same values).
export { type CheckFlags, type CheckPlan, FAIL_ON_LEVELS, type FailOn, planCheck };

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
    out: `把账号结果写入文件（格式由扩展名 ${outputExtensionList("all", "/")} 决定）`,
    findingsOut: `把问题明细（每个问题一行）写入文件（${outputExtensionList("byFormat", "、")}）`,
    unitsOut: `把主办单位得分（每个单位一行）写入文件（${outputExtensionList("byFormat", "、")}）`,
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
    out: `write the account results to FILE (format from ${outputExtensionList("all", "/")})`,
    findingsOut: `write one row per finding to FILE (${outputExtensionList("byFormat", ", ")})`,
    unitsOut: `write one row per host unit to FILE (${outputExtensionList("byFormat", ", ")})`,
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

/** `check`: the plan (flags and the loaded config, checked before any input is read), then the run. */
export async function runCheck(
  accounts: string | undefined,
  flags: CheckFlags,
  ctx: CommandContext,
): Promise<0 | 1> {
  const { io } = ctx;
  const plan = planCheck({
    ...(accounts === undefined ? {} : { accounts }),
    flags,
    config: configFor(flags.config, io.cwd),
    cwd: io.cwd,
    processCwd: process.cwd(),
    now: io.now(),
    version: ctx.version,
    env: io.env,
    stdout: { isTTY: io.stdout.isTTY, columns: io.stdout.columns, isFile: io.stdoutIsFile },
    stderr: io.stderr,
  });
  return executeCheck(plan, io);
}

/** Runs a planned check: finds the tables, audits, renders, writes; returns the exit code. */
export async function executeCheck(plan: CheckPlan, io: CliIO): Promise<0 | 1> {
  const { lang } = plan;
  const text = phrases(lang);
  const info = (line: string) => {
    if (!plan.quiet) io.stderr.write(`gmaudit: ${line}\n`);
  };
  if (plan.configWhere !== undefined) info(SETUP_PHRASES[lang].configUsed(plan.configWhere));

  const tables = await findTables(plan);
  checkTargets(plan, tables.paths);
  for (const line of tables.notes) info(line);

  const progress = progressReporter(io, lang, plan.progress);
  let result: AuditResult;
  try {
    result = await audit({
      ...plan.audit,
      files: tables.files,
      ...(progress.onProgress === undefined ? {} : { onProgress: progress.onProgress }),
    });
  } finally {
    progress.clear();
  }

  // `--account`: the score card takes the place of the results (table or JSON), in stdout or --out.
  const card =
    plan.account === undefined
      ? undefined
      : accountCardText(result, plan.profile, plan.account, lang, plan.format === "json");
  tellAboutRun(plan, result, io, info);
  await writeResults(plan, result, card?.text, io);

  for (const t of [plan.out, plan.findingsOut, plan.unitsOut]) if (t !== undefined) info(text.wrote(t.given));
  if (plan.out !== undefined) info(summaryLine(result, lang));

  const code = exitCodeFor(card?.result ?? result, plan.failOn);
  // For cron: the reason for exit 1 in one line, even with --quiet, when nobody watches a terminal.
  if (code === 1 && io.stdout.isTTY !== true) {
    const level = plan.failOn === "violation" || plan.failOn === "warning" ? plan.failOn : undefined;
    const atLevel = level === undefined ? undefined : { level, findings: findingsAtLevel(result, level) };
    io.stderr.write(`gmaudit: ${alertLine(card?.result ?? result, lang, atLevel)}\n`);
  }
  return code;
}

/**
 * The tables of the run: the accounts file (given, or found in the folder), then each companion
 * from its flag, else the accounts workbook's sheet, else a file beside the accounts file. With
 * the files read (as opened) and what the user is told about each.
 */
async function findTables(plan: CheckPlan): Promise<{ files: InputFiles; paths: string[]; notes: string[] }> {
  const { lang } = plan;
  const text = phrases(lang);
  // A file found in the folder is named as the run opens it.
  const found = plan.accounts === undefined ? findByName(plan.folder, ACCOUNTS_NAMES) : undefined;
  const accounts = plan.accounts ?? (found === undefined ? undefined : { given: found, file: found });
  if (accounts === undefined) {
    const workbook = findByName(plan.folder, ACCOUNTS_NAMES, [], WORKBOOK_EXTENSIONS);
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
  if (!existsSync(splitSheetRef(accounts.file, existsSync).file)) {
    throw new GmauditError(
      message("input.no-such-file", `${accounts.given}：文件不存在`, `${accounts.given}: no such file`),
    );
  }

  // A workbook's other sheets (发布记录 …) come before the files beside it; flags before both. Its
  // sheets are named after the accounts file, which is already as the run opens it.
  const { accounts: _, ...sheets } = await tablesInWorkbook(accounts.file);
  const explicit: Partial<Record<CompanionKind, string>> = {};
  for (const kind of COMPANION_KINDS) {
    const given = plan.companions[kind] ?? sheets[kind];
    if (given !== undefined) explicit[kind] = given;
  }
  const discovery = discoverInputs(splitSheetRef(accounts.file, existsSync).file, explicit);
  discovery.files.accounts = accounts.file;

  const notes: string[] = [];
  for (const kind of discovery.found)
    notes.push(text.companionUsed(TABLE_LABELS[kind][lang], discovery.files[kind]!));
  for (const kind of COMPANION_KINDS) {
    if (plan.companions[kind] === undefined && sheets[kind] !== undefined) {
      notes.push(text.companionUsed(TABLE_LABELS[kind][lang], sheets[kind]));
    }
  }
  for (const kind of discovery.missing) {
    const workbook = discovery.workbooks[kind];
    notes.push(
      workbook === undefined
        ? text.companionMissing(TABLE_LABELS[kind][lang], companionPatterns(kind))
        : text.companionWorkbook(TABLE_LABELS[kind][lang], workbook, SAVE_AS_CSV[lang]),
    );
  }
  return {
    files: discovery.files,
    // A sheet (台账.xlsx#发布记录) is its workbook's file.
    paths: Object.values(discovery.files)
      .filter((f): f is string => f !== undefined)
      .map((f) => splitSheetRef(f, existsSync).file),
    notes,
  };
}

/**
 * Every file the run reads is an input: results never go over the tables, the calendar, a profile
 * file or the config (PRODUCT §3.5); nor do two results go to one file.
 */
function checkTargets(plan: CheckPlan, tables: readonly string[]): void {
  const readFiles = [...tables, ...plan.settingFiles];
  const targets = [plan.out, plan.findingsOut, plan.unitsOut].filter((t) => t !== undefined);
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
}

/** What stderr says of the run besides the results: missing rows, the unit table, warnings. */
function tellAboutRun(plan: CheckPlan, result: AuditResult, io: CliIO, info: (line: string) => void): void {
  const { lang } = plan;
  const text = phrases(lang);
  const tableOnTerminal = plan.out === undefined && plan.format === "table";
  // PRODUCT §1.7: a run without some rows says so in every output. The table has it in its header;
  // CSV, JSON and NDJSON on stdout or in a file get this line on stderr, even with --quiet.
  if (result.dataIncomplete && !tableOnTerminal) {
    const files = incompleteInputs(result, lang);
    io.stderr.write(`gmaudit: ${text.dataIncomplete}${lang === "zh" ? `：${files}` : ` (${files})`}\n`);
  }
  // The unit table is a table of its own: a record format's results are one record per account.
  if (plan.units && RECORD_FORMATS.has(plan.format) && plan.unitsOut === undefined) {
    info(text.unitsElsewhere(plan.format.toUpperCase()));
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
}

/** The results (or the score card) to --out or stdout, and the findings and unit tables to their files. */
async function writeResults(
  plan: CheckPlan,
  result: AuditResult,
  card: string | undefined,
  io: CliIO,
): Promise<void> {
  const { lang, out, findingsOut, unitsOut } = plan;
  const mainOptions = {
    lang,
    units: plan.units,
    color: plan.color,
    ...(plan.width === undefined ? {} : { width: plan.width }),
    bom: plan.bom,
  };
  // The workbook writer (exceljs) is loaded only for a workbook: it takes a while to load.
  const xlsx = [out?.format, findingsOut?.format, unitsOut?.format].includes("xlsx")
    ? await import("../output/xlsx.js")
    : undefined;
  // Files are rendered piece by piece as they are written (a large result is never one string);
  // a rendering error leaves no file behind, as every temp file is written before the first rename
  // (PRODUCT §2.2, §3.5).
  await writeFilesAtomic([
    ...(out === undefined
      ? []
      : [
          {
            file: out.file,
            data:
              card !== undefined
                ? [card]
                : out.format === "xlsx"
                  ? xlsx!.resultsWorkbook(result, lang)
                  : renderChunks(result, out.format, mainOptions),
            name: out.given,
          },
        ]),
    ...(findingsOut === undefined
      ? []
      : [
          {
            file: findingsOut.file,
            data:
              findingsOut.format === "xlsx"
                ? xlsx!.tableWorkbook(result, "findings", lang)
                : renderFindingsChunks(result, findingsOut.format, { lang, bom: plan.tableBom }),
            name: findingsOut.given,
          },
        ]),
    ...(unitsOut === undefined
      ? []
      : [
          {
            file: unitsOut.file,
            data:
              unitsOut.format === "xlsx"
                ? xlsx!.tableWorkbook(result, "units", lang)
                : renderUnitsChunks(result, unitsOut.format, { lang, bom: plan.tableBom }),
            name: unitsOut.given,
          },
        ]),
  ]);
  // Standard output is rendered and written piece by piece, as a file is: a large JSON document on
  // stdout is never one string (it cost three times the memory of the same document with --out).
  if (out === undefined) {
    await writeChunks(
      io.stdout,
      card !== undefined ? [card] : renderChunks(result, plan.format, mainOptions),
    );
  }
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

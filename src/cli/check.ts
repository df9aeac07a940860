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
import { CHECK_HELP } from "./check-help.js";
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

export function registerCheck(program: Command, ctx: CommandContext): void {
  const h = CHECK_HELP[ctx.lang];
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

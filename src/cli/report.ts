import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import { configFor } from "../config/load.js";
import { resolveRunSettings } from "../config/resolve.js";
import { GmauditError, UsageError } from "../errors.js";
import { message } from "../i18n.js";
import type { JsonDocument } from "../output/json.js";
import { LANGS, type Lang } from "../output/labels.js";
import { assertNotAnInput, assertWritableTarget, writeFilesAtomic } from "../output/write.js";
import { uniqueFileNames } from "../report/filenames.js";
import {
  buildBulletin,
  hostUnits,
  NOTICE_FORMATS,
  type NoticeFormat,
  REPORT_FORMATS,
  type ReportFormat,
  renderBulletin,
  renderNotice,
} from "../report/index.js";
import { type CheckFlags, runCheck } from "./check.js";
import type { CliIO, CommandContext } from "./io.js";

interface ReportFlags
  extends Pick<
    CheckFlags,
    | "posts"
    | "messages"
    | "filings"
    | "findings"
    | "asOf"
    | "period"
    | "from"
    | "profile"
    | "config"
    | "calendar"
    | "tz"
    | "lang"
    | "skipInvalid"
    | "encoding"
    | "quiet"
  > {
  out?: string;
  perUnit?: string;
  format?: string;
  title?: string;
  area?: string;
  issuer?: string;
  issued?: string;
  deadline?: string;
}

const EXAMPLES = `
Input: the same arguments as check (the audit runs first), or a result saved by
check --format json (then the check options are not needed).
--out picks the format by its extension: .docx (Word/WPS, official-document style), .html (one
self-contained file with charts), .md (text). --per-unit DIR writes one 整改通知 per host unit
(--format docx|md|docx,md; default docx).
Exit codes: 0 the report was written; 2 usage or input error (nothing written).

Examples:
  $ gmaudit report accounts.csv --period 2026Q3 --out 通报.docx --area 县 --issuer 县政府办公室
  $ gmaudit check accounts.csv --period 2026Q3 --format json > 结果.json
  $ gmaudit report 结果.json --out 通报.html
  $ gmaudit report 结果.json --out 通报.md --per-unit 整改通知 --format docx,md --issued 2026-10-09
`;

const TEXT = {
  zh: {
    nothingToWrite: "report 需要 --out FILE 或 --per-unit DIR",
    badExtension: (file: string) => `--out ${file}：无法从扩展名判断格式（请用 .docx、.html 或 .md）`,
    badFormat: (value: string) => `--format 只能是 docx、md 或 docx,md（收到“${value}”）`,
    badDate: (flag: string, value: string) => `${flag} 应为日期 YYYY-MM-DD（收到“${value}”）`,
    notResult: (file: string) => `${file}：不是 gmaudit check --format json 保存的检查结果`,
    notFolder: (dir: string) => `--per-unit ${dir}：文件夹不存在`,
    wrote: (file: string) => `已写入 ${file}`,
    wroteNotices: (n: number, dir: string) => `已写入 ${n} 份整改通知到 ${dir}`,
    fromSaved: (file: string) => `使用已保存的检查结果：${file}`,
  },
  en: {
    nothingToWrite: "report needs --out FILE or --per-unit DIR",
    badExtension: (file: string) =>
      `--out ${file}: cannot tell the format from the extension (use .docx, .html or .md)`,
    badFormat: (value: string) => `--format must be docx, md or docx,md (got "${value}")`,
    badDate: (flag: string, value: string) => `${flag} must be a date YYYY-MM-DD (got "${value}")`,
    notResult: (file: string) => `${file}: not a result saved by gmaudit check --format json`,
    notFolder: (dir: string) => `--per-unit ${dir}: no such folder`,
    wrote: (file: string) => `wrote ${file}`,
    wroteNotices: (n: number, dir: string) => `wrote ${n} rectification notices to ${dir}`,
    fromSaved: (file: string) => `using the saved check result ${file}`,
  },
} as const;

export function registerReport(program: Command, ctx: CommandContext): void {
  program
    .command("report")
    .summary("write the bulletin (通报) of a check: .docx, .html or .md, and per-unit notices")
    .description(
      "Write the bulletin of an inspection (基本情况, 存在的主要问题, 整改要求, 附件) from the same arguments as check, or from a saved check --format json result.",
    )
    .argument("[input]", "the account registry (as for check), or a saved check result (.json)")
    .option("--out <file>", "the bulletin: .docx, .html or .md")
    .option("--per-unit <dir>", "also write one rectification notice (整改通知) per host unit into DIR")
    .option("--format <formats>", "formats of the per-unit notices: docx, md or docx,md (default docx)")
    .option("--title <title>", "title (default 关于{period}全{area}政务新媒体检查情况的通报)")
    .option("--area <area>", "the area in the default title, e.g. 县 → 全县")
    .option("--issuer <office>", "the issuing office, signed at the end and named for reporting back")
    .option("--issued <date>", "date of issue, YYYY-MM-DD (default: the monitoring day)")
    .option("--deadline <date>", "rectification deadline, YYYY-MM-DD (default: issued + 10 days)")
    .option("--posts <file>", "publication log (发布记录)")
    .option("--messages <file>", "public messages and replies (留言记录)")
    .option("--filings <file>", "filing records (备案记录)")
    .option("--findings <file>", "manual inspection findings (检查记录)")
    .option("--as-of <time>", "monitoring time point (监测时间点)")
    .option("--period <period>", "audit period: 2026Q3, 2026-09, 2026 or 2026W38")
    .option("--from <date>", "window start")
    .option("--profile <name|file>", "built-in profile name or profile JSON file")
    .option("--config <file>", "a gmaudit.config.json")
    .option("--no-config", "ignore gmaudit.config.json in the current directory")
    .option("--calendar <file>", "extra holiday / working-day data")
    .option("--tz <zone>", "IANA time zone of the audit")
    .option("--lang <lang>", "language of the report: zh|en (default: the config's, else zh)")
    .option("--skip-invalid", "go on without invalid input rows (the report says data incomplete)")
    .option("--encoding <enc>", "input encoding")
    .option("--quiet", "print nothing on stderr but errors")
    .addHelpText("after", EXAMPLES)
    .action(async (input: string | undefined, flags: ReportFlags) => {
      ctx.setExitCode(await runReport(input, flags, ctx));
    });
}

function checkDate(flag: string, value: string | undefined, _lang: Lang): string | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  const valid =
    m !== null &&
    !Number.isNaN(Date.parse(`${m[0]}T00:00:00Z`)) &&
    new Date(`${m[0]}T00:00:00Z`).toISOString().startsWith(m[0]);
  if (!valid)
    throw new UsageError(
      message("report.bad-date", TEXT.zh.badDate(flag, value), TEXT.en.badDate(flag, value)),
    );
  return value.trim();
}

/** A saved result: the JSON document check writes (tool "gmaudit", accounts and units). */
function savedResult(file: string, _lang: Lang): JsonDocument | undefined {
  if (!/\.json$/i.test(file)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8").replace(/^\uFEFF/, ""));
  } catch {
    return undefined; // not JSON at all: read as an accounts table, which reports its own errors
  }
  if (Array.isArray(parsed)) return undefined; // an accounts table in JSON
  const doc = parsed as Partial<JsonDocument>;
  if (doc.tool !== "gmaudit" || !Array.isArray(doc.accounts) || !Array.isArray(doc.units)) {
    throw new GmauditError(message("report.not-result", TEXT.zh.notResult(file), TEXT.en.notResult(file)));
  }
  return doc as JsonDocument;
}

async function runReport(
  input: string | undefined,
  flags: ReportFlags,
  ctx: CommandContext,
): Promise<number> {
  const { io } = ctx;
  const at = (file: string) => (path.isAbsolute(file) ? file : path.resolve(io.cwd, file));
  const explicitLang = flags.lang === undefined ? undefined : oneLang(flags.lang);
  const lang: Lang = explicitLang ?? resolveRunSettings({}, configFor(flags.config, io.cwd), io.cwd).lang;
  const text = TEXT[lang];
  const info = (line: string) => {
    if (!flags.quiet) io.stderr.write(`gmaudit: ${line}\n`);
  };
  if (flags.out === undefined && flags.perUnit === undefined)
    throw new UsageError(message("report.nothing-to-write", TEXT.zh.nothingToWrite, TEXT.en.nothingToWrite));
  const format = flags.out === undefined ? undefined : reportFormat(flags.out, lang);
  const noticeFormats = noticeFormatsOf(flags.format, lang);
  const options = {
    lang,
    ...(flags.title === undefined ? {} : { title: flags.title }),
    ...(flags.area === undefined ? {} : { area: flags.area }),
    ...(flags.issuer === undefined ? {} : { issuer: flags.issuer }),
    ...optional("issued", checkDate("--issued", flags.issued, lang)),
    ...optional("deadline", checkDate("--deadline", flags.deadline, lang)),
  };
  const outFile = flags.out === undefined ? undefined : at(flags.out);
  if (outFile !== undefined) assertWritableTarget(outFile, flags.out);
  const unitDir = flags.perUnit === undefined ? undefined : at(flags.perUnit);
  if (unitDir !== undefined && !isFolder(unitDir))
    throw new GmauditError(
      message("report.not-folder", TEXT.zh.notFolder(flags.perUnit!), TEXT.en.notFolder(flags.perUnit!)),
    );

  const saved = input === undefined ? undefined : savedResult(at(input), lang);
  let doc: JsonDocument;
  if (saved !== undefined) {
    info(text.fromSaved(input!));
    doc = saved;
  } else {
    doc = await auditToJson(input, flags, lang, ctx);
  }
  if (outFile !== undefined && input !== undefined) assertNotAnInput(outFile, [at(input)]);

  const files: { file: string; data: string | Buffer; name: string }[] = [];
  if (outFile !== undefined && format !== undefined) {
    files.push({ file: outFile, data: await renderBulletin(doc, format, options), name: flags.out! });
  }
  let notices = 0;
  if (unitDir !== undefined) {
    const bulletin = buildBulletin(doc, options);
    const units = hostUnits(doc);
    const names = uniqueFileNames(unitDir, units, {
      prefix: lang === "zh" ? "整改通知-" : "notice-",
      extensions: noticeFormats.map((f) => `.${f}`),
      fallback: lang === "zh" ? "单位" : "unit",
    });
    for (const unit of units) {
      const targets = names.get(unit)!;
      for (const [i, f] of noticeFormats.entries()) {
        const file = targets[i]!;
        files.push({ file, data: await renderNotice(doc, bulletin, unit, f), name: file });
      }
      notices++;
    }
  }
  await writeFilesAtomic(files);
  if (outFile !== undefined) info(text.wrote(flags.out!));
  if (unitDir !== undefined) info(text.wroteNotices(notices, flags.perUnit!));
  return 0;
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}

function isFolder(dir: string): boolean {
  return statSync(dir, { throwIfNoEntry: false })?.isDirectory() === true;
}

function oneLang(value: string): Lang {
  if ((LANGS as readonly string[]).includes(value)) return value as Lang;
  throw new UsageError(
    message(
      "usage.lang",
      `--lang 只能是 ${LANGS.join("、")} 之一（收到 "${value}"）`,
      `--lang must be one of ${LANGS.join(", ")} (got "${value}")`,
    ),
  );
}

function reportFormat(file: string, _lang: Lang): ReportFormat {
  const ext = path.extname(file).slice(1).toLowerCase();
  const format = ext === "markdown" ? "md" : ext;
  if ((REPORT_FORMATS as readonly string[]).includes(format)) return format as ReportFormat;
  throw new UsageError(
    message("report.bad-extension", TEXT.zh.badExtension(file), TEXT.en.badExtension(file)),
  );
}

function noticeFormatsOf(value: string | undefined, _lang: Lang): NoticeFormat[] {
  if (value === undefined) return ["docx"];
  const parts = [...new Set(value.split(/[,，\s]+/).filter(Boolean))];
  if (parts.length === 0 || parts.some((p) => !(NOTICE_FORMATS as readonly string[]).includes(p))) {
    throw new UsageError(message("report.bad-format", TEXT.zh.badFormat(value), TEXT.en.badFormat(value)));
  }
  return parts as NoticeFormat[];
}

/**
 * Runs `check` exactly as the user would (the same argument handling, companion files, config,
 * messages and errors), with its JSON document caught instead of printed: the report is then made
 * from that document, as it would be from a saved one.
 */
async function auditToJson(
  input: string | undefined,
  flags: ReportFlags,
  lang: Lang,
  ctx: CommandContext,
): Promise<JsonDocument> {
  let json = "";
  const io: CliIO = {
    ...ctx.io,
    stdout: { write: (s: string) => (json += s), isTTY: false },
  };
  const checkFlags: CheckFlags = {
    ...pick(flags, [
      "posts",
      "messages",
      "filings",
      "findings",
      "asOf",
      "period",
      "from",
      "profile",
      "config",
      "calendar",
      "tz",
      "skipInvalid",
      "encoding",
    ]),
    lang,
    format: "json",
    maxErrors: "50",
    ...(flags.quiet === true ? { quiet: true } : {}),
    color: false,
    failOn: "never",
  };
  await runCheck(input, checkFlags, { ...ctx, io, setExitCode: () => {} });
  return JSON.parse(json) as JsonDocument;
}

function pick<T extends object, K extends keyof T>(value: T, keys: readonly K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const key of keys) if (value[key] !== undefined) out[key] = value[key];
  return out;
}

import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import { configFor } from "../config/load.js";
import { resolveRunSettings } from "../config/resolve.js";
import { GmauditError, UsageError } from "../errors.js";
import { envLang, message } from "../i18n.js";
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

/** The help of `report`, one language at a time. */
const HELP = {
  zh: {
    summary: "写出检查情况通报（.docx、.html 或 .md）及各单位整改通知",
    description:
      "写出一次检查的通报（基本情况、存在的主要问题、整改要求、附件）：参数与 check 相同，或给出 check --format json 保存的结果。",
    input: ["[输入]", "账号台账（同 check），或保存的检查结果（.json）"],
    out: ["--out <文件>", "通报：.docx、.html 或 .md"],
    perUnit: ["--per-unit <文件夹>", "同时在该文件夹中为每个主办单位写一份整改通知"],
    format: ["--format <格式>", "整改通知的格式：docx、md 或 docx,md（默认 docx）"],
    title: ["--title <标题>", "标题（默认：关于{期间}全{地区}政务新媒体检查情况的通报）"],
    area: ["--area <地区>", "默认标题中的地区，如 县 → 全县"],
    issuer: ["--issuer <单位>", "发文单位：落款，并作为整改情况的报送单位"],
    issued: ["--issued <日期>", "印发日期，如 2026-10-09（默认：监测时间点当天）"],
    deadline: ["--deadline <日期>", "整改期限，如 2026-10-19（默认：印发日期后 10 天）"],
    posts: ["--posts <文件>", "发布记录"],
    messages: ["--messages <文件>", "留言记录"],
    filings: ["--filings <文件>", "备案记录"],
    findings: ["--findings <文件>", "人工检查记录"],
    asOf: ["--as-of <时间>", "监测时间点"],
    period: ["--period <期间>", "检查期间：2026Q3、2026-09、2026 或 2026W38"],
    from: ["--from <日期>", "监测起始日"],
    profile: ["--profile <方案名|文件>", "内置评分方案名或评分方案 JSON 文件"],
    config: ["--config <文件>", "gmaudit.config.json 配置文件"],
    noConfig: ["--no-config", "不读取当前文件夹中的 gmaudit.config.json"],
    calendar: ["--calendar <文件>", "补充节假日/调休数据"],
    tz: ["--tz <时区>", "时区（IANA 名称）"],
    lang: ["--lang <语言>", "通报的语言：zh|en（默认：配置文件中的，否则 zh）"],
    skipInvalid: ["--skip-invalid", "跳过无效的输入行（通报注明数据不完整）"],
    encoding: ["--encoding <编码>", "输入文件编码"],
    quiet: ["--quiet", "标准错误上只输出错误"],
    examples: `
输入：与 check 相同的参数（先进行检查），或 check --format json 保存的结果（此时不需要检查参数）。
--out 的扩展名决定格式：.docx（Word/WPS，公文格式）、.html（含图表的单个文件）、.md（纯文本）。
--per-unit 文件夹 为每个主办单位写一份整改通知（--format docx|md|docx,md，默认 docx）。
退出码：0 已写出；2 用法或输入错误（不写任何文件）。

示例：
  $ gmaudit report 备案台账.csv --period 2026Q3 --out 通报.docx --area 县 --issuer 县政府办公室
  $ gmaudit check 备案台账.csv --period 2026Q3 --format json > 结果.json
  $ gmaudit report 结果.json --out 通报.html
  $ gmaudit report 结果.json --out 通报.md --per-unit 整改通知 --format docx,md --issued 2026-10-09
`,
  },
  en: {
    summary: "write the bulletin of a check (.docx, .html or .md) and per-unit notices",
    description:
      "Write the bulletin of an inspection (basic facts, main problems, rectification, annex) from the same arguments as check, or from a saved check --format json result.",
    input: ["[input]", "the account registry (as for check), or a saved check result (.json)"],
    out: ["--out <file>", "the bulletin: .docx, .html or .md"],
    perUnit: ["--per-unit <dir>", "also write one rectification notice per host unit into DIR"],
    format: ["--format <formats>", "formats of the per-unit notices: docx, md or docx,md (default docx)"],
    title: ["--title <title>", "title (default: the standard bulletin title for the period and area)"],
    area: ["--area <area>", "the area named in the default title"],
    issuer: ["--issuer <office>", "the issuing office, signed at the end and named for reporting back"],
    issued: ["--issued <date>", "date of issue, YYYY-MM-DD (default: the monitoring day)"],
    deadline: ["--deadline <date>", "rectification deadline, YYYY-MM-DD (default: issued + 10 days)"],
    posts: ["--posts <file>", "publication log"],
    messages: ["--messages <file>", "public messages and replies"],
    filings: ["--filings <file>", "filing records"],
    findings: ["--findings <file>", "manual inspection findings"],
    asOf: ["--as-of <time>", "monitoring time point"],
    period: ["--period <period>", "audit period: 2026Q3, 2026-09, 2026 or 2026W38"],
    from: ["--from <date>", "window start"],
    profile: ["--profile <name|file>", "built-in profile name or profile JSON file"],
    config: ["--config <file>", "a gmaudit.config.json"],
    noConfig: ["--no-config", "ignore gmaudit.config.json in the current directory"],
    calendar: ["--calendar <file>", "extra holiday / working-day data"],
    tz: ["--tz <zone>", "IANA time zone of the audit"],
    lang: ["--lang <lang>", "language of the report: zh|en (default: the config's, else zh)"],
    skipInvalid: ["--skip-invalid", "go on without invalid input rows (the report says data incomplete)"],
    encoding: ["--encoding <enc>", "input encoding"],
    quiet: ["--quiet", "print nothing on stderr but errors"],
    examples: `
Input: the same arguments as check (the audit runs first), or a result saved by
check --format json (then the check options are not needed).
--out picks the format by its extension: .docx (Word/WPS, official-document style), .html (one
self-contained file with charts), .md (text). --per-unit DIR writes one rectification notice per host
unit (--format docx|md|docx,md; default docx).
Exit codes: 0 the report was written; 2 usage or input error (nothing written).

Examples:
  $ gmaudit report accounts.csv --period 2026Q3 --out bulletin.docx --issuer "County Office"
  $ gmaudit check accounts.csv --period 2026Q3 --format json > result.json
  $ gmaudit report result.json --out bulletin.html
  $ gmaudit report result.json --out bulletin.md --per-unit notices --format docx,md --issued 2026-10-09
`,
  },
} as const;

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
  const h = HELP[ctx.lang];
  const cmd = program
    .command("report")
    .summary(h.summary)
    .description(h.description)
    .argument(h.input[0], h.input[1]);
  for (const key of [
    "out",
    "perUnit",
    "format",
    "title",
    "area",
    "issuer",
    "issued",
    "deadline",
    "posts",
    "messages",
    "filings",
    "findings",
    "asOf",
    "period",
    "from",
    "profile",
    "config",
    "noConfig",
    "calendar",
    "tz",
    "lang",
    "skipInvalid",
    "encoding",
    "quiet",
  ] as const) {
    cmd.option(h[key][0], h[key][1]);
  }
  cmd.addHelpText("after", h.examples).action(async (input: string | undefined, flags: ReportFlags) => {
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
  // As check's: --lang, then GMAUDIT_LANG, then the config's (PRODUCT "Language").
  const lang: Lang =
    explicitLang ?? envLang(io.env) ?? resolveRunSettings({}, configFor(flags.config, io.cwd), io.cwd).lang;
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

import path from "node:path";
import type { LoadedConfig } from "../config/load.js";
import { resolveRunSettings } from "../config/resolve.js";
import { FAIL_ON_LEVELS, type FailOn } from "../config/schema.js";
import { UsageError } from "../errors.js";
import { envLang, type Lang, message } from "../i18n.js";
import {
  type FindingsFormat,
  formatFromExtension,
  LANGS,
  OUTPUT_FORMATS,
  type OutputFormat,
  outputExtensionList,
} from "../output/index.js";
import type { AuditOptions } from "../pipeline.js";
import type { ResolvedProfile } from "../profiles/resolve.js";
import type { CompanionKind } from "./discover.js";
import { type CliIO, colorEnabled } from "./io.js";

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

/** What `check` is given: the command line, the loaded config and the world as plain values. */
export interface CheckInputs {
  /** The accounts argument, as typed. */
  accounts?: string;
  flags: CheckFlags;
  /** The config file the command runs with (`configFor`), already loaded. */
  config: LoadedConfig | undefined;
  /** The command's folder. */
  cwd: string;
  /** The process's folder: when it is the command's, paths stay as typed (messages show them so). */
  processCwd: string;
  now: number;
  version: string;
  /** GMAUDIT_LANG and NO_COLOR are read here. */
  env: CliIO["env"];
  stdout: { isTTY?: boolean | undefined; columns?: number | undefined; isFile?: boolean | undefined };
  stderr: { isTTY?: boolean | undefined };
}

/** A file a result goes to: the flag that named it, the name as typed, the path, the format. */
export interface OutputTarget<F extends string> {
  flag: "--out" | "--findings-out" | "--units-out";
  given: string;
  file: string;
  format: F;
}

/** Every setting of one `check` run, resolved once. Plain data: executeCheck does the rest. */
export interface CheckPlan {
  lang: Lang;
  quiet: boolean;
  /** How messages name the config file in use, if any. */
  configWhere?: string;
  /** Where an accounts file is looked for when none is given. */
  folder: string;
  /** The accounts file as typed (for messages) and as opened; none: looked for in `folder`. */
  accounts?: { given: string; file: string };
  /** Tables named by flags; they win over a workbook's sheets and the files beside the accounts. */
  companions: Partial<Record<CompanionKind, string>>;
  /** Files read besides the tables (calendar, profile, config): no result may go over them. */
  settingFiles: string[];
  /** audit()'s options, but the tables (found when the run starts) and the progress callback. */
  audit: Omit<AuditOptions, "files" | "onProgress">;
  profile: ResolvedProfile;
  failOn: FailOn;
  /** The format of stdout, or of --out. */
  format: OutputFormat;
  out?: OutputTarget<OutputFormat>;
  findingsOut?: OutputTarget<FindingsFormat>;
  unitsOut?: OutputTarget<FindingsFormat>;
  /** --units: the unit table after the account table. */
  units: boolean;
  /** Colour, terminal width and BOM of the results (stdout or --out). */
  color: boolean;
  width?: number;
  bom: boolean;
  /** The BOM of the --findings-out / --units-out CSV files. */
  tableBom: boolean;
  /** The progress bar of large files on stderr. */
  progress: boolean;
  /** --account: the score card of this account instead of the results. */
  account?: string;
}

/**
 * `check` as a plan: each setting once, from flags > config > profile > defaults (GMAUDIT_LANG sits
 * between --lang and the config's `lang`). No clock and no file: the config comes loaded, and the
 * one read is a profile named as a .json file (by resolveProfile). A bad flag or setting throws the
 * usage error the run would end with, before any input is read.
 */
export function planCheck(inputs: CheckInputs): CheckPlan {
  const { flags, config, cwd } = inputs;
  // Without a flag, the config's value (else the built-in one) applies: no commander defaults here.
  const lang = flags.lang === undefined ? undefined : oneOf(flags.lang, LANGS, "--lang");
  const failOn = flags.failOn === undefined ? undefined : oneOf(flags.failOn, FAIL_ON_LEVELS, "--fail-on");
  const explicit = flags.format === undefined ? undefined : oneOf(flags.format, OUTPUT_FORMATS, "--format");
  const format =
    flags.out !== undefined
      ? fileFormat(flags.out, "--out", explicit)
      : (explicit ?? (inputs.stdout.isTTY === true ? "table" : "csv"));
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
  const maxErrors = wholeNumber(flags.maxErrors, "--max-errors", 1);
  const warnWithin =
    flags.warnWithin === undefined ? undefined : wholeNumber(flags.warnWithin, "--warn-within", 0);

  // Paths are the user's, relative to the command's folder: resolved only when that is not ours.
  const at = (file: string) =>
    path.isAbsolute(file) || cwd === inputs.processCwd ? file : path.resolve(cwd, file);
  // GMAUDIT_LANG sits below --lang and above the config's `lang`.
  const givenLang = lang ?? envLang(inputs.env);
  // The settings shared with the library and the other commands: flags > config > profile > defaults.
  const run = resolveRunSettings(
    {
      ...(flags.profile === undefined ? {} : { profile: flags.profile }),
      ...(flags.tz === undefined ? {} : { tz: flags.tz }),
      ...(flags.calendar === undefined ? {} : { calendar: at(flags.calendar) }),
      ...(flags.strictCalendar === true ? { strictCalendar: true } : {}),
      ...(givenLang === undefined ? {} : { lang: givenLang }),
      ...(failOn === undefined ? {} : { failOn }),
      ...(warnWithin === undefined ? {} : { warnWithin }),
    },
    config,
    cwd,
  );

  const companions: Partial<Record<CompanionKind, string>> = {};
  for (const kind of ["posts", "messages", "filings", "findings"] as const) {
    const given = flags[kind];
    if (given !== undefined) companions[kind] = at(given);
  }
  const target = <F extends string>(flag: OutputTarget<F>["flag"], given: string | undefined, f?: F) =>
    given === undefined || f === undefined ? undefined : { flag, given, file: at(given), format: f };
  const out = target("--out", flags.out, format);
  const findingsOut = target("--findings-out", flags.findingsOut, findingsFormat);
  const unitsOut = target("--units-out", flags.unitsOut, unitsFormat);

  return {
    lang: run.lang,
    quiet: flags.quiet === true,
    ...(config === undefined ? {} : { configWhere: config.where }),
    folder: at("."),
    ...(inputs.accounts === undefined
      ? {}
      : { accounts: { given: inputs.accounts, file: at(inputs.accounts) } }),
    companions,
    settingFiles: [
      ...(run.calendarFile === undefined ? [] : [path.resolve(cwd, run.calendarFile)]),
      ...(/\.json$/i.test(run.profileRef) ? [path.resolve(cwd, run.profileRef)] : []),
      ...(config === undefined ? [] : [config.file]),
    ],
    audit: {
      now: inputs.now,
      cwd,
      version: inputs.version,
      maxErrors,
      skipInvalid: flags.skipInvalid === true,
      strictCalendar: run.strictCalendar,
      ...(flags.asOf === undefined ? {} : { asOf: flags.asOf }),
      ...(flags.period === undefined ? {} : { period: flags.period }),
      ...(flags.from === undefined ? {} : { from: flags.from }),
      tz: run.timezone,
      profile: run.profileRef,
      ...(run.overrides.length === 0 ? {} : { overrides: run.overrides }),
      // Resolved here once: audit() and the --account card use this one.
      resolvedProfile: run.profile,
      ...(run.calendarFile === undefined ? {} : { calendarFile: run.calendarFile }),
      ...(flags.encoding === undefined ? {} : { encoding: flags.encoding }),
      ...(run.warnWithin === undefined ? {} : { warnWithin: run.warnWithin }),
      ...(run.aliases === undefined ? {} : { aliases: run.aliases }),
    },
    profile: run.profile,
    failOn: run.failOn,
    format,
    ...(out === undefined ? {} : { out }),
    ...(findingsOut === undefined ? {} : { findingsOut }),
    ...(unitsOut === undefined ? {} : { unitsOut }),
    units: flags.units === true,
    color: out === undefined && colorEnabled(inputs, "stdout", !flags.color),
    // On a terminal the table fits its width; a table written to a file is whole.
    ...(out === undefined && inputs.stdout.isTTY === true && inputs.stdout.columns
      ? { width: inputs.stdout.columns }
      : {}),
    // --bom / --no-bom win; otherwise a BOM for .csv files and for stdout sent to a file
    // (`> 结果.csv`), both opened in Excel; none on a pipe or a terminal.
    bom: flags.bom ?? (out !== undefined || inputs.stdout.isFile === true),
    tableBom: flags.bom ?? true,
    progress: inputs.stderr.isTTY === true && flags.quiet !== true,
    ...(flags.account === undefined ? {} : { account: flags.account }),
  };
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

/** The format of a file named by --out: the flag's, else its extension's. */
function fileFormat(file: string, flag: string, explicit?: OutputFormat): OutputFormat {
  if (explicit !== undefined) return explicit;
  const byExtension = formatFromExtension(file);
  if (byExtension === undefined) {
    throw new UsageError(
      message(
        "usage.out-format",
        `${flag} ${file}：无法从扩展名判断输出格式（请用 ${outputExtensionList("first").join("、")} 或加 --format）`,
        `${flag} ${file}: cannot tell the format from the extension (use ${outputExtensionList("first").join(", ")} or --format)`,
      ),
    );
  }
  return byExtension;
}

/** `.csv、.json、.ndjson 或 .xlsx`: each file format by its first extension. */
function fileFormatChoices(separator: string, lastSeparator: string): string {
  const firsts = outputExtensionList("first");
  return `${firsts.slice(0, -1).join(separator)}${lastSeparator}${firsts.at(-1)}`;
}

/** The format of a --findings-out / --units-out file, from its extension alone. */
function dataFormat(file: string, flag: string): FindingsFormat {
  const format = formatFromExtension(file);
  if (format === undefined) {
    throw new UsageError(
      message(
        "usage.data-format",
        `${flag} ${file}：无法从扩展名判断输出格式（请用 ${fileFormatChoices("、", " 或 ")}）`,
        `${flag} ${file}: cannot tell the format from the extension (use ${fileFormatChoices(", ", " or ")})`,
      ),
    );
  }
  return format;
}

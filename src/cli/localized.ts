import type { Command } from "commander";
import { GmauditError, UsageError } from "../errors.js";
import type { Lang, Localized } from "../i18n.js";
import { message } from "../i18n.js";

/**
 * `--lang en` anywhere on the command line (or `--lang=en`): help and errors are English, else
 * Chinese. Read from the raw arguments because help is printed before options are parsed.
 */
export function langOfArgs(args: readonly string[] | undefined, fallback: Lang = "zh"): Lang {
  const list = args ?? [];
  for (let i = 0; i < list.length; i++) {
    const arg = list[i]!;
    if (arg === "--lang" && (list[i + 1] === "en" || list[i + 1] === "zh")) return list[i + 1] as Lang;
    if (arg === "--lang=en" || arg === "--lang=zh") return arg.slice(7) as Lang;
  }
  return fallback;
}

export interface HelpTexts {
  description: Localized;
  /** By argument name. */
  args?: Record<string, Localized>;
  /** By long flag (`--out`). */
  options: Record<string, Localized>;
  examples: Localized;
}

const PLACEHOLDERS_ZH: Record<string, string> = {
  file: "文件",
  "files...": "文件...",
  format: "格式",
  lang: "语言",
  level: "级别",
  zone: "时区",
  year: "年度",
  "name|file": "方案名|文件",
};
const ARG_NAMES_ZH: Record<string, string> = {
  baseline: "基线结果",
  recheck: "复查结果",
  accounts: "账号台账",
};
const ARG_NAMES_EN: Record<string, string> = Object.fromEntries(
  Object.entries(ARG_NAMES_ZH).map(([en, zh]) => [zh, en]),
);

/** An argument's name as registered: in the run's language, so that the command list reads alike. */
export function argName(name: string, lang: Lang): string {
  return lang === "zh" ? (ARG_NAMES_ZH[name] ?? name) : name;
}

function zhPlaceholders(flags: string): string {
  return flags.replace(/<([^>]+)>/g, (whole, name: string) =>
    PLACEHOLDERS_ZH[name] === undefined ? whole : `<${PLACEHOLDERS_ZH[name]}>`,
  );
}

const HEADINGS: [RegExp, string][] = [
  [/^Usage:/m, "用法："],
  [/\[options\]/g, "[选项]"],
  [/^Arguments:/m, "参数："],
  [/^Options:/m, "选项："],
];

/**
 * A sub-command whose help is Chinese by default and English with `--lang en`: the texts are set
 * when help is asked for, from the arguments the program was given.
 */
export function localizeHelp(cmd: Command, program: Command, texts: HelpTexts, runLang: Lang = "zh"): void {
  const original = cmd.helpInformation.bind(cmd);
  const flagsOf = new Map(cmd.options.map((o) => [o, o.flags]));
  const namesOf = new Map(cmd.registeredArguments.map((a) => [a, a.name()]));
  cmd.helpInformation = (context) => {
    // The run's language (GMAUDIT_LANG, the config) unless this command's --lang says otherwise.
    const lang = langOfArgs((program as unknown as { rawArgs?: string[] }).rawArgs, runLang);
    // Placeholders in the reader's language: `--out <文件>`, `<基线结果>`.
    for (const [option, flags] of flagsOf) {
      (option as { flags: string }).flags = lang === "zh" ? zhPlaceholders(flags) : flags;
    }
    for (const [arg, name] of namesOf) {
      (arg as unknown as { _name: string })._name =
        lang === "zh" ? (ARG_NAMES_ZH[name] ?? name) : (ARG_NAMES_EN[name] ?? name);
    }
    cmd.description(texts.description[lang]);
    cmd.helpOption("-h, --help", lang === "zh" ? "显示帮助" : "show help");
    for (const arg of cmd.registeredArguments) {
      const text = texts.args?.[arg.name()];
      if (text) arg.description = text[lang];
    }
    for (const option of cmd.options) {
      const text = option.long === undefined ? undefined : texts.options[option.long];
      if (text) option.description = text[lang];
    }
    let help = original(context);
    if (lang === "zh") for (const [pattern, heading] of HEADINGS) help = help.replace(pattern, heading);
    return `${help}\n${texts.examples[lang]}`;
  };
}

/** `--lang` value checked, in the language it asks for. */
export function parseLang(value: string | undefined): Lang {
  if (value === undefined || value === "zh") return "zh";
  if (value === "en") return "en";
  throw new UsageError(
    message(
      "usage.lang",
      `--lang 只能是 zh 或 en（收到 "${value}"）`,
      `--lang must be zh or en (got "${value}")`,
    ),
  );
}

/** A flag whose value must be one of `allowed`, refused in `lang`. */
export function oneOfLocalized<T extends string>(
  value: string,
  allowed: readonly T[],
  flag: string,
  _lang: Lang,
): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(
    message(
      "usage.one-of",
      `${flag} 只能是 ${allowed.join("、")} 之一（收到 "${value}"）`,
      `${flag} must be one of ${allowed.join(", ")} (got "${value}")`,
    ),
  );
}

/** The output flags `diff` and `assess` share: their help, and the format they ask for. */
export const FOLLOW_FORMATS = ["table", "csv", "json"] as const;
export type FollowFormat = (typeof FOLLOW_FORMATS)[number];

export const OUTPUT_OPTION_HELP: Record<"--format" | "--lang" | "--bom" | "--no-bom", Localized> = {
  "--format": {
    zh: `输出格式：${FOLLOW_FORMATS.join("|")}（默认：终端为 table，否则 csv）`,
    en: `output format: ${FOLLOW_FORMATS.join("|")} (default: table on a terminal, else csv)`,
  },
  "--lang": { zh: "输出语言：zh|en（默认 zh）", en: "language: zh|en (default zh)" },
  "--bom": {
    zh: "CSV 写入 UTF-8 BOM（写 .csv 文件时默认开启）",
    en: "write a UTF-8 BOM in CSV (default on for .csv files)",
  },
  "--no-bom": { zh: "不写 BOM", en: "never write a BOM" },
};

/** Adds the shared output flags (their help comes from `OUTPUT_OPTION_HELP`). */
export function withOutputOptions(cmd: Command): Command {
  return cmd
    .option("--format <format>")
    .option("--out <file>")
    .option("--lang <lang>")
    .option("--bom")
    .option("--no-bom");
}

/**
 * The format of a report: `--format`, else the extension of `--out` (a file is never a table), else a
 * table on a terminal and CSV otherwise.
 */
export function followFormat(
  flags: { format?: string; out?: string },
  lang: Lang,
  isTTY: boolean,
): FollowFormat {
  let format =
    flags.format === undefined ? undefined : oneOfLocalized(flags.format, FOLLOW_FORMATS, "--format", lang);
  if (flags.out === undefined) return format ?? (isTTY ? "table" : "csv");
  const ext = flags.out.toLowerCase().split(".").pop();
  format ??= ext === "csv" ? "csv" : ext === "json" ? "json" : undefined;
  if (format === undefined || format === "table") {
    throw new GmauditError(
      message(
        "usage.out-format",
        `--out ${flags.out}：无法从扩展名判断格式（请用 .csv 或 .json，或给出 --format）`,
        `--out ${flags.out}: cannot tell the format from the extension (use .csv or .json, or --format)`,
      ),
    );
  }
  return format;
}

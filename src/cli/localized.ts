import type { Command } from "commander";
import { UsageError } from "../errors.js";
import type { Localized } from "../rules/define.js";

export type Lang = keyof Localized;

/**
 * `--lang en` anywhere on the command line (or `--lang=en`): help and errors are English, else
 * Chinese. Read from the raw arguments because help is printed before options are parsed.
 */
export function langOfArgs(args: readonly string[] | undefined): Lang {
  const list = args ?? [];
  for (let i = 0; i < list.length; i++) {
    const arg = list[i]!;
    if (arg === "--lang" && list[i + 1] === "en") return "en";
    if (arg === "--lang=en") return "en";
  }
  return "zh";
}

export interface HelpTexts {
  description: Localized;
  /** By argument name. */
  args?: Record<string, Localized>;
  /** By long flag (`--out`). */
  options: Record<string, Localized>;
  examples: Localized;
}

const HEADINGS: [RegExp, string][] = [
  [/^Usage:/m, "用法："],
  [/^Arguments:/m, "参数："],
  [/^Options:/m, "选项："],
];

/**
 * A sub-command whose help is Chinese by default and English with `--lang en`: the texts are set
 * when help is asked for, from the arguments the program was given.
 */
export function localizeHelp(cmd: Command, program: Command, texts: HelpTexts): void {
  const original = cmd.helpInformation.bind(cmd);
  cmd.helpInformation = (context) => {
    const lang = langOfArgs((program as unknown as { rawArgs?: string[] }).rawArgs);
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
  throw new UsageError(`--lang 只能是 zh 或 en（收到 "${value}"） / --lang must be zh or en`);
}

/** A flag whose value must be one of `allowed`, refused in `lang`. */
export function oneOfLocalized<T extends string>(
  value: string,
  allowed: readonly T[],
  flag: string,
  lang: Lang,
): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(
    lang === "zh"
      ? `${flag} 只能是 ${allowed.join("、")} 之一（收到 "${value}"）`
      : `${flag} must be one of ${allowed.join(", ")} (got "${value}")`,
  );
}

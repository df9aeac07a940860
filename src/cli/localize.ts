import { Command, Help, Option } from "commander";
import type { Lang } from "../i18n.js";
import { displayWidth } from "../output/width.js";

/**
 * Commander in the run's language (PRODUCT "Language"): its help headings, the "(default: …)" notes,
 * the usage line's [options], and its own usage errors (unknown option, missing value …). The
 * descriptions themselves are given in the language by each command's register function.
 */

const TITLES_ZH: Readonly<Record<string, string>> = {
  "Usage:": "用法：",
  "Options:": "选项：",
  "Commands:": "命令：",
  "Arguments:": "参数：",
  "Global Options:": "全局选项：",
};

const NOTE_ZH: Readonly<Record<string, string>> = {
  default: "默认",
  choices: "可选",
  preset: "预设",
  env: "环境变量",
};

/** Commander's English notes after a description (`(choices: "a", "b", default: "a")`), in Chinese. */
function notesZh(text: string): string {
  return text.replace(/ ?\(((?:default|choices|preset|env): .*)\)$/, (_, inner: string) => {
    const notes = inner.split(/, (?=(?:default|choices|preset|env): )/).map((note) => {
      const [what = "", value = ""] = note.split(/: (.*)/s);
      return `${NOTE_ZH[what] ?? what}：${value.replace(/", "/g, '"、"')}`;
    });
    return `（${notes.join("；")}）`;
  });
}

function usageZh(text: string): string {
  return text.replace(/\[options\]/g, "[选项]").replace(/\[command\]/g, "[命令]");
}

class LocalHelp extends Help {
  constructor(private readonly lang: Lang) {
    super();
  }
  /** CJK characters take two columns: the option list stays aligned. */
  override displayWidth(str: string): number {
    return displayWidth(str.replace(/\x1b\[[0-9;]*m/g, ""));
  }
  override styleTitle(str: string): string {
    return this.lang === "zh" ? (TITLES_ZH[str] ?? str) : str;
  }
  override optionDescription(option: Parameters<Help["optionDescription"]>[0]): string {
    const text = super.optionDescription(option);
    return this.lang === "zh" ? notesZh(text) : text;
  }
  override argumentDescription(argument: Parameters<Help["argumentDescription"]>[0]): string {
    const text = super.argumentDescription(argument);
    return this.lang === "zh" ? notesZh(text) : text;
  }
  override commandUsage(cmd: Command): string {
    const text = super.commandUsage(cmd);
    return this.lang === "zh" ? usageZh(text) : text;
  }
  override subcommandTerm(cmd: Command): string {
    const text = super.subcommandTerm(cmd);
    return this.lang === "zh" ? usageZh(text) : text;
  }
}

/** Commander's error (its code and English text) in the run's language, with an id. */
export function commanderError(
  code: string | undefined,
  english: string,
  lang: Lang,
): { id: string; text: string } {
  const id = `cli.${(code ?? "commander.error").replace(/^commander\./, "")}`;
  if (lang === "en") return { id, text: english };
  const quoted = [...english.matchAll(/'([^']*)'/g)].map((m) => m[1]!);
  const suggestion = /\(Did you mean (.*)\?\)/.exec(english)?.[1];
  const hint = suggestion === undefined ? "" : `（是否想用 ${suggestion}？）`;
  switch (code) {
    case "commander.unknownOption":
      return { id, text: `错误：未知选项 ${quoted[0]}${hint}` };
    case "commander.unknownCommand":
      return { id, text: `错误：未知命令 ${quoted[0]}${hint}` };
    case "commander.missingArgument":
      return { id, text: `错误：缺少必需的参数 ${quoted[0]}` };
    case "commander.optionMissingArgument":
      return { id, text: `错误：选项 ${quoted[0]} 缺少取值` };
    case "commander.missingMandatoryOptionValue":
      return { id, text: `错误：必须给出选项 ${quoted[0]}` };
    case "commander.excessArguments": {
      const m = /Expected (\d+) arguments? but got (\d+)/.exec(english);
      return { id, text: `错误：参数过多${m ? `（应为 ${m[1]} 个，实际 ${m[2]} 个）` : ""}` };
    }
    case "commander.invalidArgument": {
      const allowed = /Allowed choices are (.*)\.$/m.exec(english)?.[1];
      return {
        id,
        text: `错误：${quoted[0]} 的取值 ${quoted[1] ?? ""} 无效${allowed ? `，可选：${allowed.split(", ").join("、")}` : ""}`,
      };
    }
    case "commander.conflictingOption":
      return { id, text: `错误：${quoted[0] ?? ""} 与 ${quoted[1] ?? ""} 不能同时使用` };
    default:
      return { id, text: english.replace(/^error: /, "错误：") };
  }
}

/** A Command whose help and errors are in `lang`; its sub-commands are too. */
export function localCommand(name: string, lang: Lang, showIds: boolean): Command {
  class LocalCommand extends Command {
    override createCommand(sub?: string): Command {
      return new LocalCommand(sub);
    }
    override createHelp(): Help {
      return Object.assign(new LocalHelp(lang), this.configureHelp());
    }
    override error(message: string, errorOptions?: { code?: string; exitCode?: number }): never {
      const { id, text } = commanderError(errorOptions?.code, message, lang);
      return super.error(showIds ? `${text} [${id}]` : text, errorOptions);
    }
  }
  return new LocalCommand(name);
}

/** `--config FILE` of the commands that read gmaudit.config.json (check, rules, workdays). */
export function configOption(lang: Lang): Option {
  return lang === "zh"
    ? new Option("--config <文件>", "配置文件 gmaudit.config.json（默认：当前文件夹中的，如果有）")
    : new Option(
        "--config <file>",
        "a gmaudit.config.json (default: the one in the current directory, if any)",
      );
}

export function noConfigOption(lang: Lang): Option {
  return new Option(
    "--no-config",
    lang === "zh"
      ? "不使用当前文件夹中的 gmaudit.config.json"
      : "ignore gmaudit.config.json in the current directory",
  );
}

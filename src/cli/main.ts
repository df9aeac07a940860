import { readFileSync } from "node:fs";
import { CommanderError } from "commander";
import { GmauditError, UsageError } from "../errors.js";
import { type Lang, resolveLang } from "../i18n.js";
import { registerAssess } from "./assess.js";
import { registerCheck } from "./check.js";
import { registerDiff } from "./diff.js";
import { registerInit } from "./init.js";
import { type CliIO, type CommandContext, processIO } from "./io.js";
import { localCommand } from "./localize.js";
import { registerProfiles } from "./profiles.js";
import { registerReport } from "./report.js";
import { registerRules } from "./rules.js";
import { registerValidate } from "./validate.js";
import { registerWorkdays } from "./workdays.js";

/** For bin/gmaudit.js's signal handlers: the temp files to remove when the process must stop. */
export { removePendingTempFiles } from "../output/write.js";

/** Set by `npm run bundle` (scripts/bundle.mjs): the single-file build has no package.json beside it. */
declare const GMAUDIT_BUNDLED_VERSION: string | undefined;

export const VERSION: string =
  typeof GMAUDIT_BUNDLED_VERSION === "string"
    ? GMAUDIT_BUNDLED_VERSION
    : (
        JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
          version: string;
        }
      ).version;

const TEXT = {
  zh: {
    description: "检查政务新媒体账号是否符合检查指标，逐项给出扣分依据。",
    version: "显示版本号",
    debug: "出现意外错误时显示调用栈（供报告问题）",
    help: "显示帮助",
    helpCommand: "显示某个命令的帮助",
    afterError: "（加 --help 查看用法）",
    internal: "内部错误",
    report: "（加 --debug 重新运行可看到详情，请把它报告给维护人员）",
    examples: `
示例：
  $ gmaudit check 备案台账.csv --period 2026Q3          检查第三季度（同一文件夹中的发布记录.csv 等自动使用）
  $ gmaudit validate 备案台账.csv 发布记录.csv          只检查输入文件，不评分
  $ gmaudit workdays 2026-09-30 3                       2026-09-30 之后的第 3 个工作日
  $ gmaudit rules --profile kunshan                     某评分方案下的全部规则及取值
  $ gmaudit profiles                                    内置评分方案
  $ gmaudit init                                        生成带说明的 gmaudit.config.json 和输入模板
  $ gmaudit report 备案台账.csv --period 2026Q3 --out 通报.docx   检查情况通报（Word、网页或文本）
  $ gmaudit diff 基线.json 复查.json                    通报整改复查：已整改、未整改、新问题
  $ gmaudit assess --year 2026 备案台账.csv             单位年度考核

语言：默认中文；--lang en、环境变量 GMAUDIT_LANG=en 或配置文件中的 "lang": "en" 切换为英文。
`,
  },
  en: {
    description: "Audit government new-media accounts against the inspection rules.",
    version: "print the version",
    debug: "print stack traces of unexpected errors",
    help: "display help",
    helpCommand: "display help for a command",
    afterError: "(run with --help for usage)",
    internal: "internal error",
    report: "(run again with --debug for details, and please report it)",
    examples: `
Examples:
  $ gmaudit check accounts.csv --period 2026Q3          audit the accounts (posts.csv etc. found beside it)
  $ gmaudit validate accounts.csv posts.csv             check input files without auditing
  $ gmaudit workdays 2026-09-30 3                       the 3rd working day after 2026-09-30
  $ gmaudit rules --profile kunshan                     every rule with its settings under a profile
  $ gmaudit profiles                                    the built-in profiles
  $ gmaudit init                                        a commented gmaudit.config.json and input templates
  $ gmaudit report accounts.csv --period 2026Q3 --out bulletin.docx   the bulletin of the check
  $ gmaudit diff baseline.json recheck.json             rectification follow-up of a bulletin
  $ gmaudit assess --year 2026 accounts.csv             annual assessment of units

Language: Chinese by default; --lang en, GMAUDIT_LANG=en or "lang": "en" in the config switch to English.
`,
  },
} as const satisfies Record<Lang, Record<string, string>>;

/**
 * Runs the gmaudit command line and returns the exit code (0 ok, 1 audit failures, 2 error).
 * Nothing here calls process.exit: bin/gmaudit.js sets process.exitCode from the result.
 */
export async function runCli(argv: readonly string[], io: CliIO = processIO()): Promise<number> {
  let exitCode = 0;
  // Known before commander renders a help text or an error (PRODUCT "Language").
  const lang = resolveLang(argv, io.env, io.cwd);
  const text = TEXT[lang];
  const showIds = io.env.GMAUDIT_MESSAGE_IDS === "1";
  const ctx: CommandContext = {
    io,
    lang,
    version: VERSION,
    setExitCode: (code) => {
      exitCode = Math.max(exitCode, code);
    },
  };

  const program = localCommand("gmaudit", lang, showIds)
    .description(text.description)
    .version(VERSION, "-V, --version", text.version)
    .option("--debug", text.debug)
    .helpOption("-h, --help", text.help)
    .helpCommand("help [command]", text.helpCommand)
    .addHelpText("after", text.examples)
    .showHelpAfterError(text.afterError)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    });

  registerCheck(program, ctx);
  registerValidate(program, ctx);
  registerWorkdays(program, ctx);
  registerRules(program, ctx);
  registerProfiles(program, ctx);
  registerInit(program, ctx);
  registerReport(program, ctx);
  registerDiff(program, ctx);
  registerAssess(program, ctx);
  for (const sub of program.commands) {
    sub
      .exitOverride()
      .helpOption("-h, --help", text.help)
      .configureOutput({
        writeOut: (s) => io.stdout.write(s),
        writeErr: (s) => io.stderr.write(s),
      });
    sub.showHelpAfterError(text.afterError);
  }

  try {
    await program.parseAsync(argv as string[], { from: "user" });
    return exitCode;
  } catch (err) {
    return reportError(err, io, lang, argv.includes("--debug"), showIds);
  }
}

function reportError(err: unknown, io: CliIO, lang: Lang, debug: boolean, showIds: boolean): number {
  const text = TEXT[lang];
  if (err instanceof CommanderError) {
    // --help and --version end through exitOverride with code 0; commander already printed.
    return err.exitCode === 0 ? 0 : 2;
  }
  if (err instanceof GmauditError) {
    const [first, ...details] = err.lines(lang);
    io.stderr.write(`gmaudit: ${first}${showIds ? ` [${err.id}]` : ""}\n`);
    for (const line of details) io.stderr.write(`${line}\n`);
    if (err instanceof UsageError) io.stderr.write(`${text.afterError}\n`);
    if (debug && err.stack) io.stderr.write(`${err.stack}\n`);
    return 2;
  }
  const message = err instanceof Error ? err.message : String(err);
  io.stderr.write(`gmaudit: ${text.internal}: ${message}\n`);
  if (debug && err instanceof Error && err.stack) io.stderr.write(`${err.stack}\n`);
  else io.stderr.write(`${text.report}\n`);
  return 2;
}

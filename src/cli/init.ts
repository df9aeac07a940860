import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { type Command, Option } from "commander";
import { formatJson } from "../config/json-schema.js";
import { CONFIG_FILE_NAME, CONFIG_SCHEMA_REF } from "../config/schema.js";
import { GmauditError, UsageError } from "../errors.js";
import { UNIT_FACTS_FILE, unitFactsHeader } from "../follow/unit-facts.js";
import { message } from "../i18n.js";
import { TABLE_KINDS, TABLES, type TableKind } from "../input/tables.js";
import { toCsv, writeFileAtomic } from "../output/index.js";
import { LANGS, type Lang, SETUP_PHRASES } from "../output/labels.js";
import { BUILTIN_PROFILES, DEFAULT_PROFILE } from "../profiles/builtin.js";
import { nearest } from "../profiles/resolve.js";
import { DEFAULT_TZ } from "../time/zone.js";
import type { CommandContext } from "./io.js";

const EXAMPLES_ZH = `
示例：
  $ gmaudit init                        在当前文件夹生成配置文件和空模板
  $ gmaudit init 2026Q3 --profile kunshan
      在新文件夹 2026Q3 中生成，配置文件使用昆山方案
  $ gmaudit init --force                覆盖以前生成的文件

写出 gmaudit.config.json（"$comment" 说明每一项的作用，"$schema" 让编辑器能自动补全）以及
accounts.csv、posts.csv、messages.csv、filings.csv、findings.csv：第一行为中文列名（带 * 的为必填列），
UTF-8 带 BOM，Excel 和 WPS 可直接打开。已有文件不加 --force 不会被覆盖。
`;
const EXAMPLES_EN = `
Examples:
  $ gmaudit init                        a config and empty templates in the current folder
  $ gmaudit init 2026Q3 --profile kunshan
      in a new folder 2026Q3, with the Kunshan profile in the config
  $ gmaudit init --force                overwrite files written before

Writes gmaudit.config.json (its "$comment" says what each key does; "$schema" lets editors complete it)
and accounts.csv, posts.csv, messages.csv, filings.csv, findings.csv: a header row of Chinese column
names (a * marks a required column), UTF-8 with BOM so that Excel and WPS open them correctly;
and 单位考核.csv, the unit facts of the annual assessment (gmaudit assess): one row per unit.
Existing files are never overwritten without --force.
`;

interface InitFlags {
  force?: boolean;
  profile?: string;
  lang: Lang;
}

/** The header row of a template: the first Chinese name of each column (PRODUCT §1), `*` when required. */
export function templateHeader(kind: TableKind): string[] {
  return TABLES[kind].columns
    .filter((c) => !c.matchOnly)
    .map((c) => `${c.aliases[0] ?? c.name}${c.required ? "*" : ""}`);
}

/**
 * The config `init` writes: the run settings with their defaults, and notes on every other key. The
 * rule settings (`approvedSources`, `unitAliases`, `rules`) are described in `$comment`, not written
 * with empty values: a config value beats the profile's, so an empty list here would wipe the one of
 * a profile the user points `profile` at.
 */
export function initialConfig(profile: string, lang: Lang): Record<string, unknown> {
  return {
    $schema: CONFIG_SCHEMA_REF,
    $comment: SETUP_PHRASES[lang].configComment([...BUILTIN_PROFILES.keys()], DEFAULT_PROFILE),
    profile,
    timezone: DEFAULT_TZ,
    lang,
    failOn: "fail",
  };
}

/** `gmaudit init [dir]` (PRODUCT §2): a commented config and empty input templates. */
export function registerInit(program: Command, ctx: CommandContext): void {
  const L = (zhText: string, enText: string) => (ctx.lang === "zh" ? zhText : enText);
  program
    .command("init")
    .summary(
      L(
        "生成带说明的 gmaudit.config.json 和空的输入模板",
        "write a commented gmaudit.config.json and empty input templates",
      ),
    )
    .description(
      L(
        "在文件夹中写出 gmaudit.config.json 和带中文表头的空输入模板（账号台账、发布记录、留言记录、备案记录、检查记录）。",
        "Write gmaudit.config.json and empty input templates with Chinese headers (accounts, posts, messages, filings, findings) into DIR.",
      ),
    )
    .argument(
      L("[文件夹]", "[dir]"),
      L("写入的文件夹（不存在时创建）", "the folder to write into (created if missing)"),
      ".",
    )
    .option(
      L("--profile <方案名>", "--profile <name>"),
      L(
        `配置文件中使用的内置评分方案（默认：${DEFAULT_PROFILE}）`,
        `the built-in profile the config names (default: ${DEFAULT_PROFILE})`,
      ),
    )
    .option("--force", L("覆盖已有文件", "overwrite existing files"))
    .addOption(
      new Option(
        L("--lang <语言>", "--lang <lang>"),
        L("配置说明和提示的语言", "language of the config's notes and messages"),
      )
        .choices(LANGS)
        .default(ctx.lang),
    )
    .addHelpText("after", L(EXAMPLES_ZH, EXAMPLES_EN))
    .action(async (dir: string, flags: InitFlags) => {
      const { io } = ctx;
      const text = SETUP_PHRASES[flags.lang];
      const profile = flags.profile ?? DEFAULT_PROFILE;
      if (!BUILTIN_PROFILES.has(profile)) {
        const hint = nearest(profile, [...BUILTIN_PROFILES.keys()]);
        const builtIn = [...BUILTIN_PROFILES.keys()];
        throw new UsageError(
          message(
            "profile.unknown",
            `--profile：没有名为“${profile}”的评分方案${hint ? `（是否想用“${hint}”？）` : ""}；内置方案：${builtIn.join("、")}`,
            `--profile: unknown profile "${profile}"${hint ? ` (did you mean "${hint}"?)` : ""}; built-in: ${builtIn.join(", ")}`,
          ),
        );
      }
      const target = path.resolve(io.cwd, dir);
      const files: [string, string][] = [
        [CONFIG_FILE_NAME, formatJson(initialConfig(profile, flags.lang))],
        // Excel opens UTF-8 CSV correctly only with a BOM.
        ...TABLE_KINDS.map((kind): [string, string] => [
          `${kind}.csv`,
          toCsv(templateHeader(kind), [], true),
        ]),
        // The office's facts for `gmaudit assess` (RULES §6).
        [UNIT_FACTS_FILE, toCsv(unitFactsHeader(), [], true)],
      ];
      const existing = files.map(([name]) => name).filter((name) => existsSync(path.join(target, name)));
      if (existing.length > 0 && !flags.force) {
        throw new GmauditError(
          message(
            "init.exists",
            SETUP_PHRASES.zh.initExists(existing),
            SETUP_PHRASES.en.initExists(existing),
          ),
        );
      }
      mkdirSync(target, { recursive: true });
      for (const [name, content] of files) {
        await writeFileAtomic(path.join(target, name), content);
        io.stderr.write(`gmaudit: ${text.initWrote(path.join(dir, name))}\n`);
      }
      io.stderr.write(`gmaudit: ${text.initNext(dir)}\n`);
      ctx.setExitCode(0);
    });
}

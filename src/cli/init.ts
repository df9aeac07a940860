import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { type Command, Option } from "commander";
import { formatJson } from "../config/json-schema.js";
import { CONFIG_FILE_NAME, CONFIG_SCHEMA_REF } from "../config/schema.js";
import { GmauditError, UsageError } from "../errors.js";
import { UNIT_FACTS_FILE, unitFactsHeader } from "../follow/unit-facts.js";
import { TABLE_KINDS, TABLES, type TableKind } from "../input/tables.js";
import { toCsv, writeFileAtomic } from "../output/index.js";
import { LANGS, type Lang, SETUP_PHRASES } from "../output/labels.js";
import { BUILTIN_PROFILES, DEFAULT_PROFILE } from "../profiles/builtin.js";
import { nearest } from "../profiles/resolve.js";
import { DEFAULT_TZ } from "../time/zone.js";
import type { CommandContext } from "./io.js";

const EXAMPLES = `
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
  program
    .command("init")
    .summary("write a commented gmaudit.config.json and empty input templates")
    .description(
      "Write gmaudit.config.json and empty input templates with Chinese headers (accounts, posts, messages, filings, findings) into DIR.",
    )
    .argument("[dir]", "the folder to write into (created if missing)", ".")
    .option("--profile <name>", `the built-in profile the config names (default: ${DEFAULT_PROFILE})`)
    .option("--force", "overwrite existing files")
    .addOption(
      new Option("--lang <lang>", "language of the config's notes and messages").choices(LANGS).default("zh"),
    )
    .addHelpText("after", EXAMPLES)
    .action(async (dir: string, flags: InitFlags) => {
      const { io } = ctx;
      const text = SETUP_PHRASES[flags.lang];
      const profile = flags.profile ?? DEFAULT_PROFILE;
      if (!BUILTIN_PROFILES.has(profile)) {
        const hint = nearest(profile, [...BUILTIN_PROFILES.keys()]);
        throw new UsageError(
          `--profile: unknown profile "${profile}"${hint ? ` (did you mean "${hint}"?)` : ""}; built-in: ${[...BUILTIN_PROFILES.keys()].join(", ")}`,
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
      if (existing.length > 0 && !flags.force) throw new GmauditError(text.initExists(existing));
      mkdirSync(target, { recursive: true });
      for (const [name, content] of files) {
        await writeFileAtomic(path.join(target, name), content);
        io.stderr.write(`gmaudit: ${text.initWrote(path.join(dir, name))}\n`);
      }
      io.stderr.write(`gmaudit: ${text.initNext(dir)}\n`);
      ctx.setExitCode(0);
    });
}

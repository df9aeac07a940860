import { type Command, Option } from "commander";
import { LANGS, type Lang, PROFILE_COLUMNS, SCORING_LABELS, SETUP_PHRASES } from "../output/labels.js";
import { BUILTIN_PROFILES, DEFAULT_PROFILE } from "../profiles/builtin.js";
import { resolveProfile } from "../profiles/resolve.js";
import type { CommandContext } from "./io.js";
import { LISTING_FORMATS, renderGrid, wrapCell } from "./rules.js";

const EXAMPLES_ZH = `
示例：
  $ gmaudit profiles                    内置评分方案（默认 jiangsu）
  $ gmaudit profiles --format json      JSON 格式，供脚本使用
  $ gmaudit rules --profile kunshan     某个方案逐条规则的取值

自己的评分方案文件可继承内置方案：
  { "id": "hubei", "name": "湖北（示例）", "extends": "national",
    "rules": { "filing-deadline": { "enabled": true, "workdays": 5 } } }
用 --profile ./湖北.json 或在 gmaudit.config.json 中写 "profile": "湖北.json" 使用。
`;
const EXAMPLES_EN = `
Examples:
  $ gmaudit profiles                    the built-in profiles (jiangsu is the default)
  $ gmaudit profiles --format json      for scripts
  $ gmaudit rules --profile kunshan     what one profile does, rule by rule

A profile file of your own extends a built-in one:
  { "id": "hubei", "name": "Hubei (example)", "extends": "national",
    "rules": { "filing-deadline": { "enabled": true, "workdays": 5 } } }
and is used with --profile ./hubei.json or "profile": "hubei.json" in gmaudit.config.json.
`;

interface ProfilesFlags {
  format: (typeof LISTING_FORMATS)[number];
  lang: Lang;
}

/** Every built-in profile with what it inherits (scoring and pass score resolved through `extends`). */
export function profilesDocument() {
  return [...BUILTIN_PROFILES.values()].map((spec) => {
    const resolved = resolveProfile(spec.id);
    return {
      id: spec.id,
      name: spec.name,
      default: spec.id === DEFAULT_PROFILE,
      extends: spec.extends ?? null,
      chain: resolved.chain,
      scoring: resolved.scoring,
      passScore: resolved.scoring === "veto-only" ? null : resolved.passScore,
      description: spec.description ?? null,
      descriptionZh: spec.descriptionZh ?? null,
      source: spec.source ?? null,
    };
  });
}

export function renderProfilesTable(lang: Lang): string {
  const text = SETUP_PHRASES[lang];
  const c = PROFILE_COLUMNS;
  const head = [c.id, c.name, c.extends, c.scoring, c.passScore, c.description].map((label) => label[lang]);
  const rows = profilesDocument().map((p) => [
    `${p.id}${p.default ? text.defaultMark : ""}`,
    wrapCell(p.name, 28),
    p.extends ?? "-",
    SCORING_LABELS[p.scoring][lang],
    { align: "right" as const, content: p.passScore ?? "-" },
    wrapCell((lang === "zh" ? p.descriptionZh : undefined) ?? p.description ?? "", 60),
  ]);
  return `${renderGrid(head, rows)}\n`;
}

/** `gmaudit profiles` (PRODUCT §2): the built-in profiles. */
export function registerProfiles(program: Command, ctx: CommandContext): void {
  const L = (zhText: string, enText: string) => (ctx.lang === "zh" ? zhText : enText);
  program
    .command("profiles")
    .summary(L("列出内置评分方案", "list the built-in profiles"))
    .description(
      L(
        "列出内置评分方案：方案名、名称、继承自哪个方案、计分方式和说明。",
        "List the built-in profiles: id, name, what each extends, its scoring and description.",
      ),
    )
    .addOption(
      new Option(L("--format <格式>", "--format <format>"), L("输出格式", "output format"))
        .choices(LISTING_FORMATS)
        .default("table"),
    )
    .addOption(
      new Option(L("--lang <语言>", "--lang <lang>"), L("表格的语言", "language of the table"))
        .choices(LANGS)
        .default(ctx.lang),
    )
    .addHelpText("after", L(EXAMPLES_ZH, EXAMPLES_EN))
    .action((flags: ProfilesFlags) => {
      ctx.io.stdout.write(
        flags.format === "json"
          ? `${JSON.stringify(profilesDocument(), null, 2)}\n`
          : renderProfilesTable(flags.lang),
      );
      ctx.setExitCode(0);
    });
}

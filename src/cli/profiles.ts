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

/**
 * What each built-in profile does, for a Chinese reader (the profile files' `description` is the
 * English design note). test/meta/language.test.ts checks every built-in profile has one.
 */
export const PROFILE_DESCRIPTIONS_ZH: Readonly<Record<string, string>> = {
  national:
    "全国检查指标：只看单项否决项（合格 / 单项否决），不扣分，不设时限和原创要求（国家层面没有这些数字）；各项数据照常统计。账号台账类规则只启用“互动回应差”（全国否决项）；未纳入备案台账的账号作为提示列出。",
  jiangsu:
    "全国否决项 + 江苏百分制扣分表（低于 60 分不合格）+ 江苏各地通用的时限：3 个工作日内备案，留言 24 小时（节假日 48 小时）内答复，关停提前 15 个工作日公告，每 2 周至少 1 篇原创（违规，不扣分）。",
  municipal: "在江苏方案基础上，要求每周至少 1 篇原创。",
  nantong:
    "在江苏方案基础上：办法施行（2019-10-10）后不得以内设机构名义开设账号；施行前开设的账号须在施行后 20 个工作日内备案。",
  kunshan: "在江苏方案基础上：2 个工作日内备案且须事先审批；原创只统计比例，不设下限。",
  dongxiang: "全国否决项（合格 / 单项否决）+ 开设、变更、关停、注销须在 3 个工作日内备案（违规，不扣分）。",
  zhejiang:
    "全国否决项（合格 / 单项否决）+ 清理整合：超过 90 天无更新的僵尸账号为违规；设置粉丝数下限后，低于下限的账号作为提示；内容运营委托给不具备资质的主体为违规。均不扣分。",
};

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
    wrapCell((lang === "zh" ? PROFILE_DESCRIPTIONS_ZH[p.id] : undefined) ?? p.description ?? "", 60),
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

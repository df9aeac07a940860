import { type Command, Option } from "commander";
import { LANGS, type Lang, PROFILE_COLUMNS, SCORING_LABELS, SETUP_PHRASES } from "../output/labels.js";
import { BUILTIN_PROFILES, DEFAULT_PROFILE } from "../profiles/builtin.js";
import { resolveProfile } from "../profiles/resolve.js";
import type { CommandContext } from "./io.js";
import { LISTING_FORMATS, renderGrid, wrapCell } from "./rules.js";

const EXAMPLES = `
Examples:
  $ gmaudit profiles                    the built-in profiles (jiangsu is the default)
  $ gmaudit profiles --format json      for scripts
  $ gmaudit rules --profile kunshan     what one profile does, rule by rule

A profile file of your own extends a built-in one:
  { "id": "hubei", "name": "湖北（示例）", "extends": "national",
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
    wrapCell(p.description ?? "", 60),
  ]);
  return `${renderGrid(head, rows)}\n`;
}

/** `gmaudit profiles` (PRODUCT §2): the built-in profiles. */
export function registerProfiles(program: Command, ctx: CommandContext): void {
  program
    .command("profiles")
    .summary("list the built-in profiles")
    .description("List the built-in profiles: id, name, what each extends, its scoring and description.")
    .addOption(new Option("--format <format>", "output format").choices(LISTING_FORMATS).default("table"))
    .addOption(new Option("--lang <lang>", "language of the table headers").choices(LANGS).default("zh"))
    .addHelpText("after", EXAMPLES)
    .action((flags: ProfilesFlags) => {
      ctx.io.stdout.write(
        flags.format === "json"
          ? `${JSON.stringify(profilesDocument(), null, 2)}\n`
          : renderProfilesTable(flags.lang),
      );
      ctx.setExitCode(0);
    });
}

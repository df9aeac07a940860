import { z } from "zod";
import { LANGS } from "../i18n.js";
import { COLUMNS, TABLE_KINDS, TABLES } from "../input/tables.js";
import { ACCOUNT_STATUSES, FILING_EVENTS, MESSAGE_CATEGORIES, PLATFORMS } from "../input/values.js";
import { BUILTIN_PROFILES, DEFAULT_PROFILE } from "../profiles/builtin.js";
import { comment, paramShape, ruleEntrySchema } from "../profiles/schema.js";
import { ruleById } from "../rules/index.js";
import { MANUAL_INDICATORS, SETTABLE } from "../rules/manual.js";
import { DEFAULT_TZ } from "../time/zone.js";

/** The file `gmaudit check` and `gmaudit rules` look for in the current directory. */
export const CONFIG_FILE_NAME = "gmaudit.config.json";

/** Where editors find the schema once gmaudit is installed in the project (`npm i -D gmaudit`). */
export const CONFIG_SCHEMA_REF = "./node_modules/gmaudit/gmaudit.schema.json";

/** PRODUCT §2.2: the levels of `--fail-on` (and of the config's `failOn`). */
export const FAIL_ON_LEVELS = ["veto", "fail", "violation", "warning", "never"] as const;
export type FailOn = (typeof FAIL_ON_LEVELS)[number];

/**
 * Shorthands of the config file for a parameter of one rule, kept here and nowhere else:
 * `approvedSources: [...]` is `rules.repost-source.approvedSources`, and so on.
 */
export const CONFIG_SHORTHANDS = [
  { key: "approvedSources", rule: "repost-source", param: "approvedSources" },
  { key: "unitAliases", rule: "verified-host-unit", param: "unitAliases" },
] as const;
export type ShorthandKey = (typeof CONFIG_SHORTHANDS)[number]["key"];

/** The shape a shorthand has while its rule is not registered (so the config stays loadable). */
const SHORTHAND_FALLBACK: Record<ShorthandKey, z.ZodType> = {
  approvedSources: z.array(z.string().min(1)),
  unitAliases: z.record(z.string().min(1), z.array(z.string().min(1))),
};

function shorthandSchema(key: ShorthandKey): z.ZodType {
  const entry = CONFIG_SHORTHANDS.find((s) => s.key === key)!;
  const rule = ruleById(entry.rule);
  const own = rule === undefined ? undefined : paramShape(rule)[entry.param];
  return (own ?? SHORTHAND_FALLBACK[key])
    .optional()
    .describe(
      `shorthand for rules.${entry.rule}.${entry.param}${own?.description ? `: ${own.description}` : ""}`,
    );
}

function words<T extends string>(ids: readonly [T, ...T[]], what: string) {
  return z
    .record(z.string().min(1), z.enum(ids))
    .optional()
    .describe(`an office's own words for ${what}: word → ${ids.join(" | ")}`);
}

/** PRODUCT §1.8: an office's own words for columns and values, added to the built-in aliases. */
function aliasesSchema() {
  const columnsOf = (names: readonly string[], what: string) =>
    z
      .record(z.string().min(1), z.enum(names as [string, ...string[]]))
      .optional()
      .describe(`header → column of ${what}`);
  const tables = Object.fromEntries(
    TABLE_KINDS.map((kind) => [
      kind,
      columnsOf(
        TABLES[kind].columns.map((c) => c.name),
        kind,
      ),
    ]),
  );
  return z
    .object({
      $comment: comment,
      columns: z
        .object({ ...tables, "*": columnsOf(Object.keys(COLUMNS), "every table that has it") })
        .strict()
        .optional()
        .describe('headers per table (accounts, posts, messages, filings, findings) or "*" for every table'),
      platform: words(PLATFORMS, "platforms"),
      status: words(ACCOUNT_STATUSES, "account statuses"),
      category: words(MESSAGE_CATEGORIES, "message categories"),
      event: words(FILING_EVENTS, "filing events"),
      indicator: words(
        MANUAL_INDICATORS.map((m) => m.id) as [string, ...string[]],
        "inspection indicators (findings)",
      ),
    })
    .strict()
    .optional()
    .describe(
      "an office's own words for input columns and values (PRODUCT §1.8), added to the built-in aliases",
    );
}

/**
 * Built from the registry, so every rule, manual indicator and parameter is checked (and completed by
 * editors).
 */
export function buildConfigSchema() {
  const rules = z
    .object(Object.fromEntries(SETTABLE.map((rule) => [rule.id, ruleEntrySchema(rule).optional()])))
    .strict()
    .optional()
    .describe(
      "per-rule settings over the profile's: enabled, severity, pointsEach, cap and the rule's parameters; manual indicators (RULES §3) take the first four",
    );
  return z
    .object({
      $schema: z
        .string()
        .optional()
        .describe(`the JSON Schema of this file, for editors (${CONFIG_SCHEMA_REF})`),
      $comment: comment,
      profile: z
        .string()
        .min(1)
        .optional()
        .meta({
          description: `built-in profile (${[...BUILTIN_PROFILES.keys()].join(", ")}) or a profile .json file relative to this file; default ${DEFAULT_PROFILE} (--profile)`,
          examples: [...BUILTIN_PROFILES.keys()],
        }),
      timezone: z
        .string()
        .min(1)
        .optional()
        .describe(`IANA time zone of the audit; default ${DEFAULT_TZ} (--tz)`),
      calendar: z
        .string()
        .min(1)
        .optional()
        .describe(
          "extra holiday / working-day data (holiday-cn JSON or CSV date,type), relative to this file (--calendar)",
        ),
      strictCalendar: z
        .boolean()
        .optional()
        .describe("a window outside the calendar's covered years is an error (--strict-calendar)"),
      lang: z
        .enum(LANGS)
        .optional()
        .describe("language of tables, CSV headers and messages; default zh (--lang)"),
      failOn: z
        .enum(FAIL_ON_LEVELS)
        .optional()
        .describe("exit 1 when an account reaches this level; default fail (--fail-on)"),
      warnWithin: z
        .number()
        .int()
        .min(0)
        .max(14)
        .optional()
        .describe(
          "warn about active accounts that hit the 2-week veto within this many days (--warn-within)",
        ),
      aliases: aliasesSchema(),
      approvedSources: shorthandSchema("approvedSources"),
      unitAliases: shorthandSchema("unitAliases"),
      rules,
    })
    .strict()
    .describe("gmaudit configuration (gmaudit.config.json): flags > this file > profile > rule defaults");
}

export const configSchema = buildConfigSchema();

/** The config file as written (validated; values are the user's, no defaults filled in). */
export type ConfigInput = z.input<typeof configSchema>;

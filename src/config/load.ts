import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { GmauditError } from "../errors.js";
import type { Lang } from "../i18n.js";
import { message } from "../i18n.js";
import type { Aliases } from "../input/aliases.js";
import { formatIssues, nearest } from "../issues.js";
import { BUILTIN_PROFILES } from "../profiles/builtin.js";
import type { RuleSettings } from "../profiles/schema.js";
import { ruleById } from "../rules/index.js";
import { Zone } from "../time/zone.js";
import {
  CONFIG_FILE_NAME,
  CONFIG_SHORTHANDS,
  type ConfigInput,
  configSchema,
  type FailOn,
} from "./schema.js";

/** A config file, validated, with its paths made absolute and its shorthands folded into `rules`. */
export interface LoadedConfig {
  /** Absolute path of the file. */
  file: string;
  /** How messages name the file: as the user gave it, or `gmaudit.config.json` when found. */
  where: string;
  /** A built-in profile name, or the absolute path of a profile file. */
  profile?: string;
  timezone?: string;
  /** Absolute path. */
  calendarFile?: string;
  strictCalendar?: boolean;
  lang?: Lang;
  failOn?: FailOn;
  warnWithin?: number;
  /** Per-rule settings over the profile, shorthands included, comments removed. */
  rules: Record<string, RuleSettings>;
  /** An office's own words for columns and values (comment removed). */
  aliases?: Aliases;
}

/** The config in `dir`, if there is one (PRODUCT §2.1: the current directory; parents are not searched). */
export function findConfig(dir: string): string | undefined {
  const file = path.join(dir, CONFIG_FILE_NAME);
  return existsSync(file) ? file : undefined;
}

/**
 * The config a command runs with: `--config FILE` (which must exist), none with `--no-config`
 * (commander gives `false`), else `gmaudit.config.json` in `cwd` when present.
 */
export function configFor(option: string | boolean | undefined, cwd: string): LoadedConfig | undefined {
  if (option === false) return undefined;
  if (typeof option === "string") return loadConfig(path.resolve(cwd, option), option);
  const found = findConfig(cwd);
  return found === undefined ? undefined : loadConfig(found, CONFIG_FILE_NAME);
}

function invalidConfig(where: string) {
  return message("config.invalid", `${where}：配置文件有误`, `${where}: invalid configuration`);
}

/** Reads and validates a config file; every problem is listed (exit 2), none is fixed silently. */
export function loadConfig(file: string, where: string = file): LoadedConfig {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (err as Error).message;
    throw new GmauditError(
      message(
        "config.unreadable",
        `${where}：无法读取配置文件：${reason === "no such file" ? "文件不存在" : "读取失败"}`,
        `${where}: cannot read the configuration: ${reason}`,
      ),
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (err) {
    const at = jsonErrorAt(text.replace(/^\uFEFF/, ""), err as Error);
    throw new GmauditError(
      message(
        "config.invalid-json",
        `${where}：不是有效的 JSON，请检查逗号、引号和括号（${at}）`,
        `${where}: not valid JSON: ${at}`,
      ),
    );
  }
  return parseConfig(raw, where, path.dirname(path.resolve(file)), file);
}

function withoutComment(value: object): object {
  const { $comment: _, ...rest } = value as Record<string, unknown>;
  return rest;
}

/** Node's JSON error with a line and column (older Node versions give only the offset). */
function jsonErrorAt(text: string, err: Error): string {
  const message = err.message.replace(/^JSON\.parse: /, "");
  const position = /at position (\d+)/.exec(message);
  if (!position || /line \d+/.test(message)) return message;
  const before = text.slice(0, Number(position[1]));
  const line = before.split("\n").length;
  const column = before.length - before.lastIndexOf("\n");
  return `${message} (line ${line} column ${column})`;
}

/** Validates parsed JSON as a config; `dir` is where its relative paths start. */
export function parseConfig(
  raw: unknown,
  where: string,
  dir: string,
  file = path.join(dir, CONFIG_FILE_NAME),
): LoadedConfig {
  const parsed = configSchema.safeParse(raw);
  // Every problem at once: the schema's, then those of the values that have the right type.
  const problems: { zh: string; en: string }[] = parsed.success
    ? []
    : formatIssues(where, parsed.error, configSchema, raw);
  // Values are taken as written: the schema's defaults must not override the profile's values.
  const input = (raw !== null && typeof raw === "object" ? raw : {}) as ConfigInput;
  const text = (value: unknown): value is string => typeof value === "string" && value !== "";

  let profile: string | undefined;
  if (text(input.profile)) {
    if (BUILTIN_PROFILES.has(input.profile)) profile = input.profile;
    else if (/\.json$/i.test(input.profile)) {
      profile = path.resolve(dir, input.profile);
      if (!existsSync(profile)) {
        problems.push({
          zh: `${where}: profile：文件不存在 ${profile}`,
          en: `${where}: profile: no such file ${profile}`,
        });
      }
    } else {
      const names = [...BUILTIN_PROFILES.keys()];
      const hint = nearest(input.profile, names);
      problems.push({
        zh: `${where}: profile：没有名为“${input.profile}”的评分方案${hint ? `（是否想用“${hint}”？）` : ""}；内置方案：${names.join("、")}，或方案 .json 文件`,
        en: `${where}: profile: unknown profile "${input.profile}"${hint ? ` (did you mean "${hint}"?)` : ""}; built-in: ${names.join(", ")}, or a .json file`,
      });
    }
  }

  if (text(input.timezone)) {
    try {
      Zone.of(input.timezone);
    } catch {
      problems.push({
        zh: `${where}: timezone：“${input.timezone}”不是 IANA 时区名（如 Asia/Shanghai）`,
        en: `${where}: timezone: "${input.timezone}" is not an IANA time zone (e.g. Asia/Shanghai)`,
      });
    }
  }

  let calendarFile: string | undefined;
  if (text(input.calendar)) {
    calendarFile = path.resolve(dir, input.calendar);
    if (!existsSync(calendarFile)) {
      problems.push({
        zh: `${where}: calendar：文件不存在 ${calendarFile}`,
        en: `${where}: calendar: no such file ${calendarFile}`,
      });
    }
  }

  // A shorthand given twice is found on the raw file, so that it is listed with the other problems.
  for (const { key, rule, param } of CONFIG_SHORTHANDS) {
    const entry = (input.rules as Record<string, unknown> | undefined)?.[rule];
    if (input[key] !== undefined && entry !== null && typeof entry === "object" && param in entry) {
      problems.push({
        zh: `${where}: ${key}：与 rules.${rule}.${param} 重复，请只保留一处`,
        en: `${where}: ${key}: also given as rules.${rule}.${param}; keep one of them`,
      });
    }
  }

  if (!parsed.success) throw new GmauditError(invalidConfig(where), problems);

  const rules: Record<string, RuleSettings> = {};
  for (const [id, settings] of Object.entries(input.rules ?? {})) {
    if (settings === undefined) continue;
    const { $comment: _, ...rest } = settings as Record<string, unknown>;
    rules[id] = rest as RuleSettings;
  }
  for (const { key, rule, param } of CONFIG_SHORTHANDS) {
    const value = input[key];
    if (value === undefined) continue;
    if (ruleById(rule) === undefined) {
      problems.push({
        zh: `${where}: ${key}：本版本的 gmaudit 没有规则 ${rule}`,
        en: `${where}: ${key}: the rule ${rule} is not part of this version of gmaudit`,
      });
    } else if (rules[rule]?.[param] === undefined) {
      rules[rule] = { ...rules[rule], [param]: value };
    } // else: listed above
  }

  if (problems.length > 0) throw new GmauditError(invalidConfig(where), problems);
  return {
    file: path.resolve(file),
    where,
    ...(profile === undefined ? {} : { profile }),
    ...(input.timezone === undefined ? {} : { timezone: input.timezone }),
    ...(calendarFile === undefined ? {} : { calendarFile }),
    ...(input.strictCalendar === undefined ? {} : { strictCalendar: input.strictCalendar }),
    ...(input.lang === undefined ? {} : { lang: input.lang }),
    ...(input.failOn === undefined ? {} : { failOn: input.failOn }),
    ...(input.warnWithin === undefined ? {} : { warnWithin: input.warnWithin }),
    rules,
    ...(input.aliases === undefined ? {} : { aliases: withoutComment(input.aliases) as Aliases }),
  };
}

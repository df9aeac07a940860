import type { Lang } from "../i18n.js";
import type { Aliases } from "../input/aliases.js";
import { DEFAULT_PROFILE } from "../profiles/builtin.js";
import { type ProfileOverrides, type ResolvedProfile, resolveProfile } from "../profiles/resolve.js";
import type { RuleSettings } from "../profiles/schema.js";
import { DEFAULT_TZ } from "../time/zone.js";
import type { LoadedConfig } from "./load.js";
import type { FailOn } from "./schema.js";

/** What the command line said: only the flags the user gave (a commander default is not a flag). */
export interface SettingFlags {
  /** Built-in name or profile file (relative to `cwd`). */
  profile?: string;
  tz?: string;
  /** Absolute, or relative to `cwd`. */
  calendar?: string;
  strictCalendar?: boolean;
  lang?: Lang;
  failOn?: FailOn;
  warnWithin?: number;
  /** Per-rule settings from flags (none yet on the command line; library callers may pass them). */
  rules?: Record<string, RuleSettings>;
}

/** Everything a run is configured with, each value from the highest layer that has it. */
export interface RunSettings {
  /** The config file used, if any (absolute). */
  configFile?: string;
  /** Built-in profile name or profile file, as `resolveProfile` takes it. */
  profileRef: string;
  /** The settings above the profile, lowest first (config, then flags), as `audit()` takes them. */
  overrides: ProfileOverrides[];
  timezone: string;
  calendarFile?: string;
  strictCalendar: boolean;
  lang: Lang;
  failOn: FailOn;
  warnWithin?: number;
  /** The profile with every rule's settings resolved. */
  profile: ResolvedProfile;
  /** The config's `aliases`: an office's own words for input columns and values. */
  aliases?: Aliases;
}

/**
 * THE one place where the layers meet: flags > config file > profile > rule defaults. Scalars are
 * resolved here, per-rule settings by `resolveProfile` (profile chain, then these overrides), so a
 * config or flag mistake fails here, before any input is read.
 */
export function resolveRunSettings(
  flags: SettingFlags,
  config: LoadedConfig | undefined,
  cwd: string = process.cwd(),
): RunSettings {
  const overrides: ProfileOverrides[] = [
    ...(config ? [{ where: config.where, rules: config.rules }] : []),
    ...(flags.rules ? [{ where: "flags", rules: flags.rules }] : []),
  ];
  const profileRef = flags.profile ?? config?.profile ?? DEFAULT_PROFILE;
  const calendarFile = flags.calendar ?? config?.calendarFile;
  const warnWithin = flags.warnWithin ?? config?.warnWithin;
  return {
    ...(config ? { configFile: config.file } : {}),
    profileRef,
    overrides,
    timezone: flags.tz ?? config?.timezone ?? DEFAULT_TZ,
    ...(calendarFile === undefined ? {} : { calendarFile }),
    strictCalendar: flags.strictCalendar ?? config?.strictCalendar ?? false,
    lang: flags.lang ?? config?.lang ?? "zh",
    failOn: flags.failOn ?? config?.failOn ?? "fail",
    ...(warnWithin === undefined ? {} : { warnWithin }),
    profile: resolveProfile(profileRef, overrides, cwd),
    ...(config?.aliases === undefined ? {} : { aliases: config.aliases }),
  };
}

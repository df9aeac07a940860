import { GmauditError } from "./errors.js";
import { collectFacts } from "./facts/collect.js";
import { message } from "./i18n.js";
import { type InputFiles, TABLE_ORDER } from "./ingest/inputs.js";
import type { Aliases } from "./input/aliases.js";
import { AvailableInputs } from "./input/needs.js";
import { judge, readingSettings } from "./judge.js";
import { DEFAULT_PROFILE } from "./profiles/builtin.js";
import { type ProfileOverrides, type ResolvedProfile, resolveProfile } from "./profiles/resolve.js";
import type { Localized } from "./rules/define.js";
import { indicatorError } from "./rules/manual.js";
import type { AuditResult } from "./scoring/result.js";
import { loadCalendarFile, WorkCalendar } from "./time/calendar.js";
import { type AuditWindow, resolveWindow } from "./time/window.js";
import { civilDate, DEFAULT_TZ, Zone } from "./time/zone.js";

export interface AuditOptions {
  files: InputFiles;
  /** "Now": the default monitoring time. Passed in so every run is reproducible. */
  now: number;
  asOf?: string;
  period?: string;
  from?: string;
  tz?: string;
  /** A built-in profile name or a profile JSON file. */
  profile?: string;
  /** Settings above the profile, lowest first: the config file's, then the flags'. */
  overrides?: ProfileOverrides[];
  /** The profile already resolved (the CLI's plan): `profile` and `overrides` are then not read. */
  resolvedProfile?: ResolvedProfile;
  calendarFile?: string;
  strictCalendar?: boolean;
  encoding?: string;
  skipInvalid?: boolean;
  maxErrors?: number;
  warnWithin?: number;
  /** An office's own words for input columns and values (config `aliases`). */
  aliases?: Aliases;
  cwd?: string;
  version?: string;
  onProgress?: (file: string, bytesRead: number, totalBytes: number) => void;
}

/** The whole audit as a library call: read → facts → rules → score. Rendering is the caller's. */
export async function audit(options: AuditOptions): Promise<AuditResult> {
  const zone = Zone.of(options.tz ?? DEFAULT_TZ);
  const window = resolveWindow({
    zone,
    now: options.now,
    ...(options.asOf === undefined ? {} : { asOf: options.asOf }),
    ...(options.period === undefined ? {} : { period: options.period }),
    ...(options.from === undefined ? {} : { from: options.from }),
  });
  let calendar = WorkCalendar.builtIn({ strict: options.strictCalendar ?? false });
  if (options.calendarFile) calendar = calendar.withOverrides(await loadCalendarFile(options.calendarFile));
  const profile =
    options.resolvedProfile ??
    resolveProfile(options.profile ?? DEFAULT_PROFILE, options.overrides, options.cwd);
  if (options.warnWithin !== undefined && !(options.warnWithin >= 0 && options.warnWithin <= 14)) {
    throw new GmauditError(
      message(
        "usage.warn-within",
        `--warn-within 须为 0 至 14 的整数天数（收到 ${options.warnWithin}）`,
        `--warn-within must be a whole number of days from 0 to 14 (got ${options.warnWithin})`,
      ),
    );
  }
  const collected = await collectFacts({
    files: options.files,
    window,
    calendar,
    ...readingSettings(profile),
    indicatorError,
    skipInvalid: options.skipInvalid ?? false,
    maxErrors: options.maxErrors ?? 50,
    ...(options.encoding === undefined ? {} : { encoding: options.encoding }),
    ...(options.aliases === undefined ? {} : { aliases: options.aliases }),
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
  });

  const available = new AvailableInputs(
    new Set(TABLE_ORDER.filter((kind) => options.files[kind] !== undefined)),
    collected.headers,
  );
  const judged = judge({
    accounts: collected.accounts,
    unregistered: collected.unregistered,
    window,
    calendar,
    profile,
    available,
    files: options.files,
    ...(options.warnWithin === undefined ? {} : { warnWithin: options.warnWithin }),
  });
  const futureAsOf = futureAsOfWarning(window, options.now);
  const warnings = [...futureAsOf, ...collected.stale, ...collected.warnings, ...judged.warnings];
  return {
    tool: "gmaudit",
    version: options.version ?? "0.0.0",
    profile: profile.id,
    profileName: profile.name,
    scoring: profile.scoring,
    timezone: zone.name,
    asOf: window.asOf,
    from: window.from,
    weeks: window.weeks.map((w) => civilDate(w.monday)),
    ...(window.label === undefined ? {} : { period: window.label }),
    inputs: collected.inputs,
    missingInputs: TABLE_ORDER.filter((kind) => !available.has(kind)),
    dataIncomplete: collected.dataIncomplete,
    calendar: { coveredYears: [...calendar.coveredYears], warnings: [...calendar.warnings] },
    warnings,
    summary: judged.summary,
    accounts: judged.accounts,
    units: judged.units,
    unregisteredAccounts: collected.unregistered,
    globalFindings: judged.globalFindings,
    ...(futureAsOf[0] === undefined ? {} : { futureAsOf: futureAsOf[0] }),
    ...(collected.stale.length === 0 ? {} : { staleData: collected.stale }),
  };
}

/**
 * A monitoring time after the end of today (`--period` of a period that has not ended, or a future
 * `--as-of`) judges updates, replies and filings that have not happened yet as missing: the results
 * stand, as the spec sets T, but say so. Up to the end of today (`--as-of` today) says nothing.
 */
function futureAsOfWarning(window: AuditWindow, now: number): Localized[] {
  const { zone, asOf } = window;
  if (asOf <= zone.endOfDay(zone.dayOf(now))) return [];
  const at = zone.formatShort(asOf);
  const today = zone.dateOf(now);
  return [
    {
      zh: `监测时间点（${at}）在今天（${today}）之后：期间尚未结束，此后的更新、答复和备案均按未发生计，单项否决和逾期结论可能为时过早`,
      en: `the monitoring time (${at}) is after today (${today}): the period has not ended, and updates, replies and filings still to come count as missing, so vetoes and overdue findings may be premature`,
    },
  ];
}

import { z } from "zod";
import type { AccountFacts } from "../facts/facts.js";
import { PLATFORMS } from "../input/schemas.js";
import { PLATFORM_LABELS } from "../input/values.js";
import { DAY_MS, type Zone } from "../time/zone.js";
import type { Localized, NotEvaluated } from "./define.js";

/**
 * Platforms whose "no update" veto is "cannot be downloaded or used" (recorded manually): apps and mini
 * programs. RULES §2: the same list exempts them from weekly-update and original-content.
 */
export const DEFAULT_EXEMPT_PLATFORMS = ["app", "miniprogram"] as const;

export const exemptPlatformsParam = z
  .array(z.enum(PLATFORMS))
  .default([...DEFAULT_EXEMPT_PLATFORMS])
  .describe("platforms not judged on updates (their veto is recorded manually)");

/** The manual indicator that judges an exempt platform's updates (RULES §3 app-unusable). */
export const APP_UNUSABLE_INDICATOR: Localized = {
  zh: "移动客户端（APP）无法下载或使用",
  en: "App cannot be downloaded or used",
};

export function exemption(facts: AccountFacts, exempt: readonly string[]): NotEvaluated | undefined {
  const platform = facts.account.platform;
  if (!exempt.includes(platform)) return undefined;
  const label =
    (PLATFORM_LABELS as Readonly<Record<string, Localized | undefined>>)[platform]?.zh ?? platform;
  return {
    notEvaluated: {
      zh: `${label}不适用本项，由人工检查“${APP_UNUSABLE_INDICATOR.zh}”判断`,
      en: `platform ${platform} is exempt (judged manually: app-unusable)`,
    },
  };
}

/** Whole elapsed 24-hour periods from `from` to `to`. */
export function wholeDays(from: number, to: number): number {
  return Math.floor((to - from) / DAY_MS);
}

export function isServiceAccount(facts: AccountFacts): boolean {
  return facts.account.platform === "wechat" && facts.account.accountType === "service";
}

/** Evidence times are ISO 8601 in the audit zone; message times are short (`2026-09-30 14:05`). */
export function isoTime(zone: Zone, ms: number | undefined): string | undefined {
  return ms === undefined ? undefined : zone.format(ms);
}

import { z } from "zod";
import type { AccountFacts } from "../facts/facts.js";
import { PLATFORMS } from "../input/schemas.js";
import { DAY_MS, type Zone } from "../time/zone.js";
import type { NotEvaluated } from "./define.js";

/**
 * Platforms whose "no update" veto is "cannot be downloaded or used" (recorded manually): apps and mini
 * programs. RULES §2: the same list exempts them from weekly-update and original-content.
 */
export const DEFAULT_EXEMPT_PLATFORMS = ["app", "miniprogram"] as const;

export const exemptPlatformsParam = z
  .array(z.enum(PLATFORMS))
  .default([...DEFAULT_EXEMPT_PLATFORMS])
  .describe("platforms not judged on updates (their veto is recorded manually)");

export function exemption(facts: AccountFacts, exempt: readonly string[]): NotEvaluated | undefined {
  const platform = facts.account.platform;
  return exempt.includes(platform)
    ? { notEvaluated: `platform ${platform} is exempt (judged manually: app-unusable)` }
    : undefined;
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

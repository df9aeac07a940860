import { z } from "zod";
import { type AccountFacts, activeAt } from "../facts/facts.js";
import type { Platform } from "../input/schemas.js";
import { PLATFORMS } from "../input/schemas.js";
import { PLATFORM_LABELS } from "../input/values.js";
import { defineRule, type RuleContext, type UnitOccurrence } from "./define.js";

/**
 * The accounts of a unit that exist and operate at T: in operation then (`activeAt`) and not opened after
 * T. (Closed and cancelled accounts are what consolidation asks for; an account opened after T did not
 * exist yet.)
 */
export function operatingAccounts(accounts: readonly AccountFacts[], ctx: RuleContext): AccountFacts[] {
  const { asOfDay } = ctx.window;
  return accounts.filter(
    (f) => activeAt(f, asOfDay) && (f.openedDay === undefined || f.openedDay <= asOfDay),
  );
}

export default defineRule({
  id: "one-account-per-platform",
  indicator: { zh: "同一平台重复开设", en: "Several accounts on one platform" },
  source: {
    default: [
      { doc: "nantong", clause: "第十二条" },
      { doc: "kunshan", clause: "二（三）、附件3「集约整合」1" },
    ],
    byDocument: {
      nantong: [{ doc: "nantong", clause: "第十二条" }],
      dongxiang: [{ doc: "dongxiang", clause: "二" }],
      kunshan: [{ doc: "kunshan", clause: "二（三）、附件3「集约整合」1" }],
    },
  },
  defaults: { severity: "violation" },
  scope: "unit",
  params: z.object({
    ignorePlatforms: z
      .array(z.enum(PLATFORMS))
      .default(["other"])
      .describe("platform values that do not name one platform (not grouped)"),
  }),
  needs: [],
  interpretation: [
    "“一个单位原则上在同一平台只开设一个政务新媒体账号” (the Nantong measures 第十二条; the Dongxiang notice 二; 昆政办发〔2019〕162号 二（三）): a unit-level rule.",
    "Per `platform`, it counts the accounts of one `host_unit` (grouped by the text as written) operating at T: active, or closed on a day after T's, and not opened after T. Closed and cancelled accounts are the consolidation the clause asks for.",
    "Two accounts on one platform: a warning (原则上). Three or more: a violation, after 昆政办发〔2019〕162号 附件3 集约整合 1 (“3个（含）以上”). One finding per platform group, naming the accounts.",
    "`platform = other` says nothing about which platform it is: those accounts are not grouped (`ignorePlatforms`). Unit findings appear in the unit table and never change an account's score.",
  ],
  messages: {
    "two-accounts": {
      zh: "同一平台（{platformZh}）开设了2个账号：{accounts}",
      en: "2 accounts on {platformEn}: {accountsEn}",
    },
    "many-accounts": {
      zh: "同一平台（{platformZh}）开设了{count}个账号：{accounts}",
      en: "{count} accounts on {platformEn}: {accountsEn}",
    },
  },
  rectification: { "two-accounts": "rectifiable", "many-accounts": "rectifiable" },
  evaluateUnit(accounts, params, ctx) {
    const byPlatform = new Map<Platform, AccountFacts[]>();
    for (const facts of operatingAccounts(accounts, ctx)) {
      const { platform } = facts.account;
      if (params.ignorePlatforms.includes(platform)) continue;
      const list = byPlatform.get(platform);
      if (list) list.push(facts);
      else byPlatform.set(platform, [facts]);
    }
    const occurrences: UnitOccurrence[] = [];
    for (const [platform, list] of byPlatform) {
      if (list.length < 2) continue;
      const accountIds = list.map((f) => f.account.accountId);
      const shown = list.map((f) => `${f.account.accountId} ${f.account.name}`);
      occurrences.push({
        messageId: list.length === 2 ? "two-accounts" : "many-accounts",
        ...(list.length === 2 ? { advisory: "warning" as const } : {}),
        accountIds,
        key: platform,
        data: {
          platformZh: PLATFORM_LABELS[platform].zh,
          platformEn: PLATFORM_LABELS[platform].en,
          count: list.length,
          accounts: shown.join("、"),
          accountsEn: shown.join(", "),
        },
        evidence: { platform, accounts: list.length, names: list.map((f) => f.account.name) },
      });
    }
    return occurrences;
  },
});

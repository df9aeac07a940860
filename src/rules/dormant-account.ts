import { z } from "zod";
import { activeAt } from "../audit/facts.js";
import { DAY_MS } from "../time/zone.js";
import { exemption, isoTime, wholeDays } from "./common.js";
import { defineRule } from "./define.js";

export default defineRule({
  id: "dormant-account",
  indicator: { zh: "僵尸/休眠账号", en: "Dormant (zombie) account" },
  source: "003 二(一) 注销清理长期无更新的“僵尸”“休眠”账号",
  defaults: { severity: "warning" },
  params: z.object({
    days: z
      .number()
      .int()
      .min(1)
      .default(90)
      .describe("days without a post after which an account is dormant"),
  }),
  needs: ["posts"],
  interpretation:
    "003 二(一) asks to clean up accounts “长期无更新” without saying how long; `days` (default 90, about a " +
    "quarter) makes it a number. An account in operation at T (status active, or closed on a day after " +
    "T's) is dormant when its last post at or before T is more " +
    "than `days` × 24 hours before T (exactly `days` days is not yet dormant), or when it never posted " +
    "and was opened more than `days` days before T (from 00:00 of `opened_at`; an account with no " +
    "`opened_at` and no post is dormant too: its active span starts at the beginning of time, RULES §1). " +
    "Apps and mini programs (`exemptPlatforms`) do not post: their dormancy is the manual " +
    "`app-unusable` veto, so they are not evaluated here. A warning (“candidate for cleanup”) by default; " +
    "Zhejiang makes it a violation.",
  messages: {
    dormant: {
      zh: "已{days}天未更新（最近更新：{lastPost}），属长期无更新的僵尸/休眠账号，建议清理",
      en: "No post for {days} days (last: {lastPost}): a dormant account, candidate for cleanup",
    },
    "never-posted": {
      zh: "开设（{openedAt}）以来从未发布信息，属僵尸/休眠账号，建议清理",
      en: "Never posted since it was opened ({openedAt}): a dormant account, candidate for cleanup",
    },
  },
  evaluate(facts, params, ctx) {
    const exempt = exemption(facts, ctx.exemptPlatforms);
    if (exempt) return exempt;
    if (!activeAt(facts, ctx.window.asOfDay) || !facts.posts) return [];
    const { asOf, zone } = ctx.window;
    const limit = params.days * DAY_MS;
    const lastPostAt = facts.posts.lastPostAt;
    if (lastPostAt !== undefined) {
      if (asOf - lastPostAt <= limit) return [];
      const days = wholeDays(lastPostAt, asOf);
      return [
        {
          messageId: "dormant",
          data: { days, lastPost: zone.formatShort(lastPostAt) },
          evidence: {
            lastPostAt: isoTime(zone, lastPostAt),
            daysSinceLastPost: days,
            limitDays: params.days,
          },
        },
      ];
    }
    const openedAt = facts.account.openedAt;
    if (facts.openedDay !== undefined && asOf - zone.startOfDay(facts.openedDay) <= limit) return [];
    return [
      {
        messageId: "never-posted",
        data: { openedAt: openedAt ?? { zh: "日期不详", en: "unknown" } },
        evidence: { lastPostAt: null, openedAt: openedAt ?? null, limitDays: params.days },
      },
    ];
  },
});

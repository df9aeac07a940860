import { z } from "zod";
import { activeAt } from "../facts/facts.js";
import { DAY_MS } from "../time/zone.js";
import { exemption, isoTime, wholeDays } from "./common.js";
import { defineRule } from "./define.js";

export default defineRule({
  id: "dormant-account",
  indicator: { zh: "僵尸/休眠账号", en: "Dormant (zombie) account" },
  source: {
    default: [{ doc: "zhejiang", clause: "二（一）（注销清理长期无更新的“僵尸”“休眠”账号）" }],
  },
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
  interpretation: [
    "浙政办发〔2022〕15号 二（一） asks to clean up accounts “长期无更新” without saying how long; `days` (default 90, about a quarter) makes it a number.",
    "An account in operation at T is dormant when its last post at or before T is more than `days` × 24 hours before T (exactly `days` days is not yet dormant), or when it never posted and was opened more than `days` days before T (from 00:00 of `opened_at`; with no `opened_at` and no post it is dormant too).",
    "Apps and mini programs (`exemptPlatforms`) do not post: their dormancy is the manual `app-unusable` veto, so they are not evaluated here. A warning (“candidate for cleanup”) by default; `zhejiang` makes it a violation.",
  ],
  messages: {
    dormant: {
      zh: "已{days}天未更新（最近更新：{lastPost}），属长期无更新的僵尸/休眠账号，建议清理",
      en: "No post for {days} days (last: {lastPost}): a dormant account, candidate for cleanup",
    },
    "never-posted": {
      // The posts export may start long after the opening: it speaks of the data, not of all time.
      zh: "发布记录中没有该账号的任何发布（开设日期：{openedAt}），属僵尸/休眠账号，建议清理",
      en: "No post of this account in the posts data (opened {openedAt}): a dormant account, candidate for cleanup",
    },
  },
  rectification: { dormant: "rectifiable", "never-posted": "rectifiable" },
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

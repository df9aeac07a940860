import { z } from "zod";
import { defineRule } from "./define.js";

export default defineRule({
  id: "closed-still-active",
  indicator: { zh: "已报关停却未关停", en: "Reported closed but still posting" },
  source: {
    default: [{ doc: "kunshan", clause: "附件3「集约整合」2" }],
  },
  defaults: { severity: "violation" },
  params: z.object({}),
  needs: ["posts"],
  runsWhenNotScored: true,
  interpretation: [
    "昆政办发〔2019〕162号 附件3 (集约整合 2) deducts from the unit for each account “已报关停却未关停或未发布停更公告”.",
    "We judge what the data shows: an account the registry records as closed or cancelled that still posted after its `closed_at` day (that day itself is in its active span) and at or before T. Posts before the audit window count too.",
    "One occurrence per account, with the number of such posts and the last one. An account without `closed_at` cannot be judged. The rule runs for accounts that are not scored as well: closed accounts are exactly those.",
    "The missing notice of the same row is judged by `closure-notice`. The annual unit assessment is not applied to account scores: a violation, 0 points.",
  ],
  messages: {
    "posts-after-closure": {
      zh: "登记为{status}（{closedAt}）后仍发布{count}条信息，最近一条：{lastPost}",
      en: "{count} posts after being recorded as {statusEn} on {closedAt}; the last on {lastPost}",
    },
  },
  rectification: { "posts-after-closure": "rectifiable" },
  evaluate(facts, _params, ctx) {
    const after = facts.posts?.afterClosed;
    const { status, closedAt } = facts.account;
    if (status === "active" || !after || after.count === 0 || after.lastAt === undefined) return [];
    const { zone } = ctx.window;
    return [
      {
        messageId: "posts-after-closure",
        data: {
          status: status === "closed" ? "关停" : "注销",
          statusEn: status === "closed" ? "closed" : "cancelled",
          closedAt: closedAt ?? "",
          count: after.count,
          lastPost: zone.formatShort(after.lastAt),
        },
        evidence: {
          status,
          closedAt: closedAt ?? null,
          posts: after.count,
          lastPostAt: zone.format(after.lastAt),
        },
        occurredAt: after.lastAt,
      },
    ];
  },
});

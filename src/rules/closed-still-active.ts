import { z } from "zod";
import { defineRule } from "./define.js";

export default defineRule({
  id: "closed-still-active",
  indicator: { zh: "已报关停却未关停", en: "Reported closed but still posting" },
  source: "昆政办发〔2019〕162号 附件3 集约整合 2",
  defaults: { severity: "violation" },
  params: z.object({}),
  needs: ["posts"],
  runsWhenNotScored: true,
  messages: {
    "posts-after-closure": {
      zh: "登记为{status}（{closedAt}）后仍发布{count}条信息，最近一条：{lastPost}",
      en: "{count} posts after being recorded as {status} on {closedAt}; the last on {lastPost}",
    },
  },
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

import { z } from "zod";
import { activeAt, activeThroughout } from "../audit/facts.js";
import { monthBefore } from "../time/window.js";
import { civilDate, DAY_MS } from "../time/zone.js";
import { exemption, isServiceAccount } from "./common.js";
import { defineRule, type Occurrence } from "./define.js";

export default defineRule({
  id: "weekly-update",
  indicator: { zh: "内容更新不及时", en: "Not updated every week" },
  source:
    "国办秘函〔2019〕19号 检查指标·扣分指标（江苏 苏政办发〔2019〕56号，昆政办发〔2019〕162号 附件2）; 000 每周更新内容不少于1次; 001 第十九条",
  defaults: { severity: "deduct", pointsEach: 5, cap: 10 },
  params: z.object({}),
  needs: ["posts"],
  interpretation:
    "The deduction table row 内容更新不及时 reads " +
    "“每周更新内容少于1次（微信服务号监测时间点前1个月内平均每周更新内容少于1次），" +
    "每发现一起，扣5分，最高扣10分” (004 附件2; the Jiangsu table of 苏政办发〔2019〕56号; 000 and 001 " +
    "第十九条 ask for at least one update a week). A “week” is a natural week, Monday 00:00 to Sunday " +
    "24:00 in `--tz`, and only weeks that lie wholly inside the audit window are judged: a 28-day " +
    "window ending on a Wednesday holds three complete weeks, and the partial weeks at either end are " +
    "neither blamed nor credited. A week is also judged only when the whole of it lies in the account's " +
    "active span (opened before its Monday, not closed before its Sunday). Each such week with no post " +
    "at all, original or repost, is one occurrence: 5 points each, at most 10. WeChat service accounts " +
    "(`platform` wechat, `account_type` service) can push only a few times a month, so the table judges " +
    "them on the month before T instead: the span (T − 1 month, T], the day clamped to the shorter " +
    "month (07-31 → 06-30), not limited to the audit window and judged only when the account was active " +
    "throughout it (one opened within the span is not evaluated); it is one occurrence when posts × 7 < days in the span (an average under once a " +
    "week). Their `emptyWeeks` metric is still reported but never deducted. Apps and mini programs " +
    "(`exemptPlatforms`, set on `no-update-2w`) are not evaluated.",
  messages: {
    "empty-week": {
      zh: "{monday}至{sunday}当周无更新",
      en: "No post in the week {monday} to {sunday}",
    },
    "service-month": {
      zh: "服务号近一个月（{spanFrom}至{spanTo}，{days}天）仅发布{posts}次，平均每周不足1次",
      en: "Service account posted {posts} times in the month {spanFrom} to {spanTo} ({days} days): under once a week",
    },
  },
  rectification: { "empty-week": "historical", "service-month": "historical" },
  evaluate(facts, _params, ctx) {
    const exempt = exemption(facts, ctx.exemptPlatforms);
    if (exempt) return exempt;
    const posts = facts.posts;
    if (!posts) return [];
    const { zone, asOf, asOfDay, weeks } = ctx.window;

    if (isServiceAccount(facts)) {
      // WeChat service accounts may push only a few times a month: judged on (T − 1 month, T] instead.
      const span = monthBefore(asOf, zone);
      const firstDay = zone.dayOf(span.start + 1);
      if (!activeThroughout(facts, firstDay, asOfDay)) {
        // Judged only over a whole month of operation (RULES §1). One that operates at T but opened within
        // that month is not evaluated — said, not passed silently; a closed one has nothing to judge.
        if (!activeAt(facts, asOfDay)) return [];
        return {
          notEvaluated: `a service account judged on the month ${civilDate(firstDay)} to ${civilDate(asOfDay)}, not all of which it was active`,
        };
      }
      const days = Math.round((span.end - span.start) / DAY_MS);
      const count = posts.monthSpanPosts;
      if (count * 7 >= days) return [];
      const average = Math.round((count / (days / 7)) * 100) / 100;
      const data = { spanFrom: civilDate(firstDay), spanTo: civilDate(asOfDay), days, posts: count };
      return [
        {
          messageId: "service-month",
          data,
          evidence: { ...data, perWeek: average },
          occurredAt: span.start + 1,
        },
      ];
    }

    const occurrences: Occurrence[] = [];
    weeks.forEach((week, i) => {
      const sunday = week.monday + 6;
      if (posts.weekPosts[i] !== 0 || !activeThroughout(facts, week.monday, sunday)) return;
      const data = { monday: civilDate(week.monday), sunday: civilDate(sunday) };
      occurrences.push({
        messageId: "empty-week",
        data,
        evidence: { week: `${data.monday}/${data.sunday}` },
        occurredAt: week.start,
      });
    });
    return occurrences;
  },
});

import { z } from "zod";
import { activeAt, activeThroughout } from "../facts/facts.js";
import { monthBefore } from "../time/window.js";
import { civilDate } from "../time/zone.js";
import { exemption, isServiceAccount } from "./common.js";
import { defineRule, type Occurrence } from "./define.js";

export default defineRule({
  id: "weekly-update",
  indicator: { zh: "内容更新不及时", en: "Not updated every week" },
  source: {
    default: [
      { doc: "js", clause: "扣分指标「内容更新不及时」" },
      { doc: "m000", clause: "每周更新内容不少于1次" },
      { doc: "nantong", clause: "第十九条" },
    ],
    byDocument: {
      m000: [
        { doc: "m000", clause: "每周更新内容不少于1次" },
        { doc: "js", clause: "扣分指标「内容更新不及时」" },
      ],
      nantong: [
        { doc: "nantong", clause: "第十九条" },
        { doc: "js", clause: "扣分指标「内容更新不及时」" },
      ],
      kunshan: [{ doc: "kunshan", clause: "附件2「内容更新不及时」" }],
    },
  },
  defaults: { severity: "deduct", pointsEach: 5, cap: 10 },
  params: z.object({
    serviceMinUpdates: z
      .number()
      .int()
      .min(0)
      .default(4)
      .describe("WeChat service accounts: fewest updates (distinct days with a post) in the month before T"),
  }),
  needs: ["posts"],
  interpretation: [
    "The deduction table row 内容更新不及时 reads “每周更新内容少于1次（微信服务号监测时间点前1个月内平均每周更新内容少于1次），每发现一起，扣5分，最高扣10分” (苏政办发〔2019〕56号; 昆政办发〔2019〕162号 附件2). The municipal notice and the Nantong measures (第十九条) ask for one update a week too.",
    "A week is a natural week, Monday 00:00 to Sunday 24:00 in `--tz`. Only weeks wholly inside the audit window are judged: the partial weeks at either end are neither blamed nor credited.",
    "A week is judged only when it lies wholly in the account's active span (opened before its Monday, not closed before its Sunday).",
    "Each judged week with no post at all, original or repost, is one occurrence: 5 points each, at most 10.",
    "WeChat service accounts (`platform` wechat, `account_type` service) are judged on the month before T instead: (T − 1 month, T], the day clamped to the shorter month (07-31 → 06-30). The span is not limited to the audit window and is judged only when the account was active throughout it (one opened within it is not evaluated).",
    "A service account's updates are the distinct days with a post in that span: one push of several articles is one update. It is short when its updates are fewer than `serviceMinUpdates` (4) — “平均每周…少于1次” over a month read as four weeks. A service account can push only four times a month, so the literal posts × 7 < days would fail every account that uses all its pushes in a 29–31-day month.",
    "A service account's `emptyWeeks` metric is still reported but never deducted. Apps and mini programs (`exemptPlatforms`, set on `no-update-2w`) are not evaluated.",
  ],
  messages: {
    "empty-week": {
      zh: "{monday}至{sunday}当周无更新",
      en: "No post in the week {monday} to {sunday}",
    },
    "service-month": {
      zh: "服务号近一个月（{spanFrom}至{spanTo}）仅{updates}天有更新，少于{required}次（平均每周不足1次）",
      en: "Service account updated on {updates} days in the month {spanFrom} to {spanTo}: fewer than {required} (under once a week)",
    },
  },
  rectification: { "empty-week": "historical", "service-month": "historical" },
  evaluate(facts, params, ctx) {
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
          notEvaluated: {
            zh: `服务号按月考核（${civilDate(firstDay)}至${civilDate(asOfDay)}），该期间账号并非全程运行`,
            en: `a service account judged on the month ${civilDate(firstDay)} to ${civilDate(asOfDay)}, not all of which it was active`,
          },
        };
      }
      // Updates are days with a post: one push of several articles is one update (RULES §1).
      const updates = posts.monthSpanDays;
      if (updates >= params.serviceMinUpdates) return [];
      const data = {
        spanFrom: civilDate(firstDay),
        spanTo: civilDate(asOfDay),
        updates,
        required: params.serviceMinUpdates,
      };
      return [
        {
          messageId: "service-month",
          data,
          evidence: { ...data, posts: posts.monthSpanPosts },
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

import { z } from "zod";
import { activeAt } from "../facts/facts.js";
import { DAY_MS } from "../time/zone.js";
import { exemption, exemptPlatformsParam, isoTime, wholeDays } from "./common.js";
import { defineRule, type Occurrence } from "./define.js";

const VETO_SPAN_MS = 14 * DAY_MS;

export default defineRule({
  id: "no-update-2w",
  indicator: {
    zh: "内容不更新：监测时间点前2周内无更新",
    en: "No update in the 2 weeks before the monitoring time",
  },
  source: {
    default: [{ doc: "nat", clause: "检查指标·单项否决「内容不更新」" }],
  },
  defaults: { severity: "veto" },
  params: z.object({ exemptPlatforms: exemptPlatformsParam }),
  needs: ["posts"],
  interpretation: [
    "The national veto item 内容不更新 reads “监测时间点前2周内无更新” (国办秘函〔2019〕19号, reproduced in 昆政办发〔2019〕162号 附件2).",
    "“2周” is 14 × 24 hours ending at the monitoring time T, both ends included: vetoed when no post has T − 14 days ≤ `published_at` ≤ T. A post exactly 14 days before T still saves the account.",
    "The last post may lie before the audit window: the latest post at or before T counts wherever it falls.",
    "The message states the last post's time and the span (T − 14 days to T), never a day count: “14 days” next to “within 2 weeks” would invite a dispute.",
    "Only accounts in operation at T are vetoed: status active, or closed on a day after T's (an audit of a past period runs on today's registry). An account closed by T is judged by `closed-still-active`.",
    "The account must have existed throughout the span: `opened_at` 00:00 ≤ T − 14 days + 1 ms. With a bare-date T (the end of its day), one opened on T's day − 13 has had 14 whole days and is vetoable; one opened on T's day − 12 is not, and if it has not posted it gets a `new-account` warning.",
    "WeChat service accounts are vetoed like any other account: the monthly allowance of the deduction table concerns `weekly-update`, not this veto.",
    "Apps and mini programs (`exemptPlatforms`) do not update: their veto in the same row is “cannot be downloaded or used”, the manual `app-unusable`. They are not evaluated here, nor by `weekly-update` and `original-content`.",
    "`--warn-within N`: an active account whose veto would apply within N days of T gets a `veto-imminent` warning naming that day — the later of 14 days after its last post and the end of the 14th day from its opening. It costs no points, but the exit code counts it as a veto (`--fail-on veto`), for cron jobs.",
    "No early warning when the profile does not make this rule a veto, nor for an account whose `closed_at` (after T) comes on or before the day the veto would apply.",
  ],
  messages: {
    "no-update": {
      zh: "最近一次更新为{lastPost}，早于2周检查期（{spanStart}至{asOf}）的起点",
      en: "Last post on {lastPost}, before the 2-week span {spanStart} to {asOf} began",
    },
    "no-post": {
      zh: "无发布记录，2周检查期（{spanStart}至{asOf}）内无更新",
      en: "No post on record: nothing in the 2-week span {spanStart} to {asOf}",
    },
    "new-account": {
      zh: "新开设账号（{openedAt}）尚无发布，开设满2周后将按单项否决检查",
      en: "New account (opened {openedAt}) has not posted yet; the 2-week veto applies once it is 2 weeks old",
    },
    "veto-imminent": {
      zh: "已{days}天未更新，如不更新将于{vetoDate}触发单项否决",
      en: "No post for {days} days: the 2-week veto applies on {vetoDate} unless it posts",
    },
  },
  // `exemptPlatforms` is read through ctx.exemptPlatforms: the engine takes it from these params.
  rectification: {
    "no-update": "rectifiable",
    // Never posted: the same problem as no-update (same key), ended by a post.
    "no-post": "rectifiable",
    "new-account": "advisory",
    "veto-imminent": "advisory",
  },
  evaluate(facts, _params, ctx) {
    const exempt = exemption(facts, ctx.exemptPlatforms);
    if (exempt) return exempt;
    // Only accounts in operation at T can be vetoed for not updating (RULES §1).
    if (!activeAt(facts, ctx.window.asOfDay)) return [];
    const { asOf, zone } = ctx.window;
    const lastPostAt = facts.posts?.lastPostAt;
    const threshold = asOf - VETO_SPAN_MS;
    const evidence = {
      lastPostAt: isoTime(zone, lastPostAt) ?? null,
      daysSinceLastPost: lastPostAt === undefined ? null : wholeDays(lastPostAt, asOf),
    };
    // Existed throughout (T − 14 days, T]: opened_at 00:00 ≤ T − 14 days + 1 ms (RULES §1) — with a
    // bare-date T, one opened on T's day − 13 has had 14 whole days.
    const opened = facts.openedDay === undefined ? undefined : zone.startOfDay(facts.openedDay);
    const isNew = opened !== undefined && opened > threshold + 1;
    if (!isNew && (lastPostAt === undefined || lastPostAt < threshold)) {
      // The last post's time and the span's start, not a day count that reads as "within 2 weeks".
      const span = { spanStart: zone.formatShort(threshold), asOf: zone.formatShort(asOf) };
      return [
        {
          messageId: lastPostAt === undefined ? "no-post" : "no-update",
          data: lastPostAt === undefined ? span : { lastPost: zone.formatShort(lastPostAt), ...span },
          evidence: { ...evidence, spanStart: zone.format(threshold) },
          occurredAt: asOf,
        },
      ];
    }
    const out: Occurrence[] = [];
    const openedAt = facts.account.openedAt ?? "";
    if (isNew && lastPostAt === undefined) {
      out.push({
        messageId: "new-account",
        advisory: "warning",
        data: { openedAt },
        evidence: { ...evidence, openedAt },
      });
    }
    const warnWithin = ctx.warnWithin;
    if (warnWithin !== undefined) {
      // The first instant the veto applies unless the account posts: more than 14 days after its last
      // post, and not before it is 14 days old (a new account's T − 14 days must reach its opening).
      const afterPost = lastPostAt === undefined ? Number.NEGATIVE_INFINITY : lastPostAt + VETO_SPAN_MS + 1;
      const afterOpening = isNew ? opened + VETO_SPAN_MS - 1 : Number.NEGATIVE_INFINITY;
      const vetoAt = Math.max(afterPost, afterOpening);
      // Closed by that day (a closure date after T), it will not be in operation to be vetoed.
      const closedBefore = facts.closedDay !== undefined && facts.closedDay <= zone.dayOf(vetoAt);
      // A new account that has not posted has gone without an update since it opened.
      const since = lastPostAt ?? opened ?? asOf;
      // With only the last post, `vetoAt − T ≤ N days` is RULES' "last post older than 14 − N days".
      if (vetoAt - asOf <= warnWithin * DAY_MS && !closedBefore) {
        out.push({
          messageId: "veto-imminent",
          advisory: "warning",
          data: { days: wholeDays(since, asOf), vetoDate: zone.dateOf(vetoAt) },
          evidence: { ...evidence, ...(isNew ? { openedAt } : {}), vetoAt: zone.format(vetoAt) },
          occurredAt: asOf,
        });
      }
    }
    return out;
  },
});

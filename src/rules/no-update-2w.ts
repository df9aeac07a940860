import { z } from "zod";
import { activeAt } from "../audit/facts.js";
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
  source: "国办秘函〔2019〕19号 检查指标·单项否决（昆政办发〔2019〕162号 附件2）",
  defaults: { severity: "veto" },
  params: z.object({ exemptPlatforms: exemptPlatformsParam }),
  needs: ["posts"],
  interpretation:
    "The national veto item 内容不更新 reads “监测时间点前2周内无更新” (国办秘函〔2019〕19号, " +
    "reproduced in 004 附件2). We read “2周” as 14 × 24 hours ending at the monitoring time T, both " +
    "ends included: the account is vetoed when it has no post with T − 14 days ≤ `published_at` ≤ T, so " +
    "a post exactly 14 days before T still saves it. The last post may lie before the audit window: the " +
    "veto looks at the latest post at or before T, wherever it falls. Only accounts in operation at T " +
    "are vetoed: status active, or closed/cancelled on a day after T's (an audit of a past period runs " +
    "on today's registry, and an account closed since was operating then); an account closed by T is " +
    "judged by `closed-still-active` instead. An " +
    "account opened less than 14 days before T (00:00 of `opened_at` later than T − 14 days) has not " +
    "had two weeks yet: it is not vetoed, and if it has not posted at all it gets a `new-account` " +
    "warning. WeChat service accounts are vetoed like any other account (the once-a-month allowance of " +
    "the deduction table concerns the weekly rule, not this veto). Apps and mini programs " +
    "(`exemptPlatforms`) do not “update”: their veto in the same row is that they cannot be downloaded " +
    "or used (发生“僵尸”“睡眠”情况), which an inspector records as the manual `app-unusable` indicator, " +
    "so they are not evaluated here — and the same list exempts them from `weekly-update` and " +
    "`original-content`. With `--warn-within N`, an active account whose last post is more than 14 − N " +
    "days old gets a `veto-imminent` warning naming the day the veto will apply unless it posts — in " +
    "general, whenever that day is at most N days after T: for an account opened less than 14 days " +
    "before T it is the later of 14 days after its last post and 14 days after its opening (one that " +
    "has not posted yet also keeps its `new-account` warning); the " +
    "warning costs no points, but the exit code counts it as a veto (`--fail-on veto`), for cron jobs. " +
    "There is no such warning when the profile does not make this rule a veto, nor for an account whose " +
    "`closed_at` (after T) comes on or before that day: it will not be in operation then.",
  messages: {
    "no-update": {
      zh: "最近更新：{lastPost}，距监测时间点已{days}天",
      en: "Last post: {lastPost}, {days} days before the monitoring time",
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
    // "Opened less than 14 days before T" means opened_at 00:00 > T − 14 days.
    const opened = facts.openedDay === undefined ? undefined : zone.startOfDay(facts.openedDay);
    const isNew = opened !== undefined && opened > threshold;
    if (!isNew && (lastPostAt === undefined || lastPostAt < threshold)) {
      return [
        {
          messageId: "no-update",
          data: {
            lastPost: lastPostAt === undefined ? { zh: "无记录", en: "none" } : zone.formatShort(lastPostAt),
            days: evidence.daysSinceLastPost ?? "—",
          },
          evidence,
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
      const afterOpening = isNew ? opened + VETO_SPAN_MS : Number.NEGATIVE_INFINITY;
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

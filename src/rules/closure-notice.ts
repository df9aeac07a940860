import { z } from "zod";
import { dayNumber } from "../time/zone.js";
import { defineRule, type Occurrence } from "./define.js";
import { EVENT_LABELS } from "./filing-deadline.js";

export default defineRule({
  id: "closure-notice",
  indicator: { zh: "关停注销未公告 / 公告不足", en: "Closure not announced / notice too short" },
  source: "000 向社会公告，公告时间不少于15个工作日; 001 第十六条",
  defaults: { severity: "violation" },
  params: z.object({
    noticeWorkdays: z
      .number()
      .int()
      .min(0)
      .default(15)
      .describe("working days the public notice must precede the closure"),
  }),
  needs: ["filings"],
  runsWhenNotScored: true,
  interpretation:
    "000 and 001 第十六条: an account closed or cancelled for work reasons must be announced to the " +
    "public, “公告时间不少于15个工作日”. We read this as a notice period before the closure takes " +
    "effect: the `announced_at` of the filings row must exist, and `event_date` (the day the account " +
    "closed) must be on or after the `noticeWorkdays`-th working day after the announcement day — the " +
    "announcement day itself is not counted, as for every “N working days after” of these measures. So " +
    "an announcement on a Monday with no holiday in between allows a closure on the Monday three weeks " +
    "later, not earlier. A missing announcement is a `no-notice` occurrence, a shorter one a " +
    "`short-notice` occurrence with the working days of notice it had. Each `close` or `cancel` event " +
    "dated in the audit window is judged once; the rule also runs for accounts that are not scored " +
    "(closed before the window), since the closure is what it checks. The collective decision the " +
    "clause also requires (集体研究或主要领导同意) is not in the data and is not judged. No points in " +
    "the sources: a violation, 0 points.",
  messages: {
    "no-notice": {
      zh: "{event}（{eventDate}）前未向社会公告",
      en: "The {eventEn} of {eventDate} was not announced to the public",
    },
    "short-notice": {
      zh: "{event}（{eventDate}）公告于{announcedAt}，仅{workdays}个工作日，不足{required}个工作日",
      en: "The {eventEn} of {eventDate} was announced on {announcedAt}: {workdays} working days of notice, fewer than {required}",
    },
  },
  rectification: { "no-notice": "historical", "short-notice": "historical" },
  evaluate(facts, params, ctx) {
    const { fromDay, asOfDay, zone } = ctx.window;
    const occurrences: Occurrence[] = [];
    for (const event of facts.filings ?? []) {
      if (event.event !== "close" && event.event !== "cancel") continue;
      const eventDay = dayNumber(event.eventDate);
      if (eventDay < fromDay || eventDay > asOfDay) continue;
      const label = EVENT_LABELS[event.event];
      const base = { event: label.zh, eventEn: label.en, eventDate: event.eventDate };
      const at = `${event.file}:${event.line}`;
      if (event.announcedAt === undefined) {
        occurrences.push({
          messageId: "no-notice",
          data: base,
          evidence: { event: event.event, eventDate: event.eventDate, announcedAt: null, at },
          occurredAt: zone.startOfDay(eventDay),
        });
        continue;
      }
      const announcedDay = dayNumber(event.announcedAt);
      // The closure may take effect on or after the 15th working day after the notice.
      if (eventDay >= ctx.calendar.addWorkingDays(announcedDay, params.noticeWorkdays)) continue;
      const workdays = Math.max(0, ctx.calendar.workingDaysBetween(announcedDay, eventDay));
      occurrences.push({
        messageId: "short-notice",
        data: { ...base, announcedAt: event.announcedAt, workdays, required: params.noticeWorkdays },
        evidence: {
          event: event.event,
          eventDate: event.eventDate,
          announcedAt: event.announcedAt,
          noticeWorkdays: workdays,
          required: params.noticeWorkdays,
          at,
        },
        occurredAt: zone.startOfDay(eventDay),
      });
    }
    return occurrences;
  },
});

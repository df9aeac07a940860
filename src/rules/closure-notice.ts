import { z } from "zod";
import { dayNumber } from "../time/zone.js";
import { defineRule, type Occurrence } from "./define.js";
import { EVENT_LABELS } from "./filing-deadline.js";

export default defineRule({
  id: "closure-notice",
  indicator: { zh: "关停注销未公告 / 公告不足", en: "Closure not announced / notice too short" },
  source: "000 向社会公告，公告时间不少于15个工作日; 001 第十六条",
  defaults: { severity: "violation" },
  params: z.object({ noticeWorkdays: z.number().int().min(0).default(15) }),
  needs: ["filings"],
  runsWhenNotScored: true,
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

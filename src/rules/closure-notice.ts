import { z } from "zod";
import { registryClosing } from "../facts/filings.js";
import type { FilingRecord } from "../input/schemas.js";
import { type CivilDate, dayNumber } from "../time/zone.js";
import { defineRule, type Occurrence } from "./define.js";
import { EVENT_LABELS } from "./filing-deadline.js";

export default defineRule({
  id: "closure-notice",
  indicator: { zh: "关停注销未公告 / 公告不足", en: "Closure not announced / notice too short" },
  source: {
    default: [
      { doc: "m000", clause: "公告时间不少于15个工作日" },
      { doc: "nantong", clause: "第十六条" },
    ],
    byDocument: {
      m000: [{ doc: "m000", clause: "公告时间不少于15个工作日" }],
      nantong: [{ doc: "nantong", clause: "第十六条" }],
      kunshan: [{ doc: "kunshan", clause: "附件3「集约整合」2（停更公告）" }],
    },
  },
  defaults: { severity: "violation" },
  params: z.object({
    noticeWorkdays: z
      .number()
      .int()
      .min(0)
      .default(15)
      .describe("working days the public notice must precede the event (0: a notice must exist)"),
    events: z
      .array(z.enum(["open", "change", "close", "cancel"]))
      .default(["close", "cancel"])
      .describe(
        "events that need a public notice before them (the municipal notice also asks it before a change)",
      ),
  }),
  needs: ["filings"],
  runsWhenNotScored: true,
  interpretation: [
    "The municipal notice and the Nantong measures (第十六条): an account closed or cancelled for work reasons is announced to the public, “公告时间不少于15个工作日”. The municipal notice asks for the same notice before a change (`municipal`: `events` change, close, cancel).",
    "A notice period before the event: `announced_at` must exist, and `event_date` must be on or after the `noticeWorkdays`-th working day after the announcement day (the announcement day itself is not counted).",
    "昆政办发〔2019〕162号 附件3 asks for a 停更公告 without a length: `kunshan` sets `noticeWorkdays` 0, so a notice must exist, on or before the event day.",
    "No announcement is a `no-notice` occurrence; a shorter one a `short-notice` occurrence with the working days of notice it had.",
    "A closing known only from the registry (closed or cancelled on `closed_at`, no `close` or `cancel` row) has no notice on record: `no-notice`.",
    "Each event dated in the audit window is judged once. The rule also runs for accounts that are not scored (closed before the window). The collective decision the clause also requires (集体研究或主要领导同意) is not in the data. No points in the sources: a violation, 0 points.",
  ],
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
    const events: NoticeEvent[] = (facts.filings ?? []).filter((e) => params.events.includes(e.event));
    // The registry is evidence too (RULES §1): a closing it alone records has no notice on record.
    const closing = registryClosing(facts);
    if (closing && params.events.includes(closing.event)) events.push(closing);
    for (const event of events) {
      const eventDay = dayNumber(event.eventDate);
      if (eventDay < fromDay || eventDay > asOfDay) continue;
      const label = EVENT_LABELS[event.event];
      const base = { event: label.zh, eventEn: label.en, eventDate: event.eventDate };
      const at =
        event.file === undefined
          ? { inferredFrom: "accounts.closed_at" }
          : { at: `${event.file}:${event.line}` };
      if (event.announcedAt === undefined) {
        occurrences.push({
          messageId: "no-notice",
          data: base,
          evidence: { event: event.event, eventDate: event.eventDate, announcedAt: null, ...at },
          occurredAt: zone.startOfDay(eventDay),
        });
        continue;
      }
      const announcedDay = dayNumber(event.announcedAt);
      // The event may take effect on or after the N-th working day after the notice; with N = 0, on or
      // after the notice day (a notice must exist and come first).
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
          ...at,
        },
        occurredAt: zone.startOfDay(eventDay),
      });
    }
    return occurrences;
  },
});

/** An event that needs a notice: a filings row, or a closing known only from the registry. */
interface NoticeEvent {
  event: FilingRecord["event"];
  eventDate: CivilDate;
  announcedAt?: CivilDate;
  file?: string;
  line?: number;
}

import { z } from "zod";
import { DEFAULT_FILING_PARAMS, judgeFilings } from "../audit/filings.js";
import { parseCivilDate } from "../time/parse.js";
import { defineRule, type Occurrence } from "./define.js";

const civilDateParam = z
  .string()
  .refine((s) => parseCivilDate(s) !== undefined, "expected a date such as 2019-10-10")
  .transform((s) => parseCivilDate(s)!);

export const EVENT_LABELS = {
  open: { zh: "开设", en: "opening" },
  change: { zh: "变更", en: "change" },
  close: { zh: "关停", en: "closure" },
  cancel: { zh: "注销", en: "cancellation" },
} as const;

export default defineRule({
  id: "filing-deadline",
  indicator: { zh: "备案不及时", en: "Filing not on time" },
  source: "000 3个工作日内登记备案; 001 第十五条; 002 四(一); 004 二(二) 2个工作日",
  defaults: { severity: "violation" },
  params: z.object({
    workdays: z
      .number()
      .int()
      .min(0)
      .default(DEFAULT_FILING_PARAMS.workdays)
      .describe("working days after the event by which it must be filed"),
    requireApproval: z.boolean().default(false).describe("an opening needs approval on or before its date"),
    legacyCutoff: civilDateParam
      .optional()
      .describe("accounts opened before this date file within legacyWorkdays of it"),
    legacyWorkdays: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe("working days after legacyCutoff for accounts opened before it"),
  }),
  needs: ["filings"],
  runsWhenNotScored: true,
  interpretation:
    "Opening, changing, closing and cancelling an account must be filed within a number of working " +
    "days: 3 in 000 (“于3个工作日内登记备案”), 001 第十五条 and 002 四(一); 2 in Kunshan (004 二(二), " +
    "“应在2个工作日内向市政府办公室备案”). We judge the unit's filing with its supervising office, the " +
    "`filed_at` of the filings input. “N working days after D” is the N-th working day strictly after " +
    "the event day (the day itself is not counted, as in 民法典 第二百零一条), and the deadline is the " +
    "end of that day; make-up working days count, rest days do not. A filing on a later day is late; no " +
    "filing with the deadline day over before T is missing; no filing and the deadline still running is " +
    "pending (no finding). A `filed_at` after T counts as not filed at T. Events dated in the window " +
    "are judged; older events still unfiled at T carry over; and an older event whose deadline ran out " +
    "in the window (its deadline day is on or after the day before the window's first day) is judged " +
    "there too, so a filing that turns late after one window's T is reported by the next window (a " +
    "deadline ending exactly at T is still pending at T). An account the registry shows opened " +
    "in the window with no `open` row in the filings input is an unfiled opening on `opened_at` (and " +
    "so is one opened before the window whose deadline runs out in it: judged once, there). " +
    "Kunshan also requires prior approval " +
    "(“新开设政务新媒体应提前向市政府办公室提出申请，经批准同意后方可开设”): with `requireApproval`, an " +
    "opening in the window without `approved_at` on or before its date is one more occurrence " +
    "(`opened-without-approval`); an opening inferred from `opened_at` has no approval on record, so it " +
    "is one too once its filing is missing (until its deadline, the row and its approval may still come). Nantong's measures let accounts opened before them file within 20 " +
    "working days of their publication (001 第三十五条, “本办法发布前开设的政务新媒体，自本办法公布之日起20个" +
    "工作日内依照本办法补办有关备案手续”): with `legacyCutoff` and `legacyWorkdays`, an opening dated " +
    "before the cutoff is due `legacyWorkdays` working days after the cutoff instead of `workdays` after " +
    "its date (the measures did not apply before), and the message names that deadline " +
    "(`late-legacy`, `missing-legacy`). An account the registry shows opened before the cutoff (and not " +
    "closed before it) with no `open` row is an unfiled legacy opening whatever the window: missing in " +
    "the window where its legacy deadline runs out and carried over after, like any unfiled event. The " +
    "national indicators give no filing deadline (the rule is off in `national`), and the local " +
    "measures no points: a violation, 0 points.",
  messages: {
    late: {
      zh: "{event}事项（{eventDate}）于{filedAt}报备，超过{workdays}个工作日时限（截止{deadline}）",
      en: "The {eventEn} of {eventDate} was filed on {filedAt}, after the {workdays}-working-day deadline ({deadline})",
    },
    missing: {
      zh: "{event}事项（{eventDate}）未报备，时限已过（截止{deadline}）",
      en: "The {eventEn} of {eventDate} was not filed; the deadline ({deadline}) has passed",
    },
    "late-legacy": {
      zh: "{event}事项（{eventDate}，早于{legacyCutoff}）于{filedAt}补办备案，超过{legacyCutoff}后{workdays}个工作日时限（截止{deadline}）",
      en: "The {eventEn} of {eventDate} (before {legacyCutoff}) was filed on {filedAt}, after the deadline of {workdays} working days after {legacyCutoff} ({deadline})",
    },
    "missing-legacy": {
      zh: "{event}事项（{eventDate}，早于{legacyCutoff}）未补办备案，{legacyCutoff}后{workdays}个工作日时限已过（截止{deadline}）",
      en: "The {eventEn} of {eventDate} (before {legacyCutoff}) was not filed; the deadline of {workdays} working days after {legacyCutoff} ({deadline}) has passed",
    },
    "opened-without-approval": {
      zh: "账号于{eventDate}开设，未经事先审批（审批日期：{approvedAt}）",
      en: "Opened on {eventDate} without prior approval (approved: {approvedAt})",
    },
  },
  evaluate(facts, params, ctx) {
    if (!facts.filings) return [];
    const { outcomes, unapproved } = judgeFilings(facts, params, ctx.window, ctx.calendar);
    const occurrences: Occurrence[] = [];
    for (const o of outcomes) {
      if (o.state !== "late" && o.state !== "missing") continue;
      const label = EVENT_LABELS[o.event];
      occurrences.push({
        messageId: o.legacyCutoff === undefined ? o.state : `${o.state}-legacy`,
        data: {
          event: label.zh,
          eventEn: label.en,
          eventDate: o.eventDate,
          filedAt: o.filedAt ?? "",
          deadline: o.deadline,
          workdays: o.workdays,
          ...(o.legacyCutoff === undefined ? {} : { legacyCutoff: o.legacyCutoff }),
        },
        evidence: {
          event: o.event,
          eventDate: o.eventDate,
          deadline: o.deadline,
          filedAt: o.filedAt ?? null,
          workdaysTaken: o.workdaysTaken ?? null,
          ...(o.legacyCutoff === undefined ? {} : { legacyCutoff: o.legacyCutoff, workdays: o.workdays }),
          ...(o.inferred ? { inferredFrom: "accounts.opened_at" } : { at: `${o.file}:${o.line}` }),
        },
        occurredAt: ctx.window.zone.startOfDay(o.eventDate),
      });
    }
    for (const u of unapproved) {
      occurrences.push({
        messageId: "opened-without-approval",
        data: { eventDate: u.eventDate, approvedAt: u.approvedAt ?? { zh: "无", en: "none" } },
        evidence: {
          eventDate: u.eventDate,
          approvedAt: u.approvedAt ?? null,
          ...(u.inferred ? { inferredFrom: "accounts.opened_at" } : { at: `${u.file}:${u.line}` }),
        },
        occurredAt: ctx.window.zone.startOfDay(u.eventDate),
      });
    }
    return occurrences;
  },
});

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
    workdays: z.number().int().min(0).default(DEFAULT_FILING_PARAMS.workdays),
    requireApproval: z.boolean().default(false).describe("an opening needs approval on or before its date"),
    legacyCutoff: civilDateParam
      .optional()
      .describe("accounts opened before this date file within legacyWorkdays of it"),
    legacyWorkdays: z.number().int().min(0).optional(),
  }),
  needs: ["filings"],
  runsWhenNotScored: true,
  messages: {
    late: {
      zh: "{event}事项（{eventDate}）于{filedAt}报备，超过{workdays}个工作日时限（截止{deadline}）",
      en: "The {eventEn} of {eventDate} was filed on {filedAt}, after the {workdays}-working-day deadline ({deadline})",
    },
    missing: {
      zh: "{event}事项（{eventDate}）未报备，时限已过（截止{deadline}）",
      en: "The {eventEn} of {eventDate} was not filed; the deadline ({deadline}) has passed",
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
        messageId: o.state,
        data: {
          event: label.zh,
          eventEn: label.en,
          eventDate: o.eventDate,
          filedAt: o.filedAt ?? "",
          deadline: o.deadline,
          workdays: params.workdays,
        },
        evidence: {
          event: o.event,
          eventDate: o.eventDate,
          deadline: o.deadline,
          filedAt: o.filedAt ?? null,
          workdaysTaken: o.workdaysTaken ?? null,
          ...(o.inferred ? { inferredFrom: "accounts.opened_at" } : { at: `${o.file}:${o.line}` }),
        },
        occurredAt: ctx.window.zone.startOfDay(o.eventDate),
      });
    }
    for (const u of unapproved) {
      occurrences.push({
        messageId: "opened-without-approval",
        data: { eventDate: u.eventDate, approvedAt: u.approvedAt ?? "无 / none" },
        evidence: { eventDate: u.eventDate, approvedAt: u.approvedAt ?? null, at: `${u.file}:${u.line}` },
        occurredAt: ctx.window.zone.startOfDay(u.eventDate),
      });
    }
    return occurrences;
  },
});

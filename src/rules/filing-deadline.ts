import { filingParams, judgeFilings } from "../facts/filings.js";
import { defineRule, type Occurrence } from "./define.js";

export const EVENT_LABELS = {
  open: { zh: "开设", en: "opening" },
  change: { zh: "变更", en: "change" },
  close: { zh: "关停", en: "closure" },
  cancel: { zh: "注销", en: "cancellation" },
} as const;

export default defineRule({
  id: "filing-deadline",
  indicator: { zh: "备案不及时", en: "Filing not on time" },
  source: {
    default: [
      { doc: "m000", clause: "3个工作日内登记备案" },
      { doc: "nantong", clause: "第十五条" },
    ],
    byDocument: {
      m000: [{ doc: "m000", clause: "3个工作日内登记备案" }],
      nantong: [
        { doc: "nantong", clause: "第十五条" },
        { doc: "nantong", clause: "第三十五条" },
      ],
      dongxiang: [{ doc: "dongxiang", clause: "四（一）" }],
      kunshan: [
        { doc: "kunshan", clause: "附件3「开设备案」" },
        { doc: "kunshan", clause: "二（二）" },
      ],
    },
  },
  defaults: { severity: "violation" },
  // The metrics judge filings too: the schema is facts/filings.ts's.
  params: filingParams,
  needs: ["filings"],
  runsWhenNotScored: true,
  interpretation: [
    "Opening, changing, closing and cancelling an account are filed within a number of working days: 3 in the municipal notice (“于3个工作日内登记备案”), the Nantong measures (第十五条) and the Dongxiang notice (四（一）); 2 in 昆政办发〔2019〕162号 (二（二）, “应在2个工作日内向市政府办公室备案”).",
    "Whose deadline: the documents put the working days on different shoulders. The Nantong measures (第十五条) bind the supervising office, 3 working days after it receives the form; the municipal notice counts from the approval. gmaudit measures the unit's own step, event → `filed_at`, in every profile; a profile may change `workdays`.",
    "“N working days after D” is the N-th working day strictly after the event day (the day itself is not counted, as in 民法典 第二百零一条); the deadline is the end of that day. Make-up working days count, rest days do not.",
    "Filed on a day after the deadline day: late. Not filed and the deadline day over before T: missing. Not filed and the deadline still running: pending, no finding (a deadline ending exactly at T is pending). A `filed_at` after T counts as not filed.",
    "Events dated in the window are judged; older events still unfiled at T carry over; an older event whose deadline ran out in the window (its deadline day on or after the day before the window's first day) is judged there. Each late or missing filing is reported exactly once.",
    "The registry is evidence too. An account opened in the window (or whose deadline runs out in it) with no `open` row is an unfiled opening on `opened_at`. An account the registry shows closed or cancelled with no `close` or `cancel` row is an unfiled closing on `closed_at`. The evidence says `inferredFrom`.",
    "Prior approval (`requireApproval`): an event of `approvalEvents` without `approved_at` on or before its date is one more occurrence. 昆政办发〔2019〕162号 requires it for openings (“经批准同意后方可开设”, `kunshan`); the municipal notice for all four events (`municipal`). An event inferred from the registry has no approval on record: it is one too, once its filing is missing.",
    "The Nantong measures let accounts opened before them file within 20 working days of their publication (第三十五条). With `legacyCutoff` and `legacyWorkdays`, an opening dated before the cutoff is due `legacyWorkdays` working days after the cutoff (`late-legacy`, `missing-legacy`). An account opened before the cutoff with no `open` row is judged whatever the window, like any unfiled event.",
    "The national indicators give no filing deadline (the rule is off in `national`), and the local documents no points: a violation, 0 points.",
  ],
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
      zh: "账号于{eventDate}开设，未经事先审批（{approval}）",
      en: "Opened on {eventDate} without prior approval ({approvalEn})",
    },
    "without-approval": {
      zh: "{event}事项（{eventDate}）未经事先审批（{approval}）",
      en: "The {eventEn} of {eventDate} had no prior approval ({approvalEn})",
    },
  },
  rectification: {
    late: "historical",
    missing: "rectifiable",
    "late-legacy": "historical",
    "missing-legacy": "rectifiable",
    "opened-without-approval": "historical",
    // Approval had to come before the change, closing or cancellation: a past event, like an opening.
    "without-approval": "historical",
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
        key: `${o.event}@${o.eventDate}`,
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
          ...(o.inferredFrom ? { inferredFrom: o.inferredFrom } : { at: `${o.file}:${o.line}` }),
        },
        occurredAt: ctx.window.zone.startOfDay(o.eventDate),
      });
    }
    for (const u of unapproved) {
      const label = EVENT_LABELS[u.event];
      occurrences.push({
        messageId: u.event === "open" ? "opened-without-approval" : "without-approval",
        data: {
          event: label.zh,
          eventEn: label.en,
          eventDate: u.eventDate,
          approval: u.approvedAt === undefined ? "无审批记录" : `审批日期：${u.approvedAt}`,
          approvalEn: u.approvedAt === undefined ? "none on record" : `approved ${u.approvedAt}`,
        },
        evidence: {
          event: u.event,
          eventDate: u.eventDate,
          approvedAt: u.approvedAt ?? null,
          ...(u.inferredFrom ? { inferredFrom: u.inferredFrom } : { at: `${u.file}:${u.line}` }),
        },
        occurredAt: ctx.window.zone.startOfDay(u.eventDate),
      });
    }
    return occurrences;
  },
});

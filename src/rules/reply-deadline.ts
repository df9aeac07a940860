import { replyParams } from "../facts/replies.js";
import { defineRule } from "./define.js";

const HOUR_MS = 3_600_000;

export default defineRule({
  id: "reply-deadline",
  indicator: { zh: "留言答复超时", en: "Reply deadline missed" },
  source: {
    default: [{ doc: "m000", clause: "24小时内答复，节假日不得晚于48小时" }],
  },
  defaults: { severity: "violation" },
  // Applied while the messages file is streamed (messages are not kept): the schema is facts/replies.ts's.
  params: replyParams,
  needs: ["messages"],
  interpretation: [
    "The municipal notice: a specific, clear policy consultation is answered “24小时内…，节假日不得晚于48小时”. No other source document sets a reply deadline: `nantong` and `kunshan` switch the rule off (the reply metrics are still reported), and so does `national`.",
    "The hours are elapsed clock hours from `received_at`, not working hours. 节假日 is a rest day of the working-day calendar: a weekend or a statutory holiday, but not a make-up working day (调休).",
    "`restDayRule` `received` (the default): 48 hours when the message arrives on a rest day. `overlaps`: 48 hours whenever the 24-hour window touches a rest day, for jurisdictions that read the clause more generously.",
    "Only the `categories` the clause names are judged: consultations by default (add complaint or suggestion to judge them too).",
    "The state is taken at T. A reply at or before T is on time when it is no later than the deadline (exactly at the deadline is on time), late otherwise. A reply after T counts as none. An unanswered message is overdue once its deadline is before T, else pending (no finding).",
    "Messages received in the window are judged, and so are older ones still unanswered and overdue at T, and older ones answered late whose deadline ran out at or after the previous window's T: each late reply is reported exactly once.",
    "Each late or overdue message is one occurrence, with its id, times, deadline and hours taken. The source gives no points: a violation, 0 points.",
  ],
  messages: {
    late: {
      zh: "留言{message}于{received}收到，{replied}答复，超过{hours}小时时限（截止{deadline}）",
      en: "Message {message} received {received} was answered {replied}, past the {hours}-hour limit ({deadline})",
    },
    overdue: {
      zh: "留言{message}于{received}收到，截至监测时间点未答复（截止{deadline}）",
      en: "Message {message} received {received} is unanswered at the monitoring time (due {deadline})",
    },
  },
  rectification: { late: "historical", overdue: "rectifiable" },
  evaluate(facts, params, ctx) {
    const messages = facts.messages;
    if (!messages) return [];
    const { zone } = ctx.window;
    return messages.problems.map((p) => {
      const message = p.messageId ?? `${p.file}:${p.line}`;
      // Without an id the message is named by its row, in words (not "留言留言记录.csv:2").
      const named =
        p.messageId === undefined
          ? { zh: `（${p.file} 第${p.line}行）`, en: `(${p.file} line ${p.line})` }
          : p.messageId;
      const hours = p.restDay ? params.restDayHours : params.workdayHours;
      return {
        messageId: p.state,
        key: message,
        data: {
          message: named,
          received: zone.formatShort(p.receivedAt),
          replied: p.repliedAt === undefined ? "" : zone.formatShort(p.repliedAt),
          deadline: zone.formatShort(p.deadline),
          hours,
        },
        evidence: {
          messageId: message,
          receivedAt: zone.format(p.receivedAt),
          deadline: zone.format(p.deadline),
          repliedAt: p.repliedAt === undefined ? null : zone.format(p.repliedAt),
          hoursAllowed: hours,
          hoursTaken:
            p.repliedAt === undefined ? null : Math.round(((p.repliedAt - p.receivedAt) / HOUR_MS) * 10) / 10,
          restDay: p.restDay,
        },
        occurredAt: p.receivedAt,
      };
    });
  },
});

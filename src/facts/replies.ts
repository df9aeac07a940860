import { z } from "zod";
import { MESSAGE_CATEGORIES } from "../input/schemas.js";
import type { WorkCalendar } from "../time/calendar.js";
import type { Zone } from "../time/zone.js";
import type { ReplyState } from "./facts.js";

const HOUR_MS = 3_600_000;

/**
 * The parameters of `reply-deadline`, owned here because they are applied while streaming (messages
 * are not kept); the rule takes this schema as its own.
 */
export const replyParams = z.object({
  workdayHours: z
    .number()
    .positive()
    .default(24)
    .describe("hours to reply to a message received on a working day"),
  restDayHours: z
    .number()
    .positive()
    .default(48)
    .describe("hours to reply to a message received on a rest day (节假日)"),
  categories: z
    .array(z.enum(MESSAGE_CATEGORIES))
    .min(1)
    .default(["consultation"])
    .describe("message categories judged (consultation = 咨询)"),
  restDayRule: z
    .enum(["received", "overlaps"])
    .default("received")
    .describe(
      "received: rest-day hours when received on a rest day; overlaps: when the working-day window touches one",
    ),
});

export type ReplyParams = z.infer<typeof replyParams>;

export const DEFAULT_REPLY_PARAMS: ReplyParams = replyParams.parse({});

/**
 * 000: 24小时内进行答复，节假日不得晚于48小时. "received": the rest-day allowance applies when the
 * message arrived on a rest day; "overlaps": whenever the working-day window touches a rest day.
 */
export function replyDeadline(
  receivedAt: number,
  params: ReplyParams,
  calendar: WorkCalendar,
  zone: Zone,
): { deadline: number; restDay: boolean } {
  const day = zone.dayOf(receivedAt);
  let restDay = calendar.isRestDay(day);
  if (!restDay && params.restDayRule === "overlaps") {
    const lastDay = zone.dayOf(receivedAt + params.workdayHours * HOUR_MS);
    for (let d = day + 1; d <= lastDay && !restDay; d++) restDay = calendar.isRestDay(d);
  }
  const hours = restDay ? params.restDayHours : params.workdayHours;
  return { deadline: receivedAt + hours * HOUR_MS, restDay };
}

/** State at T. A reply after T counts as none; a reply exactly at the deadline is on time. */
export function replyState(deadline: number, repliedAt: number | undefined, asOf: number): ReplyState {
  if (repliedAt !== undefined && repliedAt <= asOf) return repliedAt <= deadline ? "on-time" : "late";
  return deadline < asOf ? "overdue" : "pending";
}

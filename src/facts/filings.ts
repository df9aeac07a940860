import { z } from "zod";
import type { FilingRecord } from "../input/schemas.js";
import type { WorkCalendar } from "../time/calendar.js";
import { parseCivilDate } from "../time/parse.js";
import type { AuditWindow } from "../time/window.js";
import { type CivilDate, civilDate, dayNumber } from "../time/zone.js";
import type { AccountFacts } from "./facts.js";

const civilDateParam = z
  .string()
  .refine((s) => parseCivilDate(s) !== undefined, "expected a date such as 2019-10-10")
  .transform((s) => parseCivilDate(s)!);

/**
 * The parameters of `filing-deadline`, owned here because the metrics judge filings too (`filingsLate`);
 * the rule takes this schema as its own.
 */
export const filingParams = z.object({
  workdays: z
    .number()
    .int()
    .min(0)
    .default(3)
    .describe("working days after the event by which it must be filed"),
  requireApproval: z
    .boolean()
    .default(false)
    .describe("the events of approvalEvents need approval on or before their date"),
  // Kunshan: open; 000: all four.
  approvalEvents: z
    .array(z.enum(["open", "change", "close", "cancel"]))
    .default(["open"])
    .describe("events that need prior approval when requireApproval is set"),
  // Nantong 001: accounts opened before the measures took effect file within `legacyWorkdays` after it.
  legacyCutoff: civilDateParam
    .optional()
    .describe("accounts opened before this date file within legacyWorkdays of it"),
  legacyWorkdays: z
    .number()
    .int()
    .min(0)
    .optional()
    .describe("working days after legacyCutoff for accounts opened before it"),
});

export type FilingParams = z.infer<typeof filingParams>;

/** Where an event inferred from the registry comes from (no row of its kind in the filings input). */
export type InferredFrom = "accounts.opened_at" | "accounts.closed_at";

export type FilingState = "on-time" | "late" | "missing" | "pending";

export interface FilingOutcome {
  event: FilingRecord["event"];
  eventDate: CivilDate;
  deadline: CivilDate;
  filedAt?: CivilDate;
  state: FilingState;
  /** The working days that applied: `workdays`, or `legacyWorkdays` after the legacy cutoff. */
  workdays: number;
  /** Set when the legacy deadline applied (an opening dated before `legacyCutoff`). */
  legacyCutoff?: CivilDate;
  /** Working days from the event to the filing (when filed). */
  workdaysTaken?: number;
  /** Where the event comes from; absent for an event inferred from the registry. */
  file?: string;
  line?: number;
  /**
   * An event inferred from the registry: an `open` on `opened_at` with no `open` row, or a `close` /
   * `cancel` on `closed_at` with no closing row.
   */
  inferredFrom?: InferredFrom;
}

export interface FilingJudgement {
  outcomes: FilingOutcome[];
  /** Events of `approvalEvents` in W (rows or inferred) without prior approval (`requireApproval`). */
  unapproved: {
    event: FilingRecord["event"];
    eventDate: CivilDate;
    approvedAt?: CivilDate;
    file?: string;
    line?: number;
    inferredFrom?: InferredFrom;
  }[];
}

/**
 * Judges the filing events of one account at T. Counted: events dated in W; older events not filed by
 * T (carried over); and older events whose deadline ran out in W, i.e. whose deadline day is on or
 * after the day before `from` (the deadline ends at the end of that day, so the event turns late or
 * missing inside W; a deadline ending exactly at the previous window's T was still pending there).
 * A `filed_at` after T counts as not filed. The deadline is the end of the `workdays`-th working day
 * strictly after the event day; for an opening dated before `legacyCutoff` it is the
 * `legacyWorkdays`-th working day after the cutoff.
 *
 * Openings inferred from the registry (no `open` row at all): an account opened in W; and, with
 * `legacyCutoff`, an account opened before the cutoff and not closed before it (its legacy filing is
 * due whatever W is, so it is judged, and carried over, like any unfiled event). Closings likewise
 * (RULES §1): an account the registry shows closed or cancelled on `closed_at`, with no `close` or
 * `cancel` row, is an unfiled closing event on that day.
 */
export function judgeFilings(
  facts: AccountFacts,
  params: FilingParams,
  window: AuditWindow,
  calendar: WorkCalendar,
): FilingJudgement {
  const { fromDay, asOfDay, asOf, zone } = window;
  const outcomes: FilingOutcome[] = [];
  const unapproved: FilingJudgement["unapproved"] = [];
  const legacyCutoffDay = params.legacyCutoff === undefined ? undefined : dayNumber(params.legacyCutoff);
  const legacyWorkdays = params.legacyWorkdays ?? params.workdays;

  const events: FilingEvent[] = (facts.filings ?? []).map((f) => ({
    event: f.event,
    eventDate: f.eventDate,
    ...(f.filedAt === undefined ? {} : { filedAt: f.filedAt }),
    ...(f.approvedAt === undefined ? {} : { approvedAt: f.approvedAt }),
    file: f.file,
    line: f.line,
  }));
  const deadlineOf = (day: number) => calendar.addWorkingDays(day, params.workdays);
  const workdaysSpan = 2 * params.workdays + 16;
  const opening = inferredOpening(facts, window, legacyCutoffDay, events, deadlineOf, workdaysSpan);
  if (opening) events.push(opening);
  const closing = inferredClosing(facts, window, deadlineOf, workdaysSpan);
  if (closing) events.push(closing);

  for (const event of events) {
    const eventDay = dayNumber(event.eventDate);
    if (eventDay > asOfDay) continue; // after T: ignored
    const legacy = event.event === "open" && legacyCutoffDay !== undefined && eventDay < legacyCutoffDay;
    const workdays = legacy ? legacyWorkdays : params.workdays;
    const deadlineDay = calendar.addWorkingDays(legacy ? legacyCutoffDay! : eventDay, workdays);
    const filedDay = event.filedAt === undefined ? undefined : dayNumber(event.filedAt);
    const filed = filedDay !== undefined && filedDay <= asOfDay;
    const inWindow = eventDay >= fromDay;
    // Settled by T, dated before W and overdue before W began: a window before this one judged it.
    if (!inWindow && filed && deadlineDay < fromDay - 1) continue;
    let state: FilingState;
    if (filed) state = filedDay > deadlineDay ? "late" : "on-time";
    else state = zone.endOfDay(deadlineDay) < asOf ? "missing" : "pending";
    outcomes.push({
      event: event.event,
      eventDate: event.eventDate,
      deadline: civilDate(deadlineDay),
      workdays,
      ...(legacy ? { legacyCutoff: params.legacyCutoff! } : {}),
      ...(filed && event.filedAt !== undefined ? { filedAt: event.filedAt } : {}),
      state,
      ...(filed ? { workdaysTaken: calendar.workingDaysBetween(eventDay, filedDay) } : {}),
      ...origin(event),
    });
    // An event with no row at all is judged for approval once its filing is missing: before that,
    // the row (with its approved_at) may still come within the deadline.
    const approvalJudged = event.inferredFrom ? state === "missing" : inWindow;
    if (params.requireApproval && params.approvalEvents.includes(event.event) && approvalJudged) {
      const approvedDay = event.approvedAt === undefined ? undefined : dayNumber(event.approvedAt);
      if (approvedDay === undefined || approvedDay > eventDay) {
        unapproved.push({
          event: event.event,
          eventDate: event.eventDate,
          ...(event.approvedAt === undefined ? {} : { approvedAt: event.approvedAt }),
          ...origin(event),
        });
      }
    }
  }
  return { outcomes, unapproved };
}

/** One filing event: a row of the filings input, or an event inferred from the registry. */
interface FilingEvent {
  event: FilingRecord["event"];
  eventDate: CivilDate;
  filedAt?: CivilDate;
  approvedAt?: CivilDate;
  file?: string;
  line?: number;
  inferredFrom?: InferredFrom;
}

/** Where an event comes from, as outcomes carry it: the registry column, or the row. */
function origin(event: FilingEvent): Pick<FilingOutcome, "file" | "line" | "inferredFrom"> {
  return event.inferredFrom ? { inferredFrom: event.inferredFrom } : { file: event.file!, line: event.line! };
}

/**
 * Whether an unfiled event on `day` (no row in the filings input) is judged in W: dated in W, or
 * before W with its deadline running out in W (at or after the previous window's T, which saw it
 * pending — judged once, here). One long before W is out without asking the calendar (an account of
 * 2001 must not make the audit ask about 2001's holidays).
 */
function unfiledJudgedInWindow(
  day: number,
  window: AuditWindow,
  deadlineOf: (eventDay: number) => number,
  workdaysSpan: number,
): boolean {
  const { fromDay, asOfDay } = window;
  if (day > asOfDay) return false;
  return day >= fromDay || (fromDay - day <= workdaysSpan && deadlineOf(day) >= fromDay - 1);
}

/**
 * The unfiled closing event on `closed_at` of an account the registry shows closed or cancelled, with
 * no `close` or `cancel` row, when it is judged at T (RULES §1: the registry is evidence too).
 */
function inferredClosing(
  facts: AccountFacts,
  window: AuditWindow,
  deadlineOf: (eventDay: number) => number,
  workdaysSpan: number,
): FilingEvent | undefined {
  const closing = registryClosing(facts);
  if (!closing || !unfiledJudgedInWindow(facts.closedDay!, window, deadlineOf, workdaysSpan))
    return undefined;
  return { ...closing, inferredFrom: "accounts.closed_at" };
}

/**
 * The closing the registry records (closed or cancelled on `closed_at`) when the filings input has no
 * `close` or `cancel` row for the account: an unfiled closing, with no notice on record (RULES §1).
 */
export function registryClosing(
  facts: AccountFacts,
): { event: "close" | "cancel"; eventDate: CivilDate } | undefined {
  const { closedDay } = facts;
  if (closedDay === undefined) return undefined;
  if ((facts.filings ?? []).some((e) => e.event === "close" || e.event === "cancel")) return undefined;
  return {
    event: facts.account.status === "cancelled" ? "cancel" : "close",
    eventDate: civilDate(closedDay),
  };
}

/**
 * The unfiled `open` event on `opened_at` of an account with no `open` row, when it is judged at T:
 * opened in W; opened before W with its deadline running out in W (at or after the previous window's
 * T, which saw it pending — judged once, here); or (with a legacy cutoff) opened before the cutoff and
 * not closed before it.
 */
function inferredOpening(
  facts: AccountFacts,
  window: AuditWindow,
  legacyCutoffDay: number | undefined,
  events: FilingEvent[],
  deadlineOf: (eventDay: number) => number,
  /** More calendar days than `workdays` working days can span (weekends, the longest holidays). */
  workdaysSpan: number,
): FilingEvent | undefined {
  const { asOfDay } = window;
  const { openedDay, closedDay } = facts;
  if (openedDay === undefined || openedDay > asOfDay) return undefined;
  if (events.some((e) => e.event === "open")) return undefined;
  const beforeCutoff = legacyCutoffDay !== undefined && openedDay < legacyCutoffDay;
  if (beforeCutoff) {
    if (closedDay !== undefined && closedDay < legacyCutoffDay) return undefined; // gone before the measures
  } else if (!unfiledJudgedInWindow(openedDay, window, deadlineOf, workdaysSpan)) {
    return undefined;
  }
  return { event: "open", eventDate: civilDate(openedDay), inferredFrom: "accounts.opened_at" };
}

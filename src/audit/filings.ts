import type { FilingRecord } from "../input/schemas.js";
import type { WorkCalendar } from "../time/calendar.js";
import type { AuditWindow } from "../time/window.js";
import { type CivilDate, civilDate, dayNumber } from "../time/zone.js";
import type { AccountFacts } from "./facts.js";

/** The parameters of `filing-deadline`. */
export interface FilingParams {
  workdays: number;
  requireApproval: boolean;
  /** Nantong 001: accounts opened before the measures took effect file within `legacyWorkdays` after it. */
  legacyCutoff?: CivilDate;
  legacyWorkdays?: number;
}

export const DEFAULT_FILING_PARAMS: FilingParams = { workdays: 3, requireApproval: false };

export type FilingState = "on-time" | "late" | "missing" | "pending";

export interface FilingOutcome {
  event: FilingRecord["event"];
  eventDate: CivilDate;
  deadline: CivilDate;
  filedAt?: CivilDate;
  state: FilingState;
  /** Working days from the event to the filing (when filed). */
  workdaysTaken?: number;
  /** Where the event comes from; absent for an `open` event inferred from the registry's `opened_at`. */
  file?: string;
  line?: number;
  /** The registry shows the account opened in W but the filings input has no `open` row. */
  inferred?: boolean;
}

export interface FilingJudgement {
  outcomes: FilingOutcome[];
  /** `open` events in W without prior approval (`requireApproval`). */
  unapproved: { eventDate: CivilDate; approvedAt?: CivilDate; file: string; line: number }[];
}

/**
 * Judges the filing events of one account at T. Counted: events dated in W, plus older ones not filed
 * by T (carried over). A `filed_at` after T counts as not filed. The deadline is the end of the
 * `workdays`-th working day strictly after the event day.
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
  const events = facts.filings ?? [];
  const legacyCutoffDay = params.legacyCutoff === undefined ? undefined : dayNumber(params.legacyCutoff);

  const judge = (eventDay: number, filedAt: CivilDate | undefined, legacy: boolean) => {
    const deadlineDay =
      legacy && legacyCutoffDay !== undefined
        ? calendar.addWorkingDays(legacyCutoffDay, params.legacyWorkdays ?? params.workdays)
        : calendar.addWorkingDays(eventDay, params.workdays);
    const filedDay = filedAt === undefined ? undefined : dayNumber(filedAt);
    const filed = filedDay !== undefined && filedDay <= asOfDay;
    let state: FilingState;
    if (filed) state = filedDay > deadlineDay ? "late" : "on-time";
    else state = zone.endOfDay(deadlineDay) < asOf ? "missing" : "pending";
    return {
      deadline: civilDate(deadlineDay),
      state,
      filed,
      workdaysTaken: filed ? calendar.workingDaysBetween(eventDay, filedDay) : undefined,
    };
  };

  let hasOpenEvent = false;
  for (const event of events) {
    if (event.event === "open") hasOpenEvent = true;
    const eventDay = dayNumber(event.eventDate);
    if (eventDay > asOfDay) continue; // after T: ignored
    const legacy = event.event === "open" && legacyCutoffDay !== undefined && eventDay < legacyCutoffDay;
    const judged = judge(eventDay, event.filedAt, legacy);
    const inWindow = eventDay >= fromDay;
    if (!inWindow && judged.filed) continue; // settled before the window
    outcomes.push({
      event: event.event,
      eventDate: event.eventDate,
      deadline: judged.deadline,
      ...(judged.filed && event.filedAt !== undefined ? { filedAt: event.filedAt } : {}),
      state: judged.state,
      ...(judged.workdaysTaken === undefined ? {} : { workdaysTaken: judged.workdaysTaken }),
      file: event.file,
      line: event.line,
    });
    if (params.requireApproval && event.event === "open" && inWindow) {
      const approvedDay = event.approvedAt === undefined ? undefined : dayNumber(event.approvedAt);
      if (approvedDay === undefined || approvedDay > eventDay) {
        unapproved.push({
          eventDate: event.eventDate,
          ...(event.approvedAt === undefined ? {} : { approvedAt: event.approvedAt }),
          file: event.file,
          line: event.line,
        });
      }
    }
  }

  // The registry says the account opened in W, yet nothing was filed for it.
  const openedDay = facts.openedDay;
  if (!hasOpenEvent && openedDay !== undefined && openedDay >= fromDay && openedDay <= asOfDay) {
    const judged = judge(openedDay, undefined, false);
    outcomes.push({
      event: "open",
      eventDate: civilDate(openedDay),
      deadline: judged.deadline,
      state: judged.state,
      inferred: true,
    });
  }
  return { outcomes, unapproved };
}

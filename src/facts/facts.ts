import type { AccountRecord, FilingRecord, FindingRecord, Located } from "../input/schemas.js";
import { dayNumber } from "../time/zone.js";
import type { CountWithExamples } from "./examples.js";
import type { UnapprovedSources } from "./sources.js";

export { addExample, addLazyExample, type CountWithExamples, MAX_EXAMPLES } from "./examples.js";

/** What the posts file says about one account. Sized by the window's weeks and days, never by posts. */
export interface PostFacts {
  /** Latest post at or before T, wherever it falls (before the window too). */
  lastPostAt?: number;
  /** Posts and originals published in W. */
  inWindow: number;
  originalsInWindow: number;
  /** Posts / originals per complete natural week of W (index = window.weeks index). */
  weekPosts: Uint32Array;
  weekOriginals: Uint32Array;
  /** Posts in the month before T, `(T − 1 month, T]` (WeChat service accounts). */
  monthSpanPosts: number;
  /** Distinct days with a post in that span: the service account's updates (RULES §1). */
  monthSpanDays: number;
  /** First and last post time per calendar day of W (NaN = none), for the longest gap. */
  dayFirst?: Float64Array;
  dayLast?: Float64Array;
  /** Reposts in W with a blank source. */
  repostsWithoutSource: CountWithExamples;
  /**
   * Reposts in W from sources not on the approved list (rule repost-source): only when the list is
   * not empty (with an empty list the check is off and nothing is kept).
   */
  unapprovedSources?: UnapprovedSources;
  /** Posts after `closed_at` (and at or before T). */
  afterClosed: { count: number; lastAt?: number };
}

export type ReplyState = "on-time" | "late" | "overdue" | "pending";

/** A late or overdue message: kept one by one, as each is an occurrence with its own evidence. */
export interface ReplyProblem {
  messageId?: string;
  file: string;
  line: number;
  receivedAt: number;
  deadline: number;
  repliedAt?: number;
  state: "late" | "overdue";
  /** Received on a rest day (or, with restDayRule "overlaps", its 24 h touched one): 48 h apply. */
  restDay: boolean;
}

/** What the messages file says about one account, judged against the reply deadline while streaming. */
export interface MessageFacts {
  due: number;
  onTime: number;
  late: number;
  overdue: number;
  pending: number;
  problems: ReplyProblem[];
}

export interface AccountFacts {
  account: Located<AccountRecord>;
  /** Active span as day numbers, both ends inclusive (the whole `closed_at` day is active). */
  openedDay?: number;
  closedDay?: number;
  /** Present only when the corresponding input was given. */
  posts?: PostFacts;
  messages?: MessageFacts;
  filings?: Located<FilingRecord>[];
  findings?: Located<FindingRecord>[];
}

export function emptyPostFacts(weekCount: number): PostFacts {
  return {
    inWindow: 0,
    originalsInWindow: 0,
    weekPosts: new Uint32Array(weekCount),
    weekOriginals: new Uint32Array(weekCount),
    monthSpanPosts: 0,
    monthSpanDays: 0,
    repostsWithoutSource: { count: 0, examples: [] },
    afterClosed: { count: 0 },
  };
}

export function emptyMessageFacts(): MessageFacts {
  return { due: 0, onTime: 0, late: 0, overdue: 0, pending: 0, problems: [] };
}

export function newAccountFacts(account: Located<AccountRecord>): AccountFacts {
  const facts: AccountFacts = { account };
  if (account.openedAt) facts.openedDay = dayNumber(account.openedAt);
  if (account.closedAt && account.status !== "active") facts.closedDay = dayNumber(account.closedAt);
  return facts;
}

/**
 * In operation at T (RULES §1: only active accounts are vetoed, counted as duplicates, dormant or weak):
 * status active, or closed/cancelled on a day after T's — an audit of a past period is run on today's
 * registry, and an account closed since was operating then. Closed on T's day or before (or with no
 * `closed_at`): not in operation.
 */
export function activeAt(facts: AccountFacts, asOfDay: number): boolean {
  return facts.account.status === "active" || (facts.closedDay !== undefined && facts.closedDay > asOfDay);
}

/** True when the whole span of days [first, last] lies in the account's active span. */
export function activeThroughout(facts: AccountFacts, firstDay: number, lastDay: number): boolean {
  if (facts.openedDay !== undefined && firstDay < facts.openedDay) return false;
  if (facts.closedDay !== undefined && lastDay > facts.closedDay) return false;
  return true;
}

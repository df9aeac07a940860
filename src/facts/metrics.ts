import type { AvailableInputs } from "../input/needs.js";
import type { WorkCalendar } from "../time/calendar.js";
import type { AuditWindow } from "../time/window.js";
import { DAY_MS } from "../time/zone.js";
import { type AccountFacts, activeThroughout } from "./facts.js";
import { type FilingParams, judgeFilings } from "./filings.js";

/** An account's metrics (PRODUCT §3.1): null where their input was not given, never 0. */
export interface AccountMetrics {
  lastPostAt: number | null;
  daysSinceLastPost: number | null;
  posts: number | null;
  originalPosts: number | null;
  originalRatio: number | null;
  emptyWeeks: number | null;
  longestGapDays: number | null;
  repliesDue: number | null;
  repliesOnTime: number | null;
  repliesLate: number | null;
  repliesOverdue: number | null;
  repliesPending: number | null;
  filingsLate: number | null;
  /**
   * Posts in each complete natural week of the window (`AuditResult.weeks`, same order); null without
   * a posts input. What the bulletin's week-by-week heat map draws, from the result alone.
   */
  weeklyPosts: number[] | null;
}

/**
 * The metrics of PRODUCT §3.1. They are reported whatever the profile (a metric is not a rule);
 * a metric whose input was not given is null, never 0. `emptyWeeks` is null for the platforms
 * exempt from the update rules (apps, mini programs): an app has no "weeks without a post".
 */
export function accountMetrics(
  facts: AccountFacts,
  window: AuditWindow,
  calendar: WorkCalendar,
  filing: FilingParams,
  exemptPlatforms: readonly string[],
  /** A posts file without an `original` column: the original counts are unknown (null), not 0. */
  available: AvailableInputs,
): AccountMetrics {
  const originalsKnown = available.has("posts.original");
  const { asOf, from, weeks } = window;
  const posts = facts.posts;
  const messages = facts.messages;
  let emptyWeeks: number | null = null;
  if (posts && !exemptPlatforms.includes(facts.account.platform)) {
    emptyWeeks = 0;
    weeks.forEach((week, i) => {
      if (posts.weekPosts[i] === 0 && activeThroughout(facts, week.monday, week.monday + 6)) emptyWeeks!++;
    });
  }
  const lastPostAt = posts?.lastPostAt ?? null;
  return {
    lastPostAt,
    daysSinceLastPost: lastPostAt === null ? null : Math.floor((asOf - lastPostAt) / DAY_MS),
    posts: posts ? posts.inWindow : null,
    originalPosts: posts && originalsKnown ? posts.originalsInWindow : null,
    originalRatio:
      posts && originalsKnown && posts.inWindow > 0 ? posts.originalsInWindow / posts.inWindow : null,
    emptyWeeks,
    // Inside the account's active span (not the days before it opened or after it closed), and none
    // for the platforms exempt from the update rules.
    longestGapDays:
      posts && !exemptPlatforms.includes(facts.account.platform)
        ? longestGapDays(
            posts.dayFirst,
            posts.dayLast,
            facts.openedDay === undefined ? from : Math.max(from, window.zone.startOfDay(facts.openedDay)),
            facts.closedDay === undefined ? asOf : Math.min(asOf, window.zone.endOfDay(facts.closedDay) + 1),
          )
        : null,
    repliesDue: messages ? messages.due : null,
    repliesOnTime: messages ? messages.onTime : null,
    repliesLate: messages ? messages.late : null,
    repliesOverdue: messages ? messages.overdue : null,
    repliesPending: messages ? messages.pending : null,
    filingsLate: facts.filings
      ? judgeFilings(facts, filing, window, calendar).outcomes.filter(
          (o) => o.state === "late" || o.state === "missing",
        ).length
      : null,
    weeklyPosts: posts ? Array.from(posts.weekPosts) : null,
  };
}

/**
 * Longest stretch without a post inside W: window start → first post, between posts, last post → T,
 * in days with one decimal. Posts are kept as first/last time per day, so a gap inside a single day
 * (always under a day) is not seen; every gap that crosses midnight is exact.
 */
function longestGapDays(
  dayFirst: Float64Array | undefined,
  dayLast: Float64Array | undefined,
  from: number,
  asOf: number,
): number {
  let longest = 0;
  let previous = from;
  if (dayFirst && dayLast) {
    for (let i = 0; i < dayFirst.length; i++) {
      const first = dayFirst[i]!;
      if (Number.isNaN(first) || first < from || first > asOf) continue;
      longest = Math.max(longest, first - previous);
      previous = Math.max(previous, dayLast[i]!);
    }
  }
  longest = Math.max(longest, asOf - previous, 0);
  return Math.round((longest / DAY_MS) * 10) / 10;
}

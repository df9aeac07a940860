import closedStillActive from "./closed-still-active.js";
import closureNotice from "./closure-notice.js";
import type { RuleDefinition } from "./define.js";
import filingDeadline from "./filing-deadline.js";
import noUpdate2w from "./no-update-2w.js";
import originalContent from "./original-content.js";
import replyDeadline from "./reply-deadline.js";
import repostSource from "./repost-source.js";
import weeklyUpdate from "./weekly-update.js";

/** Every automatic rule, in the order of RULES.md §2 (the order findings are listed in). */
export const RULES: readonly RuleDefinition[] = [
  noUpdate2w,
  weeklyUpdate,
  originalContent,
  repostSource,
  replyDeadline,
  filingDeadline,
  closureNotice,
  closedStillActive,
] as unknown as readonly RuleDefinition[];

const BY_ID = new Map(RULES.map((r) => [r.id, r]));

export function ruleById(id: string): RuleDefinition | undefined {
  return BY_ID.get(id);
}

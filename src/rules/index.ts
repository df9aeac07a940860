import closedStillActive from "./closed-still-active.js";
import closureNotice from "./closure-notice.js";
import type { RuleDefinition } from "./define.js";
import dormantAccount from "./dormant-account.js";
import filingDeadline from "./filing-deadline.js";
import internalOpener from "./internal-opener.js";
import nameConsistency from "./name-consistency.js";
import noInteraction from "./no-interaction.js";
import noUpdate2w from "./no-update-2w.js";
import oneAccountPerPlatform from "./one-account-per-platform.js";
import operatorQualification from "./operator-qualification.js";
import originalContent from "./original-content.js";
import replyDeadline from "./reply-deadline.js";
import repostSource from "./repost-source.js";
import unregisteredAccount from "./unregistered-account.js";
import verifiedHostUnit from "./verified-host-unit.js";
import weakAccount from "./weak-account.js";
import weeklyUpdate from "./weekly-update.js";

/**
 * Every automatic rule, in the order of RULES.md §2 (the order findings are listed in). Manual
 * indicators (RULES §3) are in manual.ts; profiles/catalogue.ts lists both.
 */
export const RULES: readonly RuleDefinition[] = [
  noUpdate2w,
  weeklyUpdate,
  originalContent,
  repostSource,
  replyDeadline,
  filingDeadline,
  closureNotice,
  closedStillActive,
  noInteraction,
  internalOpener,
  verifiedHostUnit,
  nameConsistency,
  oneAccountPerPlatform,
  dormantAccount,
  weakAccount,
  operatorQualification,
  unregisteredAccount,
];

const BY_ID = new Map(RULES.map((r) => [r.id, r]));

export function ruleById(id: string): RuleDefinition | undefined {
  return BY_ID.get(id);
}

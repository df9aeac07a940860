import type { Lang } from "../i18n.js";
import { settableById } from "../rules/manual.js";

/**
 * A rule or manual indicator as a person reads it: its indicator name in `lang` (PRODUCT "Language":
 * no rule id in a Chinese output). An id no rule has is shown as it is. (Apart from labels.ts, which
 * the rules themselves import.)
 */
export function indicatorName(id: string, lang: Lang): string {
  return settableById(id)?.indicator[lang] ?? id;
}

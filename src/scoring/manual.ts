import type { Localized } from "../i18n.js";
import { formatLocation } from "../input/errors.js";
import type { FindingRecord, Located } from "../input/schemas.js";
import { manualScored, manualSettings } from "../profiles/catalogue.js";
import type { ResolvedProfile } from "../profiles/resolve.js";
import { rectificationOf } from "../rules/define.js";
import { ruleById } from "../rules/index.js";
import { MANUAL_ONLY, resolveIndicator } from "../rules/manual.js";
import type { Zone } from "../time/zone.js";
import { priceOccurrence } from "./price.js";
import type { FindingResult } from "./result.js";

/** An account's manual findings (RULES §3). */
export interface ManualFindings {
  /** The findings, priced by the profile, keyed by indicator id (in input order). */
  byId: Map<string, FindingResult[]>;
  /** Rows of manual-only indicators the profile switches off: id → the file and the number of rows. */
  switchedOff: Map<string, { file: string; rows: number }>;
}

/** The manual findings of one account, priced by the profile, and the rows it switches off. */
export function manualFindings(
  records: readonly Located<FindingRecord>[],
  account: { accountId: string; hostUnit: string },
  profile: ResolvedProfile,
  zone: Zone,
): ManualFindings {
  const byId = new Map<string, FindingResult[]>();
  const switchedOff = new Map<string, { file: string; rows: number }>();
  for (const record of records) {
    const entry = resolveIndicator(record.indicator);
    // collect.ts rejects unknown indicators as input errors: reaching here with one is a bug.
    if (!entry)
      throw new Error(`unknown manual indicator ${record.indicator} (${record.file}:${record.line})`);
    if (!manualScored(profile, entry)) {
      const off = switchedOff.get(entry.id);
      if (off) off.rows++;
      else switchedOff.set(entry.id, { file: record.file, rows: 1 });
      continue;
    }
    const pricing = manualSettings(profile, entry);
    // Priced as the rule's own occurrences are: vetoes and a veto-only profile cost no points (RULES §3).
    const { severity, points, count } = priceOccurrence(pricing, profile.scoring, { count: record.count });
    const { foundAt, note } = record;
    const rule = ruleById(entry.id);
    const finding: FindingResult = {
      accountId: account.accountId,
      hostUnit: account.hostUnit,
      rule: entry.id,
      messageId: "manual-finding",
      // One id, one name in the output: the automatic rule's when there is one.
      indicator: rule?.indicator ?? entry.indicator,
      severity,
      points,
      count,
      ...(foundAt === undefined ? {} : { occurredAt: zone.startOfDay(foundAt) }),
      message: {
        zh: `人工检查记录${foundAt ? `（${foundAt}）` : ""}${count > 1 ? `，共${count}处` : ""}${note ? `：${note}` : ""}`,
        en: `Inspection finding${foundAt ? ` (${foundAt})` : ""}${count > 1 ? `, ${count} occurrences` : ""}${note ? `: ${note}` : ""}`,
      },
      evidence: {
        recordedBy: "inspection",
        foundAt: foundAt ?? null,
        count,
        note: note ?? null,
        at: formatLocation(record.file, record.line, record.jsonIndex),
      },
      source: pricing.source,
      ...rectificationOf(entry.id, entry.rectification, account.accountId, `${foundAt ?? ""}|${note ?? ""}`),
    };
    const list = byId.get(entry.id);
    if (list) list.push(finding);
    else byId.set(entry.id, [finding]);
  }
  return { byId, switchedOff };
}

/**
 * The data warnings of the findings rows a profile switches off, one per indicator in §3 order: a row
 * that counts for nothing is never dropped without a word.
 */
export function switchedOffWarnings(totals: ManualFindings["switchedOff"]): Localized[] {
  return MANUAL_ONLY.flatMap((entry) => {
    const off = totals.get(entry.id);
    if (!off) return [];
    const { file, rows } = off;
    return [
      {
        zh: `${file}：${rows} 条检查记录的指标为“${entry.indicator.zh}”（${entry.id}），该指标已停用（enabled: false），未计入结果`,
        en: `${file}: ${rows} findings row${rows === 1 ? "" : "s"} record ${entry.id} (${entry.indicator.zh}), which is switched off (enabled: false): not scored`,
      },
    ];
  });
}

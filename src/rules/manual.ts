import { z } from "zod";
import type { FindingResult } from "../audit/result.js";
import { normaliseSource } from "../audit/sources.js";
import { formatLocation, type InputError, rowError } from "../input/errors.js";
import type { FindingRecord, Located } from "../input/schemas.js";
import type { EngineSettings, ResolvedProfile } from "../profiles/resolve.js";
import type { Zone } from "../time/zone.js";
import {
  type Localized,
  type Rectification,
  type RuleDefinition,
  type RuleScope,
  rectificationOf,
  type Severity,
  scopeOf,
} from "./define.js";
import { RULES, ruleById } from "./index.js";

/**
 * Manual indicators (RULES §3): what only an inspector can judge, recorded in the findings input and
 * scored with the same caps as the automatic rules. Declared in the shape of a rule (id, indicator,
 * source, defaults) so that `gmaudit rules` prints one catalogue.
 */
export interface ManualIndicator {
  id: string;
  indicator: Localized;
  /** Other names the findings input may use (the short names of the indicator tables). */
  aliases?: readonly string[];
  source: string;
  defaults: { severity: Severity; pointsEach?: number; cap?: number };
  /**
   * RULES §7: an inspector's finding is re-inspected, so it is rectifiable; its key is the finding row
   * (indicator, date found, note), which a re-check's findings file lists again while it stands.
   */
  rectification: Rectification;
  /** How we read the clause, in English (for the generated rule docs). */
  interpretation?: string;
}

const NATIONAL_VETO = "国办秘函〔2019〕19号 检查指标·单项否决（昆政办发〔2019〕162号 附件2）";
const JIANGSU_DEDUCT =
  "国办秘函〔2019〕19号 检查指标·扣分指标（江苏 苏政办发〔2019〕56号，昆政办发〔2019〕162号 附件2）";

const veto = (first: string) => ({
  source: `${NATIONAL_VETO} ${first}`,
  defaults: { severity: "veto" as const },
  rectification: "rectifiable" as const,
});
const deduct = (name: string, pointsEach: number, cap = 10) => ({
  source: `${JIANGSU_DEDUCT} ${name}`,
  defaults: { severity: "deduct" as const, pointsEach, cap },
  rectification: "rectifiable" as const,
});

/** The §3 table, in its order: the national vetoes, then the Jiangsu deduction table. */
export const MANUAL_INDICATORS: readonly ManualIndicator[] = [
  {
    id: "serious-error",
    indicator: { zh: "出现严重表述错误", en: "Serious wording error" },
    ...veto("安全、泄密事故等严重问题 1"),
  },
  {
    id: "secret-leak",
    indicator: { zh: "泄露国家秘密", en: "State secret disclosed" },
    ...veto("安全、泄密事故等严重问题 2"),
  },
  {
    id: "harmful-content",
    indicator: {
      zh: "发布或链接反动、暴力、色情、迷信等内容",
      en: "Reactionary, violent, pornographic or superstitious content published or linked",
    },
    ...veto("安全、泄密事故等严重问题 3"),
  },
  {
    id: "negative-opinion",
    indicator: {
      zh: "因发布内容不当引发严重负面舆情",
      en: "Improper content caused serious negative public opinion",
    },
    ...veto("安全、泄密事故等严重问题 4"),
  },
  {
    id: "no-update-2w",
    indicator: { zh: "监测时间点前2周内无更新", en: "No update in the 2 weeks before the monitoring time" },
    ...veto("内容不更新 1"),
  },
  {
    id: "app-unusable",
    indicator: { zh: "移动客户端（APP）无法下载或使用", en: "App cannot be downloaded or used" },
    ...veto("内容不更新 2"),
    interpretation:
      "Apps and mini programs are exempt from the automatic update rules (`exemptPlatforms`): their " +
      "no-update veto is that they cannot be downloaded or used (发生“僵尸”“睡眠”情况), which only an " +
      "inspector can see. Record it here.",
  },
  {
    id: "no-interaction",
    indicator: { zh: "未提供有效互动功能", en: "No working interaction function" },
    ...veto("互动回应差 1"),
  },
  {
    id: "fake-engagement",
    indicator: {
      zh: "购买“粉丝”、强制要求群众点赞等弄虚作假行为",
      en: "Fake engagement (bought followers, likes required of the public)",
    },
    ...veto("互动回应差 2"),
  },
  {
    id: "internal-opener",
    indicator: { zh: "开设不规范", en: "Opened in the name of an internal department" },
    ...deduct("开设不规范", 10),
  },
  {
    id: "name-irrelevant",
    indicator: { zh: "名称不规范", en: "Name unrelated to the host unit's duties" },
    ...deduct("名称不规范", 10),
  },
  {
    id: "verified-host-unit",
    indicator: { zh: "认证信息不规范", en: "Certification does not name the host unit" },
    ...deduct("认证信息不规范", 10),
  },
  {
    id: "weekly-update",
    indicator: { zh: "内容更新不及时", en: "Not updated every week" },
    ...deduct("内容更新不及时", 5),
  },
  {
    id: "improper-content",
    indicator: { zh: "内容发布不当", en: "Improper content published" },
    ...deduct("内容发布不当", 2),
  },
  {
    id: "commercial-ads",
    indicator: { zh: "发布商业广告", en: "Commercial advertising" },
    ...deduct("发布商业广告", 10),
  },
  {
    id: "comment-moderation",
    indicator: { zh: "留言审看不到位", en: "Public comments not moderated" },
    ...deduct("留言审看不到位", 1),
  },
  {
    id: "improper-reply",
    indicator: { zh: "互动回应失当", en: "Improper reply to the public" },
    ...deduct("互动回应失当", 2),
  },
  {
    id: "broken-function",
    indicator: { zh: "功能无法使用", en: "Function not working" },
    ...deduct("功能无法使用", 2),
  },
  {
    id: "excessive-data",
    indicator: { zh: "过度获取用户信息", en: "Excessive collection of user data" },
    ...deduct("过度获取用户信息", 10),
  },
];

/** Names compare without spaces, punctuation, width or case: `开设 不规范`, `移动客户端(APP)…` match. */
export function normaliseIndicator(text: string): string {
  return normaliseSource(text);
}

const BY_NAME: ReadonlyMap<string, ManualIndicator> = (() => {
  const map = new Map<string, ManualIndicator>();
  for (const entry of MANUAL_INDICATORS) {
    // The id, the §3 name, any alias, and the §2 name of the automatic rule of the same id
    // (e.g. 互动回应差：未提供有效互动功能).
    const names = [entry.id, entry.indicator.zh, ...(entry.aliases ?? [])];
    const rule = ruleById(entry.id);
    if (rule) names.push(rule.indicator.zh);
    for (const name of names) {
      const key = normaliseIndicator(name);
      const other = map.get(key);
      if (other && other !== entry) throw new Error(`manual indicator name ${name} is ambiguous`);
      map.set(key, entry);
    }
  }
  return map;
})();

const BY_ID = new Map(MANUAL_INDICATORS.map((m) => [m.id, m]));

/**
 * The manual indicators that are no automatic rule (RULES §3 only: improper-content, commercial-ads …),
 * in §3 order. A profile prices them by their own id; the others share the automatic rule's entry.
 */
export const MANUAL_ONLY: readonly ManualIndicator[] = MANUAL_INDICATORS.filter((m) => !ruleById(m.id));

/**
 * What a profile, the config and flags may set by id (RULES §5): an automatic rule, or a manual-only
 * indicator, which takes the engine's settings (enabled, severity, pointsEach, cap) and no parameters.
 * An automatic rule is one as it is; one list, so both kinds are validated and resolved alike.
 */
export interface Settable {
  id: string;
  indicator: Localized;
  source: string;
  defaults: { severity: Severity; pointsEach?: number; cap?: number };
  params: z.ZodObject;
  /** Set for a manual-only indicator. */
  manual?: ManualIndicator;
}

const NO_PARAMS = z.object({});

/** Every settable id: the automatic rules (RULES §2 order), then the manual-only indicators (§3 order). */
export const SETTABLE: readonly Settable[] = [
  ...RULES,
  ...MANUAL_ONLY.map((manual) => ({
    id: manual.id,
    indicator: manual.indicator,
    source: manual.source,
    defaults: manual.defaults,
    params: NO_PARAMS,
    manual,
  })),
];

const SETTABLE_BY_ID = new Map(SETTABLE.map((s) => [s.id, s]));

/** The rule or manual-only indicator a profile or config key names, or undefined. */
export function settableById(id: string): Settable | undefined {
  return SETTABLE_BY_ID.get(id);
}

export function manualIndicatorById(id: string): ManualIndicator | undefined {
  return BY_ID.get(id);
}

/** The manual indicator a findings row names (its id or a Chinese name), or undefined. */
export function resolveIndicator(text: string): ManualIndicator | undefined {
  return BY_NAME.get(normaliseIndicator(text));
}

/**
 * The row error of a findings row whose indicator names no manual indicator (RULES §3: an input error
 * listing the accepted ids and names), or undefined. `check` and `validate` both ask this.
 */
export function indicatorError(finding: Located<FindingRecord>, column: string): InputError | undefined {
  if (resolveIndicator(finding.indicator) !== undefined) return undefined;
  return rowError(finding, column, finding.indicator, acceptedIndicators());
}

/** What an unknown indicator is reported against: `one of: serious-error (出现严重表述错误), …`. */
export function acceptedIndicators(): string {
  return `one of: ${MANUAL_INDICATORS.map((m) => `${m.id} (${m.indicator.zh})`).join(", ")}`;
}

/**
 * The resolved settings of a manual indicator: the automatic rule's when the id is also one (so
 * findings and the rule share one price and one cap), else its own entry — both resolved by
 * `resolveProfile`, catalogue defaults < profile < config < flags.
 */
export function manualSettings(profile: ResolvedProfile, entry: ManualIndicator): EngineSettings {
  const resolved =
    profile.rules.find((r) => r.rule.id === entry.id) ??
    profile.manual.find((m) => m.indicator.id === entry.id);
  if (!resolved) throw new Error(`manual indicator ${entry.id} is not resolved by the profile`);
  const { enabled, severity, pointsEach, cap } = resolved;
  return { enabled, severity, pointsEach, cap };
}

/**
 * Whether the findings of a manual indicator are scored. `enabled: false` on a manual-only indicator
 * switches it off: its rows are read and counted but give no finding (as a rule switched off reports
 * nothing). On an id that is also an automatic rule, `enabled` switches the automatic judgement only:
 * an inspector's finding of it is still listed (national leaves internal-opener off and still lists a
 * 开设不规范 finding, with 0 points).
 */
export function manualScored(profile: ResolvedProfile, entry: ManualIndicator): boolean {
  return ruleById(entry.id) !== undefined || manualSettings(profile, entry).enabled;
}

/** The cap of every id that can carry points: automatic rules and manual-only indicators. */
export function capsOf(profile: ResolvedProfile): Map<string, number | null> {
  return new Map<string, number | null>([
    ...profile.rules.map((r) => [r.rule.id, r.cap] as const),
    ...profile.manual.map((m) => [m.indicator.id, m.cap] as const),
  ]);
}

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
    const count = record.count;
    const { foundAt, note } = record;
    const rule = ruleById(entry.id);
    const finding: FindingResult = {
      accountId: account.accountId,
      hostUnit: account.hostUnit,
      rule: entry.id,
      messageId: "manual-finding",
      // One id, one name in the output: the automatic rule's when there is one.
      indicator: rule?.indicator ?? entry.indicator,
      severity: pricing.severity,
      // Vetoes and a veto-only profile cost no points (RULES §3: deductions listed with 0 points).
      points: profile.scoring === "deductions" ? pricing.pointsEach * count : 0,
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
      source: entry.source,
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

/** One line of `gmaudit rules`: an automatic rule, a manual indicator, or an id that is both. */
export interface CatalogueEntry {
  id: string;
  indicator: Localized;
  /** `automatic`: judged from the data; `manual`: recorded in the findings input; `both`. */
  kind: "automatic" | "manual" | "both";
  scope: RuleScope;
  /**
   * The resolved `enabled`. For an id that is also an automatic rule it switches the rule only (an
   * inspector's finding is still listed); a manual-only indicator switched off scores no findings.
   */
  enabled: boolean;
  severity: Severity;
  pointsEach: number;
  cap: number | null;
  /** The automatic rule's resolved parameters ({} for manual indicators). */
  params: Record<string, unknown>;
  /** The automatic rule's source, or the manual indicator's. */
  source: string;
  /** Set when the id is a manual indicator: its source in the §3 table (may differ from the rule's). */
  manualSource?: string;
  /** Names the findings input accepts for it (empty for automatic-only rules). */
  names: string[];
  interpretation?: string;
  rule?: RuleDefinition;
  manual?: ManualIndicator;
}

/** Every automatic rule (RULES §2 order) then the manual-only indicators (§3 order), priced by `profile`. */
export function listCatalogue(profile: ResolvedProfile): CatalogueEntry[] {
  const namesOf = (entry: ManualIndicator | undefined): string[] => {
    if (!entry) return [];
    const names = [entry.id, entry.indicator.zh, ...(entry.aliases ?? [])];
    const rule = ruleById(entry.id);
    if (rule && !names.includes(rule.indicator.zh)) names.push(rule.indicator.zh);
    return names;
  };
  const entries: CatalogueEntry[] = RULES.map((rule) => {
    const resolved = profile.rules.find((r) => r.rule.id === rule.id)!;
    const manual = BY_ID.get(rule.id);
    return {
      id: rule.id,
      indicator: rule.indicator,
      kind: manual ? "both" : "automatic",
      scope: scopeOf(rule),
      enabled: resolved.enabled,
      severity: resolved.severity,
      pointsEach: resolved.pointsEach,
      cap: resolved.cap,
      params: resolved.params,
      source: rule.source,
      ...(manual ? { manualSource: manual.source } : {}),
      names: namesOf(manual),
      ...(rule.interpretation === undefined ? {} : { interpretation: rule.interpretation }),
      rule,
      ...(manual ? { manual } : {}),
    };
  });
  for (const manual of MANUAL_ONLY) {
    entries.push({
      id: manual.id,
      indicator: manual.indicator,
      kind: "manual",
      scope: "account",
      ...manualSettings(profile, manual),
      params: {},
      source: manual.source,
      manualSource: manual.source,
      names: namesOf(manual),
      ...(manual.interpretation === undefined ? {} : { interpretation: manual.interpretation }),
      manual,
    });
  }
  return entries;
}

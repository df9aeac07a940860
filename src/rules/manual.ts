import { z } from "zod";
import { normaliseSource } from "../facts/sources.js";
import { type InputError, rowError } from "../input/errors.js";
import type { FindingRecord, Located } from "../input/schemas.js";
import { aliasHint } from "../input/values.js";
import type { RuleSources } from "./citations.js";
import { APP_UNUSABLE_INDICATOR } from "./common.js";
import type { Localized, Rectification, Severity } from "./define.js";
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
  source: RuleSources;
  defaults: { severity: Severity; pointsEach?: number; cap?: number };
  /**
   * RULES §7: an inspector's finding is re-inspected, so it is rectifiable; its key is the finding row
   * (indicator, date found, note), which a re-check's findings file lists again while it stands.
   */
  rectification: Rectification;
  /** How we read the clause, in English: short readings (for the generated rule docs). */
  interpretation?: readonly string[];
}

/** A national veto item: the national indicators, whatever the profile (SOURCES.md). */
const veto = (
  item: string,
  n: number,
): { source: RuleSources; defaults: { severity: "veto" }; rectification: "rectifiable" } => ({
  source: { default: [{ doc: "nat", clause: `检查指标·单项否决「${item}」${n}` }] },
  defaults: { severity: "veto" },
  rectification: "rectifiable",
});
/** A row of the deduction table: the Jiangsu table, reproduced by Kunshan's 附件2. */
const deduct = (name: string, pointsEach: number, cap = 10) => ({
  source: {
    default: [{ doc: "js", clause: `扣分指标「${name}」` }],
    byDocument: { kunshan: [{ doc: "kunshan", clause: `附件2「${name}」` }] },
  } satisfies RuleSources,
  defaults: { severity: "deduct" as const, pointsEach, cap },
  rectification: "rectifiable" as const,
});

/** The §3 table, in its order: the national vetoes, then the Jiangsu deduction table. */
export const MANUAL_INDICATORS: readonly ManualIndicator[] = [
  {
    id: "serious-error",
    indicator: { zh: "出现严重表述错误", en: "Serious wording error" },
    ...veto("安全、泄密事故等严重问题", 1),
  },
  {
    id: "secret-leak",
    indicator: { zh: "泄露国家秘密", en: "State secret disclosed" },
    ...veto("安全、泄密事故等严重问题", 2),
  },
  {
    id: "harmful-content",
    indicator: {
      zh: "发布或链接反动、暴力、色情、迷信等内容",
      en: "Reactionary, violent, pornographic or superstitious content published or linked",
    },
    ...veto("安全、泄密事故等严重问题", 3),
  },
  {
    id: "negative-opinion",
    indicator: {
      zh: "因发布内容不当引发严重负面舆情",
      en: "Improper content caused serious negative public opinion",
    },
    ...veto("安全、泄密事故等严重问题", 4),
  },
  {
    id: "no-update-2w",
    indicator: { zh: "监测时间点前2周内无更新", en: "No update in the 2 weeks before the monitoring time" },
    ...veto("内容不更新", 1),
  },
  {
    id: "app-unusable",
    indicator: APP_UNUSABLE_INDICATOR,
    ...veto("内容不更新", 2),
    interpretation: [
      "Apps and mini programs are exempt from the automatic update rules (`exemptPlatforms`): their " +
        "no-update veto is that they cannot be downloaded or used (发生“僵尸”“睡眠”情况), which only an " +
        "inspector can see. Record it here.",
    ],
  },
  {
    id: "no-interaction",
    indicator: { zh: "未提供有效互动功能", en: "No working interaction function" },
    ...veto("互动回应差", 1),
  },
  {
    id: "fake-engagement",
    indicator: {
      zh: "购买“粉丝”、强制要求群众点赞等弄虚作假行为",
      en: "Fake engagement (bought followers, likes required of the public)",
    },
    ...veto("互动回应差", 2),
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

const BRACKETED_RE = /\([^)]*\)|\[[^\]]*\]|【[^】]*】|〔[^〕]*〕/g;

/** The name with its brackets and their content taken out: `移动客户端(APP)…` → `移动客户端…`. */
function withoutBrackets(name: string): string {
  return normaliseIndicator(name.normalize("NFKC").replace(BRACKETED_RE, ""));
}

const BY_NAME: ReadonlyMap<string, ManualIndicator> = (() => {
  const map = new Map<string, ManualIndicator>();
  for (const entry of MANUAL_INDICATORS) {
    // The id, the §3 name, any alias, and the §2 name of the automatic rule of the same id
    // (e.g. 互动回应差：未提供有效互动功能).
    const names = [entry.id, entry.indicator.zh, ...(entry.aliases ?? [])];
    const rule = ruleById(entry.id);
    if (rule) names.push(rule.indicator.zh);
    // Each name also without its brackets' content: 移动客户端无法下载或使用 (PRODUCT §1.8).
    for (const key of names.flatMap((name) => [normaliseIndicator(name), withoutBrackets(name)])) {
      const other = map.get(key);
      if (other && other !== entry) throw new Error(`manual indicator name ${key} is ambiguous`);
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
  source: RuleSources;
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

/**
 * The manual indicator a findings row names (its id or a Chinese name, brackets and their content
 * ignored), or undefined.
 */
export function resolveIndicator(text: string): ManualIndicator | undefined {
  return BY_NAME.get(normaliseIndicator(text)) ?? BY_NAME.get(withoutBrackets(text));
}

/**
 * The row error of a findings row whose indicator names no manual indicator (RULES §3: an input error
 * listing the accepted ids and names), or undefined. `check` and `validate` both ask this.
 */
export function indicatorError(finding: Located<FindingRecord>, column: string): InputError | undefined {
  if (resolveIndicator(finding.indicator) !== undefined) return undefined;
  return rowError(
    finding,
    column,
    finding.indicator,
    `${acceptedIndicators()}${aliasHint("indicator", finding.indicator, ["<one of the ids above>"])}`,
  );
}

/** What an unknown indicator is reported against: `one of: serious-error (出现严重表述错误), …`. */
export function acceptedIndicators(): string {
  return `one of: ${MANUAL_INDICATORS.map((m) => `${m.id} (${m.indicator.zh})`).join(", ")}`;
}

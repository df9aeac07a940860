import { z } from "zod";
import { parseCivilDate } from "../time/parse.js";
import { defineRule } from "./define.js";

/**
 * 国办秘函〔2019〕19号: "本指标印发后以单位内设机构名义新开设政务新媒体，扣10分". None of the source
 * documents gives the day it was issued, only its year (the 〔2019〕 of its number): without `since`,
 * an opening from 2020 on is surely after it and one before 2019 surely not; one in 2019 cannot be
 * placed (RULES §1, benefit of the doubt).
 */
export const INDICATORS_YEAR = 2019;

export default defineRule({
  id: "internal-opener",
  indicator: { zh: "开设不规范", en: "Opened in the name of an internal department" },
  source: {
    default: [
      { doc: "js", clause: "扣分指标「开设不规范」" },
      { doc: "nantong", clause: "第十二条" },
    ],
    byDocument: {
      nantong: [
        { doc: "nantong", clause: "第十二条" },
        { doc: "js", clause: "扣分指标「开设不规范」" },
      ],
      kunshan: [{ doc: "kunshan", clause: "附件2「开设不规范」" }],
    },
  },
  defaults: { severity: "deduct", pointsEach: 10, cap: 10 },
  params: z.object({
    since: z
      .string()
      .refine((s) => parseCivilDate(s) !== undefined, "expected a date such as 2019-10-10")
      .transform((s) => parseCivilDate(s)!)
      .optional()
      .describe(
        "accounts opened by an internal department on or after this date are deducted; unset: those opened from 2020 on (the indicators are of 2019), one opened in 2019 is not evaluated",
      ),
  }),
  needs: [],
  interpretation: [
    "The deduction table: opening in the unit's name costs nothing; opening a new account in the name of an internal department (内设机构) after the indicators were issued (“本指标印发后”) costs 10 points.",
    "The rule fires when `opened_by` is `internal` and `opened_at` is on or after `since` (calendar days; the `since` day itself counts).",
    "`since` has no default date: no source document gives the day 国办秘函〔2019〕19号 was issued, only its year. Without `since`, an opening from 2020 on is surely after the indicators and is deducted (`after-indicators`); one before 2019 surely is not; one during 2019 cannot be placed and is not evaluated — set `since` to the date your jurisdiction counts from.",
    "`nantong` sets `since` to 2019-10-10, the date of its measures (第十二条).",
    "An internal account without `opened_at` is not evaluated. A blank `opened_by` is read as opened by the unit.",
  ],
  messages: {
    "internal-opener": {
      zh: "以单位内设机构名义于{openedAt}开设（{since}后不得以内设机构名义新开设）",
      en: "Opened on {openedAt} in the name of an internal department (not allowed since {since})",
    },
    "after-indicators": {
      zh: "以单位内设机构名义于{openedAt}开设（检查指标印发后不得以内设机构名义新开设）",
      en: "Opened on {openedAt} in the name of an internal department (not allowed since the indicators were issued)",
    },
  },
  rectification: { "internal-opener": "rectifiable", "after-indicators": "rectifiable" },
  evaluate(facts, params) {
    const { account } = facts;
    if (account.openedBy !== "internal") return [];
    if (account.openedAt === undefined) {
      return {
        notEvaluated: {
          zh: "以内设机构名义开设，但备案台账未填开设日期",
          en: "opened by an internal department, but opened_at is blank",
        },
      };
    }
    const { openedAt } = account;
    const { since } = params;
    if (since === undefined) {
      const year = Number(openedAt.slice(0, 4));
      if (year < INDICATORS_YEAR) return [];
      if (year === INDICATORS_YEAR) {
        return {
          notEvaluated: {
            zh: `以内设机构名义于${INDICATORS_YEAR}年（检查指标印发当年）开设：无法判断是否在指标施行之后，请在配置中为本规则设定施行日期`,
            en: `opened by an internal department in ${INDICATORS_YEAR}, the year the indicators were issued: set since to the date they took effect`,
          },
        };
      }
      return [
        {
          messageId: "after-indicators",
          data: { openedAt },
          evidence: { openedBy: "internal", openedAt, since: null },
        },
      ];
    }
    if (openedAt < since) return [];
    return [
      {
        messageId: "internal-opener",
        data: { openedAt, since },
        evidence: { openedBy: "internal", openedAt, since },
      },
    ];
  },
});

import { z } from "zod";
import { parseCivilDate } from "../time/parse.js";
import { defineRule } from "./define.js";

/**
 * 国办秘函〔2019〕19号 (the national inspection indicators): "本指标印发后以单位内设机构名义新开设政务新媒体，
 * 扣10分". The seeds quote the table (004 附件2) without the date it was issued: we take 2019-04-18.
 */
export const INDICATORS_ISSUED = "2019-04-18";

export default defineRule({
  id: "internal-opener",
  indicator: { zh: "开设不规范", en: "Opened in the name of an internal department" },
  source:
    "国办秘函〔2019〕19号 检查指标·扣分指标 开设不规范（江苏 苏政办发〔2019〕56号，昆政办发〔2019〕162号 附件2）; 001 第十二条",
  defaults: { severity: "deduct", pointsEach: 10, cap: 10 },
  params: z.object({
    since: z
      .string()
      .refine((s) => parseCivilDate(s) !== undefined, "expected a date such as 2019-10-10")
      .transform((s) => parseCivilDate(s)!)
      .default(INDICATORS_ISSUED)
      .describe("accounts opened by an internal department on or after this date are deducted"),
  }),
  needs: [],
  interpretation:
    "The deduction table says: opening in the unit's name costs nothing; opening a new account in the name " +
    "of an internal department (内设机构) *after the indicators were issued* costs 10 points. So the rule " +
    "fires when `opened_by` is `internal` and `opened_at` is on or after `since` (both ends are calendar " +
    "days; the `since` day itself counts as after). The default `since` is the date of 国办秘函〔2019〕19号; " +
    "the source documents in the seeds (004 附件2) reproduce the table but not its date, so we use " +
    "2019-04-18 — set `since` in a profile when your jurisdiction counts from another date (Nantong: " +
    "2019-10-10, the date of its measures, 001 第十二条). An internal account without `opened_at` cannot " +
    "be placed before or after `since`: it is reported as not evaluated. A blank `opened_by` is read as " +
    "opened by the unit (nothing recorded against it).",
  messages: {
    "internal-opener": {
      zh: "以单位内设机构名义于{openedAt}开设（{since}后不得以内设机构名义新开设）",
      en: "Opened on {openedAt} in the name of an internal department (not allowed since {since})",
    },
  },
  rectification: { "internal-opener": "rectifiable" },
  evaluate(facts, params) {
    const { account } = facts;
    if (account.openedBy !== "internal") return [];
    if (account.openedAt === undefined) {
      return { notEvaluated: "opened by an internal department, but opened_at is blank" };
    }
    if (account.openedAt < params.since) return [];
    return [
      {
        messageId: "internal-opener",
        data: { openedAt: account.openedAt, since: params.since },
        evidence: { openedBy: "internal", openedAt: account.openedAt, since: params.since },
      },
    ];
  },
});

import { z } from "zod";
import { activeAt } from "../facts/facts.js";
import { defineRule } from "./define.js";

export default defineRule({
  id: "weak-account",
  indicator: { zh: "弱运营账号", en: "Weak account (few followers)" },
  source: {
    default: [{ doc: "zhejiang", clause: "二（一）（归集整合弱运营账号）" }],
  },
  defaults: { severity: "warning" },
  params: z.object({
    minFollowers: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe("accounts with fewer followers are weak; unset = the rule reports nothing"),
  }),
  needs: [],
  interpretation: [
    "浙政办发〔2022〕15号 二（一） asks to consolidate accounts with few followers (粉丝数量少) but gives no number, and the right number depends on the place.",
    "So the rule reports nothing until `minFollowers` is set (config: `rules.weak-account.minFollowers`).",
    "With it, an account in operation at T whose registry `followers` is below `minFollowers` gets a warning “candidate for consolidation”; one without `followers` is not evaluated.",
  ],
  messages: {
    weak: {
      zh: "粉丝数{followers}，低于{minFollowers}，属弱运营账号，建议归集整合",
      en: "{followers} followers, fewer than {minFollowers}: a weak account, candidate for consolidation",
    },
  },
  rectification: { weak: "rectifiable" },
  evaluate(facts, params, ctx) {
    const { minFollowers } = params;
    const { account } = facts;
    if (minFollowers === undefined || !activeAt(facts, ctx.window.asOfDay)) return [];
    if (account.followers === undefined) {
      return { notEvaluated: { zh: "备案台账未填粉丝数", en: "followers is blank in the registry" } };
    }
    if (account.followers >= minFollowers) return [];
    return [
      {
        messageId: "weak",
        data: { followers: account.followers, minFollowers },
        evidence: { followers: account.followers, minFollowers },
      },
    ];
  },
});

import { z } from "zod";
import { defineRule } from "./define.js";

export default defineRule({
  id: "unregistered-account",
  indicator: { zh: "应纳入而未纳入监管", en: "Accounts missing from the registry" },
  source: {
    default: [{ doc: "kunshan", clause: "附件3「监管范围」" }],
  },
  defaults: { severity: "warning" },
  scope: "global",
  params: z.object({
    maxShown: z.number().int().min(1).default(5).describe("ids named in the warning (the list is complete)"),
  }),
  needs: [],
  interpretation: [
    "昆政办发〔2019〕162号 附件3 counts accounts that should be supervised but are not (应纳入而未纳入监管).",
    "The data shows them: an account id used in the posts, messages, filings or findings input but absent from the registry.",
    "This is about the registry, not one account, so the rule is global: the ids and their row counts are listed in `unregisteredAccounts` (JSON), and one summary warning names the first `maxShown` ids. The rows themselves are not judged. The list is always reported; disabling the rule drops only the warning.",
  ],
  messages: {
    unregistered: {
      zh: "{count} 个账号ID出现在数据中但未纳入备案台账（应纳入而未纳入监管）：{ids}",
      en: "{count} account id(s) appear in the data but not in the registry: {ids}",
    },
  },
  rectification: { unregistered: "rectifiable" },
  evaluateGlobal(facts, params) {
    const ids = facts.unregistered.map((u) => u.accountId);
    if (ids.length === 0) return [];
    const shown = ids.slice(0, params.maxShown).join(", ") + (ids.length > params.maxShown ? ", …" : "");
    return [
      {
        messageId: "unregistered",
        count: ids.length,
        data: { count: ids.length, ids: shown },
        evidence: { accounts: facts.unregistered.map((u) => ({ ...u })) },
      },
    ];
  },
});

import { z } from "zod";
import { defineRule } from "./define.js";

export default defineRule({
  id: "no-interaction",
  indicator: { zh: "互动回应差：未提供有效互动功能", en: "No working interaction function" },
  source: {
    default: [{ doc: "nat", clause: "检查指标·单项否决「互动回应差」" }],
  },
  defaults: { severity: "veto" },
  params: z.object({}),
  needs: [],
  interpretation: [
    "The national veto item 互动回应差: the registry's `interaction` column (互动功能) says whether the account offers a working way for the public to interact. `false` (否/无/N) vetoes the account.",
    "A blank cell is unknown, not false: nothing is reported, because a veto must rest on a recorded fact.",
    "An inspector who finds the function broken records the manual indicator `no-interaction` (未提供有效互动功能) in the findings input, with the same veto.",
  ],
  messages: {
    "no-interaction": {
      zh: "备案台账登记为无互动功能",
      en: "The registry records no interaction function",
    },
  },
  rectification: { "no-interaction": "rectifiable" },
  evaluate(facts) {
    if (facts.account.interaction !== false) return [];
    return [
      {
        messageId: "no-interaction",
        evidence: { interaction: false, at: `${facts.account.file}:${facts.account.line}` },
      },
    ];
  },
});

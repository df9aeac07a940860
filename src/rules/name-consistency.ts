import { z } from "zod";
import type { AccountFacts } from "../facts/facts.js";
import { PLATFORMS } from "../input/schemas.js";
import { PLATFORM_LABELS } from "../input/values.js";
import { defineRule } from "./define.js";
import { operatingAccounts } from "./one-account-per-platform.js";
import { normaliseName } from "./verified-host-unit.js";

export default defineRule({
  id: "name-consistency",
  indicator: { zh: "名称不一致", en: "Names differ across platforms" },
  source: {
    default: [
      { doc: "nantong", clause: "第十四条" },
      { doc: "kunshan", clause: "二（二）" },
    ],
    byDocument: {
      nantong: [{ doc: "nantong", clause: "第十四条" }],
      kunshan: [{ doc: "kunshan", clause: "二（二）" }],
    },
  },
  defaults: { severity: "warning" },
  scope: "unit",
  params: z.object({
    exceptPlatforms: z
      .array(z.enum(PLATFORMS))
      .default(["app", "miniprogram"])
      .describe("platforms whose names are not compared (apps and mini programs have product names)"),
  }),
  needs: [],
  interpretation: [
    "“主办单位在不同平台上开设的政务新媒体名称原则上应保持一致” (the Nantong measures 第十四条; 昆政办发〔2019〕162号 二（二）) is about the unit's set of accounts: the rule is unit-level.",
    "It takes the accounts of one `host_unit` operating at T (active, or closed on a day after T's; not opened after T) and leaves out apps and mini programs (`exceptPlatforms`: they carry product names). Names are compared normalised, like certifications.",
    "Two accounts on different platforms with different names: one warning for the unit (原则上, in principle), listing each name with its accounts and platforms. Different names on one platform are `one-account-per-platform`'s business. It never changes a score.",
  ],
  messages: {
    "names-differ": {
      zh: "不同平台账号名称不一致：{names}",
      en: "Account names differ across platforms: {namesEn}",
    },
  },
  rectification: { "names-differ": "rectifiable" },
  evaluateUnit(accounts, params, ctx) {
    const judged = operatingAccounts(accounts, ctx).filter(
      (f) => !params.exceptPlatforms.includes(f.account.platform),
    );
    const byName = new Map<string, AccountFacts[]>();
    for (const facts of judged) {
      const key = normaliseName(facts.account.name);
      const list = byName.get(key);
      if (list) list.push(facts);
      else byName.set(key, [facts]);
    }
    if (byName.size < 2) return [];
    const differ = judged.some((a) =>
      judged.some(
        (b) =>
          a.account.platform !== b.account.platform &&
          normaliseName(a.account.name) !== normaliseName(b.account.name),
      ),
    );
    if (!differ) return [];
    const groups = [...byName.values()].map((list) => ({
      name: list[0]!.account.name,
      accountIds: list.map((f) => f.account.accountId),
      platforms: [...new Set(list.map((f) => f.account.platform))],
    }));
    return [
      {
        messageId: "names-differ",
        accountIds: judged.map((f) => f.account.accountId),
        key: judged
          .map((f) => f.account.accountId)
          .sort()
          .join(";"),
        data: {
          names: groups
            .map((g) => `${g.name}（${g.platforms.map((p) => PLATFORM_LABELS[p].zh).join("/")}）`)
            .join("、"),
          namesEn: groups
            .map((g) => `${g.name} (${g.platforms.map((p) => PLATFORM_LABELS[p].en).join("/")})`)
            .join(", "),
        },
        evidence: { names: groups },
      },
    ];
  },
});

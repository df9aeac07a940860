import { z } from "zod";
import { normaliseSource } from "../facts/sources.js";
import { defineRule } from "./define.js";

/** Compare names ignoring width (ＡＢＣ, （）), case, spaces and punctuation: NFKC, then strip. */
export const normaliseName = normaliseSource;

export default defineRule({
  id: "verified-host-unit",
  indicator: { zh: "认证信息不规范", en: "Certification does not name the host unit" },
  source: {
    default: [
      { doc: "js", clause: "扣分指标「认证信息不规范」" },
      { doc: "nantong", clause: "第十四条" },
    ],
    byDocument: {
      nantong: [
        { doc: "nantong", clause: "第十四条" },
        { doc: "js", clause: "扣分指标「认证信息不规范」" },
      ],
      kunshan: [{ doc: "kunshan", clause: "附件2「认证信息不规范」" }],
      dongxiang: [{ doc: "dongxiang", clause: "四（一）（严禁以个人名义认证注册）" }],
    },
  },
  defaults: { severity: "deduct", pointsEach: 10, cap: 10 },
  params: z.object({
    unitAliases: z
      .record(z.string(), z.array(z.string().min(1)))
      .default({})
      .describe("other names of a host unit that certification may use (host unit → aliases)"),
  }),
  needs: [],
  interpretation: [
    "The public certification (认证信息) must name the host unit (deduction table 认证信息不规范; the Nantong measures 第十四条). The Dongxiang notice (四（一）) forbids certification under a person's name (严禁以个人名义认证注册): `dongxiang` makes the rule a violation.",
    "`verified_info` is compared with `host_unit` after NFKC normalisation, lower-casing, and removing spaces, punctuation and symbols: `清河县 公安局`, `清河县公安局（官方）` and `清河县公安局` all name 清河县公安局.",
    "The certification passes when it contains the host unit or one of its aliases (`unitAliases`, config: host unit → other names; keys matched the same way).",
    "A blank `verified_info` cannot be judged: a `verified-info-missing` warning, never a deduction.",
  ],
  messages: {
    "host-unit-missing": {
      zh: "认证信息“{verifiedInfo}”未标明主办单位“{hostUnit}”",
      en: 'The certification "{verifiedInfo}" does not name the host unit "{hostUnit}"',
    },
    "verified-info-missing": {
      zh: "备案台账未填写认证信息，无法检查是否标明主办单位",
      en: "No certification text in the registry: cannot check that it names the host unit",
    },
  },
  rectification: { "host-unit-missing": "rectifiable", "verified-info-missing": "advisory" },
  evaluate(facts, params) {
    const { account } = facts;
    const verifiedInfo = account.verifiedInfo?.trim();
    if (!verifiedInfo) {
      return [{ messageId: "verified-info-missing", advisory: "warning", evidence: { verifiedInfo: null } }];
    }
    const unitKey = normaliseName(account.hostUnit);
    const aliases: string[] = [];
    for (const [unit, list] of Object.entries(params.unitAliases)) {
      if (normaliseName(unit) === unitKey) aliases.push(...list);
    }
    const text = normaliseName(verifiedInfo);
    const names = [account.hostUnit, ...aliases].map(normaliseName).filter((n) => n !== "");
    if (names.some((n) => text.includes(n))) return [];
    return [
      {
        messageId: "host-unit-missing",
        data: { verifiedInfo, hostUnit: account.hostUnit },
        evidence: { verifiedInfo, hostUnit: account.hostUnit, aliases },
      },
    ];
  },
});

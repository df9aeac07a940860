import { z } from "zod";
import { defineRule } from "./define.js";
import { normaliseName } from "./verified-host-unit.js";

export default defineRule({
  id: "operator-qualification",
  indicator: { zh: "委托运营不规范", en: "Operation outsourced to an unqualified body" },
  source: {
    default: [{ doc: "zhejiang", clause: "二（四）（规范委托运营）" }],
  },
  defaults: { severity: "violation" },
  params: z.object({}),
  needs: [],
  interpretation: [
    "浙政办发〔2022〕15号 二（四）: content operation is run by the host unit itself or, if outsourced, by a subsidiary (下属企事业单位) or a mainstream news medium — not by other companies or organisations.",
    "`operator_type` `other` (其他) is a violation; `self`, `subsidiary` and `news_media` pass.",
    "When `operator` names a body other than the host unit (compared normalised) and `operator_type` is blank, the qualification cannot be checked: an advisory warning asks for it. A blank `operator` (or the host unit itself) with no type is read as self-operated.",
  ],
  messages: {
    "unqualified-operator": {
      zh: "内容运营委托给非下属单位、非新闻媒体的主体（{operator}）",
      en: "Content operation outsourced to a body that is neither a subsidiary nor a news medium ({operator})",
    },
    "operator-type-missing": {
      zh: "运营单位（{operator}）不是主办单位，但未填写运营主体类型，无法核实委托运营资质",
      en: "Operated by {operator}, not the host unit, but operator_type is blank: the qualification cannot be checked",
    },
  },
  rectification: { "unqualified-operator": "rectifiable", "operator-type-missing": "rectifiable" },
  evaluate(facts) {
    const { operator, operatorType, hostUnit } = facts.account;
    const shown = operator ?? "未填写 / not given";
    if (operatorType === "other") {
      return [
        {
          messageId: "unqualified-operator",
          data: { operator: shown },
          evidence: { operator: operator ?? null, operatorType },
        },
      ];
    }
    if (
      operatorType === undefined &&
      operator !== undefined &&
      normaliseName(operator) !== normaliseName(hostUnit)
    ) {
      return [
        {
          messageId: "operator-type-missing",
          advisory: "warning",
          data: { operator },
          evidence: { operator, operatorType: null, hostUnit },
        },
      ];
    }
    return [];
  },
});

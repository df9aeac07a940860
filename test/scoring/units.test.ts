import { describe, expect, it } from "vitest";
import { resolveProfile } from "../../src/profiles/resolve.js";
import type { AccountResult, Verdict } from "../../src/scoring/result.js";
import { scoreUnits } from "../../src/scoring/units.js";

function acct(
  hostUnit: string,
  unitCategory: string,
  score: number | null,
  verdict: Verdict,
  findings = 0,
): AccountResult {
  const list = Array.from({ length: findings }, () => ({}) as AccountResult["findings"][number]);
  return { hostUnit, unitCategory, score, verdict, findings: list } as AccountResult;
}

describe("scoreUnits", () => {
  const jiangsu = resolveProfile("jiangsu");

  it("counts its accounts' findings apart from its unit-level ones (PRODUCT §3.3)", () => {
    const [unit] = scoreUnits(
      [acct("甲局", "部门", 90, "pass", 3), acct("甲局", "部门", 70, "fail", 4)],
      jiangsu,
    );
    expect(unit).toMatchObject({ accountFindings: 7, findings: [] });
  });

  it("averages scored accounts, zeroes a unit with a veto, normalises by the best unit of the category", () => {
    const units = scoreUnits(
      [
        acct("甲局", "部门", 90, "pass"),
        acct("甲局", "部门", 70, "pass"),
        acct("乙局", "部门", 100, "pass"),
        acct("乙局", "部门", 50, "fail"),
        acct("丙局", "部门", 95, "pass"),
        acct("丙局", "部门", 0, "veto"),
        acct("丁镇", "乡镇", 40, "fail"),
        acct("丁镇", "乡镇", null, "not_scored"),
      ],
      jiangsu,
    );
    const byName = Object.fromEntries(units.map((u) => [u.hostUnit, u]));
    expect(byName.甲局).toMatchObject({
      rawScore: 80,
      score: 100,
      passRate: 1,
      verdict: "pass",
      accounts: 2,
      scored: 2,
    });
    expect(byName.乙局).toMatchObject({
      rawScore: 75,
      score: 93.8,
      passRate: 0.5,
      failed: 1,
      verdict: "pass",
    });
    expect(byName.丙局).toMatchObject({ rawScore: 0, score: 0, vetoed: 1, verdict: "veto", passRate: 0.5 });
    expect(byName.丁镇).toMatchObject({ rawScore: 40, score: 100, scored: 1, accounts: 2, verdict: "fail" });
  });

  it("under a veto-only profile the pass rate is the only figure", () => {
    const [unit] = scoreUnits(
      [acct("甲局", "部门", null, "pass"), acct("甲局", "部门", null, "veto")],
      resolveProfile("national"),
    );
    expect(unit).toMatchObject({ rawScore: null, score: null, passRate: 0.5, verdict: "veto" });
  });

  it("lists the unit-level findings on the unit without changing its scores", () => {
    const duplicate = {
      accountId: "A;B;C",
      hostUnit: "甲局",
      rule: "one-account-per-platform",
      messageId: "many-accounts",
      indicator: { zh: "同一平台重复开设", en: "" },
      severity: "violation" as const,
      points: 0,
      count: 1,
      message: { zh: "", en: "" },
      evidence: { accountIds: ["A", "B", "C"] },
      source: "",
      rectification: "rectifiable" as const,
      key: "one-account-per-platform|甲局|weibo",
    };
    const [unit, other] = scoreUnits(
      [acct("甲局", "部门", 90, "pass"), acct("甲局", "部门", 50, "fail"), acct("乙局", "部门", 80, "pass")],
      jiangsu,
      new Map([["甲局", [duplicate]]]),
    );
    expect(unit).toMatchObject({
      rawScore: 70,
      score: 87.5,
      passRate: 0.5,
      verdict: "pass",
      findings: [duplicate],
    });
    expect(other).toMatchObject({ rawScore: 80, score: 100, findings: [] });
  });

  it("a unit whose mean is below passScore fails; a unit of only unscored accounts is not scored", () => {
    const units = scoreUnits(
      [
        acct("甲局", "部门", 59.9, "fail"),
        acct("乙局", "部门", null, "not_scored"),
        acct("丙局", "部门", 0, "fail"),
      ],
      jiangsu,
    );
    const byName = Object.fromEntries(units.map((u) => [u.hostUnit, u]));
    expect(byName.甲局).toMatchObject({ rawScore: 59.9, score: 100, verdict: "fail", passRate: 0 });
    expect(byName.乙局).toMatchObject({ rawScore: null, score: null, passRate: null, verdict: "not_scored" });
    expect(byName.丙局).toMatchObject({ rawScore: 0, score: 0, verdict: "fail" });
  });
});

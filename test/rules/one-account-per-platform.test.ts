import { describe, expect, it } from "vitest";
import type { AccountFacts } from "../../src/facts/facts.js";
import { evaluateUnits } from "../../src/scoring/engine.js";
import { account, run, type Scenario } from "./harness.js";

/** Runs the scenario, then the unit-level rules on each host unit's accounts (as audit() does). */
function unitFindings(s: Scenario, rule = "one-account-per-platform") {
  const r = run(s);
  const byUnit = new Map<string, AccountFacts[]>();
  for (const f of r.facts) byUnit.set(f.account.hostUnit, [...(byUnit.get(f.account.hostUnit) ?? []), f]);
  const found = evaluateUnits(byUnit, r.profile, r.ctx);
  return (unit: string) => (found.get(unit) ?? []).filter((f) => f.rule === rule);
}

describe("one-account-per-platform", () => {
  const asOf = "2026-09-30";
  const weibo = (
    accountId: string,
    more: Parameters<typeof account>[0] extends infer A ? Partial<A> : never = {},
  ) => account({ accountId, platform: "weibo", hostUnit: "甲局", ...more });

  it("two active accounts of one unit on one platform: a warning naming both", () => {
    const found = unitFindings({
      asOf,
      accounts: [weibo("A"), weibo("B"), weibo("C", { platform: "douyin" })],
    });
    expect(found("甲局")).toMatchObject([
      {
        accountId: "A;B",
        hostUnit: "甲局",
        messageId: "two-accounts",
        severity: "warning",
        points: 0,
        evidence: { accountIds: ["A", "B"], platform: "weibo", accounts: 2 },
        message: {
          zh: "同一平台（微博）开设了2个账号：A 账号A、B 账号B",
          en: "2 accounts on Weibo: A 账号A, B 账号B",
        },
      },
    ]);
  });

  it("three or more: one violation for the group", () => {
    const found = unitFindings({ asOf, accounts: [weibo("A"), weibo("B"), weibo("C"), weibo("D")] });
    expect(found("甲局")).toMatchObject([
      {
        accountId: "A;B;C;D",
        messageId: "many-accounts",
        severity: "violation",
        points: 0,
        count: 1,
        evidence: { accountIds: ["A", "B", "C", "D"], accounts: 4 },
      },
    ]);
  });

  it("does not count an account closed or cancelled by T, nor one opened after T", () => {
    const found = unitFindings({
      asOf,
      accounts: [
        weibo("A"),
        weibo("B"),
        weibo("CLOSED", { status: "closed", closedAt: "2026-08-01" }),
        weibo("GONE", { status: "cancelled", closedAt: "2026-08-01" }),
        weibo("LATER", { openedAt: "2026-10-01" }),
      ],
    });
    expect(found("甲局")).toMatchObject([{ accountId: "A;B", severity: "warning" }]);
  });

  it("counts an account closed after T's day: it was operating at T", () => {
    const found = unitFindings({
      asOf,
      accounts: [weibo("A"), weibo("B"), weibo("SINCE", { status: "closed", closedAt: "2026-10-20" })],
    });
    expect(found("甲局")).toMatchObject([{ accountId: "A;B;SINCE", severity: "violation" }]);
  });

  it("one account per platform is fine; units are not mixed; platform other is not a platform", () => {
    const found = unitFindings({
      asOf,
      accounts: [
        weibo("A"),
        weibo("B", { hostUnit: "乙局" }),
        weibo("O1", { platform: "other" }),
        weibo("O2", { platform: "other" }),
      ],
    });
    expect(found("甲局")).toEqual([]);
    expect(found("乙局")).toEqual([]);
  });

  it("stays a violation with 0 points under jiangsu: unit findings never cost an account points", () => {
    const found = unitFindings({
      asOf,
      rules: { "one-account-per-platform": { pointsEach: 5 } },
      accounts: [weibo("A"), weibo("B"), weibo("C")],
    });
    expect(found("甲局")).toMatchObject([{ severity: "violation", points: 0 }]);
  });

  it("is off under national", () => {
    const found = unitFindings({ asOf, profile: "national", accounts: [weibo("A"), weibo("B"), weibo("C")] });
    expect(found("甲局")).toEqual([]);
  });
});

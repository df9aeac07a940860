import { describe, expect, it } from "vitest";
import { account, run } from "./harness.js";

describe("internal-opener", () => {
  const asOf = "2026-09-30";
  const internal = (accountId: string, openedAt?: string) =>
    account({ accountId, openedBy: "internal", ...(openedAt === undefined ? {} : { openedAt }) });

  it("without since (jiangsu): deducts an opening from 2020 on, leaves one before 2019, cannot place one in 2019", () => {
    const r = run({
      asOf,
      accounts: [
        internal("Y2020", "2020-01-01"),
        internal("Y2019", "2019-12-31"),
        internal("Y2018", "2018-12-31"),
      ],
    });
    expect(r.profile.rules.find((x) => x.rule.id === "internal-opener")?.params.since).toBeUndefined();
    expect(r.findings("Y2020", "internal-opener")).toMatchObject([
      {
        messageId: "after-indicators",
        severity: "deduct",
        points: 10,
        evidence: { openedBy: "internal", openedAt: "2020-01-01", since: null },
      },
    ]);
    expect(r.findings("Y2019", "internal-opener")).toEqual([]);
    expect(r.notEvaluated("Y2019")).toContainEqual({
      rule: "internal-opener",
      reason:
        "opened by an internal department in 2019, the year the indicators were issued: set since to the date they took effect",
    });
    // Said in Chinese too (it was "无法判断" when the card translated English reasons by pattern).
    expect(r.notEvaluatedZh("Y2019")).toContainEqual({
      rule: "internal-opener",
      reason:
        "以内设机构名义于2019年（检查指标印发当年）开设：无法判断是否在指标施行之后，请在配置中为本规则设定施行日期",
    });
    expect(r.findings("Y2018", "internal-opener")).toEqual([]);
    expect(r.notEvaluated("Y2018").map((n) => n.rule)).not.toContain("internal-opener");
  });

  it("nantong counts from its own measures, 2019-10-10", () => {
    const r = run({
      asOf,
      profile: "nantong",
      accounts: [internal("ON", "2019-10-10"), internal("BEFORE", "2019-10-09")],
    });
    expect(r.findings("ON", "internal-opener")).toMatchObject([
      { points: 10, evidence: { since: "2019-10-10" } },
    ]);
    expect(r.findings("BEFORE", "internal-opener")).toEqual([]);
  });

  it("takes since from the config", () => {
    const r = run({
      asOf,
      rules: { "internal-opener": { since: "2026/1/1" } },
      accounts: [internal("OLD", "2025-12-31"), internal("NEW", "2026-01-01")],
    });
    expect(r.findings("OLD", "internal-opener")).toEqual([]);
    expect(r.findings("NEW", "internal-opener")).toHaveLength(1);
  });

  it("ignores accounts opened by the unit, or with opened_by blank", () => {
    const r = run({
      asOf,
      accounts: [
        account({ accountId: "U", openedBy: "unit", openedAt: "2026-01-01" }),
        account({ accountId: "B", openedAt: "2026-01-01" }),
      ],
    });
    expect(r.findings("U", "internal-opener")).toEqual([]);
    expect(r.findings("B", "internal-opener")).toEqual([]);
  });

  it("cannot judge an internal account without opened_at: not evaluated", () => {
    const r = run({ asOf, accounts: [internal("X")] });
    expect(r.findings("X", "internal-opener")).toEqual([]);
    expect(r.notEvaluated("X")).toContainEqual({
      rule: "internal-opener",
      reason: "opened by an internal department, but opened_at is blank",
    });
  });

  it("is off under national (a deduction-table row)", () => {
    const r = run({ asOf, profile: "national", accounts: [internal("ON", "2020-01-01")] });
    expect(r.findings("ON", "internal-opener")).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { account, run } from "./harness.js";

describe("weak-account (minFollowers, off unless set)", () => {
  const asOf = "2026-09-30";
  const accounts = [
    account({ accountId: "FEW", followers: 999 }),
    account({ accountId: "EDGE", followers: 1000 }),
    account({ accountId: "BLANK" }),
    account({ accountId: "CLOSED", followers: 3, status: "closed", closedAt: "2026-09-01" }),
    account({ accountId: "SINCE", followers: 3, status: "closed", closedAt: "2026-10-01" }), // operating at T
  ];

  it("reports nothing while minFollowers is unset (jiangsu, zhejiang without config)", () => {
    for (const profile of ["jiangsu", "zhejiang"]) {
      const r = run({ asOf, profile, accounts });
      for (const id of ["FEW", "EDGE", "BLANK"]) {
        expect(r.findings(id, "weak-account")).toEqual([]);
        expect(r.notEvaluated(id).map((n) => n.rule)).not.toContain("weak-account");
      }
    }
  });

  it("warns below minFollowers, not at it", () => {
    const r = run({ asOf, rules: { "weak-account": { minFollowers: 1000 } }, accounts });
    expect(r.findings("FEW", "weak-account")).toMatchObject([
      { messageId: "weak", severity: "warning", points: 0, evidence: { followers: 999, minFollowers: 1000 } },
    ]);
    expect(r.findings("EDGE", "weak-account")).toEqual([]);
    expect(r.findings("CLOSED", "weak-account")).toEqual([]);
    expect(r.findings("SINCE", "weak-account")).toMatchObject([{ messageId: "weak" }]);
  });

  it("cannot judge an account without followers once minFollowers is set", () => {
    const r = run({ asOf, rules: { "weak-account": { minFollowers: 1000 } }, accounts });
    expect(r.findings("BLANK", "weak-account")).toEqual([]);
    expect(r.notEvaluated("BLANK")).toContainEqual({
      rule: "weak-account",
      reason: "followers is blank in the registry",
    });
  });

  it("zhejiang with minFollowers from the config", () => {
    const r = run({ asOf, profile: "zhejiang", rules: { "weak-account": { minFollowers: 1000 } }, accounts });
    expect(r.findings("FEW", "weak-account")).toMatchObject([{ severity: "warning" }]);
  });
});

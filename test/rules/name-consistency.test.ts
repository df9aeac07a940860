import { describe, expect, it } from "vitest";
import type { AccountFacts } from "../../src/facts/facts.js";
import { evaluateUnits } from "../../src/scoring/engine.js";
import { account, run, type Scenario } from "./harness.js";

function unitFindings(s: Scenario) {
  const r = run(s);
  const byUnit = new Map<string, AccountFacts[]>();
  for (const f of r.facts) byUnit.set(f.account.hostUnit, [...(byUnit.get(f.account.hostUnit) ?? []), f]);
  const found = evaluateUnits(byUnit, r.profile, r.ctx);
  return (unit: string) => (found.get(unit) ?? []).filter((f) => f.rule === "name-consistency");
}

describe("name-consistency (unit level)", () => {
  const asOf = "2026-09-30";
  const acct = (accountId: string, name: string, platform: string, more: object = {}) =>
    account({ accountId, name, platform, hostUnit: "清河县公安局", ...more } as Parameters<
      typeof account
    >[0]);

  it("warns once per unit when accounts on different platforms have different names", () => {
    const found = unitFindings({
      asOf,
      accounts: [
        acct("A", "清河公安", "weibo"),
        acct("B", "平安清河", "douyin"),
        acct("C", "清河公安", "wechat"),
      ],
    });
    expect(found("清河县公安局")).toMatchObject([
      {
        accountId: "A;B;C",
        messageId: "names-differ",
        severity: "warning",
        points: 0,
        evidence: {
          accountIds: ["A", "B", "C"],
          names: [
            { name: "清河公安", accountIds: ["A", "C"], platforms: ["weibo", "wechat"] },
            { name: "平安清河", accountIds: ["B"], platforms: ["douyin"] },
          ],
        },
      },
    ]);
  });

  it("compares names normalised: spaces, width and punctuation do not make a difference", () => {
    const found = unitFindings({
      asOf,
      accounts: [
        acct("A", "清河 公安", "weibo"),
        acct("B", "清河公安！", "douyin"),
        acct("C", "ＱＨ", "wechat"),
      ],
    });
    expect(found("清河县公安局")).toHaveLength(1);
    const same = unitFindings({
      asOf,
      accounts: [acct("A", "清河 公安", "weibo"), acct("B", "清河公安！", "douyin")],
    });
    expect(same("清河县公安局")).toEqual([]);
  });

  it("leaves out apps, mini programs and accounts not operating at T", () => {
    const found = unitFindings({
      asOf,
      accounts: [
        acct("A", "清河公安", "weibo"),
        acct("APP", "警务通", "app"),
        acct("MINI", "清河警务服务", "miniprogram"),
        acct("OLD", "清河警方", "douyin", { status: "closed", closedAt: "2026-01-01" }),
      ],
    });
    expect(found("清河县公安局")).toEqual([]);
  });

  it("different names on the same platform are one-account-per-platform's business, not this rule's", () => {
    const found = unitFindings({
      asOf,
      accounts: [acct("A", "清河公安", "weibo"), acct("B", "平安清河", "weibo")],
    });
    expect(found("清河县公安局")).toEqual([]);
  });
});

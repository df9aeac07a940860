import { describe, expect, it } from "vitest";
import { account, post, run } from "./harness.js";

// T = 2026-09-30 12:00 → T − 14 days = 2026-09-16 12:00:00.
const asOf = "2026-09-30 12:00:00";

describe("no-update-2w", () => {
  it("does not veto a post exactly 14 days before T", () => {
    const r = run({
      asOf,
      accounts: [account({ accountId: "A" })],
      posts: [post("A", "2026-09-16 12:00:00")],
    });
    expect(r.findings("A", "no-update-2w")).toEqual([]);
  });

  it("vetoes when the last post is one second earlier", () => {
    const r = run({
      asOf,
      accounts: [account({ accountId: "A" })],
      posts: [post("A", "2026-09-16 11:59:59")],
    });
    const [f] = r.findings("A", "no-update-2w");
    expect(f).toMatchObject({ messageId: "no-update", severity: "veto" });
    expect(f?.evidence).toEqual({ lastPostAt: "2026-09-16T11:59:59.000+08:00", daysSinceLastPost: 14 });
  });

  it("vetoes an account that never posted, and ignores posts after T", () => {
    const r = run({
      asOf,
      accounts: [account({ accountId: "A" })],
      posts: [post("A", "2026-09-30 12:00:01")],
    });
    expect(r.findings("A", "no-update-2w")[0]?.evidence).toEqual({
      lastPostAt: null,
      daysSinceLastPost: null,
    });
  });

  it("counts a post before the window for the last update", () => {
    const r = run({
      asOf,
      period: undefined,
      from: "2026-09-20",
      accounts: [account({ accountId: "A" })],
      posts: [post("A", "2026-09-17 08:00")],
    });
    expect(r.findings("A", "no-update-2w")).toEqual([]);
  });

  it("never vetoes a closed or cancelled account", () => {
    const r = run({
      asOf,
      accounts: [
        account({ accountId: "C", status: "closed", closedAt: "2026-09-01" }),
        account({ accountId: "X", status: "cancelled", closedAt: "2026-09-01" }),
      ],
      posts: [],
    });
    expect(r.findings("C", "no-update-2w")).toEqual([]);
    expect(r.findings("X", "no-update-2w")).toEqual([]);
  });

  it("exempts apps and mini programs (not evaluated, never passed)", () => {
    const r = run({ asOf, accounts: [account({ accountId: "APP", platform: "app" })], posts: [] });
    expect(r.findings("APP", "no-update-2w")).toEqual([]);
    expect(r.notEvaluated("APP").map((n) => n.rule)).toEqual(
      expect.arrayContaining(["no-update-2w", "weekly-update", "original-content"]),
    );
  });

  it("uses one exemptPlatforms list for all three update rules", () => {
    const r = run({
      asOf,
      rules: { "no-update-2w": { exemptPlatforms: [] } },
      accounts: [account({ accountId: "APP", platform: "app" })],
      posts: [],
    });
    expect(r.notEvaluated("APP").filter((n) => n.reason.includes("exempt"))).toEqual([]);
    const updateRules = ["no-update-2w", "weekly-update", "original-content"];
    const fired = r.findings("APP").filter((f) => updateRules.includes(f.rule));
    expect(new Set(fired.map((f) => f.rule))).toEqual(
      new Set(["no-update-2w", "weekly-update", "original-content"]),
    );
  });

  it("is not evaluated without a posts file", () => {
    const r = run({ asOf, accounts: [account({ accountId: "A" })] });
    expect(r.notEvaluated("A")).toContainEqual({ rule: "no-update-2w", reason: "no posts input" });
  });

  it("gives a new account 14 days: opened_at 00:00 > T − 14 days", () => {
    const r = run({
      asOf,
      accounts: [
        account({ accountId: "NEW", openedAt: "2026-09-17" }), // 09-17 00:00 > 09-16 12:00
        account({ accountId: "OLD", openedAt: "2026-09-16" }), // 09-16 00:00 < 09-16 12:00
      ],
      posts: [],
    });
    expect(r.findings("NEW", "no-update-2w")).toMatchObject([
      { messageId: "new-account", severity: "warning", points: 0 },
    ]);
    expect(r.findings("OLD", "no-update-2w")).toMatchObject([{ messageId: "no-update", severity: "veto" }]);
  });

  it("warns with --warn-within when the veto is near, naming the day it applies", () => {
    const accounts = [account({ accountId: "A" }), account({ accountId: "B" })];
    const posts = [post("A", "2026-09-19 11:00"), post("B", "2026-09-19 12:00")];
    const r = run({ asOf, accounts, posts, warnWithin: 3 });
    // A: 11 days 1 hour > 14 − 3 days → warning; the veto applies right after 2026-10-03 11:00.
    expect(r.findings("A", "no-update-2w")).toMatchObject([
      {
        messageId: "veto-imminent",
        severity: "warning",
        points: 0,
        message: { en: expect.stringContaining("2026-10-03") },
      },
    ]);
    // B: exactly 11 days → no warning yet.
    expect(r.findings("B", "no-update-2w")).toEqual([]);
  });

  it("applies to WeChat service accounts too", () => {
    const r = run({
      asOf,
      accounts: [account({ accountId: "S", platform: "wechat", accountType: "service" })],
      posts: [post("S", "2026-09-01 09:00")],
    });
    expect(r.findings("S", "no-update-2w")).toMatchObject([{ severity: "veto" }]);
  });
});

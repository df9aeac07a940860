import { describe, expect, it } from "vitest";
import { account, post, run } from "./harness.js";

describe("dormant-account (days = 90)", () => {
  // T = 2026-09-30 23:59:59.999; T − 90 days = 2026-07-02 23:59:59.999.
  const asOf = "2026-09-30";

  it("exactly 90 days since the last post is not dormant; 90 days + 1 ms is", () => {
    const r = run({
      asOf,
      accounts: [account({ accountId: "EXACT" }), account({ accountId: "OVER" })],
      posts: [post("EXACT", "2026-07-02 23:59:59.999"), post("OVER", "2026-07-02 23:59:59.998")],
    });
    expect(r.findings("EXACT", "dormant-account")).toEqual([]);
    expect(r.findings("OVER", "dormant-account")).toMatchObject([
      {
        messageId: "dormant",
        severity: "warning",
        points: 0,
        evidence: {
          lastPostAt: "2026-07-02T23:59:59.998+08:00",
          daysSinceLastPost: 90,
          limitDays: 90,
        },
      },
    ]);
  });

  it("an account that never posted is dormant once opened more than 90 days before T", () => {
    // T = 2026-09-30 00:00: opened 2026-07-02 00:00 is exactly 90 days; 2026-07-01 is more.
    const r = run({
      asOf: "2026-09-30 00:00",
      accounts: [
        account({ accountId: "EXACT", openedAt: "2026-07-02" }),
        account({ accountId: "OVER", openedAt: "2026-07-01" }),
        account({ accountId: "UNKNOWN" }),
      ],
      posts: [],
    });
    expect(r.findings("EXACT", "dormant-account")).toEqual([]);
    expect(r.findings("OVER", "dormant-account")).toMatchObject([
      { messageId: "never-posted", evidence: { lastPostAt: null, openedAt: "2026-07-01" } },
    ]);
    // No opened_at: the active span starts at the beginning of time (RULES §1).
    expect(r.findings("UNKNOWN", "dormant-account")).toMatchObject([
      { messageId: "never-posted", evidence: { openedAt: null } },
    ]);
  });

  it("a post before the window still counts as the last post", () => {
    const r = run({ asOf, accounts: [account({ accountId: "A" })], posts: [post("A", "2026-08-01 10:00")] });
    expect(r.findings("A", "dormant-account")).toEqual([]);
  });

  it("only active accounts; apps and mini programs are not evaluated", () => {
    const r = run({
      asOf,
      accounts: [
        account({ accountId: "C", status: "closed", closedAt: "2026-01-01" }),
        account({ accountId: "APP", platform: "app", openedAt: "2020-01-01" }),
        account({ accountId: "SINCE", status: "closed", closedAt: "2026-10-20", openedAt: "2020-01-01" }),
      ],
      posts: [],
    });
    expect(r.findings("C", "dormant-account")).toEqual([]);
    // Closed after T's day: it was operating at T.
    expect(r.findings("SINCE", "dormant-account")).toMatchObject([{ messageId: "never-posted" }]);
    expect(r.findings("APP", "dormant-account")).toEqual([]);
    expect(r.notEvaluated("APP").map((n) => n.rule)).toContain("dormant-account");
  });

  it("takes days from the profile; zhejiang makes it a violation", () => {
    const posts = [post("A", "2026-08-31 12:00")]; // 30 days 11:59:59.999 before T
    expect(
      run({
        asOf,
        rules: { "dormant-account": { days: 30 } },
        accounts: [account({ accountId: "A" })],
        posts,
      })
        .findings("A", "dormant-account")
        .map((f) => f.evidence.daysSinceLastPost),
    ).toEqual([30]);
    expect(
      run({
        asOf,
        rules: { "dormant-account": { days: 31 } },
        accounts: [account({ accountId: "A" })],
        posts,
      }).findings("A", "dormant-account"),
    ).toEqual([]);
    const z = run({
      asOf,
      profile: "zhejiang",
      accounts: [account({ accountId: "A" })],
      posts: [post("A", "2026-06-01 10:00")],
    });
    expect(z.findings("A", "dormant-account")).toMatchObject([{ severity: "violation", points: 0 }]);
    expect(
      run({ asOf, profile: "national", accounts: [account({ accountId: "A" })], posts: [] }).findings(
        "A",
        "dormant-account",
      ),
    ).toEqual([]);
  });

  it("is not evaluated without a posts file", () => {
    const r = run({ asOf, accounts: [account({ accountId: "A" })] });
    expect(r.notEvaluated("A")).toContainEqual({ rule: "dormant-account", reason: "no posts input" });
  });
});

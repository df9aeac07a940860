import { describe, expect, it } from "vitest";
import { scoreAccount } from "../../src/scoring/account.js";
import { account, post, run } from "./harness.js";

// Default window for T = 2026-09-30: from 2026-09-03 00:00; complete weeks start 09-07, 09-14, 09-21.
const asOf = "2026-09-30";

describe("weekly-update", () => {
  it("uses the complete natural weeks of the window", () => {
    const r = run({ asOf, accounts: [account({ accountId: "A" })], posts: [] });
    expect(r.window.weeks.map((w) => w.monday)).toHaveLength(3);
    expect(r.findings("A", "weekly-update").map((f) => f.evidence.week)).toEqual([
      "2026-09-07/2026-09-13",
      "2026-09-14/2026-09-20",
      "2026-09-21/2026-09-27",
    ]);
  });

  it("counts Monday 00:00:00 and Sunday 23:59:59 in their week, not the Sunday before", () => {
    const r = run({
      asOf,
      accounts: [account({ accountId: "A" })],
      posts: [
        post("A", "2026-09-06 23:59:59"), // Sunday before the first complete week
        post("A", "2026-09-14 00:00:00"), // Monday of week 2
        post("A", "2026-09-27 23:59:59"), // Sunday of week 3
      ],
    });
    expect(r.findings("A", "weekly-update").map((f) => f.evidence.week)).toEqual(["2026-09-07/2026-09-13"]);
  });

  it("deducts 5 per empty week up to the cap of 10", () => {
    const r = run({ asOf, accounts: [account({ accountId: "A" })], posts: [] });
    const findings = r.findings("A", "weekly-update");
    expect(findings.map((f) => f.points)).toEqual([5, 5, 5]);
    const scored = scoreAccount(findings, r.profile, true);
    expect(scored.findings.map((f) => f.points)).toEqual([5, 5, 0]);
    expect(scored.deductions).toBe(10);
    expect(scored.score).toBe(90);
  });

  it("judges only weeks wholly inside the active span (the closed_at day is active)", () => {
    const r = run({
      asOf,
      accounts: [
        account({ accountId: "NEW", openedAt: "2026-09-08" }),
        account({ accountId: "SHUT", status: "closed", closedAt: "2026-09-20" }),
        account({ accountId: "SHUT2", status: "closed", closedAt: "2026-09-19" }),
      ],
      posts: [post("NEW", "2026-09-25 10:00")],
    });
    expect(r.findings("NEW", "weekly-update").map((f) => f.evidence.week)).toEqual(["2026-09-14/2026-09-20"]);
    expect(r.findings("SHUT", "weekly-update")).toHaveLength(2);
    expect(r.findings("SHUT2", "weekly-update")).toHaveLength(1);
  });

  describe("WeChat service accounts: the month before T", () => {
    // T = 2026-07-31 end of day → span (2026-06-30 23:59:59.999, T]: 31 days. Updates = distinct days
    // with a post; short when fewer than serviceMinUpdates (4).
    const service = () => account({ accountId: "S", platform: "wechat", accountType: "service" });
    const times = ["2026-07-01 00:00", "2026-07-08 10:00", "2026-07-15 10:00", "2026-07-31 23:59:59"];

    it("passes 4 pushes on 4 days in a 31-day span (all a service account may send)", () => {
      const r = run({ asOf: "2026-07-31", accounts: [service()], posts: times.map((t) => post("S", t)) });
      expect(r.findings("S", "weekly-update")).toEqual([]);
    });

    it("flags 4 articles in one push (one update)", () => {
      const push = ["10:00:00", "10:00:01", "10:00:02", "10:00:03"].map((t) => post("S", `2026-07-08 ${t}`));
      const r = run({ asOf: "2026-07-31", accounts: [service()], posts: push });
      expect(r.findings("S", "weekly-update")).toMatchObject([
        { messageId: "service-month", evidence: { updates: 1, posts: 4 } },
      ]);
    });

    it("counts one push of 4 articles as one update, and a post just before the span as none", () => {
      const push = ["10:00:00", "10:00:01", "10:00:02", "10:00:03"].map((t) => post("S", `2026-07-08 ${t}`));
      const r = run({
        asOf: "2026-07-31",
        accounts: [service()],
        posts: [
          post("S", "2026-06-30 23:59:59"),
          ...push,
          post("S", "2026-07-15 10:00"),
          post("S", "2026-07-22 10:00"),
        ],
      });
      expect(r.findings("S", "weekly-update")).toMatchObject([
        {
          messageId: "service-month",
          evidence: { updates: 3, required: 4, posts: 6, spanFrom: "2026-07-01", spanTo: "2026-07-31" },
        },
      ]);
    });

    it("takes serviceMinUpdates from the profile", () => {
      const r = run({
        asOf: "2026-07-31",
        accounts: [service()],
        posts: times.map((t) => post("S", t)),
        rules: { "weekly-update": { serviceMinUpdates: 5 } },
      });
      expect(r.findings("S", "weekly-update").map((f) => f.evidence.updates)).toEqual([4]);
    });

    it("never judges a service account per week", () => {
      const r = run({
        asOf: "2026-07-31",
        accounts: [service()],
        // all four before the first complete week (07-06): a per-week check would flag 3 weeks
        posts: ["2026-07-01", "2026-07-02", "2026-07-03", "2026-07-04"].map((d) => post("S", `${d} 09:00`)),
      });
      expect(r.findings("S", "weekly-update")).toEqual([]);
    });

    it("clamps to the shorter month and skips a span not wholly active", () => {
      // T = 2026-03-31 → span starts after 2026-02-28 23:59:59.999: 31 days.
      const r = run({
        asOf: "2026-03-31",
        accounts: [
          service(),
          account({ accountId: "N", platform: "wechat", accountType: "service", openedAt: "2026-03-05" }),
          account({
            accountId: "GONE",
            platform: "wechat",
            accountType: "service",
            status: "closed",
            closedAt: "2026-03-10",
          }),
        ],
        posts: [],
      });
      expect(r.findings("S", "weekly-update")[0]?.evidence).toMatchObject({
        updates: 0,
        spanFrom: "2026-03-01",
        spanTo: "2026-03-31",
      });
      // Opened within the span: not evaluated (said, never passed); closed: nothing to judge.
      expect(r.findings("N", "weekly-update")).toEqual([]);
      expect(r.notEvaluated("N")).toContainEqual({
        rule: "weekly-update",
        reason:
          "a service account judged on the month 2026-03-01 to 2026-03-31, not all of which it was active",
      });
      expect(r.findings("GONE", "weekly-update")).toEqual([]);
      expect(r.notEvaluated("GONE").map((n) => n.rule)).not.toContain("weekly-update");
    });
  });
});

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
    expect(f?.evidence).toEqual({
      lastPostAt: "2026-09-16T11:59:59.000+08:00",
      daysSinceLastPost: 14,
      spanStart: "2026-09-16T12:00:00.000+08:00",
    });
    // The last post's time and the span's start — no rounded "14 days" next to "within 2 weeks".
    expect(f?.message.zh).toBe(
      "最近一次更新为2026-09-16 11:59，早于2周检查期（2026-09-16 12:00至2026-09-30 12:00）的起点",
    );
  });

  it("vetoes an account that never posted, and ignores posts after T", () => {
    const r = run({
      asOf,
      accounts: [account({ accountId: "A" })],
      posts: [post("A", "2026-09-30 12:00:01")],
    });
    const [f] = r.findings("A", "no-update-2w");
    expect(f).toMatchObject({ messageId: "no-post", severity: "veto" });
    expect(f?.evidence).toEqual({
      lastPostAt: null,
      daysSinceLastPost: null,
      spanStart: "2026-09-16T12:00:00.000+08:00",
    });
    expect(f?.message.en).toBe(
      "No post on record: nothing in the 2-week span 2026-09-16 12:00 to 2026-09-30 12:00",
    );
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

  it("never vetoes an account closed or cancelled by T — but one closed after T's day was operating then", () => {
    const r = run({
      asOf,
      accounts: [
        account({ accountId: "C", status: "closed", closedAt: "2026-09-01" }),
        account({ accountId: "X", status: "cancelled", closedAt: "2026-09-01" }),
        account({ accountId: "ONT", status: "closed", closedAt: "2026-09-30" }), // closed on T's day
        account({ accountId: "NOD", status: "closed" }), // closed, date unknown
        account({ accountId: "LATER", status: "closed", closedAt: "2026-10-01" }), // an audit run after it closed
      ],
      posts: [],
    });
    for (const id of ["C", "X", "ONT", "NOD"]) expect(r.findings(id, "no-update-2w")).toEqual([]);
    expect(r.findings("LATER", "no-update-2w")).toMatchObject([{ messageId: "no-post", severity: "veto" }]);
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

  it("with a bare-date T, vetoes an account opened on T's day − 13 (14 whole days) but not − 12", () => {
    // T = 2026-09-30 23:59:59.999: T − 14 days + 1 ms = 2026-09-17 00:00.
    const r = run({
      asOf: "2026-09-30",
      accounts: [
        account({ accountId: "D13", openedAt: "2026-09-17" }),
        account({ accountId: "D12", openedAt: "2026-09-18" }),
      ],
      posts: [],
    });
    expect(r.findings("D13", "no-update-2w")).toMatchObject([{ messageId: "no-post", severity: "veto" }]);
    expect(r.findings("D12", "no-update-2w")).toMatchObject([
      { messageId: "new-account", severity: "warning" },
    ]);
  });

  it("gives a new account 14 days: opened_at 00:00 > T − 14 days + 1 ms", () => {
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
    expect(r.findings("OLD", "no-update-2w")).toMatchObject([{ messageId: "no-post", severity: "veto" }]);
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

  it("warns a new account too: the veto applies at the later of 14 days after its last post and after its opening", () => {
    // T = 2026-09-30 12:00; N = 5.
    const accounts = [
      account({ accountId: "POSTED", openedAt: "2026-09-20" }), // veto from 10-04 10:00 (the post)
      account({ accountId: "OLDPOST", openedAt: "2026-09-21" }), // post 09-15 (before opening): veto at 10-04 24:00
      account({ accountId: "SILENT", openedAt: "2026-09-21" }), // never posted: veto at 10-04 24:00
      account({ accountId: "LATER", openedAt: "2026-09-27" }), // never posted: veto from 10-11 — not within 5 days
      account({ accountId: "RECENT", openedAt: "2026-09-20" }), // posted 09-26: veto from 10-10 — not within 5 days
    ];
    const posts = [
      post("POSTED", "2026-09-20 10:00"),
      post("OLDPOST", "2026-09-15 10:00"),
      post("RECENT", "2026-09-26 10:00"),
    ];
    const r = run({ asOf, accounts, posts, warnWithin: 5 });
    expect(r.findings("POSTED", "no-update-2w")).toMatchObject([
      {
        messageId: "veto-imminent",
        severity: "warning",
        points: 0,
        evidence: { vetoAt: "2026-10-04T10:00:00.001+08:00" },
      },
    ]);
    expect(r.findings("OLDPOST", "no-update-2w")).toMatchObject([
      {
        messageId: "veto-imminent",
        evidence: { vetoAt: "2026-10-04T23:59:59.999+08:00", openedAt: "2026-09-21" },
      },
    ]);
    // The engine lists the dated finding first.
    expect(r.findings("SILENT", "no-update-2w")).toMatchObject([
      { messageId: "veto-imminent", message: { zh: "已9天未更新，如不更新将于2026-10-04触发单项否决" } },
      { messageId: "new-account" },
    ]);
    expect(r.findings("LATER", "no-update-2w")).toMatchObject([{ messageId: "new-account" }]);
    expect(r.findings("RECENT", "no-update-2w")).toEqual([]);
    // At the day named, the veto does apply (a bare date is the end of its day).
    const then = run({ asOf: "2026-10-04", accounts, posts });
    for (const id of ["POSTED", "OLDPOST", "SILENT"]) {
      expect(then.findings(id, "no-update-2w")).toMatchObject([{ severity: "veto" }]);
    }
    // One millisecond earlier, the new accounts are still new.
    const before = run({ asOf: "2026-10-04 23:59:59.998", accounts, posts });
    expect(before.findings("OLDPOST", "no-update-2w")).toEqual([]);
    expect(before.findings("SILENT", "no-update-2w")).toMatchObject([{ messageId: "new-account" }]);
  });

  it("gives no early warning to an account closed (after T) on or before the day its veto would apply", () => {
    const accounts = [
      account({ accountId: "ON", status: "closed", closedAt: "2026-10-03" }), // veto day 10-03: closed by then
      account({ accountId: "AFTER", status: "closed", closedAt: "2026-10-04" }), // still operating on 10-03
    ];
    const posts = [post("ON", "2026-09-19 11:00"), post("AFTER", "2026-09-19 11:00")];
    const r = run({ asOf, accounts, posts, warnWithin: 3 });
    expect(r.findings("ON", "no-update-2w")).toEqual([]);
    expect(r.findings("AFTER", "no-update-2w")).toMatchObject([{ messageId: "veto-imminent" }]);
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

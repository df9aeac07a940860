import { describe, expect, it } from "vitest";
import { account, post, run } from "./harness.js";

describe("closed-still-active", () => {
  const accounts = [account({ accountId: "C", status: "closed", closedAt: "2026-09-10" })];

  it("allows posts on the closed_at day itself", () => {
    const r = run({ asOf: "2026-09-30", accounts, posts: [post("C", "2026-09-10 23:59:59")] });
    expect(r.findings("C", "closed-still-active")).toEqual([]);
  });

  it("flags posts after closed_at, once per account, with the count and the last one", () => {
    const r = run({
      asOf: "2026-09-30",
      accounts,
      posts: [post("C", "2026-09-11 00:00:00"), post("C", "2026-09-15 08:00"), post("C", "2026-10-02 08:00")],
    });
    expect(r.findings("C", "closed-still-active")).toMatchObject([
      {
        messageId: "posts-after-closure",
        count: 1,
        evidence: { posts: 2, lastPostAt: "2026-09-15T08:00:00.000+08:00" },
        message: {
          zh: "登记为关停（2026-09-10）后仍发布2条信息，最近一条：2026-09-15 08:00",
          en: "2 posts after being recorded as closed on 2026-09-10; the last on 2026-09-15 08:00",
        },
      },
    ]);
    const cancelled = run({
      asOf: "2026-09-30",
      accounts: [account({ accountId: "X", status: "cancelled", closedAt: "2026-09-10" })],
      posts: [post("X", "2026-09-12 08:00")],
    });
    expect(cancelled.findings("X", "closed-still-active")[0]?.message.en).toContain(
      "recorded as cancelled on",
    );
  });

  it("ignores active accounts", () => {
    const r = run({
      asOf: "2026-09-30",
      accounts: [account({ accountId: "A" })],
      posts: [post("A", "2026-09-15 08:00")],
    });
    expect(r.findings("A", "closed-still-active")).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { account, post, run } from "./harness.js";

// T = 2026-09-30: complete weeks 09-07, 09-14, 09-21. Blocks of 2 are counted back from the last:
// [09-14 … 09-27] is judged; the leftover week 09-07 is not.
const asOf = "2026-09-30";
const repost = { original: false, source: "新华社" };

describe("original-content", () => {
  it("judges 2-week blocks counted backwards; the leftover week is not judged", () => {
    const r = run({
      asOf,
      accounts: [account({ accountId: "A" }), account({ accountId: "B" })],
      posts: [
        post("A", "2026-09-08 10:00"), // original, but in the leftover week
        post("A", "2026-09-16 10:00", repost),
        post("B", "2026-09-27 23:59:59"), // original on the block's last second
      ],
    });
    expect(r.findings("A", "original-content")).toMatchObject([
      {
        messageId: "few-originals",
        severity: "violation",
        points: 0,
        evidence: { from: "2026-09-14", to: "2026-09-27", originals: 0 },
      },
    ]);
    expect(r.findings("B", "original-content")).toEqual([]);
  });

  it("municipal profile: at least one original every week", () => {
    const r = run({
      asOf,
      profile: "municipal",
      accounts: [account({ accountId: "A" })],
      posts: [post("A", "2026-09-08 10:00"), post("A", "2026-09-22 10:00")],
    });
    expect(r.findings("A", "original-content").map((f) => f.evidence.from)).toEqual(["2026-09-14"]);
  });

  it("treats a repost (blank flag = repost) as not original and reports a low ratio with minRatio", () => {
    const r = run({
      asOf,
      rules: { "original-content": { minRatio: 0.5 } },
      accounts: [account({ accountId: "A" })],
      posts: [
        post("A", "2026-09-15 10:00"),
        post("A", "2026-09-16 10:00", repost),
        post("A", "2026-09-22 10:00", repost),
      ],
    });
    expect(r.findings("A", "original-content")).toMatchObject([
      { messageId: "low-ratio", evidence: { originalPosts: 1, posts: 3 } },
    ]);
  });

  it("kunshan: the ratio is reported, no minimum", () => {
    const r = run({ asOf, profile: "kunshan", accounts: [account({ accountId: "A" })], posts: [] });
    expect(r.findings("A", "original-content")).toEqual([]);
  });

  it("is off under the national profile", () => {
    const r = run({ asOf, profile: "national", accounts: [account({ accountId: "A" })], posts: [] });
    expect(r.findings("A", "original-content")).toEqual([]);
  });

  it("a window shorter than one block is not evaluated (never passed), unless a ratio is judged", () => {
    const accounts = [account({ accountId: "A" })];
    const posts = [post("A", "2026-09-22 08:00", repost)];
    const week39 = (more: Partial<Parameters<typeof run>[0]> = {}) =>
      run({ asOf: "", period: "2026W39", accounts, posts, ...more });
    const weekly = week39();
    expect(weekly.findings("A", "original-content")).toEqual([]);
    expect(weekly.notEvaluated("A")).toContainEqual({
      rule: "original-content",
      reason: "the window holds 1 complete week(s), fewer than a block of 2",
    });
    // Blocks of one week: the week is a block, judged.
    const weekBlocks = week39({ rules: { "original-content": { windowWeeks: 1 } } });
    expect(weekBlocks.findings("A", "original-content")).toMatchObject([{ messageId: "few-originals" }]);
    // With minRatio the ratio is still judged; kunshan (no minimum) requires nothing.
    const ratio = week39({ rules: { "original-content": { minRatio: 0.5 } } });
    expect(ratio.findings("A", "original-content")).toMatchObject([{ messageId: "low-ratio" }]);
    const kunshan = week39({ profile: "kunshan" });
    expect(kunshan.notEvaluated("A").map((n) => n.rule)).not.toContain("original-content");
  });

  it("is not evaluated when the posts file has no original column (a blank cell is a repost; no column says nothing)", () => {
    const r = run({
      asOf,
      accounts: [account({ accountId: "A" })],
      posts: [post("A", "2026-09-22 08:00", repost)],
      noOriginalColumn: true,
    });
    expect(r.findings("A", "original-content")).toEqual([]);
    expect(r.notEvaluated("A")).toContainEqual({
      rule: "original-content",
      reason: "the posts file has no 是否原创 (original) column",
    });
  });

  it("skips blocks not wholly inside the active span", () => {
    const r = run({
      asOf,
      accounts: [account({ accountId: "A", openedAt: "2026-09-15" })],
      posts: [post("A", "2026-09-29 08:00")],
    });
    expect(r.findings("A", "original-content")).toEqual([]);
  });
});

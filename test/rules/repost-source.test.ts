import { describe, expect, it } from "vitest";
import { account, post, run } from "./harness.js";

const asOf = "2026-09-30";

describe("repost-source", () => {
  it("counts reposts in W with a blank source as one finding with the total", () => {
    const posts = [
      post("A", "2026-09-10 10:00", { original: false, postId: "p1" }),
      post("A", "2026-09-11 10:00", { original: false, postId: "p2", source: "  " }),
      post("A", "2026-09-12 10:00", { original: false, postId: "p3", source: "人民日报" }),
      post("A", "2026-09-13 10:00", { original: true, postId: "p4" }),
      post("A", "2026-08-01 10:00", { original: false, postId: "old" }), // before W
    ];
    const r = run({ asOf, accounts: [account({ accountId: "A" })], posts });
    expect(r.findings("A", "repost-source")).toMatchObject([
      {
        messageId: "no-source",
        severity: "violation",
        count: 2,
        evidence: { count: 2, examples: ["p1", "p2"] },
      },
    ]);
  });

  it("is not evaluated when the posts file has no original column: every post would look like a repost", () => {
    const r = run({
      asOf,
      accounts: [account({ accountId: "A" })],
      posts: [post("A", "2026-09-10 10:00", { original: false })],
      noOriginalColumn: true,
    });
    expect(r.findings("A", "repost-source")).toEqual([]);
    expect(r.notEvaluated("A").map((n) => n.rule)).toContain("repost-source");
  });

  it("is not evaluated when the posts file has no source column: every repost would seem to lack one", () => {
    const r = run({
      asOf,
      rules: { "repost-source": { approvedSources: ["新华社"] } },
      accounts: [account({ accountId: "A" })],
      posts: [post("A", "2026-09-10 10:00", { original: false })],
      noSourceColumn: true,
    });
    expect(r.findings("A", "repost-source")).toEqual([]);
    expect(r.notEvaluated("A")).toContainEqual({
      rule: "repost-source",
      reason: "the posts file has no 来源 (source) column",
    });
  });

  it("warns about sources missing from approvedSources (normalised comparison)", () => {
    const posts = [
      post("A", "2026-09-10 10:00", { original: false, postId: "p1", source: "新华社 （北京）" }),
      post("A", "2026-09-11 10:00", { original: false, postId: "p2", source: "某某自媒体" }),
    ];
    const r = run({
      asOf,
      rules: { "repost-source": { approvedSources: ["新华社"] } },
      accounts: [account({ accountId: "A" })],
      posts,
    });
    expect(r.findings("A", "repost-source")).toMatchObject([
      {
        messageId: "unapproved-source",
        severity: "warning",
        count: 1,
        evidence: { sources: ["某某自媒体"] },
      },
    ]);
  });

  it("keeps at most 5 examples but counts all", () => {
    const posts = Array.from({ length: 8 }, (_, i) =>
      post("A", `2026-09-1${i} 10:00`, { original: false, postId: `p${i}` }),
    );
    const r = run({ asOf, accounts: [account({ accountId: "A" })], posts });
    const [f] = r.findings("A", "repost-source");
    expect(f?.count).toBe(8);
    expect(f?.evidence.examples).toHaveLength(5);
  });

  it("lists the first five unapproved sources by name, whatever the order of the posts", () => {
    // Seven unapproved sources (S1…S7) and an approved one, in scrambled order; S7 comes back after
    // five smaller names were seen, S2 has more reposts than examples kept.
    const order = [
      "S7",
      "新华社",
      "S5",
      "S6",
      "S3",
      "S1",
      "S4",
      "S2",
      "S7",
      "S2",
      "S2",
      "S2",
      "S2",
      "S2",
      "S2",
    ];
    const posts = order.map((source, i) =>
      post("A", `2026-09-${String(10 + i).padStart(2, "0")} 10:00`, {
        original: false,
        postId: `p${i}-${source}`,
        source,
      }),
    );
    const findingOf = (rows: typeof posts) =>
      run({
        asOf,
        rules: { "repost-source": { approvedSources: ["新华社"] } },
        accounts: [account({ accountId: "A" })],
        posts: rows,
      }).findings("A", "repost-source");
    const [f] = findingOf(posts);
    expect(f).toMatchObject({
      messageId: "unapproved-source",
      count: 14,
      evidence: {
        count: 14,
        sources: ["S1", "S2", "S3", "S4", "S5"],
        // S1's one example, then S2's earliest four (examples are capped at five in all).
        examples: ["p5-S1", "p7-S2", "p9-S2", "p10-S2", "p11-S2"],
      },
    });
    expect(f?.message.en).toContain("(S1、S2、S3、S4、S5…)");
    expect(findingOf([...posts].reverse())).toEqual([f]);
    // Exactly five sources: no "…".
    const five = posts.filter((p) => !["S6", "S7"].includes(p.source ?? ""));
    expect(findingOf(five)[0]?.message.en).toContain("(S1、S2、S3、S4、S5)");
  });

  it("keeps nothing about sources when approvedSources is empty", () => {
    const posts = [post("A", "2026-09-10 10:00", { original: false, postId: "p1", source: "某某自媒体" })];
    const r = run({ asOf, accounts: [account({ accountId: "A" })], posts });
    expect(r.findings("A", "repost-source")).toEqual([]);
    expect(r.facts[0]?.posts?.unapprovedSources).toBeUndefined();
  });
});

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
});

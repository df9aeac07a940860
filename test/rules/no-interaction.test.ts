import { describe, expect, it } from "vitest";
import { account, run } from "./harness.js";

describe("no-interaction", () => {
  const asOf = "2026-09-30";

  it("vetoes an account whose registry says it has no interaction function", () => {
    const r = run({ asOf, accounts: [account({ accountId: "A", interaction: false })] });
    expect(r.findings("A", "no-interaction")).toMatchObject([
      {
        messageId: "no-interaction",
        severity: "veto",
        points: 0,
        count: 1,
        evidence: { interaction: false },
      },
    ]);
  });

  it("says nothing when interaction is true or blank (blank is unknown, not false)", () => {
    const r = run({
      asOf,
      accounts: [account({ accountId: "Y", interaction: true }), account({ accountId: "B" })],
    });
    expect(r.findings("Y", "no-interaction")).toEqual([]);
    expect(r.findings("B", "no-interaction")).toEqual([]);
  });

  it("needs only the registry: judged without posts or messages", () => {
    const r = run({ asOf, accounts: [account({ accountId: "A", interaction: false })] });
    expect(r.notEvaluated("A").map((n) => n.rule)).not.toContain("no-interaction");
  });

  it("is a veto under national too (a national veto item)", () => {
    const r = run({ asOf, profile: "national", accounts: [account({ accountId: "A", interaction: false })] });
    expect(r.findings("A", "no-interaction")).toMatchObject([{ severity: "veto", points: 0 }]);
  });
});

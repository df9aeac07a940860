import { describe, expect, it } from "vitest";
import { audit, toJsonDocument } from "../src/index.js";

describe("library entry", () => {
  it("audits the demo county without spawning a process", async () => {
    const dir = "fixtures/demo";
    const result = await audit({
      files: {
        accounts: `${dir}/accounts.csv`,
        posts: `${dir}/posts.csv`,
        messages: `${dir}/messages.csv`,
        filings: `${dir}/filings.csv`,
        findings: `${dir}/findings.csv`,
      },
      now: 0,
      period: "2026Q3",
    });
    const vetoed = result.accounts.find((a) => a.accountId === "QH-004");
    expect(vetoed).toMatchObject({ verdict: "veto", score: 0, vetoes: ["no-update-2w"] });
    const doc = toJsonDocument(result, "zh");
    expect(doc.asOf).toBe("2026-09-30T23:59:59.999+08:00");
    expect(doc.from).toBe("2026-07-01T00:00:00.000+08:00");
  });
});

import { describe, expect, it } from "vitest";
import { account, filing, run } from "./harness.js";

// Announced Tuesday 2026-09-01: working days after it are 09-02 (1) … 09-18 (13), Sunday 09-20
// (make-up, 14), 09-21 (15). The closure may take effect on 09-21 at the earliest.
const A = () => [account({ accountId: "A", status: "closed", closedAt: "2026-09-21" })];

describe("closure-notice", () => {
  it("accepts a closure on the 15th working day after the notice", () => {
    const r = run({
      asOf: "2026-09-30",
      accounts: A(),
      filings: [
        filing("A", {
          event: "close",
          eventDate: "2026-09-21",
          filedAt: "2026-09-22",
          announcedAt: "2026-09-01",
        }),
      ],
    });
    expect(r.findings("A", "closure-notice")).toEqual([]);
  });

  it("flags a closure one day earlier (14 working days, counting the make-up Sunday)", () => {
    const r = run({
      asOf: "2026-09-30",
      accounts: A(),
      filings: [filing("A", { event: "cancel", eventDate: "2026-09-20", announcedAt: "2026-09-01" })],
    });
    expect(r.findings("A", "closure-notice")).toMatchObject([
      { messageId: "short-notice", severity: "violation", evidence: { noticeWorkdays: 14, required: 15 } },
    ]);
  });

  it("flags a closure without a public notice; ignores openings and events outside W", () => {
    const r = run({
      asOf: "2026-09-30",
      accounts: A(),
      filings: [
        filing("A", { event: "close", eventDate: "2026-09-21" }),
        filing("A", { event: "open", eventDate: "2026-09-10" }),
        filing("A", { event: "close", eventDate: "2026-05-01" }),
      ],
    });
    expect(r.findings("A", "closure-notice")).toMatchObject([
      { messageId: "no-notice", evidence: { announcedAt: null } },
    ]);
  });
});

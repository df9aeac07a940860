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

  it("a closure known only from the registry (no closing row) has no notice on record, judged once", () => {
    const accounts = [
      account({ accountId: "R", status: "closed", closedAt: "2026-09-10" }),
      account({ accountId: "X", status: "cancelled", closedAt: "2026-09-10" }),
      account({ accountId: "ROW", status: "closed", closedAt: "2026-09-10" }),
    ];
    const filings = [filing("ROW", { event: "close", eventDate: "2026-09-10", announcedAt: "2026-08-01" })];
    const q3 = run({ asOf: "2026-09-30", accounts, filings });
    expect(q3.findings("R", "closure-notice")).toMatchObject([
      {
        messageId: "no-notice",
        evidence: { event: "close", eventDate: "2026-09-10", inferredFrom: "accounts.closed_at" },
      },
    ]);
    expect(q3.findings("X", "closure-notice")).toMatchObject([{ evidence: { event: "cancel" } }]);
    expect(q3.findings("ROW", "closure-notice")).toEqual([]); // its row says when it was announced
    // The next window does not report it again.
    const q4 = run({ asOf: "", period: "2026Q4", accounts, filings });
    expect(q4.findings("R", "closure-notice")).toEqual([]);
  });

  it("municipal: a change needs a notice too; jiangsu judges closings only", () => {
    const accounts = [account({ accountId: "C" })];
    const filings = [filing("C", { event: "change", eventDate: "2026-09-10", filedAt: "2026-09-10" })];
    const municipal = run({ asOf: "2026-09-30", profile: "municipal", accounts, filings });
    expect(municipal.findings("C", "closure-notice")).toMatchObject([
      { messageId: "no-notice", message: { zh: "变更（2026-09-10）前未向社会公告" } },
    ]);
    expect(run({ asOf: "2026-09-30", accounts, filings }).findings("C", "closure-notice")).toEqual([]);
  });

  it("kunshan: a short but existing notice passes (no length); none at all is still flagged", () => {
    const accounts = [
      account({ accountId: "S", status: "closed", closedAt: "2026-09-21" }),
      account({ accountId: "N", status: "closed", closedAt: "2026-09-21" }),
      account({ accountId: "L", status: "closed", closedAt: "2026-09-21" }),
    ];
    const filings = [
      filing("S", { event: "close", eventDate: "2026-09-21", announcedAt: "2026-09-21" }),
      filing("N", { event: "close", eventDate: "2026-09-21" }),
      filing("L", { event: "close", eventDate: "2026-09-21", announcedAt: "2026-09-22" }), // after it
    ];
    const r = run({ asOf: "2026-09-30", profile: "kunshan", accounts, filings });
    expect(r.findings("S", "closure-notice")).toEqual([]);
    expect(r.findings("N", "closure-notice")).toMatchObject([{ messageId: "no-notice" }]);
    expect(r.findings("L", "closure-notice")).toMatchObject([{ messageId: "short-notice" }]);
    // The same short notice fails where the document asks for 15 working days.
    expect(run({ asOf: "2026-09-30", accounts, filings }).findings("S", "closure-notice")).toMatchObject([
      { messageId: "short-notice", evidence: { noticeWorkdays: 0, required: 15 } },
    ]);
  });
});

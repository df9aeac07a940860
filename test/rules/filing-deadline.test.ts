import { describe, expect, it } from "vitest";
import { judgeFilings } from "../../src/audit/filings.js";
import { account, filing, filingParams, run } from "./harness.js";

// Event Wednesday 2026-09-30, 3 working days: Oct 1–7 rest, Oct 8 (1), Oct 9 (2), Sat Oct 10 make-up (3).
const A = () => [account({ accountId: "A" })];
const open930 = (filedAt?: string) =>
  filing("A", { event: "open", eventDate: "2026-09-30", ...(filedAt === undefined ? {} : { filedAt }) });

describe("filing-deadline", () => {
  it("counts the deadline in working days across National Day", () => {
    const r = run({
      asOf: "2026-10-31",
      from: "2026-09-01",
      accounts: A(),
      filings: [open930("2026-10-10")],
    });
    const { outcomes } = judgeFilings(r.facts[0]!, filingParams(r), r.window, r.calendar);
    expect(outcomes).toMatchObject([{ deadline: "2026-10-10", state: "on-time", workdaysTaken: 3 }]);
    expect(r.findings("A", "filing-deadline")).toEqual([]);
  });

  it("is late when filed on a day after the deadline day", () => {
    const r = run({
      asOf: "2026-10-31",
      from: "2026-09-01",
      accounts: A(),
      filings: [open930("2026-10-11")],
    });
    expect(r.findings("A", "filing-deadline")).toMatchObject([
      {
        messageId: "late",
        severity: "violation",
        evidence: { deadline: "2026-10-10", filedAt: "2026-10-11", workdaysTaken: 3 },
      },
    ]);
  });

  it("is pending while the deadline day has not ended at T, missing after", () => {
    const pending = run({ asOf: "2026-10-10", from: "2026-09-01", accounts: A(), filings: [open930()] });
    expect(pending.findings("A", "filing-deadline")).toEqual([]);
    const missing = run({
      asOf: "2026-10-11 00:00",
      from: "2026-09-01",
      accounts: A(),
      filings: [open930()],
    });
    expect(missing.findings("A", "filing-deadline")).toMatchObject([{ messageId: "missing" }]);
  });

  it("counts a filed_at after T as not filed", () => {
    const r = run({
      asOf: "2026-10-20",
      from: "2026-09-01",
      accounts: A(),
      filings: [open930("2026-10-21")],
    });
    expect(r.findings("A", "filing-deadline")).toMatchObject([
      { messageId: "missing", evidence: { filedAt: null } },
    ]);
  });

  it("infers a missing open filing from opened_at in W", () => {
    const r = run({
      asOf: "2026-09-30",
      accounts: [
        account({ accountId: "A", openedAt: "2026-09-07" }),
        account({ accountId: "B", openedAt: "2026-08-01" }),
      ],
      filings: [],
    });
    expect(r.findings("A", "filing-deadline")).toMatchObject([
      {
        messageId: "missing",
        evidence: {
          event: "open",
          eventDate: "2026-09-07",
          deadline: "2026-09-10",
          inferredFrom: "accounts.opened_at",
        },
      },
    ]);
    expect(r.findings("B", "filing-deadline")).toEqual([]); // opened before W
  });

  it("carries over older events still unfiled at T; settled older ones are ignored", () => {
    const r = run({
      asOf: "2026-09-30",
      accounts: A(),
      filings: [
        filing("A", { event: "change", eventDate: "2026-06-01" }),
        filing("A", { event: "change", eventDate: "2026-06-10", filedAt: "2026-07-30" }),
      ],
    });
    expect(r.findings("A", "filing-deadline")).toMatchObject([
      { messageId: "missing", evidence: { eventDate: "2026-06-01", deadline: "2026-06-04" } },
    ]);
  });

  it("kunshan: 2 working days and prior approval", () => {
    const r = run({
      asOf: "2026-10-31",
      from: "2026-09-01",
      profile: "kunshan",
      accounts: A(),
      filings: [
        filing("A", {
          event: "open",
          eventDate: "2026-09-30",
          filedAt: "2026-10-10",
          approvedAt: "2026-10-01",
        }),
      ],
    });
    expect(
      r
        .findings("A", "filing-deadline")
        .map((f) => [f.messageId, f.evidence.deadline ?? f.evidence.approvedAt]),
    ).toEqual([
      ["late", "2026-10-09"],
      ["opened-without-approval", "2026-10-01"],
    ]);
  });

  it("nantong: accounts opened before 2019-10-10 file within 20 working days of it", () => {
    const r = run({
      asOf: "2019-12-31",
      from: "2019-01-01",
      profile: "nantong",
      accounts: A(),
      filings: [filing("A", { event: "open", eventDate: "2019-05-06", filedAt: "2019-11-06" })],
    });
    // 20 working days after Thursday 2019-10-10, counting the make-up Saturday 2019-10-12, is 2019-11-06.
    const { outcomes } = judgeFilings(r.facts[0]!, filingParams(r), r.window, r.calendar);
    expect(outcomes).toMatchObject([{ deadline: "2019-11-06", state: "on-time" }]);
  });

  it("still runs for accounts that are not scored", () => {
    const r = run({ asOf: "2026-09-30", accounts: A(), filings: [] });
    expect(r.profile.rules.find((x) => x.rule.id === "filing-deadline")?.rule.runsWhenNotScored).toBe(true);
  });
});

import { describe, expect, it } from "vitest";
import { judgeFilings } from "../../src/facts/filings.js";
import { WorkCalendar } from "../../src/time/calendar.js";
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

  it("judges an older event settled late in W when its deadline ran out in W, not when it ran out before", () => {
    // Change of 2026-09-30, due 2026-10-10, filed 2026-10-12: pending at the end of the window holding
    // the deadline day, so the next window (starting the day after the deadline) judges it late.
    const change = [filing("A", { event: "change", eventDate: "2026-09-30", filedAt: "2026-10-12" })];
    const holdingDeadline = run({ asOf: "2026-10-10", from: "2026-09-01", accounts: A(), filings: change });
    expect(holdingDeadline.findings("A", "filing-deadline")).toEqual([]);
    const next = run({ asOf: "2026-10-31", from: "2026-10-11", accounts: A(), filings: change });
    expect(next.findings("A", "filing-deadline")).toMatchObject([
      {
        messageId: "late",
        evidence: { eventDate: "2026-09-30", deadline: "2026-10-10", filedAt: "2026-10-12" },
      },
    ]);
    expect(next.findings("A", "filing-deadline")[0]!.message.zh).toContain("超过3个工作日时限");
    const quarter = run({ asOf: "2026-12-31", from: "2026-10-01", accounts: A(), filings: change });
    expect(quarter.findings("A", "filing-deadline")).toMatchObject([{ messageId: "late" }]);
    // The deadline ran out before the window's first day: an earlier window reported it.
    const later = run({ asOf: "2026-10-31", from: "2026-10-12", accounts: A(), filings: change });
    expect(later.findings("A", "filing-deadline")).toEqual([]);
  });

  it("kunshan: an opening inferred from opened_at in W has no approval on record", () => {
    const r = run({
      asOf: "2026-09-30",
      profile: "kunshan",
      accounts: [
        account({ accountId: "A", openedAt: "2026-09-08" }),
        account({ accountId: "B", openedAt: "2026-08-01" }),
        account({ accountId: "C", openedAt: "2026-09-08" }),
      ],
      filings: [
        filing("C", {
          event: "open",
          eventDate: "2026-09-08",
          filedAt: "2026-09-09",
          approvedAt: "2026-09-01",
        }),
      ],
    });
    expect(
      r
        .findings("A", "filing-deadline")
        .map((f) => [f.messageId, f.evidence.inferredFrom, f.evidence.approvedAt]),
    ).toEqual([
      ["missing", "accounts.opened_at", undefined],
      ["opened-without-approval", "accounts.opened_at", null],
    ]);
    expect(r.findings("B", "filing-deadline")).toEqual([]); // opened before W: not inferred
    expect(r.findings("C", "filing-deadline")).toEqual([]); // approved and filed in time
  });

  it("an account opened long before W asks the calendar nothing (an opening of 2001 under --strict-calendar)", () => {
    const calendar = WorkCalendar.builtIn({ strict: true });
    const r = run({
      asOf: "2026-09-30",
      calendar,
      accounts: [
        account({ accountId: "OLD", openedAt: "2001-06-01" }),
        account({ accountId: "EDGE", openedAt: "2026-08-20" }),
      ],
      filings: [],
    });
    expect(r.findings("OLD", "filing-deadline")).toEqual([]);
    expect(r.calendar.warnings).toEqual([]);
  });

  it("an opening with no row: pending says nothing (approval included); one due in W is judged there once", () => {
    const accounts = [
      account({ accountId: "NEW", openedAt: "2026-09-28" }), // kunshan, 2 working days: due 09-30, pending at Q3's T
      account({ accountId: "EDGE", openedAt: "2026-09-29" }), // due 10-08 (after National Day): judged in Q4
      account({ accountId: "OLD", openedAt: "2026-09-20" }), // due 09-22: Q3 reported it, Q4 does not
    ];
    const q3 = run({ asOf: "2026-09-30", profile: "kunshan", accounts, filings: [] });
    expect(q3.findings("NEW", "filing-deadline")).toEqual([]);
    expect(q3.findings("EDGE", "filing-deadline")).toEqual([]);
    expect(q3.findings("OLD", "filing-deadline").map((f) => f.messageId)).toEqual([
      "missing",
      "opened-without-approval",
    ]);
    const q4 = run({ asOf: "", period: "2026Q4", profile: "kunshan", accounts, filings: [] });
    for (const id of ["NEW", "EDGE"]) {
      expect(q4.findings(id, "filing-deadline").map((f) => f.messageId)).toEqual([
        "missing",
        "opened-without-approval",
      ]);
    }
    expect(q4.findings("OLD", "filing-deadline")).toEqual([]);
  });

  it("nantong: an account opened before the cutoff with no open row is an unfiled legacy opening", () => {
    const accounts = [
      account({ accountId: "A", openedAt: "2019-05-01" }),
      account({ accountId: "B", openedAt: "2019-10-09" }), // the day before the cutoff: legacy
      account({ accountId: "C", openedAt: "2019-10-10" }), // on the cutoff: 3 working days
      account({ accountId: "D", openedAt: "2019-05-01", status: "closed", closedAt: "2019-10-09" }),
    ];
    const at = (s: { asOf: string; from: string }) =>
      run({ ...s, profile: "nantong", accounts, filings: [] });
    const ids = (r: ReturnType<typeof run>, id: string) =>
      r.findings(id, "filing-deadline").map((f) => [f.messageId, f.evidence.deadline]);

    // The window holding the legacy deadline (2019-11-06) reports it although the opening is older.
    const q4 = at({ asOf: "2019-12-31", from: "2019-10-01" });
    expect(q4.findings("A", "filing-deadline")).toMatchObject([
      {
        messageId: "missing-legacy",
        evidence: {
          event: "open",
          eventDate: "2019-05-01",
          deadline: "2019-11-06",
          legacyCutoff: "2019-10-10",
          workdays: 20,
          inferredFrom: "accounts.opened_at",
        },
      },
    ]);
    expect(q4.findings("A", "filing-deadline")[0]!.message.zh).toContain("20个工作日");
    expect(ids(q4, "B")).toEqual([["missing-legacy", "2019-11-06"]]);
    // An opening on the cutoff has 3 working days: Fri 10-11 (1), make-up Sat 10-12 (2), Mon 10-14 (3).
    expect(ids(q4, "C")).toEqual([["missing", "2019-10-14"]]);
    // Closed before the measures: no opening to file, but its closing (known from the registry alone)
    // is an unfiled close like a row would be: 09 Wed → Thu 10-10, Fri 10-11, make-up Sat 10-12.
    expect(ids(q4, "D")).toEqual([["missing", "2019-10-12"]]);
    expect(q4.findings("D", "filing-deadline")[0]!.evidence).toMatchObject({
      event: "close",
      inferredFrom: "accounts.closed_at",
    });

    // A window holding the opening judges it against the legacy deadline, not 3 working days.
    expect(ids(at({ asOf: "2019-12-31", from: "2019-01-01" }), "A")).toEqual([
      ["missing-legacy", "2019-11-06"],
    ]);
    expect(ids(at({ asOf: "2019-06-30", from: "2019-04-01" }), "A")).toEqual([]); // not due yet: pending
    // A deadline ending exactly at T is still pending; missing just after.
    expect(ids(at({ asOf: "2019-11-06", from: "2019-10-01" }), "A")).toEqual([]);
    expect(ids(at({ asOf: "2019-11-07 00:00", from: "2019-10-01" }), "A")).toEqual([
      ["missing-legacy", "2019-11-06"],
    ]);
    // Still unfiled at T: carried over to later windows (an ordinary opening before W is not inferred).
    const later = at({ asOf: "2026-09-30", from: "2026-07-01" });
    expect(ids(later, "A")).toEqual([["missing-legacy", "2019-11-06"]]);
    expect(ids(later, "C")).toEqual([]);
  });

  it("nantong: a legacy opening filed late is judged in the window holding its deadline", () => {
    const filings = [
      filing("A", { event: "open", eventDate: "2019-05-01", filedAt: "2019-11-08" }),
      filing("B", { event: "open", eventDate: "2019-05-01", filedAt: "2019-11-06" }),
    ];
    const accounts = [account({ accountId: "A" }), account({ accountId: "B" })];
    const q4 = run({ asOf: "2019-12-31", from: "2019-10-01", profile: "nantong", accounts, filings });
    const [late] = q4.findings("A", "filing-deadline");
    expect(late).toMatchObject({
      messageId: "late-legacy",
      evidence: { deadline: "2019-11-06", filedAt: "2019-11-08", legacyCutoff: "2019-10-10", workdays: 20 },
    });
    expect(late!.message.zh).toContain("20个工作日");
    expect(late!.message.zh).not.toContain("超过3个工作日");
    expect(q4.findings("B", "filing-deadline")).toEqual([]); // on the deadline day: on time
    // Settled before the next window began: not reported again.
    const q1 = run({ asOf: "2020-03-31", from: "2020-01-01", profile: "nantong", accounts, filings });
    expect(q1.findings("A", "filing-deadline")).toEqual([]);
  });

  it("still runs for accounts that are not scored", () => {
    const r = run({ asOf: "2026-09-30", accounts: A(), filings: [] });
    expect(r.profile.rules.find((x) => x.rule.id === "filing-deadline")?.rule.runsWhenNotScored).toBe(true);
  });

  it("a closure known only from the registry is an unfiled closing: missing once its deadline passes, judged once", () => {
    // Closed Thu 2026-09-10 with no closing row: due Tue 09-15 (3 working days).
    const accounts = [
      account({ accountId: "R", status: "closed", closedAt: "2026-09-10" }),
      account({ accountId: "EDGE", status: "cancelled", closedAt: "2026-09-29" }), // due 10-09: Q4
      account({ accountId: "ROW", status: "closed", closedAt: "2026-09-10" }),
    ];
    const filings = [filing("ROW", { event: "close", eventDate: "2026-09-10", filedAt: "2026-09-11" })];
    const q3 = run({ asOf: "2026-09-30", accounts, filings });
    expect(q3.findings("R", "filing-deadline")).toMatchObject([
      {
        messageId: "missing",
        evidence: { event: "close", deadline: "2026-09-15", inferredFrom: "accounts.closed_at" },
      },
    ]);
    expect(q3.findings("EDGE", "filing-deadline")).toEqual([]); // pending at T
    expect(q3.findings("ROW", "filing-deadline")).toEqual([]);
    const q4 = run({ asOf: "", period: "2026Q4", accounts, filings });
    expect(q4.findings("R", "filing-deadline")).toEqual([]); // reported by Q3
    expect(q4.findings("EDGE", "filing-deadline")).toMatchObject([
      { messageId: "missing", evidence: { event: "cancel", deadline: "2026-10-09" } },
    ]);
  });

  it("municipal: every event needs prior approval; kunshan asks it of openings only", () => {
    const accounts = [account({ accountId: "A", openedAt: "2020-01-01" })];
    const filings = [
      filing("A", { event: "change", eventDate: "2026-09-10", filedAt: "2026-09-10" }),
      filing("A", {
        event: "close",
        eventDate: "2026-09-20",
        filedAt: "2026-09-21",
        approvedAt: "2026-09-19",
      }),
    ];
    const municipal = run({ asOf: "2026-09-30", profile: "municipal", accounts, filings });
    expect(municipal.findings("A", "filing-deadline")).toMatchObject([
      {
        messageId: "without-approval",
        evidence: { event: "change", approvedAt: null },
        message: { zh: "变更事项（2026-09-10）未经事先审批（无审批记录）" },
      },
    ]);
    const kunshan = run({ asOf: "2026-09-30", profile: "kunshan", accounts, filings });
    expect(kunshan.findings("A", "filing-deadline")).toEqual([]);
  });
});

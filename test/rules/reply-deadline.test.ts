import { describe, expect, it } from "vitest";
import { account, message, run } from "./harness.js";

// 2026 National Day: 10-01…10-07 rest; Sunday 09-20 and Saturday 10-10 are make-up working days.
const A = [account({ accountId: "A" })];

function states(r: ReturnType<typeof run>) {
  const m = r.facts[0]!.messages!;
  return { due: m.due, onTime: m.onTime, late: m.late, overdue: m.overdue, pending: m.pending };
}

describe("reply-deadline", () => {
  it("gives 24 h on a make-up Saturday (a working day); a reply exactly at the deadline is on time", () => {
    const r = run({
      asOf: "2026-10-31",
      accounts: A,
      messages: [
        message("A", "2026-10-10 09:00", "2026-10-11 09:00:00", { messageId: "m1" }),
        message("A", "2026-10-10 09:00", "2026-10-11 09:00:01", { messageId: "m2" }),
      ],
    });
    expect(states(r)).toEqual({ due: 2, onTime: 1, late: 1, overdue: 0, pending: 0 });
    expect(r.findings("A", "reply-deadline")).toMatchObject([
      {
        messageId: "late",
        severity: "violation",
        points: 0,
        evidence: {
          messageId: "m2",
          deadline: "2026-10-11T09:00:00.000+08:00",
          hoursAllowed: 24,
          restDay: false,
        },
      },
    ]);
  });

  it("gives 48 h when received on a holiday or a weekend", () => {
    const r = run({
      asOf: "2026-10-31",
      from: "2026-09-01",
      accounts: A,
      messages: [
        message("A", "2026-10-03 10:00", "2026-10-05 09:00", { messageId: "holiday" }),
        message("A", "2026-09-27 10:00", "2026-09-29 10:00", { messageId: "mid-autumn-sunday" }),
        message("A", "2026-09-20 10:00", "2026-09-21 10:01", { messageId: "makeup-sunday" }), // a working day: 24 h
      ],
    });
    expect(states(r)).toMatchObject({ onTime: 2, late: 1 });
    expect(r.findings("A", "reply-deadline").map((f) => f.evidence.messageId)).toEqual(["makeup-sunday"]);
  });

  it("counts a reply after T as none: overdue when the deadline passed, pending otherwise", () => {
    const r = run({
      asOf: "2026-09-30",
      accounts: A,
      messages: [
        message("A", "2026-09-29 10:00", "2026-10-01 09:00", { messageId: "after-T" }),
        message("A", "2026-09-30 20:00", undefined, { messageId: "waiting" }),
      ],
    });
    expect(states(r)).toEqual({ due: 2, onTime: 0, late: 0, overdue: 1, pending: 1 });
    expect(r.findings("A", "reply-deadline")).toMatchObject([
      { messageId: "overdue", evidence: { messageId: "after-T", repliedAt: null } },
    ]);
  });

  it("carries over older messages still unanswered and overdue at T, not older settled ones", () => {
    // window: 2026-09-03 … 2026-09-30
    const r = run({
      asOf: "2026-09-30",
      accounts: A,
      messages: [
        message("A", "2026-08-20 10:00", undefined, { messageId: "old-open" }),
        message("A", "2026-08-20 10:00", "2026-08-25 10:00", { messageId: "old-late" }),
        message("A", "2026-08-20 10:00", "2026-08-20 11:00", { messageId: "old-ok" }),
      ],
    });
    expect(states(r)).toEqual({ due: 1, onTime: 0, late: 0, overdue: 1, pending: 0 });
  });

  it("carries over an older message replied late in W when its deadline ran out at or after the previous T", () => {
    // W = 2026Q4 (from 10-01 00:00); the previous window's T is 09-30 23:59:59.999.
    const r = run({
      asOf: "",
      period: "2026Q4",
      accounts: A,
      messages: [
        // Wed 09-30 20:00 (a working day) → due 10-01 20:00, in W; replied late in W: reported here.
        message("A", "2026-09-30 20:00", "2026-10-03 09:00", { messageId: "due-in-w" }),
        // Due at the previous T itself (pending then): reported here.
        message("A", "2026-09-29 23:59:59.999", "2026-10-02 09:00", { messageId: "due-at-prev-t" }),
        // Due 09-30 10:00, before the previous T: that audit reported it overdue; not again here.
        message("A", "2026-09-29 10:00", "2026-10-02 09:00", { messageId: "reported-before" }),
        // Due in W, replied on time: nothing to report.
        message("A", "2026-09-30 20:00", "2026-10-01 19:00", { messageId: "on-time" }),
      ],
    });
    expect(states(r)).toEqual({ due: 2, onTime: 0, late: 2, overdue: 0, pending: 0 });
    expect(r.findings("A", "reply-deadline").map((f) => f.evidence.messageId)).toEqual([
      "due-at-prev-t",
      "due-in-w",
    ]);
  });

  it("restDayRule overlaps: 48 h when the 24 h window touches a rest day", () => {
    // Friday 2026-09-18 15:00 (a working day) + 24 h reaches Saturday 09-19 (rest).
    const messages = [message("A", "2026-09-18 15:00", "2026-09-19 20:00")];
    const received = run({ asOf: "2026-09-30", accounts: A, messages });
    const overlaps = run({
      asOf: "2026-09-30",
      accounts: A,
      messages,
      rules: { "reply-deadline": { restDayRule: "overlaps" } },
    });
    expect(states(received).late).toBe(1);
    expect(states(overlaps).onTime).toBe(1);
  });

  it("judges consultations only, unless categories say otherwise", () => {
    const messages = [message("A", "2026-09-10 10:00", undefined, { category: "complaint" })];
    expect(states(run({ asOf: "2026-09-30", accounts: A, messages })).due).toBe(0);
    const all = run({
      asOf: "2026-09-30",
      accounts: A,
      messages,
      rules: { "reply-deadline": { categories: ["consultation", "complaint"] } },
    });
    expect(states(all)).toMatchObject({ due: 1, overdue: 1 });
  });

  it("is not evaluated without a messages file", () => {
    const r = run({ asOf: "2026-09-30", accounts: A });
    expect(r.notEvaluated("A")).toContainEqual({ rule: "reply-deadline", reason: "no messages input" });
  });

  it("nantong and kunshan set no reply deadline: no finding, the reply metrics still reported", () => {
    const messages = [message("A", "2026-09-10 09:00", "2026-09-14 09:00")]; // 4 days: late under jiangsu
    expect(run({ asOf: "2026-09-30", accounts: A, messages }).findings("A", "reply-deadline")).toHaveLength(
      1,
    );
    for (const profile of ["nantong", "kunshan"]) {
      const r = run({ asOf: "2026-09-30", profile, accounts: A, messages });
      expect(r.findings("A", "reply-deadline")).toEqual([]);
      expect(states(r)).toEqual({ due: 1, onTime: 0, late: 1, overdue: 0, pending: 0 });
    }
  });
});

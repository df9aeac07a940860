import { describe, expect, it } from "vitest";
import { assessUnits, KUNSHAN_ITEMS, resolveAssessment } from "../../src/follow/assessment.js";
import type { UnitFacts } from "../../src/follow/unit-facts.js";
import { resolveProfile } from "../../src/profiles/resolve.js";
import type { AccountResult, AuditResult, FindingResult } from "../../src/scoring/result.js";

const kunshan = resolveAssessment(resolveProfile("kunshan"), "zh");

function account(
  id: string,
  verdict: AccountResult["verdict"] = "pass",
  findings: Partial<FindingResult>[] = [],
) {
  return {
    accountId: id,
    name: id,
    hostUnit: "甲局",
    verdict,
    findings: findings.map((f) => ({
      accountId: id,
      hostUnit: "甲局",
      evidence: {},
      message: { zh: "m", en: "m" },
      key: null,
      ...f,
    })),
  } as unknown as AccountResult;
}

function quarter(accounts: AccountResult[], missingInputs: string[] = []): AuditResult {
  return { accounts, units: [], missingInputs, unregisteredAccounts: [] } as unknown as AuditResult;
}

/** Facts that answer everything with "no problem". */
function clean(over: Partial<UnitFacts> = {}): UnitFacts {
  return {
    hostUnit: "甲局",
    areaGovernment: false,
    quarterlyInspection: true,
    spotCheckSeriousError: false,
    fraud: false,
    rectificationOverdue: false,
    reports: ["2026-03-31", "2026-06-30", "2026-09-30", "2026-12-31"],
    fullCoverage: true,
    unregisteredAccounts: 0,
    inPerformanceAppraisal: true,
    coverage: [100, 100, 100, 100],
    spotCheckAllPassed: true,
    cityCommendations: 0,
    provincialCommendations: 0,
    at: "t:2",
    ...over,
  };
}

const fourQuarters = (accounts: AccountResult[], missing: string[] = []) =>
  [1, 2, 3, 4].map(() => quarter(accounts, missing));

function assess(facts: UnitFacts[], accounts = [account("A")], items = kunshan, missing: string[] = []) {
  return assessUnits({ year: 2026, quarters: fourQuarters(accounts, missing), facts, items });
}
const item = (u: ReturnType<typeof assess>[number], id: string) => u.items.find((i) => i.id === id)!;

/** The Chinese text of the error `f` throws (errors carry both languages; `message` is the English). */
function zhOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (err) {
    return (err as { text?: { zh: string } }).text?.zh;
  }
  return undefined;
}

describe("annual assessment (昆政办发〔2019〕162号 附件3)", () => {
  it("a report on the quarter's last day is on time; the day after costs 5; 未报送 too", () => {
    const [u] = assess([clean({ reports: ["2026-03-31", "2026-07-01", "missing", "2026-12-31"] })]);
    expect(item(u!, "late-report")).toMatchObject({ status: "evaluated", occurrences: 2, points: 10 });
    expect(u!.score).toBe(90 + 30 - 10);
  });

  it("caps an item, then its group: 5 late reports would be 20 at most, and 抽查检查 30 in all", () => {
    const late = ["2026-04-01", "2026-07-01", "2026-10-01", "missing"];
    const [u] = assess([clean({ reports: late, fullCoverage: false })]);
    expect(item(u!, "late-report").points).toBe(20);
    expect(item(u!, "coverage").points).toBe(10);
    const repriced = kunshan.map((i) => (i.id === "late-report" ? { ...i, points: 10, cap: 40 } : i));
    const [v] = assess([clean({ reports: late, fullCoverage: false })], [account("A")], repriced);
    // 40 + 10 is over the group's 30: the later item gives way.
    expect([item(v!, "late-report").points, item(v!, "coverage").points]).toEqual([30, 0]);
    expect(v!.deductionScore).toBe(70);
  });

  it("adds the bonus only above 80: exactly 80 gets none, 81 gets it", () => {
    const at80 = assess([clean({ rectificationOverdue: true, inPerformanceAppraisal: false })])[0]!;
    expect([at80.deductionScore, at80.bonusStage, at80.bonus, at80.score]).toEqual([80, false, 0, 80]);
    const at81 = assess([clean({ unregisteredAccounts: 9, inPerformanceAppraisal: false })])[0]!;
    expect([at81.deductionScore, at81.bonusStage, at81.bonus, at81.score]).toEqual([81, true, 20, 101]);
  });

  it("fails below 60 and passes at 60", () => {
    const facts = clean({
      rectificationOverdue: true,
      inPerformanceAppraisal: false,
      fullCoverage: false,
      unregisteredAccounts: 10,
    });
    expect(assess([facts])[0]).toMatchObject({ deductionScore: 60, verdict: "pass" });
    expect(
      assess([{ ...facts, reports: ["2026-04-01", "2026-06-30", "2026-09-30", "2026-12-31"] }])[0],
    ).toMatchObject({ deductionScore: 55, verdict: "fail" });
  });

  it("vetoes a unit with 2 accounts judged unqualified in the year (one account in two quarters is one)", () => {
    const one = assessUnits({
      year: 2026,
      quarters: [quarter([account("A", "veto")]), quarter([account("A", "fail")]), quarter([]), quarter([])],
      facts: [clean()],
      items: kunshan,
    });
    expect(one[0]).toMatchObject({ verdict: "pass" });
    expect(item(one[0]!, "unqualified-accounts").occurrences).toBe(1);
    const two = assessUnits({
      year: 2026,
      quarters: [quarter([account("A", "veto")]), quarter([account("B", "fail")]), quarter([]), quarter([])],
      facts: [clean()],
      items: kunshan,
    });
    expect(two[0]).toMatchObject({ verdict: "veto", score: null, deductionScore: null });
  });

  it("never gives full marks for what nobody said: without facts the office's items are not evaluated", () => {
    const [u] = assess([]);
    expect(item(u!, "appraisal")).toMatchObject({ status: "not-evaluated", points: 0 });
    expect(item(u!, "no-quarterly-inspection")).toMatchObject({ status: "not-evaluated", vetoed: false });
    expect(u!.incomplete).toEqual(
      expect.arrayContaining(["rectification", "late-report", "coverage", "appraisal", "fraud"]),
    );
    // The data's items are still judged.
    expect(item(u!, "duplicate-accounts").status).toBe("evaluated");
  });

  it("does not evaluate the filing items without a filings input in any quarter", () => {
    const [u] = assess([clean()], [account("A")], kunshan, ["filings"]);
    expect(item(u!, "late-filing").status).toBe("not-evaluated");
    expect(item(u!, "closed-still-active").status).toBe("partial");
  });

  it("counts a filing still missing in two quarters once", () => {
    const missing = {
      rule: "filing-deadline",
      messageId: "missing",
      evidence: { event: "change", eventDate: "2026-03-02" },
    };
    const [u] = assess([clean()], [account("A", "pass", [missing])]);
    expect(item(u!, "late-filing")).toMatchObject({ occurrences: 1, points: 2 });
  });

  it("lets a profile switch an item off and refuses an unknown one", () => {
    const off = kunshan.map((i) => (i.id === "appraisal" ? { ...i, enabled: false } : i));
    const [u] = assess([clean({ inPerformanceAppraisal: false })], [account("A")], off);
    expect(item(u!, "appraisal")).toMatchObject({ status: "off", points: 0 });
    const profile = {
      ...resolveProfile("kunshan"),
      assessment: { model: "kunshan" as const, items: { appraisall: { enabled: false } } },
    };
    expect(zhOf(() => resolveAssessment(profile, "zh"))).toMatch(/未知考核项：appraisall/);
    expect(() => resolveAssessment(resolveProfile("jiangsu"), "en")).toThrow(/defines no annual assessment/);
  });

  it("cites every item by document title, never a seed number", () => {
    for (const i of KUNSHAN_ITEMS) expect(i.source).toMatch(/^昆政办发〔2019〕162号 附件3/);
  });
});

describe("通报整改 from gmaudit diff", () => {
  const diff = (
    outstanding: number,
    notRechecked: number,
    recheckAsOf = "2026-10-20T23:59:59.999+08:00",
  ) => ({
    file: "d.json",
    baselineAsOf: "2026-09-30T23:59:59.999+08:00",
    recheckAsOf,
    units: [{ hostUnit: "甲局", outstanding, notRechecked }],
  });
  const run = (facts: UnitFacts, ...rectification: ReturnType<typeof diff>[]) =>
    item(
      assessUnits({
        year: 2026,
        quarters: fourQuarters([account("A")]),
        facts: [facts],
        items: kunshan,
        rectification,
      })[0]!,
      "rectification",
    );
  const blank = clean();
  delete blank.rectificationOverdue;

  it("answers a blank fact: an outstanding problem costs 10, none costs 0, only unchecked ones are partial", () => {
    expect(run(blank, diff(1, 0))).toMatchObject({ status: "evaluated", points: 10 });
    expect(run(blank, diff(0, 0), diff(2, 1))).toMatchObject({ status: "evaluated", points: 10 });
    expect(run(blank, diff(0, 0))).toMatchObject({ status: "evaluated", points: 0 });
    expect(run(blank, diff(0, 1))).toMatchObject({ status: "partial", points: 0 });
  });

  it("lets the office's fact win, and says when a re-check came less than 10 days after the baseline", () => {
    expect(run(clean({ rectificationOverdue: false }), diff(1, 0))).toMatchObject({ points: 0 });
    expect(run(blank, diff(0, 0, "2026-10-09T23:59:59.999+08:00")).evidence.zh).toContain(
      "复查距基线不足10日",
    );
    expect(run(blank, diff(0, 0, "2026-10-10T23:59:59.999+08:00")).evidence.zh).not.toContain("不足10日");
  });
});

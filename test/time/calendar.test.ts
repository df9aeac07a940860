import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { GmauditError } from "../../src/errors.js";
import { type DayReason, loadCalendarFile, WorkCalendar } from "../../src/time/calendar.js";
import { civilDate, dayNumber } from "../../src/time/zone.js";

const builtIn = WorkCalendar.builtIn();
const d = dayNumber;

function reasons(calendar: WorkCalendar, from: string, to: string): Record<string, DayReason> {
  const out: Record<string, DayReason> = {};
  for (let day = d(from); day <= d(to); day++) out[civilDate(day)] = calendar.dayInfo(day).reason;
  return out;
}

describe("built-in calendar (chinese-days)", () => {
  it("2024 Spring Festival: working Sundays Feb 4 and Feb 18, Feb 10–17 rest", () => {
    expect(reasons(builtIn, "2024-02-03", "2024-02-19")).toEqual({
      "2024-02-03": "weekend",
      "2024-02-04": "makeup-workday",
      "2024-02-05": "weekday",
      "2024-02-06": "weekday",
      "2024-02-07": "weekday",
      "2024-02-08": "weekday",
      "2024-02-09": "weekday",
      "2024-02-10": "holiday",
      "2024-02-11": "holiday",
      "2024-02-12": "holiday",
      "2024-02-13": "holiday",
      "2024-02-14": "holiday",
      "2024-02-15": "holiday",
      "2024-02-16": "holiday",
      "2024-02-17": "holiday",
      "2024-02-18": "makeup-workday",
      "2024-02-19": "weekday",
    });
    expect(builtIn.isWorkingDay(d("2024-02-04"))).toBe(true);
    expect(builtIn.isWorkingDay(d("2024-02-18"))).toBe(true);
    expect(builtIn.dayInfo(d("2024-02-12")).holiday).toEqual({ zh: "春节", en: "Spring Festival" });
  });

  it("2025 National Day: Oct 1–8 rest, Sunday Sep 28 and Saturday Oct 11 working", () => {
    const rest = [];
    for (let day = d("2025-09-27"); day <= d("2025-10-12"); day++)
      if (builtIn.isRestDay(day)) rest.push(civilDate(day));
    expect(rest).toEqual([
      "2025-09-27",
      "2025-10-01",
      "2025-10-02",
      "2025-10-03",
      "2025-10-04",
      "2025-10-05",
      "2025-10-06",
      "2025-10-07",
      "2025-10-08",
      "2025-10-12",
    ]);
    expect(builtIn.dayInfo(d("2025-09-28")).reason).toBe("makeup-workday");
    expect(builtIn.dayInfo(d("2025-10-11")).reason).toBe("makeup-workday");
  });

  it("2026 National Day: Sep 20 Sunday working, Oct 1–7 rest, Oct 10 Saturday working", () => {
    expect(builtIn.dayInfo(d("2026-09-20"))).toEqual({
      date: "2026-09-20",
      workingDay: true,
      reason: "makeup-workday",
      holiday: { zh: "国庆节", en: "National Day" },
    });
    for (let day = d("2026-10-01"); day <= d("2026-10-07"); day++) {
      expect(builtIn.dayInfo(day)).toMatchObject({
        workingDay: false,
        reason: "holiday",
        holiday: { zh: "国庆节" },
      });
    }
    expect(builtIn.dayInfo(d("2026-10-10"))).toMatchObject({ workingDay: true, reason: "makeup-workday" });
    expect(builtIn.dayInfo(d("2026-10-11"))).toEqual({
      date: "2026-10-11",
      workingDay: false,
      reason: "weekend",
    });
    expect(builtIn.dayInfo(d("2026-09-30"))).toEqual({
      date: "2026-09-30",
      workingDay: true,
      reason: "weekday",
    });
  });

  it("New Year 2026: Dec 31 working, Jan 1–3 rest (Saturday Jan 3 a holiday), Sunday Jan 4 working", () => {
    expect(reasons(builtIn, "2025-12-31", "2026-01-05")).toEqual({
      "2025-12-31": "weekday",
      "2026-01-01": "holiday",
      "2026-01-02": "holiday",
      "2026-01-03": "holiday",
      "2026-01-04": "makeup-workday",
      "2026-01-05": "weekday",
    });
    expect(builtIn.addWorkingDays(d("2025-12-31"), 1)).toBe(d("2026-01-04"));
  });

  it("RULES §1 example: 3 working days after Wednesday 2026-09-30 is Saturday 2026-10-10", () => {
    expect(civilDate(builtIn.addWorkingDays(d("2026-09-30"), 3))).toBe("2026-10-10");
    expect(builtIn.addWorkingDays(d("2026-09-30"), 0)).toBe(d("2026-09-30"));
    expect(builtIn.workingDaysBetween(d("2026-09-30"), d("2026-10-10"))).toBe(3);
    expect(builtIn.workingDaysBetween(d("2026-10-10"), d("2026-09-30"))).toBe(0);
    expect(builtIn.workingDaysBetween(d("2026-09-30"), d("2026-09-30"))).toBe(0);
  });

  it("covers 2004–2026 and records no warning for covered days", () => {
    const calendar = WorkCalendar.builtIn();
    expect(calendar.coveredYears[0]).toBe(2004);
    expect(calendar.coveredYears).toContain(2026);
    expect(calendar.coveredYears).not.toContain(2027);
    calendar.workingDaysBetween(d("2004-01-01"), d("2026-12-31"));
    expect(calendar.warnings).toEqual([]);
  });
});

describe("uncovered years", () => {
  it("2027 uses plain weekends and warns once", () => {
    const calendar = WorkCalendar.builtIn();
    expect(calendar.isWorkingDay(d("2027-01-01"))).toBe(true); // a Friday: no holiday data
    expect(calendar.isWorkingDay(d("2027-01-02"))).toBe(false);
    expect(calendar.dayInfo(d("2027-01-02")).reason).toBe("weekend");
    expect(calendar.addWorkingDays(d("2026-12-30"), 3)).toBe(d("2027-01-04"));
    expect(calendar.warnings).toEqual([
      {
        zh: "日历未覆盖2027年：按普通周末计算（可用 --calendar 提供节假日数据）",
        en: "the calendar does not cover 2027: plain weekends used (give holiday data with --calendar)",
      },
    ]);
  });

  it("a span crossing into an uncovered year warns (fast path not taken)", () => {
    const calendar = WorkCalendar.builtIn();
    expect(calendar.workingDaysBetween(d("2026-12-25"), d("2027-01-08"))).toBe(10);
    expect(calendar.warnings).toHaveLength(1);
    const early = WorkCalendar.builtIn();
    early.isWorkingDay(d("2003-06-02"));
    expect(early.warnings.map((w) => w.en)).toEqual([
      "the calendar does not cover 2003: plain weekends used (give holiday data with --calendar)",
    ]);
  });

  it("strict: throws instead of guessing", () => {
    const calendar = WorkCalendar.builtIn({ strict: true });
    expect(calendar.isWorkingDay(d("2026-10-10"))).toBe(true);
    expect(() => calendar.isWorkingDay(d("2027-03-01"))).toThrow(GmauditError);
    expect(() => calendar.addWorkingDays(d("2026-12-30"), 3)).toThrow(/does not cover 2027/);
    expect(calendar.warnings).toEqual([]);
  });

  it("a calendar instance does not leak warnings into another", () => {
    WorkCalendar.builtIn().isWorkingDay(d("2030-01-01"));
    expect(WorkCalendar.builtIn().warnings).toEqual([]);
  });
});

describe("overrides", () => {
  it("beat the built-in day and add covered years", () => {
    const calendar = builtIn.withOverrides([
      { date: "2026-10-09", type: "holiday", name: "国庆节" },
      { date: "2026-10-10", type: "holiday" },
      { date: "2027-01-01", type: "holiday", name: "元旦" },
      { date: "2027-01-09", type: "workday", name: "元旦" },
    ]);
    expect(calendar.dayInfo(d("2026-10-09"))).toMatchObject({
      reason: "holiday",
      holiday: { en: "National Day" },
    });
    expect(calendar.dayInfo(d("2026-10-10"))).toEqual({
      date: "2026-10-10",
      workingDay: false,
      reason: "holiday",
    });
    expect(calendar.dayInfo(d("2027-01-09"))).toEqual({
      date: "2027-01-09",
      workingDay: true,
      reason: "makeup-workday",
      holiday: { zh: "元旦", en: "New Year's Day" },
    });
    expect(calendar.coveredYears).toContain(2027);
    expect(calendar.isWorkingDay(d("2027-06-05"))).toBe(false);
    // Two rows of a year not covered before: probably not its whole schedule, and said so.
    expect(calendar.warnings).toEqual([
      {
        zh: "日历文件只给出此前未覆盖的2027年中的2天：2027年其余日期按普通工作日和周末计算（请提供2027年的完整放假调休安排）",
        en: "the calendar file gives 2 day(s) of 2027, not yet covered: every other day of 2027 is a plain weekday or weekend (give the whole schedule of 2027)",
      },
    ]);
    // the original calendar is unchanged
    expect(builtIn.isWorkingDay(d("2026-10-09"))).toBe(true);
  });

  it("coversYear: an entry of another year's data set applies without covering its own year", () => {
    const calendar = builtIn.withOverrides([
      { date: "2027-12-31", type: "workday", coversYear: 2028 },
      { date: "2028-01-03", type: "holiday", coversYear: 2028 },
    ]);
    expect(calendar.coveredYears).toContain(2028);
    expect(calendar.coveredYears).not.toContain(2027);
    expect(calendar.isWorkingDay(d("2027-12-31"))).toBe(true);
    expect(calendar.warnings).toEqual([]);
    expect(calendar.isWorkingDay(d("2027-12-30"))).toBe(true);
    expect(calendar.warnings).toHaveLength(1);
  });

  it("say nothing of a new year given in full (ten rows or more) or declared by a holiday-cn data set", () => {
    const tenDays = Array.from({ length: 10 }, (_, i) => ({
      date: `2027-02-${String(i + 8).padStart(2, "0")}`,
      type: "holiday" as const,
    }));
    expect(builtIn.withOverrides(tenDays).warnings).toEqual([]);
    expect(builtIn.withOverrides(tenDays.slice(0, 9)).warnings).toHaveLength(1);
    expect(
      builtIn.withOverrides([{ date: "2027-01-01", type: "holiday", coversYear: 2027 }]).warnings,
    ).toEqual([]);
    // Rows of an already covered year are overrides, not a schedule.
    expect(builtIn.withOverrides([{ date: "2026-10-09", type: "holiday" }]).warnings).toEqual([]);
  });

  it("keep strictness", () => {
    const calendar = WorkCalendar.builtIn({ strict: true }).withOverrides([
      { date: "2027-01-01", type: "holiday" },
    ]);
    expect(calendar.isWorkingDay(d("2027-05-06"))).toBe(true);
    expect(() => calendar.isWorkingDay(d("2028-05-05"))).toThrow(GmauditError);
  });
});

describe("properties", () => {
  const first = d("2004-01-01");
  const last = d("2026-11-30");
  const coveredDay = fc.integer({ min: first, max: last });

  it("counting back the n-th working day after d gives n, and it is a working day", () => {
    fc.assert(
      fc.property(coveredDay, fc.integer({ min: 1, max: 30 }), (day, n) => {
        const result = builtIn.addWorkingDays(day, n);
        expect(builtIn.isWorkingDay(result)).toBe(true);
        expect(builtIn.workingDaysBetween(day, result)).toBe(n);
        expect(builtIn.workingDaysBetween(day, result - 1)).toBe(n - 1);
      }),
    );
  });

  it("workingDaysBetween agrees with a day-by-day count", () => {
    fc.assert(
      fc.property(coveredDay, fc.integer({ min: -5, max: 400 }), (from, span) => {
        let count = 0;
        for (let day = from + 1; day <= from + span; day++) if (builtIn.isWorkingDay(day)) count++;
        expect(builtIn.workingDaysBetween(from, from + span)).toBe(count);
      }),
    );
  });

  it("an override beats the built-in day", () => {
    fc.assert(
      fc.property(coveredDay, fc.constantFrom("holiday" as const, "workday" as const), (day, type) => {
        const calendar = builtIn.withOverrides([{ date: civilDate(day), type }]);
        expect(calendar.isWorkingDay(day)).toBe(type === "workday");
        expect(calendar.dayInfo(day).reason).toBe(type === "workday" ? "makeup-workday" : "holiday");
        expect(calendar.isWorkingDay(day + 1)).toBe(builtIn.isWorkingDay(day + 1));
      }),
      { numRuns: 50 },
    );
  });
});

describe("loadCalendarFile", () => {
  const dir = mkdtempSync(join(tmpdir(), "gmaudit-calendar-"));
  const write = (name: string, text: string) => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  };

  it("reads holiday-cn JSON: a holiday, a make-up day, and covers its year", async () => {
    const file = write(
      "2027.json",
      JSON.stringify({
        year: 2027,
        papers: [],
        days: [
          { name: "元旦", date: "2027-01-01", isOffDay: true },
          { name: "春节", date: "2027-02-06", isOffDay: false },
        ],
      }),
    );
    const entries = await loadCalendarFile(file);
    expect(entries).toEqual([
      { date: "2027-01-01", type: "holiday", name: "元旦", coversYear: 2027 },
      { date: "2027-02-06", type: "workday", name: "春节", coversYear: 2027 },
    ]);
    const calendar = WorkCalendar.builtIn({ strict: true }).withOverrides(entries);
    expect(calendar.dayInfo(d("2027-01-01"))).toMatchObject({ workingDay: false, reason: "holiday" });
    expect(calendar.dayInfo(d("2027-02-06"))).toMatchObject({ workingDay: true, reason: "makeup-workday" });
    expect(civilDate(calendar.addWorkingDays(d("2026-12-31"), 1))).toBe("2027-01-04");
    expect(calendar.warnings).toEqual([]);
  });

  it("reads an array of holiday-cn objects", async () => {
    const file = write(
      "many.json",
      JSON.stringify([
        { year: 2027, days: [{ name: "元旦", date: "2027-01-01", isOffDay: true }] },
        { year: 2028, days: [{ name: "元旦", date: "2028-01-01", isOffDay: true }] },
      ]),
    );
    const calendar = builtIn.withOverrides(await loadCalendarFile(file));
    expect(calendar.coveredYears).toEqual(expect.arrayContaining([2027, 2028]));
  });

  it("reads CSV with Chinese and English types, any date form, and a BOM", async () => {
    const file = write(
      "2027.csv",
      "\ufeffdate,type,name\n2027-01-01,休,元旦\n2027/2/6,班,春节\n\n20270502,holiday,\n2027年5月8日,workday,劳动节\n",
    );
    const entries = await loadCalendarFile(file);
    expect(entries).toEqual([
      { date: "2027-01-01", type: "holiday", name: "元旦" },
      { date: "2027-02-06", type: "workday", name: "春节" },
      { date: "2027-05-02", type: "holiday" },
      { date: "2027-05-08", type: "workday", name: "劳动节" },
    ]);
    const calendar = builtIn.withOverrides(entries);
    expect(calendar.isWorkingDay(d("2027-01-01"))).toBe(false);
    expect(calendar.isWorkingDay(d("2027-02-06"))).toBe(true);
    expect(calendar.coveredYears).toContain(2027);
  });

  it("cites file:line for bad CSV rows", async () => {
    const bad = write("bad.csv", "date,type\n2027-01-01,休\n2027-13-01,班\n");
    await expect(loadCalendarFile(bad)).rejects.toThrow(
      `${bad}:3: column "date": "2027-13-01" is not a date`,
    );
    const badType = write("badtype.csv", "date,type\n\n2027-01-01,maybe\n");
    await expect(loadCalendarFile(badType)).rejects.toThrow(`${badType}:3: column "type": "maybe"`);
    const noHeader = write("noheader.csv", "day,kind\n2027-01-01,休\n");
    await expect(loadCalendarFile(noHeader)).rejects.toThrow(
      `${noHeader}:1: a calendar CSV needs the columns`,
    );
    const conflict = write("conflict.csv", "date,type\n2027-01-01,休\n2027-01-01,班\n");
    await expect(loadCalendarFile(conflict)).rejects.toThrow(`${conflict}:3: 2027-01-01 is given both`);
  });

  it("cites the position of bad JSON", async () => {
    const syntax = write("syntax.json", '{\n  "year": 2027,\n  "days": [,]\n}\n');
    await expect(loadCalendarFile(syntax)).rejects.toThrow(`${syntax}:3: invalid JSON`);
    const noYear = write("noyear.json", JSON.stringify({ days: [] }));
    await expect(loadCalendarFile(noYear)).rejects.toThrow(`${noYear}: $.year: expected a year`);
    const badDay = write(
      "badday.json",
      JSON.stringify({ year: 2027, days: [{ date: "2027-02-30", isOffDay: true }] }),
    );
    await expect(loadCalendarFile(badDay)).rejects.toThrow(
      `${badDay}: $.days[0].date: "2027-02-30" is not a date`,
    );
    const badFlag = write(
      "badflag.json",
      JSON.stringify({ year: 2027, days: [{ date: "2027-02-01", isOffDay: "yes" }] }),
    );
    await expect(loadCalendarFile(badFlag)).rejects.toThrow(
      `${badFlag}: $.days[0].isOffDay: expected true or false`,
    );
  });

  it("rejects a missing or empty file", async () => {
    await expect(loadCalendarFile(join(dir, "missing.json"))).rejects.toThrow(
      /cannot read the calendar file/,
    );
    const empty = write("empty.csv", "date,type\n");
    await expect(loadCalendarFile(empty)).rejects.toThrow(/has no entries/);
  });
});

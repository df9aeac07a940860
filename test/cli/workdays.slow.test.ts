import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));
const bin = join(root, "bin", "gmaudit.js");

/** Runs the built CLI (`npm test` builds first) with a clean env, no colour and a non-Shanghai TZ. */
function gmaudit(...args: string[]) {
  return gmauditIn(root, ...args);
}

function gmauditIn(cwd: string, ...args: string[]) {
  if (!existsSync(join(root, "dist", "cli", "main.js")))
    throw new Error("dist/ is missing: run `npm run build` first");
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd,
    encoding: "utf8",
    env: { PATH: process.env.PATH, NO_COLOR: "1", TZ: "America/New_York" },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("gmaudit workdays (built CLI)", () => {
  it("RULES §1 example: 3 working days after 2026-09-30 is Saturday 2026-10-10", () => {
    const r = gmaudit("workdays", "2026-09-30", "3");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("2026-09-30 星期三 工作日\n第3个工作日: 2026-10-10 (星期六, 调休上班)\n");
    expect(r.stderr).toBe("");
  });

  it("names the holiday, in Chinese or English", () => {
    expect(gmaudit("workdays", "2026-10-01").stdout).toBe("2026-10-01 星期四 休息日 (国庆节)\n");
    expect(gmaudit("workdays", "2026/10/1", "--lang", "en").stdout).toBe(
      "2026-10-01 Thursday rest day (National Day)\n",
    );
    expect(gmaudit("workdays", "2026-09-30", "3", "--lang", "en").stdout).toContain(
      "3rd working day after 2026-09-30: 2026-10-10 (Saturday, make-up working day)",
    );
  });

  it("--json has exactly the contract keys", () => {
    const r = gmaudit("workdays", "2026-09-30", "3", "--json");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toEqual({
      date: "2026-09-30",
      workingDay: true,
      reason: "weekday",
      after: { n: 3, date: "2026-10-10" },
    });
    expect(Object.keys(out)).toEqual(["date", "workingDay", "reason", "after"]);
    const holiday = JSON.parse(gmaudit("workdays", "2026-10-03", "--json").stdout);
    expect(holiday).toEqual({
      date: "2026-10-03",
      workingDay: false,
      reason: "holiday",
      holiday: { zh: "国庆节", en: "National Day" },
    });
  });

  it("an uncovered year: warnings in JSON, a stderr line in text mode, exit 2 when strict", () => {
    const json = gmaudit("workdays", "2027-01-04", "--json");
    expect(json.code).toBe(0);
    const out = JSON.parse(json.stdout);
    expect(Object.keys(out)).toEqual(["date", "workingDay", "reason", "warnings"]);
    // In the language of the run (zh by default; --lang en).
    expect(out.warnings).toEqual(["日历未覆盖2027年：按普通周末计算（可用 --calendar 提供节假日数据）"]);
    expect(JSON.parse(gmaudit("workdays", "2027-01-04", "--json", "--lang", "en").stdout).warnings).toEqual([
      "the calendar does not cover 2027: plain weekends used (give holiday data with --calendar)",
    ]);
    const text = gmaudit("workdays", "2027-01-04");
    expect(text.stdout).toBe("2027-01-04 星期一 工作日\n");
    expect(text.stderr).toBe(
      "gmaudit: 提示: 日历未覆盖2027年：按普通周末计算（可用 --calendar 提供节假日数据）\n",
    );
    const strict = gmaudit("workdays", "2027-01-04", "--strict-calendar");
    expect(strict.code).toBe(2);
    expect(strict.stdout).toBe("");
    expect(strict.stderr).toContain("日历不含 2027 年");
  });

  it("--calendar covers a new year", () => {
    const dir = mkdtempSync(join(tmpdir(), "gmaudit-workdays-"));
    const file = join(dir, "2027.csv");
    writeFileSync(file, "date,type,name\n2027-01-01,休,元旦\n2027-01-04,休,元旦\n2027-01-09,班,元旦\n");
    const r = gmaudit("workdays", "2026-12-31", "2", "--calendar", file, "--strict-calendar", "--json");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      date: "2026-12-31",
      workingDay: true,
      reason: "weekday",
      after: { n: 2, date: "2027-01-06" },
      // Three rows are not a year's schedule: covered, but said so.
      warnings: [expect.stringContaining("日历文件只给出此前未覆盖的2027年中的3天")],
    });
  });

  it("reads gmaudit.config.json like check: its calendar, strictCalendar and lang, flags first", () => {
    const dir = mkdtempSync(join(tmpdir(), "gmaudit-workdays-"));
    // 2027 Spring Festival (an example): Saturday 02-06 a make-up working day, Monday 02-08 a holiday.
    const days = [
      { name: "春节", date: "2027-02-06", isOffDay: false },
      { name: "春节", date: "2027-02-08", isOffDay: true },
    ];
    writeFileSync(join(dir, "holidays-2027.json"), JSON.stringify({ year: 2027, days }));
    writeFileSync(
      join(dir, "gmaudit.config.json"),
      JSON.stringify({ calendar: "holidays-2027.json", strictCalendar: true, lang: "en" }),
    );
    const r = gmauditIn(dir, "workdays", "2027-02-05", "1");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      "2027-02-05 Friday working day\n1st working day after 2027-02-05: 2027-02-06 (Saturday, make-up working day)\n",
    );
    expect(r.stderr).toBe("gmaudit: using config gmaudit.config.json\n");
    expect(gmauditIn(dir, "workdays", "2027-02-05", "1", "--lang", "zh").stdout).toContain(
      "第1个工作日: 2027-02-06",
    );
    // Without the config: plain weekends and a warning; strict from the config without its calendar: exit 2.
    const bare = gmauditIn(dir, "workdays", "2027-02-05", "1", "--no-config");
    expect(bare.stdout).toContain("2027-02-08");
    expect(bare.stderr).toContain("日历未覆盖2027年");
    writeFileSync(join(dir, "gmaudit.config.json"), JSON.stringify({ strictCalendar: true }));
    expect(gmauditIn(dir, "workdays", "2027-02-05", "1").code).toBe(2);
  });

  it("bad input exits 2 with a clear message", () => {
    const badDate = gmaudit("workdays", "2026-13-01");
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toContain("“2026-13-01”不是日期");
    const badN = gmaudit("workdays", "2026-09-30", "three");
    expect(badN.code).toBe(2);
    expect(badN.stderr).toContain("工作日数须为 1 至");
    expect(gmaudit("workdays", "2026-09-30", "0").code).toBe(2);
    expect(gmaudit("workdays", "2026-09-30", "--lang", "fr").code).toBe(2);
    const missing = gmaudit("workdays", "2026-09-30", "--calendar", join(tmpdir(), "no-such-calendar.json"));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("无法读取日历文件");
  });

  it("--help shows examples", () => {
    const r = gmaudit("workdays", "--help");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("gmaudit workdays 2026-09-30 3");
  });
});

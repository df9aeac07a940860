import { describe, expect, it } from "vitest";
import { UNIT_COLUMNS, unitHeader } from "../../src/output/labels.js";
import { alertLine, renderTable, summaryLine } from "../../src/output/table.js";
import { compareWorstFirst, worstFirst } from "../../src/output/values.js";
import { displayWidth } from "../../src/output/width.js";
import { account, county, finding, result, unit } from "./fixtures.js";

const ESC = "\u001b[";

describe("table", () => {
  const text = renderTable(county());

  it("starts with the window, profile, zone and inputs, and says what was not evaluated", () => {
    const lines = text.split("\n");
    expect(lines[1]).toBe(
      "监测期 2026-07-01 00:00 → 2026-09-30 23:59（2026Q3） · 评分方案 jiangsu（江苏省政务新媒体检查） · 时区 Asia/Shanghai",
    );
    expect(lines[2]).toBe("输入: accounts.csv 4 行; posts.csv 340 行");
    expect(lines[3]).toContain("未评估：缺少留言记录、备案记录、检查记录");
    expect(text).not.toContain("数据不完整");
  });

  it("lists the accounts worst first: veto, fail, pass, not scored", () => {
    const order = ["平安清河", "清河教育", "清河发布", "清河旅游"].map((name) => text.indexOf(name));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it("shows the main columns", () => {
    for (const header of [
      "账号",
      "平台",
      "主办单位",
      "得分",
      "结论",
      "单项否决项/主要问题",
      "最近更新",
      "未更新周数",
      "按时答复",
      "逾期备案",
    ]) {
      expect(text).toContain(header);
    }
    expect(text).toContain("2/5");
    expect(text).toContain("留言办理不及时 -40（另 1 项）");
    expect(text).toContain("两周未更新");
    expect(text).toContain("微信公众号");
  });

  it("counts the on-time ratio over the replies due by now (pending ones left out)", () => {
    const base = county();
    const pending = {
      ...base,
      accounts: base.accounts.map((a) => ({ ...a, repliesDue: 5, repliesOnTime: 2, repliesPending: 2 })),
    };
    const shown = renderTable(pending);
    expect(shown).toContain("2/3");
    expect(shown).not.toContain("2/5");
  });

  it("counts a unit's findings with its accounts' ones", () => {
    const base = county();
    const shown = renderTable({ ...base, units: [unit({ accountFindings: 7 })] }, { units: true });
    const row = shown.split("\n").find((line) => line.includes("清河县人民政府办公室") && /\b7\b/.test(line));
    expect(row).toBeDefined();
  });

  it("explains each failed or vetoed account under the table", () => {
    const why = text.slice(text.indexOf("不合格及单项否决账号的问题明细"));
    expect(why).toContain("■ 平安清河（A003）单项否决，得分 0.0");
    expect(why).toContain("[否决] 两周未更新：最近一次发布在 2026-09-10，距监测时间点 20 天");
    expect(why).toContain("[扣 40 分] 留言办理不及时：留言 M7 超过 24 小时未答复");
    expect(why).not.toContain("清河发布（A001）");
    expect(why.indexOf("平安清河")).toBeLessThan(why.indexOf("清河教育"));
  });

  it("ends with the one-line summary", () => {
    expect(text.trimEnd().split("\n").at(-1)).toBe(
      "共 4 个账号：合格 1，不合格 1，单项否决 1，未评分 1；问题 3 条",
    );
    expect(summaryLine(county())).toBe("共 4 个账号：合格 1，不合格 1，单项否决 1，未评分 1；问题 3 条");
    expect(alertLine(county(), "en")).toBe("1 vetoed, 1 failed of 4 accounts (as of 2026-09-30)");
  });

  it("lists the accounts about to be vetoed (--warn-within) that do not fail yet", () => {
    const soon = finding({
      rule: "no-update-2w",
      messageId: "veto-imminent",
      severity: "warning",
      points: 0,
      message: { zh: "已12天未更新，如不更新将于2026-10-02触发单项否决", en: "No post for 12 days" },
      evidence: { vetoAt: "2026-10-02T09:00:00.001+08:00" },
    });
    const r = result({
      accounts: [
        account({ accountId: "A1", name: "甲号", findings: [soon] }),
        account({
          accountId: "A2",
          name: "乙号",
          verdict: "fail",
          score: 50,
          findings: [{ ...soon, accountId: "A2" }],
        }),
        account({ accountId: "A3", name: "丙号" }),
      ],
    });
    const lines = renderTable(r).split("\n");
    const at = lines.indexOf("即将单项否决的账号（如不更新）：");
    expect(at).toBeGreaterThan(0);
    // Only the passing one here: the failing one shows it among its findings above.
    expect(lines[at + 1]).toBe("■ 甲号（A1）：已12天未更新，如不更新将于2026-10-02触发单项否决");
    expect(lines[at + 2]).toBe("");
    expect(lines.slice(0, at).join("\n")).toContain("■ 乙号（A2）不合格");
    expect(renderTable(county())).not.toContain("即将单项否决");
    expect(alertLine(r, "en")).toBe(
      "0 vetoed, 1 failed of 3 accounts; 2 about to be vetoed for no update in 2 weeks: " +
        "甲号 (A1) on 2026-10-02, 乙号 (A2) on 2026-10-02 (as of 2026-09-30)",
    );
  });

  it("fits a terminal's width: the least important columns go first, then the main issue is cut", () => {
    const gridLines = (t: string) => t.split("\n").filter((l) => /^[┌│├└]/.test(l));
    const headerOf = (t: string) => gridLines(t)[1]!;
    const whole = renderTable(county());
    const full = Math.max(...gridLines(whole).map(displayWidth));
    expect(renderTable(county(), { width: full })).toBe(whole);
    const narrower = renderTable(county(), { width: full - 1 });
    expect(headerOf(narrower)).not.toContain("按时答复"); // the first to go
    expect(headerOf(narrower)).toContain("逾期备案");
    for (const width of [120, 80, 70]) {
      const t = renderTable(county(), { width });
      for (const line of gridLines(t))
        expect(displayWidth(line), `${width}: ${line}`).toBeLessThanOrEqual(width);
      for (const kept of ["账号", "得分", "结论", "单项否决项/主要问题"]) expect(headerOf(t)).toContain(kept);
    }
    expect(headerOf(renderTable(county(), { width: 80 }))).not.toContain("主办单位");
    // Colours do not count: the same columns with colour on.
    expect(renderTable(county(), { width: 80, color: true }).replace(/\u001b\[[0-9;]*m/g, "")).toBe(
      renderTable(county(), { width: 80 }),
    );
  });

  it("has no colour unless asked, and red/yellow/green when asked", () => {
    expect(text).not.toContain(ESC);
    const colored = renderTable(county(), { color: true });
    expect(colored).toContain(`${ESC}31m`);
    expect(colored).toContain(`${ESC}33m`);
    expect(colored).toContain(`${ESC}32m`);
  });

  it("marks incomplete data and calendar warnings in the header", () => {
    const t = renderTable(
      result({
        dataIncomplete: true,
        calendar: { coveredYears: [2026], warnings: [{ zh: "日历未覆盖2027年", en: "2027 is not covered" }] },
      }),
    );
    expect(t).toContain("数据不完整");
    expect(t).toContain("日历提示: 日历未覆盖2027年");
    expect(
      renderTable(
        result({
          calendar: {
            coveredYears: [2026],
            warnings: [{ zh: "日历未覆盖2027年", en: "2027 is not covered" }],
          },
        }),
        { lang: "en" },
      ),
    ).toContain("2027 is not covered");
  });

  it("speaks English with --lang en", () => {
    const en = renderTable(county(), { lang: "en" });
    expect(en).toContain("window 2026-07-01 00:00 → 2026-09-30 23:59 (2026Q3)");
    expect(en).toContain("Vetoes / main issues");
    expect(en).toContain("4 accounts: 1 pass, 1 fail, 1 veto, 1 not scored; 3 findings");
    expect(en).not.toMatch(/得分|合格/);
  });

  it("adds the unit table with --units", () => {
    expect(text).not.toContain("单位得分");
    const withUnits = renderTable(county(), { units: true });
    expect(withUnits).toContain("主办单位：");
    expect(withUnits).toContain("合格率");
    expect(withUnits).toContain("100.0%");
    // Its columns are those of PRODUCT §3.3 (the units CSV), in that order; on a narrow terminal it fits too.
    const lines = withUnits.split("\n");
    const head = lines[lines.indexOf("主办单位：") + 2]!;
    const cells = head
      .split("│")
      .map((c) => c.trim())
      .filter((c) => c !== "");
    expect(cells).toEqual(UNIT_COLUMNS.map((key) => unitHeader(key, "zh")));
    const narrow = renderTable(county(), { units: true, width: 70 }).split("\n");
    const unitLines = narrow.slice(narrow.indexOf("主办单位：") + 1).filter((l) => /^[┌│├└]/.test(l));
    for (const line of unitLines) expect(displayWidth(line)).toBeLessThanOrEqual(70);
    for (const kept of ["主办单位", "单位得分", "合格率", "结论"]) expect(unitLines[1]).toContain(kept);
  });

  it("counts the findings of passing accounts it does not list", () => {
    const t = renderTable(
      result({ accounts: [account({ findings: [county().accounts[1]!.findings[0]!] })] }),
    );
    expect(t).toContain("其余账号另有 1 条问题");
  });
});

describe("worst first", () => {
  it("orders by verdict, then score ascending, ties in input order", () => {
    const list = [
      account({ accountId: "p90", score: 90 }),
      account({ accountId: "n", verdict: "not_scored", score: null }),
      account({ accountId: "f40", verdict: "fail", score: 40 }),
      account({ accountId: "p70a", score: 70 }),
      account({ accountId: "v", verdict: "veto", score: 0 }),
      account({ accountId: "f20", verdict: "fail", score: 20 }),
      account({ accountId: "p70b", score: 70 }),
      account({ accountId: "pnull", score: null }),
    ];
    expect(worstFirst(list).map((a) => a.accountId)).toEqual([
      "v",
      "f20",
      "f40",
      "p70a",
      "p70b",
      "p90",
      "pnull",
      "n",
    ]);
    expect(compareWorstFirst(unit({ verdict: "veto", score: 0 }), unit())).toBeLessThan(0);
  });

  it("says when a deduction costs nothing because the rule's cap is used up", () => {
    const findings = [10, 0].map((points) =>
      finding({
        rule: "commercial-ads",
        severity: "deduct",
        points,
        message: { zh: `广告${points}`, en: `ad ${points}` },
      }),
    );
    const r = result({ accounts: [account({ verdict: "fail", score: 50, findings })] });
    const out = renderTable(r);
    expect(out).toContain("[扣 10 分] ");
    expect(out).toMatch(/\[扣 0 分·已达上限\] .*广告0/);
    expect(renderTable(r, { lang: "en" })).toContain("[0 pts, cap reached]");
  });
});

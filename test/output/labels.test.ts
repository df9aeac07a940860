import { describe, expect, it } from "vitest";
import {
  ACCOUNT_COLUMNS,
  accountHeader,
  FINDING_COLUMNS,
  findingHeader,
  LANGS,
  PHRASES,
  PLATFORM_LABELS,
  SEVERITY_LABELS,
  STATUS_LABELS,
  UNIT_COLUMNS,
  unitHeader,
  VERDICT_LABELS,
} from "../../src/output/labels.js";

/** PRODUCT §3.1, copied from the spec's table: key → zh header. */
const SPEC_ACCOUNT_HEADERS: Record<string, string> = {
  accountId: "账号ID",
  name: "账号名称",
  platform: "平台",
  hostUnit: "主办单位",
  unitCategory: "单位类别",
  status: "状态",
  score: "得分",
  verdict: "结论",
  vetoes: "单项否决项",
  deductions: "扣分",
  lastPostAt: "最近更新时间",
  daysSinceLastPost: "距上次更新天数",
  posts: "发布数",
  originalPosts: "原创数",
  originalRatio: "原创率",
  emptyWeeks: "未更新周数",
  longestGapDays: "最长更新间隔(天)",
  repliesDue: "应答复数",
  repliesOnTime: "按时答复数",
  repliesLate: "超时答复数",
  repliesOverdue: "逾期未答复数",
  repliesPending: "待答复数",
  filingsLate: "逾期备案数",
  findings: "问题数",
  notEvaluated: "未评估",
};

const SPEC_FINDING_HEADERS: Record<string, string> = {
  accountId: "账号ID",
  hostUnit: "主办单位",
  rule: "规则",
  indicator: "指标",
  severity: "性质",
  points: "扣分",
  occurredAt: "发生时间",
  message: "说明",
  evidence: "证据",
  source: "依据",
};

describe("labels", () => {
  it("has every §3.1 column, in the spec's order, with the spec's zh header and the JSON key as en", () => {
    expect([...ACCOUNT_COLUMNS]).toEqual(Object.keys(SPEC_ACCOUNT_HEADERS));
    for (const key of ACCOUNT_COLUMNS) {
      expect(accountHeader(key, "zh")).toBe(SPEC_ACCOUNT_HEADERS[key]);
      expect(accountHeader(key, "en")).toBe(key);
    }
  });

  it("has every §3.2 finding column", () => {
    expect([...FINDING_COLUMNS]).toEqual(Object.keys(SPEC_FINDING_HEADERS));
    for (const key of FINDING_COLUMNS) {
      expect(findingHeader(key, "zh")).toBe(SPEC_FINDING_HEADERS[key]);
      expect(findingHeader(key, "en")).toBe(key);
    }
  });

  it("has every §3.3 unit column in both languages", () => {
    expect([...UNIT_COLUMNS]).toEqual([
      "hostUnit",
      "unitCategory",
      "accounts",
      "scored",
      "vetoed",
      "failed",
      "rawScore",
      "score",
      "passRate",
      "verdict",
      "findings",
    ]);
    for (const key of UNIT_COLUMNS) {
      expect(unitHeader(key, "zh")).toMatch(/\p{Script=Han}/u);
      expect(unitHeader(key, "en")).toBe(key);
    }
    expect(unitHeader("passRate", "zh")).toBe("合格率");
  });

  it("names every enum value in zh and en", () => {
    expect(VERDICT_LABELS).toMatchObject({
      pass: { zh: "合格" },
      fail: { zh: "不合格" },
      veto: { zh: "单项否决" },
      not_scored: { zh: "未评分" },
    });
    expect(STATUS_LABELS).toMatchObject({
      active: { zh: "正常" },
      closed: { zh: "关停" },
      cancelled: { zh: "注销" },
    });
    expect(SEVERITY_LABELS).toMatchObject({
      veto: { zh: "否决" },
      deduct: { zh: "扣分" },
      violation: { zh: "违规" },
      warning: { zh: "提示" },
    });
    expect(Object.keys(PLATFORM_LABELS).sort()).toEqual(
      [
        "wechat",
        "weibo",
        "douyin",
        "toutiao",
        "kuaishou",
        "bilibili",
        "xiaohongshu",
        "wechat_channels",
        "app",
        "miniprogram",
        "other",
      ].sort(),
    );
    expect(PLATFORM_LABELS.wechat.zh).toBe("微信公众号");
    expect(PLATFORM_LABELS.wechat_channels.zh).toBe("视频号");
    for (const table of [VERDICT_LABELS, STATUS_LABELS, SEVERITY_LABELS, PLATFORM_LABELS]) {
      for (const label of Object.values(table)) {
        expect(label.zh).not.toBe("");
        expect(label.en).not.toBe("");
      }
    }
  });

  it("writes the summary line as the spec shows it", () => {
    const counts = { accounts: 12, pass: 9, fail: 1, veto: 2, notScored: 0, findings: 31 };
    expect(PHRASES.zh.summary(counts)).toBe(
      "共 12 个账号：合格 9，不合格 1，单项否决 2，未评分 0；问题 31 条",
    );
    expect(PHRASES.en.summary(counts)).toBe("12 accounts: 9 pass, 1 fail, 2 veto, 0 not scored; 31 findings");
    expect(PHRASES.en.alert(counts, "2026-09-30", [])).toBe(
      "2 vetoed, 1 failed of 12 accounts (as of 2026-09-30)",
    );
    const soon = (i: number) => ({ accountId: `A${i}`, name: `号${i}`, vetoDate: `2026-10-0${i}` });
    expect(PHRASES.zh.alert(counts, "2026-09-30", [soon(1)])).toBe(
      "12 个账号中单项否决 2 个、不合格 1 个；1 个即将因2周无更新被单项否决：号1（A1）2026-10-01起（截至 2026-09-30）",
    );
    // At most five named, then how many more.
    const seven = [1, 2, 3, 4, 5, 6, 7].map(soon);
    expect(PHRASES.en.alert(counts, "2026-09-30", seven)).toBe(
      "2 vetoed, 1 failed of 12 accounts; 7 about to be vetoed for no update in 2 weeks: " +
        "号1 (A1) on 2026-10-01, 号2 (A2) on 2026-10-02, 号3 (A3) on 2026-10-03, 号4 (A4) on 2026-10-04, " +
        "号5 (A5) on 2026-10-05 and 2 more (as of 2026-09-30)",
    );
    expect(PHRASES.zh.alert(counts, "2026-09-30", seven)).toContain(
      "号5（A5）2026-10-05起等（另 2 个）（截至",
    );
    // --fail-on violation / warning: how many findings reached the level.
    expect(PHRASES.zh.alert(counts, "2026-09-30", [], { level: "warning", findings: 31 })).toBe(
      "12 个账号中单项否决 2 个、不合格 1 个，问题 31 条（截至 2026-09-30）",
    );
    expect(PHRASES.zh.alert(counts, "2026-09-30", [], { level: "violation", findings: 20 })).toBe(
      "12 个账号中单项否决 2 个、不合格 1 个，提示以外的问题 20 条（截至 2026-09-30）",
    );
    expect(PHRASES.en.alert(counts, "2026-09-30", [], { level: "violation", findings: 1 })).toBe(
      "2 vetoed, 1 failed of 12 accounts, 1 finding above warning (as of 2026-09-30)",
    );
    expect(LANGS).toEqual(["zh", "en"]);
  });
});

import type { AccountResult, AuditResult, FindingResult, UnitResult } from "../../src/scoring/result.js";
import { civilDate, dayNumber, Zone } from "../../src/time/zone.js";

/** Hand-built audit results for the output tests: the formatters are pure functions of these. */

export const zone = Zone.of("Asia/Shanghai");
export const at = (date: string, time = "00:00") => {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const [hh, mm] = time.split(":").map(Number) as [number, number];
  return zone.toInstant({ year: y, month: m, day: d, hour: hh, minute: mm });
};

export function finding(overrides: Partial<FindingResult> = {}): FindingResult {
  return {
    accountId: "A001",
    hostUnit: "清河县人民政府办公室",
    rule: "weekly-update",
    messageId: "empty-week",
    indicator: { zh: "内容更新不及时", en: "Not updated every week" },
    severity: "deduct",
    points: 5,
    count: 1,
    occurredAt: at("2026-09-07"),
    message: { zh: "第 37 周（9月7日—9月13日）没有发布信息", en: "No post in week 37 (7–13 Sep)" },
    evidence: { week: "2026-W37", posts: 0 },
    source: "国办秘函〔2019〕19号 检查指标·扣分指标",
    rectification: "historical",
    key: null,
    ...overrides,
  };
}

export function account(overrides: Partial<AccountResult> = {}): AccountResult {
  const base: AccountResult = {
    accountId: "A001",
    name: "清河发布",
    platform: "wechat",
    accountType: "subscription",
    hostUnit: "清河县人民政府办公室",
    unitCategory: "县区",
    status: "active",
    score: 100,
    verdict: "pass",
    vetoes: [],
    deductions: 0,
    lastPostAt: at("2026-09-30", "14:05"),
    daysSinceLastPost: 0,
    posts: 28,
    originalPosts: 12,
    originalRatio: 12 / 28,
    emptyWeeks: 0,
    longestGapDays: 3.5,
    repliesDue: 4,
    repliesOnTime: 4,
    repliesLate: 0,
    repliesOverdue: 0,
    repliesPending: 0,
    filingsLate: 0,
    weeklyPosts: [2, 3, 2, 1, 2, 2, 3, 2, 2, 3, 2, 2, 2],
    findings: [],
    notEvaluated: [],
  };
  return { ...base, ...overrides };
}

export function unit(overrides: Partial<UnitResult> = {}): UnitResult {
  return {
    hostUnit: "清河县人民政府办公室",
    unitCategory: "县区",
    accounts: 1,
    scored: 1,
    vetoed: 0,
    failed: 0,
    rawScore: 100,
    score: 100,
    passRate: 1,
    verdict: "pass",
    findings: [],
    accountFindings: 0,
    ...overrides,
  };
}

/** A small county: one pass, one fail, one veto, one not scored — in that input order. */
export function county(): AuditResult {
  const vetoFinding = finding({
    accountId: "A003",
    hostUnit: "清河县公安局",
    rule: "no-update-2w",
    messageId: "no-update",
    indicator: { zh: "两周未更新", en: "No update for two weeks" },
    severity: "veto",
    points: 0,
    occurredAt: at("2026-09-30", "23:59"),
    message: {
      zh: "最近一次发布在 2026-09-10，距监测时间点 20 天",
      en: "Last post on 2026-09-10, 20 days before as-of",
    },
    evidence: { lastPostAt: "2026-09-10T09:00:00.000+08:00", daysSinceLastPost: 20 },
  });
  const accounts: AccountResult[] = [
    account(),
    account({
      accountId: "A002",
      name: "清河教育",
      platform: "weibo",
      accountType: undefined,
      hostUnit: "清河县教育局",
      unitCategory: "部门",
      score: 50,
      verdict: "fail",
      deductions: 50,
      emptyWeeks: 2,
      repliesDue: 5,
      repliesOnTime: 2,
      repliesLate: 1,
      repliesOverdue: 2,
      filingsLate: 1,
      findings: [
        finding({ accountId: "A002", hostUnit: "清河县教育局", points: 10, count: 2 }),
        finding({
          accountId: "A002",
          hostUnit: "清河县教育局",
          rule: "reply-deadline",
          messageId: "overdue",
          indicator: { zh: "留言办理不及时", en: "Messages not answered in time" },
          points: 40,
          message: { zh: "留言 M7 超过 24 小时未答复", en: "Message M7 unanswered after 24 hours" },
          evidence: { messageId: "M7", receivedAt: "2026-09-20T10:00:00.000+08:00", repliedAt: null },
        }),
      ],
    }),
    account({
      accountId: "A003",
      name: "平安清河",
      platform: "douyin",
      hostUnit: "清河县公安局",
      unitCategory: "部门",
      score: 0,
      verdict: "veto",
      vetoes: ["no-update-2w"],
      lastPostAt: at("2026-09-10", "09:00"),
      daysSinceLastPost: 20,
      findings: [vetoFinding],
    }),
    account({
      accountId: "A004",
      name: "清河旅游",
      platform: "toutiao",
      hostUnit: "清河县文旅局",
      unitCategory: "部门",
      status: "closed",
      score: null,
      verdict: "not_scored",
      lastPostAt: null,
      daysSinceLastPost: null,
      posts: 0,
      originalPosts: 0,
      originalRatio: null,
      emptyWeeks: null,
      longestGapDays: null,
      repliesDue: null,
      repliesOnTime: null,
      repliesLate: null,
      repliesOverdue: null,
      repliesPending: null,
      filingsLate: null,
    }),
  ];
  return result({ accounts });
}

export function result(overrides: Partial<AuditResult> = {}): AuditResult {
  const accounts = overrides.accounts ?? [account()];
  const count = (v: AccountResult["verdict"]) => accounts.filter((a) => a.verdict === v).length;
  return {
    tool: "gmaudit",
    version: "0.1.0",
    profile: "jiangsu",
    profileName: "江苏省政务新媒体检查",
    scoring: "deductions",
    timezone: "Asia/Shanghai",
    asOf: zone.endOfDay("2026-09-30"),
    from: zone.startOfDay("2026-07-01"),
    weeks: Array.from({ length: 13 }, (_, i) => civilDate(dayNumber("2026-07-06") + 7 * i)),
    period: "2026Q3",
    inputs: {
      accounts: {
        file: "accounts.csv",
        format: "csv",
        encoding: "utf-8",
        rows: accounts.length,
        used: accounts.length,
        skipped: 0,
        duplicates: 0,
        afterAsOf: 0,
        unregistered: 0,
      },
      posts: {
        file: "posts.csv",
        format: "csv",
        encoding: "utf-8",
        rows: 340,
        used: 338,
        skipped: 0,
        duplicates: 0,
        afterAsOf: 2,
        unregistered: 0,
      },
    },
    missingInputs: ["messages", "filings", "findings"],
    dataIncomplete: false,
    calendar: { coveredYears: [2025, 2026], warnings: [] },
    warnings: [],
    summary: {
      accounts: accounts.length,
      pass: count("pass"),
      fail: count("fail"),
      veto: count("veto"),
      notScored: count("not_scored"),
      findings: accounts.reduce((n, a) => n + a.findings.length, 0),
    },
    accounts,
    units: [unit()],
    unregisteredAccounts: [],
    globalFindings: [],
    ...overrides,
  };
}

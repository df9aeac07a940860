import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { FindingRecord, Located } from "../../src/input/schemas.js";
import { audit } from "../../src/pipeline.js";
import { catalogue, manualSettings } from "../../src/profiles/catalogue.js";
import { resolveProfile } from "../../src/profiles/resolve.js";
import { RULES } from "../../src/rules/index.js";
import {
  MANUAL_INDICATORS,
  MANUAL_ONLY,
  manualIndicatorById,
  resolveIndicator,
} from "../../src/rules/manual.js";
import { scoreAccount } from "../../src/scoring/account.js";
import { account, post, run, type Scenario } from "./harness.js";

let line = 1;
function finding(
  accountId: string,
  indicator: string,
  f: Partial<FindingRecord> = {},
): Located<FindingRecord> {
  return {
    accountId,
    indicator,
    count: 1,
    ...f,
    file: "findings.csv",
    line: ++line,
  } as Located<FindingRecord>;
}

/** Runs the scenario and scores account A as `gmaudit check` does. */
function scoreA(s: Scenario) {
  const r = run(s);
  return { r, score: scoreAccount(r.findings("A"), r.profile, true) };
}

const asOf = "2026-09-30";
const A = [account({ accountId: "A", verifiedInfo: "县政府办公室" })];

describe("manual indicators: the catalogue", () => {
  it("holds the §3 table: ids, Chinese names, severity, points and caps", () => {
    expect(
      MANUAL_INDICATORS.map((m) => [
        m.id,
        m.indicator.zh,
        m.defaults.severity,
        m.defaults.pointsEach,
        m.defaults.cap,
      ]),
    ).toEqual([
      ["serious-error", "出现严重表述错误", "veto", undefined, undefined],
      ["secret-leak", "泄露国家秘密", "veto", undefined, undefined],
      ["harmful-content", "发布或链接反动、暴力、色情、迷信等内容", "veto", undefined, undefined],
      ["negative-opinion", "因发布内容不当引发严重负面舆情", "veto", undefined, undefined],
      ["no-update-2w", "监测时间点前2周内无更新", "veto", undefined, undefined],
      ["app-unusable", "移动客户端（APP）无法下载或使用", "veto", undefined, undefined],
      ["no-interaction", "未提供有效互动功能", "veto", undefined, undefined],
      ["fake-engagement", "购买“粉丝”、强制要求群众点赞等弄虚作假行为", "veto", undefined, undefined],
      ["internal-opener", "开设不规范", "deduct", 10, 10],
      ["name-irrelevant", "名称不规范", "deduct", 10, 10],
      ["verified-host-unit", "认证信息不规范", "deduct", 10, 10],
      ["weekly-update", "内容更新不及时", "deduct", 5, 10],
      ["improper-content", "内容发布不当", "deduct", 2, 10],
      ["commercial-ads", "发布商业广告", "deduct", 10, 10],
      ["comment-moderation", "留言审看不到位", "deduct", 1, 10],
      ["improper-reply", "互动回应失当", "deduct", 2, 10],
      ["broken-function", "功能无法使用", "deduct", 2, 10],
      ["excessive-data", "过度获取用户信息", "deduct", 10, 10],
    ]);
  });

  it("lists automatic rules then manual-only indicators in one catalogue, priced by the profile", () => {
    const entries = catalogue(resolveProfile("jiangsu"));
    // Every automatic rule, then every manual-only indicator, each id once.
    expect(entries.map((e) => e.id)).toEqual([...RULES.map((r) => r.id), ...MANUAL_ONLY.map((m) => m.id)]);
    expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length);
    expect(MANUAL_ONLY.length).toBeGreaterThan(0);
    const byId = Object.fromEntries(entries.map((e) => [e.id, e]));
    expect(byId["weekly-update"]).toMatchObject({ kind: "both", severity: "deduct", pointsEach: 5, cap: 10 });
    expect(byId["reply-deadline"]).toMatchObject({ kind: "automatic", names: [] });
    expect(byId["commercial-ads"]).toMatchObject({ kind: "manual", enabled: true, pointsEach: 10, cap: 10 });
    expect(byId["one-account-per-platform"]).toMatchObject({ scope: "unit" });
    expect(byId["no-interaction"]?.names).toEqual([
      "no-interaction",
      "未提供有效互动功能",
      "互动回应差：未提供有效互动功能",
    ]);
    const national = Object.fromEntries(catalogue(resolveProfile("national")).map((e) => [e.id, e]));
    expect(national["internal-opener"]).toMatchObject({ kind: "both", enabled: false });
    expect(national["serious-error"]).toMatchObject({ kind: "manual", enabled: true, severity: "veto" });
  });

  it("resolves an id, the Chinese name, the §2 short name, whatever the spaces, width and quotes", () => {
    const id = (text: string) => resolveIndicator(text)?.id;
    expect(id("commercial-ads")).toBe("commercial-ads");
    expect(id(" 发布 商业广告 ")).toBe("commercial-ads");
    expect(id("Commercial-Ads")).toBe("commercial-ads");
    expect(id("移动客户端(APP)无法下载或使用")).toBe("app-unusable");
    expect(id("移动客户端（ＡＰＰ）无法下载或使用")).toBe("app-unusable");
    expect(id('购买"粉丝"、强制要求群众点赞等弄虚作假行为')).toBe("fake-engagement");
    expect(id("开设不规范")).toBe("internal-opener");
    expect(id("互动回应差：未提供有效互动功能")).toBe("no-interaction");
    expect(id("内容不更新：监测时间点前2周内无更新")).toBe("no-update-2w");
    expect(id("reply-deadline")).toBeUndefined();
    expect(id("内容不更新")).toBeUndefined();
  });
});

describe("manual indicators: findings", () => {
  it("a finding becomes a finding of its id with count occurrences, the note and date in the evidence", () => {
    const { r, score } = scoreA({
      asOf,
      accounts: A,
      findings: [finding("A", "内容发布不当", { count: 3, foundAt: "2026-09-12", note: "转载娱乐八卦" })],
    });
    expect(r.findings("A", "improper-content")).toMatchObject([
      {
        rule: "improper-content",
        messageId: "manual-finding",
        indicator: { zh: "内容发布不当" },
        severity: "deduct",
        points: 6,
        count: 3,
        occurredAt: Date.parse("2026-09-12T00:00:00+08:00"),
        message: { zh: "人工检查记录（2026-09-12），共3处：转载娱乐八卦" },
        evidence: { recordedBy: "inspection", foundAt: "2026-09-12", count: 3, note: "转载娱乐八卦" },
        source: expect.stringContaining("内容发布不当"),
      },
    ]);
    expect(score).toMatchObject({ score: 94, deductions: 6, verdict: "pass" });
  });

  it("caps a manual-only indicator at the catalogue's cap", () => {
    const { r, score } = scoreA({
      asOf,
      accounts: A,
      findings: [
        finding("A", "improper-content", { count: 6 }),
        finding("A", "commercial-ads"),
        finding("A", "发布商业广告"),
      ],
    });
    expect(
      score.findings.filter((f) => f.rule !== "verified-host-unit").map((f) => [f.rule, f.points]),
    ).toEqual([
      ["improper-content", 10],
      ["commercial-ads", 10],
      ["commercial-ads", 0],
    ]);
    expect(score).toMatchObject({ score: 80, deductions: 20 });
    expect(r.findings("A", "commercial-ads")[1]?.evidence.at).toMatch(/^findings\.csv:\d+$/);
  });

  it("adds up with the automatic rule of the same id under one cap (1 empty week + 2 manual = 10)", () => {
    // Window 2026-09-03 … 09-30: complete weeks from 09-07, 09-14, 09-21; only 09-14 is empty.
    const posts = [post("A", "2026-09-08 10:00"), post("A", "2026-09-22 10:00")];
    const { r, score } = scoreA({
      asOf,
      accounts: A,
      posts,
      findings: [finding("A", "内容更新不及时", { count: 2, note: "栏目长期未更新" })],
    });
    const weekly = score.findings.filter((f) => f.rule === "weekly-update");
    expect(weekly.map((f) => [f.messageId, f.count, f.points])).toEqual([
      ["empty-week", 1, 5],
      ["manual-finding", 2, 5],
    ]);
    expect(r.findings("A", "weekly-update")[1]?.points).toBe(10); // before the cap
    expect(score).toMatchObject({ score: 90, deductions: 10 });
  });

  it("an automatic id takes its price from the profile (config pointsEach applies to manual findings too)", () => {
    const { score } = scoreA({
      asOf,
      accounts: A,
      rules: { "weekly-update": { pointsEach: 3, cap: 20 } },
      findings: [finding("A", "weekly-update", { count: 4 })],
    });
    expect(score).toMatchObject({ deductions: 12, score: 88 });
  });

  it("is not subject to needs: recorded without a posts file", () => {
    const r = run({ asOf, accounts: A, findings: [finding("A", "weekly-update")] });
    expect(r.notEvaluated("A")).toContainEqual({ rule: "weekly-update", reason: "no posts input" });
    expect(r.findings("A", "weekly-update")).toMatchObject([{ messageId: "manual-finding", points: 5 }]);
  });

  it("several capped indicators fail an account (score < 60)", () => {
    const { score } = scoreA({
      asOf,
      accounts: A,
      findings: [
        finding("A", "commercial-ads"),
        finding("A", "improper-content", { count: 5 }),
        finding("A", "broken-function", { count: 5 }),
        finding("A", "excessive-data"),
        finding("A", "name-irrelevant"),
      ],
    });
    expect(score).toMatchObject({ score: 50, deductions: 50, verdict: "fail" });
  });

  it("a manual veto vetoes the account under every profile, national included", () => {
    const findings = [finding("A", "出现严重表述错误", { foundAt: "2026-09-20" })];
    const jiangsu = scoreA({ asOf, accounts: A, findings }).score;
    expect(jiangsu).toMatchObject({ score: 0, verdict: "veto", vetoes: ["serious-error"] });
    const national = scoreA({ asOf, profile: "national", accounts: A, findings }).score;
    expect(national).toMatchObject({ score: null, verdict: "veto", vetoes: ["serious-error"] });
    const zhejiang = scoreA({ asOf, profile: "zhejiang", accounts: A, findings }).score;
    expect(zhejiang).toMatchObject({ verdict: "veto" });
  });

  it("under national, deduction findings are listed with 0 points, even for a rule national leaves off", () => {
    const { r, score } = scoreA({
      asOf,
      profile: "national",
      accounts: A,
      findings: [finding("A", "commercial-ads"), finding("A", "开设不规范")],
    });
    expect(r.findings("A").map((f) => [f.rule, f.severity, f.points])).toEqual([
      ["internal-opener", "deduct", 0],
      ["commercial-ads", "deduct", 0],
    ]);
    expect(score).toMatchObject({ score: null, verdict: "pass", deductions: 0 });
  });

  it("lists findings in catalogue order: each rule's own, then its manual ones, then manual-only ids", () => {
    const r = run({
      asOf,
      accounts: [account({ accountId: "A", interaction: false, verifiedInfo: "县政府办公室" })],
      findings: [
        finding("A", "excessive-data"),
        finding("A", "no-interaction"),
        finding("A", "serious-error"),
      ],
    });
    expect(r.findings("A").map((f) => `${f.rule}:${f.messageId}`)).toEqual([
      "no-interaction:no-interaction",
      "no-interaction:manual-finding",
      "serious-error:manual-finding",
      "excessive-data:manual-finding",
    ]);
  });
});

describe("manual indicators: priced by the profile, the config and flags (RULES §5)", () => {
  // The pricing only: what the finding cites is tested with the sources (test/meta, test/profiles).
  const settings = (profile: ReturnType<typeof resolveProfile>, id: string) => {
    const {
      source: _source,
      sourceFull: _full,
      ...pricing
    } = manualSettings(profile, manualIndicatorById(id)!);
    return pricing;
  };

  it("the manual-only ids are the §3 ids that are no automatic rule, resolved with the catalogue defaults", () => {
    expect(MANUAL_ONLY.map((m) => m.id)).toEqual([
      "serious-error",
      "secret-leak",
      "harmful-content",
      "negative-opinion",
      "app-unusable",
      "fake-engagement",
      "name-irrelevant",
      "improper-content",
      "commercial-ads",
      "comment-moderation",
      "improper-reply",
      "broken-function",
      "excessive-data",
    ]);
    const jiangsu = resolveProfile("jiangsu");
    expect(jiangsu.manual.map((m) => m.indicator.id)).toEqual(MANUAL_ONLY.map((m) => m.id));
    expect(settings(jiangsu, "improper-content")).toEqual({
      enabled: true,
      severity: "deduct",
      pointsEach: 2,
      cap: 10,
    });
    expect(settings(jiangsu, "serious-error")).toEqual({
      enabled: true,
      severity: "veto",
      pointsEach: 0,
      cap: null,
    });
  });

  it("flags > config > profile file (extends jiangsu) > catalogue, key by key", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "gmaudit-manual-profile-"));
    const file = path.join(dir, "office.json");
    writeFileSync(
      file,
      JSON.stringify({
        id: "office",
        name: "office",
        extends: "jiangsu",
        rules: { "comment-moderation": { pointsEach: 3, cap: 9, severity: "deduct" } },
      }),
    );
    const profileOnly = resolveProfile(file);
    expect(settings(profileOnly, "comment-moderation")).toMatchObject({ pointsEach: 3, cap: 9 });
    const layered = resolveProfile(file, [
      { where: "config", rules: { "comment-moderation": { pointsEach: 4, cap: 12 } } },
      { where: "flags", rules: { "comment-moderation": { cap: 6 } } },
    ]);
    expect(settings(layered, "comment-moderation")).toEqual({
      enabled: true,
      severity: "deduct",
      pointsEach: 4,
      cap: 6,
    });
    // The other manual ids keep the catalogue's values.
    expect(settings(layered, "improper-reply")).toMatchObject({ pointsEach: 2, cap: 10 });

    const { score } = scoreA({
      asOf,
      profile: file,
      accounts: A,
      findings: [finding("A", "留言审看不到位", { count: 4 })],
    });
    expect(score).toMatchObject({ deductions: 9, score: 91 }); // 4 × 3 = 12, capped at the profile's 9
  });

  it("the config's pointsEach and cap price a manual-only indicator", () => {
    const { r, score } = scoreA({
      asOf,
      accounts: A,
      rules: { "improper-content": { pointsEach: 5, cap: 15 } },
      findings: [finding("A", "内容发布不当", { count: 2 }), finding("A", "improper-content", { count: 2 })],
    });
    expect(r.findings("A", "improper-content").map((f) => f.points)).toEqual([10, 10]);
    expect(score.findings.map((f) => f.points)).toEqual([10, 5]);
    expect(score).toMatchObject({ deductions: 15, score: 85 });
  });

  it("re-levels a manual indicator: a deduction made a veto, a veto made a priced deduction", () => {
    const vetoed = scoreA({
      asOf,
      accounts: A,
      rules: { "commercial-ads": { severity: "veto" } },
      findings: [finding("A", "发布商业广告")],
    }).score;
    expect(vetoed).toMatchObject({ verdict: "veto", vetoes: ["commercial-ads"], score: 0 });
    const deducted = scoreA({
      asOf,
      accounts: A,
      rules: { "serious-error": { severity: "deduct", pointsEach: 20, cap: null } },
      findings: [finding("A", "出现严重表述错误", { count: 2 })],
    }).score;
    expect(deducted).toMatchObject({ verdict: "pass", vetoes: [], deductions: 40, score: 60 });
  });

  it("enabled: false switches a manual-only indicator off: its rows give no finding", () => {
    const { r, score } = scoreA({
      asOf,
      accounts: A,
      rules: { "commercial-ads": { enabled: false }, "serious-error": { enabled: false } },
      findings: [
        finding("A", "commercial-ads"),
        finding("A", "出现严重表述错误"),
        finding("A", "improper-content"),
      ],
    });
    expect(r.findings("A").map((f) => f.rule)).toEqual(["improper-content"]);
    expect(score).toMatchObject({ verdict: "pass", deductions: 2, score: 98 });
    const entries = Object.fromEntries(
      catalogue(resolveProfile("jiangsu", [{ rules: { "commercial-ads": { enabled: false } } }])).map((e) => [
        e.id,
        e,
      ]),
    );
    expect(entries["commercial-ads"]).toMatchObject({ kind: "manual", enabled: false, pointsEach: 10 });
  });

  it("enabled: false on an automatic rule's id switches the rule only: an inspector's finding still counts", () => {
    const { r, score } = scoreA({
      asOf,
      accounts: A,
      rules: { "verified-host-unit": { enabled: false } },
      findings: [finding("A", "认证信息不规范")],
    });
    expect(r.findings("A", "verified-host-unit").map((f) => [f.messageId, f.points])).toEqual([
      ["manual-finding", 10],
    ]);
    expect(score).toMatchObject({ deductions: 10 });
  });

  it("under national (veto-only) a priced manual deduction is still listed with 0 points", () => {
    const { r, score } = scoreA({
      asOf,
      profile: "national",
      accounts: A,
      rules: { "improper-content": { pointsEach: 5 } },
      findings: [finding("A", "improper-content", { count: 2 })],
    });
    expect(r.findings("A").map((f) => [f.rule, f.severity, f.points])).toEqual([
      ["improper-content", "deduct", 0],
    ]);
    expect(score).toMatchObject({ score: null, verdict: "pass" });
  });
});

describe("manual indicators: the findings file", () => {
  function write(findingsCsv: string) {
    const dir = mkdtempSync(path.join(tmpdir(), "gmaudit-findings-"));
    const accounts = path.join(dir, "accounts.csv");
    const findings = path.join(dir, "findings.csv");
    writeFileSync(accounts, "账号ID,账号名称,平台,主办单位,认证信息\nA,甲,微博,甲局,甲局\n");
    writeFileSync(findings, findingsCsv);
    return { accounts, findings };
  }

  it("an unknown indicator is an input error listing the accepted ids and names", async () => {
    const files = write(
      "账号ID,指标,发现日期,次数,说明\nA,发布商业广告,2026-09-10,1,\nA,乱码指标,2026-09-11,1,\n",
    );
    const error = await audit({ files, now: Date.UTC(2026, 9, 1), asOf: "2026-09-30" }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ name: "GmauditError" });
    const details = (error as { details: { en: string }[] }).details.map((d) => d.en);
    expect(details).toHaveLength(1);
    expect(details[0]).toMatch(
      /findings\.csv:3: column "指标": "乱码指标" is not one of: serious-error \(出现严重表述错误\), secret-leak \(泄露国家秘密\), .*excessive-data \(过度获取用户信息\); or map it in gmaudit\.config\.json: "aliases": \{"indicator": \{"乱码指标": "<one of the ids above>"\}\}$/,
    );
  });

  it("with --skip-invalid the row is skipped and counted; the rest is scored", async () => {
    const files = write("账号ID,指标,次数\nA,发布商业广告,1\nA,乱码指标,1\n");
    const result = await audit({ files, now: Date.UTC(2026, 9, 1), asOf: "2026-09-30", skipInvalid: true });
    expect(result.inputs.findings).toMatchObject({ rows: 2, used: 1, skipped: 1 });
    expect(result.dataIncomplete).toBe(true);
    expect(result.accounts[0]).toMatchObject({ score: 90, deductions: 10 });
  });

  it("a switched-off indicator's rows are read and counted, give no finding, and are named in a warning", async () => {
    const files = write("账号ID,指标,次数\nA,发布商业广告,1\nA,commercial-ads,2\nA,内容发布不当,1\n");
    const result = await audit({
      files,
      now: Date.UTC(2026, 9, 1),
      asOf: "2026-09-30",
      overrides: [{ rules: { "commercial-ads": { enabled: false } } }],
    });
    expect(result.inputs.findings).toMatchObject({ rows: 3, used: 3, skipped: 0 });
    expect(result.accounts[0]).toMatchObject({ score: 98, deductions: 2 });
    expect(result.accounts[0]?.findings.map((f) => f.rule)).toEqual(["improper-content"]);
    // The registry of this test has no status column: said first (issue 17), then the switched-off rows.
    expect(result.warnings).toEqual([
      {
        zh: `${files.accounts}：备案台账无“状态”或“关停日期”列，所有账号均按正常运行评估`,
        en: `${files.accounts}: the registry has no status or closed_at column: all accounts taken as active`,
      },
      {
        zh: `${files.findings}：2 条检查记录的指标为“发布商业广告”（commercial-ads），该指标已停用（enabled: false），未计入结果`,
        en: `${files.findings}: 2 findings rows record commercial-ads (发布商业广告), which is switched off (enabled: false): not scored`,
      },
    ]);
  });

  it("ignores a finding dated after T (counted as after as-of)", async () => {
    const files = write("账号ID,指标,发现日期\nA,发布商业广告,2026-09-30\nA,泄露国家秘密,2026-10-01\n");
    const result = await audit({ files, now: Date.UTC(2026, 9, 1), asOf: "2026-09-30" });
    expect(result.inputs.findings).toMatchObject({ rows: 2, used: 1, afterAsOf: 1 });
    expect(result.accounts[0]).toMatchObject({ verdict: "pass", score: 90 });
  });
});

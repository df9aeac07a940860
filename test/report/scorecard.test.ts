import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { AvailableInputs } from "../../src/input/needs.js";
import { audit } from "../../src/pipeline.js";
import { resolveProfile } from "../../src/profiles/resolve.js";
import {
  accountsNamed,
  arithmeticLines,
  buildScoreCard,
  renderScoreCard,
  type ScoreCard,
} from "../../src/report/scorecard.js";
import { RULES } from "../../src/rules/index.js";
import { MANUAL_INDICATORS } from "../../src/rules/manual.js";
import { unmetNeed } from "../../src/scoring/needs.js";
import type { AuditResult } from "../../src/scoring/result.js";
import { runInProcess } from "../cli/in-process.js";

const demo = "fixtures/demo";
const files = {
  accounts: `${demo}/accounts.csv`,
  posts: `${demo}/posts.csv`,
  messages: `${demo}/messages.csv`,
  filings: `${demo}/filings.csv`,
  findings: `${demo}/findings.csv`,
};
const now = Date.UTC(2026, 9, 1);
const jiangsu = resolveProfile("jiangsu");
const ALL_IDS = [...RULES.map((r) => r.id), ...MANUAL_INDICATORS.map((m) => m.id)];

let result: AuditResult;
beforeAll(async () => {
  result = await audit({ files, now, period: "2026Q3" });
});

function cardOf(r: AuditResult, id: string, profile = jiangsu): ScoreCard {
  return buildScoreCard(r.accounts.find((a) => a.accountId === id)!, r, profile);
}

const textOptions = (r: AuditResult, lang: "zh" | "en") => ({
  lang,
  timezone: r.timezone,
  from: r.from,
  asOf: r.asOf,
  profileName: r.profileName,
});

describe("score card of the demo's 57-point account", () => {
  it("explains every point: per-finding points sum to the deductions, 100 − deductions is the score", () => {
    const account = result.accounts.find((a) => a.score === 57)!;
    expect(account).toBeDefined();
    const card = cardOf(result, account.accountId);
    // Every finding of the account is on the card, with the points the score lost to it.
    const onCard = card.lines.flatMap((l) => l.findings);
    expect(onCard.map((f) => f.message)).toEqual(
      expect.arrayContaining(account.findings.map((f) => f.message)),
    );
    expect(onCard).toHaveLength(account.findings.length);
    const lost = card.lines.reduce((n, l) => n + l.points, 0);
    expect(lost).toBe(account.deductions);
    expect(100 - lost).toBe(account.score);
    for (const line of card.lines) {
      // Each indicator's points are its findings' points, and never above the cap.
      expect(line.points).toBe(line.findings.reduce((n, f) => n + f.points, 0));
      if (line.cap !== null) expect(line.points).toBeLessThanOrEqual(line.cap);
      expect(line.rawPoints).toBeGreaterThanOrEqual(line.points);
    }
    // The arithmetic lines name each priced indicator and end with the verdict against the pass mark.
    const lines = arithmeticLines(card, "zh");
    for (const l of card.lines.filter((x) => x.points > 0)) {
      expect(lines.some((s) => s.includes(l.indicator.zh) && s.endsWith(`扣 ${l.points} 分`))).toBe(true);
    }
    expect(lines).toContain(`  得分 100 − ${account.deductions} = 57.0 分`);
    expect(lines.at(-1)).toBe("结论：57.0 分，低于合格线 60 分 → 不合格");
  });

  it("lists every account rule of the profile exactly once, with a status", () => {
    const card = cardOf(result, "QH-007");
    const accountRules = ALL_IDS.filter((id) => {
      const rule = RULES.find((r) => r.id === id);
      return rule === undefined || (rule.scope ?? "account") === "account";
    });
    expect(card.lines.map((l) => l.rule).sort()).toEqual([...new Set(accountRules)].sort());
    // Findings first, so the answer to "why did we lose points" is at the top.
    expect(card.lines[0]!.status).toBe("finding");
  });

  it("shows the cap: twelve empty weeks at 5 points each are capped at 10", () => {
    const card = cardOf(result, "QH-022");
    const weekly = card.lines.find((l) => l.rule === "weekly-update")!;
    expect(weekly.rawPoints).toBe(60);
    expect(weekly.points).toBe(10);
    expect(arithmeticLines(card, "zh")).toContain(
      `  内容更新不及时：${Array(12).fill("5").join(" + ")} = 60 分，超过上限 10 分 → 扣 10 分`,
    );
    expect(arithmeticLines(card, "zh").at(-1)).toBe(
      "结论：单项否决（内容不更新：监测时间点前2周内无更新），得分记 0 分",
    );
  });

  it("says why a rule is not evaluated, in the reader's language, and never calls it passed", () => {
    const card = cardOf(result, "QH-010"); // an app: exempt from the update rules
    const notEvaluated = card.lines.filter((l) => l.status === "not_evaluated").map((l) => l.rule);
    expect(notEvaluated).toEqual(expect.arrayContaining(["no-update-2w", "weekly-update"]));
    const zh = renderScoreCard(card, textOptions(result, "zh"));
    expect(zh).toContain("移动客户端不适用本项，由人工检查“移动客户端（APP）无法下载或使用”判断");
    for (const id of ALL_IDS) expect(zh).not.toMatch(new RegExp(`(^|[^\\w-])${id}([^\\w-]|$)`));
    // No English sentence in the Chinese card (the evidence's file names aside).
    expect(zh.replace(/[\w/.-]+\.csv(:\d+)?/g, "")).not.toMatch(/[a-z]{4,}/);
  });

  it("marks the rules of an account not scored in the window as not applicable", () => {
    const card = cardOf(result, "QH-012"); // cancelled before the window
    expect(card.verdict).toBe("not_scored");
    expect(card.lines.find((l) => l.rule === "weekly-update")!.status).toBe("not_applicable");
    expect(arithmeticLines(card, "en").at(-1)).toBe("Verdict: not scored in this window");
  });

  it("a rule switched off by the profile is not applicable", () => {
    const national = resolveProfile("national");
    const off = national.rules.find((r) => !r.enabled && (r.rule.scope ?? "account") === "account");
    expect(off).toBeDefined();
    const card = cardOf(result, "QH-001", national);
    const line = card.lines.find((l) => l.rule === off!.rule.id)!;
    expect(line.status).toBe("not_applicable");
    expect(line.reason?.zh).toBe("评分方案未启用本项");
  });
});

describe("reasons and names", () => {
  it("says why a rule was not evaluated in the reader's language, as the rule and the inputs give it", () => {
    const none = new AvailableInputs(new Set(["accounts"]));
    expect(unmetNeed(["posts", "messages"], none)).toEqual({
      zh: "未提供发布记录、留言记录",
      en: "no posts, messages input",
    });
    const noColumn = new AvailableInputs(new Set(["accounts", "posts"]), { posts: { account_id: "账号ID" } });
    expect(unmetNeed(["posts", "posts.original"], noColumn)).toEqual({
      zh: "发布记录无“是否原创”列",
      en: "the posts file has no 是否原创 (original) column",
    });
  });

  it("finds an account by id, else by name (spaces and full-width forms ignored)", () => {
    expect(accountsNamed(result, "QH-007").map((a) => a.accountId)).toEqual(["QH-007"]);
    expect(accountsNamed(result, " 清河 人社 ").map((a) => a.accountId)).toEqual(["QH-010"]);
    expect(accountsNamed(result, "清河卫健").map((a) => a.accountId)).toEqual(["QH-007", "QH-016"]);
    expect(accountsNamed(result, "无此账号")).toEqual([]);
  });
});

describe("gmaudit check --account", () => {
  const args = ["check", files.accounts, "--period", "2026Q3", "--quiet"];

  it("prints the card instead of the results; the exit code is the account's", async () => {
    const failed = await runInProcess([...args, "--account", "QH-007"], { now });
    expect(failed.code).toBe(1);
    expect(failed.out).toContain("账号得分明细：清河卫健（QH-007）");
    expect(failed.out).toContain("合计扣分 10 + 10 + 3 + 10 + 10 = 43 分");
    const passed = await runInProcess([...args, "--account", "清河发布", "--lang", "en"], { now });
    expect(passed.code).toBe(2); // two accounts are named 清河发布
    expect(passed.err).toContain("QH-001, QH-002");
    const ok = await runInProcess([...args, "--account", "QH-001"], { now });
    expect(ok.code).toBe(0);
  });

  it("writes the card as JSON, whose points add up to the account's deductions", async () => {
    const { code, out } = await runInProcess([...args, "--account", "QH-007", "--format", "json"], { now });
    expect(code).toBe(1);
    const card = JSON.parse(out);
    expect(card.accountId).toBe("QH-007");
    const points = card.rules.reduce((n: number, r: { points: number }) => n + r.points, 0);
    expect(points).toBe(card.deductions);
    expect(card.score).toBe(100 - card.deductions);
    expect(new Set(card.rules.map((r: { status: string }) => r.status))).toEqual(
      new Set(["finding", "passed"]),
    );
  });

  it("an unknown account is a usage error and writes nothing", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "gmaudit-card-"));
    const out = path.join(dir, "card.json");
    const r = await runInProcess([...args, "--account", "无此账号", "--out", out], { now });
    expect(r.code).toBe(2);
    expect(r.err).toContain("备案台账中没有账号ID或名称为“无此账号”的账号");
    expect(existsSync(out)).toBe(false);
  });
});

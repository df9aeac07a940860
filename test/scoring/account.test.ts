import { describe, expect, it } from "vitest";
import { resolveProfile } from "../../src/profiles/resolve.js";
import type { Severity } from "../../src/rules/define.js";
import { scoreAccount } from "../../src/scoring/account.js";
import type { FindingResult } from "../../src/scoring/result.js";
import { finding as fixtureFinding } from "../output/fixtures.js";

const jiangsu = resolveProfile("jiangsu");
const national = resolveProfile("national");

const finding = (rule: string, severity: Severity, points = 0): FindingResult =>
  fixtureFinding({ rule, severity, points });

describe("scoreAccount", () => {
  it("passes a clean account with 100", () => {
    expect(scoreAccount([], jiangsu, true)).toMatchObject({
      score: 100,
      verdict: "pass",
      deductions: 0,
      vetoes: [],
    });
  });

  it("caps each rule separately and spends the cap on the first occurrences", () => {
    const findings = [5, 5, 5, 5].map((p) => finding("weekly-update", "deduct", p));
    const scored = scoreAccount(findings, jiangsu, true);
    expect(scored.findings.map((f) => f.points)).toEqual([5, 5, 0, 0]);
    expect(scored).toMatchObject({ score: 90, deductions: 10, verdict: "pass" });
  });

  it("fails below passScore (60) and never goes under 0", () => {
    const profile = resolveProfile("jiangsu", [
      { rules: { "weekly-update": { cap: 45 }, "repost-source": { pointsEach: 50, cap: 100 } } },
    ]);
    const justFail = scoreAccount(
      [...Array(9)]
        .map(() => finding("weekly-update", "deduct", 5))
        .concat(finding("repost-source", "violation", 50)),
      profile,
      true,
    );
    expect(justFail).toMatchObject({ score: 5, verdict: "fail", deductions: 95 });
    const edge = scoreAccount([finding("repost-source", "violation", 40)], profile, true);
    expect(edge).toMatchObject({ score: 60, verdict: "pass" });
    const floor = scoreAccount(
      [
        finding("repost-source", "violation", 50),
        finding("repost-source", "violation", 50),
        finding("weekly-update", "deduct", 45),
      ],
      profile,
      true,
    );
    expect(floor).toMatchObject({ score: 0, deductions: 145, verdict: "fail" });
  });

  it("scores a veto 0 with verdict veto, still listing the other findings and their points", () => {
    const scored = scoreAccount(
      [finding("no-update-2w", "veto"), finding("weekly-update", "deduct", 5)],
      jiangsu,
      true,
    );
    expect(scored).toMatchObject({ score: 0, verdict: "veto", vetoes: ["no-update-2w"], deductions: 5 });
    expect(scored.findings).toHaveLength(2);
  });

  it("gives warnings and violations no points unless the profile prices them", () => {
    expect(
      scoreAccount([finding("repost-source", "violation"), finding("no-update-2w", "warning")], jiangsu, true)
        .score,
    ).toBe(100);
  });

  it("veto-only profiles: null score, pass or veto", () => {
    expect(scoreAccount([], national, true)).toMatchObject({ score: null, verdict: "pass" });
    expect(scoreAccount([finding("no-update-2w", "veto")], national, true)).toMatchObject({
      score: null,
      verdict: "veto",
    });
  });

  it("not scored: null score whatever the findings", () => {
    expect(scoreAccount([finding("filing-deadline", "violation")], jiangsu, false)).toMatchObject({
      score: null,
      verdict: "not_scored",
    });
  });

  it("caps a manual-only indicator at its catalogue cap, and one id's findings share one cap", () => {
    const ads = scoreAccount(
      [finding("commercial-ads", "deduct", 10), finding("commercial-ads", "deduct", 10)],
      jiangsu,
      true,
    );
    expect(ads.findings.map((f) => f.points)).toEqual([10, 0]);
    const moderation = scoreAccount([finding("comment-moderation", "deduct", 12)], jiangsu, true);
    expect(moderation).toMatchObject({ deductions: 10, score: 90 });
    // An automatic id uses the profile's cap, which the config may change.
    const raised = resolveProfile("jiangsu", [{ rules: { "weekly-update": { cap: 15 } } }]);
    expect(
      scoreAccount(
        [finding("weekly-update", "deduct", 5), finding("weekly-update", "deduct", 15)],
        raised,
        true,
      ),
    ).toMatchObject({ deductions: 15, score: 85 });
  });

  it("a manual veto vetoes under a veto-only profile", () => {
    expect(scoreAccount([finding("secret-leak", "veto")], national, true)).toMatchObject({
      score: null,
      verdict: "veto",
      vetoes: ["secret-leak"],
    });
  });
});

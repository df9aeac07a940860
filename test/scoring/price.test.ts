import { describe, expect, it } from "vitest";
import type { FindingRecord, Located } from "../../src/input/schemas.js";
import { type ResolvedProfile, resolveProfile } from "../../src/profiles/resolve.js";
import { manualFindings } from "../../src/scoring/manual.js";
import { priceOccurrence, spendCaps } from "../../src/scoring/price.js";
import type { FindingResult } from "../../src/scoring/result.js";
import { Zone } from "../../src/time/zone.js";
import { finding as fixtureFinding } from "../output/fixtures.js";

const deduct = { severity: "deduct", pointsEach: 2 } as const;

describe("priceOccurrence", () => {
  it("charges points each times the count under a deducting profile", () => {
    expect(priceOccurrence(deduct, "deductions", {})).toEqual({ severity: "deduct", points: 2, count: 1 });
    expect(priceOccurrence(deduct, "deductions", { count: 3 })).toEqual({
      severity: "deduct",
      points: 6,
      count: 3,
    });
  });

  it("never charges an advisory occurrence, whatever the profile charges the rule", () => {
    expect(priceOccurrence(deduct, "deductions", { advisory: "warning", count: 2 })).toEqual({
      severity: "warning",
      points: 0,
      count: 2,
    });
  });

  it("charges nothing under a veto-only profile, and keeps the profile's severity", () => {
    expect(priceOccurrence(deduct, "veto-only", { count: 4 })).toEqual({
      severity: "deduct",
      points: 0,
      count: 4,
    });
    expect(priceOccurrence({ severity: "veto", pointsEach: 0 }, "deductions", {})).toEqual({
      severity: "veto",
      points: 0,
      count: 1,
    });
  });

  it("charges nothing for a finding that is not priceable (unit and global rules)", () => {
    expect(priceOccurrence(deduct, "deductions", { count: 2 }, false)).toEqual({
      severity: "deduct",
      points: 0,
      count: 2,
    });
  });
});

const finding = (rule: string, points: number): FindingResult => fixtureFinding({ rule, points });

describe("spendCaps", () => {
  // Only the caps are read: one automatic rule capped at 5, one manual-only indicator at 3, one uncapped.
  const profile = {
    rules: [
      { rule: { id: "r" }, cap: 5 },
      { rule: { id: "free" }, cap: null },
    ],
    manual: [{ indicator: { id: "m" }, cap: 3 }],
  } as unknown as ResolvedProfile;

  it("spends a cap on the first findings listed; once reached, the rest show 0", () => {
    const { findings, deductions } = spendCaps(
      [finding("r", 2), finding("r", 2), finding("r", 2), finding("r", 2)],
      profile,
    );
    expect(findings.map((f) => f.points)).toEqual([2, 2, 1, 0]);
    expect(deductions).toBe(5);
  });

  it("keeps one cap per id, a manual-only indicator's included, and none for an uncapped id", () => {
    const { findings, deductions } = spendCaps(
      [finding("m", 2), finding("r", 4), finding("free", 40), finding("m", 2), finding("r", 4)],
      profile,
    );
    expect(findings.map((f) => f.points)).toEqual([2, 4, 40, 1, 1]);
    expect(deductions).toBe(48);
  });

  it("leaves findings without points as they are", () => {
    const zero = finding("r", 0);
    expect(spendCaps([zero], profile).findings[0]).toBe(zero);
  });
});

describe("a manual finding is priced as the rule's own occurrences are", () => {
  const record = (count: number): Located<FindingRecord> =>
    ({
      accountId: "A",
      indicator: "weekly-update",
      count,
      file: "findings.csv",
      line: 2,
    }) as Located<FindingRecord>;
  const zone = Zone.of("Asia/Shanghai");

  for (const [name, profile] of [
    [
      "a deducting profile with the rule overridden",
      resolveProfile("jiangsu", [{ rules: { "weekly-update": { pointsEach: 3 } } }]),
    ],
    ["a veto-only profile", resolveProfile("national")],
  ] as const) {
    it(name, () => {
      const resolved = profile.rules.find((r) => r.rule.id === "weekly-update")!;
      const [manual] = manualFindings([record(2)], { accountId: "A", hostUnit: "U" }, profile, zone).byId.get(
        "weekly-update",
      )!;
      const price = priceOccurrence(resolved, profile.scoring, { count: 2 });
      expect({ severity: manual!.severity, points: manual!.points, count: manual!.count }).toEqual(price);
      expect(price.points).toBe(profile.scoring === "deductions" ? 6 : 0);
    });
  }
});

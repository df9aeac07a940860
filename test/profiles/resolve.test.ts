import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BUILTIN_PROFILES } from "../../src/profiles/builtin.js";
import { resolveProfile } from "../../src/profiles/resolve.js";

const rule = (p: ReturnType<typeof resolveProfile>, id: string) => p.rules.find((r) => r.rule.id === id)!;

describe("resolveProfile", () => {
  it("resolves every built-in profile", () => {
    for (const id of BUILTIN_PROFILES.keys()) expect(resolveProfile(id).id).toBe(id);
  });

  it("jiangsu extends national: deductions, pass at 60, deadlines on", () => {
    const p = resolveProfile("jiangsu");
    expect(p.chain).toEqual(["national", "jiangsu"]);
    expect(p).toMatchObject({ scoring: "deductions", passScore: 60 });
    expect(rule(p, "weekly-update")).toMatchObject({
      enabled: true,
      severity: "deduct",
      pointsEach: 5,
      cap: 10,
    });
    expect(rule(p, "filing-deadline").params).toMatchObject({ workdays: 3, requireApproval: false });
  });

  it("national is veto-only with the deadlines off", () => {
    const p = resolveProfile("national");
    expect(p.scoring).toBe("veto-only");
    expect(rule(p, "no-update-2w").enabled).toBe(true);
    expect(rule(p, "reply-deadline").enabled).toBe(false);
    expect(rule(p, "original-content").enabled).toBe(false);
  });

  it("kunshan: 2 working days with approval; ratio only", () => {
    const p = resolveProfile("kunshan");
    expect(rule(p, "filing-deadline").params).toMatchObject({ workdays: 2, requireApproval: true });
    expect(rule(p, "original-content").params).toMatchObject({ minPerWindow: 0, windowWeeks: 2 });
  });

  it("applies overrides above the profile, later ones winning", () => {
    const p = resolveProfile("kunshan", [
      { rules: { "filing-deadline": { workdays: 4 } } },
      { rules: { "filing-deadline": { workdays: 5 }, "weekly-update": { pointsEach: 2 } } },
    ]);
    expect(rule(p, "filing-deadline").params).toMatchObject({ workdays: 5, requireApproval: true });
    expect(rule(p, "weekly-update").pointsEach).toBe(2);
  });

  it("rejects an unknown rule with the nearest name", () => {
    expect(() => resolveProfile("jiangsu", [{ rules: { "weekly-updates": {} } }])).toThrow(
      /did you mean "weekly-update"/,
    );
  });

  it("rejects an unknown or ill-typed parameter naming its key path", () => {
    expect(() => resolveProfile("jiangsu", [{ rules: { "filing-deadline": { workday: 3 } } }])).toThrow(
      /invalid parameters for rule filing-deadline/,
    );
    try {
      resolveProfile("jiangsu", [{ rules: { "filing-deadline": { workdays: "three" } } }]);
    } catch (err) {
      expect((err as { details: string[] }).details.join("\n")).toMatch(/rules\.filing-deadline: workdays/);
    }
  });

  it("rejects an unknown profile name with a hint", () => {
    expect(() => resolveProfile("jaingsu")).toThrow(/did you mean "jiangsu"/);
  });

  it("reads a user profile file that extends a built-in one", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "gmaudit-profile-"));
    const file = path.join(dir, "hubei.json");
    writeFileSync(
      file,
      JSON.stringify({
        id: "hubei",
        name: "湖北（示例）",
        extends: "national",
        rules: { "filing-deadline": { enabled: true, workdays: 5 } },
      }),
    );
    const p = resolveProfile(file);
    expect(p.chain).toEqual(["national", "hubei"]);
    expect(p.scoring).toBe("veto-only");
    expect(rule(p, "filing-deadline")).toMatchObject({ enabled: true, params: { workdays: 5 } });
  });
});

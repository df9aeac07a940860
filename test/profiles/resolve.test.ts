import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { GmauditError } from "../../src/errors.js";
import { BUILTIN_PROFILES } from "../../src/profiles/builtin.js";
import { resolveProfile } from "../../src/profiles/resolve.js";
import { SETTABLE } from "../../src/rules/manual.js";

const rule = (p: ReturnType<typeof resolveProfile>, id: string) => p.rules.find((r) => r.rule.id === id)!;
const manual = (p: ReturnType<typeof resolveProfile>, id: string) =>
  p.manual.find((m) => m.indicator.id === id)!;

/** Writes a profile file in a new folder; returns its path. */
function profileFile(spec: unknown): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "gmaudit-profile-")), "p.json");
  writeFileSync(file, JSON.stringify(spec));
  return file;
}

/** The message and details of the error `fn` throws. */
function errorLines(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(GmauditError);
    return (err as GmauditError).lines("en");
  }
  throw new Error("expected an error");
}

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

  it("a severity written without pointsEach takes that level's price, not the one it inherited", () => {
    const levelled = (...layers: Record<string, unknown>[]) =>
      resolveProfile(
        "jiangsu",
        layers.map((r) => ({ rules: { "weekly-update": r, "improper-content": r } })),
      );
    const pick = (p: ReturnType<typeof resolveProfile>) => [
      rule(p, "weekly-update").pointsEach,
      manual(p, "improper-content").pointsEach,
    ];
    expect(pick(levelled())).toEqual([5, 2]);
    expect(pick(levelled({ severity: "warning" }))).toEqual([0, 0]);
    expect(pick(levelled({ severity: "violation", pointsEach: 1 }))).toEqual([1, 1]);
    // A later layer pricing a level set before keeps that level; one making it a deduction again: the catalogue's price.
    expect(pick(levelled({ severity: "violation" }, { pointsEach: 3 }))).toEqual([3, 3]);
    expect(pick(levelled({ severity: "warning" }, { severity: "deduct" }))).toEqual([5, 2]);
    expect(pick(levelled({ pointsEach: 4 }, { severity: "warning" }))).toEqual([0, 0]);
    // Restating the level a layer below set keeps that layer's price.
    expect(pick(levelled({ severity: "warning", pointsEach: 1 }, { severity: "warning" }))).toEqual([1, 1]);
    expect(pick(levelled({ pointsEach: 4 }, { severity: "deduct" }))).toEqual([4, 4]);
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
      const details = (err as { details: { en: string }[] }).details;
      expect(details.map((d) => d.en).join("\n")).toMatch(/rules\.filing-deadline: workdays/);
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

  it("cites the profile's own document first, and a profile file may set a rule's source", () => {
    expect(rule(resolveProfile("nantong"), "filing-deadline").source).toBe(
      "《南通市政务新媒体管理办法（试行）》第十五条、第三十五条",
    );
    // A user profile inherits its base's document, and may cite its own.
    const file = profileFile({
      id: "hubei",
      name: "湖北（示例）",
      extends: "kunshan",
      rules: { "filing-deadline": { workdays: 5, source: "鄂政办发〔2019〕1号 第五条" } },
    });
    const p = resolveProfile(file);
    expect(rule(p, "filing-deadline")).toMatchObject({
      source: "鄂政办发〔2019〕1号 第五条",
      sourceFull: "鄂政办发〔2019〕1号 第五条",
    });
    expect(rule(p, "weekly-update").source).toBe("昆政办发〔2019〕162号 附件2「内容更新不及时」");
    expect(rule(resolveProfile("jiangsu"), "filing-deadline").source).not.toContain("鄂政办发");
  });

  it("a copy of a built-in keeping its id may extend it; a file that extends itself, or a loop, is an error", () => {
    const copy = profileFile({
      id: "jiangsu",
      name: "江苏（本地）",
      extends: "jiangsu",
      rules: { "filing-deadline": { workdays: 5 } },
    });
    const p = resolveProfile(copy);
    expect(p.chain).toEqual(["national", "jiangsu", "jiangsu"]);
    expect(rule(p, "filing-deadline").params).toMatchObject({ workdays: 5 });
    const dir = mkdtempSync(path.join(tmpdir(), "gmaudit-profile-"));
    writeFileSync(path.join(dir, "a.json"), JSON.stringify({ id: "a", name: "A", extends: "./b.json" }));
    writeFileSync(path.join(dir, "b.json"), JSON.stringify({ id: "b", name: "B", extends: "a.json" }));
    expect(errorLines(() => resolveProfile(path.join(dir, "a.json")))[0]).toBe(
      'profile "a.json" extends itself',
    );
    writeFileSync(
      path.join(dir, "self.json"),
      JSON.stringify({ id: "self", name: "S", extends: "self.json" }),
    );
    expect(errorLines(() => resolveProfile(path.join(dir, "self.json")))[0]).toBe(
      'profile "self.json" extends itself',
    );
  });

  it("a profile file prices, caps, re-levels and switches off manual indicators (RULES §3 ids)", () => {
    const file = profileFile({
      id: "p",
      name: "p",
      extends: "jiangsu",
      rules: {
        "comment-moderation": { cap: 5 },
        "improper-content": { pointsEach: 3, severity: "violation" },
        "app-unusable": { enabled: false },
      },
    });
    const p = resolveProfile(file);
    expect(manual(p, "comment-moderation")).toMatchObject({ enabled: true, pointsEach: 1, cap: 5 });
    expect(manual(p, "improper-content")).toMatchObject({ severity: "violation", pointsEach: 3, cap: 10 });
    expect(manual(p, "app-unusable")).toMatchObject({ enabled: false, severity: "veto" });
    // The config above the profile wins, key by key.
    const over = resolveProfile(file, [{ rules: { "comment-moderation": { pointsEach: 2 } } }]);
    expect(manual(over, "comment-moderation")).toMatchObject({ pointsEach: 2, cap: 5 });
  });

  it("an unknown id names the nearest rule or manual indicator, else lists them all", () => {
    expect(() => resolveProfile("jiangsu", [{ rules: { "comment-moderaton": {} } }])).toThrow(
      'config: rules: unknown rule "comment-moderaton" (did you mean "comment-moderation"?)',
    );
    const [line] = errorLines(() => resolveProfile("jiangsu", [{ rules: { zzzzzzzzzzzz: {} } }]));
    expect(line).toBe(
      `config: rules: unknown rule "zzzzzzzzzzzz"; valid: ${SETTABLE.map((s) => s.id).join(", ")}`,
    );
    expect(line).toContain("no-update-2w, weekly-update");
    expect(line).toContain("improper-content, commercial-ads, comment-moderation");
    const file = profileFile({ id: "p", name: "p", rules: { "comment-moderaton": {} } });
    expect(errorLines(() => resolveProfile(file))).toEqual([
      `${file}: invalid profile`,
      `${file}: rules: unknown rule "comment-moderaton" (did you mean "comment-moderation"?)`,
    ]);
  });

  it("a manual indicator takes the engine's settings only, checked with the same messages as a rule's", () => {
    const linesFor = (id: string, settings: unknown) => {
      const file = profileFile({ id: "p", name: "p", rules: { [id]: settings } });
      return errorLines(() => resolveProfile(file)).map((l) => l.replace(file, "p.json").replace(id, "ID"));
    };
    const badTypes = { pointsEach: "2", cap: -1, severity: "fatal" };
    expect(linesFor("improper-content", badTypes)).toEqual(linesFor("weekly-update", badTypes));
    expect(linesFor("improper-content", badTypes)).toEqual([
      "p.json: invalid profile",
      // The wording of a config mistake (formatIssues), not zod's own.
      'p.json: rules.ID.severity: expected one of "veto", "deduct", "violation", "warning", received "fatal"',
      "p.json: rules.ID.pointsEach: expected number, received string",
      "p.json: rules.ID.cap: expected a number ≥ 0, received -1",
    ]);
    expect(linesFor("improper-content", { cap: 5, workdays: 3 })).toEqual([
      "p.json: invalid profile",
      "p.json: rules.ID.workdays: unknown key; valid: enabled, severity, pointsEach, cap, source",
    ]);
    // Above the profile (a library caller's flags), a parameter is refused like an unknown rule parameter.
    expect(() =>
      resolveProfile("jiangsu", [{ rules: { "commercial-ads": { since: "2020-01-01" } } }]),
    ).toThrow(/invalid parameters for rule commercial-ads/);
  });
});

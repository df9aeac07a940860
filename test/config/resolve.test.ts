import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/load.js";
import { type RunSettings, resolveRunSettings } from "../../src/config/resolve.js";

const rule = (s: RunSettings, id: string) => s.profile.rules.find((r) => r.rule.id === id)!;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "gmaudit-resolve-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const config = (raw: unknown) => parseConfig(raw, "gmaudit.config.json", dir);

describe("flags > config > profile > rule defaults, in one function", () => {
  it("without flags or config: the built-in defaults", () => {
    const s = resolveRunSettings({}, undefined, dir);
    expect(s).toMatchObject({
      profileRef: "jiangsu",
      overrides: [],
      timezone: "Asia/Shanghai",
      strictCalendar: false,
      lang: "zh",
      failOn: "fail",
    });
    expect(s.warnWithin).toBeUndefined();
    expect(s.calendarFile).toBeUndefined();
    expect(s.profile.id).toBe("jiangsu");
    expect(rule(s, "filing-deadline").params).toMatchObject({ workdays: 3, requireApproval: false });
  });

  it("the config over the profile, the profile over the rule's defaults", () => {
    const s = resolveRunSettings(
      {},
      config({
        profile: "kunshan",
        timezone: "Asia/Urumqi",
        lang: "en",
        failOn: "veto",
        warnWithin: 2,
        rules: { "filing-deadline": { workdays: 4 }, "weekly-update": { pointsEach: 3 } },
      }),
      dir,
    );
    expect(s).toMatchObject({ profileRef: "kunshan", timezone: "Asia/Urumqi", lang: "en", failOn: "veto" });
    expect(s.warnWithin).toBe(2);
    // workdays from the config, requireApproval from kunshan, the cap from the rule's defaults.
    expect(rule(s, "filing-deadline").params).toMatchObject({ workdays: 4, requireApproval: true });
    expect(rule(s, "weekly-update")).toMatchObject({ pointsEach: 3, cap: 10 });
  });

  it("a config parameter leaves the profile's other parameters alone", () => {
    const s = resolveRunSettings(
      {},
      config({ profile: "kunshan", rules: { "filing-deadline": { requireApproval: false } } }),
      dir,
    );
    expect(rule(s, "filing-deadline").params).toMatchObject({ workdays: 2, requireApproval: false });
  });

  it("flags over the config", () => {
    const s = resolveRunSettings(
      {
        profile: "national",
        tz: "Asia/Hong_Kong",
        lang: "zh",
        failOn: "never",
        warnWithin: 5,
        strictCalendar: true,
        calendar: "/tmp/cal.csv",
        rules: { "filing-deadline": { workdays: 6 } },
      },
      config({
        profile: "kunshan",
        timezone: "Asia/Urumqi",
        lang: "en",
        failOn: "veto",
        warnWithin: 2,
        strictCalendar: false,
        rules: { "filing-deadline": { enabled: true, workdays: 4 } },
      }),
      dir,
    );
    expect(s).toMatchObject({
      profileRef: "national",
      timezone: "Asia/Hong_Kong",
      lang: "zh",
      failOn: "never",
      warnWithin: 5,
      strictCalendar: true,
      calendarFile: "/tmp/cal.csv",
    });
    expect(s.overrides.map((o) => o.where)).toEqual(["gmaudit.config.json", "flags"]);
    // enabled from the config (national has it off), workdays from the flags.
    expect(rule(s, "filing-deadline")).toMatchObject({ enabled: true, params: { workdays: 6 } });
    expect(s.profile.scoring).toBe("veto-only");
  });

  it("the shorthands reach their rules", () => {
    const s = resolveRunSettings(
      {},
      config({ approvedSources: ["新华社"], unitAliases: { 清河县人民政府: ["清河县政府"] } }),
      dir,
    );
    expect(rule(s, "repost-source").params.approvedSources).toEqual(["新华社"]);
    expect(rule(s, "verified-host-unit").params.unitAliases).toEqual({ 清河县人民政府: ["清河县政府"] });
  });

  it("a user profile named by the config extends a built-in one (a Hubei profile: national + 5 working days)", () => {
    writeFileSync(
      path.join(dir, "hubei.json"),
      JSON.stringify({
        id: "hubei",
        name: "湖北（示例）",
        extends: "national",
        rules: { "filing-deadline": { enabled: true, workdays: 5 } },
      }),
    );
    const s = resolveRunSettings({}, config({ profile: "hubei.json" }), "/");
    expect(s.profile.chain).toEqual(["national", "hubei"]);
    expect(rule(s, "filing-deadline")).toMatchObject({ enabled: true, params: { workdays: 5 } });
  });

  it("a mistake in a user profile file names the file and the key path", () => {
    const file = path.join(dir, "bad.json");
    writeFileSync(
      file,
      JSON.stringify({
        id: "bad",
        name: "bad",
        extends: "jiangsu",
        rules: { "filing-deadline": { workdays: "5" } },
      }),
    );
    try {
      resolveRunSettings({ profile: file }, undefined, dir);
      expect.unreachable();
    } catch (err) {
      expect((err as { details: { en: string }[] }).details.map((d) => d.en)).toEqual([
        `${file}: rules.filing-deadline.workdays: expected number, received string`,
      ]);
    }
  });
});

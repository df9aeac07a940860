import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { configFor, loadConfig, parseConfig } from "../../src/config/load.js";
import { CONFIG_FILE_NAME, CONFIG_SHORTHANDS, configSchema } from "../../src/config/schema.js";
import { GmauditError } from "../../src/errors.js";
import { profileSchema } from "../../src/profiles/schema.js";
import { ruleById } from "../../src/rules/index.js";
import { SETTABLE } from "../../src/rules/manual.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "gmaudit-config-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function write(name: string, content: unknown): string {
  const file = path.join(dir, name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content, null, 2));
  return file;
}

/** The lines of the error a config gives (message first, then details). */
function problems(content: unknown, name = CONFIG_FILE_NAME): string[] {
  const file = write(name, content);
  try {
    loadConfig(file, name);
  } catch (err) {
    expect(err).toBeInstanceOf(GmauditError);
    return (err as GmauditError).lines("en");
  }
  throw new Error("expected the config to be rejected");
}

describe("loading gmaudit.config.json", () => {
  it("reads every key, with paths relative to the config file", () => {
    write("conf/holidays.csv", "date,type\n2027-01-01,休\n");
    write("conf/hubei.json", { id: "hubei", name: "湖北", extends: "national", rules: {} });
    const file = write("conf/gmaudit.config.json", {
      $schema: "./node_modules/gmaudit/gmaudit.schema.json",
      $comment: ["notes", "for people"],
      profile: "hubei.json",
      timezone: "Asia/Urumqi",
      calendar: "holidays.csv",
      strictCalendar: true,
      lang: "en",
      failOn: "veto",
      warnWithin: 3,
      rules: { "filing-deadline": { $comment: "5 working days in Hubei", enabled: true, workdays: 5 } },
    });
    const config = loadConfig(file, "conf/gmaudit.config.json");
    expect(config).toEqual({
      file,
      where: "conf/gmaudit.config.json",
      profile: path.join(dir, "conf/hubei.json"),
      timezone: "Asia/Urumqi",
      calendarFile: path.join(dir, "conf/holidays.csv"),
      strictCalendar: true,
      lang: "en",
      failOn: "veto",
      warnWithin: 3,
      rules: { "filing-deadline": { enabled: true, workdays: 5 } },
    });
  });

  it("keeps values as written: no parameter defaults are filled in over the profile's", () => {
    const config = parseConfig({ rules: { "filing-deadline": { requireApproval: true } } }, "c", dir);
    expect(config.rules).toEqual({ "filing-deadline": { requireApproval: true } });
  });

  it("folds the shorthands into their rule's parameters", () => {
    const config = parseConfig(
      {
        approvedSources: ["新华社", "人民日报"],
        unitAliases: { 清河县人民政府: ["清河县政府"] },
        rules: { "repost-source": { enabled: true } },
      },
      "c",
      dir,
    );
    expect(config.rules["repost-source"]).toEqual({ enabled: true, approvedSources: ["新华社", "人民日报"] });
    expect(config.rules["verified-host-unit"]).toEqual({ unitAliases: { 清河县人民政府: ["清河县政府"] } });
  });

  it("maps every shorthand to a parameter its rule really has", () => {
    for (const { rule, param } of CONFIG_SHORTHANDS) {
      const definition = ruleById(rule);
      expect(definition, rule).toBeDefined();
      expect(Object.keys((definition!.params as unknown as { shape: object }).shape)).toContain(param);
    }
  });

  it("reads aliases, and refuses an unknown table, column or value id naming the valid ones", () => {
    const aliases = {
      columns: { posts: { 推文时间: "published_at" }, "*": { 编码: "account_id" } },
      platform: { 微信号: "wechat" },
      indicator: { 错别字: "improper-content" },
    };
    expect(parseConfig({ aliases }, "c", dir).aliases).toEqual(aliases);
    const bad = problems({
      aliases: {
        columns: { posts: { 推文时间: "published" }, post: {} },
        status: { 暂停: "paused" },
        indicator: { 错别字: "typo" },
      },
    });
    expect(bad.find((p) => p.includes("推文时间"))).toMatch(/published_at/);
    expect(bad.some((p) => p.includes("post"))).toBe(true);
    expect(bad.find((p) => p.includes("暂停"))).toMatch(/active.*closed.*cancelled/);
    expect(bad.find((p) => p.includes("错别字"))).toMatch(/improper-content/);
  });

  it("refuses a shorthand given twice", () => {
    expect(
      problems({ approvedSources: ["新华社"], rules: { "repost-source": { approvedSources: ["人民网"] } } }),
    ).toContain(
      "gmaudit.config.json: approvedSources: also given as rules.repost-source.approvedSources; keep one of them",
    );
    // Listed with the file's other problems, not only once they are fixed.
    const all = problems({
      failon: "veto",
      timezone: "Asia/Shangai",
      approvedSources: ["新华社"],
      rules: { "repost-source": { approvedSources: ["人民网"] } },
    });
    expect(all).toContain(
      "gmaudit.config.json: approvedSources: also given as rules.repost-source.approvedSources; keep one of them",
    );
    expect(all.some((p) => p.includes("failon"))).toBe(true);
    expect(all.some((p) => p.includes("Asia/Shangai"))).toBe(true);
  });

  it("takes the engine's settings of a manual indicator (RULES §3) as of a rule", () => {
    const config = parseConfig(
      {
        rules: {
          "improper-content": { $comment: "our table", pointsEach: 3, cap: 6 },
          "serious-error": { enabled: false },
          "commercial-ads": { severity: "violation", pointsEach: 0, cap: null },
        },
      },
      "c",
      dir,
    );
    expect(config.rules).toEqual({
      "improper-content": { pointsEach: 3, cap: 6 },
      "serious-error": { enabled: false },
      "commercial-ads": { severity: "violation", pointsEach: 0, cap: null },
    });
  });

  it("accepts a UTF-8 BOM (Windows Notepad)", () => {
    const file = write(CONFIG_FILE_NAME, `\uFEFF${JSON.stringify({ profile: "kunshan" })}`);
    expect(loadConfig(file).profile).toBe("kunshan");
  });
});

describe("config errors name the file, the key path and what was expected", () => {
  it("a parameter of the wrong type (the spec's example, word for word)", () => {
    expect(problems({ rules: { "filing-deadline": { workdays: "3" } } })).toEqual([
      "gmaudit.config.json: invalid configuration",
      "gmaudit.config.json: rules.filing-deadline.workdays: expected number, received string",
    ]);
  });

  it("unknown keys at every level, with the nearest valid name", () => {
    const lines = problems({
      failon: "veto",
      rules: { "weekly-updates": {}, "filing-deadline": { workday: 5 } },
    });
    expect(lines).toContain('gmaudit.config.json: failon: unknown key (did you mean "failOn"?)');
    expect(lines).toContain(
      'gmaudit.config.json: rules.weekly-updates: unknown rule (did you mean "weekly-update"?)',
    );
    expect(lines).toContain(
      'gmaudit.config.json: rules.filing-deadline.workday: unknown key (did you mean "workdays"?)',
    );
  });

  it("a manual indicator's settings are checked as a rule's: types, bounds, unknown keys, typos", () => {
    expect(
      problems({
        rules: {
          "improper-content": { pointsEach: "5", cap: -1, workdays: 3 },
          "comment-moderaton": { cap: 5 },
        },
      }),
    ).toEqual([
      "gmaudit.config.json: invalid configuration",
      "gmaudit.config.json: rules.improper-content.pointsEach: expected number, received string",
      "gmaudit.config.json: rules.improper-content.cap: expected a number ≥ 0, received -1",
      "gmaudit.config.json: rules.improper-content.workdays: unknown key; valid: enabled, severity, pointsEach, cap, source",
      'gmaudit.config.json: rules.comment-moderaton: unknown rule (did you mean "comment-moderation"?)',
    ]);
  });

  it("an unknown rule far from every id lists them all, manual indicators included", () => {
    const lines = problems({ rules: { zzzzzzzzzzzz: {} } });
    expect(lines[1]).toBe(
      `gmaudit.config.json: rules.zzzzzzzzzzzz: unknown rule; valid: ${SETTABLE.map((s) => s.id).join(", ")}`,
    );
    expect(lines[1]).toContain("improper-content");
  });

  it("lists the valid keys when no name is near", () => {
    const lines = problems({ zzzzzzzz: 1 });
    expect(lines[1]).toMatch(
      /^gmaudit\.config\.json: zzzzzzzz: unknown key; valid: profile, timezone, calendar/,
    );
  });

  it("enums, bounds, list items and dates", () => {
    const lines = problems({
      lang: "fr",
      warnWithin: 20,
      approvedSources: ["新华社", ""],
      rules: {
        "reply-deadline": { categories: ["consultation", "praise"] },
        "weekly-update": { severity: "fatal", pointsEach: -1 },
        "internal-opener": { since: "2019-13-01" },
      },
    });
    expect(lines).toEqual(
      expect.arrayContaining([
        'gmaudit.config.json: lang: expected one of "zh", "en", received "fr"',
        "gmaudit.config.json: warnWithin: expected a number ≤ 14, received 20",
        "gmaudit.config.json: approvedSources[1]: expected a non-empty string",
        'gmaudit.config.json: rules.reply-deadline.categories[1]: expected one of "consultation", "complaint", "suggestion", "other", received "praise"',
        'gmaudit.config.json: rules.weekly-update.severity: expected one of "veto", "deduct", "violation", "warning", received "fatal"',
        "gmaudit.config.json: rules.weekly-update.pointsEach: expected a number ≥ 0, received -1",
        'gmaudit.config.json: rules.internal-opener.since: expected a date such as 2019-10-10, received "2019-13-01"',
      ]),
    );
  });

  it("an unknown profile, time zone or missing file, all reported at once", () => {
    const lines = problems({
      profile: "kunshn",
      timezone: "Asia/Shangai",
      calendar: "nope.csv",
      warnWithin: -1,
    });
    expect(lines).toEqual([
      "gmaudit.config.json: invalid configuration",
      "gmaudit.config.json: warnWithin: expected a number ≥ 0, received -1",
      expect.stringMatching(
        /^gmaudit\.config\.json: profile: unknown profile "kunshn" \(did you mean "kunshan"\?\)/,
      ),
      'gmaudit.config.json: timezone: "Asia/Shangai" is not an IANA time zone (e.g. Asia/Shanghai)',
      `gmaudit.config.json: calendar: no such file ${path.join(dir, "nope.csv")}`,
    ]);
    expect(problems({ profile: "missing.json" })[1]).toBe(
      `gmaudit.config.json: profile: no such file ${path.join(dir, "missing.json")}`,
    );
  });

  it("not an object", () => {
    expect(problems([1])[1]).toBe("gmaudit.config.json: expected object, received array");
  });

  it("invalid JSON, with the line and column", () => {
    const [message] = problems('{\n  "profile": "jiangsu",\n  "rules": { x }\n}');
    expect(message).toMatch(/^gmaudit\.config\.json: not valid JSON: .*line 3 column 14/);
  });
});

describe("which config a command uses", () => {
  it("the one in the current directory, unless --no-config", () => {
    expect(configFor(undefined, dir)).toBeUndefined();
    write(CONFIG_FILE_NAME, { profile: "municipal" });
    expect(configFor(undefined, dir)).toMatchObject({ profile: "municipal", where: "gmaudit.config.json" });
    expect(configFor(false, dir)).toBeUndefined();
  });

  it("--config FILE, relative to the current directory, which must exist", () => {
    write("team/shared.json", { profile: "nantong" });
    expect(configFor("team/shared.json", dir)).toMatchObject({
      profile: "nantong",
      where: "team/shared.json",
    });
    expect(() => configFor("team/none.json", dir)).toThrow(
      "team/none.json: cannot read the configuration: no such file",
    );
  });
});

describe("docs/config.md", () => {
  it("its example config and profile are valid", () => {
    const text = readFileSync(path.resolve(import.meta.dirname, "../../docs/config.md"), "utf8");
    const blocks = [...text.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1]!) as unknown);
    expect(blocks.length).toBe(2);
    expect(configSchema.safeParse(blocks[0]).error).toBeUndefined();
    expect(profileSchema.safeParse(blocks[1]).error).toBeUndefined();
  });
});

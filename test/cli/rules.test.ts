import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { wrapCell } from "../../src/cli/rules.js";
import { RULES } from "../../src/rules/index.js";
import { MANUAL_INDICATORS } from "../../src/rules/manual.js";
import { runInProcess } from "./in-process.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "gmaudit-rules-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function gmaudit(args: string[]) {
  return runInProcess(args, { cwd: dir });
}

interface RulesJson {
  profile: { id: string; chain: string[]; scoring: string; passScore: number | null };
  config: string | null;
  rules: {
    id: string;
    kind: string;
    enabled: boolean;
    severity: string;
    pointsEach: number;
    cap: number | null;
    params: Record<string, unknown>;
    source: string;
    indicator: { zh: string; en: string };
  }[];
}

const json = async (args: string[]) => {
  const { code, out, err } = await gmaudit(["rules", "--format", "json", ...args]);
  expect(err).toBe("");
  expect(code).toBe(0);
  return JSON.parse(out) as RulesJson;
};
const find = (doc: RulesJson, id: string) => doc.rules.find((r) => r.id === id)!;

describe("gmaudit rules", () => {
  it("lists every automatic rule and manual indicator once, with its source", async () => {
    const doc = await json([]);
    expect(doc.profile).toMatchObject({ id: "jiangsu", chain: ["national", "jiangsu"], passScore: 60 });
    expect(doc.config).toBeNull();
    const ids = doc.rules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of RULES) expect(ids).toContain(rule.id);
    for (const manual of MANUAL_INDICATORS) expect(ids).toContain(manual.id);
    for (const r of doc.rules) expect(r.source, r.id).not.toBe("");
    expect(find(doc, "weekly-update")).toMatchObject({
      kind: "both",
      enabled: true,
      severity: "deduct",
      pointsEach: 5,
      cap: 10,
    });
  });

  it("--profile kunshan: every parameter with its resolved value (unset ones as null)", async () => {
    const doc = await json(["--profile", "kunshan"]);
    expect(doc.profile.chain).toEqual(["national", "jiangsu", "kunshan"]);
    expect(find(doc, "filing-deadline")).toMatchObject({
      enabled: true,
      severity: "violation",
      params: { workdays: 2, requireApproval: true, legacyCutoff: null, legacyWorkdays: null },
    });
    expect(find(doc, "original-content").params).toEqual({ windowWeeks: 2, minPerWindow: 0, minRatio: null });
    expect(find(doc, "reply-deadline").params).toMatchObject({ workdayHours: 24, restDayHours: 48 });
  });

  it("--profile municipal, dongxiang, kunshan: the second reading's parameters, each cited by title", async () => {
    const seedNumber = /(^|[^\d])00[0-4]([^\d]|$)/;
    const municipal = await json(["--profile", "municipal"]);
    expect(find(municipal, "filing-deadline")).toMatchObject({
      params: { requireApproval: true, approvalEvents: ["open", "change", "close", "cancel"] },
      source: "市政府办公室《关于进一步规范和加强政务新媒体管理工作的通知》3个工作日内登记备案",
    });
    expect(find(municipal, "closure-notice").params).toMatchObject({ events: ["change", "close", "cancel"] });
    expect(find(municipal, "weekly-update").params).toEqual({ serviceMinUpdates: 4 });

    const dongxiang = await json(["--profile", "dongxiang"]);
    expect(find(dongxiang, "verified-host-unit")).toMatchObject({
      enabled: true,
      severity: "violation",
      source:
        "东乡族自治县政府办《关于进一步做好全县政务新媒体工作的通知》四（一）（严禁以个人名义认证注册）",
    });

    const kunshan = await json(["--profile", "kunshan"]);
    expect(find(kunshan, "reply-deadline").enabled).toBe(false);
    expect(find(kunshan, "closure-notice").params).toMatchObject({ noticeWorkdays: 0 });
    // Kunshan's own document first (SOURCES.md); the national veto items cite the national indicators.
    expect(find(kunshan, "filing-deadline").source).toBe("昆政办发〔2019〕162号 附件3「开设备案」、二（二）");
    expect(find(kunshan, "no-update-2w").source).toBe("国办秘函〔2019〕19号 检查指标·单项否决「内容不更新」");
    for (const doc of [municipal, dongxiang, kunshan]) {
      for (const r of doc.rules) expect(r.source, `${doc.profile.id} ${r.id}`).not.toMatch(seedNumber);
    }
  });

  it("--profile national: veto-only, deadlines off, no points anywhere", async () => {
    const doc = await json(["--profile", "national"]);
    expect(doc.profile).toMatchObject({ scoring: "veto-only", passScore: null });
    expect(find(doc, "no-update-2w")).toMatchObject({ enabled: true, severity: "veto" });
    expect(find(doc, "filing-deadline").enabled).toBe(false);
    for (const r of doc.rules) expect(r.pointsEach, r.id).toBe(0);
  });

  it("a user profile file that extends national with a 5-working-day filing deadline", async () => {
    writeFileSync(
      path.join(dir, "hubei.json"),
      JSON.stringify({
        id: "hubei",
        name: "湖北（示例）",
        extends: "national",
        rules: { "filing-deadline": { enabled: true, workdays: 5 } },
      }),
    );
    const doc = await json(["--profile", "hubei.json"]);
    expect(doc.profile.chain).toEqual(["national", "hubei"]);
    expect(find(doc, "filing-deadline")).toMatchObject({ enabled: true, params: { workdays: 5 } });
  });

  it("the config in the current directory applies (flags over it), --no-config ignores it", async () => {
    writeFileSync(
      path.join(dir, "gmaudit.config.json"),
      JSON.stringify({
        profile: "kunshan",
        approvedSources: ["新华社"],
        rules: { "filing-deadline": { workdays: 4 } },
      }),
    );
    const withConfig = await json([]);
    expect(withConfig.profile.id).toBe("kunshan");
    expect(withConfig.config).toBe(path.join(dir, "gmaudit.config.json"));
    expect(find(withConfig, "filing-deadline").params).toMatchObject({ workdays: 4, requireApproval: true });
    expect(find(withConfig, "repost-source").params).toEqual({ approvedSources: ["新华社"] });

    const flagged = await json(["--profile", "nantong"]);
    expect(flagged.profile.id).toBe("nantong");
    expect(find(flagged, "filing-deadline").params).toMatchObject({ workdays: 4, requireApproval: false });

    const ignored = await json(["--no-config"]);
    expect(ignored.profile.id).toBe("jiangsu");
    expect(ignored.config).toBeNull();
  });

  it("manual indicators: a profile file and the config set them, and the listing shows the effective values", async () => {
    // The reviewer's case: a profile extending jiangsu caps comment-moderation, the config prices
    // improper-content and switches app-unusable off.
    writeFileSync(
      path.join(dir, "p.json"),
      JSON.stringify({ id: "p", name: "p", extends: "jiangsu", rules: { "comment-moderation": { cap: 5 } } }),
    );
    writeFileSync(
      path.join(dir, "gmaudit.config.json"),
      JSON.stringify({
        rules: { "improper-content": { pointsEach: 5 }, "app-unusable": { enabled: false } },
      }),
    );
    const profileOnly = await json(["--no-config", "--profile", "p.json"]);
    expect(find(profileOnly, "comment-moderation")).toMatchObject({ kind: "manual", pointsEach: 1, cap: 5 });
    expect(find(profileOnly, "improper-content")).toMatchObject({ pointsEach: 2, cap: 10 });

    const both = await json(["--profile", "p.json"]);
    expect(find(both, "comment-moderation")).toMatchObject({ pointsEach: 1, cap: 5 });
    expect(find(both, "improper-content")).toMatchObject({ enabled: true, pointsEach: 5, cap: 10 });
    expect(find(both, "app-unusable")).toMatchObject({ enabled: false, severity: "veto" });

    const { code, out } = await gmaudit(["rules", "--profile", "p.json", "--lang", "en"]);
    expect(code).toBe(0);
    const row = (id: string) => out.split("\n").find((l) => l.startsWith(`│ ${id} `))!;
    expect(row("improper-content")).toMatch(/│ yes +│ Deduct +│ +5 │ +10 │/i);
    expect(row("comment-moderation")).toMatch(/│ +1 │ +5 │/);
    expect(row("app-unusable")).toMatch(/│ no +│/i);

    // A veto-only profile prices nothing, whatever the config says.
    const national = await json(["--profile", "national"]);
    expect(find(national, "improper-content")).toMatchObject({ pointsEach: 0, cap: 10 });
  });

  it("--config FILE elsewhere", async () => {
    writeFileSync(path.join(dir, "other.json"), JSON.stringify({ profile: "nantong" }));
    const doc = await json(["--config", "other.json"]);
    expect(find(doc, "filing-deadline").params).toMatchObject({
      legacyCutoff: "2019-10-10",
      legacyWorkdays: 20,
    });
  });

  it("the table names the profile, each rule, its parameters and its source", async () => {
    const { code, out } = await gmaudit(["rules", "--profile", "kunshan"]);
    expect(code).toBe(0);
    expect(out).toContain("评分方案 kunshan");
    expect(out).toContain("继承链 national → jiangsu → kunshan");
    for (const rule of RULES) expect(out).toContain(rule.id);
    expect(out).toContain("workdays=2");
    expect(out).toContain("requireApproval=true");
    expect(out).toContain("legacyCutoff=未设置");
    expect(out).toContain("每次扣分");
    const en = await gmaudit(["rules", "--lang", "en"]);
    expect(en.out).toContain("Points each");
    expect(en.out).toContain("Not updated every week");
  });

  it("the config's lang is the table's language unless --lang is given", async () => {
    writeFileSync(path.join(dir, "gmaudit.config.json"), JSON.stringify({ lang: "en" }));
    expect((await gmaudit(["rules"])).out).toContain("Points each");
    expect((await gmaudit(["rules", "--lang", "zh"])).out).toContain("每次扣分");
  });

  it("errors: an unknown profile, a bad config, a bad format (exit 2)", async () => {
    const unknown = await gmaudit(["rules", "--profile", "jaingsu"]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain("是否想用“jiangsu”");

    writeFileSync(
      path.join(dir, "gmaudit.config.json"),
      JSON.stringify({ rules: { "filing-deadline": { workdays: "3" } } }),
    );
    const bad = await gmaudit(["rules"]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("gmaudit.config.json: rules.filing-deadline.workdays：应为数字，实际为字符串");

    expect((await gmaudit(["rules", "--no-config", "--format", "xml"])).code).toBe(2);
  });

  it("--help shows examples", async () => {
    const { code, out } = await gmaudit(["rules", "--help"]);
    expect(code).toBe(0);
    expect(out).toContain("示例：");
    expect(out).toContain("gmaudit rules --profile kunshan");
  });
});

describe("wrapCell", () => {
  it("wraps Chinese text at two columns a character, keeping every character", () => {
    const text = "国办秘函〔2019〕19号 检查指标·单项否决（昆政办发〔2019〕162号 附件2）";
    const wrapped = wrapCell(text, 20);
    expect(wrapped.replace(/\n/g, "").replace(/ /g, "")).toBe(text.replace(/ /g, ""));
    for (const line of wrapped.split("\n")) {
      const width = [...line].reduce((n, c) => n + (c.codePointAt(0)! >= 0x2e80 ? 2 : 1), 0);
      expect(width).toBeLessThanOrEqual(20);
    }
  });
});

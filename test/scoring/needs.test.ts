import { describe, expect, it } from "vitest";
import { AvailableInputs } from "../../src/input/needs.js";
import { TABLES, type TableKind } from "../../src/input/tables.js";
import { resolveProfile } from "../../src/profiles/resolve.js";
import { RULES } from "../../src/rules/index.js";
import { missingColumnWarnings, rulesNeeding, unmetNeed } from "../../src/scoring/needs.js";
import { account, post, run } from "../rules/harness.js";

/** A CSV header naming every column of `kind` but `without`. */
function headerWithout(kind: TableKind, ...without: string[]): Partial<Record<string, string>> {
  return Object.fromEntries(
    TABLES[kind].columns.filter((c) => !without.includes(c.name)).map((c) => [c.name, c.aliases[0]]),
  );
}

describe("a rule's needs", () => {
  it("a table read without a header (JSON) has every column; a header that does not name one lacks it", () => {
    const json = new AvailableInputs(new Set(["accounts", "posts"]));
    expect(json.has("posts.original")).toBe(true);
    const csv = new AvailableInputs(new Set(["accounts", "posts"]), {
      posts: headerWithout("posts", "source"),
    });
    expect(csv.has("posts")).toBe(true);
    expect(csv.has("posts.original")).toBe(true);
    expect(csv.has("posts.source")).toBe(false);
    expect(csv.has("messages")).toBe(false);
    expect(csv.has("messages.category")).toBe(false);
  });

  it("names a missing table before a missing column, and the first column the rule lists", () => {
    const needs = ["posts", "posts.original", "posts.source"] as const;
    expect(unmetNeed(needs, new AvailableInputs(new Set(["accounts"])))?.en).toBe("no posts input");
    // A column need alone implies its table: no posts file is not the column's fault.
    expect(unmetNeed(["posts.source"], new AvailableInputs(new Set(["accounts"])))?.en).toBe(
      "no posts input",
    );
    const bare = new AvailableInputs(new Set(["accounts", "posts"]), {
      posts: headerWithout("posts", "original", "source"),
    });
    expect(unmetNeed(needs, bare)).toEqual({
      zh: "发布记录无“是否原创”列",
      en: "the posts file has no 是否原创 (original) column",
    });
    const noSource = new AvailableInputs(new Set(["accounts", "posts"]), {
      posts: headerWithout("posts", "source"),
    });
    expect(unmetNeed(needs, noSource)?.zh).toBe("发布记录无“来源”列");
    expect(unmetNeed(needs, new AvailableInputs(new Set(["accounts", "posts"])))).toBeUndefined();
  });

  it("the rules a column turns off come from the definitions", () => {
    expect(rulesNeeding(RULES, "posts.original").map((r) => r.id)).toEqual([
      "original-content",
      "repost-source",
    ]);
    expect(rulesNeeding(RULES, "posts.source").map((r) => r.id)).toEqual(["repost-source"]);
    expect(rulesNeeding(RULES, "posts.title")).toEqual([]);
  });
});

describe("the run's warning of missing columns", () => {
  const files = { accounts: "accounts.csv", posts: "发布记录.csv" };
  const bare = new AvailableInputs(new Set(["accounts", "posts"]), {
    posts: headerWithout("posts", "original", "source"),
  });

  it("names every missing column and every enabled rule it turns off, once", () => {
    expect(missingColumnWarnings(files, resolveProfile("jiangsu"), bare)).toEqual([
      {
        zh: "发布记录.csv 无“是否原创”、“来源”列：“原创信息”、“转载未注明来源 / 非稿源单位”检查记为“未评估”",
        en: "发布记录.csv has no original (是否原创) or source (来源) column: original-content, repost-source not evaluated",
      },
    ]);
  });

  it("leaves out a column only a switched-off rule needs, and says nothing when no enabled rule is off", () => {
    const noRepost = resolveProfile("jiangsu", [{ rules: { "repost-source": { enabled: false } } }]);
    expect(missingColumnWarnings(files, noRepost, bare)).toEqual([
      {
        zh: "发布记录.csv 无“是否原创”列：“原创信息”检查记为“未评估”",
        en: "发布记录.csv has no original (是否原创) column: original-content not evaluated",
      },
    ]);
    const sourceOnly = new AvailableInputs(new Set(["accounts", "posts"]), {
      posts: headerWithout("posts", "source"),
    });
    expect(missingColumnWarnings(files, noRepost, sourceOnly)).toEqual([]);
  });

  it("says nothing of a table not given", () => {
    const profile = resolveProfile("jiangsu");
    expect(
      missingColumnWarnings(
        { accounts: "accounts.csv" },
        profile,
        new AvailableInputs(new Set(["accounts"])),
      ),
    ).toEqual([]);
  });
});

describe("judging (audit's wiring, as the rule tests run it)", () => {
  it("gives the early warning only where no-update-2w is a veto", () => {
    const scenario = {
      asOf: "2026-09-30",
      accounts: [account({ accountId: "A" })],
      posts: [post("A", "2026-09-18 10:00")],
      warnWithin: 3,
    };
    const veto = run(scenario);
    expect(veto.ctx.warnWithin).toBe(3);
    expect(veto.findings("A", "no-update-2w")).toMatchObject([{ messageId: "veto-imminent" }]);
    const deducted = run({ ...scenario, rules: { "no-update-2w": { severity: "deduct", pointsEach: 5 } } });
    expect(deducted.ctx.warnWithin).toBeUndefined();
    expect(deducted.findings("A", "no-update-2w")).toEqual([]);
  });

  it("the per-account reason and the run's warning come from the same needs", () => {
    const r = run({
      asOf: "2026-09-30",
      accounts: [account({ accountId: "A" })],
      posts: [post("A", "2026-09-18 10:00")],
      noSourceColumn: true,
    });
    expect(r.notEvaluated("A")).toContainEqual({
      rule: "repost-source",
      reason: "the posts file has no 来源 (source) column",
    });
    expect(r.notEvaluated("A").filter((n) => n.reason.includes("column"))).toHaveLength(1);
    expect(r.judged.warnings.map((w) => w.en)).toEqual([
      "posts.csv has no source (来源) column: repost-source not evaluated",
    ]);
    expect(r.judged.accounts[0]!.originalPosts).toBe(1);
  });
});

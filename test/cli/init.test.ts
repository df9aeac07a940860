import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { initialConfig, templateHeader } from "../../src/cli/init.js";
import { loadConfig } from "../../src/config/load.js";
import { configSchema } from "../../src/config/schema.js";
import { columnOf } from "../../src/input/header.js";
import { TABLE_KINDS, TABLES } from "../../src/input/tables.js";
import { runInProcess } from "./in-process.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "gmaudit-init-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function gmaudit(args: string[]) {
  return runInProcess(args, { cwd: dir, now: Date.UTC(2026, 9, 1) });
}

const FILES = ["gmaudit.config.json", ...TABLE_KINDS.map((k) => `${k}.csv`)];

describe("gmaudit init", () => {
  it("writes a config that loads back and five templates, into a new folder", async () => {
    const { code, out, err } = await gmaudit(["init", "audit/2026Q3", "--profile", "kunshan"]);
    expect(code).toBe(0);
    expect(out).toBe("");
    const target = path.join(dir, "audit/2026Q3");
    for (const name of FILES) expect(existsSync(path.join(target, name)), name).toBe(true);
    expect(err).toContain("已写入 audit/2026Q3/gmaudit.config.json");
    expect(err).toContain("gmaudit check audit/2026Q3/accounts.csv");

    const config = loadConfig(path.join(target, "gmaudit.config.json"));
    expect(config).toMatchObject({
      profile: "kunshan",
      timezone: "Asia/Shanghai",
      lang: "zh",
      failOn: "fail",
    });
    const raw = JSON.parse(readFileSync(path.join(target, "gmaudit.config.json"), "utf8"));
    expect(raw.$schema).toBe("./node_modules/gmaudit/gmaudit.schema.json");
    expect(raw.$comment.join("\n")).toContain(
      "优先级：命令行参数 > 本文件 > 评分方案（profile）> 规则默认值",
    );
    // Rule settings are described, not written empty: a config value would beat the profile's.
    for (const key of ["approvedSources", "unitAliases", "rules"]) expect(raw).not.toHaveProperty(key);
    expect(raw.$comment.join("\n")).toContain("未写则沿用评分方案的设置");
  });

  it("keeps the settings of a profile the config is pointed at", async () => {
    expect((await gmaudit(["init"])).code).toBe(0);
    const file = path.join(dir, "gmaudit.config.json");
    const raw = JSON.parse(readFileSync(file, "utf8"));
    writeFileSync(file, JSON.stringify({ ...raw, profile: "office.json" }));
    writeFileSync(
      path.join(dir, "office.json"),
      JSON.stringify({
        id: "office",
        name: "某办",
        extends: "jiangsu",
        rules: { "verified-host-unit": { unitAliases: { 甲局: ["甲"] } } },
      }),
    );
    const { code, out, err } = await gmaudit(["rules", "--format", "json"]);
    expect(err).toBe("");
    expect(code).toBe(0);
    expect(out).toContain('"甲局"');
  });

  it("the templates: UTF-8 with BOM, the canonical Chinese headers of the one alias table", async () => {
    expect((await gmaudit(["init"])).code).toBe(0);
    for (const kind of TABLE_KINDS) {
      const bytes = readFileSync(path.join(dir, `${kind}.csv`));
      expect([...bytes.subarray(0, 3)], kind).toEqual([0xef, 0xbb, 0xbf]);
      const header = bytes.subarray(3).toString("utf8").trimEnd().split(",");
      expect(header).toEqual(templateHeader(kind));
      // Every data column once, in the table's order, each header naming its own column (not the
      // name/platform an export without ids is matched by).
      expect(header.map((h) => columnOf(kind, h)?.name)).toEqual(
        TABLES[kind].columns.filter((c) => !c.matchOnly).map((c) => c.name),
      );
    }
    expect(templateHeader("accounts").slice(0, 3)).toEqual(["账号ID*", "账号名称*", "平台*"]);
    expect(templateHeader("posts")).toContain("是否原创");
  });

  it("the empty templates are valid input: check runs on them with the config", async () => {
    expect((await gmaudit(["init"])).code).toBe(0);
    const { code, err } = await gmaudit(["check", "--as-of", "2026-09-30", "--format", "json"]);
    expect(err).toContain("使用配置文件：gmaudit.config.json");
    expect(code).toBe(0);
  });

  it("refuses to overwrite anything unless --force", async () => {
    writeFileSync(path.join(dir, "posts.csv"), "mine\n");
    const refused = await gmaudit(["init"]);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain("posts.csv");
    expect(refused.err).toContain("--force");
    // Nothing was written, not even the files that did not exist.
    expect(existsSync(path.join(dir, "gmaudit.config.json"))).toBe(false);
    expect(readFileSync(path.join(dir, "posts.csv"), "utf8")).toBe("mine\n");

    const forced = await gmaudit(["init", "--force"]);
    expect(forced.code).toBe(0);
    expect(readFileSync(path.join(dir, "posts.csv"), "utf8")).not.toBe("mine\n");
  });

  it("an unknown --profile is a usage error with a hint", async () => {
    const { code, err } = await gmaudit(["init", "--profile", "kunsan"]);
    expect(code).toBe(2);
    expect(err).toContain("是否想用“kunshan”");
    expect(existsSync(path.join(dir, "gmaudit.config.json"))).toBe(false);
  });

  it("--lang en writes English notes; the config is valid against the schema either way", async () => {
    for (const lang of ["zh", "en"] as const) {
      expect(configSchema.safeParse(initialConfig("jiangsu", lang)).success).toBe(true);
    }
    expect((await gmaudit(["init", "--lang", "en"])).code).toBe(0);
    const raw = JSON.parse(readFileSync(path.join(dir, "gmaudit.config.json"), "utf8"));
    expect(raw.$comment[1]).toBe("Precedence: command-line flags > this file > profile > rule defaults.");
    expect(raw.lang).toBe("en");
  });

  it("--help shows examples", async () => {
    const { code, out } = await gmaudit(["init", "--help"]);
    expect(code).toBe(0);
    expect(out).toContain("示例：");
    expect(out).toContain("--force");
  });
});

import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runInFolder } from "../cli/in-process.js";

// The CLI on the demo county, with a config file in the folder it runs in. In this process: the
// golden cases test the spawned CLI, and one process per run was most of this file's time.
const root = path.resolve(import.meta.dirname, "../..");

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "gmaudit-config-e2e-"));
  cpSync(path.join(root, "fixtures/demo"), dir, { recursive: true });
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function gmaudit(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const run = await runInFolder(args, dir, { NO_COLOR: "1" });
  return { code: run.code, stdout: run.out, stderr: run.err };
}

describe("gmaudit check with gmaudit.config.json", () => {
  it("the config's profile, rule settings and failOn apply; flags still win", async () => {
    writeFileSync(
      path.join(dir, "gmaudit.config.json"),
      JSON.stringify({
        profile: "qinghe.profile.json",
        failOn: "never",
        rules: { "weekly-update": { pointsEach: 1 } },
      }),
    );
    const withConfig = await gmaudit(["check", "accounts.csv", "--period", "2026Q3", "--format", "json"]);
    expect(withConfig.code).toBe(0);
    expect(withConfig.stderr).toContain("使用配置文件：gmaudit.config.json");
    const doc = JSON.parse(withConfig.stdout) as {
      profile: string;
      accounts: { findings: { rule: string; points: number; count: number }[] }[];
    };
    expect(doc.profile).toBe("qinghe");
    const weekly = doc.accounts.flatMap((a) => a.findings).filter((f) => f.rule === "weekly-update");
    expect(weekly.length).toBeGreaterThan(0);
    // 1 point per empty week instead of 5 (after the cap of 10, some cost nothing).
    expect(weekly.some((f) => f.points === 1)).toBe(true);
    for (const f of weekly) expect(f.points).toBeLessThanOrEqual(f.count);

    const national = await gmaudit([
      "check",
      "accounts.csv",
      "--period",
      "2026Q3",
      "--format",
      "json",
      "--profile",
      "national",
      "--fail-on",
      "veto",
    ]);
    expect(JSON.parse(national.stdout).profile).toBe("national");
    expect(national.code).toBe(1);
  });

  it("an invalid config stops the run with exit 2 and writes nothing", async () => {
    writeFileSync(path.join(dir, "gmaudit.config.json"), JSON.stringify({ rules: { "weekly-updates": {} } }));
    const result = await gmaudit(["check", "accounts.csv", "--period", "2026Q3", "--out", "out.csv"]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(existsSync(path.join(dir, "out.csv"))).toBe(false);
    expect(result.stderr).toContain(
      "gmaudit.config.json: rules.weekly-updates：未知的规则（是否想用“weekly-update”？）",
    );
  });
});

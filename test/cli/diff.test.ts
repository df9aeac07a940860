import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runInProcess } from "./in-process.js";

const root = path.resolve(import.meta.dirname, "../..");
const data = path.join(root, "fixtures/cases/rectification-follow-up");

/** The golden pair, checked in process into a temporary folder. */
async function pair(): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), "gmaudit-diff-"));
  const base = await runInProcess(
    ["check", path.join(data, "baseline/accounts.csv"), "--period", "2026Q3", "--out", "b.json", "--quiet"],
    { cwd: dir },
  );
  const recheck = await runInProcess(
    ["check", path.join(data, "recheck/accounts.csv"), "--as-of", "2026-10-20", "--out", "r.json", "--quiet"],
    { cwd: dir },
  );
  expect([base.code, recheck.code]).toEqual([1, 0]);
  return dir;
}

describe("gmaudit diff (CLI)", () => {
  it("prints help in Chinese by default and in English with --lang en, with examples", async () => {
    const zh = await runInProcess(["diff", "--help"]);
    expect(zh.out).toContain("通报整改复查");
    expect(zh.out).toContain("示例：");
    expect(zh.out).not.toMatch(/Options:|Usage:/);
    const en = await runInProcess(["diff", "--help", "--lang", "en"]);
    expect(en.out).toContain("Rectification follow-up");
    expect(en.out).toContain("Examples:");
  });

  it("writes one CSV row per problem, with Chinese headers and statuses, and no rule id", async () => {
    const dir = await pair();
    const r = await runInProcess(["diff", "b.json", "r.json", "--out", "整改.csv"], { cwd: dir });
    expect(r.code).toBe(1);
    const csv = readFileSync(path.join(dir, "整改.csv"), "utf8");
    expect(csv.startsWith("\uFEFF整改情况,主办单位,账号ID,账号名称,问题指标,基线问题,复查情况")).toBe(true);
    expect(csv.split("\n").filter((l) => l.startsWith("未整改,"))).toHaveLength(1);
    expect(csv).not.toMatch(/verified-host-unit|reply-deadline|no-update-2w/);
    // The terminal gets the per-unit summary.
    expect(r.out).toContain("柳溪县教育局");
  });

  it("refuses a file that is not a check result, in the asked language (exit 2, nothing written)", async () => {
    const dir = await pair();
    writeFileSync(path.join(dir, "x.json"), "{}");
    const zh = await runInProcess(["diff", "b.json", "x.json", "--out", "o.csv"], { cwd: dir });
    expect(zh.code).toBe(2);
    expect(zh.err).toContain("不是本版本 gmaudit check 的 JSON 结果");
    const en = await runInProcess(["diff", "b.json", "x.json", "--lang", "en"], { cwd: dir });
    expect(en.err).toContain("is not a JSON result");
    expect(en.out).toBe("");
  });
});

import path from "node:path";
import { describe, expect, it } from "vitest";
import { runInProcess } from "./in-process.js";

const root = path.resolve(import.meta.dirname, "../..");
const data = path.join(root, "fixtures/cases/annual-assessment");

describe("gmaudit assess (CLI)", () => {
  it("prints help in Chinese by default and in English with --lang en, with examples", async () => {
    const zh = await runInProcess(["assess", "--help"]);
    expect(zh.out).toContain("单位年度考核");
    expect(zh.out).toContain("示例：");
    expect(zh.out).not.toMatch(/Options:|Usage:/);
    const en = await runInProcess(["assess", "--help", "--lang", "en"]);
    expect(en.out).toContain("Annual assessment of units");
  });

  it("explains every item in the table, in Chinese, without a rule or item id", async () => {
    const r = await runInProcess(["assess", "--year", "2026", "accounts.csv", "--format", "table"], {
      cwd: data,
    });
    expect(r.code).toBe(0);
    expect(r.out).toContain("柳溪县教育局：不合格，57分");
    expect(r.out).toContain("第二季度2026-07-03报送（应于2026-06-30前）；第四季度未报送");
    expect(r.out).toContain(
      "依据：昆政办发〔2019〕162号 附件3《政务新媒体监管工作年度考核指标》 扣分指标「开设备案」",
    );
    expect(r.out).not.toMatch(/late-report|filing-deadline|no-update-2w|one-account-per-platform/);
  });

  it("refuses a --year that is not a year, in the asked language", async () => {
    const r = await runInProcess(["assess", "--year", "26", "accounts.csv", "--lang", "en"], { cwd: data });
    expect(r.code).toBe(2);
    expect(r.err).toContain('give the year assessed with --year (four digits, e.g. --year 2026); got "26"');
  });
});

import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readUnitFacts, unitFactsHeader } from "../../src/follow/unit-facts.js";

const dir = mkdtempSync(path.join(tmpdir(), "gmaudit-facts-"));
function file(name: string, text: string): string {
  const f = path.join(dir, name);
  writeFileSync(f, text);
  return f;
}

describe("the unit-facts table", () => {
  it("reads the template's Chinese headers; a blank cell is unknown", async () => {
    const header = unitFactsHeader().join(",");
    const row = "甲局,否,是,否,否,否,2026-03-31,2026-07-01,未报送,,是,3,否,100%,85,70,,是,2,";
    const [facts] = await readUnitFacts(file("a.csv", `\uFEFF${header}\n${row}\n`), "a.csv", "zh");
    expect(facts).toMatchObject({
      hostUnit: "甲局",
      areaGovernment: false,
      quarterlyInspection: true,
      reports: ["2026-03-31", "2026-07-01", "missing", undefined],
      unregisteredAccounts: 3,
      inPerformanceAppraisal: false,
      coverage: [100, 85, 70, undefined],
      cityCommendations: 2,
    });
    expect(facts).not.toHaveProperty("provincialCommendations");
  });

  it("reads JSON with the English keys", async () => {
    const [facts] = await readUnitFacts(
      file(
        "b.json",
        JSON.stringify([{ hostUnit: "乙局", fraud: "no", q4ReportDate: "2026/12/30", q1Coverage: 70 }]),
      ),
      "b.json",
      "en",
    );
    expect(facts).toMatchObject({
      hostUnit: "乙局",
      fraud: false,
      reports: [undefined, undefined, undefined, "2026-12-30"],
      coverage: [70, undefined, undefined, undefined],
    });
  });

  it("lists every bad cell with its row, in the asked language, and refuses a unit twice", async () => {
    const f = file("c.csv", "单位,区镇,第一季度检查比例,市级表彰次数\n甲局,也许,120,两次\n甲局,是,100,1\n");
    await expect(readUnitFacts(f, "c.csv", "zh")).rejects.toMatchObject({
      text: { zh: "c.csv：单位考核表有 4 处错误" },
      details: [
        "  c.csv:2：“区镇”的值“也许”无法识别（应为是/否）",
        "  c.csv:2：“第一季度检查比例”的值“120”无法识别（应为0–100 的比例（如 100 或 85%））",
        "  c.csv:2：“市级表彰次数”的值“两次”无法识别（应为非负整数）",
        "  c.csv:3：单位“甲局”重复",
      ],
    });
  });

  it("refuses a table without a unit column", async () => {
    await expect(readUnitFacts(file("d.csv", "区镇\n是\n"), "d.csv", "en")).rejects.toThrow(/no 单位/);
  });
});

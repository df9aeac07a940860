import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { type FileReport, renderText, validateFile } from "../../src/cli/validate.js";
import { Zone } from "../../src/time/zone.js";

describe("validate's note of what check cannot evaluate", () => {
  it("names, in Chinese, each absent column a rule needs and the rules by their indicator", () => {
    const report: FileReport = {
      file: "发布记录.csv",
      ok: true,
      kind: "posts",
      rows: 0,
      valid: 0,
      invalid: 0,
      errorCount: 0,
      errors: [],
      warningCount: 0,
      warnings: [],
      absentColumns: ["original", "source", "title"],
    };
    const text = renderText([report], "zh");
    expect(text).toContain(
      "  没有“是否原创”列时，check 不评估：原创信息、转载未注明来源 / 非稿源单位\n" +
        "  没有“来源”列时，check 不评估：转载未注明来源 / 非稿源单位\n",
    );
    expect(text).not.toContain("repost-source");
    expect(text).not.toContain("没有“标题”列时");
  });
});

describe("validate's notes on a file's shape", () => {
  it("says what check says: totals and notes rows left out, look-alike and unit columns not read", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "gmaudit-validate-"));
    try {
      const file = path.join(dir, "台账.csv");
      writeFileSync(
        file,
        "账号ID,账号名称,平台,主办单位,账号运行状态说明,粉丝数（万）\n" +
          "A1,甲,微博,县政府,正常,1.2\n" +
          "合计,,,,,\n" +
          "注：本表由县网信办导出\n",
      );
      const report = await validateFile(file, { zone: Zone.of("Asia/Shanghai"), maxErrors: 10, cwd: dir });
      expect(report.ok).toBe(true);
      expect(report.notes?.map((n) => n.zh)).toEqual([
        `${file}:3：汇总行（合计、小计等），不是数据，未读取`,
        `${file}：1 个说明行（注、说明、备注等；第一个在第 4 行），不是数据，未读取`,
        `${file}：列“账号运行状态说明”未读取，但看似“状态”（status）列：如是，请在 gmaudit.config.json 中添加 "aliases": {"columns": {"accounts": {"账号运行状态说明": "status"}}}`,
        // A count in 万 is not offered as the plain count (it would be read 10 000 times too small).
        `${file}：列“粉丝数（万）”的数值带单位（如“万”），未读取：请填写实际数量（如 12000）`,
      ]);
      const text = renderText([report], "en");
      expect(text).toContain(
        `  ${file}: 1 notes row (注, 说明, 备注 …; the first on line 4), not data: left out\n`,
      );
      expect(text).not.toContain("looks like followers");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

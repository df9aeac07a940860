import { describe, expect, it } from "vitest";
import { type FileReport, renderText } from "../../src/cli/validate.js";

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

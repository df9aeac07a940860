import { describe, expect, it } from "vitest";
import { fillTemplate } from "../../dist/rules/define.js";

describe("fillTemplate", () => {
  it("fills each {key}, keeps unknown ones and text that is not a key", () => {
    expect(
      fillTemplate("{count}条转载信息来源不在稿源单位名单内（{sources}）", { count: 3, sources: "甲、乙" }),
    ).toBe("3条转载信息来源不在稿源单位名单内（甲、乙）");
    expect(fillTemplate("{a}{b}{a} {missing} {not a key} {}", { a: 1, b: "x" })).toBe(
      "1x1 {missing} {not a key} {}",
    );
    expect(fillTemplate("no keys")).toBe("no keys");
    // The same template again (split once, then reused) with other data.
    expect(fillTemplate("{a}{b}{a} {missing} {not a key} {}", { a: 2, b: "" })).toBe(
      "22 {missing} {not a key} {}",
    );
  });
});

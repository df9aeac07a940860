import { describe, expect, it } from "vitest";
import { RECTIFICATIONS } from "../../src/rules/define.js";
import { RULES } from "../../src/rules/index.js";
import { MANUAL_INDICATORS } from "../../src/rules/manual.js";

/**
 * RULES §7: every rule says, for each of its messages, whether a re-check can find the problem
 * rectified (a state that can end) or whether it is a past event — `gmaudit diff` must never count a
 * historical finding as outstanding. A new message without a declaration fails here by name.
 */
describe("rectifiable vs historical", () => {
  for (const rule of RULES) {
    it(`${rule.id} declares every message, and only its messages`, () => {
      expect(Object.keys(rule.rectification).sort()).toEqual(Object.keys(rule.messages).sort());
      for (const value of Object.values(rule.rectification)) expect(RECTIFICATIONS).toContain(value);
    });
  }

  it("every manual indicator declares its findings rectifiable (an inspector re-inspects them)", () => {
    for (const entry of MANUAL_INDICATORS)
      expect([entry.id, entry.rectification]).toEqual([entry.id, "rectifiable"]);
  });

  it("classes the past events of RULES §7 as historical and the states as rectifiable", () => {
    const of = (id: string) => RULES.find((r) => r.id === id)!.rectification;
    expect(of("reply-deadline")).toEqual({ late: "historical", overdue: "rectifiable" });
    expect(of("weekly-update")["empty-week"]).toBe("historical");
    expect(of("filing-deadline")).toMatchObject({ late: "historical", missing: "rectifiable" });
    expect(of("no-update-2w")["no-update"]).toBe("rectifiable");
    expect(of("closed-still-active")["posts-after-closure"]).toBe("rectifiable");
    expect(of("verified-host-unit")["host-unit-missing"]).toBe("rectifiable");
  });
});

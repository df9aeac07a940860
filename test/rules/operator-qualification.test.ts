import { describe, expect, it } from "vitest";
import { account, run } from "./harness.js";

describe("operator-qualification", () => {
  const asOf = "2026-09-30";
  const hostUnit = "清河县教育局";

  it("operator_type other is a violation", () => {
    const r = run({
      asOf,
      accounts: [
        account({ accountId: "A", hostUnit, operator: "某文化传媒有限公司", operatorType: "other" }),
      ],
    });
    expect(r.findings("A", "operator-qualification")).toMatchObject([
      {
        messageId: "unqualified-operator",
        severity: "violation",
        points: 0,
        evidence: { operator: "某文化传媒有限公司", operatorType: "other" },
      },
    ]);
  });

  it("an operator other than the host unit with no operator_type is a warning", () => {
    const r = run({
      asOf,
      accounts: [account({ accountId: "A", hostUnit, operator: "某文化传媒有限公司" })],
    });
    expect(r.findings("A", "operator-qualification")).toMatchObject([
      { messageId: "operator-type-missing", severity: "warning", points: 0 },
    ]);
  });

  it("passes self, subsidiary and news media operators, and the host unit itself (normalised) without a type", () => {
    const r = run({
      asOf,
      accounts: [
        account({ accountId: "SELF", hostUnit, operator: hostUnit, operatorType: "self" }),
        account({ accountId: "SUB", hostUnit, operator: "清河县教育信息中心", operatorType: "subsidiary" }),
        account({ accountId: "NEWS", hostUnit, operator: "清河县融媒体中心", operatorType: "news_media" }),
        account({ accountId: "HOST", hostUnit, operator: "清河县 教育局" }),
        account({ accountId: "BLANK", hostUnit }),
      ],
    });
    for (const id of ["SELF", "SUB", "NEWS", "HOST", "BLANK"]) {
      expect(r.findings(id, "operator-qualification"), id).toEqual([]);
    }
  });

  it("is on in zhejiang, off in national", () => {
    const accounts = [account({ accountId: "A", operator: "某公司", operatorType: "other" })];
    expect(run({ asOf, profile: "zhejiang", accounts }).findings("A", "operator-qualification")).toHaveLength(
      1,
    );
    expect(run({ asOf, profile: "national", accounts }).findings("A", "operator-qualification")).toEqual([]);
  });
});

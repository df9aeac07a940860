import { describe, expect, it } from "vitest";
import { account, run } from "./harness.js";

describe("verified-host-unit", () => {
  const asOf = "2026-09-30";
  const unit = "清河县公安局";
  const certified = (accountId: string, verifiedInfo: string, hostUnit = unit) =>
    account({ accountId, hostUnit, verifiedInfo });

  it("passes a certification that names the host unit, whatever the spaces, width and punctuation", () => {
    const r = run({
      asOf,
      accounts: [
        certified("SAME", "清河县公安局"),
        certified("SPACED", "清河县 公安局 官方微博"),
        certified("BRACKETS", "（清河县公安局）"),
        certified("WIDE", "清河县第１中学（ＱＨ）", "清河县第1中学(QH)"),
        certified("NARROW", "清河县第1中学 QH", "清河县第１中学 ＱＨ"),
      ],
    });
    for (const id of ["SAME", "SPACED", "BRACKETS", "WIDE", "NARROW"]) {
      expect(r.findings(id, "verified-host-unit"), id).toEqual([]);
    }
  });

  it("deducts 10 when the certification does not name the host unit", () => {
    const r = run({ asOf, accounts: [certified("A", "清河公安")] });
    expect(r.findings("A", "verified-host-unit")).toMatchObject([
      {
        messageId: "host-unit-missing",
        severity: "deduct",
        points: 10,
        evidence: { verifiedInfo: "清河公安", hostUnit: unit, aliases: [] },
      },
    ]);
  });

  it("accepts an alias from unitAliases (keys matched normalised too)", () => {
    const r = run({
      asOf,
      rules: { "verified-host-unit": { unitAliases: { "清河县 公安局": ["清河公安"] } } },
      accounts: [certified("A", "清河公安 官方"), certified("OTHER", "清河公安", "清河县交通运输局")],
    });
    expect(r.findings("A", "verified-host-unit")).toEqual([]);
    // The alias belongs to 清河县公安局 only.
    expect(r.findings("OTHER", "verified-host-unit")).toHaveLength(1);
  });

  it("a blank certification is a warning verified-info-missing, not a deduction", () => {
    const r = run({ asOf, accounts: [account({ accountId: "B", hostUnit: unit })] });
    expect(r.findings("B", "verified-host-unit")).toMatchObject([
      { messageId: "verified-info-missing", severity: "warning", points: 0 },
    ]);
  });

  it("rejects an ill-typed unitAliases", () => {
    expect(() =>
      run({ asOf, rules: { "verified-host-unit": { unitAliases: { 甲: "乙" } } }, accounts: [] }),
    ).toThrow(/invalid parameters for rule verified-host-unit/);
  });

  it("dongxiang: a certification under a person's name is a violation (严禁以个人名义认证注册), 0 points", () => {
    const accounts = [
      account({ accountId: "P", hostUnit: "东乡县文化馆", verifiedInfo: "张三" }),
      account({ accountId: "U", hostUnit: "东乡县文化馆", verifiedInfo: "东乡县文化馆官方账号" }),
    ];
    const r = run({ asOf: "2026-09-30", profile: "dongxiang", accounts });
    expect(r.findings("P", "verified-host-unit")).toMatchObject([
      {
        messageId: "host-unit-missing",
        severity: "violation",
        points: 0,
        source:
          "东乡族自治县政府办《关于进一步做好全县政务新媒体工作的通知》四（一）（严禁以个人名义认证注册）",
      },
    ]);
    expect(r.findings("U", "verified-host-unit")).toEqual([]);
    // national (which dongxiang extends) leaves the deduction-table row off.
    expect(
      run({ asOf: "2026-09-30", profile: "national", accounts }).findings("P", "verified-host-unit"),
    ).toEqual([]);
  });
});

import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { audit, toJsonDocument } from "../src/index.js";

describe("library entry", () => {
  it("audits the demo county without spawning a process", async () => {
    const dir = "fixtures/demo";
    const result = await audit({
      files: {
        accounts: `${dir}/accounts.csv`,
        posts: `${dir}/posts.csv`,
        messages: `${dir}/messages.csv`,
        filings: `${dir}/filings.csv`,
        findings: `${dir}/findings.csv`,
      },
      now: Date.UTC(2026, 9, 1), // after the period: no "monitoring time in the future" warning
      period: "2026Q3",
    });
    const vetoed = result.accounts.find((a) => a.accountId === "QH-004");
    expect(vetoed).toMatchObject({ verdict: "veto", score: 0, vetoes: ["no-update-2w"] });
    const doc = toJsonDocument(result, "zh");
    expect(doc.asOf).toBe("2026-09-30T23:59:59.999+08:00");
    expect(doc.from).toBe("2026-07-01T00:00:00.000+08:00");
  });

  it("warns when the monitoring time is after the end of today (a period that has not ended)", async () => {
    const files = { accounts: "fixtures/demo/accounts.csv" };
    const midQ4 = Date.UTC(2026, 10, 17, 2, 0); // 2026-11-17 10:00 in Shanghai
    const warned = await audit({ files, now: midQ4, period: "2026Q4" });
    expect(warned.warnings[0]).toEqual({
      zh: "监测时间点（2026-12-31 23:59）在今天（2026-11-17）之后：期间尚未结束，此后的更新、答复和备案均按未发生计，单项否决和逾期结论可能为时过早",
      en: expect.stringContaining("the monitoring time (2026-12-31 23:59) is after today (2026-11-17)"),
    });
    // The period over, or as-of today (its end of day), or a moment of today: nothing to say.
    for (const options of [
      { now: Date.UTC(2027, 0, 1), period: "2026Q4" },
      { now: midQ4, asOf: "2026-11-17" },
      { now: midQ4, asOf: "2026-11-17 09:00" },
    ]) {
      const quiet = await audit({ files, ...options });
      expect(quiet.warnings.map((w) => w.en).join()).not.toContain("is after today");
    }
  });

  it("--warn-within warns of a veto only where the profile makes no-update-2w a veto", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "gmaudit-warn-"));
    writeFileSync(path.join(dir, "accounts.csv"), "账号ID,账号名称,平台,主办单位\nA,甲,微博,甲局\n");
    writeFileSync(path.join(dir, "posts.csv"), "账号ID,发布时间\nA,2026-09-19 11:00\n");
    const files = { accounts: path.join(dir, "accounts.csv"), posts: path.join(dir, "posts.csv") };
    const imminent = (r: Awaited<ReturnType<typeof audit>>) =>
      r.accounts[0]!.findings.filter((f) => f.messageId === "veto-imminent").length;
    const now = Date.UTC(2026, 9, 1);
    expect(imminent(await audit({ files, now, asOf: "2026-09-30 12:00", warnWithin: 3 }))).toBe(1);
    const soft = await audit({
      files,
      now,
      asOf: "2026-09-30 12:00",
      warnWithin: 3,
      overrides: [{ rules: { "no-update-2w": { severity: "warning" } } }],
    });
    expect(imminent(soft)).toBe(0);
  });

  it("says which number column it left unread because of its unit", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "gmaudit-unit-"));
    writeFileSync(
      path.join(dir, "accounts.csv"),
      "账号ID,账号名称,平台,主办单位,粉丝数（万人）\nA,甲,微博,甲局,12\n",
    );
    const result = await audit({
      files: { accounts: path.join(dir, "accounts.csv") },
      now: Date.UTC(2026, 9, 1),
      asOf: "2026-09-30",
    });
    expect(result.warnings.map((w) => w.zh)).toContainEqual(
      expect.stringContaining("列“粉丝数（万人）”的数值带单位（如“万”），未读取"),
    );
  });

  it('says when ids in the data are registry ids Excel may have rewritten (leading zeros, ="…")', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "gmaudit-ids-"));
    writeFileSync(
      path.join(dir, "accounts.csv"),
      "账号ID,账号名称,平台,主办单位\n1,甲,微博,甲局\n002,乙,微博,甲局\nX9,丙,微博,甲局\n",
    );
    writeFileSync(
      path.join(dir, "posts.csv"),
      '账号ID,发布时间\n001,2026-09-29 10:00\n"=""002""",2026-09-29 10:00\nX9,2026-09-29 10:00\nZZ,2026-09-29 10:00\n',
    );
    const files = { accounts: path.join(dir, "accounts.csv"), posts: path.join(dir, "posts.csv") };
    const result = await audit({ files, now: Date.UTC(2026, 9, 1), asOf: "2026-09-30" });
    expect(result.warnings.map((w) => w.zh)).toContainEqual(
      expect.stringContaining(
        '2 个数据中的账号ID与备案台账中的ID仅差前导零或 Excel 的 ="…" 写法（001 ≈ 1, ="002" ≈ 002）',
      ),
    );
    expect(result.unregisteredAccounts.map((u) => u.accountId)).toEqual(["001", '="002"', "ZZ"]);
  });
});

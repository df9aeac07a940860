import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { audit } from "../../src/pipeline.js";
import { evaluateGlobal } from "../../src/scoring/engine.js";
import { run } from "./harness.js";

function files(tables: Record<string, string>): Record<string, string> {
  const dir = mkdtempSync(path.join(tmpdir(), "gmaudit-unregistered-"));
  const out: Record<string, string> = {};
  for (const [kind, text] of Object.entries(tables)) {
    out[kind] = path.join(dir, `${kind}.csv`);
    writeFileSync(out[kind], text);
  }
  return out;
}

describe("unregistered-account (global)", () => {
  it("lists ids seen in the data but not in the registry, with row counts, and warns once in the summary", async () => {
    const f = files({
      accounts: "账号ID,账号名称,平台,主办单位\nA,甲,微博,甲局\n",
      posts:
        "账号ID,发布时间\nA,2026-09-29 10:00\nX,2026-09-28 10:00\nX,2026-09-29 10:00\nY,2026-09-29 11:00\n",
      findings: "账号ID,指标\nY,发布商业广告\n",
    });
    const result = await audit({
      files: { accounts: f.accounts!, posts: f.posts!, findings: f.findings! },
      now: Date.UTC(2026, 9, 1),
      asOf: "2026-09-30",
    });
    expect(result.unregisteredAccounts).toEqual([
      { accountId: "X", posts: 2, messages: 0, filings: 0, findings: 0 },
      { accountId: "Y", posts: 1, messages: 0, filings: 0, findings: 1 },
    ]);
    const warnings = result.warnings.filter((w) => w.en.includes("not in the registry"));
    expect(warnings).toEqual([
      {
        zh: "2 个账号ID出现在数据中但未纳入备案台账（应纳入而未纳入监管）：X, Y",
        en: "2 account id(s) appear in the data but not in the registry: X, Y",
      },
    ]);
    // Not an account's finding: no account row, no score changed.
    expect(result.accounts.map((a) => a.accountId)).toEqual(["A"]);
  });

  it("names the first maxShown ids, then …; nothing when every id is registered", () => {
    const r = run({ asOf: "2026-09-30", accounts: [], rules: { "unregistered-account": { maxShown: 2 } } });
    const unregistered = ["P", "Q", "R"].map((accountId) => ({
      accountId,
      posts: 1,
      messages: 0,
      filings: 0,
      findings: 0,
    }));
    expect(evaluateGlobal({ unregistered }, r.profile, r.ctx)).toMatchObject([
      {
        rule: "unregistered-account",
        severity: "warning",
        points: 0,
        count: 3,
        message: { en: "3 account id(s) appear in the data but not in the registry: P, Q, …" },
      },
    ]);
    expect(evaluateGlobal({ unregistered: [] }, r.profile, r.ctx)).toEqual([]);
  });

  it("can be switched off: the list stays, the warning goes", () => {
    const r = run({
      asOf: "2026-09-30",
      accounts: [],
      rules: { "unregistered-account": { enabled: false } },
    });
    const unregistered = [{ accountId: "P", posts: 1, messages: 0, filings: 0, findings: 0 }];
    expect(evaluateGlobal({ unregistered }, r.profile, r.ctx)).toEqual([]);
  });
});

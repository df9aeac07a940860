import { describe, expect, it } from "vitest";
import { diffResults } from "../../src/follow/diff.js";
import type { SavedFinding, SavedResult } from "../../src/follow/saved-result.js";

/** Tiny saved results: only what diff reads. */
function finding(accountId: string, rule: string, over: Partial<SavedFinding> = {}): SavedFinding {
  const rectification = over.rectification ?? "rectifiable";
  return {
    accountId,
    hostUnit: accountId.startsWith("A") ? "甲局" : "乙局",
    rule,
    messageId: "m",
    indicator: rule,
    severity: "violation",
    message: `${accountId} ${rule}`,
    evidence: {},
    source: "",
    rectification,
    key: rectification === "rectifiable" ? `${rule}|${accountId}|` : null,
    ...over,
  };
}

function result(asOf: string, findings: SavedFinding[], over: Partial<SavedResult> = {}): SavedResult {
  const ids = ["A1", "A2", "B1"];
  return {
    tool: "gmaudit",
    profile: "jiangsu",
    asOf,
    from: asOf,
    period: null,
    missingInputs: [],
    dataIncomplete: false,
    accounts: ids.map((id) => ({
      accountId: id,
      name: `账号${id}`,
      platform: "wechat",
      hostUnit: id.startsWith("A") ? "甲局" : "乙局",
      status: "active",
      findings: findings.filter((f) => f.accountId === id),
      notEvaluated: [],
    })),
    units: [],
    file: "x.json",
    asOfMs: Date.parse(asOf),
    ...over,
  };
}

const T0 = "2026-09-30T23:59:59.999+08:00";
const T1 = "2026-10-20T23:59:59.999+08:00";

/** The Chinese text of the error `f` throws (errors carry both languages; `message` is the English). */
function zhOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (err) {
    return (err as { text?: { zh: string } }).text?.zh;
  }
  return undefined;
}

describe("gmaudit diff", () => {
  it("sorts the baseline's rectifiable problems into rectified and outstanding, and new ones apart", () => {
    const d = diffResults(
      result(T0, [finding("A1", "no-update-2w"), finding("A2", "verified-host-unit")]),
      result(T1, [finding("A2", "verified-host-unit"), finding("B1", "no-interaction")]),
      "zh",
    );
    expect(d.problems.map((p) => [p.accountId, p.status])).toEqual([
      ["A2", "outstanding"],
      ["A1", "rectified"],
      ["B1", "new"],
    ]);
    expect(d.units).toEqual([
      { hostUnit: "甲局", outstanding: 1, rectified: 1, notRechecked: 0, new: 0, historical: 0 },
      { hostUnit: "乙局", outstanding: 0, rectified: 0, notRechecked: 0, new: 1, historical: 0 },
    ]);
  });

  it("never counts a historical finding, in either run, even when it repeats", () => {
    const late = finding("A1", "reply-deadline", { rectification: "historical" });
    const d = diffResults(result(T0, [late]), result(T1, [late]), "zh");
    expect(d.problems).toEqual([]);
    expect(d.summary).toMatchObject({ outstanding: 0, new: 0, historical: 1 });
  });

  it("ignores advisory notes", () => {
    const note = finding("A1", "no-update-2w", { rectification: "advisory", key: null });
    expect(diffResults(result(T0, [note]), result(T1, [note]), "zh").problems).toEqual([]);
  });

  it("says not re-checked when the re-check lacks the input, the account or the rule's judgement", () => {
    const base = result(T0, [
      finding("A1", "improper-content", { messageId: "manual-finding" }),
      finding("A2", "no-update-2w"),
      finding("B1", "verified-host-unit"),
    ]);
    const recheck = result(T1, [], { missingInputs: ["findings", "posts"] });
    recheck.accounts = recheck.accounts.filter((a) => a.accountId !== "B1");
    const d = diffResults(base, recheck, "zh");
    expect(d.problems.map((p) => [p.accountId, p.status, p.reason?.zh])).toEqual([
      ["A1", "not-rechecked", "复查未提供检查记录，无法判断"],
      ["A2", "not-rechecked", "复查未提供发布记录，无法判断"],
      ["B1", "not-rechecked", "复查结果中无此账号"],
    ]);
    const notEvaluated = result(T1, []);
    notEvaluated.accounts[1]!.notEvaluated = [{ rule: "no-update-2w", reason: "exempt platform" }];
    expect(
      diffResults(result(T0, [finding("A2", "no-update-2w")]), notEvaluated, "en").problems[0],
    ).toMatchObject({
      status: "not-rechecked",
      reason: { en: "not evaluated in the re-check" },
    });
  });

  it("reads a rule's column needs by their table: a missing posts file, or a column the rule lacked", () => {
    // original-content needs posts and posts.original.
    const base = result(T0, [finding("A1", "original-content"), finding("A2", "original-content")]);
    const noPosts = diffResults(base, result(T1, [], { missingInputs: ["posts"] }), "zh");
    expect(noPosts.problems.map((p) => p.reason?.zh)).toEqual([
      "复查未提供发布记录，无法判断",
      "复查未提供发布记录，无法判断",
    ]);
    const noColumn = result(T1, []);
    noColumn.accounts[0]!.notEvaluated = [{ rule: "original-content", reason: "no 是否原创 column" }];
    const d = diffResults(base, noColumn, "en");
    const byAccount = new Map(d.problems.map((p) => [p.accountId, [p.status, p.reason?.en ?? null]]));
    expect(byAccount.get("A1")).toEqual(["not-rechecked", "not evaluated in the re-check"]);
    expect(byAccount.get("A2")).toEqual(["rectified", null]);
  });

  it("matches two findings of one key one to one", () => {
    const row = finding("A1", "improper-content", {
      messageId: "manual-finding",
      key: "improper-content|A1|2026-09-15|x",
    });
    const d = diffResults(result(T0, [row, row]), result(T1, [row]), "zh");
    expect(d.problems.map((p) => p.status).sort()).toEqual(["outstanding", "rectified"]);
  });

  it("refuses a re-check that is not later, and one of another registry", () => {
    expect(zhOf(() => diffResults(result(T1, []), result(T0, []), "zh"))).toMatch(/不晚于基线/);
    expect(() => diffResults(result(T0, []), result(T0, []), "en")).toThrow(/not later/);
    const other = result(T1, []);
    other.accounts = other.accounts.map((a) => ({ ...a, accountId: `X${a.accountId}` }));
    expect(zhOf(() => diffResults(result(T0, []), other, "zh"))).toMatch(/3 个账号中只有 0 个/);
    // One account of three gone is still the same registry.
    const shrunk = result(T1, []);
    shrunk.accounts.pop();
    expect(() => diffResults(result(T0, []), shrunk, "zh")).not.toThrow();
  });
});

import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runInFolder } from "../cli/in-process.js";

/**
 * The clerk-export case (fixtures/cases/clerk-export, issue 17) beyond its goldens: the posts export
 * written with account names and no ids audits to the same verdicts as the same export with ids, and
 * `validate` accepts every file of the case as written.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const dir = path.join(root, "fixtures", "cases", "clerk-export");

/** In this process (the golden cases test the spawned CLI), in the case's folder. */
async function gmaudit(args: string[]) {
  const run = await runInFolder(args, dir, { NO_COLOR: "1" });
  return { status: run.code, stdout: run.out, stderr: run.err };
}

interface Account {
  accountId: string;
  verdict: string;
  score: number | null;
  vetoes: string[];
  deductions: number;
  posts: number | null;
  lastPostAt: string | null;
  longestGapDays: number | null;
  findings: { rule: string; points: number; message: string }[];
}

async function verdicts(posts: string) {
  const run = await gmaudit([
    "check",
    "备案台账.csv",
    "--posts",
    posts,
    "--as-of",
    "2026-10-20 08:00",
    "--format",
    "json",
  ]);
  expect(run.status, run.stderr).toBe(1);
  const doc = JSON.parse(run.stdout) as {
    accounts: Account[];
    unregisteredAccounts: { accountId: string }[];
  };
  return {
    accounts: doc.accounts.map((a) => ({
      ...a,
      findings: a.findings.map((f) => ({ rule: f.rule, points: f.points, message: f.message })),
    })),
    unregistered: doc.unregisteredAccounts.map((u) => u.accountId),
  };
}

describe("clerk-export", () => {
  it("an export with names and no ids audits to the same verdicts as the same export with ids", async () => {
    const byId = await verdicts("发布记录.csv");
    const byName = await verdicts("发布记录-按名称.csv");
    expect(byName.accounts.map((a) => a.verdict)).toEqual(byId.accounts.map((a) => a.verdict));
    expect(byName.accounts).toEqual(byId.accounts);
    // Not a vacuous comparison: the case has vetoes, deductions and passes.
    expect(new Set(byId.accounts.map((a) => a.verdict))).toEqual(new Set(["pass", "veto", "not_scored"]));
    // The one unregistered account is named by its id in one export, by its name in the other.
    expect(byId.unregistered).toEqual(["QH99"]);
    expect(byName.unregistered).toEqual(["清河旅游号"]);
  });

  it("validate accepts every file of the case as written (the case's config read)", async () => {
    const files = readdirSync(dir).filter((f) => f.endsWith(".csv"));
    expect(files).toHaveLength(6);
    for (const file of files) {
      const run = await gmaudit(["validate", file]);
      expect(run.status, `${file}\n${run.stdout}`).toBe(0);
    }
  });

  it("the closed account known only through 账号状态/关停时间 is not vetoed", async () => {
    const { accounts } = await verdicts("发布记录.csv");
    const closed = accounts.find((a) => a.accountId === "QH06")!;
    expect(closed.verdict).toBe("not_scored");
    expect(closed.vetoes).toEqual([]);
    const registry = readFileSync(path.join(dir, "备案台账.csv"));
    // GBK with CRLF, as Excel on Chinese Windows writes it.
    expect(registry.includes(Buffer.from("\r\n"))).toBe(true);
    expect(registry.toString("utf8")).not.toContain("账号状态");
  });
});

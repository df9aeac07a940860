import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { discoverInputs, findByName } from "../../src/cli/discover.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "gmaudit-discover-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const touch = (...names: string[]) => {
  for (const name of names) writeFileSync(path.join(dir, name), "x");
};

describe("companion discovery", () => {
  it("finds the Chinese file names beside the accounts file", () => {
    touch("备案台账.csv", "发布记录.csv", "留言记录.json", "备案记录.tsv", "检查记录.jsonl");
    const d = discoverInputs(path.join(dir, "备案台账.csv"));
    expect(d.files).toEqual({
      accounts: path.join(dir, "备案台账.csv"),
      posts: path.join(dir, "发布记录.csv"),
      messages: path.join(dir, "留言记录.json"),
      filings: path.join(dir, "备案记录.tsv"),
      findings: path.join(dir, "检查记录.jsonl"),
    });
    expect(d.found).toEqual(["posts", "messages", "filings", "findings"]);
    expect(d.missing).toEqual([]);
  });

  it("prefers the English name, then the extension order csv, tsv, txt, json, ndjson, jsonl", () => {
    touch("accounts.csv", "posts.json", "posts.txt", "发布记录.csv", "messages.jsonl", "messages.ndjson");
    const d = discoverInputs(path.join(dir, "accounts.csv"));
    expect(d.files.posts).toBe(path.join(dir, "posts.txt"));
    expect(d.files.messages).toBe(path.join(dir, "messages.ndjson"));
    expect(d.missing).toEqual(["filings", "findings"]);
  });

  it("lets explicit files win and reports the rest as missing", () => {
    touch("accounts.csv", "posts.csv");
    const d = discoverInputs(path.join(dir, "accounts.csv"), { posts: "/elsewhere/p.csv" });
    expect(d.files.posts).toBe("/elsewhere/p.csv");
    expect(d.found).toEqual([]);
    expect(d.missing).toEqual(["messages", "filings", "findings"]);
  });

  it("never returns the accounts file itself, ignores folders and other extensions, and ignores case", () => {
    touch("posts.csv", "Messages.CSV", "filings.xls");
    mkdirSync(path.join(dir, "findings.csv"));
    const d = discoverInputs(path.join(dir, "posts.csv"));
    expect(d.files.posts).toBeUndefined();
    expect(d.files.messages).toBe(path.join(dir, "Messages.CSV"));
    expect(d.missing).toEqual(["posts", "filings", "findings"]);
    // An old-format workbook is not read, but named for a missing companion (.xlsx is read).
    expect(d.workbooks).toEqual({ filings: path.join(dir, "filings.xls") });
  });

  it("finds a companion workbook (.xlsx) after the text formats", () => {
    touch("accounts.csv", "发布记录.xlsx", "messages.xlsx", "messages.csv");
    const d = discoverInputs(path.join(dir, "accounts.csv"));
    expect(d.files.posts).toBe(path.join(dir, "发布记录.xlsx"));
    expect(d.files.messages).toBe(path.join(dir, "messages.csv"));
  });

  it("finds an accounts file by name", () => {
    touch("账号台账.csv");
    expect(findByName(dir, ["accounts", "备案台账", "账号台账"])).toBe(path.join(dir, "账号台账.csv"));
    expect(findByName(path.join(dir, "nope"), ["accounts"])).toBeUndefined();
  });
});

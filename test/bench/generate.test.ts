import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
// @ts-expect-error: a plain ES module without types
import { generate, parseScaleArgs, scaleName } from "../../bench/generate.mjs";

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function tiny(seed: number) {
  const dir = mkdtempSync(path.join(tmpdir(), "gmaudit-gen-"));
  dirs.push(dir);
  const manifest = generate(
    { accounts: 50, posts: 2000, messages: 400, filings: 40, findings: 5, seed },
    dir,
  );
  return { dir, manifest };
}

describe("bench data generator (tiny scale)", () => {
  it("writes the same bytes for the same seed, other bytes for another", () => {
    const a = tiny(3);
    const b = tiny(3);
    const c = tiny(4);
    for (const name of ["accounts.csv", "posts.csv", "messages.csv", "filings.csv", "findings.csv"]) {
      const bytes = readFileSync(path.join(a.dir, name));
      expect(readFileSync(path.join(b.dir, name)).equals(bytes)).toBe(true);
      if (name === "posts.csv") expect(readFileSync(path.join(c.dir, name)).equals(bytes)).toBe(false);
    }
    expect(a.manifest.files.map((f: { rows: number }) => f.rows)).toEqual([50, 2000, 400, 40, 5]);
  });

  it("writes Chinese headers, quoted cells and the odd newline inside a cell", () => {
    const { dir } = tiny(5);
    const posts = readFileSync(path.join(dir, "posts.csv"), "utf8");
    expect(posts.split("\n", 1)[0]).toBe("文章ID,账号ID,发布时间,是否原创,来源,标题,链接,正文");
    expect(posts).toMatch(/"[^"\n]*\n[^"]*"/);
    expect(posts).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/);
  });

  it("reads the scale from the command line", () => {
    const { scale, rest } = parseScaleArgs(["--posts", "10_000_000", "--runs", "1"]);
    expect(scale.posts).toBe(10_000_000);
    expect(rest).toEqual(["--runs", "1"]);
    expect(scaleName(scale)).toBe("a10000-p10000000-m500000-f10000-s1");
  });
});

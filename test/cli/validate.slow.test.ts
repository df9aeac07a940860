import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import iconv from "iconv-lite";
import { afterAll, describe, expect, it } from "vitest";

// The built CLI (npm test builds first), run as a user would: a clean env, no colour, a non-Shanghai TZ.
const BIN = fileURLToPath(new URL("../../bin/gmaudit.js", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "gmaudit-validate-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function gmaudit(...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: dir,
    // The report in English (its Chinese: test/meta/language.test.ts).
    env: { NO_COLOR: "1", TZ: "America/New_York", PATH: process.env.PATH ?? "", GMAUDIT_LANG: "en" },
    encoding: "utf8",
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function write(name: string, content: string | Buffer): string {
  writeFileSync(join(dir, name), content);
  return name;
}

const GBK_REGISTRY = iconv.encode(
  [
    "清河县政务新媒体备案台账（2026年第三季度）",
    "导出时间：2026-10-01",
    "账号ID*,账号名称（全称）,平台,账号类型,主办单位,开设日期,状态,关停日期,互动功能,粉丝数",
    "G1,清河发布,微信公众号,订阅号,清河县政府办,2018年3月1日,正常,,是,86000",
    "G2,清河水务,微博,,清河县水利局,2019/5/6,已关停,2025-12-31,否,1200",
  ].join("\r\n"),
  "gbk",
);

describe("gmaudit validate", () => {
  it("accepts a GBK registry with Chinese headers and title rows (exit 0)", () => {
    const file = write("台账.csv", GBK_REGISTRY);
    const { code, stdout } = gmaudit("validate", file);
    expect(code).toBe(0);
    expect(stdout).toContain("台账.csv\n");
    expect(stdout).toContain("kind: accounts");
    expect(stdout).toContain("format: csv (header on line 3)");
    expect(stdout).toContain("encoding: gb18030");
    expect(stdout).toContain("rows: 2   valid: 2   invalid: 0   warnings: 0");
    expect(stdout).toContain(
      "columns not in the file: unit_category (单位类别), opened_by (开设主体), verified_info (认证信息), operator (运营单位), operator_type (运营主体类型), url (账号链接)",
    );
    expect(stdout).toContain("The file is valid.");
  });

  it("names a posts CSV's absent columns and what check cannot evaluate without them; JSON lists them too", () => {
    write("posts-nosrc.csv", "账号ID,发布时间,是否原创\nA1,2026-09-01 09:00,原创\n");
    write("posts-bare.csv", "账号ID,发布时间\nA1,2026-09-01 09:00\n");
    const { code, stdout } = gmaudit("validate", "posts-nosrc.csv", "posts-bare.csv");
    expect(code).toBe(0);
    expect(stdout).toContain(
      "posts-nosrc.csv\n  kind: posts   format: csv   encoding: utf-8\n  rows: 1   valid: 1   invalid: 0   warnings: 0\n" +
        "  columns not in the file: post_id (文章ID), source (来源), title (标题), url (链接), content (正文)\n" +
        "  without 来源 (source), check does not evaluate repost-source\n",
    );
    // Each absent column a rule needs, with the rules its `needs` name.
    expect(stdout).toContain(
      "  without 是否原创 (original), check does not evaluate original-content or repost-source\n" +
        "  without 来源 (source), check does not evaluate repost-source\n",
    );
    const json = JSON.parse(gmaudit("validate", "posts-nosrc.csv", "--format", "json").stdout) as {
      files: { absentColumns: string[] }[];
    };
    expect(json.files[0]!.absentColumns).toEqual(["post_id", "source", "title", "url", "content"]);
  });

  it("reports a bad date as file:line with the column as written (exit 2)", () => {
    write("accounts.csv", "账号ID,账号名称,平台,主办单位\nB1,坏日期,微博,壬局\n");
    write("posts.csv", '账号ID,发布时间\nB1,2026-09-01 09:00\nB1,"2026-13-45 10:00"\n');
    const { code, stdout } = gmaudit("validate", "accounts.csv", "posts.csv");
    expect(code).toBe(2);
    expect(stdout).toContain('  posts.csv:3: column "发布时间": "2026-13-45 10:00" is not a date/time');
    expect(stdout).toContain("rows: 2   valid: 1   invalid: 1");
    expect(stdout).toContain("1 of 2 files has errors.");
  });

  it("refuses an unknown indicator in a findings file as check does, in line order (exit 2)", () => {
    write(
      "findings.csv",
      "账号ID,指标,检查日期,次数\nF1,不存在的指标,2026-09-01,1\nF1,发布商业广告,2026-09-02,两次\nF1,商业广告,2026-09-03,1\nF1,commercial-ads,2026-09-04,1\n",
    );
    const { code, stdout } = gmaudit("validate", "findings.csv");
    expect(code).toBe(2);
    expect(stdout).toContain("rows: 4   valid: 1   invalid: 3");
    const errors = stdout.split("\n").filter((l) => l.startsWith("  findings.csv:"));
    expect(errors.map((l) => l.slice(0, 27))).toEqual([
      '  findings.csv:2: column "指',
      '  findings.csv:3: column "次',
      '  findings.csv:4: column "指',
    ]);
    expect(errors[0]).toContain('"不存在的指标" is not one of: serious-error (');
    expect(errors[2]).toContain('"商业广告" is not one of:');
  });

  it("validates the other files when one cannot be read, and exits 2", () => {
    write("ok-posts.csv", "账号ID,发布时间\nA,2026-09-01\n");
    const { code, stdout } = gmaudit("validate", "missing.csv", "ok-posts.csv");
    expect(code).toBe(2);
    expect(stdout).toContain("missing.csv\n  error: cannot read missing.csv: no such file");
    expect(stdout).toMatch(/ok-posts\.csv\n {2}kind: posts/);
  });

  it("names the missing column, its aliases and the headers found with --kind", () => {
    write("no-platform.csv", "账号ID,账号名称,主办单位\nA,n,u\n");
    const { code, stdout } = gmaudit("validate", "no-platform.csv", "--kind", "accounts");
    expect(code).toBe(2);
    expect(stdout).toContain("error: no-platform.csv:1: missing required column of accounts: platform");
    expect(stdout).toContain('"platform" (or 平台, 账号平台, 所属平台, 平台类型)');
    expect(stdout).toContain('"aliases": {"columns": {"accounts": {"…": "platform"}}}');
    expect(stdout).toContain("headers found: 账号ID, 账号名称, 主办单位");
  });

  it("says when it cannot tell the kind", () => {
    write("mystery.csv", "a,b\n1,2\n");
    const { code, stdout } = gmaudit("validate", "mystery.csv");
    expect(code).toBe(2);
    expect(stdout).toContain("cannot tell which table this is");
  });

  it("caps the listed errors with --max-errors", () => {
    const rows = Array.from({ length: 5 }, (_, i) => `A,bad${i}`);
    write("many.csv", ["account_id,published_at", ...rows].join("\n"));
    const { code, stdout } = gmaudit("validate", "many.csv", "--max-errors", "2");
    expect(code).toBe(2);
    expect(stdout).toContain('many.csv:3: column "published_at": "bad1" is not a date/time');
    expect(stdout).not.toContain("many.csv:4:");
    expect(stdout).toContain("… and 3 more errors");
  });

  it("prints warnings without failing", () => {
    write("closed.csv", "账号ID,账号名称,平台,主办单位,状态\nA,n,微博,u,已注销\n");
    const { code, stdout } = gmaudit("validate", "closed.csv");
    expect(code).toBe(0);
    expect(stdout).toContain("warnings: 1");
    expect(stdout).toContain(
      'closed.csv:2: column "closed_at": is blank, expected a date when the account is cancelled (warning)',
    );
  });

  it("writes a JSON report with --format json", () => {
    write(
      "report-posts.ndjson",
      '{"account_id":"A","published_at":1790748300000}\n{"account_id":"A","published_at":"x"}\n',
    );
    const { code, stdout } = gmaudit("validate", "report-posts.ndjson", "--format", "json");
    expect(code).toBe(2);
    const report = JSON.parse(stdout);
    expect(report.valid).toBe(false);
    expect(report.files[0]).toMatchObject({
      file: "report-posts.ndjson",
      ok: false,
      kind: "posts",
      format: "ndjson",
      encoding: "utf-8",
      rows: 2,
      valid: 1,
      invalid: 1,
      errorCount: 1,
      errors: [
        { file: "report-posts.ndjson", line: 2, column: "published_at", value: "x", expected: "a date/time" },
      ],
    });
  });

  it("rejects bad flags with exit 2", () => {
    write("flag-posts.csv", "账号ID,发布时间\nA,2026-09-01\n");
    expect(gmaudit("validate", "flag-posts.csv", "--max-errors", "many").code).toBe(2);
    expect(gmaudit("validate", "flag-posts.csv", "--kind", "tweets").code).toBe(2);
    expect(gmaudit("validate", "flag-posts.csv", "--tz", "Mars/Olympus").code).toBe(2);
    expect(gmaudit("validate").code).toBe(2);
  });

  it("reads the config's aliases, as check does (--config)", () => {
    write(
      "office.config.json",
      JSON.stringify({ aliases: { columns: { posts: { 推文时间: "published_at" } } } }),
    );
    write("office-posts.csv", "账号编号,推文时间\nA1,2026-10-08 9:30 上午\n");
    expect(gmaudit("validate", "office-posts.csv", "--config", "office.config.json").code).toBe(0);
    const without = gmaudit("validate", "office-posts.csv", "--kind", "posts");
    expect(without.code).toBe(2);
    expect(without.stdout).toContain('"aliases": {"columns": {"posts": {"…": "published_at"}}}');
  });

  it("--help shows examples", () => {
    const { code, stdout } = gmaudit("validate", "--help");
    expect(code).toBe(0);
    expect(stdout).toContain("Examples:");
    expect(stdout).toContain("$ gmaudit validate accounts.csv");
    expect(stdout).toContain("--encoding <enc>");
  });
});

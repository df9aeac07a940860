import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runInProcess } from "../cli/in-process.js";
import { AS_OF, caseDir, NOW, run, tempDir } from "./helpers.js";

/**
 * Nothing lost (PRODUCT §1.7, §3.4): the JSON `inputs` section accounts for every row of every file —
 * `rows = used + skipped + duplicates + afterAsOf`, unregistered rows among the used — and a run with
 * --skip-invalid says "data incomplete" in every output format. Duplicates and conflicting times.
 */

const { dir: root, cleanup } = tempDir("accounting");
afterAll(cleanup);

interface InputCounts {
  file: string;
  rows: number;
  used: number;
  skipped: number;
  duplicates: number;
  afterAsOf: number;
  unregistered: number;
}

/** One file of each kind, with one row of each fate. */
function writeEveryFate(dir: string): void {
  const files: Record<string, string> = {
    // used ×3 (one closed), duplicate id, closed before opened (invalid)
    "accounts.csv": [
      "账号ID,账号名称,平台,主办单位,开设日期,状态,关停日期",
      "A1,清河发布,微信公众号,清河县政府办,2018-03-01,正常,",
      "A2,清河发布,微博,清河县政府办,2018-03-01,正常,",
      "A1,清河发布（重复）,抖音,清河县政府办,2018-03-01,正常,",
      "A3,清河旧号,微博,清河县政府办,2020-05-01,关停,2019-01-01",
      "A4,清河教育,今日头条,清河县教育局,2019-01-01,关停,2026-09-10",
    ].join("\n"),
    // used, used (before the window), unregistered, invalid date, duplicate id, after T
    "posts.csv": [
      "文章ID,账号ID,发布时间,是否原创,来源",
      "P1,A1,2026-09-20 10:00,原创,",
      "P2,A1,2026-08-01 10:00,原创,",
      "P3,X9,2026-09-21 10:00,原创,",
      "P4,A2,2026-13-01 10:00,原创,",
      "P1,A1,2026-09-29 10:00,原创,",
      "P5,A2,2026-10-02 10:00,原创,",
    ].join("\n"),
    // used, replied before received (invalid), duplicate id, after T, unregistered
    "messages.csv": [
      "留言ID,账号ID,留言时间,回复时间,留言类型",
      "M1,A1,2026-09-21 09:00,2026-09-21 10:00,咨询",
      "M2,A1,2026-09-22 09:00,2026-09-21 08:00,咨询",
      "M1,A1,2026-09-23 09:00,,咨询",
      "M3,A2,2026-10-01 09:00,,咨询",
      "M4,X9,2026-09-24 09:00,,咨询",
    ].join("\n"),
    // used, unregistered, invalid event
    "filings.csv": [
      "账号ID,报备类别,事项日期,报备日期",
      "A4,关停,2026-09-10,2026-09-11",
      "X9,开设,2026-09-01,2026-09-02",
      "A2,搬家,2026-09-01,2026-09-02",
    ].join("\n"),
    // used, after T, unknown indicator (invalid), unregistered
    "findings.csv": [
      "账号ID,指标,发现日期,次数,说明",
      "A1,serious-error,2026-09-15,1,错别字",
      "A1,serious-error,2026-10-15,1,十月",
      "A2,not-an-indicator,2026-09-15,1,",
      "X9,serious-error,2026-09-15,1,",
    ].join("\n"),
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), `${text}\n`);
}

const ARGS = ["check", "accounts.csv", "--no-config", "--as-of", AS_OF, "--from", "2026-09-01"];

describe("the inputs section accounts for every row", () => {
  it("counts each fate per file, and rows = used + skipped + duplicates + afterAsOf", async () => {
    const dir = caseDir(root);
    writeEveryFate(dir);
    const result = await run([...ARGS, "--skip-invalid", "--format", "json"], dir);
    expect(result.code).toBeLessThan(2);
    const doc = JSON.parse(result.out) as { inputs: Record<string, InputCounts>; dataIncomplete: boolean };
    const pick = ({ rows, used, skipped, duplicates, afterAsOf, unregistered }: InputCounts) => ({
      rows,
      used,
      skipped,
      duplicates,
      afterAsOf,
      unregistered,
    });
    expect(Object.fromEntries(Object.entries(doc.inputs).map(([k, s]) => [k, pick(s)]))).toEqual({
      accounts: { rows: 5, used: 3, skipped: 1, duplicates: 1, afterAsOf: 0, unregistered: 0 },
      posts: { rows: 6, used: 3, skipped: 1, duplicates: 1, afterAsOf: 1, unregistered: 1 },
      messages: { rows: 5, used: 2, skipped: 1, duplicates: 1, afterAsOf: 1, unregistered: 1 },
      filings: { rows: 3, used: 2, skipped: 1, duplicates: 0, afterAsOf: 0, unregistered: 1 },
      findings: { rows: 4, used: 2, skipped: 1, duplicates: 0, afterAsOf: 1, unregistered: 1 },
    });
    for (const s of Object.values(doc.inputs)) {
      expect(s.rows).toBe(s.used + s.skipped + s.duplicates + s.afterAsOf);
      expect(s.file).toMatch(/\.csv$/);
    }
    expect(doc.dataIncomplete).toBe(true);
  });

  it("without --skip-invalid lists every bad row with file:line, duplicates with both lines, and writes nothing", async () => {
    const dir = caseDir(root);
    writeEveryFate(dir);
    const result = await run([...ARGS, "--format", "json", "--out", "results.json", "--quiet"], dir);
    expect(result.code).toBe(2);
    expect(result.out).toBe("");
    expect(existsSync(path.join(dir, "results.json"))).toBe(false);
    const lines = result.err.split("\n");
    expect(lines[0]).toMatch(/^gmaudit: the input has 6 invalid rows; nothing was written/);
    expect(
      lines.some((l) =>
        l.endsWith('accounts.csv:4: column "账号ID": "A1" is not a unique account id (already on line 2)'),
      ),
    ).toBe(true);
    expect(result.err).toMatch(
      /accounts\.csv:5: column "关停日期": "2019-01-01" is not a date at or after 开设日期 "2020-05-01"/,
    );
    expect(result.err).toMatch(/posts\.csv:5: column "发布时间": "2026-13-01 10:00" is not/);
    expect(result.err).toMatch(
      /messages\.csv:3: column "回复时间": "2026-09-21 08:00" is not a time at or after 留言时间 "2026-09-22 09:00"/,
    );
    expect(result.err).toMatch(/filings\.csv:4: column "报备类别": "搬家" is not/);
    expect(result.err).toMatch(/findings\.csv:4: column "指标": "not-an-indicator" is not/);
    expect(result.err).not.toMatch(/数据不完整|DATA INCOMPLETE/);
  });
});

describe("the list of bad rows", () => {
  it("counts rows, not cells; lists the files in table order; takes 未回复 as not replied", async () => {
    const dir = caseDir(root);
    writeFileSync(
      path.join(dir, "accounts.csv"),
      ["账号ID,账号名称,平台,主办单位", "A1,清河发布,微博,县政府办", "A2,,抖音,", ",,,"].join("\n"),
    );
    writeFileSync(
      path.join(dir, "messages.csv"),
      ["账号ID,留言时间,回复时间", "A1,2026-13-01 09:00,", "A1,2026-09-21 09:00,未回复"].join("\n"),
    );
    const result = await run([...ARGS, "--quiet"], dir);
    expect(result.code).toBe(2);
    const lines = result.err.trimEnd().split("\n");
    // Line 3 has two blank cells, messages line 2 one bad date: two rows, three errors.
    expect(lines[0]).toMatch(/^gmaudit: the input has 2 invalid rows \(3 errors\); nothing was written/);
    expect(lines.slice(1).map((l) => l.replace(/: column .*/, "").replace(/^.*[\\/]/, ""))).toEqual([
      "accounts.csv:3",
      "accounts.csv:3",
      "messages.csv:2",
    ]);
    expect(result.err).not.toContain("未回复");
  });

  it("leaves a totals row (合计) out with a warning instead of failing on its blank cells", async () => {
    const dir = caseDir(root);
    writeFileSync(
      path.join(dir, "accounts.csv"),
      [
        "序号,账号ID,账号名称,平台,主办单位",
        "1,A1,清河发布,微博,县政府办",
        "合计,,,,",
        "总计：1 个,,,,",
      ].join("\n"),
    );
    const result = await run([...ARGS, "--format", "json"], dir, "zh");
    expect(result.code).toBe(0);
    expect(result.err).toContain(
      "accounts.csv：2 个汇总行（合计、小计等；第一个在第 3 行），不是数据，未读取",
    );
    const doc = JSON.parse(result.out) as { inputs: { accounts: InputCounts } };
    expect(doc.inputs.accounts).toMatchObject({ rows: 1, used: 1, skipped: 0 });
  });
});

describe("--skip-invalid marks the run data incomplete in every output", () => {
  const marks = { zh: "数据不完整", en: "DATA INCOMPLETE" } as const;

  async function runIn(args: string[], options: { tty?: boolean } = {}) {
    const dir = caseDir(root);
    writeEveryFate(dir);
    return {
      dir,
      ...(await runInProcess([...ARGS, "--skip-invalid", ...args], { cwd: dir, now: NOW, ...options })),
    };
  }

  it("table: a header line on stdout", async () => {
    const { out, code } = await runIn([], { tty: true });
    expect(code).toBeLessThan(2);
    const header = out.split("\n").slice(0, 8).join("\n");
    expect(header).toContain(marks.zh);
    expect(header).toMatch(/posts\.csv 6 行（跳过无效 1 行）/);
  });

  it("JSON: dataIncomplete true", async () => {
    const { out } = await runIn(["--format", "json"]);
    expect((JSON.parse(out) as { dataIncomplete: boolean }).dataIncomplete).toBe(true);
  });

  for (const format of ["csv", "ndjson", "json"] as const) {
    for (const lang of ["zh", "en"] as const) {
      it(`${format} (${lang}): one stderr line naming the files, even with --quiet`, async () => {
        const { err } = await runIn(["--format", format, "--lang", lang, "--quiet"]);
        const line = err.split("\n").find((l) => l.includes(marks[lang]));
        expect(line).toBeDefined();
        expect(line).toMatch(/^gmaudit: /);
        for (const file of ["accounts.csv", "posts.csv", "messages.csv", "filings.csv", "findings.csv"]) {
          expect(line).toContain(file);
        }
      });
    }
  }

  it("--out FILE and --findings-out FILE: the stderr line too", async () => {
    const { err } = await runIn(["--out", "results.csv", "--findings-out", "findings-out.csv"]);
    expect(err).toContain(marks.zh);
  });

  it("CSV files: a last column 数据不完整 (dataIncomplete) on every row", async () => {
    for (const lang of ["zh", "en"] as const) {
      const { dir } = await runIn([
        "--out",
        "results.csv",
        "--findings-out",
        "findings-out.csv",
        "--lang",
        lang,
      ]);
      const [head, mark] = lang === "zh" ? ["数据不完整", "是"] : ["dataIncomplete", "true"];
      for (const name of ["results.csv", "findings-out.csv"]) {
        const lines = readFileSync(path.join(dir, name), "utf8")
          .replace(/^\uFEFF/, "")
          .trimEnd()
          .split("\n");
        expect(lines.length).toBeGreaterThan(1);
        expect(lines[0]!.endsWith(`,${head}`)).toBe(true);
        for (const line of lines.slice(1)) expect(line.endsWith(`,${mark}`)).toBe(true);
      }
    }
  });

  it("NDJSON and the JSON findings file: dataIncomplete true on every record", async () => {
    const { out, dir } = await runIn(["--format", "ndjson", "--findings-out", "f.json"]);
    const lines = out
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l) as { dataIncomplete?: boolean });
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line.dataIncomplete).toBe(true);
    const findings = JSON.parse(readFileSync(path.join(dir, "f.json"), "utf8")) as {
      dataIncomplete?: boolean;
    }[];
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) expect(f.dataIncomplete).toBe(true);
  });

  it("a complete run says nothing of the kind", async () => {
    const dir = caseDir(root);
    writeFileSync(
      path.join(dir, "accounts.csv"),
      "账号ID,账号名称,平台,主办单位\nA1,清河发布,微博,清河县政府办\n",
    );
    const result = await run([...ARGS, "--format", "csv"], dir);
    expect(result.err).not.toContain(marks.zh);
    expect(result.out.split("\n")[0]).not.toContain(marks.zh);
    const ndjson = await run([...ARGS, "--format", "ndjson"], dir);
    expect(ndjson.out).not.toContain("dataIncomplete");
  });
});

describe("an empty registry", () => {
  it("audits nothing, exits 0, and says so (a warning in every output)", async () => {
    const dir = caseDir(root);
    writeFileSync(path.join(dir, "accounts.csv"), "账号ID,账号名称,平台,主办单位\n");
    const args = ["check", "--no-config", "--as-of", AS_OF, "accounts.csv"];
    const json = await run([...args, "--format", "json", "--quiet"], dir, "zh");
    expect(json.code).toBe(0);
    const document = JSON.parse(json.out) as { warnings: string[]; summary: { accounts: number } };
    expect(document.summary.accounts).toBe(0);
    // The file as given (run in this process from another folder, the path it was resolved to).
    expect(document.warnings).toEqual([
      expect.stringMatching(/accounts\.csv：账号登记表中没有账号，本次未审计任何账号$/),
    ]);
    const csv = await run([...args, "--format", "csv", "--lang", "en"], dir);
    expect(csv.code).toBe(0);
    expect(csv.err).toContain("accounts.csv: the registry holds no accounts; nothing was audited");
    // Not when there is an account.
    writeFileSync(
      path.join(dir, "accounts.csv"),
      "账号ID,账号名称,平台,主办单位\nA1,清河发布,微博,清河县政府办\n",
    );
    expect((await run([...args, "--format", "csv", "--lang", "en"], dir)).err).not.toContain(
      "nothing was audited",
    );
  });
});

describe("duplicates and conflicts", () => {
  it("a duplicate account_id in a JSON registry cites both elements", async () => {
    const dir = caseDir(root);
    const account = (id: string, name: string) => ({
      account_id: id,
      name,
      platform: "weibo",
      host_unit: "清河县",
    });
    writeFileSync(
      path.join(dir, "accounts.json"),
      JSON.stringify([account("A1", "一"), account("A2", "二"), account("A1", "三")]),
    );
    const result = await run(
      ["check", "accounts.json", "--no-config", "--as-of", AS_OF, "--format", "json"],
      dir,
    );
    expect(result.code).toBe(2);
    expect(result.err).toContain(
      'accounts.json:$[2]: column "account_id": "A1" is not a unique account id (already at $[0])',
    );
  });

  it("a duplicate post_id or message_id keeps the first row and counts the other", async () => {
    const dir = caseDir(root);
    writeFileSync(
      path.join(dir, "accounts.csv"),
      "账号ID,账号名称,平台,主办单位\nA1,清河发布,微博,清河县政府办\n",
    );
    writeFileSync(
      path.join(dir, "posts.csv"),
      "文章ID,账号ID,发布时间\nP1,A1,2026-09-01 10:00\nP1,A1,2026-09-29 10:00\nP1,A2,2026-09-29 11:00\n",
    );
    writeFileSync(
      path.join(dir, "messages.csv"),
      "留言ID,账号ID,留言时间,回复时间\nM1,A1,2026-09-21 09:00,2026-09-21 10:00\nM1,A1,2026-09-21 09:00,\n",
    );
    const result = await run([...ARGS, "--format", "json"], dir);
    expect(result.code).toBeLessThan(2);
    const doc = JSON.parse(result.out) as {
      inputs: Record<string, InputCounts>;
      accounts: { lastPostAt: string; posts: number; repliesOnTime: number; repliesOverdue: number }[];
    };
    // Ids are per account: A2's P1 is another post (of an unregistered account).
    expect(doc.inputs.posts).toMatchObject({ rows: 3, used: 2, duplicates: 1, unregistered: 1 });
    expect(doc.inputs.messages).toMatchObject({ rows: 2, used: 1, duplicates: 1 });
    expect(doc.accounts[0]).toMatchObject({ posts: 1, repliesOnTime: 1, repliesOverdue: 0 });
    expect(doc.accounts[0]!.lastPostAt).toMatch(/^2026-09-01T10:00/);
  });

  it("validate reports replied_at before received_at and closed_at before opened_at as row errors", async () => {
    const dir = caseDir(root);
    writeEveryFate(dir);
    const messages = await run(["validate", "messages.csv"], dir);
    expect(messages.code).toBe(2);
    expect(messages.out).toMatch(
      /messages\.csv:3: column "回复时间": "2026-09-21 08:00" is not a time at or after 留言时间/,
    );
    const accounts = await run(["validate", "accounts.csv"], dir);
    expect(accounts.out).toMatch(
      /accounts\.csv:5: column "关停日期": "2019-01-01" is not a date at or after 开设日期/,
    );
  });

  it("validate reports a duplicate account_id with both lines", async () => {
    const dir = caseDir(root);
    writeEveryFate(dir);
    const result = await run(["validate", "accounts.csv"], dir);
    expect(result.out).toContain(
      'accounts.csv:4: column "账号ID": "A1" is not a unique account id (already on line 2)',
    );
  });
});

import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { GmauditError } from "../../src/errors.js";
import { message } from "../../src/i18n.js";
import { displayWidth } from "../../src/output/width.js";
import { county } from "../output/fixtures.js";
import { runInProcess } from "./in-process.js";

// The pipeline is someone else's (and has its own tests): here `audit` returns a hand-built result,
// so these tests pin down flag parsing, rendering, writing and exit codes of `check` alone.
const audit = vi.hoisted(() => vi.fn());
vi.mock("../../src/pipeline.js", () => ({ audit }));

const NOW = Date.UTC(2026, 9, 1, 2, 0);

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "gmaudit-check-"));
  writeFileSync(path.join(dir, "accounts.csv"), "账号ID\nA001\n");
  writeFileSync(path.join(dir, "发布记录.csv"), "账号ID\nA001\n");
  audit.mockReset();
  audit.mockResolvedValue(county());
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const run = (args: string[], tty = false) => runInProcess(["check", ...args], { cwd: dir, now: NOW, tty });
/** The same in English: these tests read the English messages (the Chinese ones: test/meta/language). */
const runEn = (args: string[]) =>
  runInProcess(["check", ...args], { cwd: dir, now: NOW, env: { GMAUDIT_LANG: "en" } });

describe("check: bad flag values are usage errors (exit 2) and nothing runs", () => {
  it.each([
    [["--format", "xml"], /--format must be one of table, csv, json, ndjson, xlsx \(got "xml"\)/],
    [["--format", "xlsx"], /--format xlsx writes a workbook file: give it with --out/],
    [["--lang", "fr"], /--lang must be one of zh, en/],
    [["--fail-on", "sometimes"], /--fail-on must be one of veto, fail, violation, warning, never/],
    [["--warn-within", "2.5"], /--warn-within must be a whole number/],
    [["--warn-within", "soon"], /--warn-within must be a whole number/],
    [["--max-errors", "0"], /--max-errors must be a whole number ≥ 1/],
    [["--out", "result.xls"], /cannot tell the format/],
    [["--findings-out", "f.txt"], /cannot tell the format/],
  ])("%j", async (flags, message) => {
    const r = await runEn(["accounts.csv", ...flags]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err).toContain("--help");
    expect(r.out).toBe("");
    expect(audit).not.toHaveBeenCalled();
  });

  it("a missing accounts file", async () => {
    const r = await runEn(["nope.csv"]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("nope.csv: no such file");
  });

  it("an unknown option", async () => {
    expect((await run(["accounts.csv", "--colour"])).code).toBe(2);
  });

  it("refuses to write over an input", async () => {
    const r = await runEn(["accounts.csv", "--out", "发布记录.csv"]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("refusing to write");
    expect(readFileSync(path.join(dir, "发布记录.csv"), "utf8")).toBe("账号ID\nA001\n");
    expect(audit).not.toHaveBeenCalled();
  });
});

describe("check: runs the audit and renders", () => {
  it("passes the flags to audit, with the companions found beside the accounts file", async () => {
    await run([
      "accounts.csv",
      "--as-of",
      "2026-09-30",
      "--tz",
      "Asia/Urumqi",
      "--warn-within",
      "3",
      "--skip-invalid",
      "--max-errors",
      "7",
      "--profile",
      "kunshan",
      "--messages",
      "m.csv",
    ]);
    expect(audit).toHaveBeenCalledTimes(1);
    const options = audit.mock.calls[0]![0];
    expect(options).toMatchObject({
      now: NOW,
      asOf: "2026-09-30",
      tz: "Asia/Urumqi",
      warnWithin: 3,
      skipInvalid: true,
      maxErrors: 7,
      profile: "kunshan",
      cwd: dir,
    });
    expect(options.files).toEqual({
      accounts: path.join(dir, "accounts.csv"),
      posts: path.join(dir, "发布记录.csv"),
      messages: path.join(dir, "m.csv"),
    });
    expect(options.period).toBeUndefined();
  });

  it("says on stderr which companions it used and which checks are not evaluated", async () => {
    const r = await run(["accounts.csv"]);
    expect(r.err).toContain("使用发布记录：");
    expect(r.err).toContain("发布记录.csv");
    expect(r.err).toMatch(/未找到留言记录（messages\.\*, 留言记录\.\*）：相关检查记为“未评估”/);
    expect(r.err).toContain("未找到备案记录");
    expect(r.err).toContain("未找到检查记录");
  });

  it("names an old-format workbook found under a companion's name, and one under the registry's name", async () => {
    writeFileSync(path.join(dir, "留言记录.xls"), "");
    const r = await run(["accounts.csv"]);
    expect(r.err).toContain("留言记录.xls 是 Excel/WPS 工作簿，未读取：请在 Excel 或 WPS 中另存为 CSV");
    expect(r.err).not.toContain("未找到留言记录");
    const en = await run(["accounts.csv", "--lang", "en"]);
    expect(en.err).toContain("留言记录.xls is an Excel/WPS workbook, not read: save it as CSV");
    rmSync(path.join(dir, "accounts.csv"));
    writeFileSync(path.join(dir, "备案台账.xls"), "");
    const none = await runEn([]);
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/none found here \(.*\); 备案台账\.xls is a workbook: save it as CSV/);
  });

  it("writes CSV when piped, and the cron line when an account fails", async () => {
    const r = await run(["accounts.csv"]);
    expect(r.code).toBe(1);
    expect(r.out.startsWith("账号ID,账号名称,平台")).toBe(true);
    expect(r.out.charCodeAt(0)).not.toBe(0xfeff);
    expect(r.err).toContain("gmaudit: 4 个账号中单项否决 1 个、不合格 1 个（截至 2026-09-30）\n");
  });

  it("writes the table on a terminal, without the cron line", async () => {
    const r = await run(["accounts.csv"], true);
    expect(r.code).toBe(1);
    expect(r.out).toContain("共 4 个账号：合格 1，不合格 1，单项否决 1，未评分 1；问题 3 条");
    expect(r.out).toContain("\u001b[31m");
    expect(r.err).not.toContain("截至");
    expect((await run(["accounts.csv", "--no-color"], true)).out).not.toContain("\u001b[");
  });

  it("fits the table to the terminal's width; a table written to a file is whole", async () => {
    const narrow = await runInProcess(["check", "accounts.csv"], {
      cwd: dir,
      now: NOW,
      tty: true,
      columns: 80,
    });
    const grid = narrow.out.split("\n").filter((l) => /^[┌│├└]/.test(l));
    expect(grid.length).toBeGreaterThan(3);
    // (Coloured: a terminal. The escapes take no columns.)
    for (const line of grid)
      expect(displayWidth(line.replace(/\u001b\[[0-9;]*m/g, ""))).toBeLessThanOrEqual(80);
    await run(["accounts.csv", "--out", "t.txt", "--format", "table"]);
    expect(readFileSync(path.join(dir, "t.txt"), "utf8")).toContain("按时答复");
  });

  it("--out writes the file atomically (BOM for .csv) and prints only the summary", async () => {
    const r = await run(["accounts.csv", "--out", "结果.csv", "--findings-out", "问题.json"], true);
    expect(r.out).toBe("");
    const csv = readFileSync(path.join(dir, "结果.csv"), "utf8");
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain("账号ID,账号名称");
    const findings = JSON.parse(readFileSync(path.join(dir, "问题.json"), "utf8"));
    expect(findings).toHaveLength(3);
    expect(r.err).toContain("gmaudit: 共 4 个账号：合格 1，不合格 1，单项否决 1，未评分 1；问题 3 条");
    expect(readdirSync(dir).sort()).toEqual(["accounts.csv", "发布记录.csv", "结果.csv", "问题.json"].sort());
  });

  it("--units-out writes the units (PRODUCT §3.3) as CSV or JSON; --units alone with CSV says where they are", async () => {
    const r = await run(["accounts.csv", "--out", "r.csv", "--units-out", "单位.csv"]);
    const csv = readFileSync(path.join(dir, "单位.csv"), "utf8");
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).trimEnd().split("\n");
    expect(lines[0]).toBe(
      "主办单位,单位类别,账号数,参评账号数,单项否决账号数,不合格账号数,平均得分,单位得分,合格率,结论,问题数",
    );
    expect(lines.length).toBe(1 + county().units.length);
    expect(r.err).toContain("已写入 单位.csv");
    await run(["accounts.csv", "--units-out", "u.json", "--lang", "en"]);
    const units = JSON.parse(readFileSync(path.join(dir, "u.json"), "utf8"));
    expect(units).toHaveLength(county().units.length);
    expect(units[0]).toMatchObject({ hostUnit: county().units[0]!.hostUnit, verdict: "pass", findings: [] });
    const note = await run(["accounts.csv", "--units"]);
    expect(note.err).toContain("--units 只用于表格输出");
    expect((await run(["accounts.csv", "--units", "--units-out", "u.csv"])).err).not.toContain(
      "--units 只用于",
    );
    expect((await run(["accounts.csv", "--units"], true)).err).not.toContain("--units 只用于");
  });

  it("refuses two outputs to one file, and a units file it cannot name the format of", async () => {
    const same = await runEn(["accounts.csv", "--findings-out", "x.csv", "--units-out", "./x.csv"]);
    expect(same.code).toBe(2);
    expect(same.err).toContain("--findings-out and --units-out name the same file");
    const bad = await runEn(["accounts.csv", "--units-out", "units.xls"]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("--units-out units.xls: cannot tell the format");
  });

  it("--no-bom wins over the .csv default; --format wins over the extension", async () => {
    await run(["accounts.csv", "--out", "r.csv", "--no-bom"]);
    expect(readFileSync(path.join(dir, "r.csv"), "utf8").charCodeAt(0)).not.toBe(0xfeff);
    await run(["accounts.csv", "--out", "r.txt", "--format", "json"]);
    expect(JSON.parse(readFileSync(path.join(dir, "r.txt"), "utf8")).tool).toBe("gmaudit");
  });

  it("--format json --lang en, and --fail-on never → exit 0", async () => {
    const r = await run(["accounts.csv", "--format", "json", "--lang", "en", "--fail-on", "never"]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    expect(doc.accounts[1].findings[0].indicator).toBe("内容更新不及时"); // PRODUCT §3.2, whatever --lang
    expect(doc.accounts[1].findings[0].message).toBe("No post in week 37 (7–13 Sep)");
    expect(r.err).toContain("using posts:");
  });

  it("--format ndjson writes one account per line", async () => {
    const r = await run(["accounts.csv", "--format", "ndjson"]);
    expect(r.out.trimEnd().split("\n")).toHaveLength(4);
  });

  it("--quiet keeps stderr to the exit-1 alert", async () => {
    const r = await run(["accounts.csv", "--quiet", "--out", "r.json"]);
    expect(r.code).toBe(1);
    expect(r.err).toBe("gmaudit: 4 个账号中单项否决 1 个、不合格 1 个（截至 2026-09-30）\n");
  });

  it("--fail-on warning: the cron line counts the findings that reached it", async () => {
    const r = await run(["accounts.csv", "--quiet", "--out", "r.json", "--fail-on", "warning"]);
    expect(r.code).toBe(1);
    expect(r.err).toBe("gmaudit: 4 个账号中单项否决 1 个、不合格 1 个，问题 3 条（截至 2026-09-30）\n");
  });

  it("says a monitoring time after today on stderr even with --quiet (once), not on a terminal's table", async () => {
    const future = {
      zh: "监测时间点（2026-12-31 23:59）在今天（2026-11-17）之后：……",
      en: "the monitoring time is after today",
    };
    audit.mockResolvedValue({ ...county(), futureAsOf: future, warnings: [future, ...county().warnings] });
    const quiet = await run(["accounts.csv", "--quiet", "--fail-on", "never"]);
    expect(quiet.err).toBe(`gmaudit: 提示: ${future.zh}\n`);
    const loud = await run(["accounts.csv", "--fail-on", "never"]);
    expect(loud.err.split(future.zh).length).toBe(2); // once
    const table = await run(["accounts.csv", "--fail-on", "never"], true);
    expect(table.err).not.toContain(future.zh);
    expect(table.out).toContain(future.zh);
  });

  it("says stale data on stderr even with --quiet (once), and in the table on a terminal", async () => {
    const stale = {
      zh: "发布记录.csv 的最新记录为 2026-10-20，比监测时间点（2026-12-08）早 49 天：……",
      en: "发布记录.csv ends on 2026-10-20, 49 days before the monitoring time (2026-12-08): …",
    };
    audit.mockResolvedValue({ ...county(), staleData: [stale], warnings: [stale, ...county().warnings] });
    const quiet = await run(["accounts.csv", "--quiet", "--fail-on", "never", "--format", "csv"]);
    expect(quiet.err).toBe(`gmaudit: 提示: ${stale.zh}\n`);
    const english = await run(["accounts.csv", "--quiet", "--fail-on", "never", "--lang", "en"]);
    expect(english.err).toBe(`gmaudit: warning: ${stale.en}\n`);
    const loud = await run(["accounts.csv", "--fail-on", "never"]);
    expect(loud.err.split(stale.zh).length).toBe(2); // once
    const table = await run(["accounts.csv", "--fail-on", "never"], true);
    expect(table.out).toContain(stale.zh);
  });

  it("writes nothing when the audit fails (exit 2)", async () => {
    audit.mockRejectedValue(
      new GmauditError(message("input.invalid-rows", "输入中有 1 行无效", "the input has 1 invalid row"), [
        "posts.csv:3: bad",
      ]),
    );
    const r = await run(["accounts.csv", "--out", "r.csv", "--findings-out", "f.csv"]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("posts.csv:3: bad");
    expect(readdirSync(dir).sort()).toEqual(["accounts.csv", "发布记录.csv"].sort());
  });

  it("--help shows the examples", async () => {
    const r = await run(["--help"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("示例：");
    expect(r.out).toContain("--fail-on <级别>");
    const en = await runEn(["--help"]);
    expect(en.out).toContain("Examples:");
    expect(en.out).toContain("--fail-on <level>");
  });
});

import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectedIds, expectedIn } from "../../src/input/errors.js";
import { TABLES } from "../../src/input/tables.js";
import { BUILTIN_PROFILES } from "../../src/profiles/builtin.js";
import { runInProcess } from "../cli/in-process.js";

// PRODUCT "Language": one language at a time. Every command's --help and a table of representative
// errors are run in both languages; the Chinese output has no English word left (but what a user
// types or reads as a name: options, commands, file and format names, values such as zh|en), the
// English output no Chinese (but file names and the values the user wrote, quoted).

const COMMANDS = [
  "check",
  "validate",
  "workdays",
  "rules",
  "profiles",
  "init",
  "report",
  "diff",
  "assess",
] as const;

/** Words a Chinese text may hold: what the user types (options, commands, values) and names of formats. */
const TYPED = new RegExp(
  [
    String.raw`\[[\w.-]+\]`, // a message id (GMAUDIT_MESSAGE_IDS=1)
    String.raw`--?[A-Za-z][\w-]*`, // options
    String.raw`[^\s"“”'（）(),，、：:]*\.(?:(?:csv|tsv|txt|json|ndjson|jsonl|xlsx|xls|et|md)\b|\*)`, // file names
    String.raw`\$\w+`, // $comment, $schema
    String.raw`"[^"]*"\s*:`, // JSON keys in examples
    "[A-Z][a-z]+/[A-Za-z_]+", // Asia/Shanghai
    String.raw`\b(?:gmaudit|check|validate|workdays|rules|profiles|init|help|report|diff|assess)\b`,
    String.raw`\b(?:CSV|TSV|TXT|JSON|NDJSON|JSONL|UTF-8|UTF-16|GB18030|GBK|BOM|IANA|Excel|WPS|Word|ZIP|APP|NO_COLOR|GMAUDIT_LANG|holiday-cn|Mi?)\b`,
    String.raw`\b(?:zh|en|table|csv|json|ndjson|xlsx|docx|html|md|text|veto|fail|violation|warning|never|outstanding)\b`,
    String.raw`\b[a-z]+[A-Z]\w*\b`, // camelCase setting keys a config names (serviceMinUpdates)
    `\\b(?:${[...BUILTIN_PROFILES.keys(), "hubei"].join("|")})\\b`, // profile ids (hubei: an unknown one)
    String.raw`\b(?:accounts|posts|messages|filings|findings)\b`,
    String.raw`\b(?:utf-8|utf-16le|gb18030|gbk|holiday|workday|rest|work|date|type|name|true|false|null|year|days|isOffDay)\b`,
    String.raw`\b(?:profile|timezone|calendar|strictCalendar|lang|failOn|warnWithin|extends|enabled|id|workdays)\b`,
    String.raw`\b\d{4}(?:Q|W)\d+\b`, // 2026Q3, 2026W38
    String.raw`\b(?:yyyy-mm-dd|hh:mm)\b`,
    String.raw`\b(?:kunsan|jaingsu|fr|xml|chek|nope|soon)\b`, // what the table below types wrong
    String.raw`\bID\b`, // 账号ID, the registry's own column name
    String.raw`\b[a-z]+(?:-[a-z0-9]+)+\b`, // rule ids, as a config names them
    String.raw`\b(?:severity|pointsEach|cap|pointz|profle)\b`, // a rule's setting keys, and the table's typos
    // Column names a header may use (canonical and aliases): what the user writes in a file.
    String.raw`\b(?:${Object.values(TABLES)
      .flatMap((t) => t.columns.flatMap((c) => [c.name, ...c.aliases]))
      .filter((n) => /^[\w ]+$/.test(n))
      .sort((a, b) => b.length - a.length)
      .join("|")})\b`,
  ].join("|"),
  "g",
);
const ENGLISH_WORD = /[A-Za-z]{2,}/;
const CJK = /[\u3400-\u9fff\uff01-\uff5e“”、。：；（）]/;

/** The English words left in a Chinese text once what the user types is taken out. */
function englishIn(text: string): string[] {
  return text
    .replace(TYPED, " ")
    .split(/\n/)
    .filter((line) => ENGLISH_WORD.test(line));
}

/** Header names (canonical and aliases), longest first: what the user writes in a file, in either language. */
const COLUMN_NAMES = Object.values(TABLES)
  .flatMap((t) => t.columns.flatMap((c) => [c.name, ...c.aliases]))
  .sort((a, b) => b.length - a.length);

/**
 * The Chinese left in an English text once file names, the user's quoted values, the header names a
 * file may use and a date as the user may type it (2026年9月30日) are taken out.
 */
function chineseIn(text: string): string[] {
  let rest = text.replace(/\d{4}年\d{1,2}月\d{1,2}日/g, " ");
  for (const name of COLUMN_NAMES) rest = rest.replaceAll(name, " ");
  return rest
    .replace(/[^\s"'(),]*\.(?:(?:csv|tsv|txt|json|ndjson|xlsx)\b|\*)/g, " ")
    .replace(/"[^"\n]*"/g, " ")
    .split(/\n/)
    .filter((line) => CJK.test(line));
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "gmaudit-lang-"));
  const demo = path.resolve(import.meta.dirname, "../../fixtures/demo");
  writeFileSync(path.join(dir, "accounts.csv"), readFileSync(path.join(demo, "accounts.csv")));
  mkdirSync(path.join(dir, "bad"));
  const header = "账号ID,账号名称,平台,主办单位,开设日期,状态\n";
  writeFileSync(
    path.join(dir, "bad", "unclosed.csv"),
    `${header}A1,"清河发布,微信,清河县政府,2020-01-01,正常\n`,
  );
  writeFileSync(
    path.join(dir, "bad", "closing.csv"),
    `${header}A1,清河发布,微信,清河县政府,"2020-01-01"x,正常\n`,
  );
  writeFileSync(
    path.join(dir, "bad", "noplatform.csv"),
    "账号ID,账号名称,主办单位\nA1,清河发布,清河县政府\n",
  );
  writeFileSync(
    path.join(dir, "bad", "baddate.csv"),
    `${header}A1,清河发布,微信,清河县政府,2020-13-45,正常\n`,
  );
  writeFileSync(
    path.join(dir, "bad", "config.json"),
    JSON.stringify({ profle: "jiangsu", failOn: 3, rules: { "weekly-update": { pointz: 1 } } }),
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (args: string[], lang: "zh" | "en") =>
  runInProcess(args, {
    cwd: dir,
    now: Date.UTC(2026, 9, 1),
    env: { GMAUDIT_MESSAGE_IDS: "1", ...(lang === "en" ? { GMAUDIT_LANG: "en" } : {}) },
  });

describe("every --help, in one language", () => {
  const helps = [[], ...COMMANDS.map((c) => [c]), ["help", "check"]];
  it.each(helps)("gmaudit %s --help", async (...command: string[]) => {
    const zh = await run([...command, "--help"], "zh");
    expect(zh.code).toBe(0);
    expect(zh.out).toMatch(/用法：[\s\S]*示例：/);
    expect(englishIn(zh.out)).toEqual([]);
    const en = await run([...command, "--help"], "en");
    expect(en.out).toMatch(/Usage:[\s\S]*Examples:/);
    expect(chineseIn(en.out)).toEqual([]);
  });
});

describe("representative errors, by id, in one language", () => {
  it.each([
    [["check", "accounts.csv", "--period", "2026Q5"], "usage.period"],
    [["check", "accounts.csv", "--profile", "江苏"], "profile.unknown"],
    [["check", "accounts.csv", "--format", "xml"], "usage.one-of"],
    [["check", "accounts.csv", "--warn-within", "soon"], "usage.whole-number"],
    [["check", "accounts.csv", "--colour"], "cli.unknownOption"],
    [["check", "accounts.csv", "--period"], "cli.optionMissingArgument"],
    [["check", "nope.csv"], "input.no-such-file"],
    [["check", "accounts.csv", "--out", "no-such-folder/结果.csv"], "write.no-folder"],
    [["check", "accounts.csv", "--out", "accounts.csv"], "write.over-input"],
    [["check", "bad/unclosed.csv"], "csv.unclosed-quote"],
    [["check", "bad/closing.csv"], "csv.closing-quote"],
    [["check", "bad/noplatform.csv"], "input.missing-columns"],
    [["check", "bad/baddate.csv"], "input.invalid-rows"],
    [["check", "accounts.csv", "--config", "bad/config.json"], "config.invalid"],
    [["chek"], "cli.unknownCommand"],
    [["validate"], "cli.missingArgument"],
    [["validate", "accounts.csv", "--kind", "xml"], "cli.invalidArgument"],
    [["workdays", "2026-13-01"], "workdays.not-a-date"],
    [["init", "--profile", "kunsan"], "profile.unknown"],
    [["rules", "--profile", "jaingsu"], "profile.unknown"],
  ])("%j → %s", async (args, id) => {
    for (const lang of ["zh", "en"] as const) {
      const r = await run(args, lang);
      expect(r.code, lang).toBe(2);
      expect(r.err, lang).toContain(`[${id}]`);
      if (lang === "zh") expect(englishIn(r.err)).toEqual([]);
      else expect(chineseIn(r.err)).toEqual([]);
    }
  });

  it("an input error keeps file:line and says what the cell should be", async () => {
    const zh = await run(["check", "bad/baddate.csv"], "zh");
    expect(zh.err).toContain('bad/baddate.csv:2：列“开设日期”："2020-13-45" 不是日期');
    const en = await run(["check", "bad/baddate.csv"], "en");
    expect(en.err).toContain('bad/baddate.csv:2: column "开设日期": "2020-13-45" is not a date');
  });

  it("a CSV parser error is said as what to do, with the line and field", async () => {
    const zh = await run(["check", "bad/closing.csv"], "zh");
    expect(zh.err).toMatch(/第2行第5个字段的引号/);
    expect(zh.err).not.toMatch(/Invalid Closing Quote/);
  });
});

describe("validate's report, in one language", () => {
  it.each([["bad/baddate.csv"], ["bad/noplatform.csv"], ["accounts.csv"]])("%s", async (file) => {
    const zh = await run(["validate", file], "zh");
    expect(englishIn(zh.out)).toEqual([]);
    const en = await run(["validate", file], "en");
    expect(chineseIn(en.out.replace(/(?:headers found|keys found).*$/gm, ""))).toEqual([]);
  });
});

describe("the language is known before commander speaks", () => {
  it("--lang, GMAUDIT_LANG and the config's lang switch the help and the errors", async () => {
    expect((await runInProcess(["check", "--help", "--lang", "en"], { cwd: dir })).out).toContain("Usage:");
    expect((await runInProcess(["--colour", "--lang", "en"], { cwd: dir })).err).toContain("unknown option");
    const configDir = path.join(dir, "with-config");
    mkdirSync(configDir, { recursive: true });
    writeFileSync(path.join(configDir, "gmaudit.config.json"), JSON.stringify({ lang: "en" }));
    expect((await runInProcess(["check", "--help"], { cwd: configDir })).out).toContain("Usage:");
    // The flag wins over the environment, the environment over the config.
    const zh = await runInProcess(["check", "--help", "--lang", "zh"], {
      cwd: configDir,
      env: { GMAUDIT_LANG: "en" },
    });
    expect(zh.out).toContain("用法：");
    // …and the results themselves, not only help and errors.
    const args = ["check", "accounts.csv", "--as-of", "2026-09-30", "--format", "csv", "--quiet"];
    expect((await runInProcess(args, { cwd: dir, env: { GMAUDIT_LANG: "en" } })).out).toMatch(
      /^accountId,name,/,
    );
    expect((await runInProcess(args, { cwd: dir })).out).toMatch(/^账号ID,账号名称,/);
  });
});

describe("input expectations have their Chinese", () => {
  it.each([
    ["a date", "expected.date"],
    ["a date/time", "expected.datetime"],
    ["a whole number ≥ 1", "expected.whole-number-min"],
    ["one of: wechat 微信/公众号, weibo 微博", "expected.one-of"],
    ["a unique account id (already on line 3)", "expected.unique-id"],
    ["a date (it looks like an Excel date serial number: format the column as a date)", "expected.date"],
  ])("%s", (phrase, id) => {
    expect(expectedIds(phrase)[0]).toBe(id);
    expect(englishIn(expectedIn(phrase, "zh"))).toEqual([]);
  });
});

describe("no message in one language only", () => {
  // A GmauditError/UsageError takes a Message (id, zh, en): a bare string in src/ would be one language.
  const srcDir = path.resolve(import.meta.dirname, "../../src");
  const files = (readdirSync(srcDir, { recursive: true }) as string[]).filter((f) => f.endsWith(".ts"));
  const MESSAGE = /message\(\s*"([\w.-]+)",\s*([`"'])([\s\S]*?)\2,\s*([`"'])([\s\S]*?)\4,?\s*\)/g;
  /** A template's own words: what `${…}` inserts is not counted. */
  // 休/班 are values a calendar CSV holds (its type column), named as the user writes them.
  const ownWords = (template: string) =>
    template.replace(/\$\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}/g, " ").replace(/\/[休班]\//g, "/");
  let seen = 0;
  it.each(files)("src/%s", (file) => {
    const text = readFileSync(path.join(srcDir, file), "utf8");
    expect(text).not.toMatch(/new (?:Gmaudit|Usage)Error\(\s*[`"']/);
    for (const m of text.matchAll(MESSAGE)) {
      seen++;
      // Chinese words of its own, or a part given in both languages (`${what.zh}`).
      expect(/[\u4e00-\u9fff]/.test(ownWords(m[3]!)) || /\.zh\b/.test(m[3]!), `${file} ${m[1]} (zh)`).toBe(
        true,
      );
      expect(ownWords(m[5]!), `${file} ${m[1]} (en)`).not.toMatch(/[\u4e00-\u9fff]/);
      expect(/[A-Za-z]{2,}/.test(ownWords(m[5]!)) || /\.en\b/.test(m[5]!), `${file} ${m[1]} (en)`).toBe(true);
    }
  });
  it("found the messages", () => {
    expect(seen).toBeGreaterThan(50);
  });
});

describe("the profiles listing", () => {
  it("has a Chinese description of every built-in profile, and says it in one language", async () => {
    for (const [id, spec] of BUILTIN_PROFILES) expect(spec.descriptionZh, id).toMatch(/[\u4e00-\u9fff]/);
    const zh = await run(["profiles"], "zh");
    expect(englishIn(zh.out.replace(/[│┌┐└┘├┤┬┴┼─]/g, " "))).toEqual([]);
  });
});

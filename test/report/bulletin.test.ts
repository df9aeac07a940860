import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import JSZip from "jszip";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { type JsonDocument, toJsonDocument } from "../../src/output/json.js";
import { audit } from "../../src/pipeline.js";
import { renderBulletin } from "../../src/report/index.js";
import { RULES } from "../../src/rules/index.js";
import { MANUAL_INDICATORS } from "../../src/rules/manual.js";
import { runInProcess } from "../cli/in-process.js";

const demo = "fixtures/demo";
const now = Date.UTC(2026, 9, 1);
let doc: JsonDocument;
let md: string;
let html: string;

beforeAll(async () => {
  const result = await audit({
    files: {
      accounts: `${demo}/accounts.csv`,
      posts: `${demo}/posts.csv`,
      messages: `${demo}/messages.csv`,
      filings: `${demo}/filings.csv`,
      findings: `${demo}/findings.csv`,
    },
    now,
    period: "2026Q3",
  });
  doc = toJsonDocument(result, "zh");
  md = (await renderBulletin(doc, "md", { lang: "zh", area: "县" })) as string;
  html = (await renderBulletin(doc, "html", { lang: "zh", area: "县" })) as string;
});

/** Figures recomputed here from the JSON document alone, independently of src/report. */
function figures(d: JsonDocument) {
  const scored = d.accounts.filter((a) => a.verdict !== "not_scored");
  const pass = d.accounts.filter((a) => a.verdict === "pass").length;
  const pct = (n: number, m: number) => `${((n / m) * 100).toFixed(2)}%`;
  return {
    accounts: d.accounts.length,
    checked: scored.length,
    checkedShare: pct(scored.length, d.accounts.length),
    pass,
    passRate: pct(pass, scored.length),
    veto: d.accounts.filter((a) => a.verdict === "veto").length,
    fail: d.accounts.filter((a) => a.verdict === "fail").length,
  };
}

function text(markdown: string): string {
  return markdown.replace(/\\(.)/g, "$1");
}

describe("the demo's bulletin", () => {
  it("states the check's figures, each recomputed from the JSON result", () => {
    const f = figures(doc);
    // The JSON's own summary agrees with the recomputation.
    expect([doc.summary.accounts, doc.summary.pass, doc.summary.veto, doc.summary.fail]).toEqual([
      f.accounts,
      f.pass,
      f.veto,
      f.fail,
    ]);
    const body = text(md);
    expect(body).toContain(`对备案在册的${f.accounts}个政务新媒体账号进行了检查`);
    expect(body).toContain(`本次检查账号${f.checked}个，检查比例${f.checkedShare}`);
    expect(body).toContain(
      `其中合格${f.pass}个，合格率${f.passRate}；单项否决${f.veto}个，不合格${f.fail}个`,
    );
    for (const [label, count] of countBy(doc, (a) => a.unitCategory ?? "未分类")) {
      expect(body).toContain(`${label}${count}个`);
    }
  });

  it("lists each indicator with findings, worst first, with every account concerned and its unit", () => {
    const body = text(md);
    const problems = doc.accounts.flatMap((a) => a.findings.filter((f) => f.severity !== "warning"));
    const indicators = [...new Set(problems.map((f) => f.indicator))];
    for (const indicator of indicators) {
      const accounts = new Set(problems.filter((f) => f.indicator === indicator).map((f) => f.accountId));
      expect(body).toMatch(
        new RegExp(`（[一二三四五六七八九十]+）${escapeRe(indicator)}（[^）]*涉及${accounts.size}个账号）`),
      );
      for (const id of accounts) {
        const a = doc.accounts.find((x) => x.accountId === id)!;
        expect(body).toContain(`「${a.name}（`);
        expect(body).toContain(`）」（${a.hostUnit}）：`);
      }
    }
    // Vetoes come before deductions, which come before violations.
    const order = [...body.matchAll(/^### （[^）]+）(.+?)（(单项否决|共扣[\d.]+分|违规)/gm)].map(
      (m) => m[2]!,
    );
    const rank = (s: string) => (s === "单项否决" ? 0 : s === "违规" ? 2 : 1);
    expect(order.map(rank)).toEqual([...order.map(rank)].sort());
  });

  it("names indicators, never rule ids, in Chinese", async () => {
    const ids = [...RULES.map((r) => r.id), ...MANUAL_INDICATORS.map((m) => m.id)];
    for (const output of [md, html.replace(/<svg[\s\S]*?<\/svg>/g, "")]) {
      for (const id of ids) expect(output).not.toMatch(new RegExp(`(^|[^\\w-])${id}([^\\w-]|$)`, "m"));
    }
  });

  it("has the deadline ten days after the issue date, and the annex lists every account", () => {
    const body = text(md);
    expect(body).toContain("请存在问题的账号主办单位于2026-10-10前完成整改");
    for (const a of doc.accounts) expect(body).toContain(`| ${a.name} |`);
  });

  it("HTML: the same text, five inline SVG charts, no script and no external reference", () => {
    expect(html).toContain(`合格率${figures(doc).passRate}`);
    const svgs = html.match(/<svg[\s>]/g) ?? [];
    expect(svgs.length).toBe(5);
    for (const id of [
      "pass-rate-platform",
      "pass-rate-category",
      "score-distribution",
      "problems-by-indicator",
      "weekly-heat-map",
    ]) {
      expect(html).toContain(`<figure id="${id}">`);
    }
    expect(html).not.toMatch(/<script|<link|<img|<iframe|\bsrc=|@import|https?:\/\/(?!www\.w3\.org\/)/i);
    // The heat map has one row per failed or vetoed account with posts data.
    const heatRows = doc.accounts.filter(
      (a) => (a.verdict === "veto" || a.verdict === "fail") && a.weeklyPosts,
    );
    expect(html).toContain(`（${heatRows.length}个账号 × ${doc.weeks.length}个完整自然周`);
  });

  it("chart captions state the figures of the JSON: pass rate per platform", () => {
    for (const [platform, accounts] of groupBy(doc, (a) => a.platform)) {
      const scored = accounts.filter((a) => a.verdict !== "not_scored");
      if (scored.length === 0) continue;
      const pass = accounts.filter((a) => a.verdict === "pass").length;
      expect(html).toMatch(
        new RegExp(`[^ ]+ ${((pass / scored.length) * 100).toFixed(2)}%（${pass}/${scored.length}）`),
      );
      expect(platform).toBeTruthy();
    }
  });

  it("Word: dated by the issue date, the same bytes whatever the clock says", async () => {
    const options = { lang: "zh", area: "县", issued: "2026-10-09" } as const;
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(new Date("2027-03-01T12:34:56Z"));
      const first = (await renderBulletin(doc, "docx", options)) as Buffer;
      vi.setSystemTime(new Date("2031-07-15T01:02:03Z"));
      const second = (await renderBulletin(doc, "docx", options)) as Buffer;
      expect(second.equals(first)).toBe(true);
      const zip = await JSZip.loadAsync(first);
      const core = await zip.file("docProps/core.xml")!.async("string");
      expect(core).toContain(">2026-10-09T00:00:00.000Z</dcterms:created>");
      expect(core).toContain(">2026-10-09T00:00:00.000Z</dcterms:modified>");
      for (const entry of Object.values(zip.files))
        expect(entry.date.toISOString()).toBe("2026-10-09T00:00:00.000Z");
    } finally {
      vi.useRealTimers();
    }
  });

  it("Word: the same figures in the document XML, the sections in order, page numbers in the footers", async () => {
    const docx = (await renderBulletin(doc, "docx", { lang: "zh", area: "县" })) as Buffer;
    const zip = await JSZip.loadAsync(docx);
    const xml = await zip.file("word/document.xml")!.async("string");
    const plain = xml.replace(/<[^>]+>/g, "");
    const f = figures(doc);
    expect(plain).toContain(`合格率${f.passRate}`);
    // Each heading is a paragraph of its own, in the bulletin's order.
    const paragraphs = [...xml.matchAll(/<w:p[ >].*?<\/w:p>/g)].map((m) => m[0].replace(/<[^>]+>/g, ""));
    const sections = ["一、基本情况", "二、存在的主要问题", "三、整改要求", "附件"].map((s) =>
      paragraphs.indexOf(s),
    );
    expect(sections.every((i) => i >= 0)).toBe(true);
    expect([...sections].sort((a, b) => a - b)).toEqual(sections);
    expect(xml).toContain('w:eastAsia="方正小标宋简体"');
    expect(xml).toContain('w:eastAsia="仿宋"');
    const footers = Object.keys(zip.files).filter((n) => /^word\/footer\d+\.xml$/.test(n));
    expect(footers.length).toBe(2);
    for (const name of footers) expect(await zip.file(name)!.async("string")).toMatch(/PAGE/);
  });
});

describe("gmaudit report", () => {
  it("writes the bulletin from check's arguments and from a saved result, the same document", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "gmaudit-report-"));
    const args = ["--period", "2026Q3", "--quiet"];
    const run = await runInProcess(
      ["report", `${demo}/accounts.csv`, ...args, "--out", path.join(dir, "a.md")],
      { now },
    );
    expect(run.code).toBe(0);
    const saved = await runInProcess(["check", `${demo}/accounts.csv`, ...args, "--format", "json"], { now });
    const jsonFile = path.join(dir, "result.json");
    writeFileSync(jsonFile, saved.out);
    const fromSaved = await runInProcess(["report", jsonFile, "--out", path.join(dir, "b.md"), "--quiet"], {
      now,
    });
    expect(fromSaved.code).toBe(0);
    expect(readFileSync(path.join(dir, "b.md"), "utf8")).toBe(readFileSync(path.join(dir, "a.md"), "utf8"));
  });

  it("GMAUDIT_LANG=en writes the bulletin in English, as --lang en does; --lang zh beats it", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "gmaudit-report-lang-"));
    const base = ["report", `${demo}/accounts.csv`, "--period", "2026Q3", "--quiet", "--out"];
    const en = { now, env: { GMAUDIT_LANG: "en" } };
    expect((await runInProcess([...base, path.join(dir, "flag.md"), "--lang", "en"], { now })).code).toBe(0);
    expect((await runInProcess([...base, path.join(dir, "env.md")], en)).code).toBe(0);
    expect((await runInProcess([...base, path.join(dir, "zh.md"), "--lang", "zh"], en)).code).toBe(0);
    const read = (name: string) => readFileSync(path.join(dir, name), "utf8");
    expect(read("env.md")).toBe(read("flag.md"));
    expect(read("env.md")).toMatch(/^# Bulletin on /);
    expect(read("zh.md")).toContain("基本情况");
  });

  it("--per-unit writes one notice per host unit with only that unit's accounts", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "gmaudit-units-"));
    const out = path.join(dir, "notices");
    mkdirSync(out);
    const r = await runInProcess(
      [
        "report",
        `${demo}/accounts.csv`,
        "--period",
        "2026Q3",
        "--quiet",
        "--per-unit",
        out,
        "--format",
        "md,docx",
      ],
      { now },
    );
    expect(r.code).toBe(0);
    const units = [...new Set(doc.accounts.map((a) => a.hostUnit))];
    const files = readdirSync(out);
    expect(files.filter((f) => f.endsWith(".md"))).toHaveLength(units.length);
    expect(files.filter((f) => f.endsWith(".docx"))).toHaveLength(units.length);
    for (const unit of units) {
      const notice = text(readFileSync(path.join(out, `整改通知-${unit}.md`), "utf8"));
      expect(notice).toContain(`${unit}：`);
      for (const other of units.filter((u) => u !== unit)) expect(notice).not.toContain(other);
      for (const a of doc.accounts.filter((x) => x.hostUnit === unit)) {
        for (const f of a.findings.filter((x) => x.severity !== "warning")) {
          expect(notice).toContain(f.message);
          expect(notice).toContain(`依据：${f.source}`);
        }
      }
      const own = new Set(
        doc.accounts.filter((x) => x.hostUnit === unit).flatMap((a) => a.findings.map((f) => f.message)),
      );
      const ownNames = new Set(doc.accounts.filter((x) => x.hostUnit === unit).map((a) => a.name));
      for (const a of doc.accounts.filter((x) => x.hostUnit !== unit)) {
        if (!ownNames.has(a.name)) expect(notice).not.toContain(`「${a.name}（`);
        for (const f of a.findings) if (!own.has(f.message)) expect(notice).not.toContain(f.message);
      }
    }
  });

  it("usage errors: no output, an unknown extension, a bad date, a JSON that is no result", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "gmaudit-bad-"));
    const base = ["report", `${demo}/accounts.csv`, "--period", "2026Q3", "--quiet"];
    expect((await runInProcess(base, { now })).err).toContain("report 需要 --out FILE 或 --per-unit DIR");
    const ext = await runInProcess([...base, "--out", path.join(dir, "x.pdf")], { now });
    expect(ext.code).toBe(2);
    expect(ext.err).toContain("无法从扩展名判断格式");
    const date = await runInProcess([...base, "--out", path.join(dir, "x.md"), "--issued", "2026-02-30"], {
      now,
    });
    expect(date.code).toBe(2);
    const notResult = path.join(dir, "other.json");
    writeFileSync(notResult, '{"hello": 1}');
    const r = await runInProcess(["report", notResult, "--out", path.join(dir, "x.md")], { now });
    expect(r.code).toBe(2);
    expect(r.err).toContain("不是 gmaudit check --format json 保存的检查结果");
    expect(readdirSync(dir).sort()).toEqual(["other.json"]);
  });
});

function groupBy<K>(d: JsonDocument, key: (a: JsonDocument["accounts"][number]) => K) {
  const map = new Map<K, JsonDocument["accounts"]>();
  for (const a of d.accounts) map.set(key(a), [...(map.get(key(a)) ?? []), a]);
  return map;
}

function countBy(d: JsonDocument, key: (a: JsonDocument["accounts"][number]) => string): [string, number][] {
  return [...groupBy(d, key)].map(([k, list]) => [k, list.length]);
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

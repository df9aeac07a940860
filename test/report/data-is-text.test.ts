import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { safeStem, uniqueFileNames } from "../../src/report/filenames.js";
import { escapeHtml } from "../../src/report/html.js";
import { escapeMarkdown } from "../../src/report/markdown.js";
import { runInProcess } from "../cli/in-process.js";

const SCRIPT = "<script>alert(1)</script>";
const IMG = '<img src=x onerror="alert(2)">';
const LONG = "很长的单位名称".repeat(40);

/** A registry whose names, units, categories and notes are hostile: markup, paths, reserved names. */
function hostileInputs(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "gmaudit-hostile-"));
  const csv = (rows: string[][]) =>
    `${rows.map((r) => r.map((c) => `"${c.replaceAll('"', '""')}"`).join(",")).join("\n")}\n`;
  writeFileSync(
    path.join(dir, "accounts.csv"),
    csv([
      ["账号ID", "账号名称", "平台", "主办单位", "单位类别"],
      ["H1", SCRIPT, "微博", "../../逃逸单位", `${IMG}类`],
      ["H2", "[点我](http://evil.example)", "抖音", "CON", "部门"],
      ["H3", "**粗体** & 符号", "微博", "a/b\\c:d*e?", "部门"],
      ["H4", "长名账号", "微博", LONG, "部门"],
      ["H5", "大写", "微博", "ABC局", "部门"],
      ["H6", "小写", "抖音", "abc局", "部门"],
    ]),
  );
  writeFileSync(
    path.join(dir, "posts.csv"),
    csv([
      ["账号ID", "发布时间", "是否原创"],
      ["H2", "2026-09-29 10:00", "原创"],
      ["H3", "2026-09-29 10:00", "原创"],
      ["H4", "2026-09-29 10:00", "原创"],
      ["H5", "2026-09-29 10:00", "原创"],
      ["H6", "2026-09-29 10:00", "原创"],
    ]),
  );
  writeFileSync(
    path.join(dir, "findings.csv"),
    csv([
      ["账号ID", "指标", "发现日期", "说明"],
      ["H2", "发布商业广告", "2026-09-10", `${SCRIPT} ${IMG} </w:t></w:r>`],
    ]),
  );
  return dir;
}

const now = Date.UTC(2026, 9, 1);

describe("data is text, never markup", () => {
  it("HTML: every input string is escaped, in the text and in the charts", async () => {
    const dir = hostileInputs();
    const out = path.join(dir, "r.html");
    const r = await runInProcess(["report", "accounts.csv", "--period", "2026-09", "--quiet", "--out", out], {
      cwd: dir,
      now,
    });
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const html = readFileSync(out, "utf8");
    expect(html).not.toMatch(/<script|<img|<a\s|href=/i);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(2)&quot;&gt;");
    // Inside the SVG too (the unit category is a chart label).
    const svg = html.slice(html.indexOf('<figure id="pass-rate-category">'));
    expect(svg).toContain("&lt;img src=x onerror=");
  });

  it("Word: the document XML carries the strings as escaped text and stays well formed", async () => {
    const dir = hostileInputs();
    const out = path.join(dir, "r.docx");
    const r = await runInProcess(["report", "accounts.csv", "--period", "2026-09", "--quiet", "--out", out], {
      cwd: dir,
      now,
    });
    expect(r.code).toBe(0);
    const zip = await JSZip.loadAsync(readFileSync(out));
    const xml = await zip.file("word/document.xml")!.async("string");
    expect(xml).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(xml).not.toContain("<script");
    // The note tried to close the run: it is text, so the document has as many <w:t> as </w:t>.
    expect(xml).toContain("&lt;/w:t&gt;");
    expect((xml.match(/<w:t[ >]/g) ?? []).length).toBe((xml.match(/<\/w:t>/g) ?? []).length);
  });

  it("Markdown: names cannot become links, emphasis or HTML", () => {
    expect(escapeMarkdown("[点我](http://evil.example)")).toBe("\\[点我\\](http://evil.example)");
    expect(escapeMarkdown("**粗体** & <b>")).toBe("\\*\\*粗体\\*\\* &amp; &lt;b\\>");
    expect(escapeMarkdown("- 列表")).toBe("\\- 列表");
    expect(escapeMarkdown("1. 编号")).toBe("1\\. 编号");
    expect(escapeMarkdown("a|b\nc")).toBe("a\\|b c");
    expect(escapeHtml(`"'<>&`)).toBe("&quot;&#39;&lt;&gt;&amp;");
  });
});

describe("--per-unit file names", () => {
  it("are made safe: no separator, no .., no reserved name, limited, unique without case", () => {
    expect(safeStem("../../逃逸单位", "单位")).toBe("____逃逸单位");
    expect(safeStem("a/b\\c:d*e?", "单位")).toBe("a_b_c_d_e_");
    expect(safeStem("CON", "单位")).toBe("_CON");
    expect(safeStem("nul.txt", "单位")).toBe("_nul.txt");
    expect(safeStem("..", "单位")).toBe("单位");
    expect(safeStem("  ", "单位")).toBe("单位");
    expect(safeStem("名称。 ", "单位")).toBe("名称。");
    expect(safeStem("trailing. . ", "单位")).toBe("trailing");
    expect(Buffer.byteLength(safeStem(LONG, "单位"))).toBeLessThanOrEqual(150);
    const dir = "/tmp/out";
    const names = uniqueFileNames(dir, ["ABC局", "abc局", "a/b", "a_b"], {
      prefix: "整改通知-",
      extensions: [".docx", ".md"],
      fallback: "单位",
    });
    expect([...names.values()].map((files) => files.map((f) => path.basename(f)))).toEqual([
      ["整改通知-ABC局.docx", "整改通知-ABC局.md"],
      ["整改通知-abc局-2.docx", "整改通知-abc局-2.md"],
      ["整改通知-a_b.docx", "整改通知-a_b.md"],
      ["整改通知-a_b-2.docx", "整改通知-a_b-2.md"],
    ]);
    for (const files of names.values()) for (const f of files) expect(path.dirname(f)).toBe(dir);
  });

  it("writes every notice inside DIR and nothing elsewhere", async () => {
    const dir = hostileInputs();
    const out = path.join(dir, "deep", "notices");
    mkdirSync(out, { recursive: true });
    const before = readdirSync(dir).sort();
    const r = await runInProcess(
      [
        "report",
        "accounts.csv",
        "--period",
        "2026-09",
        "--quiet",
        "--per-unit",
        "deep/notices",
        "--format",
        "md,docx",
      ],
      { cwd: dir, now },
    );
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(before);
    expect(readdirSync(path.join(dir, "deep"))).toEqual(["notices"]);
    const files = readdirSync(out).sort();
    expect(files).toHaveLength(12); // six units, two formats each
    for (const f of files) {
      expect(f).not.toMatch(/[/\\:*?"<>|]|\.\./);
      expect(Buffer.byteLength(f)).toBeLessThan(255);
    }
    expect(files).toContain("整改通知-_CON.md");
    expect(files).toContain("整改通知-ABC局.md");
    expect(files).toContain("整改通知-abc局-2.md");
    // The notice is addressed to the unit's real name: only the file name is made safe.
    expect(readFileSync(path.join(out, "整改通知-____逃逸单位.md"), "utf8")).toContain("../../逃逸单位：");
  });
});

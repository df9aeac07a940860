import { spawnSync } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runInProcess } from "../cli/in-process.js";

/**
 * The demo's report looked at as people will: the .docx converted to PDF by LibreOffice and to PNG
 * pages by poppler, the .html opened by headless Chromium (its DOM read back, a screenshot taken).
 * Slow (real programs start), so not in the default run: `npm run test:render`, which .ci/run runs.
 * Locally a missing program skips these tests; under CI=true it fails them.
 * `UPDATE_RENDERINGS=1` also copies the pictures to docs/report/ (the README shows them).
 */

const TOOLS = {
  soffice: "soffice",
  pdftoppm: "pdftoppm",
  pdftotext: "pdftotext",
  pdffonts: "pdffonts",
  chromium: "chromium",
};
const missing = Object.values(TOOLS).filter((tool) => spawnSync("which", [tool]).status !== 0);
const CI = process.env.CI === "true";
const run = missing.length === 0 || CI ? describe : describe.skip;
const docsDir = path.resolve("docs/report");
const now = Date.UTC(2026, 9, 1);
const work = mkdtempSync(path.join(tmpdir(), "gmaudit-render-"));

function exec(cmd: string, args: string[], timeout = 120_000) {
  const r = spawnSync(cmd, args, { encoding: "utf8", timeout, cwd: work });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

function toPdf(docx: string): string {
  // A profile of our own: another LibreOffice running on the machine must not share it.
  exec(TOOLS.soffice, [
    `-env:UserInstallation=file://${path.join(work, "lo-profile")}`,
    "--headless",
    "--convert-to",
    "pdf",
    "--outdir",
    path.dirname(docx),
    docx,
  ]);
  const pdf = docx.replace(/\.docx$/, ".pdf");
  expect(existsSync(pdf), `${pdf} was not written`).toBe(true);
  return pdf;
}

/** Share of dark pixels of a page rendered as 8-bit grey (PGM "P5"): a blank page has none. */
function inkShare(pgm: Buffer): number {
  const header = pgm.subarray(0, 64).toString("latin1");
  const m = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(header);
  if (!m) throw new Error("not a binary PGM");
  const pixels = pgm.subarray(m[0].length);
  let dark = 0;
  for (const p of pixels) if (p < 128) dark++;
  return dark / pixels.length;
}

function chromium(args: string[]): string {
  return exec(TOOLS.chromium, [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--hide-scrollbars",
    `--user-data-dir=${path.join(work, "chromium-profile")}`,
    ...args,
  ]);
}

run("the demo report, rendered", () => {
  let passRate = "";
  beforeAll(() => {
    if (missing.length > 0) throw new Error(`missing programs under CI: ${missing.join(", ")}`);
  });

  beforeAll(async () => {
    const args = [
      "--period",
      "2026Q3",
      "--quiet",
      "--area",
      "县",
      "--issuer",
      "清河县人民政府办公室",
      "--issued",
      "2026-10-09",
    ];
    for (const ext of ["docx", "html"]) {
      const r = await runInProcess(
        ["report", "fixtures/demo/accounts.csv", ...args, "--out", path.join(work, `通报.${ext}`)],
        { now },
      );
      expect(r.code, r.err).toBe(0);
    }
    const check = await runInProcess(
      ["check", "fixtures/demo/accounts.csv", "--period", "2026Q3", "--quiet", "--format", "json"],
      { now },
    );
    const { summary } = JSON.parse(check.out) as {
      summary: { accounts: number; pass: number; notScored: number };
    };
    passRate = ((summary.pass / (summary.accounts - summary.notScored)) * 100).toFixed(2);
    mkdirSync(path.join(work, "units"));
    const r = await runInProcess(
      ["report", "fixtures/demo/accounts.csv", ...args, "--per-unit", path.join(work, "units")],
      { now },
    );
    expect(r.code, r.err).toBe(0);
  });

  it("the .docx converts to PDF; its text, page numbers and CJK fonts are there", () => {
    const pdf = toPdf(path.join(work, "通报.docx"));
    const text = exec(TOOLS.pdftotext, ["-layout", pdf, "-"]);
    const squeezed = text.replace(/\s+/g, "");
    expect(squeezed).toContain("关于2026年第三季度全县政务新媒体检查情况的通报");
    for (const heading of ["一、基本情况", "二、存在的主要问题", "三、整改要求", "附件"])
      expect(squeezed).toContain(heading);
    // The pass rate as the check computes it: passed accounts of those scored in the window.
    expect(squeezed).toContain(`合格率${passRate}%`);
    expect(text).toMatch(/—\s*1\s*—/);
    expect(text).toMatch(/—\s*2\s*—/);
    // The Chinese text is drawn with a CJK font (LibreOffice's substitute for 仿宋 etc.), not boxes.
    expect(exec(TOOLS.pdffonts, [pdf])).toMatch(/CJK|Han|Song|Fang|Kai|Hei|Ming/i);

    // A4 pages, the first two as pictures; the first page has ink on it.
    const info = exec("pdfinfo", [pdf]);
    expect(info).toMatch(/Page size:\s+595\.\d* x 841\.\d* pts \(A4\)/);
    exec(TOOLS.pdftoppm, ["-r", "40", "-gray", "-f", "1", "-l", "1", pdf, path.join(work, "ink")]);
    const pgm = readdirSync(work).find((f) => f.startsWith("ink") && f.endsWith(".pgm"))!;
    expect(inkShare(readFileSync(path.join(work, pgm)))).toBeGreaterThan(0.01);
    exec(TOOLS.pdftoppm, ["-r", "80", "-png", "-f", "1", "-l", "2", pdf, path.join(work, "bulletin-page")]);
    const pages = readdirSync(work)
      .filter((f) => f.startsWith("bulletin-page") && f.endsWith(".png"))
      .sort();
    expect(pages).toHaveLength(2);
    publish(pages.map((p, i) => [p, `bulletin-docx-page-${i + 1}.png`]));
  });

  it("a per-unit notice converts to PDF and names only its unit", () => {
    const docx = path.join(work, "units", "整改通知-清河县卫生健康委员会.docx");
    const pdf = toPdf(docx);
    const text = exec(TOOLS.pdftotext, [pdf, "-"]).replace(/\s+/g, "");
    expect(text).toContain("清河县卫生健康委员会：");
    expect(text).toContain("请于2026-10-19前完成整改");
    expect(text).not.toContain("清河县教育局");
    exec(TOOLS.pdftoppm, ["-r", "80", "-png", "-f", "1", "-l", "1", pdf, path.join(work, "notice-page")]);
    const page = readdirSync(work).find((f) => f.startsWith("notice-page") && f.endsWith(".png"))!;
    publish([[page, "notice-docx-page-1.png"]]);
  });

  it("the .html opens in Chromium: its DOM has the text and five SVG charts, and it screenshots", () => {
    const file = `file://${path.join(work, "通报.html")}`;
    const dom = chromium(["--dump-dom", file]);
    expect(dom).toContain("关于2026年第三季度全县政务新媒体检查情况的通报");
    expect((dom.match(/<svg[\s>]/g) ?? []).length).toBe(5);
    expect(dom).not.toMatch(/<script/i);
    const shot = path.join(work, "bulletin-html.png");
    chromium(["--window-size=900,2600", `--screenshot=${shot}`, file]);
    expect(readFileSync(shot).subarray(1, 4).toString("latin1")).toBe("PNG");
    publish([["bulletin-html.png", "bulletin-html.png"]]);
  });

  it("a hostile name opens in Chromium as text, and no script element exists", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "gmaudit-render-xss-"));
    writeFileSync(
      path.join(dir, "accounts.csv"),
      "账号ID,账号名称,平台,主办单位\nX1,\"<script>document.title='pwned'</script>\",微博,甲局\n",
    );
    const r = await runInProcess(
      ["report", "accounts.csv", "--period", "2026-09", "--quiet", "--out", "r.html"],
      {
        cwd: dir,
        now,
      },
    );
    expect(r.code, r.err).toBe(0);
    const dom = chromium(["--dump-dom", `file://${path.join(dir, "r.html")}`]);
    expect(dom).not.toMatch(/<script/i);
    expect(dom).toContain("&lt;script&gt;document.title='pwned'&lt;/script&gt;");
    expect(dom).not.toContain("<title>pwned</title>");
  });
});

function publish(files: [string, string][]): void {
  if (process.env.UPDATE_RENDERINGS !== "1") return;
  mkdirSync(docsDir, { recursive: true });
  for (const [from, to] of files) copyFileSync(path.join(work, from), path.join(docsDir, to));
}

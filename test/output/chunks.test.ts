import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { stringify } from "csv-stringify/sync";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { csvChunks, escapeFormula } from "../../src/output/csv.js";
import {
  type FindingsFormat,
  type OutputFormat,
  render,
  renderChunks,
  renderFindings,
  renderFindingsChunks,
  toJsonDocument,
} from "../../src/output/index.js";
import type { Lang } from "../../src/output/labels.js";
import { writeFileAtomic } from "../../src/output/write.js";
import type { AuditResult } from "../../src/scoring/result.js";
import { account, county, finding, result, unit } from "./fixtures.js";

// Files are written piece by piece (renderChunks); the pieces must join to exactly the text that
// rendering the whole document at once gives.

/** A result with what JSON escapes or indents in its own way. */
function awkward(): AuditResult {
  const odd = finding({
    message: { zh: '换行\n制表\t引号"反斜杠\\ \u2028 \u0000 😀', en: "emoji 😀 lone \ud800 surrogate" },
    evidence: { nested: { list: [1, [2, { deep: [] }]], empty: {}, none: null }, examples: [] },
    occurredAt: undefined,
  });
  const big = county();
  return {
    ...big,
    warnings: [{ zh: "警告\n第二行", en: "warning" }],
    accounts: [
      ...big.accounts,
      account({ accountId: "=A9", name: "+公式", findings: [odd, odd], vetoes: ["x"], notEvaluated: [] }),
    ],
    units: [unit(), unit({ hostUnit: "空", findings: [odd] })],
    unregisteredAccounts: [{ accountId: "U1", posts: 3, messages: 0, filings: 1, findings: 0 }],
  };
}

/** Many accounts, so that the CSV takes several batches of rows. */
function many(): AuditResult {
  const accounts = Array.from({ length: 1300 }, (_, i) =>
    account({
      accountId: `A${i}`,
      name: i % 7 === 0 ? `-负数,"引号"\n${i}` : `账号${i}`,
      findings: i % 3 === 0 ? [finding({ accountId: `A${i}`, points: i / 7 })] : [],
    }),
  );
  return result({ accounts });
}

const CASES: [string, () => AuditResult][] = [
  ["county", county],
  ["empty lists", () => result({ accounts: [], units: [], unregisteredAccounts: [], warnings: [] })],
  ["awkward text", awkward],
  ["many accounts", many],
];

const LANGUAGES: Lang[] = ["zh", "en"];

const joined = (pieces: Iterable<string>) => [...pieces].join("");

describe("renderChunks: the pieces join to the whole document", () => {
  describe.each(CASES)("%s", (_, make) => {
    it.each(LANGUAGES)("json (%s) = JSON.stringify(document, null, 2)", (lang) => {
      const r = make();
      expect(joined(renderChunks(r, "json", { lang }))).toBe(
        `${JSON.stringify(toJsonDocument(r, lang), null, 2)}\n`,
      );
    });

    it.each(LANGUAGES)("ndjson (%s) = one JSON.stringify per account", (lang) => {
      const r = make();
      const doc = toJsonDocument(r, lang);
      expect(joined(renderChunks(r, "ndjson", { lang }))).toBe(
        doc.accounts.map((a) => `${JSON.stringify(a)}\n`).join(""),
      );
    });

    it.each(LANGUAGES)("findings json / ndjson (%s)", (lang) => {
      const r = make();
      const doc = toJsonDocument(r, lang);
      const all = [...doc.accounts.flatMap((a) => a.findings), ...doc.units.flatMap((u) => u.findings)];
      expect(joined(renderFindingsChunks(r, "json", { lang }))).toBe(`${JSON.stringify(all, null, 2)}\n`);
      expect(joined(renderFindingsChunks(r, "ndjson", { lang }))).toBe(
        all.map((f) => `${JSON.stringify(f)}\n`).join(""),
      );
    });

    it("render / renderFindings are the joined pieces", () => {
      const r = make();
      for (const format of ["csv", "json", "ndjson", "table"] satisfies OutputFormat[]) {
        expect(render(r, format, { lang: "en", bom: true })).toBe(
          joined(renderChunks(r, format, { lang: "en", bom: true })),
        );
      }
      for (const format of ["csv", "json", "ndjson"] satisfies FindingsFormat[]) {
        expect(renderFindings(r, format, { bom: true })).toBe(
          joined(renderFindingsChunks(r, format, { bom: true })),
        );
      }
    });
  });

  it("a large result comes in many pieces", () => {
    const r = many();
    expect([...renderChunks(r, "json")].length).toBeGreaterThan(r.accounts.length);
    expect([...renderChunks(r, "csv")].length).toBeGreaterThan(2);
  });
});

describe("csvChunks", () => {
  const header = ["a", "b", "c"];
  const rows = Array.from({ length: 1500 }, (_, i) => [
    i % 5 === 0 ? `=x${i}` : `文本, "${i}"`,
    i % 4 === 0 ? null : i - 700.5,
    i % 9 === 0 ? "line\nbreak" : "",
  ]);
  const whole = (bom: boolean) =>
    stringify(
      [header, ...rows].map((row) =>
        row.map((cell) => (typeof cell === "string" ? escapeFormula(cell) : cell)),
      ),
      { bom },
    );

  it.each([true, false])("in batches = one serialisation of every row (bom %s)", (bom) => {
    const pieces = [...csvChunks(header, rows, bom)];
    expect(pieces.length).toBeGreaterThan(2);
    expect(pieces.join("")).toBe(whole(bom));
  });

  it("no rows: the header alone, with its BOM", () => {
    expect(joined(csvChunks(header, [], true))).toBe("\ufeffa,b,c\n");
  });
});

describe("writeFileAtomic with pieces", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "gmaudit-chunks-"));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it("writes the pieces in order", async () => {
    const file = path.join(dir, "out.json");
    const pieces = Array.from({ length: 5000 }, (_, i) => `${i}:清河😀\n`);
    await writeFileAtomic(file, pieces);
    expect(readFileSync(file, "utf8")).toBe(pieces.join(""));
    expect(readdirSync(dir)).toEqual(["out.json"]);
  });

  it("an error while making the pieces is passed on as it is; the old file stays, no temp file", async () => {
    const file = path.join(dir, "out.json");
    await writeFileAtomic(file, "old\n");
    const bug = new TypeError("rendering bug");
    function* failing() {
      yield "x".repeat(200_000);
      throw bug;
    }
    await expect(writeFileAtomic(file, failing())).rejects.toBe(bug);
    expect(readFileSync(file, "utf8")).toBe("old\n");
    expect(readdirSync(dir)).toEqual(["out.json"]);
  });
});

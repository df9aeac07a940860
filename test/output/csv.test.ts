import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type CsvOptions, escapeFormula, toCsv } from "../../src/output/csv.js";
import { render, renderFindings, renderUnitsChunks } from "../../src/output/index.js";
import { compactEvidence } from "../../src/output/values.js";
import { ruleById } from "../../src/rules/index.js";
import type { AuditResult } from "../../src/scoring/result.js";
import { account, county, finding, result, unit } from "./fixtures.js";

const renderAccountsCsv = (r: AuditResult, options: CsvOptions = {}) => render(r, "csv", options);
const renderFindingsCsv = (r: AuditResult, options: CsvOptions = {}) => renderFindings(r, "csv", options);

const BOM = "\uFEFF";
const rows = (csv: string): string[][] => parse(csv, { bom: true, relax_column_count: false });

describe("accounts CSV", () => {
  it("has the Chinese headers of §3.1 by default and the JSON keys in English", () => {
    const zh = rows(renderAccountsCsv(county()))[0]!;
    expect(zh.slice(0, 9)).toEqual([
      "账号ID",
      "账号名称",
      "平台",
      "主办单位",
      "单位类别",
      "状态",
      "得分",
      "结论",
      "单项否决项",
    ]);
    expect(zh).toContain("最长更新间隔(天)");
    expect(zh).toHaveLength(25);
    expect(zh.at(-1)).toBe("未评估");
    const en = rows(renderAccountsCsv(county(), { lang: "en" }))[0]!;
    expect(en.slice(0, 4)).toEqual(["accountId", "name", "platform", "hostUnit"]);
    expect(en.at(-1)).toBe("notEvaluated");
  });

  it("names the indicators an account was not evaluated on, by name, in every row", () => {
    const notEvaluated = [
      { rule: "no-update-2w", reason: { zh: "未提供发布记录", en: "no posts input" } },
      { rule: "reply-deadline", reason: { zh: "未提供留言记录", en: "no messages input" } },
    ];
    const result = county();
    result.accounts[0] = { ...result.accounts[0]!, notEvaluated };
    const zh = rows(renderAccountsCsv(result));
    expect(zh[1]!.at(-1)).toBe("内容不更新：监测时间点前2周内无更新;留言答复超时");
    const en = rows(renderAccountsCsv(result, { lang: "en" }));
    expect(en[1]!.at(-1)).not.toMatch(/[\u4e00-\u9fff]/);
    expect(en[1]!.at(-1)).toContain(";");
  });

  it("keeps the input order, one row per account", () => {
    const ids = rows(renderAccountsCsv(county()))
      .slice(1)
      .map((r) => r[0]);
    expect(ids).toEqual(["A001", "A002", "A003", "A004"]);
  });

  it("writes a BOM only when asked", () => {
    expect(renderAccountsCsv(county(), { bom: true }).startsWith(BOM)).toBe(true);
    expect(renderAccountsCsv(county(), { bom: false }).startsWith(BOM)).toBe(false);
    expect(renderAccountsCsv(county()).startsWith("账号ID,")).toBe(true);
  });

  it("writes values: labels under zh, enum values under en, percentages, times in the zone, null as empty", () => {
    const [header, a1, a2, a3, a4] = rows(renderAccountsCsv(county()));
    const col = (row: string[] | undefined, name: string) => row![header!.indexOf(name)];
    expect(col(a1, "平台")).toBe("微信公众号");
    expect(col(a1, "状态")).toBe("正常");
    expect(col(a1, "结论")).toBe("合格");
    expect(col(a1, "原创率")).toBe("42.9%");
    expect(col(a1, "最近更新时间")).toBe("2026-09-30 14:05");
    expect(col(a1, "得分")).toBe("100");
    expect(col(a1, "最长更新间隔(天)")).toBe("3.5");
    expect(col(a2, "问题数")).toBe("2");
    expect(col(a3, "结论")).toBe("单项否决");
    // PRODUCT §3.1: the indicator's name in --lang, never the rule id.
    expect(col(a3, "单项否决项")).toBe(ruleById("no-update-2w")!.indicator.zh);
    expect(col(a4, "得分")).toBe("");
    expect(col(a4, "结论")).toBe("未评分");
    expect(col(a4, "最近更新时间")).toBe("");
    const en = rows(renderAccountsCsv(county(), { lang: "en" }));
    expect(en[3]![en[0]!.indexOf("verdict")]).toBe("veto");
    expect(en[4]![en[0]!.indexOf("verdict")]).toBe("not_scored");
    expect(en[1]![en[0]!.indexOf("platform")]).toBe("wechat");
  });

  it("joins several vetoes with ;", () => {
    const csv = renderAccountsCsv(
      result({
        accounts: [account({ verdict: "veto", score: 0, vetoes: ["no-update-2w", "no-interaction"] })],
      }),
    );
    const names = (lang: "zh" | "en") =>
      ["no-update-2w", "no-interaction"].map((id) => ruleById(id)!.indicator[lang]).join(";");
    expect(rows(csv)[1]![8]).toBe(names("zh"));
    const en = renderAccountsCsv(
      result({
        accounts: [account({ verdict: "veto", score: 0, vetoes: ["no-update-2w", "no-interaction"] })],
      }),
      { lang: "en" },
    );
    expect(rows(en)[1]![8]).toBe(names("en"));
  });

  it("escapes formulas in text cells only", () => {
    const csv = renderAccountsCsv(
      result({
        accounts: [
          account({
            accountId: "=SUM(1)",
            name: "-abc",
            hostUnit: "@cmd",
            unitCategory: "+1",
            deductions: -5,
          }),
        ],
      }),
    );
    const [, row] = rows(csv);
    expect(row!.slice(0, 5)).toEqual(["'=SUM(1)", "'-abc", "微信公众号", "'@cmd", "'+1"]);
    expect(row![9]).toBe("-5");
    expect(csv).toContain(",-5,");
  });

  it("escapes a leading tab or carriage return", () => {
    expect(escapeFormula("\tx")).toBe("'\tx");
    expect(escapeFormula("\rx")).toBe("'\rx");
    expect(escapeFormula("清河=1")).toBe("清河=1");
    expect(escapeFormula("")).toBe("");
    expect(toCsv(["n", "t"], [[-5, "-5"]])).toBe("n,t\n-5,'-5\n");
  });

  it("writes numbers as plain decimals", () => {
    expect(toCsv(["n"], [[1e-7], [42.5], [null]])).toBe("n\n0.0000001\n42.5\n\n");
  });
});

describe("findings CSV", () => {
  it("has one row per finding with the §3.2 headers and compact evidence", () => {
    const table = rows(renderFindingsCsv(county()));
    expect(table[0]).toEqual([
      "账号ID",
      "主办单位",
      "规则",
      "指标",
      "性质",
      "扣分",
      "发生时间",
      "说明",
      "证据",
      "依据",
    ]);
    expect(table).toHaveLength(4);
    const [, first, second, third] = table;
    expect(first).toEqual([
      "A002",
      "清河县教育局",
      "weekly-update",
      "内容更新不及时",
      "扣分",
      "10",
      "2026-09-07 00:00",
      "第 37 周（9月7日—9月13日）没有发布信息",
      "week=2026-W37; posts=0",
      "国办秘函〔2019〕19号 检查指标·扣分指标",
    ]);
    expect(second![8]).toBe("messageId=M7; receivedAt=2026-09-20T10:00:00.000+08:00; repliedAt=");
    expect(third![4]).toBe("否决");
    const en = rows(renderFindingsCsv(county(), { lang: "en" }));
    expect(en[0]).toEqual([
      "accountId",
      "hostUnit",
      "rule",
      "indicator",
      "severity",
      "points",
      "occurredAt",
      "message",
      "evidence",
      "source",
    ]);
    expect(en[1]!.slice(3, 5)).toEqual(["内容更新不及时", "deduct"]); // the indicator is its Chinese name (§3.2)
  });

  it("compacts evidence: lists comma-joined, objects as JSON", () => {
    expect(compactEvidence({ a: 1, b: "x", c: null, d: [1, "y"], e: { k: 1 }, f: undefined })).toBe(
      'a=1; b=x; c=; d=1,y; e={"k":1}',
    );
  });

  it("writes a BOM when asked", () => {
    expect(renderFindingsCsv(county(), { bom: true }).startsWith(BOM)).toBe(true);
  });
});

describe("units CSV (--units-out)", () => {
  const units = result({
    units: [
      unit({ findings: [finding()] }),
      unit({
        hostUnit: "=乙局",
        unitCategory: undefined,
        rawScore: 0,
        score: 0,
        passRate: 0.5,
        verdict: "veto",
        vetoed: 1,
      }),
    ],
  });
  const csv = (r: AuditResult, lang: "zh" | "en") =>
    rows([...renderUnitsChunks(r, "csv", { lang })].join(""));

  it("has the §3.3 columns, zh labels or en enum values, a percentage, and the findings counted", () => {
    const zh = csv(units, "zh");
    expect(zh[0]).toEqual([
      "主办单位",
      "单位类别",
      "账号数",
      "参评账号数",
      "单项否决账号数",
      "不合格账号数",
      "平均得分",
      "单位得分",
      "合格率",
      "结论",
      "问题数",
    ]);
    expect(zh[1]).toEqual([
      "清河县人民政府办公室",
      "县区",
      "1",
      "1",
      "0",
      "0",
      "100",
      "100",
      "100.0%",
      "合格",
      "1",
    ]);
    expect(zh[2]).toEqual(["'=乙局", "", "1", "1", "1", "0", "0", "0", "50.0%", "单项否决", "0"]);
    const en = csv(units, "en");
    expect(en[0]).toEqual([
      "hostUnit",
      "unitCategory",
      "accounts",
      "scored",
      "vetoed",
      "failed",
      "rawScore",
      "score",
      "passRate",
      "verdict",
      "findings",
    ]);
    expect(en[2]!.at(-2)).toBe("veto");
  });

  it("ends with the data-incomplete column on a run that skipped rows", () => {
    const zh = csv({ ...units, dataIncomplete: true }, "zh");
    expect(zh[0]!.at(-1)).toBe("数据不完整");
    expect(zh.slice(1).map((r) => r.at(-1))).toEqual(["是", "是"]);
  });
});

describe("CSV round trip", () => {
  const tricky = fc
    .array(
      fc.oneof(
        fc.constantFrom(
          '"',
          ",",
          "\n",
          "\r",
          "\r\n",
          "😀",
          "👨‍👩‍👧",
          "=",
          "-",
          "+",
          "@",
          "\t",
          ";",
          " ",
          "'",
          "清河",
        ),
        fc.string({ unit: "grapheme", maxLength: 6 }),
      ),
      { maxLength: 8 },
    )
    .map((parts) => parts.join(""));

  it("reads back what it writes, whatever the text (formula escape aside)", () => {
    fc.assert(
      fc.property(tricky, tricky, tricky, (name, hostUnit, message) => {
        const r = result({
          accounts: [
            account({
              name,
              hostUnit,
              findings: [finding({ message: { zh: message, en: message } })],
            }),
          ],
        });
        const [, row] = rows(renderAccountsCsv(r, { bom: true }));
        expect(row![1]).toBe(escapeFormula(name));
        expect(row![3]).toBe(escapeFormula(hostUnit));
        const [, f] = rows(renderFindingsCsv(r));
        expect(f![7]).toBe(escapeFormula(message));
        // The escape only ever adds one leading quote, and only before a formula character.
        expect(row![1]).toBe(/^[=+\-@\t\r]/.test(name) ? `'${name}` : name);
      }),
      { numRuns: 300 },
    );
  });
});

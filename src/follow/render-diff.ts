import Table from "cli-table3";
import type { Lang } from "../i18n.js";
import { csvChunks } from "../output/csv.js";
import type { Localized } from "../rules/define.js";
import { ruleById } from "../rules/index.js";
import { MANUAL_INDICATORS } from "../rules/manual.js";
import type { DiffCounts, DiffProblem, DiffResult, DiffStatus } from "./diff.js";

export const STATUS_LABELS: Record<DiffStatus, Localized> = {
  outstanding: { zh: "未整改", en: "outstanding" },
  rectified: { zh: "已整改", en: "rectified" },
  "not-rechecked": { zh: "未复查", en: "not re-checked" },
  new: { zh: "新增问题", en: "new" },
};

const COUNT_HEADERS: Record<keyof DiffCounts, Localized> = {
  rectified: { zh: "已整改", en: "rectified" },
  outstanding: { zh: "未整改", en: "outstanding" },
  notRechecked: { zh: "未复查", en: "notRechecked" },
  new: { zh: "新增问题", en: "new" },
  historical: { zh: "历史问题（不计）", en: "historical (not counted)" },
};
const COUNT_KEYS = Object.keys(COUNT_HEADERS) as (keyof DiffCounts)[];

const PROBLEM_HEADERS = {
  status: { zh: "整改情况", en: "status" },
  hostUnit: { zh: "主办单位", en: "hostUnit" },
  accountId: { zh: "账号ID", en: "accountId" },
  accountName: { zh: "账号名称", en: "accountName" },
  indicator: { zh: "问题指标", en: "indicator" },
  baseline: { zh: "基线问题", en: "baseline" },
  recheck: { zh: "复查情况", en: "recheck" },
} satisfies Record<string, Localized>;

/** The indicator's name in `lang`: the Chinese one is the check result's own. */
export function indicatorName(rule: string, zh: string, lang: Lang): string {
  if (lang === "zh") return zh;
  return ruleById(rule)?.indicator.en ?? MANUAL_INDICATORS.find((m) => m.id === rule)?.indicator.en ?? zh;
}

/** What the re-check says of a problem, in one cell: its message, or why it could not be told. */
function recheckCell(p: DiffProblem, lang: Lang): string {
  if (p.reason) return p.reason[lang];
  if (p.recheck !== null) return p.recheck;
  return lang === "zh" ? "复查中未再发现" : "not found again";
}

const HEAD = {
  zh: (d: DiffResult) =>
    `整改复查：基线 ${d.baseline.asOf}（${d.baseline.file}）→ 复查 ${d.recheck.asOf}（${d.recheck.file}）`,
  en: (d: DiffResult) =>
    `Rectification follow-up: baseline ${d.baseline.asOf} (${d.baseline.file}) → re-check ${d.recheck.asOf} (${d.recheck.file})`,
};
const NOTE = {
  zh: "历史问题（迟复、迟报备、已过去的未更新周等）已无法整改，只列数量，不计入未整改。",
  en: "Historical problems (late replies and filings, past empty weeks) cannot be undone: counted apart, never as outstanding.",
};
const TOTAL = { zh: "合计", en: "total" };
const DETAIL = { zh: "问题明细", en: "Problems" };
const NONE = { zh: "基线与复查均无可整改问题。", en: "Neither result has a rectifiable problem." };

/** The summary per unit, then (unless `summaryOnly`: the details went to a file) every problem. */
export function renderDiffTable(d: DiffResult, lang: Lang, summaryOnly = false): string {
  const out = [HEAD[lang](d)];
  for (const w of d.warnings) out.push(`${lang === "zh" ? "注意" : "warning"}: ${w[lang]}`);
  out.push(NOTE[lang], "");
  const units = new Table({
    head: [PROBLEM_HEADERS.hostUnit[lang], ...COUNT_KEYS.map((k) => COUNT_HEADERS[k][lang])],
    style: { head: [], border: [], compact: true },
  });
  for (const u of d.units) units.push([u.hostUnit, ...COUNT_KEYS.map((k) => u[k])]);
  units.push([TOTAL[lang], ...COUNT_KEYS.map((k) => d.summary[k])]);
  out.push(units.toString(), "");
  if (summaryOnly) return `${out.join("\n")}`;
  if (d.problems.length === 0) {
    out.push(NONE[lang]);
    return `${out.join("\n")}\n`;
  }
  out.push(DETAIL[lang]);
  // One problem per block, not a grid: long Chinese messages would be cut in a fixed-width cell.
  const colon = lang === "zh" ? "：" : ": ";
  const bar = lang === "zh" ? "｜" : " | ";
  for (const p of d.problems) {
    const account =
      lang === "zh" ? `${p.accountName}（${p.accountId}）` : `${p.accountName} (${p.accountId})`;
    out.push(
      `  [${STATUS_LABELS[p.status][lang]}] ${p.hostUnit}${bar}${account}${bar}${indicatorName(p.rule, p.indicator, lang)}`,
      ...(p.baseline === null ? [] : [`      ${PROBLEM_HEADERS.baseline[lang]}${colon}${p.baseline}`]),
      `      ${PROBLEM_HEADERS.recheck[lang]}${colon}${recheckCell(p, lang)}`,
    );
  }
  return `${out.join("\n")}\n`;
}

/** One row per problem; under zh the status in Chinese, under en the enum value (as check's CSV). */
export function* diffCsvChunks(d: DiffResult, lang: Lang, bom: boolean): Generator<string> {
  const keys = [
    "status",
    "hostUnit",
    "accountId",
    "accountName",
    "indicator",
    "baseline",
    "recheck",
  ] as const;
  yield* csvChunks(
    keys.map((k) => PROBLEM_HEADERS[k][lang]),
    d.problems.map((p) => [
      lang === "zh" ? STATUS_LABELS[p.status].zh : p.status,
      p.hostUnit,
      p.accountId,
      p.accountName,
      indicatorName(p.rule, p.indicator, lang),
      p.baseline ?? "",
      recheckCell(p, lang),
    ]),
    bom,
  );
}

/** The JSON document: keys and enum values in English, reasons and warnings in `lang`. */
export function diffJson(d: DiffResult, lang: Lang): string {
  const doc = {
    tool: "gmaudit",
    kind: "diff",
    baseline: d.baseline,
    recheck: d.recheck,
    warnings: d.warnings.map((w) => w[lang]),
    summary: d.summary,
    units: d.units.map((u) => ({
      ...u,
      accounts: accountCounts(d.problems.filter((p) => p.hostUnit === u.hostUnit)),
      problems: d.problems
        .filter((p) => p.hostUnit === u.hostUnit)
        .map((p) => ({
          status: p.status,
          accountId: p.accountId,
          accountName: p.accountName,
          rule: p.rule,
          indicator: p.indicator,
          severity: p.severity,
          key: p.key,
          baseline: p.baseline,
          recheck: p.recheck,
          reason: p.reason === null ? null : p.reason[lang],
        })),
    })),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** Per account (or group of accounts of a unit-level problem): its problems counted by status. */
function accountCounts(problems: readonly DiffProblem[]) {
  const byAccount = new Map<
    string,
    { accountId: string; accountName: string } & Record<string, number | string>
  >();
  for (const p of problems) {
    let entry = byAccount.get(p.accountId);
    if (!entry) {
      entry = {
        accountId: p.accountId,
        accountName: p.accountName,
        outstanding: 0,
        rectified: 0,
        notRechecked: 0,
        new: 0,
      };
      byAccount.set(p.accountId, entry);
    }
    const key = p.status === "not-rechecked" ? "notRechecked" : p.status;
    entry[key] = (entry[key] as number) + 1;
  }
  return [...byAccount.values()];
}

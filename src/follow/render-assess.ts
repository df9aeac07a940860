import Table from "cli-table3";
import type { Lang } from "../i18n.js";
import { csvChunks } from "../output/csv.js";
import type { Localized } from "../rules/define.js";
import type { AuditResult } from "../scoring/result.js";
import { Zone } from "../time/zone.js";
import type { ItemResult, ItemStatus, UnitAssessment, UnitVerdict } from "./assessment.js";

export interface AssessmentReport {
  year: number;
  profile: string;
  quarters: readonly AuditResult[];
  units: readonly UnitAssessment[];
}

const VERDICTS: Record<UnitVerdict, Localized> = {
  veto: { zh: "不合格（单项否决）", en: "veto" },
  fail: { zh: "不合格", en: "fail" },
  pass: { zh: "合格", en: "pass" },
};
const STATUSES: Record<ItemStatus, Localized> = {
  evaluated: { zh: "已评估", en: "evaluated" },
  partial: { zh: "部分未评估", en: "partial" },
  "not-evaluated": { zh: "未评估", en: "not evaluated" },
  off: { zh: "未采用", en: "off" },
};
const KINDS: Record<ItemResult["kind"], Localized> = {
  veto: { zh: "单项否决", en: "veto" },
  deduct: { zh: "扣分", en: "deduction" },
  bonus: { zh: "加分", en: "bonus" },
};

const SUMMARY_HEADERS = {
  hostUnit: { zh: "单位", en: "hostUnit" },
  accounts: { zh: "账号数", en: "accounts" },
  verdict: { zh: "结论", en: "verdict" },
  deductionScore: { zh: "扣分后得分", en: "deductionScore" },
  bonus: { zh: "加分", en: "bonus" },
  score: { zh: "最终得分", en: "score" },
  incomplete: { zh: "未评估项", en: "incomplete" },
} satisfies Record<string, Localized>;
type SummaryKey = keyof typeof SUMMARY_HEADERS;
const SUMMARY_KEYS = Object.keys(SUMMARY_HEADERS) as SummaryKey[];

function itemName(items: readonly ItemResult[], id: string, lang: Lang): string {
  return items.find((i) => i.id === id)?.name[lang] ?? id;
}

function summaryCells(u: UnitAssessment, lang: Lang, forCsv: boolean): (string | number | null)[] {
  const incomplete = u.incomplete.map((id) => itemName(u.items, id, lang)).join(lang === "zh" ? "；" : "; ");
  const cells: Record<SummaryKey, string | number | null> = {
    hostUnit: u.hostUnit,
    accounts: u.accounts,
    verdict: forCsv && lang === "en" ? u.verdict : VERDICTS[u.verdict][lang],
    deductionScore: u.deductionScore,
    bonus: u.bonusStage ? u.bonus : forCsv ? null : "—",
    score: u.score,
    incomplete: forCsv ? incomplete : String(u.incomplete.length),
  };
  return SUMMARY_KEYS.map((k) => cells[k]);
}

/** The signed points of an item: −5 for a deduction, +10 for a bonus, 否决 for a veto that applies. */
function pointsCell(i: ItemResult, lang: Lang): string {
  if (i.status === "off") return "";
  if (i.kind === "veto") return i.vetoed ? (lang === "zh" ? "否决" : "veto") : "";
  if (i.points === 0) return "0";
  return i.kind === "deduct" ? `-${i.points}` : `+${i.points}`;
}

const HEAD = {
  zh: (r: AssessmentReport) =>
    `${r.year}年政务新媒体监管工作年度考核（方案：${r.profile}；依据 昆政办发〔2019〕162号 附件3）`,
  en: (r: AssessmentReport) =>
    `Annual supervision assessment of units, ${r.year} (profile ${r.profile}; 昆政办发〔2019〕162号 附件3)`,
};
const NOTES = {
  zh: [
    "单项否决即不合格、不再评分；扣分指标满分100分（各项不超过其分值），低于60分不合格；高于80分进入加分环节。",
    "“未评估”：数据与单位考核表均未提供，不扣分也不加分，得分以“未评估项”为限。",
  ],
  en: [
    "A veto fails the unit with no further scoring; deductions from 100 (each group within its value); below 60 fails; above 80 the bonus items are added.",
    "Not evaluated: neither the data nor the unit facts say anything; it costs and gives nothing, and the unit lists it as incomplete.",
  ],
};

export function renderAssessTable(r: AssessmentReport, lang: Lang): string {
  const out = [HEAD[lang](r)];
  for (const q of r.quarters) {
    const zone = Zone.of(q.timezone);
    const missing = q.missingInputs.length
      ? lang === "zh"
        ? `；缺少：${q.missingInputs.join("、")}`
        : `; missing: ${q.missingInputs.join(", ")}`
      : "";
    out.push(
      lang === "zh"
        ? `  ${q.period ?? ""}：${zone.formatShort(q.from)} 至 ${zone.formatShort(q.asOf)}，账号 ${q.summary.accounts} 个，单项否决 ${q.summary.veto}、不合格 ${q.summary.fail}${missing}`
        : `  ${q.period ?? ""}: ${zone.formatShort(q.from)} to ${zone.formatShort(q.asOf)}, ${q.summary.accounts} accounts, ${q.summary.veto} vetoed, ${q.summary.fail} failed${missing}`,
    );
  }
  out.push(...NOTES[lang], "");
  const summary = new Table({
    head: SUMMARY_KEYS.map((k) => SUMMARY_HEADERS[k][lang]),
    style: { head: [], border: [], compact: true },
  });
  for (const u of r.units) summary.push(summaryCells(u, lang, false).map((c) => (c === null ? "—" : c)));
  out.push(summary.toString());
  const colon = lang === "zh" ? "：" : ": ";
  const bar = lang === "zh" ? "｜" : " | ";
  for (const u of r.units) {
    out.push(
      "",
      `${u.hostUnit}${colon}${VERDICTS[u.verdict][lang]}${u.score === null ? "" : lang === "zh" ? `，${u.score}分` : `, ${u.score}`}`,
    );
    // One item per block, not a grid: long Chinese evidence would be cut in a fixed-width cell.
    for (const i of u.items) {
      const points = pointsCell(i, lang);
      out.push(
        `  [${KINDS[i.kind][lang]}] ${i.group[lang]}${bar}${i.name[lang]}${colon}${STATUSES[i.status][lang]}${points ? ` ${points}` : ""}`,
        `      ${lang === "zh" ? "说明" : "evidence"}${colon}${i.evidence[lang]}`,
        `      ${lang === "zh" ? "依据" : "source"}${colon}${i.source}`,
      );
    }
  }
  return `${out.join("\n")}\n`;
}

/** One row per unit: the summary, then each item's signed points (or its status when not evaluated). */
export function* assessCsvChunks(r: AssessmentReport, lang: Lang, bom: boolean): Generator<string> {
  const items = r.units[0]?.items ?? [];
  const header = [
    ...SUMMARY_KEYS.map((k) => SUMMARY_HEADERS[k][lang]),
    ...items.map((i) => (lang === "zh" ? `${i.group.zh}：${i.name.zh}` : i.id)),
  ];
  yield* csvChunks(
    header,
    r.units.map((u) => [
      ...summaryCells(u, lang, true),
      ...u.items.map((i) =>
        i.status === "not-evaluated" || i.status === "off"
          ? STATUSES[i.status][lang]
          : i.kind === "veto"
            ? pointsCell(i, lang)
            : // Numbers, signed: a spreadsheet sums them (a text "-5" would be escaped as a formula).
              i.kind === "deduct"
              ? -i.points
              : i.points,
      ),
    ]),
    bom,
  );
}

export function assessJson(r: AssessmentReport, lang: Lang): string {
  const doc = {
    tool: "gmaudit",
    kind: "assess",
    year: r.year,
    profile: r.profile,
    quarters: r.quarters.map((q) => {
      const zone = Zone.of(q.timezone);
      return {
        period: q.period ?? null,
        from: zone.format(q.from),
        asOf: zone.format(q.asOf),
        missingInputs: q.missingInputs,
        summary: q.summary,
      };
    }),
    units: r.units.map((u) => ({
      hostUnit: u.hostUnit,
      accounts: u.accounts,
      verdict: u.verdict,
      deductionScore: u.deductionScore,
      bonusStage: u.bonusStage,
      bonus: u.bonus,
      score: u.score,
      incomplete: u.incomplete,
      items: u.items.map((i) => ({
        id: i.id,
        kind: i.kind,
        group: i.group.zh,
        name: i.name[lang],
        status: i.status,
        vetoed: i.vetoed,
        occurrences: i.occurrences,
        points: i.points,
        evidence: i.evidence[lang],
        source: i.source,
      })),
    })),
    unregisteredAccounts: r.quarters
      .flatMap((q) => q.unregisteredAccounts.map((a) => a.accountId))
      .filter((id, i, all) => all.indexOf(id) === i),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

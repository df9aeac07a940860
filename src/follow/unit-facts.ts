import { parse } from "csv-parse/sync";
import { GmauditError } from "../errors.js";
import { message } from "../i18n.js";
import { openText } from "../input/decode.js";
import type { Localized } from "../rules/define.js";
import { parseCivilDate } from "../time/parse.js";

/**
 * The unit-facts table (单位考核): what only the office knows about each assessed unit (RULES §6), one
 * row per unit. Every column but the unit is optional, and a blank cell means "not known": the item it
 * feeds is then not evaluated, never given full marks.
 */
export interface UnitFacts {
  hostUnit: string;
  /** 区镇: the unit is an area government (a town or zone), which must have opened an account. */
  areaGovernment?: boolean;
  /** 按季度开展检查: the unit organised its inspection every quarter. */
  quarterlyInspection?: boolean;
  /** 上级抽查严重错误: an account found unqualified for a serious error in an upper-level spot check. */
  spotCheckSeriousError?: boolean;
  /** 弄虚作假: fraud in supervision work. */
  fraud?: boolean;
  /** 通报整改未到位: a bulletin's problems still not rectified 10 days after publication (gmaudit diff). */
  rectificationOverdue?: boolean;
  /** 第N季度报送日期: the quarterly report's submission date (YYYY-MM-DD), or "not submitted". */
  reports: (string | "missing" | undefined)[];
  /** 年度检查全覆盖: the year's inspections covered every account. */
  fullCoverage?: boolean;
  /** 未纳入监管账号数: accounts that should be registered but are not. */
  unregisteredAccounts?: number;
  /** 纳入年度绩效考核: new-media work is part of the annual performance appraisal. */
  inPerformanceAppraisal?: boolean;
  /** 第N季度检查比例: share of the unit's accounts inspected in the quarter, 0–100. */
  coverage: (number | undefined)[];
  /** 上级抽查合格率均达100%. */
  spotCheckAllPassed?: boolean;
  /** 市级表彰次数 / 省级以上表彰次数. */
  cityCommendations?: number;
  provincialCommendations?: number;
  /** Where the row is (for messages). */
  at: string;
}

type Kind = "text" | "bool" | "count" | "date" | "percent";

/** The columns: key, Chinese header (the template's), English header, kind. */
export const UNIT_FACT_COLUMNS: readonly { key: string; zh: string; en: string; kind: Kind }[] = [
  { key: "hostUnit", zh: "单位", en: "hostUnit", kind: "text" },
  { key: "areaGovernment", zh: "区镇", en: "areaGovernment", kind: "bool" },
  { key: "quarterlyInspection", zh: "按季度开展检查", en: "quarterlyInspection", kind: "bool" },
  { key: "spotCheckSeriousError", zh: "上级抽查严重错误", en: "spotCheckSeriousError", kind: "bool" },
  { key: "fraud", zh: "弄虚作假", en: "fraud", kind: "bool" },
  { key: "rectificationOverdue", zh: "通报整改未到位", en: "rectificationOverdue", kind: "bool" },
  { key: "report1", zh: "第一季度报送日期", en: "q1ReportDate", kind: "date" },
  { key: "report2", zh: "第二季度报送日期", en: "q2ReportDate", kind: "date" },
  { key: "report3", zh: "第三季度报送日期", en: "q3ReportDate", kind: "date" },
  { key: "report4", zh: "第四季度报送日期", en: "q4ReportDate", kind: "date" },
  { key: "fullCoverage", zh: "年度检查全覆盖", en: "fullCoverage", kind: "bool" },
  { key: "unregisteredAccounts", zh: "未纳入监管账号数", en: "unregisteredAccounts", kind: "count" },
  { key: "inPerformanceAppraisal", zh: "纳入年度绩效考核", en: "inPerformanceAppraisal", kind: "bool" },
  { key: "coverage1", zh: "第一季度检查比例", en: "q1Coverage", kind: "percent" },
  { key: "coverage2", zh: "第二季度检查比例", en: "q2Coverage", kind: "percent" },
  { key: "coverage3", zh: "第三季度检查比例", en: "q3Coverage", kind: "percent" },
  { key: "coverage4", zh: "第四季度检查比例", en: "q4Coverage", kind: "percent" },
  { key: "spotCheckAllPassed", zh: "上级抽查合格率均达100%", en: "spotCheckAllPassed", kind: "bool" },
  { key: "cityCommendations", zh: "市级表彰次数", en: "cityCommendations", kind: "count" },
  { key: "provincialCommendations", zh: "省级以上表彰次数", en: "provincialCommendations", kind: "count" },
];

/** Aliases of the unit column. */
const UNIT_HEADERS = ["单位", "主办单位", "被考核单位", "hostUnit", "unit"];
const YES = ["是", "有", "y", "yes", "true", "1", "√"];
const NO = ["否", "无", "n", "no", "false", "0", "×"];
const NOT_SUBMITTED = ["未报送", "未报", "missing"];

/** The header row of the template `gmaudit init` writes (单位考核.csv). */
export function unitFactsHeader(): string[] {
  return UNIT_FACT_COLUMNS.map((c) => c.zh);
}

/** The file name `gmaudit init` writes and `gmaudit assess` finds beside the registry. */
export const UNIT_FACTS_FILE = "单位考核.csv";

const ERR = {
  noUnit: {
    zh: (file: string) => `${file}：缺少“单位”列（单位考核表每行一个被考核单位）`,
    en: (file: string) => `${file}: no 单位 (hostUnit) column (one row per assessed unit)`,
  },
  bad: {
    zh: (at: string, header: string, value: string, want: string) =>
      `${at}：“${header}”的值“${value}”无法识别（应为${want}）`,
    en: (at: string, header: string, value: string, want: string) =>
      `${at}: cannot read "${value}" in ${header} (expected ${want})`,
  },
  duplicate: {
    zh: (at: string, unit: string) => `${at}：单位“${unit}”重复`,
    en: (at: string, unit: string) => `${at}: unit "${unit}" appears twice`,
  },
  format: {
    zh: (file: string) => `${file}：单位考核表应为 CSV 或 JSON（对象数组）`,
    en: (file: string) => `${file}: the unit facts must be CSV or JSON (an array of objects)`,
  },
} as const;

const WANT: Record<Exclude<Kind, "text">, Localized> = {
  bool: { zh: "是/否", en: "yes/no (是/否)" },
  count: { zh: "非负整数", en: "a whole number ≥ 0" },
  date: { zh: "日期（如 2026-03-28）或“未报送”", en: "a date (2026-03-28) or 未报送" },
  percent: { zh: "0–100 的比例（如 100 或 85%）", en: "a share from 0 to 100 (100 or 85%)" },
};

/** Reads the unit-facts table (CSV/TSV or JSON; Chinese or English headers). Exit 2 on any bad cell. */
export async function readUnitFacts(
  file: string,
  shownAs: string,
  lang: keyof Localized,
): Promise<UnitFacts[]> {
  /** The file is not a unit-facts table (CSV or a JSON array of objects), with the reader's reason. */
  const formatError = (reason?: string) =>
    new GmauditError(
      message(
        "assess.facts-format",
        reason === undefined ? ERR.format.zh(shownAs) : `${ERR.format.zh(shownAs)}：${reason}`,
        reason === undefined ? ERR.format.en(shownAs) : `${ERR.format.en(shownAs)}: ${reason}`,
      ),
    );
  const source = await openText(file);
  let text = "";
  for await (const chunk of source.chunks()) text += chunk;
  let rows: Record<string, unknown>[];
  const trimmed = text.trimStart();
  if (trimmed.startsWith("[")) {
    try {
      rows = JSON.parse(trimmed) as Record<string, unknown>[];
    } catch (err) {
      throw formatError((err as Error).message);
    }
    if (!Array.isArray(rows) || rows.some((r) => typeof r !== "object" || r === null)) {
      throw formatError();
    }
  } else {
    const delimiter = (text.split("\n")[0] ?? "").includes("\t") ? "\t" : ",";
    try {
      rows = parse(text, {
        columns: true,
        skip_empty_lines: true,
        trim: true,
        delimiter,
        relax_column_count: true,
      });
    } catch (err) {
      throw formatError((err as Error).message);
    }
  }
  if (rows.length > 0 && !rows.some((row) => UNIT_HEADERS.some((h) => h in row))) {
    throw new GmauditError(message("assess.facts-no-unit", ERR.noUnit.zh(shownAs), ERR.noUnit.en(shownAs)));
  }
  const problems: string[] = [];
  const facts: UnitFacts[] = [];
  const seen = new Set<string>();
  rows.forEach((row, i) => {
    const at = trimmed.startsWith("[") ? `${shownAs}[${i}]` : `${shownAs}:${i + 2}`;
    const cell = (names: readonly string[]) => {
      for (const name of names) {
        const value = row[name];
        if (value !== undefined && value !== null && String(value).trim() !== "") return String(value).trim();
      }
      return undefined;
    };
    const unit = cell(UNIT_HEADERS);
    if (unit === undefined) return;
    if (seen.has(unit)) problems.push(ERR.duplicate[lang](at, unit));
    seen.add(unit);
    const values: Record<string, unknown> = {};
    for (const column of UNIT_FACT_COLUMNS) {
      if (column.kind === "text") continue;
      const raw = cell([column.zh, column.en, column.key]);
      if (raw === undefined) continue;
      const value = readValue(column.kind, raw);
      if (value === undefined) {
        problems.push(ERR.bad[lang](at, lang === "zh" ? column.zh : column.en, raw, WANT[column.kind][lang]));
      } else values[column.key] = value;
    }
    facts.push({
      hostUnit: unit,
      ...pickDefined(values, [
        "areaGovernment",
        "quarterlyInspection",
        "spotCheckSeriousError",
        "fraud",
        "rectificationOverdue",
        "fullCoverage",
        "unregisteredAccounts",
        "inPerformanceAppraisal",
        "spotCheckAllPassed",
        "cityCommendations",
        "provincialCommendations",
      ]),
      reports: [1, 2, 3, 4].map((q) => values[`report${q}`] as string | undefined),
      coverage: [1, 2, 3, 4].map((q) => values[`coverage${q}`] as number | undefined),
      at,
    });
  });
  if (problems.length > 0) {
    throw new GmauditError(
      message(
        "assess.facts-1",
        `${shownAs}：单位考核表有 ${problems.length} 处错误`,
        `${shownAs}: ${problems.length} error(s) in the unit facts`,
      ),
      problems.map((p) => `  ${p}`),
    );
  }
  return facts;
}

function pickDefined(values: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) if (values[key] !== undefined) out[key] = values[key];
  return out;
}

function readValue(kind: Exclude<Kind, "text">, raw: string): unknown {
  const lower = raw.toLowerCase();
  switch (kind) {
    case "bool":
      return YES.includes(lower) ? true : NO.includes(lower) ? false : undefined;
    case "count":
      return /^\d+$/.test(raw) ? Number(raw) : undefined;
    case "percent": {
      const m = /^(\d+(?:\.\d+)?)\s*%?$/.exec(raw);
      const n = m ? Number(m[1]) : Number.NaN;
      return n >= 0 && n <= 100 ? n : undefined;
    }
    case "date": {
      if (NOT_SUBMITTED.includes(lower)) return "missing";
      return parseCivilDate(raw);
    }
  }
}

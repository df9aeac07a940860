import { GmauditError } from "../errors.js";
import { message } from "../i18n.js";
import type { ResolvedProfile } from "../profiles/resolve.js";
import type { Localized } from "../rules/define.js";
import type { AuditResult, FindingResult } from "../scoring/result.js";
import type { UnitFacts } from "./unit-facts.js";

/**
 * The annual supervision assessment of units (RULES §6): 昆政办发〔2019〕162号 附件3
 * 《政务新媒体监管工作年度考核指标》, the built-in model. A veto item fails the unit outright; otherwise
 * 100 minus the deductions (each item within its cap, each group within its value); below 60 fails;
 * above 80 the bonus items are added. Every item says where its answer came from — the year's four
 * quarterly checks, or the unit-facts table — and an item neither answers is *not evaluated*: it
 * costs nothing and gives nothing, and the unit's result says it is incomplete.
 */

export type ItemKind = "veto" | "deduct" | "bonus";
export type ItemStatus = "evaluated" | "partial" | "not-evaluated" | "off";

export interface ItemDefinition {
  id: string;
  kind: ItemKind;
  /** The 二级指标 the item belongs to; deductions of one group never exceed its value. */
  group: Localized;
  name: Localized;
  /** Document title and clause (SOURCES.md: never a seed number). */
  source: string;
  /** Points per occurrence (deduction or bonus); 0 for a veto. */
  points: number;
  cap: number | null;
  /** Where the answer comes from. */
  from: "data" | "facts" | "both";
}

const DOC = "昆政办发〔2019〕162号 附件3《政务新媒体监管工作年度考核指标》";
const g = (zh: string, en: string): Localized => ({ zh, en });

const VETO_GROUP = g("单项否决指标", "veto items");
export const GROUPS: readonly { group: Localized; value: number }[] = [
  { group: g("通报整改", "bulletin rectification"), value: 10 },
  { group: g("抽查检查", "inspection"), value: 30 },
  { group: g("集约整合", "consolidation"), value: 20 },
  { group: g("开设备案", "opening and filing"), value: 20 },
  { group: g("监管范围", "supervision scope"), value: 10 },
  { group: g("考核评价", "performance appraisal"), value: 10 },
];
const grp = (zh: string) => GROUPS.find((x) => x.group.zh === zh)!.group;

export const KUNSHAN_ITEMS: readonly ItemDefinition[] = [
  {
    id: "spot-check-error",
    kind: "veto",
    group: VETO_GROUP,
    name: g(
      "上级抽查中因严重错误被判定不合格",
      "an account failed for a serious error in an upper-level spot check",
    ),
    source: `${DOC} 单项否决指标「上级抽查检查情况」1`,
    points: 0,
    cap: null,
    from: "facts",
  },
  {
    id: "unqualified-accounts",
    kind: "veto",
    group: VETO_GROUP,
    name: g("年度内2个（含）以上账号被判定不合格", "2 or more accounts judged unqualified in the year"),
    source: `${DOC} 单项否决指标「上级抽查检查情况」2`,
    points: 0,
    cap: null,
    from: "data",
  },
  {
    id: "no-quarterly-inspection",
    kind: "veto",
    group: VETO_GROUP,
    name: g("未按季度组织开展检查", "no quarterly inspection organised"),
    source: `${DOC} 单项否决指标「定期检查」`,
    points: 0,
    cap: null,
    from: "facts",
  },
  {
    id: "no-account",
    kind: "veto",
    group: VETO_GROUP,
    name: g("区镇未开设政务新媒体", "an area government with no account"),
    source: `${DOC} 单项否决指标「开设情况」`,
    points: 0,
    cap: null,
    from: "both",
  },
  {
    id: "fraud",
    kind: "veto",
    group: VETO_GROUP,
    name: g("管理工作中弄虚作假", "fraud in supervision work"),
    source: `${DOC} 单项否决指标「管理工作」`,
    points: 0,
    cap: null,
    from: "facts",
  },
  {
    id: "rectification",
    kind: "deduct",
    group: grp("通报整改"),
    name: g("通报公开10日内问题未整改或整改不到位", "bulletin problems not rectified within 10 days"),
    source: `${DOC} 扣分指标「通报整改」`,
    points: 10,
    cap: 10,
    from: "facts",
  },
  {
    id: "late-report",
    kind: "deduct",
    group: grp("抽查检查"),
    name: g("季度检查整改情况未按时报送", "quarterly inspection report not submitted on time"),
    source: `${DOC} 扣分指标「抽查检查」1`,
    points: 5,
    cap: 20,
    from: "facts",
  },
  {
    id: "coverage",
    kind: "deduct",
    group: grp("抽查检查"),
    name: g("年度检查未实现全覆盖", "the year's inspections did not cover every account"),
    source: `${DOC} 扣分指标「抽查检查」2`,
    points: 10,
    cap: 10,
    from: "facts",
  },
  {
    id: "duplicate-accounts",
    kind: "deduct",
    group: grp("集约整合"),
    name: g("同一平台开设3个（含）以上相近账号", "3 or more similar accounts on one platform"),
    source: `${DOC} 扣分指标「集约整合」1`,
    points: 5,
    cap: 15,
    from: "data",
  },
  {
    id: "closed-still-active",
    kind: "deduct",
    group: grp("集约整合"),
    name: g(
      "已报关停却未关停或未发布停更公告",
      "reported closed but still active, or closed without a notice",
    ),
    source: `${DOC} 扣分指标「集约整合」2`,
    points: 1,
    cap: 5,
    from: "data",
  },
  {
    id: "opened-without-application",
    kind: "deduct",
    group: grp("开设备案"),
    name: g("新开设未申请", "opened without application"),
    source: `${DOC} 扣分指标「开设备案」`,
    points: 5,
    cap: null,
    from: "data",
  },
  {
    id: "late-filing",
    kind: "deduct",
    group: grp("开设备案"),
    name: g(
      "开设、变更、关停、注销未在2个工作日内备案",
      "opening, change, closing or cancellation not filed within 2 working days",
    ),
    source: `${DOC} 扣分指标「开设备案」`,
    points: 2,
    cap: null,
    from: "data",
  },
  {
    id: "unregistered",
    kind: "deduct",
    group: grp("监管范围"),
    name: g("应纳入而未纳入监管范围的账号", "accounts that should be supervised but are not"),
    source: `${DOC} 扣分指标「监管范围」`,
    points: 1,
    cap: 10,
    from: "facts",
  },
  {
    id: "appraisal",
    kind: "deduct",
    group: grp("考核评价"),
    name: g("未纳入年度绩效考核", "not part of the annual performance appraisal"),
    source: `${DOC} 扣分指标「考核评价」`,
    points: 10,
    cap: 10,
    from: "facts",
  },
  {
    id: "inspection-ratio",
    kind: "bonus",
    group: g("检查比例", "inspection ratio"),
    name: g(
      "每季度检查比例均达100%（加10分）或均达70%（加5分）",
      "every quarter 100 % inspected (10) or 70 % (5)",
    ),
    source: `${DOC} 加分指标「检查比例」`,
    points: 10,
    cap: 10,
    from: "facts",
  },
  {
    id: "spot-check-pass",
    kind: "bonus",
    group: g("合格率", "pass rate"),
    name: g("上级抽查年度合格率均达100%", "100 % in every upper-level spot check of the year"),
    source: `${DOC} 加分指标「合格率」`,
    points: 10,
    cap: 10,
    from: "facts",
  },
  {
    id: "commendations",
    kind: "bonus",
    group: g("表彰表扬", "commendations"),
    name: g(
      "表彰表扬或排名前5（市级1分/次，省级以上2分/次）",
      "commendations or top-5 rankings (city 1, province 2 each)",
    ),
    source: `${DOC} 加分指标「表彰表扬」`,
    points: 1,
    cap: 10,
    from: "facts",
  },
];

export const PASS_SCORE = 60;
export const BONUS_ABOVE = 80;

/** The profile's assessment: the model's items, switched off or repriced. Exit 2 on an unknown item. */
export function resolveAssessment(
  profile: ResolvedProfile,
  _lang: keyof Localized,
): (ItemDefinition & { enabled: boolean })[] {
  const settings = profile.assessment;
  if (settings === undefined) {
    throw new GmauditError(
      message(
        "assess.profile-1",
        `方案“${profile.id}”未规定单位年度考核：请用 --profile kunshan（昆政办发〔2019〕162号 附件3），或在方案文件中写 "assessment": {"model": "kunshan"}`,
        `profile "${profile.id}" defines no annual assessment of units: use --profile kunshan (Kunshan's assessment of units, Annex 3), or set "assessment": {"model": "kunshan"} in a profile file`,
      ),
    );
  }
  const ids = KUNSHAN_ITEMS.map((i) => i.id);
  const unknown = Object.keys(settings.items).filter((id) => !ids.includes(id));
  if (unknown.length > 0) {
    throw new GmauditError(
      message(
        "assess.profile-2",
        `方案“${profile.id}”的 assessment.items 中有未知考核项：${unknown.join("、")}；可用：${ids.join("、")}`,
        `profile "${profile.id}": unknown assessment items ${unknown.join(", ")}; valid: ${ids.join(", ")}`,
      ),
    );
  }
  return KUNSHAN_ITEMS.map((item) => {
    const s = settings.items[item.id] ?? {};
    return {
      ...item,
      enabled: s.enabled ?? true,
      points: s.points ?? item.points,
      cap: s.cap ?? item.cap,
    };
  });
}

export interface ItemResult {
  id: string;
  kind: ItemKind;
  group: Localized;
  name: Localized;
  source: string;
  status: ItemStatus;
  /** The veto applies. */
  vetoed: boolean;
  /** How many times the item was found (deductions), or the level reached (bonus). */
  occurrences: number;
  /** Points deducted (deductions) or added (bonus), within the item's cap and its group's value. */
  points: number;
  /** What the answer rests on, in both languages. */
  evidence: Localized;
}

export type UnitVerdict = "veto" | "fail" | "pass";

export interface UnitAssessment {
  hostUnit: string;
  accounts: number;
  verdict: UnitVerdict;
  /** 100 − deductions; null when vetoed (no further scoring). */
  deductionScore: number | null;
  bonusStage: boolean;
  bonus: number;
  /** deductionScore + bonus; null when vetoed. */
  score: number | null;
  /** Items not evaluated (or only partly): the score is then an upper bound of what full facts give. */
  incomplete: string[];
  items: ItemResult[];
}

export interface AssessmentInput {
  year: number;
  /** The four quarterly checks, Q1 first. */
  quarters: readonly AuditResult[];
  facts: readonly UnitFacts[];
  items: readonly (ItemDefinition & { enabled: boolean })[];
  /** Saved `gmaudit diff` results of the year's bulletins (`--rectification`). */
  rectification?: readonly RectificationRecord[];
}

/** What `gmaudit assess` reads of a saved `gmaudit diff --format json`. */
export interface RectificationRecord {
  file: string;
  baselineAsOf: string;
  recheckAsOf: string;
  units: readonly { hostUnit: string; outstanding: number; notRechecked: number }[];
}

/** 附件3: problems still there 10 days after the bulletin's publication. */
const RECTIFICATION_DAYS = 10;

const QUARTERS_ZH = ["一", "二", "三", "四"];

/** The units assessed: the registry's host units (registry order), then the unit-facts table's others. */
export function assessUnits(input: AssessmentInput): UnitAssessment[] {
  const names: string[] = [];
  for (const q of input.quarters)
    for (const a of q.accounts) if (!names.includes(a.hostUnit)) names.push(a.hostUnit);
  for (const f of input.facts) if (!names.includes(f.hostUnit)) names.push(f.hostUnit);
  const factsOf = new Map(input.facts.map((f) => [f.hostUnit, f]));
  return names.map((unit) => assessUnit(unit, factsOf.get(unit), input));
}

interface Answer {
  status: Exclude<ItemStatus, "off">;
  occurrences: number;
  /** For a veto: whether it applies. */
  vetoed?: boolean;
  /** Bonus items: points before the cap (deductions: occurrences × points). */
  points?: number;
  evidence: Localized;
}

const notEvaluated = (zh: string, en: string): Answer => ({
  status: "not-evaluated",
  occurrences: 0,
  evidence: { zh, en },
});
const NO_FACT = (column: string) =>
  notEvaluated(`单位考核表未填“${column}”`, `the unit facts leave ${column} blank`);
const NO_FACTS_ROW = notEvaluated("单位考核表中无此单位", "the unit is not in the unit facts");

function assessUnit(hostUnit: string, facts: UnitFacts | undefined, input: AssessmentInput): UnitAssessment {
  const { quarters, year } = input;
  const unitFindings = (pred: (f: FindingResult) => boolean) =>
    quarters.flatMap((q, i) =>
      [
        ...q.accounts.filter((a) => a.hostUnit === hostUnit).flatMap((a) => a.findings),
        ...q.units.filter((u) => u.hostUnit === hostUnit).flatMap((u) => u.findings),
      ]
        .filter(pred)
        .map((f) => ({ f, quarter: i + 1 })),
    );
  const registryAccounts = new Map<string, string>();
  for (const q of quarters)
    for (const a of q.accounts) if (a.hostUnit === hostUnit) registryAccounts.set(a.accountId, a.name);
  const missingEverywhere = (kind: string) => quarters.every((q) => q.missingInputs.includes(kind as never));
  const fact = <K extends keyof UnitFacts>(key: K, column: string): UnitFacts[K] | Answer => {
    if (!facts) return NO_FACTS_ROW;
    const value = facts[key];
    return value === undefined ? NO_FACT(column) : value;
  };
  const isAnswer = (v: unknown): v is Answer => typeof v === "object" && v !== null && "status" in v;
  const yesNo = (key: keyof UnitFacts, column: string, bad: boolean, zh: string, en: string): Answer => {
    const v = fact(key, column);
    if (isAnswer(v)) return v;
    const hit = v === bad;
    return {
      status: "evaluated",
      occurrences: hit ? 1 : 0,
      vetoed: hit,
      evidence: {
        zh: `单位考核表：${column}＝${v ? "是" : "否"}${hit ? `（${zh}）` : ""}`,
        en: `unit facts: ${column} = ${v ? "yes" : "no"}${hit ? ` (${en})` : ""}`,
      },
    };
  };

  const answers: Record<string, () => Answer> = {
    "spot-check-error": () => yesNo("spotCheckSeriousError", "上级抽查严重错误", true, "单项否决", "veto"),
    "unqualified-accounts": () => {
      const bad = new Map<string, string[]>();
      quarters.forEach((q, i) => {
        for (const a of q.accounts) {
          if (a.hostUnit !== hostUnit || (a.verdict !== "veto" && a.verdict !== "fail")) continue;
          const list = bad.get(a.accountId) ?? [];
          list.push(`${QUARTERS_ZH[i]}季度${a.verdict === "veto" ? "单项否决" : "不合格"}`);
          bad.set(a.accountId, list);
        }
      });
      const shown = [...bad].map(
        ([id, qs]) => `${registryAccounts.get(id) ?? id}（${id}：${qs.join("、")}）`,
      );
      const shownEn = [...bad].map(([id, qs]) => `${id} (${qs.length} quarter(s))`);
      return {
        status: "evaluated",
        occurrences: bad.size,
        vetoed: bad.size >= 2,
        evidence: {
          zh: `${year}年四个季度检查中不合格账号 ${bad.size} 个${shown.length ? `：${shown.join("；")}` : ""}`,
          en: `${bad.size} account(s) judged unqualified in the year's four checks${shownEn.length ? `: ${shownEn.join("; ")}` : ""}`,
        },
      };
    },
    "no-quarterly-inspection": () =>
      yesNo("quarterlyInspection", "按季度开展检查", false, "单项否决", "veto"),
    "no-account": () => {
      const count = registryAccounts.size;
      if (count > 0) {
        return {
          status: "evaluated",
          occurrences: 0,
          vetoed: false,
          evidence: { zh: `备案台账中有 ${count} 个账号`, en: `${count} account(s) in the registry` },
        };
      }
      const area = fact("areaGovernment", "区镇");
      if (isAnswer(area)) return area;
      return {
        status: "evaluated",
        occurrences: area ? 1 : 0,
        vetoed: area === true,
        evidence: area
          ? {
              zh: "区镇，备案台账中无账号（单项否决）",
              en: "an area government with no account in the registry (veto)",
            }
          : {
              zh: "非区镇，备案台账中无账号（不适用）",
              en: "not an area government, no account (not applicable)",
            },
      };
    },
    fraud: () => yesNo("fraud", "弄虚作假", true, "单项否决", "veto"),
    rectification: () => {
      const fromFacts = yesNo("rectificationOverdue", "通报整改未到位", true, "扣分", "deducted");
      const diffs = (input.rectification ?? []).flatMap((r) => {
        const unit = r.units.find((u) => u.hostUnit === hostUnit);
        return unit ? [{ r, unit }] : [];
      });
      // The office's own word wins; the re-checks answer where the facts are blank.
      if (fromFacts.status !== "not-evaluated" || diffs.length === 0) return fromFacts;
      const outstanding = diffs.filter((d) => d.unit.outstanding > 0);
      const unknown = diffs.filter((d) => d.unit.outstanding === 0 && d.unit.notRechecked > 0);
      const early = diffs.filter(
        (d) => Date.parse(d.r.recheckAsOf) - Date.parse(d.r.baselineAsOf) < RECTIFICATION_DAYS * 86_400_000,
      );
      const zh = diffs.map(
        (d) =>
          `${d.r.file}（复查${d.r.recheckAsOf.slice(0, 10)}）：未整改 ${d.unit.outstanding} 个、未复查 ${d.unit.notRechecked} 个`,
      );
      const en = diffs.map(
        (d) =>
          `${d.r.file} (re-check ${d.r.recheckAsOf.slice(0, 10)}): ${d.unit.outstanding} outstanding, ${d.unit.notRechecked} not re-checked`,
      );
      if (early.length > 0) {
        zh.push(`注意：${early.map((d) => d.r.file).join("、")} 的复查距基线不足${RECTIFICATION_DAYS}日`);
        en.push(
          `note: ${early.map((d) => d.r.file).join(", ")} re-checked less than ${RECTIFICATION_DAYS} days after the baseline`,
        );
      }
      return {
        status: outstanding.length === 0 && unknown.length > 0 ? "partial" : "evaluated",
        occurrences: outstanding.length > 0 ? 1 : 0,
        evidence: { zh: `整改复查 ${zh.join("；")}`, en: `rectification follow-up ${en.join("; ")}` },
      };
    },
    "late-report": () => {
      if (!facts) return NO_FACTS_ROW;
      const late: string[] = [];
      const lateEn: string[] = [];
      const blank: number[] = [];
      facts.reports.forEach((date, i) => {
        const lastDay = `${year}-${["03-31", "06-30", "09-30", "12-31"][i]}`;
        if (date === undefined) blank.push(i + 1);
        else if (date === "missing") {
          late.push(`第${QUARTERS_ZH[i]}季度未报送`);
          lateEn.push(`Q${i + 1} not submitted`);
        } else if (date > lastDay) {
          late.push(`第${QUARTERS_ZH[i]}季度${date}报送（应于${lastDay}前）`);
          lateEn.push(`Q${i + 1} submitted ${date} (due by ${lastDay})`);
        }
      });
      if (blank.length === 4) return NO_FACT("第一至第四季度报送日期");
      const blankZh = blank.length
        ? `；第${blank.map((q) => QUARTERS_ZH[q - 1]).join("、")}季度未填，未评估`
        : "";
      const blankEn = blank.length ? `; Q${blank.join(", Q")} blank, not evaluated` : "";
      return {
        status: blank.length ? "partial" : "evaluated",
        occurrences: late.length,
        evidence: {
          zh: `${late.length ? late.join("；") : "各季度均按时报送"}${blankZh}`,
          en: `${late.length ? lateEn.join("; ") : "every quarter on time"}${blankEn}`,
        },
      };
    },
    coverage: () => {
      if (!facts) return NO_FACTS_ROW;
      if (facts.fullCoverage === undefined && facts.coverage.some((c) => c === 100)) {
        const q = facts.coverage.indexOf(100) + 1;
        return {
          status: "evaluated",
          occurrences: 0,
          evidence: {
            zh: `第${QUARTERS_ZH[q - 1]}季度检查比例100%，已全覆盖`,
            en: `Q${q} inspected 100 %: full coverage`,
          },
        };
      }
      return yesNo("fullCoverage", "年度检查全覆盖", false, "扣分", "deducted");
    },
    "duplicate-accounts": () => {
      const groups = new Map<string, { f: FindingResult; quarter: number }>();
      for (const hit of unitFindings(
        (f) => f.rule === "one-account-per-platform" && f.messageId === "many-accounts",
      )) {
        const key = hit.f.key ?? hit.f.accountId;
        if (!groups.has(key)) groups.set(key, hit);
      }
      const list = [...groups.values()];
      return {
        status: "evaluated",
        occurrences: list.length,
        evidence: {
          zh: list.length
            ? list.map((h) => `第${QUARTERS_ZH[h.quarter - 1]}季度：${h.f.message.zh}`).join("；")
            : "无同一平台3个以上账号",
          en: list.length
            ? list.map((h) => `Q${h.quarter}: ${h.f.message.en}`).join("; ")
            : "no platform with 3 or more accounts",
        },
      };
    },
    "closed-still-active": () => {
      const noPosts = missingEverywhere("posts");
      const noFilings = missingEverywhere("filings");
      if (noPosts && noFilings)
        return notEvaluated("未提供发布记录和备案记录", "no posts and no filings input");
      const accounts = new Map<string, { f: FindingResult; quarter: number }>();
      for (const hit of unitFindings(
        (f) =>
          f.rule === "closed-still-active" || (f.rule === "closure-notice" && f.messageId === "no-notice"),
      )) {
        if (!accounts.has(hit.f.accountId)) accounts.set(hit.f.accountId, hit);
      }
      const list = [...accounts.values()];
      const gap = noPosts
        ? "；未提供发布记录，关停后仍更新未评估"
        : noFilings
          ? "；未提供备案记录，停更公告未评估"
          : "";
      const gapEn = noPosts
        ? "; no posts: posting after closure not evaluated"
        : noFilings
          ? "; no filings: notices not evaluated"
          : "";
      return {
        status: noPosts || noFilings ? "partial" : "evaluated",
        occurrences: list.length,
        evidence: {
          zh: `${list.length ? list.map((h) => `${registryAccounts.get(h.f.accountId) ?? h.f.accountId}：${h.f.message.zh}`).join("；") : "无"}${gap}`,
          en: `${list.length ? list.map((h) => `${h.f.accountId}: ${h.f.message.en}`).join("; ") : "none"}${gapEn}`,
        },
      };
    },
    "opened-without-application": () => filingItem(["opened-without-approval"]),
    "late-filing": () => filingItem(["late", "missing", "late-legacy", "missing-legacy"]),
    unregistered: () => {
      const v = fact("unregisteredAccounts", "未纳入监管账号数");
      if (isAnswer(v)) return v;
      return {
        status: "evaluated",
        occurrences: v as number,
        evidence: {
          zh: `单位考核表：未纳入监管账号数＝${v}`,
          en: `unit facts: ${v} account(s) not under supervision`,
        },
      };
    },
    appraisal: () => yesNo("inPerformanceAppraisal", "纳入年度绩效考核", false, "扣分", "deducted"),
    "inspection-ratio": () => {
      if (!facts) return NO_FACTS_ROW;
      if (facts.coverage.some((c) => c === undefined)) return NO_FACT("第一至第四季度检查比例");
      const c = facts.coverage as number[];
      const all100 = c.every((x) => x >= 100);
      const all70 = c.every((x) => x >= 70);
      const item = input.items.find((i) => i.id === "inspection-ratio")!;
      const points = all100 ? item.points : all70 ? item.points / 2 : 0;
      return {
        status: "evaluated",
        occurrences: all100 || all70 ? 1 : 0,
        points,
        evidence: {
          zh: `各季度检查比例 ${c.map((x) => `${x}%`).join("、")}：${all100 ? "均达100%" : all70 ? "均达70%" : "未均达70%"}`,
          en: `quarterly shares ${c.map((x) => `${x} %`).join(", ")}: ${all100 ? "all 100 %" : all70 ? "all ≥ 70 %" : "not all ≥ 70 %"}`,
        },
      };
    },
    "spot-check-pass": () => {
      const a = yesNo("spotCheckAllPassed", "上级抽查合格率均达100%", true, "加分", "bonus");
      const item = input.items.find((i) => i.id === "spot-check-pass")!;
      return a.status === "evaluated" ? { ...a, points: a.occurrences * item.points } : a;
    },
    commendations: () => {
      if (!facts) return NO_FACTS_ROW;
      const city = facts.cityCommendations;
      const province = facts.provincialCommendations;
      if (city === undefined && province === undefined) return NO_FACT("市级表彰次数、省级以上表彰次数");
      const item = input.items.find((i) => i.id === "commendations")!;
      return {
        status: city === undefined || province === undefined ? "partial" : "evaluated",
        occurrences: (city ?? 0) + (province ?? 0),
        points: (city ?? 0) * item.points + (province ?? 0) * item.points * 2,
        evidence: {
          zh: `市级 ${city ?? "未填"} 次 × ${item.points} 分，省级以上 ${province ?? "未填"} 次 × ${item.points * 2} 分`,
          en: `city ${city ?? "blank"} × ${item.points}, province or higher ${province ?? "blank"} × ${item.points * 2}`,
        },
      };
    },
  };

  function filingItem(messages: readonly string[]): Answer {
    if (missingEverywhere("filings")) return notEvaluated("未提供备案记录", "no filings input");
    const events = new Map<string, { f: FindingResult; quarter: number }>();
    for (const hit of unitFindings((f) => f.rule === "filing-deadline" && messages.includes(f.messageId))) {
      const e = hit.f.evidence as { event?: string; eventDate?: string };
      // A filing still missing is reported in every quarter until it is filed: one event, once.
      const key = `${hit.f.accountId}|${e.event ?? "open"}|${e.eventDate ?? ""}|${hit.f.messageId === "opened-without-approval"}`;
      if (!events.has(key)) events.set(key, hit);
    }
    const list = [...events.values()];
    return {
      status: "evaluated",
      occurrences: list.length,
      evidence: {
        zh: list.length
          ? list
              .map((h) => `${registryAccounts.get(h.f.accountId) ?? h.f.accountId}：${h.f.message.zh}`)
              .join("；")
          : "无",
        en: list.length ? list.map((h) => `${h.f.accountId}: ${h.f.message.en}`).join("; ") : "none",
      },
    };
  }

  const items: ItemResult[] = input.items.map((item) => {
    const base = { id: item.id, kind: item.kind, group: item.group, name: item.name, source: item.source };
    if (!item.enabled) {
      return {
        ...base,
        status: "off",
        vetoed: false,
        occurrences: 0,
        points: 0,
        evidence: { zh: "方案未采用此项", en: "switched off by the profile" },
      };
    }
    const a = answers[item.id]!();
    const raw = item.kind === "veto" ? 0 : (a.points ?? a.occurrences * item.points);
    const points = item.cap === null ? raw : Math.min(item.cap, raw);
    return {
      ...base,
      status: a.status,
      vetoed: item.kind === "veto" && a.vetoed === true,
      occurrences: a.occurrences,
      points,
      evidence: a.evidence,
    };
  });

  // Each group's deductions within the group's value (附件3: 单项指标扣分之和不超过本项指标总分值).
  for (const { group, value } of GROUPS) {
    const members = items.filter((i) => i.kind === "deduct" && i.group.zh === group.zh);
    let left = value;
    for (const m of members) {
      const capped = Math.min(m.points, left);
      if (capped < m.points) {
        m.evidence = {
          zh: `${m.evidence.zh}（「${group.zh}」合计不超过${value}分，本项计${capped}分）`,
          en: `${m.evidence.en} (the ${group.en} group deducts at most ${value}: ${capped} here)`,
        };
        m.points = capped;
      }
      left -= capped;
    }
  }

  const vetoed = items.some((i) => i.vetoed);
  const deductions = items.filter((i) => i.kind === "deduct").reduce((s, i) => s + i.points, 0);
  const deductionScore = vetoed ? null : 100 - deductions;
  const bonusStage = deductionScore !== null && deductionScore > BONUS_ABOVE;
  const bonus = bonusStage ? items.filter((i) => i.kind === "bonus").reduce((s, i) => s + i.points, 0) : 0;
  if (!bonusStage) {
    for (const i of items) {
      if (i.kind !== "bonus" || i.status === "off") continue;
      i.points = 0;
      i.evidence = {
        zh: `${i.evidence.zh}（扣分后得分未高于${BONUS_ABOVE}分，不进入加分环节）`,
        en: `${i.evidence.en} (the score after deductions is not above ${BONUS_ABOVE}: no bonus stage)`,
      };
    }
  }
  // What is not known: a bonus item matters only in the bonus stage, a deduction only when not vetoed.
  const incomplete = items
    .filter((i) => i.status === "not-evaluated" || i.status === "partial")
    .filter((i) => (i.kind === "bonus" ? bonusStage : i.kind === "deduct" ? !vetoed : true))
    .map((i) => i.id);
  return {
    hostUnit,
    accounts: registryAccounts.size,
    verdict: vetoed ? "veto" : deductionScore! < PASS_SCORE ? "fail" : "pass",
    deductionScore,
    bonusStage,
    bonus,
    score: deductionScore === null ? null : deductionScore + bonus,
    incomplete,
    items,
  };
}

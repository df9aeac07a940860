import type { JsonDocument } from "../output/json.js";
import type { Lang } from "../output/labels.js";
import {
  type Bulletin,
  indicatorName,
  isProblem,
  type ProblemGroup,
  percent2,
  platformName,
} from "./model.js";

/**
 * The bulletin as a list of blocks (title, headings, paragraphs, tables): written once here, laid out
 * by the Markdown, Word and HTML renderers. Every string is plain text; each renderer escapes it for
 * its own format.
 */
export type Block =
  | { t: "title" | "h1" | "h2" | "p" | "item" | "sign" | "note" | "salutation"; text: string }
  | { t: "table"; caption: string; head: string[]; rows: string[][] }
  | { t: "charts" }
  | { t: "pagebreak" };

/** 一 二 … 十 十一 … 九十九: the numbers of 一、 and （一） headings. */
export function chineseNumber(n: number): string {
  const digits = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
  if (n < 10) return digits[n]!;
  const tens = Math.floor(n / 10);
  return `${tens === 1 ? "" : digits[tens]}十${digits[n % 10]}`;
}

const SEVERITY_NOTE = {
  zh: { veto: "单项否决", deduct: "扣分", violation: "违规", warning: "提示" },
  en: { veto: "veto", deduct: "deduction", violation: "violation", warning: "warning" },
} as const;

function list(items: readonly string[], lang: Lang): string {
  return items.join(lang === "zh" ? "、" : ", ");
}

function groupHeading(g: ProblemGroup, i: number, lang: Lang): string {
  const n = g.accounts.length;
  if (lang === "en") {
    const cost =
      g.severity === "veto"
        ? "veto"
        : g.points > 0
          ? `${g.points} points deducted`
          : SEVERITY_NOTE.en[g.severity];
    return `(${i + 1}) ${g.indicator} (${cost}; ${n} account${n === 1 ? "" : "s"})`;
  }
  const cost =
    g.severity === "veto" ? "单项否决" : g.points > 0 ? `共扣${g.points}分` : SEVERITY_NOTE.zh[g.severity];
  return `（${chineseNumber(i + 1)}）${g.indicator}（${cost}，涉及${n}个账号）`;
}

export function bulletinBlocks(b: Bulletin): Block[] {
  const { lang, totals } = b;
  const zh = lang === "zh";
  const blocks: Block[] = [{ t: "title", text: b.title }];
  if (b.dataIncomplete) {
    blocks.push({
      t: "note",
      text: zh
        ? "（注：本次检查有输入数据行因无效被跳过，结果基于不完整数据。）"
        : "(Note: invalid input rows were skipped; the results rest on incomplete data.)",
    });
  }
  const counts = (groups: Bulletin["byPlatform"]) =>
    list(
      groups.map((g) => (zh ? `${g.label}${g.accounts}个` : `${g.label} ${g.accounts}`)),
      lang,
    );

  blocks.push({ t: "h1", text: zh ? "一、基本情况" : "1. Overview" });
  blocks.push({
    t: "p",
    text: zh
      ? `监测时间为${b.from}至${b.to}，依据${b.profileName}，对备案在册的${totals.accounts}个政务新媒体账号进行了检查。按单位类别，${counts(b.byCategory)}；按平台，${counts(b.byPlatform)}。`
      : `The window ran from ${b.from} to ${b.to}; the ${totals.accounts} registered accounts were checked under ${b.profileName}. By unit category: ${counts(b.byCategory)}; by platform: ${counts(b.byPlatform)}.`,
  });
  blocks.push({
    t: "p",
    text: zh
      ? `本次检查账号${totals.checked}个，检查比例${percent2(totals.checkedShare)}${totals.notScored > 0 ? `（另有${totals.notScored}个账号监测期前已关停注销或监测时间点后开设，不予评分）` : ""}。其中合格${totals.pass}个，合格率${percent2(totals.passRate)}；单项否决${totals.veto}个，不合格${totals.fail}个。`
      : `${totals.checked} accounts were scored (${percent2(totals.checkedShare)} of the registry${totals.notScored > 0 ? `; ${totals.notScored} closed before the window or opened after it are not scored` : ""}). ${totals.pass} passed, a pass rate of ${percent2(totals.passRate)}; ${totals.veto} were vetoed and ${totals.fail} failed.`,
  });
  if (b.unitExtremes.length > 0) {
    blocks.push({
      t: "p",
      text: zh
        ? `按单位类别比较，${b.unitExtremes.map((u) => `${u.category}类得分最高的为${u.best}（${u.bestScore.toFixed(1)}分），最低的为${u.lowest}（${u.lowestScore.toFixed(1)}分）`).join("；")}。`
        : `By unit category: ${b.unitExtremes.map((u) => `${u.category}: best ${u.best} (${u.bestScore.toFixed(1)}), lowest ${u.lowest} (${u.lowestScore.toFixed(1)})`).join("; ")}.`,
    });
  }
  blocks.push({ t: "charts" });

  blocks.push({ t: "h1", text: zh ? "二、存在的主要问题" : "2. Main problems" });
  if (b.problems.length === 0) {
    blocks.push({ t: "p", text: zh ? "本次检查未发现问题。" : "No problem was found." });
  }
  b.problems.forEach((g, i) => {
    blocks.push({ t: "h2", text: groupHeading(g, i, lang) });
    const shown = g.accounts.slice(0, b.maxAccountsPerIndicator);
    shown.forEach((a, j) => {
      blocks.push({
        t: "item",
        text: zh
          ? `${j + 1}.「${a.name}（${a.platform}）」（${a.hostUnit}）：${a.evidence}。`
          : `${j + 1}. "${a.name} (${a.platform})" (${a.hostUnit}): ${a.evidence}.`,
      });
    });
    const more = g.accounts.length - shown.length;
    if (more > 0) {
      blocks.push({
        t: "item",
        text: zh ? `另有${more}个账号，详见附件。` : `${more} more accounts: see the annex.`,
      });
    }
    blocks.push({ t: "item", text: zh ? `依据：${g.source}。` : `Source: ${g.source}.` });
  });

  blocks.push({ t: "h1", text: zh ? "三、整改要求" : "3. Rectification" });
  blocks.push({
    t: "p",
    text: zh
      ? `请存在问题的账号主办单位于${b.deadline}前完成整改，并将整改情况书面报送${b.issuer ?? "本通报印发单位"}。`
      : `The host units of the accounts concerned rectify by ${b.deadline} and report back in writing to ${b.issuer ?? "the issuing office"}.`,
  });
  blocks.push({
    t: "p",
    text: zh
      ? "整改完成后将进行复查：长期未更新的恢复更新，未提供互动功能的开通互动，认证信息、账号名称不规范的予以更正，已报关停仍在更新的完成关停，未备案的补办备案，未答复的留言及时答复，人工检查发现的问题逐项整改后复核。逾期答复、逾期备案和已过去的空白周等已发生的问题无法补正，各单位应建立长效机制，防止再次发生。"
      : "A re-check follows: accounts not updated resume updating, missing interaction functions are opened, certification and names are corrected, accounts reported closed are closed, missing filings are filed, unanswered messages are answered, and inspectors' findings are re-inspected. Past events (late replies, late filings, empty past weeks) cannot be undone: units keep them from happening again.",
  });
  if (b.issuer) blocks.push({ t: "sign", text: b.issuer });
  blocks.push({ t: "sign", text: zh ? chineseDate(b.issued) : b.issued });

  blocks.push({ t: "pagebreak" });
  blocks.push({ t: "h1", text: zh ? "附件" : "Annex" });
  blocks.push({
    t: "table",
    caption: zh ? "账号检查结果一览表" : "Results by account",
    head: zh
      ? ["序号", "账号", "平台", "主办单位", "得分", "结论", "主要问题"]
      : ["No.", "Account", "Platform", "Host unit", "Score", "Verdict", "Main problems"],
    rows: b.accounts.map((a, i) => [
      String(i + 1),
      a.name,
      a.platform,
      a.hostUnit,
      a.score === null ? "—" : a.score.toFixed(1),
      a.verdictLabel,
      a.problems || (zh ? "无" : "none"),
    ]),
  });
  const scoredUnits = b.units.filter((u) => u.score !== null);
  if (scoredUnits.length > 0) {
    blocks.push({
      t: "table",
      caption: zh ? "单位得分表" : "Scores by host unit",
      head: zh
        ? ["序号", "主办单位", "单位类别", "账号数", "合格率", "得分"]
        : ["No.", "Host unit", "Category", "Accounts", "Pass rate", "Score"],
      rows: [...scoredUnits]
        .sort((a, b2) => (b2.score ?? 0) - (a.score ?? 0))
        .map((u, i) => [
          String(i + 1),
          u.hostUnit,
          u.unitCategory ?? "",
          String(u.accounts),
          percent2(u.passRate),
          (u.score ?? 0).toFixed(1),
        ]),
    });
  }
  return blocks;
}

/** 2026-10-10 → 2026年10月10日 (the date line of an official document). */
export function chineseDate(date: string): string {
  const [y, m, d] = date.split("-").map(Number);
  return `${y}年${m}月${d}日`;
}

/**
 * One host unit's 整改通知: only its accounts' problems, each with its evidence, where it was found
 * and the clause, then the deadline and how to report back. Nothing about other units.
 */
export function noticeBlocks(doc: JsonDocument, hostUnit: string, b: Bulletin): Block[] {
  const { lang } = b;
  const zh = lang === "zh";
  const accounts = doc.accounts.filter((a) => a.hostUnit === hostUnit);
  const withProblems = accounts.filter((a) => a.findings.some(isProblem));
  const blocks: Block[] = [
    {
      t: "title",
      text: zh
        ? `关于${b.periodLabel}政务新媒体检查问题的整改通知`
        : `Rectification notice: inspection of ${b.periodLabel}`,
    },
    { t: "salutation", text: zh ? `${hostUnit}：` : `To ${hostUnit}:` },
    {
      t: "p",
      text: zh
        ? `根据${b.periodLabel}政务新媒体检查结果（监测时间${b.from}至${b.to}），你单位共有${accounts.length}个政务新媒体账号，其中${withProblems.length}个账号存在问题，具体如下。`
        : `In the inspection of ${b.periodLabel} (window ${b.from} to ${b.to}), your unit has ${accounts.length} accounts, ${withProblems.length} of which have problems, listed below.`,
    },
  ];
  withProblems.forEach((a, i) => {
    const score =
      a.score === null ? "" : zh ? `，得分${a.score.toFixed(1)}分` : `, score ${a.score.toFixed(1)}`;
    blocks.push({
      t: "h2",
      text: zh
        ? `（${chineseNumber(i + 1)}）「${a.name}（${platformName(a.platform, lang)}）」（${a.verdict === "not_scored" ? "未评分" : `${verdictZh(a.verdict)}${score}`}）`
        : `(${i + 1}) "${a.name} (${platformName(a.platform, lang)})" (${a.verdict}${score})`,
    });
    a.findings.filter(isProblem).forEach((f, j) => {
      const at =
        typeof f.evidence.at === "string" ? (zh ? `（${f.evidence.at}）` : ` (${f.evidence.at})`) : "";
      const points = f.points > 0 ? (zh ? `，扣${f.points}分` : `, −${f.points}`) : "";
      blocks.push({
        t: "item",
        text: zh
          ? `${j + 1}. ${indicatorName(f, lang)}（${SEVERITY_NOTE.zh[f.severity]}${points}）：${f.message}${at}。依据：${f.source}。`
          : `${j + 1}. ${indicatorName(f, lang)} (${SEVERITY_NOTE.en[f.severity]}${points}): ${f.message}${at}. Source: ${f.source}.`,
      });
    });
  });
  if (withProblems.length === 0) {
    blocks.push({
      t: "p",
      text: zh ? "本次检查未发现你单位账号存在问题。" : "No problem was found in your unit's accounts.",
    });
  } else {
    blocks.push({
      t: "p",
      text: zh
        ? `请于${b.deadline}前完成整改，并将整改情况（逐项说明整改措施和完成时间，附整改后截图）书面报送${b.issuer ?? "本通知印发单位"}。`
        : `Rectify by ${b.deadline} and report back in writing to ${b.issuer ?? "the issuing office"} (each measure, its date, and screenshots after rectification).`,
    });
  }
  if (b.issuer) blocks.push({ t: "sign", text: b.issuer });
  blocks.push({ t: "sign", text: zh ? chineseDate(b.issued) : b.issued });
  return blocks;
}

function verdictZh(v: string): string {
  return v === "veto" ? "单项否决" : v === "fail" ? "不合格" : "合格";
}

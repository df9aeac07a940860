import type { Localized } from "../i18n.js";
import { type Aliases, columnAliasEntry } from "../input/aliases.js";
import { lookAlikeColumns, unreadScaledHeaders } from "../input/header.js";
import type { ReadStats } from "../input/rows.js";
import type { TableKind } from "../input/tables.js";
import type { AuditWindow } from "../time/window.js";
import type { InputStats } from "./inputs.js";

/** Warnings about a file's shape and content that are not row errors: each says what was done. */

/** Totals rows (合计) are left out of the data, and said so: one warning per file. */
export function totalsRowsWarnings(file: string, parts: readonly ReadStats[]): Localized[] {
  const count = parts.reduce((n, part) => n + part.totals, 0);
  if (count === 0) return [];
  const line = Math.min(...parts.map((part) => part.firstTotalsLine ?? Number.POSITIVE_INFINITY));
  return [
    count === 1
      ? {
          zh: `${file}:${line}：汇总行（合计、小计等），不是数据，未读取`,
          en: `${file}:${line}: a totals row (合计, 小计 …), not data: left out`,
        }
      : {
          zh: `${file}：${count} 个汇总行（合计、小计等；第一个在第 ${line} 行），不是数据，未读取`,
          en: `${file}: ${count} totals rows (合计, 小计 …; the first on line ${line}), not data: left out`,
        },
  ];
}

/** Notes rows (注：…) are left out of the data, and said so: one warning per file. */
export function notesRowsWarnings(file: string, parts: readonly ReadStats[]): Localized[] {
  const count = parts.reduce((n, part) => n + part.notes, 0);
  if (count === 0) return [];
  const line = Math.min(...parts.map((part) => part.firstNotesLine ?? Number.POSITIVE_INFINITY));
  return [
    {
      zh: `${file}：${count} 个说明行（注、说明、备注等；第一个在第 ${line} 行），不是数据，未读取`,
      en: `${file}: ${count} notes row${count === 1 ? "" : "s"} (注, 说明, 备注 …; the first on line ${line}), not data: left out`,
    },
  ];
}

/**
 * Ignored columns worth a word: one that gives a count in a unit (粉丝数（万）) is not read, and says
 * so; one that looks like a column gmaudit reads (账号状态 when the alias was unknown, 平台类型,
 * 关停时间 …) is said with the mapping to add, because ignoring it may change a verdict.
 */
export function ignoredColumnWarnings(
  kind: TableKind,
  file: string,
  unknown: readonly string[],
  header: Partial<Record<string, string>>,
  aliases: Aliases | undefined,
): Localized[] {
  const scaled = unreadScaledHeaders(kind, unknown, aliases);
  // A count in 万 mapped as the plain count would be read 10 000 times too small: no such advice.
  const lookAlikes = lookAlikeColumns(
    kind,
    unknown.filter((h) => !scaled.includes(h)),
    header,
  ).map(({ header: written, columns }) => {
    const names = columns.map((c) => c.name);
    const zhNames = columns.map((c) => `“${c.aliases[0] ?? c.name}”（${c.name}）`).join("或");
    const entry = columnAliasEntry(kind, written, names.length === 1 ? names[0]! : names.join("|"));
    return {
      zh: `${file}：列“${written}”未读取，但看似${zhNames}列：如是，请在 gmaudit.config.json 中添加 ${entry}`,
      en: `${file}: column "${written}" is not read but looks like ${names.join(" or ")}: if it is, add ${entry} to gmaudit.config.json`,
    };
  });
  return [
    ...lookAlikes,
    ...scaled.map((written) => ({
      zh: `${file}：列“${written}”的数值带单位（如“万”），未读取：请填写实际数量（如 12000）`,
      en: `${file}: column "${written}" gives its numbers in a unit (such as 万): not read; give plain counts (e.g. 12000)`,
    })),
  ];
}

/** Data that ends more than this many days before T is stale (PRODUCT §2.1). */
export const STALE_DAYS = 7;

/**
 * PRODUCT §2.1: a posts or messages file whose newest record is more than STALE_DAYS days before T
 * (an October export audited "as of now" in December would veto every account).
 */
export function staleData(
  inputs: Partial<Record<TableKind, InputStats>>,
  latestOf: Partial<Record<TableKind, number>>,
  window: AuditWindow,
): Localized[] {
  const found: Localized[] = [];
  for (const kind of ["posts", "messages"] as const) {
    const stats = inputs[kind];
    const latest = latestOf[kind];
    if (stats === undefined || latest === undefined) continue;
    const gap = window.asOfDay - window.zone.dayOf(latest);
    if (gap <= STALE_DAYS) continue;
    const last = window.zone.dateOf(latest);
    const asOf = window.zone.dateOf(window.asOf);
    found.push({
      zh: `${stats.file} 的最新记录为 ${last}，比监测时间点（${asOf}）早 ${gap} 天：数据可能已过时，未更新和逾期的结论可能不实；请用最新导出的数据，或用 --as-of 指定数据的截止日期`,
      en: `${stats.file} ends on ${last}, ${gap} days before the monitoring time (${asOf}): the data may be stale, and no-update and overdue findings wrong; use a fresh export, or --as-of the date the data ends`,
    });
  }
  return found;
}

/** RULES §1: every output says how many date-only times were read with the benefit of the doubt. */
export function dateOnlyWarnings(inputs: Partial<Record<TableKind, InputStats>>): Localized[] {
  return (["posts", "messages"] as const).flatMap((kind) => {
    const stats = inputs[kind];
    if (stats?.dateOnly === undefined || stats.dateOnly === 0) return [];
    const n = stats.dateOnly;
    return [
      {
        zh: `${stats.file}：${n} 个时间只有日期，按有利于账号的方式计（发布、留言按当天结束时，答复按当天开始时）`,
        en: `${stats.file}: ${n} time${n === 1 ? "" : "s"} given as a date only, read with the benefit of the doubt (posts and messages at the end of their day, replies at its start)`,
      },
    ];
  });
}

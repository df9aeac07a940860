import { type AvailableInputs, columnLabel, type InputNeed, needParts } from "../input/needs.js";
import { TABLE_KINDS, TABLE_LABELS, type TableKind } from "../input/tables.js";
import type { ResolvedProfile } from "../profiles/resolve.js";
import type { Localized, RuleDefinition } from "../rules/define.js";

/**
 * Why a rule cannot be judged on these inputs (its `needs`), or undefined when it can. A missing
 * table is named before a missing column (a column of a table not given is not the file's fault), and
 * of the columns the first the rule lists: the one that makes it blind first.
 */
export function unmetNeed(needs: readonly InputNeed[], available: AvailableInputs): Localized | undefined {
  const tables = [...new Set(needs.map((need) => needParts(need).table))].filter((t) => !available.has(t));
  if (tables.length > 0) {
    return {
      zh: `未提供${tables.map((t) => TABLE_LABELS[t].zh).join("、")}`,
      en: `no ${tables.join(", ")} input`,
    };
  }
  const need = needs.find((n) => !available.has(n));
  if (need === undefined) return undefined;
  const { table, column } = needParts(need);
  const { alias, name } = columnLabel(column!);
  return {
    zh: `${TABLE_LABELS[table].zh}无“${alias}”列`,
    en: `the ${table} file has no ${alias} (${name}) column`,
  };
}

/** The rules (of `rules`) that name `need`: what a file without that column leaves not evaluated. */
export function rulesNeeding<R extends Pick<RuleDefinition, "needs">>(
  rules: readonly R[],
  need: InputNeed,
): R[] {
  return rules.filter((rule) => rule.needs.includes(need));
}

/**
 * A table given without a column an enabled rule needs leaves that rule not evaluated for every
 * account: said once for the run (the table and CSV show no per-account reasons), naming the rules,
 * and every such column at once — a user who adds one should not learn of the other on the next run.
 */
export function missingColumnWarnings(
  files: Partial<Record<TableKind, string>>,
  profile: ResolvedProfile,
  available: AvailableInputs,
): Localized[] {
  const warnings: Localized[] = [];
  for (const table of TABLE_KINDS) {
    const file = files[table];
    if (file === undefined || !available.has(table)) continue;
    const columns: InputNeed[] = [];
    const off: RuleDefinition[] = [];
    for (const { enabled, rule } of profile.rules) {
      if (!enabled) continue;
      const lacking = rule.needs.filter((need) => {
        const parts = needParts(need);
        return parts.table === table && parts.column !== undefined && !available.has(need);
      });
      if (lacking.length === 0) continue;
      off.push(rule);
      for (const need of lacking) if (!columns.includes(need)) columns.push(need);
    }
    if (off.length === 0) continue;
    const labels = columns.map((need) => columnLabel(needParts(need).column!));
    warnings.push({
      zh: `${file} 无${labels.map((c) => `“${c.alias}”`).join("、")}列：${off.map((r) => `“${r.indicator.zh}”`).join("、")}检查记为“未评估”`,
      en: `${file} has no ${labels.map((c) => `${c.name} (${c.alias})`).join(" or ")} column: ${off.map((r) => r.id).join(", ")} not evaluated`,
    });
  }
  return warnings;
}

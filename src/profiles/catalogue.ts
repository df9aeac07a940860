import type { Localized } from "../i18n.js";
import { type RuleDefinition, type RuleScope, type Severity, scopeOf } from "../rules/define.js";
import { RULES, ruleById } from "../rules/index.js";
import { MANUAL_ONLY, type ManualIndicator, manualIndicatorById } from "../rules/manual.js";
import type { EngineSettings, ResolvedProfile } from "./resolve.js";

/**
 * The resolved settings of a manual indicator: the automatic rule's when the id is also one (so
 * findings and the rule share one price and one cap), else its own entry — both resolved by
 * `resolveProfile`, catalogue defaults < profile < config < flags.
 */
export function manualSettings(profile: ResolvedProfile, entry: ManualIndicator): EngineSettings {
  const resolved =
    profile.rules.find((r) => r.rule.id === entry.id) ??
    profile.manual.find((m) => m.indicator.id === entry.id);
  if (!resolved) throw new Error(`manual indicator ${entry.id} is not resolved by the profile`);
  const { enabled, severity, pointsEach, cap } = resolved;
  const { source, sourceFull } = "rule" in resolved ? resolved.manualSource! : resolved;
  return { enabled, severity, pointsEach, cap, source, sourceFull };
}

/**
 * Whether the findings of a manual indicator are scored. `enabled: false` on a manual-only indicator
 * switches it off: its rows are read and counted but give no finding (as a rule switched off reports
 * nothing). On an id that is also an automatic rule, `enabled` switches the automatic judgement only:
 * an inspector's finding of it is still listed (national leaves internal-opener off and still lists a
 * 开设不规范 finding, with 0 points).
 */
export function manualScored(profile: ResolvedProfile, entry: ManualIndicator): boolean {
  return ruleById(entry.id) !== undefined || manualSettings(profile, entry).enabled;
}

/** The cap of every id that can carry points: automatic rules and manual-only indicators. */
export function capsOf(profile: ResolvedProfile): Map<string, number | null> {
  return new Map<string, number | null>([
    ...profile.rules.map((r) => [r.rule.id, r.cap] as const),
    ...profile.manual.map((m) => [m.indicator.id, m.cap] as const),
  ]);
}

/** One line of `gmaudit rules`: an automatic rule, a manual indicator, or an id that is both. */
export interface CatalogueEntry {
  id: string;
  indicator: Localized;
  /** `automatic`: judged from the data; `manual`: recorded in the findings input; `both`. */
  kind: "automatic" | "manual" | "both";
  scope: RuleScope;
  /**
   * The resolved `enabled`. For an id that is also an automatic rule it switches the rule only (an
   * inspector's finding is still listed); a manual-only indicator switched off scores no findings.
   */
  enabled: boolean;
  severity: Severity;
  pointsEach: number;
  cap: number | null;
  /** The automatic rule's resolved parameters ({} for manual indicators). */
  params: Record<string, unknown>;
  /** The automatic rule's source under the profile, or the manual indicator's (short form). */
  source: string;
  /** The same in full form. */
  sourceFull: string;
  /** Set when the id is a manual indicator: its source in the §3 table (may differ from the rule's). */
  manualSource?: string;
  /** Names the findings input accepts for it (empty for automatic-only rules). */
  names: string[];
  interpretation?: readonly string[];
  rule?: RuleDefinition;
  manual?: ManualIndicator;
}

/**
 * What `gmaudit rules` and the docs list: every automatic rule (RULES §2 order) then the manual-only
 * indicators (§3 order), priced by `profile` — the one place that joins the two.
 */
export function catalogue(profile: ResolvedProfile): CatalogueEntry[] {
  const namesOf = (entry: ManualIndicator | undefined): string[] => {
    if (!entry) return [];
    const names = [entry.id, entry.indicator.zh, ...(entry.aliases ?? [])];
    const rule = ruleById(entry.id);
    if (rule && !names.includes(rule.indicator.zh)) names.push(rule.indicator.zh);
    return names;
  };
  const entries: CatalogueEntry[] = RULES.map((rule) => {
    const resolved = profile.rules.find((r) => r.rule.id === rule.id)!;
    const manual = manualIndicatorById(rule.id);
    return {
      id: rule.id,
      indicator: rule.indicator,
      kind: manual ? "both" : "automatic",
      scope: scopeOf(rule),
      enabled: resolved.enabled,
      severity: resolved.severity,
      pointsEach: resolved.pointsEach,
      cap: resolved.cap,
      params: resolved.params,
      source: resolved.source,
      sourceFull: resolved.sourceFull,
      ...(resolved.manualSource ? { manualSource: resolved.manualSource.source } : {}),
      names: namesOf(manual),
      ...(rule.interpretation === undefined ? {} : { interpretation: rule.interpretation }),
      rule,
      ...(manual ? { manual } : {}),
    };
  });
  for (const manual of MANUAL_ONLY) {
    entries.push({
      id: manual.id,
      indicator: manual.indicator,
      kind: "manual",
      scope: "account",
      ...manualSettings(profile, manual),
      params: {},
      manualSource: manualSettings(profile, manual).source,
      names: namesOf(manual),
      ...(manual.interpretation === undefined ? {} : { interpretation: manual.interpretation }),
      manual,
    });
  }
  return entries;
}

import { readFileSync } from "node:fs";
import path from "node:path";
import type { z } from "zod";
import type { DetailLine } from "../errors.js";
import { GmauditError } from "../errors.js";
import { message } from "../i18n.js";
import { formatIssues, nearest } from "../issues.js";
import { citationsFor, citeText } from "../rules/citations.js";
import type { RuleDefinition, Severity } from "../rules/define.js";
import { RULES } from "../rules/index.js";
import {
  MANUAL_ONLY,
  type ManualIndicator,
  manualIndicatorById,
  SETTABLE,
  type Settable,
  settableById,
} from "../rules/manual.js";
import noUpdate2w from "../rules/no-update-2w.js";
import { BUILTIN_PROFILES } from "./builtin.js";
import {
  type AssessmentSettings,
  ENGINE_KEYS,
  type ProfileSpec,
  profileSchema,
  type RuleSettings,
  ruleEntrySchema,
} from "./schema.js";

export { nearest };

/** The engine's settings of one id, resolved: whether it is on and what an occurrence costs. */
export interface EngineSettings {
  enabled: boolean;
  severity: Severity;
  pointsEach: number;
  /** Most points the id may cost in all; null = no cap. */
  cap: number | null;
  /**
   * What its findings cite (依据), short form: the clauses of the profile's own document first
   * (SOURCES.md), or the `source` a profile or config sets for the id.
   */
  source: string;
  /** The same in full form (rule pages, reports). */
  sourceFull: string;
}

export interface ResolvedRule extends EngineSettings {
  rule: RuleDefinition;
  params: Record<string, unknown>;
  /** Set when the id is also a manual indicator: what an inspector's finding of it cites. */
  manualSource?: Pick<EngineSettings, "source" | "sourceFull">;
}

/** A manual-only indicator (RULES §3, no automatic rule of its id), resolved like a rule. */
export interface ResolvedIndicator extends EngineSettings {
  indicator: ManualIndicator;
}

export interface ResolvedProfile {
  id: string;
  name: string;
  source?: string;
  /** The profiles merged, base first (e.g. national → jiangsu → kunshan). */
  chain: string[];
  scoring: "deductions" | "veto-only";
  passScore: number;
  rules: ResolvedRule[];
  /** The manual-only indicators, in RULES §3 order (the others take their automatic rule's settings). */
  manual: ResolvedIndicator[];
  /** The annual assessment of units (RULES §6), merged over the chain; absent when no profile sets one. */
  assessment?: { model: "kunshan"; items: AssessmentSettings["items"] };
}

/** Settings that sit above the profile: the config file's `rules`, then flags. */
export interface ProfileOverrides {
  rules?: Record<string, RuleSettings>;
  /** How errors name the layer (e.g. the config file); default "config" for the first, then "flags". */
  where?: string;
}

/** Formats zod issues as `where: key.path: message`. */
export function zodIssues(where: string, error: z.ZodError): { zh: string; en: string }[] {
  return error.issues.map((issue) => {
    const keyPath = issue.path.map(String).join(".");
    const en = `${where}: ${keyPath ? `${keyPath}: ` : ""}${issue.message}`;
    return { zh: `${where}: ${keyPath ? `${keyPath}：` : ""}取值无效（${issue.message}）`, en };
  });
}

/** An id that names neither a rule nor a manual indicator: the nearest one, or all of them. */
function unknownRuleError(where: string, id: string): GmauditError {
  const ids = SETTABLE.map((s) => s.id);
  const hint = nearest(id, ids);
  return new GmauditError(
    message(
      "profile.unknown-rule",
      `${where}：没有名为“${id}”的规则${hint ? `（是否想用“${hint}”？）` : `；可用：${ids.join("、")}`}`,
      `${where}: unknown rule "${id}"${hint ? ` (did you mean "${hint}"?)` : `; valid: ${ids.join(", ")}`}`,
    ),
  );
}

function invalidProfile(where: string) {
  return message("profile.invalid", `${where}：评分方案有误`, `${where}: invalid profile`);
}

/** Reads a profile: a built-in name or a JSON file. */
export function loadProfile(nameOrFile: string, cwd = process.cwd()): { spec: ProfileSpec; where: string } {
  const builtin = BUILTIN_PROFILES.get(nameOrFile);
  if (builtin) return { spec: builtin, where: `profile ${nameOrFile}` };
  if (!/\.json$/i.test(nameOrFile)) {
    const hint = nearest(nameOrFile, [...BUILTIN_PROFILES.keys()]);
    const builtIn = [...BUILTIN_PROFILES.keys()];
    throw new GmauditError(
      message(
        "profile.unknown",
        `没有名为“${nameOrFile}”的评分方案${hint ? `（是否想用“${hint}”？）` : ""}；内置方案：${builtIn.join("、")}（运行 gmaudit profiles 查看说明），或给出方案 .json 文件`,
        `unknown profile "${nameOrFile}"${hint ? ` (did you mean "${hint}"?)` : ""}; built-in profiles: ${builtIn.join(", ")}, or give a .json file`,
      ),
    );
  }
  const file = path.resolve(cwd, nameOrFile);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (err) {
    const missing = (err as NodeJS.ErrnoException).code === "ENOENT";
    throw new GmauditError(
      message(
        "profile.unreadable",
        `${nameOrFile}：无法读取评分方案：${missing ? "文件不存在" : err instanceof SyntaxError ? "不是有效的 JSON" : "读取失败"}`,
        `${nameOrFile}: cannot read the profile: ${(err as Error).message}`,
      ),
    );
  }
  const parsed = profileSchema.safeParse(raw);
  if (!parsed.success) {
    throw new GmauditError(
      invalidProfile(nameOrFile),
      formatIssues(nameOrFile, parsed.error, profileSchema, raw),
    );
  }
  // Each rule's settings are checked here, so a mistake names this file and its key path.
  const problems: DetailLine[] = [];
  for (const [id, settings] of Object.entries(parsed.data.rules)) {
    const target = settableById(id);
    if (!target) {
      problems.push(unknownRuleError(`${nameOrFile}: rules`, id).text);
      continue;
    }
    const schema = ruleEntrySchema(target);
    const checked = schema.safeParse(settings);
    if (!checked.success) {
      problems.push(...formatIssues(nameOrFile, checked.error, schema, settings, ["rules", id]));
    }
  }
  if (problems.length > 0) throw new GmauditError(invalidProfile(nameOrFile), problems);
  return { spec: parsed.data, where: nameOrFile };
}

/**
 * The one place where settings meet: rule defaults < profile chain (base first) < config < flags.
 * Every rule's parameters are validated by the rule's own schema, so a typo fails loudly.
 */
export function resolveProfile(
  nameOrFile: string,
  overrides: ProfileOverrides[] = [],
  cwd = process.cwd(),
): ResolvedProfile {
  const chain: { spec: ProfileSpec; where: string }[] = [];
  let next: string | undefined = nameOrFile;
  let baseDir = cwd;
  // Each source once: a built-in by name, a file by its full path. (A file's `id` may repeat the
  // built-in it extends — a copy of jiangsu called jiangsu is not a cycle.)
  const seen = new Set<string>();
  while (next !== undefined) {
    const source = BUILTIN_PROFILES.has(next) ? `builtin:${next}` : path.resolve(baseDir, next);
    if (seen.has(source)) {
      throw new GmauditError(
        message(
          "profile.cycle",
          `评分方案“${next}”（经由 extends）继承了自己`,
          `profile "${next}" extends itself`,
        ),
      );
    }
    seen.add(source);
    const loaded = loadProfile(next, baseDir);
    chain.unshift(loaded);
    if (!BUILTIN_PROFILES.has(next)) baseDir = path.dirname(path.resolve(baseDir, next));
    next = loaded.spec.extends;
  }
  const leaf = chain[chain.length - 1]!.spec;
  const layers: { where: string; rules: Record<string, RuleSettings> }[] = [
    ...chain.map((p) => ({ where: p.where, rules: p.spec.rules })),
    ...overrides.map((o, i) => ({ where: o.where ?? (i === 0 ? "config" : "flags"), rules: o.rules ?? {} })),
  ];
  const merged = new Map<string, RuleSettings>();
  for (const layer of layers) {
    for (const [id, settings] of Object.entries(layer.rules)) {
      if (!settableById(id)) throw unknownRuleError(`${layer.where}: rules`, id);
      const previous = merged.get(id);
      const next: RuleSettings = { ...previous, ...settings };
      // A layer that changes the level without a price drops the price it inherited: a deduction made a
      // warning costs nothing unless that layer prices it too (RULES §4). Restating the level keeps it.
      const level = previous?.severity ?? settableById(id)!.defaults.severity;
      if (
        settings.severity !== undefined &&
        settings.severity !== level &&
        settings.pointsEach === undefined
      ) {
        delete next.pointsEach;
      }
      merged.set(id, next);
    }
  }
  const scoring = [...chain].reverse().find((p) => p.spec.scoring)?.spec.scoring ?? "deductions";
  const passScore = [...chain].reverse().find((p) => p.spec.passScore !== undefined)?.spec.passScore ?? 60;

  const chainIds = chain.map((p) => p.spec.id);
  const rules = RULES.map((rule): ResolvedRule => {
    const settings = merged.get(rule.id);
    const manualEntry = manualIndicatorById(rule.id);
    return {
      rule,
      ...resolveSettings(rule, chainIds, settings),
      ...(manualEntry === undefined
        ? {}
        : { manualSource: resolveSource(manualEntry, chainIds, settings?.source) }),
    };
  });
  const manual = MANUAL_ONLY.map((indicator): ResolvedIndicator => {
    const { params: _, ...settings } = resolveSettings(
      settableById(indicator.id)!,
      chainIds,
      merged.get(indicator.id),
    );
    return { indicator, ...settings };
  });

  // The assessment: the last model set, each item's settings merged base first.
  const model = [...chain].reverse().find((p) => p.spec.assessment?.model)?.spec.assessment?.model;
  const items: AssessmentSettings["items"] = {};
  for (const p of chain) {
    for (const [id, settings] of Object.entries(p.spec.assessment?.items ?? {})) {
      items[id] = { ...items[id], ...settings };
    }
  }

  return {
    id: leaf.id,
    name: leaf.name,
    ...(leaf.source === undefined ? {} : { source: leaf.source }),
    chain: chainIds,
    scoring,
    passScore,
    rules,
    manual,
    ...(model === undefined ? {} : { assessment: { model, items } }),
  };
}

/**
 * One id's merged settings over its defaults (a rule's, or a manual indicator's catalogue values): the
 * one path for both kinds. The parameters are validated by the id's own schema (none for a manual one).
 */
function resolveSettings(
  target: Settable,
  chain: readonly string[],
  settings: RuleSettings = {},
): EngineSettings & { params: Record<string, unknown> } {
  const paramInput: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(settings)) {
    if (!ENGINE_KEYS.includes(key) && key !== "$comment") paramInput[key] = value;
  }
  const parsed = target.params.strict().safeParse(paramInput);
  if (!parsed.success) {
    throw new GmauditError(
      message(
        "profile.rule-params",
        `规则 ${target.id} 的参数有误`,
        `invalid parameters for rule ${target.id}`,
      ),
      zodIssues(`rules.${target.id}`, parsed.error),
    );
  }
  const severity = settings.severity ?? target.defaults.severity;
  return {
    enabled: settings.enabled ?? true,
    severity,
    // Unpriced: the catalogue's price at its own level or as a deduction; at another level, nothing.
    pointsEach:
      settings.pointsEach ??
      (severity === target.defaults.severity || severity === "deduct"
        ? (target.defaults.pointsEach ?? 0)
        : 0),
    cap: settings.cap === undefined ? (target.defaults.cap ?? null) : settings.cap,
    ...resolveSource(target, chain, settings.source),
    params: parsed.data as Record<string, unknown>,
  };
}

/** The id's citation under the profile chain, or the text a profile or config sets (both forms). */
function resolveSource(
  target: Pick<Settable, "source">,
  chain: readonly string[],
  set: string | undefined,
): Pick<EngineSettings, "source" | "sourceFull"> {
  if (set !== undefined) return { source: set, sourceFull: set };
  const citations = citationsFor(target.source, chain);
  return { source: citeText(citations, "short"), sourceFull: citeText(citations, "full") };
}

/**
 * One rule's resolved settings, its parameters typed by the rule's own schema: resolveProfile parsed
 * them with that schema, so the type is known from the definition, not asserted at each use.
 */
export function ruleOf<P extends z.ZodObject>(
  profile: ResolvedProfile,
  rule: RuleDefinition<P>,
): EngineSettings & { rule: RuleDefinition; params: z.infer<P> } {
  const resolved = profile.rules.find((r) => r.rule.id === rule.id);
  if (resolved === undefined) throw new Error(`rule ${rule.id} is not in the catalogue`);
  return resolved as EngineSettings & { rule: RuleDefinition; params: z.infer<P> };
}

/** One rule's parameters under the profile, typed by the rule's schema. */
export function paramsOf<P extends z.ZodObject>(
  profile: ResolvedProfile,
  rule: RuleDefinition<P>,
): z.infer<P> {
  return ruleOf(profile, rule).params;
}

/** The one list of platforms exempt from the update rules (set on no-update-2w, RULES §2). */
export function exemptPlatformsOf(profile: ResolvedProfile): readonly string[] {
  return paramsOf(profile, noUpdate2w).exemptPlatforms;
}

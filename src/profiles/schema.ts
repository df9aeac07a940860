import { z } from "zod";
import { citeText } from "../rules/citations.js";
import { SEVERITIES } from "../rules/define.js";
import type { Settable } from "../rules/manual.js";

/**
 * The engine's keys of a rule's settings (the same in a profile, the config file and flags): whether
 * the rule runs and what an occurrence costs. The rule's own parameters sit beside them.
 */
export const ENGINE_SETTINGS = {
  enabled: z
    .boolean()
    .optional()
    .describe(
      "run the rule (false: switched off, its findings are not reported; a manual-only indicator's findings rows give no finding, while an automatic rule's id still lists the inspectors')",
    ),
  severity: z
    .enum(SEVERITIES)
    .optional()
    .describe(
      "veto: fails the account; deduct: costs points; violation / warning: reported, 0 points unless pointsEach is given with it",
    ),
  pointsEach: z
    .number()
    .min(0)
    .optional()
    .describe("points deducted per occurrence (deductions scoring only)"),
  cap: z
    .number()
    .min(0)
    .nullable()
    .optional()
    .describe("most points the rule may cost an account in all; null = no cap"),
  source: z
    .string()
    .min(1)
    .optional()
    .describe(
      "the document and clause its findings cite (依据), replacing the built-in citation, e.g. 鄂政办发〔2019〕1号 第五条",
    ),
};

/** A setting a profile or the config may carry anywhere. */
export const comment = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .describe("a note for people (JSON has no comments): ignored by gmaudit");

type Shape = Record<string, z.ZodType>;

export function paramShape(rule: Pick<Settable, "params">): Shape {
  return rule.params.shape as Shape;
}

/**
 * The settings one rule or manual-only indicator accepts in a profile or the config: the engine's keys
 * and the rule's own parameters (a manual indicator has none), all optional (what is not given comes
 * from the layer below), nothing else.
 */
export function ruleEntrySchema(rule: Settable) {
  const params = Object.fromEntries(
    Object.entries(paramShape(rule)).map(([key, schema]) => [key, schema.optional()]),
  );
  const kind = rule.manual ? "Manual indicator (findings input). " : "";
  return z
    .object({ $comment: comment, ...ENGINE_SETTINGS, ...params })
    .strict()
    .describe(
      `${rule.indicator.zh} (${rule.indicator.en}). ${kind}${citeText(rule.source.default, "short")}`,
    );
}

export const ENGINE_KEYS: readonly string[] = Object.keys(ENGINE_SETTINGS);

/** Per-rule settings in a profile or config: the engine's keys, then the rule's own parameters. */
export const ruleSettingsSchema = z.object(ENGINE_SETTINGS).catchall(z.unknown());

export type RuleSettings = z.infer<typeof ruleSettingsSchema>;

/**
 * The annual supervision assessment of units a profile applies (RULES §6, `gmaudit assess`): the
 * built-in model, with items switched off or repriced (ids: `gmaudit assess --help`).
 */
export const assessmentSettingsSchema = z
  .object({
    model: z.enum(["kunshan"]).optional().describe("the built-in assessment (昆政办发〔2019〕162号 附件3)"),
    items: z
      .record(
        z.string(),
        z
          .object({
            enabled: z.boolean().optional(),
            points: z.number().min(0).optional().describe("points per occurrence (deduction or bonus)"),
            cap: z.number().min(0).optional().describe("most points of the item"),
          })
          .strict(),
      )
      .default({}),
  })
  .strict();

export type AssessmentSettings = z.infer<typeof assessmentSettingsSchema>;

export const profileSchema = z
  .object({
    $schema: z.string().optional(),
    $comment: z.union([z.string(), z.array(z.string())]).optional(),
    id: z.string().min(1),
    name: z.string().min(1),
    description: z.string().optional(),
    /** The description in Chinese (`gmaudit profiles` shows it; `description` is the English). */
    descriptionZh: z.string().optional(),
    extends: z.string().optional(),
    scoring: z.enum(["deductions", "veto-only"]).optional(),
    passScore: z.number().min(0).max(100).optional(),
    source: z.string().optional(),
    rules: z.record(z.string(), ruleSettingsSchema).default({}),
    assessment: assessmentSettingsSchema.optional(),
  })
  .strict();

export type ProfileSpec = z.infer<typeof profileSchema>;

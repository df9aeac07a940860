import { z } from "zod";
import { SEVERITIES } from "../rules/define.js";

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
};

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
    extends: z.string().optional(),
    scoring: z.enum(["deductions", "veto-only"]).optional(),
    passScore: z.number().min(0).max(100).optional(),
    source: z.string().optional(),
    rules: z.record(z.string(), ruleSettingsSchema).default({}),
    assessment: assessmentSettingsSchema.optional(),
  })
  .strict();

export type ProfileSpec = z.infer<typeof profileSchema>;

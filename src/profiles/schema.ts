import { z } from "zod";
import { SEVERITIES } from "../rules/define.js";

/** Per-rule settings in a profile or config: the engine's keys, then the rule's own parameters. */
export const ruleSettingsSchema = z
  .object({
    enabled: z.boolean().optional(),
    severity: z.enum(SEVERITIES).optional(),
    pointsEach: z.number().min(0).optional(),
    cap: z.number().min(0).nullable().optional(),
  })
  .catchall(z.unknown());

export type RuleSettings = z.infer<typeof ruleSettingsSchema>;

export const profileSchema = z
  .object({
    $schema: z.string().optional(),
    id: z.string().min(1),
    name: z.string().min(1),
    description: z.string().optional(),
    extends: z.string().optional(),
    scoring: z.enum(["deductions", "veto-only"]).optional(),
    passScore: z.number().min(0).max(100).optional(),
    source: z.string().optional(),
    rules: z.record(z.string(), ruleSettingsSchema).default({}),
  })
  .strict();

export type ProfileSpec = z.infer<typeof profileSchema>;

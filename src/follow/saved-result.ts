import { readFileSync } from "node:fs";
import { z } from "zod";
import { GmauditError } from "../errors.js";
import { message } from "../i18n.js";
import type { RectificationRecord } from "./assessment.js";

/**
 * A saved `gmaudit check --format json` result, read back for `gmaudit diff`. Only the keys the
 * follow-up needs are checked; the rest of the document is kept as written.
 */
const findingSchema = z.object({
  accountId: z.string(),
  hostUnit: z.string(),
  rule: z.string(),
  messageId: z.string(),
  indicator: z.string(),
  severity: z.string(),
  message: z.string(),
  evidence: z.record(z.string(), z.unknown()),
  source: z.string(),
  rectification: z.enum(["rectifiable", "historical", "advisory"]),
  key: z.string().nullable(),
});

const accountSchema = z.object({
  accountId: z.string(),
  name: z.string(),
  platform: z.string(),
  hostUnit: z.string(),
  status: z.string(),
  findings: z.array(findingSchema),
  notEvaluated: z.array(z.object({ rule: z.string(), reason: z.string() })).default([]),
});

const unitSchema = z.object({ hostUnit: z.string(), findings: z.array(findingSchema) });

export const savedResultSchema = z.object({
  tool: z.literal("gmaudit"),
  profile: z.string(),
  asOf: z.string(),
  from: z.string(),
  period: z.string().nullable().optional(),
  missingInputs: z.array(z.string()).default([]),
  dataIncomplete: z.boolean().default(false),
  accounts: z.array(accountSchema),
  units: z.array(unitSchema).default([]),
});

export type SavedFinding = z.infer<typeof findingSchema>;
export type SavedAccount = z.infer<typeof accountSchema>;
export type SavedResult = z.infer<typeof savedResultSchema> & { file: string; asOfMs: number };

const TEXT = {
  unreadable: {
    zh: (file: string, why: string) => `无法读取 ${file}：${why}`,
    en: (file: string, why: string) => `cannot read ${file}: ${why}`,
  },
  notResult: {
    zh: (file: string) =>
      `${file} 不是本版本 gmaudit check 的 JSON 结果（需 gmaudit check --format json 生成，且含问题的 rectification/key 字段）`,
    en: (file: string) =>
      `${file} is not a JSON result of this version of gmaudit check (write one with gmaudit check --format json; its findings need rectification and key)`,
  },
  badTime: {
    zh: (file: string, value: string) => `${file}：监测时间点 ${value} 无法识别`,
    en: (file: string, value: string) => `${file}: cannot read the monitoring time ${value}`,
  },
} as const;

/** The text of a saved file; a file that cannot be read is an input error (exit 2). */
function readSaved(file: string, shownAs: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (err) {
    throw new GmauditError(
      message(
        "diff.unreadable",
        TEXT.unreadable.zh(shownAs, (err as Error).message),
        TEXT.unreadable.en(shownAs, (err as Error).message),
      ),
    );
  }
}

/** Reads and checks a saved result; every problem is an input error (exit 2) in `lang`. */
export function readSavedResult(file: string, shownAs: string): SavedResult {
  let raw: unknown;
  try {
    raw = JSON.parse(readSaved(file, shownAs).replace(/^\uFEFF/, ""));
  } catch (err) {
    if (err instanceof GmauditError) throw err;
    throw new GmauditError(
      message(
        "diff.unreadable",
        TEXT.unreadable.zh(shownAs, (err as Error).message),
        TEXT.unreadable.en(shownAs, (err as Error).message),
      ),
    );
  }
  const parsed = savedResultSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? `${issue.path.join(".")}: ${issue.message}` : "";
    throw new GmauditError(
      message("diff.notResult", TEXT.notResult.zh(shownAs), TEXT.notResult.en(shownAs)),
      where ? [`  ${where}`] : [],
    );
  }
  const asOfMs = Date.parse(parsed.data.asOf);
  if (Number.isNaN(asOfMs))
    throw new GmauditError(
      message(
        "diff.badTime",
        TEXT.badTime.zh(shownAs, parsed.data.asOf),
        TEXT.badTime.en(shownAs, parsed.data.asOf),
      ),
    );
  return { ...parsed.data, file: shownAs, asOfMs };
}

const savedDiffSchema = z.object({
  tool: z.literal("gmaudit"),
  kind: z.literal("diff"),
  baseline: z.object({ asOf: z.string() }),
  recheck: z.object({ asOf: z.string() }),
  units: z.array(z.object({ hostUnit: z.string(), outstanding: z.number(), notRechecked: z.number() })),
});

/** A saved `gmaudit diff --format json`, for the 通报整改 item of `gmaudit assess`. */
export function readSavedDiff(file: string, shownAs: string): RectificationRecord {
  const notDiff = (why: string) =>
    new GmauditError(
      message(
        "diff.saved-1",
        `${shownAs} 不是 gmaudit diff --format json 的结果`,
        `${shownAs} is not a result of gmaudit diff --format json`,
      ),
      [`  ${why}`],
    );
  const text = readSaved(file, shownAs);
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (err) {
    throw notDiff((err as Error).message);
  }
  const parsed = savedDiffSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw notDiff(issue ? `${issue.path.join(".")}: ${issue.message}` : "");
  }
  const { baseline, recheck, units } = parsed.data;
  return { file: shownAs, baselineAsOf: baseline.asOf, recheckAsOf: recheck.asOf, units };
}

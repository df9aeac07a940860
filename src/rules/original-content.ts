import { z } from "zod";
import { activeThroughout } from "../audit/facts.js";
import { civilDate } from "../time/zone.js";
import { exemption } from "./common.js";
import { defineRule, type Occurrence } from "./define.js";

export default defineRule({
  id: "original-content",
  indicator: { zh: "原创信息", en: "Original content" },
  source: "000 每周至少发布1条原创信息; 001 第十九条 每两周至少发布1条原创信息; 002, 004 提高原创比例",
  defaults: { severity: "violation" },
  params: z.object({
    windowWeeks: z.number().int().min(1).default(2).describe("complete weeks per block"),
    minPerWindow: z.number().int().min(0).default(1).describe("original posts required in each block"),
    minRatio: z.number().min(0).max(1).optional().describe("minimum share of original posts in the window"),
  }),
  needs: ["posts"],
  interpretation:
    "The sources disagree on the number, so the rule takes it as parameters: 000 asks for " +
    "“每周至少发布1条原创信息” (the `municipal` profile: `windowWeeks` 1), 001 第十九条 for " +
    "“原则上每两周至少发布1条原创信息” (`jiangsu`, the default: `windowWeeks` 2, `minPerWindow` 1), and " +
    "002 and 004 only to raise the share of original content without a figure (`kunshan`: " +
    "`minPerWindow` 0, the ratio is reported and nothing is required). The complete natural weeks of " +
    "the window are cut into blocks of `windowWeeks`, counted backwards from the last complete week " +
    "before T, so the most recent weeks are always judged together; a leftover week at the start of the " +
    "window is not judged. A block is judged only when the account was active throughout it, and a " +
    "block with fewer than `minPerWindow` original posts is one occurrence. A window with fewer complete " +
    "weeks than one block (e.g. a weekly run against the 2-week rule) is not evaluated, unless `minRatio` " +
    "is set. A post is original only " +
    "when its `original` flag says so (原创, 是, true); a blank flag, 转载 or 否 is a repost (PRODUCT " +
    "§1.2): an original post the export does not mark as one does not count. A posts file (CSV/TSV) " +
    "without any original column says nothing either way: the rule is then not evaluated (and " +
    "`originalPosts`/`originalRatio` are null). When `minRatio` is set, originalPosts ÷ posts " +
    "in the window below it is one more occurrence; the `originalRatio` metric is always reported. No " +
    "source attaches points to this requirement, so it is a violation worth 0 points unless a profile " +
    "prices it. Apps and mini programs (`exemptPlatforms`) are not evaluated.",
  messages: {
    "few-originals": {
      zh: "{from}至{to}原创信息{originals}条，少于{min}条",
      en: "{originals} original posts from {from} to {to}, fewer than {min}",
    },
    "low-ratio": {
      zh: "原创率{ratio}，低于{minRatio}",
      en: "Original share {ratio} is below {minRatio}",
    },
  },
  rectification: { "few-originals": "historical", "low-ratio": "historical" },
  evaluate(facts, params, ctx) {
    const exempt = exemption(facts, ctx.exemptPlatforms);
    if (exempt) return exempt;
    const posts = facts.posts;
    if (!posts) return [];
    if (ctx.noOriginalColumn) return { notEvaluated: "the posts file has no 是否原创 (original) column" };
    const { weeks } = ctx.window;
    const size = params.windowWeeks;
    // A window shorter than one block (a weekly run against a 2-week rule) judges nothing: say so,
    // rather than pass the account silently — unless the ratio is still judged.
    if (weeks.length < size && params.minPerWindow > 0 && params.minRatio === undefined) {
      return {
        notEvaluated: `the window holds ${weeks.length} complete week(s), fewer than a block of ${size}`,
      };
    }
    const occurrences: Occurrence[] = [];
    // Blocks are counted backwards from the last complete week; a leftover week at the start is not judged.
    for (let end = weeks.length; end - size >= 0; end -= size) {
      const first = weeks[end - size]!;
      const last = weeks[end - 1]!;
      // A block is judged only when the account was active throughout it (as for weekly-update).
      if (!activeThroughout(facts, first.monday, last.monday + 6)) continue;
      let originals = 0;
      for (let i = end - size; i < end; i++) originals += posts.weekOriginals[i]!;
      if (originals >= params.minPerWindow) continue;
      const data = {
        from: civilDate(first.monday),
        to: civilDate(last.monday + 6),
        originals,
        min: params.minPerWindow,
      };
      occurrences.push({ messageId: "few-originals", data, evidence: data, occurredAt: first.start });
    }
    occurrences.reverse();
    if (params.minRatio !== undefined && posts.inWindow > 0) {
      const ratio = posts.originalsInWindow / posts.inWindow;
      if (ratio < params.minRatio) {
        occurrences.push({
          messageId: "low-ratio",
          data: { ratio: percent(ratio), minRatio: percent(params.minRatio) },
          evidence: {
            originalPosts: posts.originalsInWindow,
            posts: posts.inWindow,
            ratio,
            minRatio: params.minRatio,
          },
        });
      }
    }
    return occurrences;
  },
});

function percent(x: number): string {
  return `${Math.round(x * 1000) / 10}%`;
}

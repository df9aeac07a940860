import { z } from "zod";
import { activeThroughout } from "../facts/facts.js";
import { civilDate } from "../time/zone.js";
import { exemption } from "./common.js";
import { defineRule, type Occurrence } from "./define.js";

export default defineRule({
  id: "original-content",
  indicator: { zh: "原创信息", en: "Original content" },
  source: {
    default: [
      { doc: "nantong", clause: "第十九条（每两周至少发布1条原创信息）" },
      { doc: "m000", clause: "每周至少发布1条原创信息" },
    ],
    byDocument: {
      m000: [{ doc: "m000", clause: "每周至少发布1条原创信息" }],
      nantong: [{ doc: "nantong", clause: "第十九条" }],
      kunshan: [{ doc: "kunshan", clause: "二（四）（逐步提高原创比例）" }],
    },
  },
  defaults: { severity: "violation" },
  params: z.object({
    windowWeeks: z.number().int().min(1).default(2).describe("complete weeks per block"),
    minPerWindow: z.number().int().min(0).default(1).describe("original posts required in each block"),
    minRatio: z.number().min(0).max(1).optional().describe("minimum share of original posts in the window"),
  }),
  // Without an original column nothing tells originals from reposts (a blank cell is a repost).
  needs: ["posts", "posts.original"],
  interpretation: [
    "The sources disagree on the number, so the rule takes it as parameters. The municipal notice asks for “每周至少发布1条原创信息” (`municipal`: `windowWeeks` 1). The Nantong measures (第十九条) ask for “原则上每两周至少发布1条原创信息” (`jiangsu`, the default: `windowWeeks` 2, `minPerWindow` 1). The Dongxiang notice and 昆政办发〔2019〕162号 only ask to raise the share of original content (`kunshan`: `minPerWindow` 0, the ratio is reported).",
    "The complete natural weeks of the window are cut into blocks of `windowWeeks`, counted backwards from the last complete week before T, so the most recent weeks are judged together. A leftover week at the start of the window is not judged.",
    "A block is judged only when the account was active throughout it; a block with fewer than `minPerWindow` original posts is one occurrence. A window shorter than one block is not evaluated, unless `minRatio` is set.",
    "A post is original only when its flag says so (原创, 是, true); a blank flag, 转载 or 否 is a repost. A posts file without any original column says nothing either way: the rule is not evaluated (`originalPosts` and `originalRatio` are null).",
    "With `minRatio`, originalPosts ÷ posts in the window below it is one more occurrence. The `originalRatio` metric is always reported.",
    "No source prices this requirement: a violation, 0 points, unless a profile prices it. Apps and mini programs (`exemptPlatforms`) are not evaluated.",
  ],
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
    const { weeks } = ctx.window;
    const size = params.windowWeeks;
    // A window shorter than one block (a weekly run against a 2-week rule) judges nothing: say so,
    // rather than pass the account silently — unless the ratio is still judged.
    if (weeks.length < size && params.minPerWindow > 0 && params.minRatio === undefined) {
      return {
        notEvaluated: {
          zh: `监测期内仅有${weeks.length}个完整自然周，不足一个${size}周的考核周期`,
          en: `the window holds ${weeks.length} complete week(s), fewer than a block of ${size}`,
        },
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

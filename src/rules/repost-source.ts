import { z } from "zod";
import { MAX_EXAMPLES } from "../facts/facts.js";
import { defineRule, type Occurrence } from "./define.js";

export default defineRule({
  id: "repost-source",
  indicator: { zh: "转载未注明来源 / 非稿源单位", en: "Repost without source / from an unapproved source" },
  source: {
    default: [
      { doc: "m000", clause: "凡转载发布信息均要注明来源" },
      { doc: "nantong", clause: "第二十一条" },
    ],
    byDocument: {
      m000: [{ doc: "m000", clause: "凡转载发布信息均要注明来源" }],
      nantong: [{ doc: "nantong", clause: "第二十一条" }],
      dongxiang: [{ doc: "dongxiang", clause: "四（二）" }],
      kunshan: [{ doc: "kunshan", clause: "二（四）" }],
    },
  },
  defaults: { severity: "violation" },
  params: z.object({
    approvedSources: z
      .array(z.string().min(1))
      .default([])
      .describe("approved source units (稿源单位); empty = not checked"),
  }),
  // Without an original column every post would count as a repost; without a source column every
  // repost would seem to lack its source.
  needs: ["posts", "posts.original", "posts.source"],
  interpretation: [
    "The municipal notice: “凡转载发布信息，均要注明来源，原则上只转载党委、政府以及有关主管部门确定的稿源单位信息”. The Nantong measures (第二十一条), the Dongxiang notice (四（二）) and 昆政办发〔2019〕162号 (二（四）) say the same.",
    "A repost (original flag blank, 转载 or 否) published in the audit window with a blank `source` breaks a hard rule (均要). Each one is an occurrence, reported as one finding per account with the total count and up to five post ids or titles.",
    "A posts file without any original column, or without any source column, cannot tell: the rule is not evaluated.",
    "The approved-source list is a principle (原则上) and local. With `approvedSources` set (in a profile, or the config's top-level shorthand), a repost whose source names none of the approved units is a warning that never costs points. With an empty list that check is off.",
    "Sources are compared after NFKC normalisation, lower-casing and removing spaces, punctuation and symbols; a source matches when it contains an approved name (`新华社客户端` is from 新华社). Original posts are never checked.",
  ],
  messages: {
    "no-source": {
      zh: "{count}条转载信息未注明来源",
      en: "{count} reposts do not name their source",
    },
    "unapproved-source": {
      zh: "{count}条转载信息来源不在稿源单位名单内（{sources}）",
      en: "{count} reposts come from sources not on the approved list ({sources})",
    },
  },
  rectification: { "no-source": "historical", "unapproved-source": "historical" },
  evaluate(facts, params) {
    const posts = facts.posts;
    if (!posts) return [];
    const occurrences: Occurrence[] = [];
    const missing = posts.repostsWithoutSource;
    if (missing.count > 0) {
      occurrences.push({
        messageId: "no-source",
        count: missing.count,
        data: { count: missing.count },
        evidence: { count: missing.count, examples: missing.examples },
      });
    }
    // Gathered while reading, against the same list (collectFacts is given `approvedSources`).
    const unapproved = posts.unapprovedSources;
    if (params.approvedSources.length > 0 && unapproved !== undefined && unapproved.count > 0) {
      const { count } = unapproved;
      // By source name: the list must not depend on the order of the posts.
      const shown = unapproved.sources.map((source) => source.name);
      const examples = unapproved.sources.flatMap((source) => source.reposts.examples).slice(0, MAX_EXAMPLES);
      occurrences.push({
        messageId: "unapproved-source",
        advisory: "warning",
        count,
        data: { count, sources: shown.join("、") + (unapproved.more ? "…" : "") },
        evidence: { count, sources: shown, examples },
      });
    }
    return occurrences;
  },
});

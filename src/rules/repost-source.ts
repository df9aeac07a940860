import { z } from "zod";
import { MAX_EXAMPLES } from "../audit/facts.js";
import { defineRule, type Occurrence } from "./define.js";

export default defineRule({
  id: "repost-source",
  indicator: { zh: "转载未注明来源 / 非稿源单位", en: "Repost without source / from an unapproved source" },
  source: "000 凡转载发布信息均要注明来源; 001 第二十一条; 002 四(二); 004 二(四)",
  defaults: { severity: "violation" },
  params: z.object({
    approvedSources: z
      .array(z.string().min(1))
      .default([])
      .describe("approved source units (稿源单位); empty = not checked"),
  }),
  needs: ["posts"],
  interpretation:
    "000 says “凡转载发布信息，均要注明来源，原则上只转载党委、政府以及有关主管部门确定的稿源单位信息”; " +
    "001 第二十一条, 002 四(二) and 004 二(四) say the same. Two readings follow. First, a repost (a " +
    "post whose `original` flag is blank, 转载 or 否; a posts file without any original column tells " +
    "nothing, and the rule is then not evaluated; so does a posts file without any source column: " +
    "every repost would seem to lack one) published in the audit window with a blank " +
    "`source` breaks a hard rule (均要): each one is an occurrence, reported as one finding per account " +
    "with the total count and up to five post ids or titles as evidence. Second, the approved-source " +
    "list is a principle (原则上) and its content is local: when `approvedSources` is set (in a " +
    "profile, or in gmaudit.config.json, where the top-level `approvedSources` is a shorthand for this " +
    "parameter), a repost whose source names none of the approved units is a warning that never costs " +
    "points, whatever the profile gives the rule. Sources are compared after NFKC normalisation, " +
    "lower-casing and removing spaces, punctuation and symbols, and a source matches when it contains " +
    "an approved name (`新华社客户端` is from 新华社). With an empty list the second check is off. " +
    "Original posts are never checked.",
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
  evaluate(facts, params, ctx) {
    const posts = facts.posts;
    if (!posts) return [];
    // Without an original column every post would count as a repost.
    if (ctx.noOriginalColumn) return { notEvaluated: "the posts file has no 是否原创 (original) column" };
    // Without a source column every repost would seem to lack its source.
    if (ctx.noSourceColumn) return { notEvaluated: "the posts file has no 来源 (source) column" };
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

import { addLazyExample, type CountWithExamples, MAX_EXAMPLES } from "./examples.js";

/** Compare sources ignoring width, case, spaces and punctuation (e.g. "新华社 " ~ "新华社"). */
export function normaliseSource(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]/gu, "");
}

/**
 * Reposts from sources not on the approved list (rule repost-source), kept in bounded memory: the
 * total, and the MAX_EXAMPLES sources first by name with their earliest examples — all the rule
 * shows (it lists sources by name and takes examples from them in that order, each source giving at
 * least one). A source that is not among them can never come back: the names kept only get smaller.
 */
export interface UnapprovedSources {
  /** Reposts in W whose source is not approved. */
  count: number;
  /** The first MAX_EXAMPLES sources by name (as written, trimmed), in name order. */
  sources: { name: string; reposts: CountWithExamples }[];
  /** More sources than those kept were seen. */
  more: boolean;
}

export function emptyUnapprovedSources(): UnapprovedSources {
  return { count: 0, sources: [], more: false };
}

/** Decides whether a source names an approved unit (it contains one, once normalised); cached. */
export class SourceApproval {
  private readonly approved: readonly string[];
  private readonly known = new Map<string, boolean>();

  constructor(approvedSources: readonly string[]) {
    this.approved = approvedSources.map(normaliseSource);
  }

  /** Is the list empty (the check is off)? */
  get off(): boolean {
    return this.approved.length === 0;
  }

  isApproved(source: string): boolean {
    let approved = this.known.get(source);
    if (approved === undefined) {
      const key = normaliseSource(source);
      approved = this.approved.some((a) => key.includes(a));
      // Sources are few in practice; the cache is bounded all the same (free text could be anything).
      if (this.known.size >= 4096) this.known.clear();
      this.known.set(source, approved);
    }
    return approved;
  }
}

/** Counts one repost from an unapproved `source`; `example` makes its evidence text when kept. */
export function addUnapproved(
  target: UnapprovedSources,
  source: string,
  example: () => string,
  at: number,
): void {
  target.count++;
  const { sources } = target;
  let i = 0;
  while (i < sources.length && sources[i]!.name < source) i++;
  let kept = sources[i];
  if (kept === undefined || kept.name !== source) {
    if (i >= MAX_EXAMPLES) {
      target.more = true;
      return;
    }
    kept = { name: source, reposts: { count: 0, examples: [] } };
    sources.splice(i, 0, kept);
    if (sources.length > MAX_EXAMPLES) {
      sources.pop();
      target.more = true;
    }
  }
  addLazyExample(kept.reposts, example, at);
}

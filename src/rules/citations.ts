/**
 * The source documents and how outputs cite them (spec SOURCES.md): by title and clause, never by the
 * numbers the specification gives them. Which clause a rule cites depends on the profile in force:
 * a rule lists its citations by document, and the document of the profile (or of the profile it
 * extends) is cited first and alone when the rule has one of its clauses.
 */

/** The documents, keyed as SOURCES.md keys them (internal keys: never shown). */
export const DOCUMENTS = {
  nat: {
    full: "国务院办公厅秘书局《政府网站与政务新媒体检查指标》《政府网站与政务新媒体监管工作年度考核指标》（国办秘函〔2019〕19号）",
    short: "国办秘函〔2019〕19号",
  },
  js: {
    full: "江苏省人民政府办公厅《关于推进政务新媒体健康有序发展的实施意见》（苏政办发〔2019〕56号）",
    short: "苏政办发〔2019〕56号",
  },
  m000: {
    full: "某设区市人民政府办公室《关于进一步规范和加强政务新媒体管理工作的通知》（江苏省，依据苏政办发〔2019〕56号；本工具所据为其政策解读）",
    short: "市政府办公室《关于进一步规范和加强政务新媒体管理工作的通知》",
  },
  nantong: {
    full: "南通市人民政府办公室印发《南通市政务新媒体管理办法（试行）》（2019年10月10日）",
    short: "《南通市政务新媒体管理办法（试行）》",
  },
  dongxiang: {
    full: "东乡族自治县人民政府办公室《关于进一步做好全县政务新媒体工作的通知》",
    short: "东乡族自治县政府办《关于进一步做好全县政务新媒体工作的通知》",
  },
  zhejiang: {
    full: "浙江省人民政府办公厅《关于全面推进基层政务新媒体规范化建设工作的实施意见》（浙政办发〔2022〕15号）",
    short: "浙政办发〔2022〕15号",
  },
  kunshan: {
    // SOURCES.md's full title also lists the annexes (附件2《政务新媒体检查指标》, 附件3《政务新媒体监管工作
    // 年度考核指标》, 附件4《备案登记表》); a citation names the annex in its clause instead.
    full: "昆山市人民政府办公室《关于推进政务新媒体健康有序发展的实施意见》（昆政办发〔2019〕162号）",
    short: "昆政办发〔2019〕162号",
  },
} as const;

export type DocumentKey = keyof typeof DOCUMENTS;

/** One clause of one document, as the document writes it (第十五条, 二（二）, 附件2「内容更新不及时」). */
export interface Citation {
  doc: DocumentKey;
  clause: string;
}

/**
 * A rule's sources: `default` where no profile document has a clause of it (the Jiangsu default and
 * the national profile), and the clauses of each document that has one. The national veto items cite
 * the national indicators whatever the profile.
 */
export interface RuleSources {
  default: readonly Citation[];
  byDocument?: Partial<Record<DocumentKey, readonly Citation[]>>;
}

/** The document each built-in profile holds (SOURCES.md: the profile in force is cited first). */
export const PROFILE_DOCUMENTS: Readonly<Record<string, DocumentKey>> = {
  national: "nat",
  jiangsu: "js",
  municipal: "m000",
  nantong: "nantong",
  dongxiang: "dongxiang",
  zhejiang: "zhejiang",
  kunshan: "kunshan",
};

/** One citation in the short (tables, CSV 依据) or full (rule pages, reports) form. */
export function citationText(citation: Citation, form: "short" | "full"): string {
  const title = DOCUMENTS[citation.doc][form];
  if (citation.clause === "") return title;
  // A clause after a closing bracket or 》 reads on; after a document number it needs a space.
  return /[》）]$/.test(title) ? `${title}${citation.clause}` : `${title} ${citation.clause}`;
}

/**
 * The citations a finding gives under a profile chain (base first, e.g. national → jiangsu → kunshan):
 * those of the nearest profile's document that the rule cites, else the rule's default.
 */
export function citationsFor(sources: RuleSources, chain: readonly string[]): readonly Citation[] {
  for (let i = chain.length - 1; i >= 0; i--) {
    const doc = PROFILE_DOCUMENTS[chain[i]!];
    const cited = doc === undefined ? undefined : sources.byDocument?.[doc];
    if (cited !== undefined) return cited;
  }
  return sources.default;
}

/** Citations joined as one 依据 text; clauses of one document follow its title once (二（二）、附件3). */
export function citeText(citations: readonly Citation[], form: "short" | "full"): string {
  const grouped: Citation[] = [];
  for (const c of citations) {
    const last = grouped[grouped.length - 1];
    if (last !== undefined && last.doc === c.doc) last.clause = `${last.clause}、${c.clause}`;
    else grouped.push({ ...c });
  }
  return grouped.map((c) => citationText(c, form)).join("；");
}

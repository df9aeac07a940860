import type { AccountRecord, FilingRecord, FindingRecord, MessageRecord, PostRecord } from "./schemas.js";

/**
 * The five input tables of PRODUCT §1: per column its canonical name, the Chinese aliases a header may
 * use instead, its value type and whether it is required. Aliases belong to a table: 编号 is the
 * account id in the registry but the message id in the message log.
 */

export const TABLE_KINDS = ["accounts", "posts", "messages", "filings", "findings"] as const;
export type TableKind = (typeof TABLE_KINDS)[number];

export type ValueType =
  | "text"
  | "integer"
  | "count"
  | "boolean"
  | "original"
  | "date"
  | "datetime"
  | "platform"
  | "account_type"
  | "opened_by"
  | "status"
  | "operator_type"
  | "category"
  | "event";

export interface ColumnSpec {
  /** Canonical name: the English header, snake_case (`account_id`). */
  readonly name: string;
  /** The record field it fills, camelCase (`accountId`). */
  readonly field: string;
  /** Chinese headers that mean the same column, in order of preference. */
  readonly aliases: readonly string[];
  readonly type: ValueType;
  readonly required: boolean;
  /**
   * Aliases that exports also use for something else (类型 is the content type 图文/视频 in many CMS
   * exports): a refused value under such a header says which column it was taken for.
   */
  readonly looseAliases?: readonly string[];
}

export interface TableSpec {
  readonly kind: TableKind;
  /** What the table is called in the exports (for messages and `init` templates). */
  readonly title: string;
  readonly columns: readonly ColumnSpec[];
}

/** The record type each table yields. */
export interface RecordTypes {
  accounts: AccountRecord;
  posts: PostRecord;
  messages: MessageRecord;
  filings: FilingRecord;
  findings: FindingRecord;
}
export type RecordOf<K extends TableKind> = RecordTypes[K];

function camelCase(name: string): string {
  return name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

function column(name: string, aliases: readonly string[], type: ValueType, required = false): ColumnSpec {
  return { name, field: camelCase(name), aliases, type, required };
}

/** 类型 names the original flag or the message category, but is also the content type (图文, 视频). */
const LOOSE = ["类型"];

function loose(spec: ColumnSpec): ColumnSpec {
  return { ...spec, looseAliases: spec.aliases.filter((a) => LOOSE.includes(a)) };
}

const REQUIRED = true;

export const TABLES: { readonly [K in TableKind]: TableSpec & { readonly kind: K } } = {
  accounts: {
    kind: "accounts",
    title: "备案台账",
    columns: [
      column("account_id", ["账号ID", "账号编号", "编号", "序号ID"], "text", REQUIRED),
      column("name", ["账号名称", "名称"], "text", REQUIRED),
      column("platform", ["平台", "账号平台", "所属平台"], "platform", REQUIRED),
      column("account_type", ["账号类型"], "account_type"),
      column("host_unit", ["主办单位", "开设主体单位"], "text", REQUIRED),
      column("unit_category", ["单位类别", "类别"], "text"),
      column("opened_by", ["开设主体", "开设名义"], "opened_by"),
      column("opened_at", ["开设日期", "开通时间", "开设时间"], "date"),
      column("status", ["状态", "运行状态"], "status"),
      column("closed_at", ["关停日期", "注销日期"], "date"),
      column("verified_info", ["认证信息", "认证主体"], "text"),
      column("interaction", ["互动功能", "是否有互动功能"], "boolean"),
      column("followers", ["粉丝数", "关注数", "订阅数"], "integer"),
      column("operator", ["运营单位", "运维单位"], "text"),
      column("operator_type", ["运营主体类型"], "operator_type"),
      column("url", ["账号链接"], "text"),
    ],
  },
  posts: {
    kind: "posts",
    title: "发布记录",
    columns: [
      column("post_id", ["文章ID", "信息ID", "稿件ID"], "text"),
      column("account_id", ["账号ID", "账号编号"], "text", REQUIRED),
      column("published_at", ["发布时间", "发文时间"], "datetime", REQUIRED),
      loose(column("original", ["是否原创", "原创", "类型"], "original")),
      column("source", ["来源", "转载来源", "信息来源"], "text"),
      column("title", ["标题"], "text"),
      column("url", ["链接", "原文链接"], "text"),
      column("content", ["正文", "内容", "摘要"], "text"),
    ],
  },
  messages: {
    kind: "messages",
    title: "留言记录",
    columns: [
      column("message_id", ["留言ID", "编号"], "text"),
      column("account_id", ["账号ID"], "text", REQUIRED),
      column("received_at", ["留言时间", "提问时间", "咨询时间"], "datetime", REQUIRED),
      column("replied_at", ["回复时间", "答复时间"], "datetime"),
      loose(column("category", ["留言类型", "类型", "诉求类型"], "category")),
      column("content", ["留言内容"], "text"),
      column("reply", ["回复内容"], "text"),
    ],
  },
  filings: {
    kind: "filings",
    title: "备案记录",
    columns: [
      column("account_id", ["账号ID"], "text", REQUIRED),
      column("event", ["报备类别", "备案类型", "事项"], "event", REQUIRED),
      column("event_date", ["事项日期", "发生日期"], "date", REQUIRED),
      column("filed_at", ["报备日期", "备案日期"], "date"),
      column("approved_at", ["审批日期", "批准日期"], "date"),
      column("announced_at", ["公告日期"], "date"),
    ],
  },
  findings: {
    kind: "findings",
    title: "检查记录",
    columns: [
      column("account_id", ["账号ID"], "text", REQUIRED),
      column("indicator", ["指标", "问题类型"], "text", REQUIRED),
      column("found_at", ["发现日期", "检查日期"], "date"),
      column("count", ["次数", "数量"], "count"),
      column("note", ["说明", "问题描述"], "text"),
    ],
  },
};

export function requiredColumns(kind: TableKind): readonly ColumnSpec[] {
  return TABLES[kind].columns.filter((c) => c.required);
}

export function isTableKind(text: string): text is TableKind {
  return (TABLE_KINDS as readonly string[]).includes(text);
}

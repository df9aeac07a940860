import type { Localized } from "../i18n.js";
import {
  type AccountRecord,
  type FilingRecord,
  type FindingRecord,
  type MessageRecord,
  type PostRecord,
  tableFields,
} from "./schemas.js";

/**
 * The five input tables of PRODUCT §1: per column its canonical name, the Chinese aliases a header may
 * use instead, its value type and whether it is required. A column's aliases and type are declared
 * once, in COLUMNS, and shared by every table that has it; which columns a table has, in which order
 * and which are required, is its row schema's field list (schemas.ts), read here.
 */

export const TABLE_KINDS = ["accounts", "posts", "messages", "filings", "findings"] as const;
export type TableKind = (typeof TABLE_KINDS)[number];

/** What each table is called, in either language. */
export const TABLE_LABELS: Record<TableKind, Localized> = {
  accounts: { zh: "账号台账", en: "accounts" },
  posts: { zh: "发布记录", en: "posts" },
  messages: { zh: "留言记录", en: "messages" },
  filings: { zh: "备案记录", en: "filings" },
  findings: { zh: "检查记录", en: "findings" },
};

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
  /**
   * Not data of the table: the account's name or platform in an export without an account-id column,
   * read only to find the account in the registry (PRODUCT §1.7).
   */
  readonly matchOnly?: true;
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

/**
 * Every column of PRODUCT §1.1–1.5, declared once: its Chinese aliases (in order of preference) and
 * value type. A column has the same aliases in every table that has it (the account id is 账号编号 in
 * the posts as in the registry). `notIn`: an alias another column of that table owns (编号 is the
 * message id in the message log).
 */
interface ColumnDecl {
  readonly aliases: readonly string[];
  readonly type: ValueType;
  readonly notIn?: Partial<Record<TableKind, readonly string[]>>;
}

/** 类型 names the original flag or the message category, but is also the content type (图文, 视频). */
const LOOSE = ["类型"];

export const COLUMNS = {
  account_id: {
    aliases: ["账号ID", "账号编号", "编号", "序号ID"],
    type: "text",
    notIn: { messages: ["编号"] },
  },
  name: { aliases: ["账号名称", "名称"], type: "text" },
  platform: { aliases: ["平台", "账号平台", "所属平台", "平台类型"], type: "platform" },
  account_type: { aliases: ["账号类型"], type: "account_type" },
  host_unit: { aliases: ["主办单位", "开设主体单位"], type: "text" },
  unit_category: { aliases: ["单位类别", "类别"], type: "text" },
  opened_by: { aliases: ["开设主体", "开设名义"], type: "opened_by" },
  opened_at: { aliases: ["开设日期", "开通时间", "开设时间", "开通日期"], type: "date" },
  status: { aliases: ["状态", "运行状态", "账号状态", "运营状态"], type: "status" },
  closed_at: {
    aliases: ["关停日期", "注销日期", "关停时间", "注销时间", "停更时间"],
    type: "date",
  },
  verified_info: { aliases: ["认证信息", "认证主体", "认证名称"], type: "text" },
  interaction: { aliases: ["互动功能", "是否有互动功能"], type: "boolean" },
  followers: { aliases: ["粉丝数", "关注数", "订阅数"], type: "integer" },
  operator: { aliases: ["运营单位", "运维单位"], type: "text" },
  operator_type: { aliases: ["运营主体类型"], type: "operator_type" },
  // The account's link in the registry, the article's in the posts.
  url: { aliases: ["账号链接", "链接", "原文链接"], type: "text", notIn: { posts: ["账号链接"] } },
  post_id: { aliases: ["文章ID", "信息ID", "稿件ID"], type: "text" },
  published_at: {
    aliases: ["发布时间", "发文时间", "发表时间", "发布日期", "推送时间"],
    type: "datetime",
  },
  original: { aliases: ["是否原创", "原创", "原创/转载", "原创类型", "类型"], type: "original" },
  source: { aliases: ["来源", "转载来源", "信息来源"], type: "text" },
  title: { aliases: ["标题"], type: "text" },
  content: { aliases: ["正文", "内容", "摘要", "留言内容"], type: "text" },
  message_id: { aliases: ["留言ID", "编号"], type: "text" },
  received_at: { aliases: ["留言时间", "提问时间", "咨询时间"], type: "datetime" },
  replied_at: { aliases: ["回复时间", "答复时间"], type: "datetime" },
  category: { aliases: ["留言类型", "类型", "诉求类型"], type: "category" },
  reply: { aliases: ["回复内容"], type: "text" },
  event: { aliases: ["报备类别", "备案类型", "事项"], type: "event" },
  event_date: { aliases: ["事项日期", "发生日期", "事项发生日期"], type: "date" },
  filed_at: { aliases: ["报备日期", "备案日期"], type: "date" },
  approved_at: { aliases: ["审批日期", "批准日期"], type: "date" },
  announced_at: { aliases: ["公告日期"], type: "date" },
  indicator: { aliases: ["指标", "问题类型"], type: "text" },
  found_at: { aliases: ["发现日期", "检查日期"], type: "date" },
  count: { aliases: ["次数", "数量", "问题数量", "问题数"], type: "count" },
  note: { aliases: ["说明", "问题描述"], type: "text" },
} as const satisfies Record<string, ColumnDecl>;

export type ColumnName = keyof typeof COLUMNS;

export function isColumnName(text: string): text is ColumnName {
  return Object.hasOwn(COLUMNS, text);
}

/** Read only to find the account when the table has no account-id column (PRODUCT §1.7). */
const MATCH = "match";

function column(kind: TableKind, name: ColumnName, how?: "required" | typeof MATCH): ColumnSpec {
  const decl: ColumnDecl = COLUMNS[name];
  const excluded = decl.notIn?.[kind] ?? [];
  const aliases = decl.aliases.filter((a) => !excluded.includes(a));
  const looseAliases = aliases.filter((a) => LOOSE.includes(a));
  return {
    name,
    field: camelCase(name),
    aliases,
    type: decl.type,
    required: how === "required",
    ...(how === MATCH ? { matchOnly: true } : {}),
    ...(looseAliases.length > 0 ? { looseAliases } : {}),
  };
}

function snakeCase(field: string): string {
  return field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

const FIELDS = tableFields();

/**
 * A table's columns: its record fields in the order the row schema declares them (schemas.ts, the
 * one list of what each table holds), each with its COLUMNS aliases and type; then, outside the
 * registry, the name and platform an export without ids is matched by.
 */
function table<K extends TableKind>(kind: K, title: string): TableSpec & { readonly kind: K } {
  const specs = FIELDS[kind].map(({ field, required }) => {
    const name = snakeCase(field);
    if (!isColumnName(name)) throw new Error(`${kind}.${field} has no entry in COLUMNS`);
    return column(kind, name, required ? "required" : undefined);
  });
  const matching = kind === "accounts" ? [] : [column(kind, "name", MATCH), column(kind, "platform", MATCH)];
  return { kind, title, columns: [...specs, ...matching] };
}

export const TABLES: { readonly [K in TableKind]: TableSpec & { readonly kind: K } } = {
  accounts: table("accounts", "备案台账"),
  posts: table("posts", "发布记录"),
  messages: table("messages", "留言记录"),
  filings: table("filings", "备案记录"),
  findings: table("findings", "检查记录"),
};

export function requiredColumns(kind: TableKind): readonly ColumnSpec[] {
  return TABLES[kind].columns.filter((c) => c.required);
}

export function isTableKind(text: string): text is TableKind {
  return (TABLE_KINDS as readonly string[]).includes(text);
}

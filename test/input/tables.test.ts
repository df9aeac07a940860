import { describe, expect, it } from "vitest";
import { columnOf, headerKey, lookAlikeColumns, resolveHeader } from "../../src/input/header.js";
import { rowValidators } from "../../src/input/schemas.js";
import { isTableKind, requiredColumns, TABLE_KINDS, TABLES, type TableKind } from "../../src/input/tables.js";
import { Zone } from "../../src/time/zone.js";

/**
 * PRODUCT §1.1–1.5 written out: column → aliases, one list per column shared by every table that has
 * it (the account id is 账号编号 wherever it appears), the "also accepted" headers of §1.1 included.
 */
const ALIASES: Record<string, string[]> = {
  account_id: ["账号ID", "账号编号", "编号", "序号ID"],
  name: ["账号名称", "名称"],
  platform: ["平台", "账号平台", "所属平台", "平台类型"],
  account_type: ["账号类型"],
  host_unit: ["主办单位", "开设主体单位"],
  unit_category: ["单位类别", "类别"],
  opened_by: ["开设主体", "开设名义"],
  opened_at: ["开设日期", "开通时间", "开设时间", "开通日期"],
  status: ["状态", "运行状态", "账号状态", "运营状态"],
  closed_at: ["关停日期", "注销日期", "关停时间", "注销时间", "停更时间"],
  verified_info: ["认证信息", "认证主体", "认证名称"],
  interaction: ["互动功能", "是否有互动功能"],
  followers: ["粉丝数", "关注数", "订阅数"],
  operator: ["运营单位", "运维单位"],
  operator_type: ["运营主体类型"],
  url: ["账号链接", "链接", "原文链接"],
  post_id: ["文章ID", "信息ID", "稿件ID"],
  published_at: ["发布时间", "发文时间", "发表时间", "发布日期", "推送时间"],
  original: ["是否原创", "原创", "原创/转载", "原创类型", "类型"],
  source: ["来源", "转载来源", "信息来源"],
  title: ["标题"],
  content: ["正文", "内容", "摘要", "留言内容"],
  message_id: ["留言ID", "编号"],
  received_at: ["留言时间", "提问时间", "咨询时间"],
  replied_at: ["回复时间", "答复时间"],
  category: ["留言类型", "类型", "诉求类型"],
  reply: ["回复内容"],
  event: ["报备类别", "备案类型", "事项"],
  event_date: ["事项日期", "发生日期", "事项发生日期"],
  filed_at: ["报备日期", "备案日期"],
  approved_at: ["审批日期", "批准日期"],
  announced_at: ["公告日期"],
  indicator: ["指标", "问题类型"],
  found_at: ["发现日期", "检查日期"],
  count: ["次数", "数量", "问题数量", "问题数"],
  note: ["说明", "问题描述"],
};

/** An alias a table leaves to another of its columns: 编号 is the message id in the message log. */
const NOT_IN: Partial<Record<TableKind, Record<string, string[]>>> = {
  messages: { account_id: ["编号"] },
  posts: { url: ["账号链接"] },
};

/** Each table's columns (PRODUCT §1.1–1.5) → required; name and platform match exports without ids (§1.7). */
const SPEC: Record<TableKind, Record<string, boolean>> = {
  accounts: {
    account_id: true,
    name: true,
    platform: true,
    account_type: false,
    host_unit: true,
    unit_category: false,
    opened_by: false,
    opened_at: false,
    status: false,
    closed_at: false,
    verified_info: false,
    interaction: false,
    followers: false,
    operator: false,
    operator_type: false,
    url: false,
  },
  posts: {
    post_id: false,
    account_id: true,
    published_at: true,
    original: false,
    source: false,
    title: false,
    url: false,
    content: false,
  },
  messages: {
    message_id: false,
    account_id: true,
    received_at: true,
    replied_at: false,
    category: false,
    content: false,
    reply: false,
  },
  filings: {
    account_id: true,
    event: true,
    event_date: true,
    filed_at: false,
    approved_at: false,
    announced_at: false,
  },
  findings: { account_id: true, indicator: true, found_at: false, count: false, note: false },
};

function aliasesIn(kind: TableKind, name: string): string[] {
  const excluded = NOT_IN[kind]?.[name] ?? [];
  return ALIASES[name]!.filter((a) => !excluded.includes(a));
}

/** The table's data columns (not the name/platform read only to match accounts by name). */
function dataColumns(kind: TableKind) {
  return TABLES[kind].columns.filter((c) => !c.matchOnly);
}

describe("the column table", () => {
  it("has the five kinds", () => {
    expect(TABLE_KINDS).toEqual(["accounts", "posts", "messages", "filings", "findings"]);
    expect(isTableKind("posts")).toBe(true);
    expect(isTableKind("post")).toBe(false);
  });

  for (const kind of TABLE_KINDS) {
    it(`${kind}: columns, aliases and required flags are those of PRODUCT §1`, () => {
      const actual = Object.fromEntries(dataColumns(kind).map((c) => [c.name, [c.aliases, c.required]]));
      const expected = Object.fromEntries(
        Object.entries(SPEC[kind]).map(([name, required]) => [name, [aliasesIn(kind, name), required]]),
      );
      expect(actual).toEqual(expected);
      const matching = TABLES[kind].columns.filter((c) => c.matchOnly).map((c) => c.name);
      expect(matching).toEqual(kind === "accounts" ? [] : ["name", "platform"]);
    });

    it(`${kind}: every alias and the canonical name resolve to their column`, () => {
      for (const name of Object.keys(SPEC[kind])) {
        expect(columnOf(kind, name)?.name).toBe(name);
        for (const alias of aliasesIn(kind, name)) expect(columnOf(kind, alias)?.name, alias).toBe(name);
      }
    });

    it(`${kind}: the record fields are the zod schema's, required exactly where the table says`, () => {
      const { schema } = rowValidators(Zone.of("Asia/Shanghai"))[kind];
      const result = schema.safeParse({});
      expect(result.success).toBe(false);
      const blankRequired = new Set(result.error?.issues.map((i) => String(i.path[0])));
      expect(blankRequired).toEqual(new Set(requiredColumns(kind).map((c) => c.field)));
      // The row schema is the object of the fields piped into a step that drops placeholder fields.
      const shape = (schema as unknown as { in: { shape: Record<string, unknown> } }).in.shape;
      expect(Object.keys(shape)).toEqual(dataColumns(kind).map((c) => c.field));
    });
  }

  it("derives camelCase record fields", () => {
    const fields = TABLES.accounts.columns.map((c) => c.field);
    expect(fields).toContain("accountId");
    expect(fields).toContain("operatorType");
    expect(fields).toContain("closedAt");
  });
});

describe("aliases belong to their table", () => {
  it("编号 is the account id in accounts, the message id in messages", () => {
    expect(columnOf("accounts", "编号")?.name).toBe("account_id");
    expect(columnOf("messages", "编号")?.name).toBe("message_id");
    expect(columnOf("posts", "编号")?.name).toBe("account_id");
  });
  it("the account id has the registry's aliases in every table (账号编号 in the message log too)", () => {
    for (const kind of TABLE_KINDS) {
      expect(columnOf(kind, "账号编号")?.name, kind).toBe("account_id");
      expect(columnOf(kind, "序号ID")?.name, kind).toBe("account_id");
    }
  });
  it("类型 is original in posts, category in messages", () => {
    expect(columnOf("posts", "类型")?.name).toBe("original");
    expect(columnOf("messages", "类型")?.name).toBe("category");
    expect(columnOf("accounts", "类型")).toBeUndefined();
  });
  it("留言内容 is content and 回复内容 is reply in messages", () => {
    expect(columnOf("messages", "留言内容")?.name).toBe("content");
    expect(columnOf("messages", "回复内容")?.name).toBe("reply");
  });
});

describe("header normalisation", () => {
  it.each([
    ["账号ID*", "account_id"],
    ["账号ID＊", "account_id"],
    ["*账号ID", "account_id"],
    ["  账号ID  ", "account_id"],
    ["账号id", "account_id"],
    ["账号ＩＤ", "account_id"],
    ["ACCOUNT_ID", "account_id"],
    ["Account ID", "account_id"],
    ["account-id", "account_id"],
    ["账号名称（全称）", "name"],
    ["账号名称(全称)", "name"],
    ["账号名称【必填】", "name"],
    ["【平台】", "platform"],
    ["（平台）", "platform"],
    ["主办单位*（全称）", "host_unit"],
    ["粉丝数（个）", "followers"],
  ])("%j → %s", (header, name) => {
    expect(columnOf("accounts", header)?.name).toBe(name);
  });

  it("does not match a different word", () => {
    expect(columnOf("accounts", "账号")).toBeUndefined();
    expect(columnOf("accounts", "备注")).toBeUndefined();
    expect(columnOf("accounts", "（）")).toBeUndefined();
  });

  it("computes one key for equivalent spellings", () => {
    expect(headerKey("账号ID*")).toBe(headerKey(" 账号 id "));
  });
});

describe("resolveHeader", () => {
  it("maps cells to columns by position and lists unknown and missing columns", () => {
    const resolved = resolveHeader("accounts", ["序号", "账号ID*", "账号名称（全称）", "平台", "备注", ""]);
    expect(resolved.bindings.map((b) => [b.column.name, b.index, b.header])).toEqual([
      ["account_id", 1, "账号ID*"],
      ["name", 2, "账号名称（全称）"],
      ["platform", 3, "平台"],
    ]);
    expect(resolved.unknown).toEqual(["序号", "备注"]);
    expect(resolved.missing.map((c) => c.name)).toEqual(["host_unit"]);
  });

  it("prefers the canonical name, then the earlier alias, when two headers name one column", () => {
    const resolved = resolveHeader("accounts", ["编号", "账号ID", "account_id", "名称", "账号名称"]);
    const byName = Object.fromEntries(resolved.bindings.map((b) => [b.column.name, b.header]));
    expect(byName).toEqual({ account_id: "account_id", name: "账号名称" });
    expect(resolved.unknown).toEqual(["编号", "账号ID", "名称"]);
  });
});

describe("ignored headers that look like a column (PRODUCT §1)", () => {
  it("name the column an alias inside them points to, or the free date columns for a time word", () => {
    const found = lookAlikeColumns("accounts", ["当前状态", "平台名称", "更新时间", "阅读数", "类型说明"], {
      account_id: "账号ID",
      name: "账号名称",
      host_unit: "主办单位",
      opened_at: "开设日期",
    });
    expect(found.map((f) => [f.header, f.columns.map((c) => c.name)])).toEqual([
      ["当前状态", ["status"]],
      ["平台名称", ["platform"]],
      ["更新时间", ["closed_at"]],
    ]);
  });

  it("say nothing of a column already found, of the loose 类型, or of a free-text column's word", () => {
    expect(lookAlikeColumns("posts", ["更新时间", "内容类型"], { published_at: "发布时间" })).toEqual([]);
  });
});

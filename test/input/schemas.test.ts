import fc from "fast-check";
import { describe, expect, expectTypeOf, it } from "vitest";
import {
  type AccountRecord,
  accountSchema,
  accountWarnings,
  type FilingRecord,
  type FindingRecord,
  filingSchema,
  findingSchema,
  type Located,
  type MessageRecord,
  messageSchema,
  type Platform,
  type PostRecord,
  postSchema,
  rowValidators,
} from "../../src/input/schemas.js";
import { TABLE_KINDS, TABLES } from "../../src/input/tables.js";
import type { RawValue } from "../../src/input/values.js";
import type { CivilDate } from "../../src/time/zone.js";
import { Zone } from "../../src/time/zone.js";

const SHANGHAI = Zone.of("Asia/Shanghai");

describe("record types (the contract of the audit stage)", () => {
  it("AccountRecord", () => {
    expectTypeOf<AccountRecord>().toEqualTypeOf<{
      accountId: string;
      name: string;
      platform: Platform;
      accountType?: "subscription" | "service" | "other";
      hostUnit: string;
      unitCategory?: string;
      openedBy?: "unit" | "internal";
      openedAt?: CivilDate;
      status: "active" | "closed" | "cancelled";
      closedAt?: CivilDate;
      verifiedInfo?: string;
      interaction?: boolean;
      followers?: number;
      operator?: string;
      operatorType?: "self" | "subsidiary" | "news_media" | "other";
      url?: string;
    }>();
  });
  it("PostRecord", () => {
    expectTypeOf<PostRecord>().toEqualTypeOf<{
      postId?: string;
      accountId: string;
      publishedAt: number;
      original: boolean;
      source?: string;
      title?: string;
      url?: string;
      content?: string;
    }>();
  });
  it("MessageRecord", () => {
    expectTypeOf<MessageRecord>().toEqualTypeOf<{
      messageId?: string;
      accountId: string;
      receivedAt: number;
      repliedAt?: number;
      category: "consultation" | "complaint" | "suggestion" | "other";
      content?: string;
      reply?: string;
    }>();
  });
  it("FilingRecord", () => {
    expectTypeOf<FilingRecord>().toEqualTypeOf<{
      accountId: string;
      event: "open" | "change" | "close" | "cancel";
      eventDate: CivilDate;
      filedAt?: CivilDate;
      approvedAt?: CivilDate;
      announcedAt?: CivilDate;
    }>();
  });
  it("FindingRecord", () => {
    expectTypeOf<FindingRecord>().toEqualTypeOf<{
      accountId: string;
      indicator: string;
      foundAt?: CivilDate;
      count: number;
      note?: string;
    }>();
  });
  it("Located adds the origin", () => {
    expectTypeOf<Located<PostRecord>>().toHaveProperty("file").toEqualTypeOf<string>();
    expectTypeOf<Located<PostRecord>>().toHaveProperty("line").toEqualTypeOf<number>();
  });
});

describe("row schemas", () => {
  it("parses a registry row from text, leaving blank columns out and defaulting status", () => {
    const result = accountSchema(SHANGHAI).parse({
      accountId: "QH-001",
      name: "清河发布",
      platform: "微信公众号",
      accountType: "订阅号",
      hostUnit: "清河县人民政府办公室",
      openedBy: "单位",
      openedAt: "2018/3/1",
      interaction: "是",
      followers: "86,000",
      operatorType: "自行运营",
    });
    expect(result).toEqual({
      accountId: "QH-001",
      name: "清河发布",
      platform: "wechat",
      accountType: "subscription",
      hostUnit: "清河县人民政府办公室",
      openedBy: "unit",
      openedAt: "2018-03-01",
      status: "active",
      interaction: true,
      followers: 86000,
      operatorType: "self",
    });
    expect("closedAt" in result).toBe(false);
  });

  it("accepts native JSON values", () => {
    const account = accountSchema(SHANGHAI).parse({
      accountId: 1001,
      name: "清河发布",
      platform: "weibo",
      hostUnit: "县政府办",
      interaction: false,
      followers: 1200,
    });
    expect(account).toMatchObject({ accountId: "1001", interaction: false, followers: 1200 });
    const post = postSchema(SHANGHAI).parse({ accountId: "A", publishedAt: 1790748300000, original: true });
    expect(post).toEqual({ accountId: "A", publishedAt: 1790748300000, original: true });
  });

  it("defaults: a post is a repost, a message a consultation, a finding counts once", () => {
    expect(postSchema(SHANGHAI).parse({ accountId: "A", publishedAt: "2026-09-30 10:00" }).original).toBe(
      false,
    );
    const message = messageSchema(SHANGHAI).parse({ accountId: "A", receivedAt: "2026-09-30 10:00" });
    expect(message.category).toBe("consultation");
    expect(findingSchema(SHANGHAI).parse({ accountId: "A", indicator: "严重表述错误" }).count).toBe(1);
  });

  it("reports every bad field with what it expected", () => {
    const result = postSchema(SHANGHAI).safeParse({ publishedAt: "2026-13-45 10:00", original: "首发" });
    expect(result.success).toBe(false);
    const issues = result.error!.issues.map((i) => [i.path[0], i.message]);
    expect(issues).toEqual([
      ["accountId", "text"],
      ["publishedAt", "a date/time"],
      ["original", "原创 or 转载 (or a yes/no value: 是/否, true/false, 1/0)"],
    ]);
  });

  it("names an Excel date serial number in the error, and reads it as nothing", () => {
    const serial = "a date/time (it looks like an Excel date serial number";
    const messages = messageSchema(SHANGHAI);
    for (const receivedAt of ["45931.58", 45931.58, "46022"]) {
      const issues = messages.safeParse({ accountId: "A", receivedAt }).error?.issues ?? [];
      expect(issues.map((i) => i.path[0])).toEqual(["receivedAt"]);
      expect(issues[0]?.message.startsWith(serial)).toBe(true);
    }
    const filing = filingSchema(SHANGHAI).safeParse({ accountId: "A", event: "开设", eventDate: "45931" });
    expect(filing.error?.issues[0]?.message).toMatch(/^a date \(it looks like an Excel date serial number/);
    // Other numbers keep the plain message.
    for (const receivedAt of ["12345", "2026", "123456"]) {
      expect(messages.safeParse({ accountId: "A", receivedAt }).error?.issues[0]?.message).toBe(
        "a date/time",
      );
    }
  });

  it("rejects a reply before the message", () => {
    const schema = messageSchema(SHANGHAI);
    const early = schema.safeParse({
      accountId: "A",
      receivedAt: "2026-09-01 09:00",
      repliedAt: "2026-09-01 08:59",
    });
    expect(early.error?.issues.map((i) => [i.path[0], i.message])).toEqual([
      ["repliedAt", "a time at or after {received_at}"],
    ]);
    expect(
      schema.safeParse({ accountId: "A", receivedAt: "2026-09-01 09:00", repliedAt: "2026-09-01 09:00" })
        .success,
    ).toBe(true);
  });

  it("reads a placeholder in an optional date column as a blank cell, and nowhere else", () => {
    const messages = messageSchema(SHANGHAI);
    const fast = rowValidators(SHANGHAI).messages.fast;
    for (const placeholder of ["未回复", "待回复", "-", "—", "／", "NULL", "null", "N/A", "无"]) {
      const raw = { accountId: "A", receivedAt: "2026-09-01 09:00", repliedAt: placeholder };
      const expected = { accountId: "A", receivedAt: 1788224400000, category: "consultation" };
      expect(messages.parse(raw)).toStrictEqual(expected);
      expect(fast(raw)).toStrictEqual(expected);
    }
    // A required column keeps its error; so does a word that is not a placeholder.
    expect(messages.safeParse({ accountId: "A", receivedAt: "-" }).error?.issues[0]?.message).toBe(
      "a date/time",
    );
    expect(
      messages.safeParse({ accountId: "A", receivedAt: "2026-09-01 09:00", repliedAt: "已回复" }).success,
    ).toBe(false);
    // 未知 is not "not replied": blank means not replied, unknown is not that; the error says what to write.
    expect(
      messages.safeParse({ accountId: "A", receivedAt: "2026-09-01 09:00", repliedAt: "未知" }).error
        ?.issues[0]?.message,
    ).toBe("a date/time (leave it blank, or write 未回复, if there was no reply by the export)");
    // 未报备 is a filing column's word, not the message log's.
    expect(
      messages.safeParse({ accountId: "A", receivedAt: "2026-09-01 09:00", repliedAt: "未报备" }).success,
    ).toBe(false);
    const filing = filingSchema(SHANGHAI).parse({
      accountId: "A",
      event: "开设",
      eventDate: "2026-09-01",
      filedAt: "未报备",
      approvedAt: "未审批",
      announcedAt: "/",
    });
    expect(filing).toStrictEqual({ accountId: "A", event: "open", eventDate: "2026-09-01" });
    // 无 in the interaction column is "no", not blank.
    const account = accountSchema(SHANGHAI).parse({
      accountId: "A",
      name: "n",
      platform: "微博",
      hostUnit: "u",
      interaction: "无",
      openedAt: "不详",
    });
    expect(account.interaction).toBe(false);
    expect("openedAt" in account).toBe(false);
  });

  it("rejects a closing date before the opening date", () => {
    const schema = accountSchema(SHANGHAI);
    const base = { accountId: "A", name: "n", platform: "微博", hostUnit: "u", status: "已关停" };
    const bad = schema.safeParse({ ...base, openedAt: "2020-05-01", closedAt: "2020-04-30" });
    expect(bad.error?.issues.map((i) => i.path[0])).toEqual(["closedAt"]);
    expect(schema.safeParse({ ...base, openedAt: "2020-05-01", closedAt: "2020-05-01" }).success).toBe(true);
  });

  it("warns (does not reject) a closed account without a closing date", () => {
    const schema = accountSchema(SHANGHAI);
    const closed = schema.parse({
      accountId: "A",
      name: "n",
      platform: "微博",
      hostUnit: "u",
      status: "注销",
    });
    expect(closed.status).toBe("cancelled");
    expect(accountWarnings(closed)).toEqual([
      { field: "closedAt", expected: "a date when the account is cancelled" },
    ]);
    expect(accountWarnings({ ...closed, closedAt: "2026-01-01" })).toEqual([]);
    expect(accountWarnings({ ...closed, status: "active" })).toEqual([]);
  });
});

describe("the fast path agrees with the zod schema", () => {
  const validators = rowValidators(SHANGHAI);
  // Values that are valid for some column and invalid for others, native ones included.
  const samples: RawValue[] = [
    "A-1",
    "清河发布",
    "微信",
    "wechat",
    "抖音号",
    "订阅号",
    "单位",
    "已关停",
    "正常",
    "自行运营",
    "咨询",
    "投诉",
    "开设",
    "注销",
    "是",
    "否",
    "原创",
    "转载",
    "2026-09-30",
    "2026-09-29",
    "2026-09-30 10:00",
    "2026-09-30 09:00",
    "2026-13-45 10:00",
    "20260930",
    "1790748300",
    "0",
    "1",
    "3",
    "86,000",
    "-2",
    // Placeholders: blank in an optional date column, invalid anywhere else.
    "未回复",
    "未报备",
    "-",
    "NULL",
    "无",
    1,
    0,
    1200,
    1790748300000,
    true,
    false,
  ];
  const value = fc.constantFrom(...samples);

  for (const kind of TABLE_KINDS) {
    it(kind, () => {
      const fields = TABLES[kind].columns.map((c) => c.field);
      const row = fc.record(Object.fromEntries(fields.map((f) => [f, value])), { requiredKeys: [] });
      const { fast, schema } = validators[kind];
      fc.assert(
        fc.property(row, (raw) => {
          const quick = fast(raw as Record<string, RawValue>);
          const full = schema.safeParse(raw);
          expect(quick !== undefined).toBe(full.success);
          if (quick !== undefined) expect(quick).toStrictEqual(full.data);
        }),
        { numRuns: 2000 },
      );
    });
  }
});

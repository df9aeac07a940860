import { describe, expect, it } from "vitest";
import {
  ACCOUNT_STATUS_WORDS,
  ACCOUNT_STATUSES,
  ACCOUNT_TYPE_WORDS,
  ACCOUNT_TYPES,
  accountStatusValue,
  accountTypeValue,
  booleanValue,
  countValue,
  dateParser,
  dateTimeParser,
  FILING_EVENT_WORDS,
  FILING_EVENTS,
  filingEventValue,
  followersValue,
  MESSAGE_CATEGORIES,
  MESSAGE_CATEGORY_WORDS,
  messageCategoryValue,
  OPENED_BY,
  OPENED_BY_WORDS,
  OPERATOR_TYPE_WORDS,
  OPERATOR_TYPES,
  openedByValue,
  operatorTypeValue,
  originalValue,
  PLATFORM_WORDS,
  PLATFORMS,
  platformValue,
  textValue,
  type ValueParser,
} from "../../src/input/values.js";
import { Zone } from "../../src/time/zone.js";

const SHANGHAI = Zone.of("Asia/Shanghai");

/** The accepted words of PRODUCT §1.1–1.6, written out again so that a change to the tables shows here. */
const ENUMS: [string, ValueParser<string>, Record<string, string[]>][] = [
  [
    "platform",
    platformValue,
    {
      wechat: ["微信", "微信公众号", "公众号"],
      weibo: ["微博", "新浪微博"],
      douyin: ["抖音"],
      toutiao: ["今日头条", "头条号"],
      kuaishou: ["快手"],
      bilibili: ["哔哩哔哩", "B站"],
      xiaohongshu: ["小红书"],
      wechat_channels: ["视频号", "微信视频号"],
      app: ["移动客户端", "客户端", "APP"],
      miniprogram: ["小程序"],
      other: ["其他", "其它"],
    },
  ],
  [
    "account_type",
    accountTypeValue,
    { subscription: ["订阅号"], service: ["服务号"], other: ["其他", "其它"] },
  ],
  ["opened_by", openedByValue, { unit: ["单位"], internal: ["内设机构"] }],
  [
    "status",
    accountStatusValue,
    { active: ["正常", "运行", "在运行"], closed: ["关停", "已关停", "停更"], cancelled: ["注销", "已注销"] },
  ],
  [
    "operator_type",
    operatorTypeValue,
    { self: ["自行运营"], subsidiary: ["下属单位"], news_media: ["新闻媒体"], other: ["其他", "其它"] },
  ],
  [
    "category",
    messageCategoryValue,
    {
      consultation: ["咨询", "政策咨询", "咨询类"],
      complaint: ["投诉", "投诉类"],
      suggestion: ["建议", "建议类"],
      other: ["其他", "其它", "其他类", "其它类"],
    },
  ],
  [
    "event",
    filingEventValue,
    { open: ["开设", "开通"], change: ["变更"], close: ["关停"], cancel: ["注销"] },
  ],
];

describe("enumerations", () => {
  for (const [name, parser, words] of ENUMS) {
    describe(name, () => {
      for (const [id, chinese] of Object.entries(words)) {
        it(`accepts ${id} and ${chinese.join("/")}`, () => {
          expect(parser.parse(id)).toBe(id);
          expect(parser.parse(id.toUpperCase())).toBe(id);
          for (const word of chinese) expect(parser.parse(word)).toBe(id);
        });
      }

      it("rejects an unknown value, listing every accepted id and word", () => {
        expect(parser.parse("unknown-value")).toBeUndefined();
        expect(parser.parse("")).toBeUndefined();
        expect(parser.parse(1)).toBeUndefined();
        expect(parser.parse(true)).toBeUndefined();
        for (const [id, chinese] of Object.entries(words)) {
          expect(parser.expected).toContain(id);
          for (const word of chinese) expect(parser.expected).toContain(word);
        }
      });
    });
  }

  it("folds case and full width: app, ＡＰＰ, b站", () => {
    expect(platformValue.parse("app")).toBe("app");
    expect(platformValue.parse("ＡＰＰ")).toBe("app");
    expect(platformValue.parse("b站")).toBe("bilibili");
    expect(platformValue.parse("WeChat")).toBe("wechat");
  });

  it("takes the listed words only, the account words of the platforms included (抖音号, 今日头条号)", () => {
    expect(platformValue.parse("抖音号")).toBe("douyin");
    expect(platformValue.parse("今日头条号")).toBe("toutiao");
    expect(platformValue.parse("快手号")).toBe("kuaishou");
    expect(platformValue.parse("微信小程序")).toBe("miniprogram");
    // PRODUCT §1.8's built-ins (the account type is implied too: see rows).
    expect(platformValue.parse("微信订阅号")).toBe("wechat");
    expect(platformValue.parse("微信服务号")).toBe("wechat");
    // No guessing beyond the list.
    expect(platformValue.parse("抖音平台")).toBeUndefined();
  });

  it("says what it expects in one line: one of: id word/word, …", () => {
    expect(accountStatusValue.expected).toBe(
      "one of: active 正常/运行/在运行/运行中/运营中/正常运营, closed 关停/已关停/停更/已关闭/暂停更新, cancelled 注销/已注销",
    );
  });

  it("exports the id lists in the order of PRODUCT §1", () => {
    expect(PLATFORMS).toEqual(Object.keys(PLATFORM_WORDS));
    expect(ACCOUNT_TYPES).toEqual(Object.keys(ACCOUNT_TYPE_WORDS));
    expect(OPENED_BY).toEqual(Object.keys(OPENED_BY_WORDS));
    expect(ACCOUNT_STATUSES).toEqual(Object.keys(ACCOUNT_STATUS_WORDS));
    expect(OPERATOR_TYPES).toEqual(Object.keys(OPERATOR_TYPE_WORDS));
    expect(MESSAGE_CATEGORIES).toEqual(Object.keys(MESSAGE_CATEGORY_WORDS));
    expect(FILING_EVENTS).toEqual(Object.keys(FILING_EVENT_WORDS));
  });
});

describe("booleans (是/否, 有/无, Y/N, yes/no, true/false, 1/0, any case)", () => {
  it.each(["是", "有", "Y", "y", "yes", "YES", "Yes", "true", "TRUE", "True", "1", " 是 "])(
    "%j is true",
    (text) => {
      expect(booleanValue.parse(text)).toBe(true);
    },
  );
  it.each(["√", "✓"])("%j (a tick, as spreadsheets write it) is true", (text) => {
    expect(booleanValue.parse(text)).toBe(true);
  });
  it.each(["×", "✗"])("%j (a cross) is false", (text) => {
    expect(booleanValue.parse(text)).toBe(false);
  });
  it.each(["否", "无", "N", "n", "no", "NO", "false", "False", "0"])("%j is false", (text) => {
    expect(booleanValue.parse(text)).toBe(false);
  });
  it("accepts native JSON booleans and 1/0", () => {
    expect(booleanValue.parse(true)).toBe(true);
    expect(booleanValue.parse(false)).toBe(false);
    expect(booleanValue.parse(1)).toBe(true);
    expect(booleanValue.parse(0)).toBe(false);
  });
  it.each(["2", "ok", "不是", "原创", "t"])("rejects %j", (text) => {
    expect(booleanValue.parse(text)).toBeUndefined();
  });
  it("rejects other numbers", () => {
    expect(booleanValue.parse(2)).toBeUndefined();
  });
});

describe("posts.original", () => {
  it.each(["原创", "是", "true", "TRUE", "1", "Y", "yes"])("%j is original", (text) => {
    expect(originalValue.parse(text)).toBe(true);
  });
  it.each(["转载", "非原创", "否", "false", "0", "N", "no"])("%j is a repost", (text) => {
    expect(originalValue.parse(text)).toBe(false);
  });
  it("accepts native booleans", () => {
    expect(originalValue.parse(true)).toBe(true);
    expect(originalValue.parse(false)).toBe(false);
  });
  it.each(["首发", "转发自人民网", "2"])("rejects %j", (text) => {
    expect(originalValue.parse(text)).toBeUndefined();
    expect(originalValue.expected).toContain("原创");
  });
});

describe("integers", () => {
  it.each([
    ["0", 0],
    ["1200", 1200],
    ["86,000", 86000],
    ["1,234,567", 1234567],
    // As platforms show counts: in 万 (ten thousands) or 亿.
    ["8.6万", 86000],
    ["12万", 120000],
    ["1.2345万", 12345],
    ["1.2亿", 120000000],
    ["3.5w", 35000],
    ["3.5W", 35000],
  ])("followers %j → %d", (text, n) => {
    expect(followersValue.parse(text)).toBe(n);
  });
  it("followers accepts native numbers", () => {
    expect(followersValue.parse(1200)).toBe(1200);
  });
  it.each(["-1", "1.5", "1,20", "12k", "", "1e3", "1.23456万", "10万+", "万", ".5万", "1.2 千"])(
    "followers rejects %j",
    (text) => {
      expect(followersValue.parse(text)).toBeUndefined();
    },
  );
  it("followers rejects negative, fractional and unsafe numbers", () => {
    expect(followersValue.parse(-1)).toBeUndefined();
    expect(followersValue.parse(1.5)).toBeUndefined();
    expect(followersValue.parse(2 ** 60)).toBeUndefined();
    expect(followersValue.parse(true)).toBeUndefined();
  });
  it("count is a whole number ≥ 1", () => {
    expect(countValue.parse("1")).toBe(1);
    expect(countValue.parse("3")).toBe(3);
    expect(countValue.parse(2)).toBe(2);
    expect(countValue.parse("0")).toBeUndefined();
    expect(countValue.parse(0)).toBeUndefined();
    expect(countValue.parse("2.5")).toBeUndefined();
    expect(countValue.expected).toBe("a whole number ≥ 1");
  });
});

describe("text", () => {
  it("keeps text and writes native values as text", () => {
    expect(textValue.parse("清河发布")).toBe("清河发布");
    expect(textValue.parse(1001)).toBe("1001");
  });
});

describe("dates", () => {
  const date = dateParser(SHANGHAI);
  it.each([
    ["2026-09-30", "2026-09-30"],
    ["2026/9/30", "2026-09-30"],
    ["2026.09.30", "2026-09-30"],
    ["2026年9月30日", "2026-09-30"],
    ["20260930", "2026-09-30"],
  ])("accepts %j", (text, expected) => {
    expect(date.parse(text)).toBe(expected);
  });
  it("accepts a date-time (Excel writes 2018-03-01 00:00:00) as the date in the audit zone", () => {
    expect(date.parse("2018-03-01 00:00:00")).toBe("2018-03-01");
    expect(date.parse("2018-03-01T20:00:00Z")).toBe("2018-03-02");
  });
  it("accepts a native number written like a date", () => {
    expect(date.parse(20260930)).toBe("2026-09-30");
  });
  it.each(["2026-13-01", "2026-02-30", "30.09.2026", "下周一"])("rejects %j", (text) => {
    expect(date.parse(text)).toBeUndefined();
    expect(date.expected).toBe("a date");
  });
  it("rejects booleans", () => {
    expect(date.parse(true)).toBeUndefined();
  });
});

describe("date-times", () => {
  const dateTime = dateTimeParser(SHANGHAI);
  const at = Date.UTC(2026, 8, 30, 6, 5);
  it.each([
    "2026-09-30T14:05:00+08:00",
    "2026-09-30 14:05",
    "2026-09-30 14:05:00",
    "2026/9/30 14:05",
    "2026年9月30日 14:05",
    "1790748300",
    "1790748300000",
  ])("accepts %j", (text) => {
    expect(dateTime.parse(text)).toBe(at);
  });
  it("accepts a bare date as 00:00 in the zone", () => {
    expect(dateTime.parse("2026-09-30")).toBe(Date.UTC(2026, 8, 29, 16, 0));
  });
  it("accepts native Unix seconds and milliseconds", () => {
    expect(dateTime.parse(1790748300)).toBe(at);
    expect(dateTime.parse(1790748300000)).toBe(at);
  });
  it.each(["2026-13-45 10:00", "2026-09-30 25:00", "12345", "明天"])("rejects %j", (text) => {
    expect(dateTime.parse(text)).toBeUndefined();
    expect(dateTime.expected).toBe("a date/time");
  });
  it("rejects booleans", () => {
    expect(dateTime.parse(false)).toBeUndefined();
  });
});

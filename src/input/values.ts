import type { Localized } from "../i18n.js";
import { parseCivilDate, parseDateTime } from "../time/parse.js";
import type { CivilDate, Zone } from "../time/zone.js";

/**
 * Value parsers for the cells of PRODUCT §1. A cell arrives as text (CSV) or as a native JSON value;
 * blank cells never reach a parser (the reader leaves them out). Every parser returns `undefined` for a
 * value it does not accept, and says what it expected as a noun phrase that reads after "… is not".
 */

/** A non-blank cell: text from CSV, or a native JSON scalar. */
export type RawValue = string | number | boolean;

export interface ValueParser<T> {
  /** What an accepted value looks like: `"x" is not <expected>`. */
  readonly expected: string;
  parse(raw: RawValue): T | undefined;
  /** For a refused value: `expected` with a hint about this value, when there is one. */
  explain?(raw: RawValue): string | undefined;
}

// ---------------------------------------------------------------------------------------------------
// Placeholders: what exports write in an empty optional date column instead of leaving it blank.

/**
 * Text that means "no value" in an optional date or date/time column: a dash or slash, 无/暂无,
 * NULL (database exports), N/A. Compared after folding case and width (ＮＵＬＬ, －).
 */
const NO_VALUE_WORDS = ["-", "--", "—", "——", "/", "无", "暂无", "null", "none", "n/a"];

/**
 * "Unknown": a blank cell only where blank means unknown (开设日期, 关停日期, 发现日期). Where blank means
 * "not done" (回复时间 = not replied, 报备日期 = not filed), 未知 is not that, and stays an error.
 */
export const UNKNOWN_WORDS = ["不详", "未知"];

/** What the message log writes for a message without a reply (PRODUCT §1.3: blank = not replied). */
export const NOT_REPLIED_WORDS = ["未回复", "未答复", "暂未回复", "尚未回复", "待回复", "未处理"];
/** What a filing log writes for an event not (yet) filed, approved or announced. */
export const NOT_FILED_WORDS = ["未报备", "未备案"];
export const NOT_APPROVED_WORDS = ["未审批", "未批准"];
export const NOT_ANNOUNCED_WORDS = ["未公告"];

/**
 * A test for the cells of one optional column that stand for a blank cell: the common placeholders
 * and the column's own words (`未回复`). Asked only of a cell its parser did not accept, so a valid
 * value costs nothing.
 */
export type NoValueTest = (raw: RawValue) => boolean;

/**
 * `parser` whose refusal of an "unknown" word (未知, 不详) says what to write instead: in 回复时间 a blank
 * cell means "not replied", which "unknown" is not.
 */
export function unknownMeans<T>(parser: ValueParser<T>, instead: string): ValueParser<T> {
  const unknown = new Set(UNKNOWN_WORDS);
  return {
    ...parser,
    explain: (raw) =>
      typeof raw === "string" && unknown.has(raw.trim())
        ? `${parser.expected} (${instead})`
        : parser.explain?.(raw),
  };
}

export function noValueWords(columnWords: readonly string[] = []): NoValueTest {
  const words = new Set([...NO_VALUE_WORDS, ...columnWords].map(foldWord));
  return (raw) => typeof raw === "string" && raw.length <= 8 && words.has(foldWord(raw));
}

// ---------------------------------------------------------------------------------------------------
// Enumerations: English id → the Chinese words that mean it (PRODUCT §1.1–1.6).

export const PLATFORMS = [
  "wechat",
  "weibo",
  "douyin",
  "toutiao",
  "kuaishou",
  "bilibili",
  "xiaohongshu",
  "wechat_channels",
  "app",
  "miniprogram",
  "other",
] as const;
export type Platform = (typeof PLATFORMS)[number];

/** How outputs name a platform (the first of its words is not always the usual name). */
export const PLATFORM_LABELS: Readonly<Record<Platform, Localized>> = {
  wechat: { zh: "微信公众号", en: "WeChat" },
  weibo: { zh: "微博", en: "Weibo" },
  douyin: { zh: "抖音", en: "Douyin" },
  toutiao: { zh: "今日头条", en: "Toutiao" },
  kuaishou: { zh: "快手", en: "Kuaishou" },
  bilibili: { zh: "哔哩哔哩", en: "Bilibili" },
  xiaohongshu: { zh: "小红书", en: "Xiaohongshu" },
  wechat_channels: { zh: "视频号", en: "WeChat Channels" },
  app: { zh: "移动客户端", en: "App" },
  miniprogram: { zh: "小程序", en: "Mini program" },
  other: { zh: "其他", en: "other" },
};

export const PLATFORM_WORDS: Readonly<Record<Platform, readonly string[]>> = {
  // 微信订阅号 / 微信服务号 also say the account type (PRODUCT §1.8; see IMPLIED_ACCOUNT_TYPES).
  wechat: ["微信", "微信公众号", "公众号", "微信订阅号", "微信服务号"],
  weibo: ["微博", "新浪微博"],
  douyin: ["抖音", "抖音号"],
  toutiao: ["今日头条", "头条号", "今日头条号"],
  kuaishou: ["快手", "快手号"],
  bilibili: ["哔哩哔哩", "B站"],
  xiaohongshu: ["小红书"],
  wechat_channels: ["视频号", "微信视频号"],
  app: ["移动客户端", "客户端", "APP"],
  miniprogram: ["小程序", "微信小程序"],
  other: ["其他", "其它"],
};

export const ACCOUNT_TYPES = ["subscription", "service", "other"] as const;
export type AccountType = (typeof ACCOUNT_TYPES)[number];
export const ACCOUNT_TYPE_WORDS: Readonly<Record<AccountType, readonly string[]>> = {
  subscription: ["订阅号"],
  service: ["服务号"],
  // PRODUCT lists `other` without a Chinese word; 其他 is what every other enum uses for it.
  other: ["其他", "其它"],
};

export const OPENED_BY = ["unit", "internal"] as const;
export type OpenedBy = (typeof OPENED_BY)[number];
export const OPENED_BY_WORDS: Readonly<Record<OpenedBy, readonly string[]>> = {
  unit: ["单位"],
  internal: ["内设机构"],
};

export const ACCOUNT_STATUSES = ["active", "closed", "cancelled"] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];
export const ACCOUNT_STATUS_WORDS: Readonly<Record<AccountStatus, readonly string[]>> = {
  active: ["正常", "运行", "在运行", "运行中", "运营中", "正常运营"],
  closed: ["关停", "已关停", "停更", "已关闭", "暂停更新"],
  cancelled: ["注销", "已注销"],
};

export const OPERATOR_TYPES = ["self", "subsidiary", "news_media", "other"] as const;
export type OperatorType = (typeof OPERATOR_TYPES)[number];
export const OPERATOR_TYPE_WORDS: Readonly<Record<OperatorType, readonly string[]>> = {
  self: ["自行运营"],
  subsidiary: ["下属单位"],
  news_media: ["新闻媒体"],
  other: ["其他", "其它"],
};

export const MESSAGE_CATEGORIES = ["consultation", "complaint", "suggestion", "other"] as const;
export type MessageCategory = (typeof MESSAGE_CATEGORIES)[number];
export const MESSAGE_CATEGORY_WORDS: Readonly<Record<MessageCategory, readonly string[]>> = {
  // 咨询类 …: how message platforms name the same categories.
  consultation: ["咨询", "政策咨询", "咨询类", "求助"],
  complaint: ["投诉", "投诉类", "举报"],
  suggestion: ["建议", "建议类"],
  other: ["其他", "其它", "其他类", "其它类"],
};

export const FILING_EVENTS = ["open", "change", "close", "cancel"] as const;
export type FilingEvent = (typeof FILING_EVENTS)[number];
export const FILING_EVENT_WORDS: Readonly<Record<FilingEvent, readonly string[]>> = {
  open: ["开设", "开通"],
  change: ["变更"],
  close: ["关停"],
  cancel: ["注销"],
};

/** Case, width (ＡＰＰ, Ｂ站) and surrounding spaces do not matter in enum and boolean words. */
function foldWord(text: string): string {
  return text.trim().normalize("NFKC").toLowerCase();
}

/** Looks a word up as written first (the common case), and folded only when that misses. */
class WordTable<T> {
  private readonly words = new Map<string, T>();

  constructor(entries: Iterable<readonly [string, T]>) {
    for (const [word, value] of entries) {
      this.words.set(word, value);
      this.words.set(foldWord(word), value);
    }
  }

  lookup(raw: RawValue): T | undefined {
    const text = typeof raw === "string" ? raw : String(raw);
    return this.words.get(text) ?? this.words.get(foldWord(text));
  }
}

/** `one of: wechat 微信/微信公众号/公众号, weibo 微博/新浪微博, …` */
function describeEnum<T extends string>(ids: readonly T[], words: Readonly<Record<T, readonly string[]>>) {
  return `one of: ${ids.map((id) => [id, words[id].join("/")].filter(Boolean).join(" ")).join(", ")}`;
}

/** The platform words that also say the WeChat account type. */
export const IMPLIED_ACCOUNT_TYPES: Readonly<Record<string, AccountType>> = {
  微信订阅号: "subscription",
  微信服务号: "service",
};

/** The account type a platform cell implies (`微信订阅号` → subscription), if any. */
export function impliedAccountType(platformCell: RawValue | undefined): AccountType | undefined {
  return typeof platformCell === "string" ? IMPLIED_ACCOUNT_TYPES[foldWord(platformCell)] : undefined;
}

/**
 * `extra`: an office's own words (config `aliases`, PRODUCT §1.8), word → id; they add to the
 * built-in ones. `aliasKey` names the config entry that would accept a refused value.
 */
export function enumParser<T extends string>(
  ids: readonly T[],
  words: Readonly<Record<T, readonly string[]>>,
  extra: Readonly<Record<string, T>> = {},
  aliasKey?: string,
): ValueParser<T> {
  const table = new WordTable<T>([
    ...ids.flatMap((id) => [[id, id] as const, ...words[id].map((w) => [w, id] as const)]),
    ...Object.entries(extra),
  ]);
  const expected = describeEnum(ids, words);
  return {
    expected,
    parse: (raw) => (typeof raw === "string" ? table.lookup(raw) : undefined),
    ...(aliasKey === undefined
      ? {}
      : { explain: (raw: RawValue) => `${expected}${aliasHint(aliasKey, String(raw).trim(), ids)}` }),
  };
}

/**
 * `; or map it once in gmaudit.config.json: "aliases": {"status": {"暂停": "<closed|…>"}}`: the config
 * entry that would accept the value (PRODUCT §1.8).
 */
export function aliasHint(key: string, value: string, ids: readonly string[]): string {
  return `; or map it in gmaudit.config.json: "aliases": {"${key}": {${JSON.stringify(value)}: "${ids.join("|")}"}}`;
}

/** The enumerations an office may give its own words for (config `aliases`, PRODUCT §1.8). */
export interface ValueAliases {
  platform?: Readonly<Record<string, Platform>>;
  status?: Readonly<Record<string, AccountStatus>>;
  category?: Readonly<Record<string, MessageCategory>>;
  event?: Readonly<Record<string, FilingEvent>>;
}

export function valueParsers(aliases: ValueAliases = {}) {
  return {
    platform: enumParser(PLATFORMS, PLATFORM_WORDS, aliases.platform, "platform"),
    status: enumParser(ACCOUNT_STATUSES, ACCOUNT_STATUS_WORDS, aliases.status, "status"),
    category: enumParser(MESSAGE_CATEGORIES, MESSAGE_CATEGORY_WORDS, aliases.category, "category"),
    event: enumParser(FILING_EVENTS, FILING_EVENT_WORDS, aliases.event, "event"),
  };
}

const BUILT_IN = valueParsers();
export const platformValue = BUILT_IN.platform;
export const accountTypeValue = enumParser(ACCOUNT_TYPES, ACCOUNT_TYPE_WORDS);
export const openedByValue = enumParser(OPENED_BY, OPENED_BY_WORDS);
export const accountStatusValue = BUILT_IN.status;
export const operatorTypeValue = enumParser(OPERATOR_TYPES, OPERATOR_TYPE_WORDS);
export const messageCategoryValue = BUILT_IN.category;
export const filingEventValue = BUILT_IN.event;

// ---------------------------------------------------------------------------------------------------
// Booleans and the posts `original` flag.

const TRUE_WORDS = ["是", "有", "y", "yes", "true", "1", "√", "✓"] as const;
const FALSE_WORDS = ["否", "无", "n", "no", "false", "0", "×", "✗"] as const;

function booleanTable(extraTrue: readonly string[] = [], extraFalse: readonly string[] = []) {
  return new WordTable<boolean>([
    ...[...TRUE_WORDS, ...extraTrue].map((w) => [w, true] as const),
    ...[...FALSE_WORDS, ...extraFalse].map((w) => [w, false] as const),
  ]);
}

function booleanParser(table: WordTable<boolean>, expected: string): ValueParser<boolean> {
  return {
    expected,
    parse(raw) {
      if (typeof raw === "boolean") return raw;
      if (typeof raw === "number") return raw === 1 ? true : raw === 0 ? false : undefined;
      return table.lookup(raw);
    },
  };
}

export const booleanValue = booleanParser(
  booleanTable(),
  "a yes/no value (是/否, 有/无, Y/N, yes/no, true/false, 1/0)",
);

/**
 * posts.original: 原创 → original, 转载 → repost, and any yes/no word. 非原创 ("not original") is what
 * several CMS exports write for a repost.
 */
export const originalValue = booleanParser(
  booleanTable(["原创"], ["转载", "非原创"]),
  "原创 or 转载 (or a yes/no value: 是/否, true/false, 1/0)",
);

// ---------------------------------------------------------------------------------------------------
// Text and numbers.

export const textValue: ValueParser<string> = {
  expected: "text",
  parse: (raw) => (typeof raw === "string" ? raw : String(raw)),
};

// Excel writes large counts with thousands separators (86,000).
const INTEGER_RE = /^(?:\d+|\d{1,3}(?:,\d{3})+)$/;

export function integerParser(min: number): ValueParser<number> {
  const expected = min === 0 ? "a whole number (0 or more)" : `a whole number ≥ ${min}`;
  return {
    expected,
    parse(raw) {
      let n: number;
      if (typeof raw === "number") n = raw;
      else if (typeof raw === "string" && INTEGER_RE.test(raw)) n = Number(raw.replaceAll(",", ""));
      else return undefined;
      return Number.isSafeInteger(n) && n >= min ? n : undefined;
    },
  };
}

/** `8.6万`, `12万`, `1.2亿`, `3.5w`: how platforms and their exports show follower counts. */
const SCALED_RE = /^(\d+)(?:\.(\d+))?\s*(万|w|亿)$/i;
const SCALE_DIGITS: Readonly<Record<string, number>> = { 万: 4, w: 4, W: 4, 亿: 8 };

/** `8.6万` → 86000; undefined when the product is not a whole number (`1.23456万`). */
function scaledCount(text: string): number | undefined {
  const match = SCALED_RE.exec(text);
  if (match === null) return undefined;
  const [, whole, fraction = "", unit] = match;
  const digits = SCALE_DIGITS[unit!]!;
  if (fraction.length > digits) return undefined;
  return Number(`${whole}${fraction.padEnd(digits, "0")}`);
}

const integerValue = integerParser(0);

/** A follower count: a whole number, or one in 万 (ten thousands) or 亿 as platforms show it. */
export const followersValue: ValueParser<number> = {
  expected: "a whole number (0 or more; 86,000 or 8.6万)",
  parse(raw) {
    const n = integerValue.parse(raw) ?? (typeof raw === "string" ? scaledCount(raw) : undefined);
    return n !== undefined && Number.isSafeInteger(n) ? n : undefined;
  },
};
export const countValue = integerParser(1);

// ---------------------------------------------------------------------------------------------------
// Dates and date-times (the forms are PRODUCT §1.6; time/parse.ts implements them).

/**
 * A calendar date. Exports often write dates as date-times (`2018-03-01 00:00:00`): those are accepted
 * too and mean the date on which that instant falls in the audit zone.
 */
/**
 * A number Excel writes for a date formatted as a number (days since 1899-12-30; 45931.58 is
 * 2025-10-01 13:55): 20000–80000 covers 1954–2119. Not read as a date (the 1904 date system of older
 * Mac workbooks would shift it by four years), but named in the error, which says what to do.
 */
const EXCEL_SERIAL_RE = /^[2-7]\d{4}(?:\.\d+)?$/;

function excelSerialHint(expected: string) {
  return (raw: RawValue): string | undefined => {
    const text = typeof raw === "string" ? raw : typeof raw === "number" ? String(raw) : "";
    return EXCEL_SERIAL_RE.test(text)
      ? `${expected} (it looks like an Excel date serial number: format the column as a date in Excel, or as yyyy-mm-dd hh:mm, and export again)`
      : undefined;
  };
}

export function dateParser(zone: Zone): ValueParser<CivilDate> {
  return {
    expected: "a date",
    explain: excelSerialHint("a date"),
    parse(raw) {
      if (typeof raw === "boolean") return undefined;
      const text = typeof raw === "string" ? raw : String(raw);
      const date = parseCivilDate(text);
      if (date !== undefined) return date;
      const ms = parseDateTime(text, zone);
      return ms === undefined ? undefined : zone.dateOf(ms);
    },
  };
}

/** An instant (epoch ms); times without an offset are wall-clock times in `zone`. */
export function dateTimeParser(zone: Zone): ValueParser<number> {
  return {
    expected: "a date/time",
    explain: excelSerialHint("a date/time"),
    parse(raw) {
      if (typeof raw === "boolean") return undefined;
      return parseDateTime(typeof raw === "string" ? raw : String(raw), zone);
    },
  };
}

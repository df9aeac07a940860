import { z } from "zod";
import { type CivilDate, Zone } from "../time/zone.js";
import {
  accountTypeValue,
  booleanValue,
  countValue,
  dateParser,
  dateTimeParser,
  followersValue,
  NOT_ANNOUNCED_WORDS,
  NOT_APPROVED_WORDS,
  NOT_FILED_WORDS,
  NOT_REPLIED_WORDS,
  type NoValueTest,
  noValueWords,
  openedByValue,
  operatorTypeValue,
  originalValue,
  type RawValue,
  textValue,
  UNKNOWN_WORDS,
  unknownMeans,
  type ValueAliases,
  type ValueParser,
  valueParsers,
} from "./values.js";

export {
  ACCOUNT_STATUSES,
  ACCOUNT_TYPES,
  type AccountStatus,
  type AccountType,
  FILING_EVENTS,
  type FilingEvent,
  MESSAGE_CATEGORIES,
  type MessageCategory,
  OPENED_BY,
  OPERATOR_TYPES,
  type OpenedBy,
  type OperatorType,
  PLATFORMS,
  type Platform,
} from "./values.js";

/**
 * The zod row schemas. A row reaches them as `{ field: raw value }` with blank cells left out; the
 * field schemas turn raw text (or native JSON values) into typed values and report what they expected.
 * Date-times depend on the audit zone, so the schemas are built per zone.
 *
 * Each field is declared once, as a value parser and a mode; both the zod schema and a fast path are
 * derived from that declaration. The fast path (a plain loop, ~4× quicker than zod per row) accepts
 * exactly the rows the schema accepts and builds the same record; a row it rejects goes through zod,
 * which says why. test/input/schemas.test.ts checks the two agree.
 */

type FieldMode = "required" | "optional" | "default";

interface Field<T, M extends FieldMode, S extends z.ZodType> {
  readonly parser: ValueParser<T>;
  readonly mode: M;
  readonly fallback?: T;
  /** Optional fields: cells that mean blank (`未回复`, `-`), asked only of a cell `parser` refused. */
  readonly noValue?: NoValueTest;
  readonly schema: S;
}

type AnyField = Field<unknown, FieldMode, z.ZodType>;
type Fields = Record<string, AnyField>;
type ShapeOf<F extends Fields> = { [K in keyof F]: F[K]["schema"] };

function parsed<T>(parser: ValueParser<T>, noValue?: NoValueTest) {
  return z.unknown().transform((raw, ctx): T => {
    // A blank required cell arrives as undefined: the error formatter says "is blank, expected …".
    const value = raw === undefined ? undefined : parser.parse(raw as RawValue);
    if (value === undefined) {
      // A placeholder in an optional column is a blank cell (the field is left undefined).
      if (noValue?.(raw as RawValue)) return undefined as T;
      const message = (raw !== undefined && parser.explain?.(raw as RawValue)) || parser.expected;
      ctx.issues.push({ code: "custom", message, input: raw });
      return z.NEVER;
    }
    return value;
  });
}

function required<T>(parser: ValueParser<T>) {
  return { parser, mode: "required" as const, schema: parsed(parser) };
}

/** `noValue`: the cells that also mean blank in this column (see `noValueWords`). */
function optional<T>(parser: ValueParser<T>, noValue?: NoValueTest) {
  return {
    parser,
    mode: "optional" as const,
    ...(noValue === undefined ? {} : { noValue }),
    schema: parsed(parser, noValue).optional(),
  };
}

/** Blank → `fallback` (zod's default short-circuits an absent key). */
function withDefault<T>(parser: ValueParser<T>, fallback: NonNullable<T>) {
  return { parser, mode: "default" as const, fallback, schema: parsed(parser).default(fallback as never) };
}

/** A problem between two valid cells of a row: reported on `field`. */
export interface CrossFieldIssue {
  field: string;
  /** May name another column as `{column_name}`: the reader replaces it with that column's header. */
  expected: string;
}

type CrossCheck<R> = (record: R) => CrossFieldIssue | undefined;

export interface RowValidator<R> {
  /** The definition: says why a row is invalid. */
  readonly schema: z.ZodType<R>;
  /** The record, or undefined when the row is invalid (then ask `schema` why). */
  fast(raw: Readonly<Record<string, RawValue>>): R | undefined;
  /**
   * `fast` for the cells of a CSV row, without the raw-row object: `cellOf` maps a record field to its
   * cell index. `fastCells(cellOf)(cells)` = `fast(raw)` where raw holds the non-blank bound cells.
   */
  fastCells(cellOf: ReadonlyMap<string, number>): (cells: readonly string[]) => R | undefined;
}

function objectSchema<F extends Fields>(fields: F) {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(fields)) shape[key] = field.schema;
  // A placeholder cell (`未回复`) leaves its field out, as a blank cell does (and as the fast path does).
  return z.object(shape as ShapeOf<F>).transform((record) => {
    for (const key of Object.keys(record)) {
      if ((record as Record<string, unknown>)[key] === undefined)
        delete (record as Record<string, unknown>)[key];
    }
    return record;
  });
}

function withCrossCheck<S extends z.ZodType>(schema: S, check: CrossCheck<z.output<S>>): S {
  return schema.superRefine((record, ctx) => {
    const issue = check(record);
    if (issue !== undefined) {
      ctx.addIssue({ code: "custom", path: [issue.field], message: issue.expected, input: undefined });
    }
  });
}

function fastPath<R>(fields: Fields, check?: CrossCheck<R>): RowValidator<R>["fast"] {
  const steps = Object.entries(fields).map(([key, f]) => ({
    key,
    parse: f.parser.parse,
    mode: f.mode,
    fallback: f.fallback,
    noValue: f.noValue,
  }));
  return (raw) => {
    const record: Record<string, unknown> = {};
    for (const step of steps) {
      const value = raw[step.key];
      if (value === undefined) {
        if (step.mode === "required") return undefined;
        if (step.mode === "default") record[step.key] = step.fallback;
        continue;
      }
      const typed = step.parse(value);
      if (typed === undefined) {
        if (step.noValue?.(value)) continue;
        return undefined;
      }
      record[step.key] = typed;
    }
    return check?.(record as R) === undefined ? (record as R) : undefined;
  };
}

function fastCellsPath<R>(fields: Fields, check?: CrossCheck<R>): RowValidator<R>["fastCells"] {
  return (cellOf) => {
    const steps = Object.entries(fields).map(([key, f]) => ({
      key,
      index: cellOf.get(key) ?? -1,
      parse: f.parser.parse,
      mode: f.mode,
      fallback: f.fallback,
      noValue: f.noValue,
    }));
    return (cells) => {
      const record: Record<string, unknown> = {};
      for (const step of steps) {
        const cell = step.index < 0 ? undefined : cells[step.index];
        if (cell === undefined || cell === "") {
          if (step.mode === "required") return undefined;
          if (step.mode === "default") record[step.key] = step.fallback;
          continue;
        }
        const typed = step.parse(cell);
        if (typed === undefined) {
          if (step.noValue?.(cell)) continue;
          return undefined;
        }
        record[step.key] = typed;
      }
      return check?.(record as R) === undefined ? (record as R) : undefined;
    };
  };
}

function validator<R>(schema: z.ZodType<R>, fields: Fields, check?: CrossCheck<R>): RowValidator<R> {
  return { schema, fast: fastPath<R>(fields, check), fastCells: fastCellsPath<R>(fields, check) };
}

type Values = ReturnType<typeof valueParsers>;
const BUILT_IN_VALUES = valueParsers();

function accountFields(zone: Zone, values: Values = BUILT_IN_VALUES) {
  const date = dateParser(zone);
  return {
    accountId: required(textValue),
    name: required(textValue),
    platform: required(values.platform),
    accountType: optional(accountTypeValue),
    hostUnit: required(textValue),
    unitCategory: optional(textValue),
    openedBy: optional(openedByValue),
    openedAt: optional(date, noValueWords(UNKNOWN_WORDS)),
    status: withDefault(values.status, "active"),
    closedAt: optional(date, noValueWords(UNKNOWN_WORDS)),
    verifiedInfo: optional(textValue),
    interaction: optional(booleanValue),
    followers: optional(followersValue),
    operator: optional(textValue),
    operatorType: optional(operatorTypeValue),
    url: optional(textValue),
  };
}

function postFields(zone: Zone) {
  return {
    postId: optional(textValue),
    accountId: required(textValue),
    publishedAt: required(dateTimeParser(zone)),
    original: withDefault(originalValue, false),
    source: optional(textValue),
    title: optional(textValue),
    url: optional(textValue),
    content: optional(textValue),
  };
}

function messageFields(zone: Zone, values: Values = BUILT_IN_VALUES) {
  const dateTime = dateTimeParser(zone);
  return {
    messageId: optional(textValue),
    accountId: required(textValue),
    receivedAt: required(dateTime),
    repliedAt: optional(
      unknownMeans(dateTime, "leave it blank, or write 未回复, if there was no reply by the export"),
      noValueWords(NOT_REPLIED_WORDS),
    ),
    category: withDefault(values.category, "consultation"),
    content: optional(textValue),
    reply: optional(textValue),
  };
}

function filingFields(zone: Zone, values: Values = BUILT_IN_VALUES) {
  const date = dateParser(zone);
  return {
    accountId: required(textValue),
    event: required(values.event),
    eventDate: required(date),
    filedAt: optional(
      unknownMeans(date, "leave it blank, or write 未报备, if the event was not filed"),
      noValueWords(NOT_FILED_WORDS),
    ),
    approvedAt: optional(date, noValueWords(NOT_APPROVED_WORDS)),
    announcedAt: optional(date, noValueWords(NOT_ANNOUNCED_WORDS)),
  };
}

function findingFields(zone: Zone) {
  return {
    accountId: required(textValue),
    indicator: required(textValue),
    foundAt: optional(dateParser(zone), noValueWords(UNKNOWN_WORDS)),
    count: withDefault(countValue, 1),
    note: optional(textValue),
  };
}

export function accountSchema(zone: Zone, values?: Values) {
  return withCrossCheck(objectSchema(accountFields(zone, values)), closedNotBeforeOpened);
}

export function postSchema(zone: Zone) {
  return objectSchema(postFields(zone));
}

export function messageSchema(zone: Zone, values?: Values) {
  return withCrossCheck(objectSchema(messageFields(zone, values)), repliedNotBeforeReceived(zone));
}

export function filingSchema(zone: Zone, values?: Values) {
  return objectSchema(filingFields(zone, values));
}

export function findingSchema(zone: Zone) {
  return objectSchema(findingFields(zone));
}

export type AccountRecord = z.output<ReturnType<typeof accountSchema>>;
export type PostRecord = z.output<ReturnType<typeof postSchema>>;
export type MessageRecord = z.output<ReturnType<typeof messageSchema>>;
export type FilingRecord = z.output<ReturnType<typeof filingSchema>>;
export type FindingRecord = z.output<ReturnType<typeof findingSchema>>;

function closedNotBeforeOpened(account: {
  openedAt?: CivilDate;
  closedAt?: CivilDate;
}): CrossFieldIssue | undefined {
  const { openedAt, closedAt } = account;
  return openedAt !== undefined && closedAt !== undefined && closedAt < openedAt
    ? { field: "closedAt", expected: "a date at or after {opened_at}" }
    : undefined;
}

/**
 * A reply is not before its message. A reply at 00:00 of the message's day may be a date-only reply
 * (RULES §1: its start, so that a same-day reply is on time): the reader moves it to the reception.
 */
function repliedNotBeforeReceived(zone: Zone) {
  return (message: { receivedAt: number; repliedAt?: number }): CrossFieldIssue | undefined => {
    const { receivedAt, repliedAt } = message;
    if (repliedAt === undefined || repliedAt >= receivedAt) return undefined;
    const sameDayStart = repliedAt === zone.startOfDay(zone.dayOf(receivedAt));
    return sameDayStart ? undefined : { field: "repliedAt", expected: "a time at or after {received_at}" };
  };
}

/**
 * Each table's fields in order, and whether each is required: the one declaration of which columns a
 * table has (tables.ts derives its column list from it; the aliases and types are in COLUMNS there).
 */
export function tableFields(): Record<keyof RecordTypesByKind, { field: string; required: boolean }[]> {
  const zone = Zone.of("UTC");
  const list = (fields: Fields) =>
    Object.entries(fields).map(([field, f]) => ({ field, required: f.mode === "required" }));
  return {
    accounts: list(accountFields(zone)),
    posts: list(postFields(zone)),
    messages: list(messageFields(zone)),
    filings: list(filingFields(zone)),
    findings: list(findingFields(zone)),
  };
}

/** Schema and fast path of each table, for one zone and an office's own value words. */
export function rowValidators(zone: Zone, aliases?: ValueAliases) {
  const values = aliases === undefined ? BUILT_IN_VALUES : valueParsers(aliases);
  return {
    accounts: validator<AccountRecord>(
      accountSchema(zone, values),
      accountFields(zone, values),
      closedNotBeforeOpened,
    ),
    posts: validator<PostRecord>(postSchema(zone), postFields(zone)),
    messages: validator<MessageRecord>(
      messageSchema(zone, values),
      messageFields(zone, values),
      repliedNotBeforeReceived(zone),
    ),
    filings: validator<FilingRecord>(filingSchema(zone, values), filingFields(zone, values)),
    findings: validator<FindingRecord>(findingSchema(zone), findingFields(zone)),
  } satisfies { [K in keyof RecordTypesByKind]: RowValidator<RecordTypesByKind[K]> };
}

interface RecordTypesByKind {
  accounts: AccountRecord;
  posts: PostRecord;
  messages: MessageRecord;
  filings: FilingRecord;
  findings: FindingRecord;
}

/** Where a record came from, so any later stage can cite it. */
export interface Origin {
  /** The path as the user gave it. */
  file: string;
  /** CSV/TSV: 1-based physical line of the record's first line; NDJSON: 1-based line; JSON array: 0-based index. */
  line: number;
  /** Set for records of a JSON array: `line` is then the index (`$[41]`). */
  jsonIndex?: true;
}

export type Located<T> = T & Origin;

/** A problem that does not invalidate a row: reported, the row is still used. */
export interface RowWarning {
  /** The record field concerned (camelCase). */
  field: string;
  expected: string;
}

/** PRODUCT §1.1: a closed or cancelled account should say when (a warning, not an error). */
export function accountWarnings(account: AccountRecord): RowWarning[] {
  if (account.status !== "active" && account.closedAt === undefined) {
    return [{ field: "closedAt", expected: `a date when the account is ${account.status}` }];
  }
  return [];
}

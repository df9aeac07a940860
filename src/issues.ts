import type { z } from "zod";

/**
 * zod issues as the lines a user can act on (the knip way): `file: key.path: expected …, received …`.
 * An unknown key names the nearest valid one, or lists them all when none is near.
 */

type PathKey = PropertyKey;

/** The closest name by edit distance, for "did you mean …" hints (none when nothing is close). */
export function nearest(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const d = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = candidate;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

/** `rules.filing-deadline.workdays`, `approvedSources[2]`. */
export function keyPath(path: readonly PathKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out;
}

interface ZodInternals {
  _zod: {
    def: {
      type: string;
      shape?: Record<string, z.ZodType>;
      innerType?: z.ZodType;
      in?: z.ZodType;
      valueType?: z.ZodType;
      element?: z.ZodType;
    };
  };
}

/** Looks through wrappers (optional, default, nullable, pipe …) to the schema that holds the value. */
function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema as unknown as ZodInternals;
  for (;;) {
    const def = current._zod.def;
    const inner = def.innerType ?? (def.type === "pipe" ? def.in : undefined);
    if (inner === undefined) return current as unknown as z.ZodType;
    current = inner as unknown as ZodInternals;
  }
}

/** The schema of the value at `path` inside `schema`, when the path leads through objects, records, arrays. */
function schemaAt(schema: z.ZodType, path: readonly PathKey[]): z.ZodType | undefined {
  let current: z.ZodType | undefined = unwrap(schema);
  for (const key of path) {
    if (current === undefined) return undefined;
    const def: ZodInternals["_zod"]["def"] = (current as unknown as ZodInternals)._zod.def;
    if (def.type === "object") current = def.shape?.[String(key)];
    else if (def.type === "record") current = def.valueType;
    else if (def.type === "array") current = def.element;
    else return undefined;
    current = current === undefined ? undefined : unwrap(current);
  }
  return current;
}

/** The keys an object schema accepts at `path` (for "did you mean"). */
export function keysAt(schema: z.ZodType, path: readonly PathKey[]): string[] {
  const at = schemaAt(schema, path);
  const def = (at as unknown as ZodInternals | undefined)?._zod.def;
  return def?.type === "object" && def.shape ? Object.keys(def.shape).filter((k) => !k.startsWith("$")) : [];
}

function valueAt(input: unknown, path: readonly PathKey[]): unknown {
  let current = input;
  for (const key of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[key as string];
  }
  return current;
}

function shown(value: unknown): string {
  if (value === undefined) return "nothing";
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

function bound(issue: z.core.$ZodIssue, value: unknown): string {
  const i = issue as unknown as {
    origin?: string;
    minimum?: number | bigint;
    maximum?: number | bigint;
    inclusive?: boolean;
    code: string;
  };
  const small = i.code === "too_small";
  const limit = small ? i.minimum : i.maximum;
  const inclusive = i.inclusive !== false;
  const received = `, received ${shown(value)}`;
  switch (i.origin) {
    case "number":
    case "int":
    case "bigint":
      if (!small && Number(limit) >= Number.MAX_SAFE_INTEGER) return `expected a safe integer${received}`;
      return `expected a number ${small ? (inclusive ? "≥" : ">") : inclusive ? "≤" : "<"} ${String(limit)}${received}`;
    case "string":
      return Number(limit) === 1 && small
        ? "expected a non-empty string"
        : `expected ${small ? "at least" : "at most"} ${String(limit)} characters${received}`;
    case "array":
      return `expected ${small ? "at least" : "at most"} ${String(limit)} item${Number(limit) === 1 ? "" : "s"}`;
    default:
      return issue.message;
  }
}

/** The sentence after the key path, in the `expected …, received …` shape. */
function describeIssue(issue: z.core.$ZodIssue, input: unknown, path: readonly PathKey[]): string {
  const value = valueAt(input, path);
  switch (issue.code) {
    case "invalid_type":
      return issue.message.replace(/^Invalid input: /, "");
    case "invalid_value":
      return `expected ${issue.values.length === 1 ? "" : "one of "}${issue.values.map((v) => JSON.stringify(v)).join(", ")}, received ${shown(value)}`;
    case "too_small":
    case "too_big":
      return bound(issue, value);
    case "invalid_union": {
      const expected = new Set<string>();
      for (const branch of issue.errors) {
        for (const sub of branch)
          if (sub.code === "invalid_type" && sub.path.length === 0) expected.add(sub.expected);
      }
      return expected.size > 0
        ? `expected ${[...expected].join(" or ")}, received ${shown(value)}`
        : `invalid value ${shown(value)}`;
    }
    case "custom":
      return `${issue.message}, received ${shown(value)}`;
    default:
      return issue.message;
  }
}

/**
 * Formats a zod error on `input` (validated by `schema`) as one line per problem:
 * `where: key.path: message`. `base` is the path of `input` inside the file (e.g. `rules.x`).
 */
export function formatIssues(
  where: string,
  error: z.ZodError,
  schema: z.ZodType,
  input: unknown,
  base: readonly PathKey[] = [],
): { zh: string; en: string }[] {
  const lines: string[] = [];
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") {
      const valid = keysAt(schema, issue.path);
      const isRules = base.length === 0 && issue.path.length === 1 && issue.path[0] === "rules";
      for (const key of issue.keys) {
        const hint = nearest(key, valid);
        const what = isRules ? "unknown rule" : "unknown key";
        const help = hint
          ? ` (did you mean "${hint}"?)`
          : valid.length > 0
            ? `; valid: ${valid.join(", ")}`
            : "";
        lines.push(`${where}: ${keyPath([...base, ...issue.path, key])}: ${what}${help}`);
      }
      continue;
    }
    const at = keyPath([...base, ...issue.path]);
    lines.push(`${where}: ${at ? `${at}: ` : ""}${describeIssue(issue, input, issue.path)}`);
  }
  return lines.map(bilingualIssue);
}

/** Types as zod names them, in Chinese. */
const TYPE_ZH: Readonly<Record<string, string>> = {
  string: "字符串",
  number: "数字",
  boolean: "布尔值（true/false）",
  object: "对象",
  array: "数组",
  nothing: "空",
};

/**
 * The sentence forms of a config or profile problem (`where: key.path: sentence`), in Chinese. The
 * key path and the values are the user's own and stay as written; a sentence no form knows is kept.
 */
const ISSUE_ZH: readonly [RegExp, (m: RegExpExecArray) => string][] = [
  [
    /^unknown (key|rule) \(did you mean "(.*)"\?\)$/,
    (m) => `未知的${m[1] === "rule" ? "规则" : "键"}（是否想用“${m[2]}”？）`,
  ],
  [
    /^unknown (key|rule); valid: (.*)$/,
    (m) => `未知的${m[1] === "rule" ? "规则" : "键"}；可用：${m[2]!.split(", ").join("、")}`,
  ],
  [/^unknown (key|rule)$/, (m) => `未知的${m[1] === "rule" ? "规则" : "键"}`],
  [
    /^expected one of (.*), received (.*)$/,
    (m) => `应为 ${m[1]!.split(", ").join("、")} 之一，实际为 ${m[2]}`,
  ],
  [/^expected a number ([≥>≤<]) (.*), received (.*)$/, (m) => `应为 ${m[1]} ${m[2]} 的数，实际为 ${m[3]}`],
  [/^expected a safe integer, received (.*)$/, (m) => `应为整数，实际为 ${m[1]}`],
  [/^expected a non-empty string$/, () => "不能为空字符串"],
  [
    /^expected (\w+), received (\w+)$/,
    (m) => `应为${TYPE_ZH[m[1]!] ?? m[1]}，实际为${TYPE_ZH[m[2]!] ?? m[2]}`,
  ],
  [/^expected (.*), received (.*)$/, (m) => `应为 ${m[1]}，实际为 ${m[2]}`],
  [/^invalid value (.*)$/, (m) => `取值 ${m[1]} 无效`],
];

function bilingualIssue(line: string): { zh: string; en: string } {
  const at = line.lastIndexOf(": ", line.search(/: (?:unknown|expected|invalid)\b/) + 1);
  const head = at < 0 ? "" : line.slice(0, at);
  const sentence = at < 0 ? line : line.slice(at + 2);
  for (const [re, zh] of ISSUE_ZH) {
    const m = re.exec(sentence);
    if (m) return { zh: `${head}${head ? "：" : ""}${zh(m)}`, en: line };
  }
  return { zh: line, en: line };
}

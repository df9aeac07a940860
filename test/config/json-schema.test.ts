import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CONFIG_SCHEMA_FILE, configJsonSchema, formatJson } from "../../src/config/json-schema.js";
import { RULES } from "../../src/rules/index.js";
import { MANUAL_ONLY, SETTABLE, settableById } from "../../src/rules/manual.js";

const root = path.resolve(import.meta.dirname, "../..");
const committed = () => readFileSync(path.join(root, CONFIG_SCHEMA_FILE), "utf8");

type Schema = {
  properties: Record<
    string,
    { properties?: Record<string, { properties?: object; additionalProperties?: boolean }> }
  >;
  additionalProperties: boolean;
};

describe("gmaudit.schema.json", () => {
  it("is the one generated from the config's zod schema (npm run build writes it)", () => {
    expect(committed()).toBe(formatJson(configJsonSchema()));
  });

  it("is shipped in the package", () => {
    const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { files: string[] };
    expect(pkg.files).toContain(CONFIG_SCHEMA_FILE);
  });

  it("describes every key, rule, manual indicator and parameter, and no others (so editors flag typos)", () => {
    const schema = configJsonSchema() as unknown as Schema;
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties)).toEqual([
      "$schema",
      "$comment",
      "profile",
      "timezone",
      "calendar",
      "strictCalendar",
      "lang",
      "failOn",
      "warnWithin",
      "aliases",
      "approvedSources",
      "unitAliases",
      "rules",
    ]);
    const rules = schema.properties.rules!.properties!;
    expect(Object.keys(rules)).toEqual(SETTABLE.map((r) => r.id));
    expect(Object.keys(rules)).toEqual([...RULES.map((r) => r.id), ...MANUAL_ONLY.map((m) => m.id)]);
    // Every entry takes the engine's settings, then its own parameters (a manual-only indicator has none).
    for (const target of SETTABLE) {
      const entry = rules[target.id]!;
      expect(entry.additionalProperties, target.id).toBe(false);
      expect(Object.keys(entry.properties!)).toEqual([
        "$comment",
        "enabled",
        "severity",
        "pointsEach",
        "cap",
        "source",
        ...Object.keys((target.params as unknown as { shape: object }).shape),
      ]);
    }
    expect(
      MANUAL_ONLY.every(
        (m) => Object.keys((settableById(m.id)!.params as unknown as { shape: object }).shape).length === 0,
      ),
    ).toBe(true);
  });
});

describe("formatJson", () => {
  it("breaks objects and keeps short lists of scalars on one line, as the formatter does", () => {
    expect(formatJson({ a: { b: [1, 2], c: [] }, d: {} })).toBe(
      '{\n  "a": {\n    "b": [1, 2],\n    "c": []\n  },\n  "d": {}\n}\n',
    );
    const long = Array.from({ length: 30 }, (_, i) => `item-${i}`);
    expect(formatJson({ long }).split("\n").length).toBe(30 + 5);
  });
});

import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { generatedDocs } from "../../src/config/docs.js";
import { BUILTIN_PROFILES, DEFAULT_PROFILE } from "../../src/profiles/builtin.js";
import { manualSettings } from "../../src/profiles/catalogue.js";
import { resolveProfile } from "../../src/profiles/resolve.js";
import { profileSchema, ruleEntrySchema } from "../../src/profiles/schema.js";
import { SEVERITIES } from "../../src/rules/define.js";
import { RULES, ruleById } from "../../src/rules/index.js";
import { MANUAL_INDICATORS, MANUAL_ONLY, settableById } from "../../src/rules/manual.js";

/**
 * Keeps the registry honest (DESIGN: "every rule registered, documented, tested, cited; every profile
 * parses and names only known rules"). When this fails after adding a rule: give it an interpretation,
 * a test file, run `npm run docs`, and commit the regenerated docs.
 */

const root = path.resolve(import.meta.dirname, "../..");

/** RULES.md §5: the built-in profiles the spec promises. Written here so a missing one fails by name. */
const PROFILES_OF_RULES_MD = [
  "national",
  "jiangsu",
  "municipal",
  "nantong",
  "kunshan",
  "dongxiang",
  "zhejiang",
];

const KEBAB = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
/** A document reference by its number (国办秘函〔2019〕19号 …) or its title (《南通市政务新媒体管理办法（试行）》). */
const CITES_A_DOCUMENT = /〔\d{4}〕\d+号|《[^》]+》/;
/** The spec's numbers of the source documents (000–004): never shown to a user (SOURCES.md). */
const SEED_NUMBER = /(^|[^\d])00[0-4]([^\d]|$)/;
const HAN = /\p{Script=Han}/u;

const docs = generatedDocs();
const profiles = PROFILES_OF_RULES_MD.map((id) => resolveProfile(id));

describe("the rule registry", () => {
  it("has rules, each id unique and kebab-case", () => {
    expect(RULES.length).toBeGreaterThan(0);
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(KEBAB);
    for (const id of ids) expect(ruleById(id)?.id).toBe(id);
  });

  describe.each(RULES.map((rule) => [rule.id, rule] as const))("%s", (id, rule) => {
    it("has a Chinese and an English indicator name", () => {
      expect(rule.indicator.zh).toMatch(HAN);
      expect(rule.indicator.en.trim()).not.toBe("");
      expect(rule.indicator.en).not.toMatch(HAN);
    });

    it("cites the document it comes from by title, in every built-in profile", () => {
      expect(rule.source.default.length).toBeGreaterThan(0);
      for (const profile of profiles) {
        const resolved = profile.rules.find((r) => r.rule.id === id)!;
        for (const text of [resolved.source, resolved.sourceFull]) {
          expect(text, profile.id).toMatch(CITES_A_DOCUMENT);
          expect(text, profile.id).not.toMatch(SEED_NUMBER);
        }
      }
    });

    it("says how we read the clause: a list of short readings, citing no seed number", () => {
      const readings = rule.interpretation ?? [];
      expect(readings.join(" ").length).toBeGreaterThanOrEqual(200);
      for (const reading of readings) {
        expect(reading.trim()).not.toBe("");
        expect(reading.length, reading).toBeLessThanOrEqual(520);
        expect(reading, reading).not.toMatch(SEED_NUMBER);
      }
    });

    it("has its defaults in range and runs with no settings at all", () => {
      expect(SEVERITIES).toContain(rule.defaults.severity);
      if ((rule.defaults.pointsEach ?? 0) > 0) expect(rule.defaults.severity).toBe("deduct");
      expect(rule.params.safeParse({}).success).toBe(true);
      expect(rule.needs.length === 0 || rule.needs.every((k) => typeof k === "string")).toBe(true);
    });

    it("has every message in Chinese and English", () => {
      const messages = Object.entries(rule.messages);
      expect(messages.length).toBeGreaterThan(0);
      for (const [messageId, m] of messages) {
        expect(messageId).toMatch(KEBAB);
        expect(m.zh.trim(), messageId).not.toBe("");
        expect(m.en.trim(), messageId).not.toBe("");
      }
    });

    it("has a test file", () => {
      expect(existsSync(path.join(root, `test/rules/${id}.test.ts`)), `test/rules/${id}.test.ts`).toBe(true);
    });

    it("has an up-to-date doc (npm run docs)", () => {
      const file = `docs/rules/${id}.md`;
      expect(existsSync(path.join(root, file)), `${file} is missing: run npm run docs`).toBe(true);
      expect(readFileSync(path.join(root, file), "utf8"), `${file} is out of date: run npm run docs`).toBe(
        docs.get(file),
      );
    });
  });

  it("docs/rules/README.md (the index) is up to date", () => {
    expect(readFileSync(path.join(root, "docs/rules/README.md"), "utf8")).toBe(
      docs.get("docs/rules/README.md"),
    );
  });

  it("has no doc page for a rule that does not exist", () => {
    const pages = readdirSync(path.join(root, "docs/rules")).filter((f) => f.endsWith(".md"));
    for (const page of pages) expect(docs.has(`docs/rules/${page}`), page).toBe(true);
  });

  it("every rule test file belongs to a rule or a manual indicator", () => {
    const known = new Set([...RULES.map((r) => r.id), "manual"]);
    for (const file of readdirSync(path.join(root, "test/rules")).filter((f) => f.endsWith(".test.ts"))) {
      expect(known.has(file.replace(/\.test\.ts$/, "")), file).toBe(true);
    }
  });
});

describe("the manual indicators (RULES §3)", () => {
  it("have unique kebab-case ids, both names and a cited source", () => {
    const ids = MANUAL_INDICATORS.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const m of MANUAL_INDICATORS) {
      expect(m.id).toMatch(KEBAB);
      expect(m.indicator.zh).toMatch(HAN);
      expect(m.indicator.en.trim()).not.toBe("");
      expect(SEVERITIES).toContain(m.defaults.severity);
      for (const profile of profiles) {
        const { source } = manualSettings(profile, m);
        expect(source, `${m.id} under ${profile.id}`).toMatch(CITES_A_DOCUMENT);
        expect(source, `${m.id} under ${profile.id}`).not.toMatch(SEED_NUMBER);
      }
    }
  });
});

describe("the built-in profiles", () => {
  const dir = path.join(root, "src/profiles/builtin");
  const files = readdirSync(dir).filter((f) => f.endsWith(".json"));

  it.each(PROFILES_OF_RULES_MD)("RULES.md §5 promises %s", (id) => {
    expect(BUILTIN_PROFILES.has(id), `built-in profile ${id} is missing`).toBe(true);
  });

  it("the default is jiangsu", () => {
    expect(DEFAULT_PROFILE).toBe("jiangsu");
  });

  it.each(files)("%s parses, is registered and names only known ids with valid settings", (file) => {
    const raw = JSON.parse(readFileSync(path.join(dir, file), "utf8")) as unknown;
    const spec = profileSchema.parse(raw);
    expect(file).toBe(`${spec.id}.json`);
    expect(BUILTIN_PROFILES.get(spec.id)).toEqual(spec);
    if (spec.extends !== undefined) expect(BUILTIN_PROFILES.has(spec.extends)).toBe(true);
    for (const [id, settings] of Object.entries(spec.rules)) {
      // A rule, or a manual-only indicator (RULES §3), which a profile prices by its id too.
      const target = settableById(id);
      expect(target, `${file}: unknown rule ${id}`).toBeDefined();
      const checked = ruleEntrySchema(target!).safeParse(settings);
      expect(checked.success, `${file}: rules.${id}: ${checked.error?.message}`).toBe(true);
    }
    const resolved = resolveProfile(spec.id);
    expect(resolved.chain[resolved.chain.length - 1]).toBe(spec.id);
    expect(resolved.rules.map((r) => r.rule.id)).toEqual(RULES.map((r) => r.id));
    expect(resolved.manual.map((m) => m.indicator.id)).toEqual(MANUAL_ONLY.map((m) => m.id));
  });

  it("every registered profile has its file", () => {
    for (const id of BUILTIN_PROFILES.keys()) expect(files).toContain(`${id}.json`);
  });
});

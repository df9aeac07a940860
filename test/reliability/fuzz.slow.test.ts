import { writeFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import {
  assertErrorsCite,
  assertWellBehaved,
  caseDir,
  checkArgs,
  EXTENSIONS,
  encode,
  type Format,
  KINDS,
  type RunResult,
  run,
  runs,
  TABLE_ARBITRARIES,
  tableText,
  tempDir,
  timeLimit,
  writeRegistry,
} from "./helpers.js";

/**
 * The no-crash properties on generated input (no-crash.slow.test.ts has the named cases): valid tables of
 * every kind, format and encoding, corrupted by 0–3 mutations, through `check` and `validate`.
 */

const { dir: root, cleanup } = tempDir("fuzz");
afterAll(cleanup);
const registry = writeRegistry(root);

// ---------------------------------------------------------------------------------------------------
// Generated corruptions

type Mutation = { name: string; apply: (bytes: Buffer) => Buffer };

function insert(bytes: Buffer, at: number, extra: Buffer): Buffer {
  const i = at % (bytes.length + 1);
  return Buffer.concat([bytes.subarray(0, i), extra, bytes.subarray(i)]);
}

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.nat().map((n) => ({ name: `truncate@${n}`, apply: (b: Buffer) => b.subarray(0, n % (b.length + 1)) })),
  fc
    .tuple(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 24 }))
    .map(([n, junk]) => ({ name: `junk@${n}`, apply: (b: Buffer) => insert(b, n, Buffer.from(junk)) })),
  fc
    .tuple(
      fc.nat(),
      fc.constantFrom('"', ",", "\n", "\r", "\t", "[", "{", "}", "]", ":", "\\", "\u0000", "\uFEFF", '""'),
    )
    .map(([n, s]) => ({
      name: `insert ${JSON.stringify(s)}@${n}`,
      apply: (b: Buffer) => insert(b, n, Buffer.from(s)),
    })),
  fc.tuple(fc.nat(), fc.integer({ min: 1, max: 64 })).map(([n, len]) => ({
    name: `delete ${len}@${n}`,
    apply: (b: Buffer) => {
      const i = n % (b.length + 1);
      return Buffer.concat([b.subarray(0, i), b.subarray(i + len)]);
    },
  })),
  fc.nat().map((n) => ({
    name: `byte 0xff@${n}`,
    apply: (b: Buffer) => {
      if (b.length === 0) return b;
      const copy = Buffer.from(b);
      copy[n % b.length] = 0xff;
      return copy;
    },
  })),
  fc.constant({
    name: "LF → CR",
    apply: (b: Buffer) => Buffer.from(b.toString("latin1").replace(/\n/g, "\r"), "latin1"),
  }),
  fc.constant({
    name: "first header cell twice",
    apply: (b: Buffer) => {
      const text = b.toString("utf8");
      const first = text.split(/[,\t\n]/, 1)[0] ?? "";
      return Buffer.from(text.replace(/\n/, `,${first}\n`), "utf8");
    },
  }),
  fc.tuple(fc.nat(), fc.integer({ min: 1000, max: 40_000 })).map(([n, len]) => ({
    name: `long cell ${len}@${n}`,
    apply: (b: Buffer) => insert(b, n, Buffer.from("長".repeat(len))),
  })),
  fc.constant({
    name: "UTF-16 BOM on UTF-8",
    apply: (b: Buffer) => Buffer.concat([Buffer.from([0xff, 0xfe]), b]),
  }),
  fc.constant({
    name: "wrapped in an object",
    apply: (b: Buffer) => Buffer.concat([Buffer.from('{"rows": '), b, Buffer.from("}")]),
  }),
  fc.constant({ name: "last byte cut", apply: (b: Buffer) => b.subarray(0, Math.max(0, b.length - 1)) }),
);

const FORMATS: Format[] = ["csv", "tsv", "json", "ndjson"];

const corruptCase = fc.record({
  kind: fc.constantFrom(...KINDS),
  format: fc.constantFrom(...FORMATS),
  encoding: fc.constantFrom<"utf-8" | "utf-8-bom" | "gb18030">("utf-8", "utf-8-bom", "gb18030"),
  mutations: fc.array(mutation, { minLength: 0, maxLength: 3 }),
  skipInvalid: fc.boolean(),
  seed: fc.nat(),
});

function jsonOf(result: RunResult): { inputs: Record<string, InputCounts> } {
  return JSON.parse(result.out) as { inputs: Record<string, InputCounts> };
}

interface InputCounts {
  rows: number;
  used: number;
  skipped: number;
  duplicates: number;
  afterAsOf: number;
}

describe("generated and corrupted inputs (property)", () => {
  it(
    "check: exit 0/1/2, no stack trace, errors cite file:line, no row lost",
    async () => {
      await fc.assert(
        fc.asyncProperty(corruptCase, fc.gen(), async (c, gen) => {
          const table = gen(() => TABLE_ARBITRARIES[c.kind]);
          const text = tableText(table, c.format);
          let bytes = encode(text, c.format === "csv" || c.format === "tsv" ? c.encoding : "utf-8");
          for (const m of c.mutations) bytes = m.apply(bytes);
          const file = path.join(caseDir(root), `${c.kind}${EXTENSIONS[c.format]}`);
          writeFileSync(file, bytes);

          const result = await run(
            checkArgs(c.kind, file, registry, c.skipInvalid ? ["--skip-invalid"] : []),
          );
          assertWellBehaved(result);
          assertErrorsCite(result.err, file);
          if (result.code === 2) {
            expect(result.out).toBe("");
            return;
          }
          // Nothing lost: every row read is used, skipped (and counted), a dropped duplicate, or after T.
          const counts = jsonOf(result).inputs;
          for (const s of Object.values(counts)) {
            expect(s.rows).toBe(s.used + s.skipped + s.duplicates + s.afterAsOf);
            if (!c.skipInvalid) expect(s.skipped).toBe(0);
          }
          // An untouched valid file is read whole.
          if (c.mutations.length === 0) expect(counts[c.kind]?.rows).toBe(table.rows.length);
        }),
        { numRuns: runs(400) },
      );
    },
    timeLimit(120_000),
  );

  it(
    "an untouched valid file never fails (exit 0 or 1)",
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...KINDS),
          fc.constantFrom(...FORMATS),
          fc.constantFrom<"utf-8" | "utf-8-bom" | "gb18030">("utf-8", "utf-8-bom", "gb18030"),
          fc.gen(),
          async (kind, format, encoding, gen) => {
            const table = gen(() => TABLE_ARBITRARIES[kind]);
            if (table.rows.length === 0 && format === "ndjson") return; // an empty NDJSON file is an error
            const file = path.join(caseDir(root), `${kind}${EXTENSIONS[format]}`);
            writeFileSync(
              file,
              encode(tableText(table, format), format === "csv" || format === "tsv" ? encoding : "utf-8"),
            );
            const result = await run(checkArgs(kind, file, registry));
            assertWellBehaved(result);
            expect(result.err).not.toMatch(/gmaudit: .*(invalid|error)/);
            expect(result.code).toBeLessThan(2);
            expect(jsonOf(result).inputs[kind]?.rows).toBe(table.rows.length);
          },
        ),
        { numRuns: runs(200) },
      );
    },
    timeLimit(120_000),
  );

  it(
    "validate: exit 0 or 2, no stack trace, every problem cites file:line",
    async () => {
      await fc.assert(
        fc.asyncProperty(corruptCase, fc.gen(), async (c, gen) => {
          const table = gen(() => TABLE_ARBITRARIES[c.kind]);
          let bytes = encode(
            tableText(table, c.format),
            c.format === "csv" || c.format === "tsv" ? c.encoding : "utf-8",
          );
          for (const m of c.mutations) bytes = m.apply(bytes);
          const file = path.join(caseDir(root), `${c.kind}${EXTENSIONS[c.format]}`);
          writeFileSync(file, bytes);
          const result = await run(["validate", file, ...(c.seed % 2 === 0 ? ["--kind", c.kind] : [])]);
          assertWellBehaved(result);
          expect([0, 2]).toContain(result.code);
          assertErrorsCite(result.out, file);
        }),
        { numRuns: runs(300) },
      );
    },
    timeLimit(120_000),
  );
});

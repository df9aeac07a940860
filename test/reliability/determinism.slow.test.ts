import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { toCsv } from "../../src/output/csv.js";
import { caseDir, cellText, type RunResult, run, runs, type Table, tempDir, timeLimit } from "./helpers.js";

/**
 * Deterministic output (PRODUCT §3.5 in spirit, issue #7): the same inputs and flags give
 * byte-identical output whatever the machine's zone, and whatever the order of the rows of the posts
 * and messages files. Findings are listed in a defined order (scoring/engine.ts `inDefinedOrder`:
 * occurredAt, then the rule's message order, then text), evidence examples are the earliest ones, and
 * unregistered accounts are listed by id.
 */

const { dir: root, cleanup } = tempDir("determinism");
afterAll(cleanup);

const ZONES = ["UTC", "America/New_York", "Asia/Shanghai"] as const;

/** Accounts A1…A5, posts and messages that trigger many findings (late replies, reposts without source, …). */
const dataset = fc.record({
  accounts: fc.array(
    fc.record({
      platform: fc.constantFrom("微信公众号", "微博", "抖音"),
      opened: fc.integer({ min: 1, max: 40 }),
    }),
    { minLength: 1, maxLength: 5 },
  ),
  posts: fc.array(
    fc.record({
      account: fc.integer({ min: 1, max: 7 }),
      day: fc.integer({ min: 1, max: 30 }),
      hour: fc.integer({ min: 0, max: 23 }),
      original: fc.constantFrom("原创", "转载"),
      source: fc.constantFrom("", "", "新华社", "人民网", "某自媒体"),
      title: cellText,
    }),
    { maxLength: 40 },
  ),
  messages: fc.array(
    fc.record({
      account: fc.integer({ min: 1, max: 7 }),
      day: fc.integer({ min: 1, max: 30 }),
      hour: fc.integer({ min: 0, max: 23 }),
      replyAfter: fc.option(fc.integer({ min: 0, max: 80 }), { nil: undefined }),
      category: fc.constantFrom("咨询", "投诉"),
    }),
    { maxLength: 30 },
  ),
  findings: fc.array(
    fc.record({
      account: fc.integer({ min: 1, max: 5 }),
      day: fc.integer({ min: 1, max: 30 }),
      note: cellText,
    }),
    { maxLength: 6 },
  ),
  seed: fc.nat(),
});

type Dataset = typeof dataset extends fc.Arbitrary<infer T> ? T : never;

const pad = (n: number) => String(n).padStart(2, "0");

function tables(d: Dataset): Record<string, Table> {
  return {
    accounts: {
      header: ["账号ID", "账号名称", "平台", "主办单位", "开设日期"],
      rows: d.accounts.map((a, i) => [
        `A${i + 1}`,
        `账号${i + 1}`,
        a.platform,
        "清河县政府办",
        `2026-08-${pad(Math.min(a.opened, 31))}`,
      ]),
    },
    posts: {
      header: ["文章ID", "账号ID", "发布时间", "是否原创", "来源", "标题"],
      rows: d.posts.map((p, i) => [
        `P${i + 1}`,
        `A${p.account}`,
        `2026-09-${pad(p.day)} ${pad(p.hour)}:00`,
        p.original,
        p.source,
        p.title,
      ]),
    },
    messages: {
      header: ["留言ID", "账号ID", "留言时间", "回复时间", "留言类型"],
      rows: d.messages.map((m, i) => {
        const received = Date.UTC(2026, 8, m.day, m.hour - 8); // Shanghai wall time
        const replied =
          m.replyAfter === undefined ? "" : new Date(received + m.replyAfter * 3_600_000).toISOString();
        return [`M${i + 1}`, `A${m.account}`, new Date(received).toISOString(), replied, m.category];
      }),
    },
    findings: {
      header: ["账号ID", "指标", "发现日期", "说明"],
      rows: d.findings.map((f) => [`A${f.account}`, "serious-error", `2026-09-${pad(f.day)}`, f.note]),
    },
  };
}

/** Fisher–Yates with a seeded generator: a reproducible shuffle. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function writeDataset(dir: string, t: Record<string, Table>): void {
  for (const [name, table] of Object.entries(t))
    writeFileSync(path.join(dir, `${name}.csv`), toCsv(table.header, table.rows));
}

const BASE = ["check", "accounts.csv", "--no-config", "--period", "2026-09", "--fail-on", "never"];

/** Every output of one data set: JSON, NDJSON, CSV on stdout, and the two files. */
async function outputs(dir: string): Promise<string[]> {
  const texts: string[] = [];
  const keep = (r: RunResult) => {
    expect(r.code).toBe(0);
    texts.push(r.out.split(dir).join("<dir>"));
  };
  keep(await run([...BASE, "--format", "json"], dir));
  keep(await run([...BASE, "--format", "ndjson", "--lang", "en"], dir));
  keep(await run([...BASE, "--format", "csv", "--units"], dir));
  keep(await run([...BASE, "--out", "results.csv", "--findings-out", "problems.csv"], dir));
  for (const name of ["results.csv", "problems.csv"]) {
    texts.push(readFileSync(path.join(dir, name), "utf8").split(dir).join("<dir>"));
  }
  return texts;
}

describe("the order of the posts and messages rows does not matter", () => {
  it(
    "shuffled rows give byte-identical JSON, NDJSON and CSV (property)",
    async () => {
      await fc.assert(
        fc.asyncProperty(dataset, async (d) => {
          const original = tables(d);
          const reordered = {
            ...original,
            posts: { ...original.posts!, rows: shuffled(original.posts!.rows, d.seed) },
            messages: { ...original.messages!, rows: shuffled(original.messages!.rows, d.seed + 1) },
          };
          const a = caseDir(root);
          const b = caseDir(root);
          writeDataset(a, original);
          writeDataset(b, reordered);
          expect(await outputs(b)).toEqual(await outputs(a));
        }),
        { numRuns: runs(25) },
      );
    },
    timeLimit(60_000),
  );

  it("also on the bundled demo, reversed", async () => {
    const demo = path.resolve("fixtures/demo");
    const a = caseDir(root);
    const b = caseDir(root);
    for (const name of ["accounts.csv", "filings.csv", "findings.csv"]) {
      const text = readFileSync(path.join(demo, name));
      writeFileSync(path.join(a, name), text);
      writeFileSync(path.join(b, name), text);
    }
    for (const name of ["posts.csv", "messages.csv"]) {
      const [header, ...rows] = readFileSync(path.join(demo, name), "utf8").trimEnd().split("\n");
      writeFileSync(path.join(a, name), `${[header, ...rows].join("\n")}\n`);
      writeFileSync(path.join(b, name), `${[header, ...rows.reverse()].join("\n")}\n`);
    }
    const args = ["check", "accounts.csv", "--no-config", "--period", "2026Q3", "--format", "json"];
    const [ra, rb] = [await run(args, a), await run(args, b)];
    expect(rb.out.split(b).join("<dir>")).toBe(ra.out.split(a).join("<dir>"));
  });
});

describe("the machine's zone does not matter", () => {
  const saved = process.env.TZ;
  afterEach(() => {
    process.env.TZ = saved;
  });

  it(
    "in process: the same bytes under UTC, America/New_York and Asia/Shanghai (property)",
    async () => {
      await fc.assert(
        fc.asyncProperty(
          dataset,
          fc.constantFrom("Asia/Shanghai", "America/New_York", "UTC"),
          async (d, auditZone) => {
            const dir = caseDir(root);
            writeDataset(dir, tables(d));
            const results: string[] = [];
            for (const zone of ZONES) {
              process.env.TZ = zone;
              const r = await run([...BASE, "--tz", auditZone, "--format", "json"], dir);
              results.push(r.out);
            }
            expect(results[1]).toBe(results[0]);
            expect(results[2]).toBe(results[0]);
          },
        ),
        { numRuns: runs(25) },
      );
    },
    timeLimit(60_000),
  );

  it("spawned: the built CLI gives the same files under three zones", () => {
    const bin = fileURLToPath(new URL("../../bin/gmaudit.js", import.meta.url));
    const dir = caseDir(root);
    const demo = path.resolve("fixtures/demo");
    for (const name of ["accounts.csv", "posts.csv", "messages.csv", "filings.csv", "findings.csv"]) {
      writeFileSync(path.join(dir, name), readFileSync(path.join(demo, name)));
    }
    const produced = ZONES.map((tz) => {
      const r = spawnSync(
        process.execPath,
        [
          bin,
          "check",
          "accounts.csv",
          "--no-config",
          "--period",
          "2026Q3",
          "--out",
          `results.${tz.replace("/", "_")}.json`,
          "--findings-out",
          `problems.${tz.replace("/", "_")}.csv`,
        ],
        { cwd: dir, encoding: "utf8", env: { PATH: process.env.PATH, TZ: tz, NO_COLOR: "1" } },
      );
      expect(r.status).toBe(1);
      return [
        readFileSync(path.join(dir, `results.${tz.replace("/", "_")}.json`), "utf8"),
        readFileSync(path.join(dir, `problems.${tz.replace("/", "_")}.csv`), "utf8"),
      ];
    });
    expect(produced[1]).toEqual(produced[0]);
    expect(produced[2]).toEqual(produced[0]);
  }, 30_000);
});

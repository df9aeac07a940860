import { spawnSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { jsonArrayRows, MAX_JSON_ARRAY_CHARS } from "../../src/input/json.js";
import {
  assertErrorsCite,
  assertWellBehaved,
  caseDir,
  checkArgs,
  KINDS,
  type Kind,
  run,
  tempDir,
  writeRegistry,
} from "./helpers.js";

/**
 * PRODUCT §1.7 / §2.2: whatever an input file holds, gmaudit ends with exit 0, 1 or 2 and a message
 * that names the file and the position — never a crash, never a stack trace (one only with --debug).
 * Named cases for each input kind through `check` and `validate`, and the spawned CLI; the generated
 * corruptions are in fuzz.slow.test.ts.
 */

const { dir: root, cleanup } = tempDir("no-crash");
afterAll(cleanup);
const registry = writeRegistry(root);

/** A valid header and row of each kind, to build the bad files from. */
const SAMPLE: Record<Kind, { header: string; row: string; textColumn: number }> = {
  accounts: { header: "账号ID,账号名称,平台,主办单位", row: "A1,清河发布,微博,清河县政府办", textColumn: 1 },
  posts: { header: "文章ID,账号ID,发布时间,标题", row: "P1,A1,2026-09-20 10:00,通知", textColumn: 3 },
  messages: { header: "留言ID,账号ID,留言时间,留言内容", row: "M1,A1,2026-09-20 10:00,请问", textColumn: 3 },
  filings: { header: "账号ID,报备类别,事项日期", row: "A1,开设,2018-03-01", textColumn: 0 },
  findings: { header: "账号ID,指标,说明", row: "A1,serious-error,错别字", textColumn: 2 },
};

function withCell(kind: Kind, text: string): string {
  const cells = SAMPLE[kind].row.split(",");
  cells[SAMPLE[kind].textColumn] = text;
  return cells.join(",");
}

interface NamedCase {
  name: string;
  ext: string;
  content: (kind: Kind) => string | Buffer;
  /** What `check` must say (exit 2), or that it runs (exit 0/1) and reads `rows` rows. */
  expect: { error: RegExp } | { rows: number };
}

const junk = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256));

const NAMED: NamedCase[] = [
  {
    name: "binary junk",
    ext: ".csv",
    content: () => junk,
    expect: { error: /:\d+: missing required columns? of \w+|: the file is empty|: not valid UTF-8/ },
  },
  {
    name: "truncated UTF-8",
    ext: ".csv",
    content: (k) =>
      Buffer.concat([
        Buffer.from(`${SAMPLE[k].header}\n${SAMPLE[k].row}\n测`),
        Buffer.from("试").subarray(0, 2),
      ]),
    expect: { error: /: not valid UTF-8/ },
  },
  {
    name: "an unclosed quote",
    ext: ".csv",
    content: (k) => `${SAMPLE[k].header}\n"${SAMPLE[k].row}\n${SAMPLE[k].row}\n`,
    expect: { error: /:2: unclosed quote/ },
  },
  {
    name: "5 MB in one cell",
    ext: ".csv",
    content: (k) => `${SAMPLE[k].header}\n${withCell(k, "长".repeat((5 * 1024 * 1024) / 3))}\n`,
    expect: { rows: 1 },
  },
  {
    name: "a quoted cell of 9 million characters",
    ext: ".csv",
    content: (k) => `${SAMPLE[k].header}\n${withCell(k, `"${"x".repeat(9_000_000)}"`)}\n`,
    expect: { error: /:2: a row longer than \d+ characters/ },
  },
  {
    name: "a million columns",
    ext: ".csv",
    content: (k) => `${SAMPLE[k].header}${",".repeat(1_000_000)}\n${SAMPLE[k].row}\n`,
    expect: { error: /:1: a row of 1000004 cells|:1: a row of 1000003 cells/ },
  },
  { name: "an empty file", ext: ".csv", content: () => "", expect: { error: /: the file is empty/ } },
  { name: "only a header", ext: ".csv", content: (k) => `${SAMPLE[k].header}\n`, expect: { rows: 0 } },
  {
    name: "duplicated headers",
    ext: ".csv",
    content: (k) => `${SAMPLE[k].header.split(",")[0]},${SAMPLE[k].header}\nX,${SAMPLE[k].row}\n`,
    expect: { error: /:1: the header names a column twice/ },
  },
  {
    name: "CR-only line endings",
    ext: ".csv",
    content: (k) => `${SAMPLE[k].header}\r${SAMPLE[k].row}\r`,
    expect: { rows: 1 },
  },
  {
    name: "a JSON object instead of an array",
    ext: ".json",
    content: (k) =>
      JSON.stringify(
        { rows: [Object.fromEntries(SAMPLE[k].header.split(",").map((h) => [h, "x"]))] },
        null,
        2,
      ),
    expect: {
      error:
        /:1: invalid JSON at column 2: the line ends in the middle of a value: NDJSON has one whole object per line/,
    },
  },
  {
    name: "a JSON number",
    ext: ".json",
    content: () => "42",
    expect: { error: /:1: expected a JSON array of objects/ },
  },
  {
    name: "JSON cut short",
    ext: ".json",
    content: (k) => `[{"${SAMPLE[k].header.split(",")[0]}": "A1"`,
    expect: { error: /:1: invalid JSON at line 1, column \d+: the text ends in the middle of a value/ },
  },
  {
    name: "JSON with a value nested 100 000 deep",
    ext: ".json",
    content: (k) => `[{"${SAMPLE[k].header.split(",")[0]}": ${"[".repeat(100_000)}${"]".repeat(100_000)}}]`,
    expect: { error: /:\$\[0\]: key ".*": a value nested more than 64 levels deep/ },
  },
  {
    name: "an NDJSON line that is an array",
    ext: ".ndjson",
    content: () => "[1, 2]\n",
    expect: { error: /:1: expected one JSON object per line, found an array/ },
  },
  {
    name: "an NDJSON line of 9 million characters",
    ext: ".ndjson",
    content: () => `{"x": "${"y".repeat(9_000_000)}"}\n`,
    expect: { error: /:1: a line longer than 8 Mi characters/ },
  },
  {
    name: "an empty NDJSON file",
    ext: ".ndjson",
    content: () => "\n\n",
    expect: { error: /: the file is empty/ },
  },
];

describe("named bad inputs, every kind, check and validate", () => {
  for (const c of NAMED) {
    it(c.name, async () => {
      for (const kind of KINDS) {
        const dir = caseDir(root);
        const file = path.join(dir, `${kind}${c.ext}`);
        writeFileSync(file, c.content(kind));

        const checked = await run(checkArgs(kind, file, registry));
        assertWellBehaved(checked);
        assertErrorsCite(checked.err, file);
        if ("error" in c.expect) {
          expect({ kind, code: checked.code }).toEqual({ kind, code: 2 });
          expect(checked.err).toMatch(c.expect.error);
          expect(checked.out).toBe("");
        } else {
          expect({ kind, code: checked.code, err: checked.err }).toMatchObject({
            kind,
            code: expect.any(Number),
          });
          expect(checked.code).toBeLessThan(2);
          const doc = JSON.parse(checked.out) as { inputs: Record<string, { rows: number }> };
          expect(doc.inputs[kind]?.rows).toBe(c.expect.rows);
        }

        const validated = await run(["validate", "--kind", kind, file]);
        assertWellBehaved(validated);
        assertErrorsCite(validated.out, file);
        expect(validated.code).toBe("error" in c.expect ? 2 : 0);
      }
    }, 60_000);
  }
});

describe("limits that a test file cannot reach cheaply", () => {
  it("a JSON array larger than the limit is refused before it is parsed", async () => {
    async function* huge() {
      const piece = "x".repeat(1024 * 1024);
      yield "[";
      for (let i = 0; i <= MAX_JSON_ARRAY_CHARS / piece.length; i++) yield piece;
    }
    const rows = jsonArrayRows(huge(), "big.json");
    await expect(rows.next()).rejects.toThrow(
      /^big\.json: a JSON array of more than 256 Mi characters is not read/,
    );
  });

  it("two different names of one column are not a duplicate: the preferred one is read", async () => {
    const dir = caseDir(root);
    writeFileSync(
      path.join(dir, "accounts.csv"),
      "账号编号,account_id,名称,平台,主办单位\nX1,A1,清河发布,微博,清河县\n",
    );
    const result = await run(
      ["check", "accounts.csv", "--no-config", "--as-of", "2026-09-30", "--format", "json"],
      dir,
    );
    expect(result.code).toBe(0);
    expect(result.out).toContain('"accountId": "A1"');
  });
});

// ---------------------------------------------------------------------------------------------------
// The real process: the bin shim, its stderr, --debug

const bin = fileURLToPath(new URL("../../bin/gmaudit.js", import.meta.url));

function spawn(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd,
    encoding: "utf8",
    env: { PATH: process.env.PATH, TZ: "UTC", NO_COLOR: "1", GMAUDIT_LANG: "en" },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

describe("the built CLI on bad input (spawned)", () => {
  it("ends with a message and exit 2, a stack only with --debug", () => {
    const dir = caseDir(root);
    writeFileSync(path.join(dir, "accounts.csv"), junk);
    writeFileSync(path.join(dir, "posts.json"), '{"rows": [');
    writeFileSync(path.join(dir, "bad.csv"), `${SAMPLE.accounts.header}\n"A1,x,微博,y\n`);
    for (const args of [
      ["check", "accounts.csv", "--no-config"],
      ["check", "bad.csv", "--no-config", "--posts", "posts.json"],
      ["validate", "accounts.csv", "posts.json", "bad.csv"],
    ]) {
      const plain = spawn(args, dir);
      assertWellBehaved(plain);
      expect(plain.code).toBe(2);
      const debug = spawn([...args, "--debug"], dir);
      expect(debug.code).toBe(2);
      if (args[0] === "check") expect(debug.err).toMatch(/\n\s+at .+:\d+:\d+/);
    }
    const validated = spawn(["validate", "accounts.csv", "posts.json", "bad.csv"], dir);
    expect(validated.out).toMatch(/posts\.json:1: invalid JSON at column \d+/);
    expect(validated.out).toMatch(/bad\.csv:2: unclosed quote/);
  });

  it.runIf(existsSync("/dev/full"))("a full disk behind > is exit 2 with one line, not a crash", () => {
    const demo = path.resolve("fixtures/demo/accounts.csv");
    const r = spawnSync(
      "/bin/bash",
      [
        "-c",
        `"${process.execPath}" "${bin}" check "${demo}" --period 2026Q3 --no-config --format json > /dev/full; echo "status=$?"`,
      ],
      { encoding: "utf8", env: { PATH: process.env.PATH, TZ: "UTC", NO_COLOR: "1", GMAUDIT_LANG: "en" } },
    );
    expect(r.stdout).toContain("status=2");
    expect(r.stderr).toMatch(/gmaudit: cannot write the results to standard output: ENOSPC/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("a reader that closes the pipe early is not a crash", () => {
    const dir = caseDir(root);
    const demo = path.resolve("fixtures/demo/accounts.csv");
    const r = spawnSync(
      "/bin/bash",
      [
        "-c",
        `"${process.execPath}" "${bin}" check "${demo}" --period 2026Q3 --no-config --format json | head -c 10 >/dev/null; echo "status=\${PIPESTATUS[0]}"`,
      ],
      {
        cwd: dir,
        encoding: "utf8",
        env: { PATH: process.env.PATH, TZ: "UTC", NO_COLOR: "1", GMAUDIT_LANG: "en" },
      },
    );
    expect(r.stderr).not.toMatch(/EPIPE|\n\s+at /);
    // The demo has vetoed accounts: the audit's own exit code, not a crash's.
    expect(r.stdout).toContain("status=1");
  });
});

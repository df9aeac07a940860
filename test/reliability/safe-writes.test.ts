import { type ChildProcess, spawn } from "node:child_process";
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { removePendingTempFiles, writeFileAtomic, writeFilesAtomic } from "../../src/output/write.js";
import { AS_OF, caseDir, run, tempDir } from "./helpers.js";

/**
 * Safe writes (PRODUCT §3.5): temp file in the same folder + rename; on an error, SIGINT or SIGTERM
 * the temp file is removed and no partial file remains; never over an input (also via a symlink);
 * formula escaping of CSV text cells only.
 */

const { dir: root, cleanup } = tempDir("safe-writes");
afterAll(cleanup);

const REGISTRY =
  '账号ID,账号名称,平台,主办单位\nA1,清河发布,微博,清河县政府办\nA2,=HYPERLINK("x"),微博,@清河\n';

function entries(dir: string): string[] {
  return readdirSync(dir).sort();
}

describe("writeFileAtomic / writeFilesAtomic", () => {
  it("a write cut short by removePendingTempFiles (the signal handler) leaves no file at all", async () => {
    const dir = caseDir(root);
    const target = path.join(dir, "results.csv");
    const writing = writeFileAtomic(target, "x".repeat(64 * 1024 * 1024));
    // Wait until the temp file exists, then do what bin/gmaudit.js does on SIGINT.
    while (!entries(dir).some((f) => f.endsWith(".tmp"))) await new Promise((r) => setImmediate(r));
    expect(removePendingTempFiles()).toEqual([target]);
    expect(entries(dir)).toEqual([]);
    await writing.catch(() => undefined);
    expect(entries(dir)).toEqual([]);
  });

  it("two files are written both or neither", async () => {
    const dir = caseDir(root);
    writeFileSync(path.join(dir, "results.csv"), "old\n");
    await expect(
      writeFilesAtomic([
        { file: path.join(dir, "results.csv"), data: "new\n" },
        { file: path.join(dir, "missing", "findings.csv"), data: "new\n" },
      ]),
    ).rejects.toThrow(/cannot write .*findings\.csv: the folder does not exist; nothing was written/);
    expect(entries(dir)).toEqual(["results.csv"]);
    expect(readFileSync(path.join(dir, "results.csv"), "utf8")).toBe("old\n");
  });

  it("through a symlink, replaces the file it points to and keeps the link", async () => {
    const dir = caseDir(root);
    mkdirSync(path.join(dir, "real"));
    writeFileSync(path.join(dir, "real", "latest.csv"), "old\n");
    symlinkSync(path.join(dir, "real", "latest.csv"), path.join(dir, "link.csv"));
    await writeFileAtomic(path.join(dir, "link.csv"), "new\n");
    expect(lstatSync(path.join(dir, "link.csv")).isSymbolicLink()).toBe(true);
    expect(readFileSync(path.join(dir, "real", "latest.csv"), "utf8")).toBe("new\n");
    expect(entries(path.join(dir, "real"))).toEqual(["latest.csv"]);
  });
});

describe("check never writes over an input", () => {
  function setUp() {
    const dir = caseDir(root);
    writeFileSync(path.join(dir, "accounts.csv"), REGISTRY);
    writeFileSync(path.join(dir, "posts.csv"), "账号ID,发布时间\nA1,2026-09-20 10:00\n");
    writeFileSync(path.join(dir, "holidays.csv"), "date,type\n2026-09-25,holiday\n");
    writeFileSync(
      path.join(dir, "my.profile.json"),
      JSON.stringify({ id: "my", name: "My profile", extends: "jiangsu" }),
    );
    writeFileSync(path.join(dir, "gmaudit.config.json"), JSON.stringify({ profile: "jiangsu" }));
    symlinkSync(path.join(dir, "posts.csv"), path.join(dir, "posts-link.csv"));
    return dir;
  }
  const base = ["check", "accounts.csv", "--as-of", AS_OF];

  for (const [flag, out, extra] of [
    ["--out", "accounts.csv", []],
    ["--out", "posts-link.csv", []],
    ["--findings-out", "posts.csv", []],
    ["--out", "holidays.csv", ["--calendar", "holidays.csv"]],
    ["--findings-out", "my.profile.json", ["--profile", "my.profile.json"]],
    ["--out", "gmaudit.config.json", []],
  ] as const) {
    it(`${flag} ${out} ${extra.join(" ")}`, async () => {
      const dir = setUp();
      const before = Object.fromEntries(entries(dir).map((f) => [f, lstatSync(path.join(dir, f)).mtimeMs]));
      const result = await run([...base, flag, out, ...extra], dir);
      expect(result.code).toBe(2);
      expect(result.err).toMatch(/refusing to write .*: it is the input file/);
      expect(Object.fromEntries(entries(dir).map((f) => [f, lstatSync(path.join(dir, f)).mtimeMs]))).toEqual(
        before,
      );
    });
  }

  it("an output that cannot be written is refused before the inputs are read", async () => {
    const dir = setUp();
    writeFileSync(path.join(dir, "posts.csv"), "not a posts file\n");
    mkdirSync(path.join(dir, "folder.csv"));
    for (const [flag, out, message] of [
      ["--out", "missing/results.csv", /cannot write missing\/results\.csv: the folder does not exist/],
      ["--findings-out", "folder.csv", /cannot write folder\.csv: it is a folder/],
    ] as const) {
      const result = await run([...base, "--no-config", flag, out], dir);
      expect(result.code).toBe(2);
      expect(result.err).toMatch(message);
      expect(result.err).not.toMatch(/posts\.csv:/); // the bad posts file was never read
    }
  });

  it("escapes formula-looking text cells of the CSV, never numbers, and not in JSON", async () => {
    const dir = setUp();
    const result = await run([...base, "--no-config", "--lang", "en", "--out", "results.csv"], dir);
    expect(result.code).toBeLessThan(2);
    const csv = readFileSync(path.join(dir, "results.csv"), "utf8").replace(/^\uFEFF/, "");
    const row = csv.split("\n").find((l) => l.startsWith("A2,"))!;
    expect(row).toContain(`"'=HYPERLINK(""x"")"`);
    expect(row).toContain("'@清河");
    expect(row).not.toMatch(/,'\d/); // numbers are never prefixed
    const json = await run([...base, "--no-config", "--format", "json"], dir);
    expect(json.out).toContain('"name": "=HYPERLINK(\\"x\\")"');
  });
});

// ---------------------------------------------------------------------------------------------------
// Signals, on the built CLI

const bin = fileURLToPath(new URL("../../bin/gmaudit.js", import.meta.url));
const slowWrite = pathToFileURL(fileURLToPath(new URL("./slow-write.mjs", import.meta.url))).href;

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/** Starts the CLI; `when` resolves once stderr contains `marker`. */
function start(args: string[], cwd: string, nodeArgs: string[] = []) {
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, bin, ...args], {
    cwd,
    env: { PATH: process.env.PATH, TZ: "UTC", NO_COLOR: "1", GMAUDIT_LANG: "en" }, // its English messages
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  const waiters: { marker: string; resolve: () => void }[] = [];
  child.stderr!.setEncoding("utf8");
  child.stderr!.on("data", (chunk: string) => {
    stderr += chunk;
    for (const w of waiters.filter((w) => stderr.includes(w.marker))) w.resolve();
  });
  const exit = new Promise<Exit>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal, stderr })),
  );
  const when = (marker: string) =>
    new Promise<void>((resolve, reject) => {
      if (stderr.includes(marker)) return resolve();
      waiters.push({ marker, resolve });
      void exit.then((e) => reject(new Error(`exited (${e.code}) before "${marker}":\n${e.stderr}`)));
    });
  return { child, exit, when };
}

describe("an interrupted run leaves no partial file (spawned)", () => {
  let big: string;
  beforeAll(() => {
    // Large enough that reading takes seconds (over a second even at 100 MB/s).
    big = caseDir(root);
    const accounts = ["account_id,name,platform,host_unit"];
    for (let i = 0; i < 4000; i++) accounts.push(`A${i},账号${i},weibo,单位${i % 300}`);
    writeFileSync(path.join(big, "accounts.csv"), `${accounts.join("\n")}\n`);
    const posts = ["post_id,account_id,published_at,original,title"];
    for (let i = 0; i < 400_000; i++) {
      const day = String((i % 28) + 1).padStart(2, "0");
      posts.push(
        `P${i},A${(i * 7) % 4000},2026-09-${day} ${String(i % 24).padStart(2, "0")}:00,转载,标题${i}`,
      );
    }
    writeFileSync(path.join(big, "posts.csv"), `${posts.join("\n")}\n`);
  });

  const outputs = ["results.csv", "findings.csv"];
  const args = [
    "check",
    "accounts.csv",
    "--no-config",
    "--as-of",
    AS_OF,
    "--out",
    ...outputs.slice(0, 1),
    "--findings-out",
    outputs[1]!,
  ];

  for (const [signal, code] of [
    ["SIGINT", 130],
    ["SIGTERM", 143],
  ] as const) {
    it(`${signal} while reading a large input: exit ${code}, no output, no temp file`, async () => {
      const run = start(args, big);
      await run.when("posts.csv"); // the companion note: the audit is about to read
      await new Promise((r) => setTimeout(r, 50));
      run.child.kill(signal);
      const exit = await run.exit;
      expect(exit.code).toBe(code);
      expect(exit.stderr).toContain(`gmaudit: interrupted (${signal})`);
      expect(exit.stderr).not.toMatch(/\n\s+at /);
      expect(entries(big)).toEqual(["accounts.csv", "posts.csv"]);
    }, 30_000);
  }

  it("SIGINT in the middle of writing: the temp files go, the old results stay", async () => {
    const dir = caseDir(root);
    for (const name of ["accounts.csv", "posts.csv", "messages.csv", "filings.csv", "findings.csv"]) {
      writeFileSync(path.join(dir, name), readFileSync(path.join("fixtures", "demo", name)));
    }
    writeFileSync(path.join(dir, "results.csv"), "old results\n");
    const run = start(
      [
        "check",
        "accounts.csv",
        "--no-config",
        "--period",
        "2026Q3",
        "--out",
        "results.csv",
        "--findings-out",
        "problems.csv",
      ],
      dir,
      [`--import=${slowWrite}`],
    );
    await run.when("slow-write: started");
    await new Promise((r) => setTimeout(r, 50));
    expect(entries(dir).some((f) => f.endsWith(".tmp"))).toBe(true); // really in the middle
    run.child.kill("SIGINT");
    const exit = await run.exit;
    expect(exit.code).toBe(130);
    expect(exit.stderr).toMatch(/gmaudit: interrupted \(SIGINT\); not written: .*results\.csv/);
    expect(entries(dir).filter((f) => f.endsWith(".tmp") || f === "problems.csv")).toEqual([]);
    expect(readFileSync(path.join(dir, "results.csv"), "utf8")).toBe("old results\n");
  }, 30_000);

  it("without a signal the same slow run writes both files whole", async () => {
    const dir = caseDir(root);
    writeFileSync(path.join(dir, "accounts.csv"), REGISTRY);
    const run = start(
      [
        "check",
        "accounts.csv",
        "--no-config",
        "--as-of",
        AS_OF,
        "--out",
        "results.csv",
        "--findings-out",
        "problems.csv",
      ],
      dir,
      [`--import=${slowWrite}`],
    );
    const exit = await run.exit;
    expect(exit.code).toBeLessThan(2);
    expect(entries(dir)).toEqual(["accounts.csv", "problems.csv", "results.csv"]);
    expect(existsSync(path.join(dir, "results.csv"))).toBe(true);
    expect(readFileSync(path.join(dir, "results.csv"), "utf8")).toMatch(/\nA2,/);
  }, 30_000);
});

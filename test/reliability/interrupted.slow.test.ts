import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AS_OF, caseDir, entries, REGISTRY, tempDir } from "./helpers.js";

/**
 * PRODUCT §3.5 under signals: SIGINT or SIGTERM while reading or writing leaves no partial file and
 * no temp file. Spawned processes reading a 20 MB input: out of the inner loop (safe-writes.test.ts
 * has the atomic writes, the signal handler's cleanup included, in this process).
 */

const { dir: root, cleanup } = tempDir("interrupted");
afterAll(cleanup);

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

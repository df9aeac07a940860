import { lstatSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { removePendingTempFiles, writeFileAtomic, writeFilesAtomic } from "../../src/output/write.js";
import { AS_OF, caseDir, entries, REGISTRY, run, tempDir } from "./helpers.js";

/**
 * Safe writes (PRODUCT §3.5): temp file in the same folder + rename; on an error, SIGINT or SIGTERM
 * the temp file is removed and no partial file remains; never over an input (also via a symlink);
 * formula escaping of CSV text cells only. The signals, on the spawned CLI with a large input, are in
 * interrupted.slow.test.ts.
 */

const { dir: root, cleanup } = tempDir("safe-writes");
afterAll(cleanup);

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

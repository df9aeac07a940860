import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// PRODUCT §4: `npm run bundle` makes gmaudit.mjs, one file that runs with Node alone — copied into an
// empty folder (no node_modules anywhere above it, no package.json), it gives the normal CLI's results.
const root = path.resolve(import.meta.dirname, "../..");
const dir = mkdtempSync(path.join(tmpdir(), "gmaudit-bundle-"));
const bundle = path.join(dir, "gmaudit.mjs");

beforeAll(() => {
  execFileSync(process.execPath, [path.join(root, "scripts/bundle.mjs"), bundle], { cwd: root });
  cpSync(path.join(root, "fixtures/demo"), path.join(dir, "demo"), { recursive: true });
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Node alone: no NODE_PATH, no NODE_OPTIONS, nothing but the file itself to import from. */
function run(program: string, args: string[]) {
  const env = { PATH: process.env.PATH ?? "", TZ: "UTC" };
  const r = spawnSync(process.execPath, [program, ...args], { cwd: dir, env, encoding: "utf8" });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
const normal = (args: string[]) => run(path.join(root, "bin/gmaudit.js"), args);
const bundled = (args: string[]) => run(bundle, args);

describe("the single-file bundle", () => {
  it("stands alone: nothing to import from in its folder or any folder above", () => {
    for (let d = dir; ; d = path.dirname(d)) {
      expect(existsSync(path.join(d, "node_modules")), d).toBe(false);
      if (path.dirname(d) === d) break;
    }
    expect(bundled(["--version"]).out.trim()).toBe(
      JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")).version,
    );
  });

  it.each([
    ["the demo's quarter as CSV", ["check", "demo/accounts.csv", "--period", "2026Q3"]],
    [
      "as JSON in English",
      ["check", "demo/accounts.csv", "--as-of", "2026-09-30", "--format", "json", "--lang", "en"],
    ],
    ["the holiday data inside", ["workdays", "2026-09-30", "3"]],
    ["a usage error", ["check", "demo/accounts.csv", "--period", "2026Q5"]],
    ["help", ["check", "--help"]],
  ])("%s: the same result as the normal CLI", (_, args) => {
    const expected = normal(args);
    expect(bundled(args)).toEqual(expected);
    expect(expected.out.length + expected.err.length).toBeGreaterThan(0);
  });

  it("reads a large posts file on threads, as the normal CLI does", () => {
    // Over the 16 MiB at which a posts file is read on a thread of its own (src/facts/collect.ts).
    const big = path.join(dir, "big");
    mkdirSync(big);
    cpSync(path.join(dir, "demo/accounts.csv"), path.join(big, "accounts.csv"));
    const [header, ...rows] = readFileSync(path.join(dir, "demo/posts.csv"), "utf8").trimEnd().split("\n");
    const block = `${rows.join("\n")}\n`;
    const copies = Math.ceil((17 * 1024 * 1024) / Buffer.byteLength(block));
    writeFileSync(path.join(big, "posts.csv"), `${header}\n${block.repeat(copies)}`);
    const args = ["check", "big/accounts.csv", "--period", "2026Q3", "--format", "json"];
    const expected = normal(args);
    expect(expected.code).toBe(1);
    expect(bundled(args)).toEqual(expected);
  }, 60_000);
});

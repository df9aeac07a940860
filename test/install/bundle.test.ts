import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runInFolder } from "../cli/in-process.js";
import { bundleFolder, root, runProgram } from "./bundle-setup.js";

// The bundle against the normal CLI, run in this process. Reading a large file on threads, bundle
// against the spawned CLI, is in bundle-threads.slow.test.ts.
const { dir, bundle } = bundleFolder();
/** The normal CLI in this process: the same results as spawned (the golden cases hold to that). */
async function normal(args: string[]) {
  const r = await runInFolder(args, dir, { PATH: process.env.PATH ?? "" });
  return { code: r.code, out: r.out, err: r.err };
}
const bundled = (args: string[]) => runProgram(bundle, args, dir);

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
  ])("%s: the same result as the normal CLI", async (_, args) => {
    const expected = await normal(args);
    expect(bundled(args)).toEqual(expected);
    expect(expected.out.length + expected.err.length).toBeGreaterThan(0);
  });
});

import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { bundleFolder, root, runProgram } from "./bundle-setup.js";

// Two processes each reading a 17 MiB file on threads: kept out of the inner loop (bundle.test.ts
// checks the bundle against the normal CLI on the demo).
const { dir, bundle } = bundleFolder();
const normal = (args: string[]) => runProgram(path.join(root, "bin/gmaudit.js"), args, dir);
const bundled = (args: string[]) => runProgram(bundle, args, dir);

describe("the single-file bundle", () => {
  it("reads a large posts file on threads, as the normal CLI does", () => {
    // Over the 16 MiB at which a posts file is read on a thread of its own (src/ingest/ingest.ts).
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

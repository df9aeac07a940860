import {
  existsSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { GmauditError, UsageError } from "../../src/errors.js";
import { assertNotAnInput, writeChunks, writeFileAtomic } from "../../src/output/write.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "gmaudit-write-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("writeFileAtomic", () => {
  it("writes a new file and replaces an old one, leaving no temp file", async () => {
    const file = path.join(dir, "结果.csv");
    await writeFileAtomic(file, "a\n");
    expect(readFileSync(file, "utf8")).toBe("a\n");
    await writeFileAtomic(file, "b\n");
    expect(readFileSync(file, "utf8")).toBe("b\n");
    expect(readdirSync(dir)).toEqual(["结果.csv"]);
  });

  it("removes its temp file when the rename fails and reports a GmauditError", async () => {
    const target = path.join(dir, "out.csv");
    mkdirSync(path.join(target, "inside"), { recursive: true }); // a non-empty folder: rename must fail
    await expect(writeFileAtomic(target, "x")).rejects.toBeInstanceOf(GmauditError);
    expect(readdirSync(dir)).toEqual(["out.csv"]);
  });

  it("fails cleanly when the folder does not exist", async () => {
    await expect(writeFileAtomic(path.join(dir, "missing", "out.csv"), "x")).rejects.toThrow(/cannot write/);
    expect(existsSync(path.join(dir, "missing"))).toBe(false);
  });
});

describe("assertNotAnInput", () => {
  it("refuses the same file by another spelling, through a symlink, or a hard link", () => {
    const input = path.join(dir, "accounts.csv");
    writeFileSync(input, "x");
    expect(() => assertNotAnInput(path.join(dir, ".", "sub", "..", "accounts.csv"), [input])).toThrow(
      UsageError,
    );
    symlinkSync(input, path.join(dir, "link.csv"));
    expect(() => assertNotAnInput(path.join(dir, "link.csv"), [input])).toThrow(/refusing to write/);
    linkSync(input, path.join(dir, "hard.csv"));
    expect(() => assertNotAnInput(path.join(dir, "hard.csv"), [input])).toThrow(/input file/);
  });

  it("allows a new file or another existing file", () => {
    const input = path.join(dir, "accounts.csv");
    writeFileSync(input, "x");
    writeFileSync(path.join(dir, "old.csv"), "y");
    expect(() => assertNotAnInput(path.join(dir, "result.csv"), [input])).not.toThrow();
    expect(() => assertNotAnInput(path.join(dir, "old.csv"), [input])).not.toThrow();
  });
});

describe("writeChunks", () => {
  it("writes the pieces in order, gathered, and waits for 'drain' when the stream says it is full", async () => {
    const writes: string[] = [];
    const drains: (() => void)[] = [];
    const sink = {
      write(text: string) {
        writes.push(text);
        return writes.length > 1; // the first write fills the buffer
      },
      once(event: string, listener: () => void) {
        if (event === "drain") drains.push(listener);
      },
      off() {},
    };
    const piece = "x".repeat(40_000);
    const done = writeChunks(sink, [piece, piece, piece, "end"]);
    await new Promise((resolve) => setImmediate(resolve));
    // Two pieces make one write of ≥ 64 Ki units; the next waits until the stream drains.
    expect(writes).toEqual([piece + piece]);
    drains.shift()!();
    await done;
    expect(writes.join("")).toBe(`${piece}${piece}${piece}end`);
    expect(writes).toHaveLength(2);
  });

  it("passes on an error made while rendering, after what was already written", async () => {
    const writes: string[] = [];
    function* pieces() {
      yield "x".repeat(70_000);
      throw new RangeError("a rendering bug");
    }
    await expect(writeChunks({ write: (t: string) => writes.push(t) }, pieces())).rejects.toThrow(RangeError);
    expect(writes).toHaveLength(1);
  });
});

import { spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runInProcess } from "../cli/in-process.js";

// PRODUCT §2.1: `gmaudit check … > 结果.csv` gets a UTF-8 BOM (Excel reads the Chinese right); a pipe
// or a terminal gets none; --no-bom refuses it. Only a real process has a stdout that is a file: the
// two ways it is told are spawned, the flag is checked in this process on a stdout said to be a file.
const root = path.resolve(import.meta.dirname, "../..");
const bin = path.join(root, "bin/gmaudit.js");
const demo = path.join(root, "fixtures/demo/accounts.csv");
const args = [bin, "check", demo, "--period", "2026Q3", "--quiet", "--fail-on", "never"];
const dir = mkdtempSync(path.join(tmpdir(), "gmaudit-bom-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function toFile(extra: string[]): Buffer {
  const file = path.join(dir, "结果.csv");
  const fd = openSync(file, "w");
  try {
    const r = spawnSync(process.execPath, [...args, ...extra], { stdio: ["ignore", fd, "pipe"] });
    expect(r.status).toBe(0);
  } finally {
    closeSync(fd);
  }
  return readFileSync(file);
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

describe("a BOM when stdout is a regular file", () => {
  it("`> 结果.csv` starts with the BOM, then the Chinese header", () => {
    const bytes = toFile([]);
    expect(bytes.subarray(0, 3)).toEqual(BOM);
    expect(bytes.subarray(3).toString("utf8")).toMatch(/^账号ID,账号名称/);
  });

  it("--no-bom refuses it", async () => {
    const [, ...cli] = args;
    const asFile = (extra: string[]) => runInProcess([...cli, ...extra], { stdoutIsFile: true, env: {} });
    const [plain, refused] = [await asFile([]), await asFile(["--no-bom"])];
    expect([plain.code, refused.code]).toEqual([0, 0]);
    expect(plain.out.startsWith("\uFEFF账号ID,账号名称")).toBe(true); // not vacuous: a file gets one
    expect(refused.out).toBe(plain.out.slice(1));
  });

  it("a pipe gets none", () => {
    const r = spawnSync(process.execPath, args, { encoding: "buffer" });
    expect(r.status).toBe(0);
    expect(r.stdout.subarray(0, 3)).not.toEqual(BOM);
    expect(r.stdout.toString("utf8")).toMatch(/^账号ID,账号名称/);
  });
});

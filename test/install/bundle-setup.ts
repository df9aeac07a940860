import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";

// PRODUCT §4: `npm run bundle` makes gmaudit.mjs, one file that runs with Node alone — copied into an
// empty folder (no node_modules anywhere above it, no package.json), it gives the normal CLI's results.
export const root = path.resolve(import.meta.dirname, "../..");

/** Builds the bundle into a fresh folder with a copy of the demo county (removed after the file). */
export function bundleFolder(): { dir: string; bundle: string } {
  const dir = mkdtempSync(path.join(tmpdir(), "gmaudit-bundle-"));
  const bundle = path.join(dir, "gmaudit.mjs");
  beforeAll(() => {
    execFileSync(process.execPath, [path.join(root, "scripts/bundle.mjs"), bundle], { cwd: root });
    cpSync(path.join(root, "fixtures/demo"), path.join(dir, "demo"), { recursive: true });
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return { dir, bundle };
}

/** Node alone: no NODE_PATH, no NODE_OPTIONS, nothing but the file itself to import from. */
export function runProgram(program: string, args: string[], cwd: string) {
  const env = { PATH: process.env.PATH ?? "", TZ: "UTC" };
  const r = spawnSync(process.execPath, [program, ...args], { cwd, env, encoding: "utf8" });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

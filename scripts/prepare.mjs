#!/usr/bin/env node
// `prepare`: builds dist/. `npm ci` and `npm install` run it with the build tools installed; but
// `npm install -g .` from a fresh clone links the folder and runs it with no node_modules at all
// (`tsc: not found`, and the program's own dependencies missing too). Then the folder first gets its
// locked dependencies (`npm ci`, scripts off so this does not run again), so the linked `gmaudit` works.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const npm = process.env.npm_execpath;

function run(args) {
  // The global install's settings (global, prefix, omit=dev …) are not the folder's own install's.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !/^npm_config_(global|location|prefix|omit|include|production)$/i.test(k),
    ),
  );
  const r = npm
    ? spawnSync(process.execPath, [npm, ...args], { cwd: root, env, stdio: "inherit" })
    : spawnSync("npm", args, { cwd: root, env, stdio: "inherit", shell: process.platform === "win32" });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

if (!existsSync(path.join(root, "node_modules", "typescript", "package.json"))) {
  console.error("gmaudit: installing the locked dependencies of this folder (npm ci) before building");
  run(["ci", "--ignore-scripts", "--no-audit", "--no-fund"]);
}
run(["run", "build"]);

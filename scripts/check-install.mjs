#!/usr/bin/env node
// CI (.ci/run): `npm install -g .` from a fresh clone, in a temporary HOME and prefix, must give a
// working `gmaudit` (PRODUCT §4): the clone has no node_modules and no dist/, as a new user's has.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const temp = mkdtempSync(path.join(tmpdir(), "gmaudit-install-"));
const clone = path.join(temp, "gmaudit");
const prefix = path.join(temp, "global");
const env = { ...process.env, HOME: temp, npm_config_prefix: prefix, npm_config_update_notifier: "false" };
const sh = (cmd, args, cwd) =>
  execFileSync(cmd, args, { cwd, env, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
try {
  sh("git", ["clone", "--quiet", root, clone], temp);
  sh("npm", ["install", "--global", "--no-audit", "--no-fund", "."], clone);
  const gmaudit = path.join(prefix, "bin", "gmaudit");
  const version = sh(gmaudit, ["--version"], temp).trim();
  const demo = path.join(clone, "fixtures/demo/accounts.csv");
  const csv = sh(gmaudit, ["check", demo, "--period", "2026Q3", "--fail-on", "never", "--quiet"], temp);
  if (!csv.startsWith("账号ID,"))
    throw new Error(`unexpected output of the installed gmaudit:\n${csv.slice(0, 300)}`);
  console.log(`check-install: npm install -g . gives gmaudit ${version}, and it runs the demo`);
} finally {
  rmSync(temp, { recursive: true, force: true });
}

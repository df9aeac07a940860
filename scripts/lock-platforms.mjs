#!/usr/bin/env node
// The npm registry reachable from this project's machines carries only the Linux (glibc) builds of
// Biome's platform packages, so `npm install` here leaves the other platforms out of package-lock.json,
// and `npm ci` then refuses the lock ("Missing: @biomejs/cli-darwin-x64@ from lock file").
// This script puts them back as optional, platform-specific entries: npm skips them by os/cpu on a
// machine they do not fit, so nothing is fetched. Run it after `npm install` changes the lock.
// `--check` only reports (exit 1) when entries are missing.
import { readFileSync, writeFileSync } from "node:fs";

const file = new URL("../package-lock.json", import.meta.url);
const lock = JSON.parse(readFileSync(file, "utf8"));
const biome = lock.packages["node_modules/@biomejs/biome"];
if (!biome) {
  console.log("lock-platforms: @biomejs/biome is not in the lock; nothing to do");
  process.exit(0);
}
// @biomejs/cli-<os>-<cpu>[-musl]
const missing = Object.entries(biome.optionalDependencies ?? {}).filter(
  ([name]) => !lock.packages[`node_modules/${name}`],
);
if (process.argv.includes("--check")) {
  if (missing.length > 0) {
    console.error(`lock-platforms: missing from package-lock.json: ${missing.map(([n]) => n).join(", ")}`);
    console.error("run: node scripts/lock-platforms.mjs");
    process.exit(1);
  }
  process.exit(0);
}
for (const [name, version] of missing) {
  const match = /^@biomejs\/cli-([a-z0-9]+)-([a-z0-9]+)(-musl)?$/.exec(name);
  if (!match) throw new Error(`unexpected platform package ${name}`);
  const [, os, cpu, musl] = match;
  lock.packages[`node_modules/${name}`] = {
    version,
    cpu: [cpu],
    dev: true,
    ...(musl ? { libc: ["musl"] } : {}),
    license: "MIT OR Apache-2.0",
    optional: true,
    os: [os],
    engines: biome.engines,
  };
}
const sorted = {};
for (const key of Object.keys(lock.packages).sort()) sorted[key] = lock.packages[key];
lock.packages = sorted;
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`lock-platforms: added ${missing.length} entr${missing.length === 1 ? "y" : "ies"}`);

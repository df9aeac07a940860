#!/usr/bin/env node
// Writes docs/rules/<id>.md and docs/rules/README.md from the rules' metadata (run after the build:
// `npm run docs`). Files of rules that no longer exist are removed. test/meta checks the result.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { generatedDocs } from "../dist/config/docs.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const files = generatedDocs();
mkdirSync(path.join(root, "docs/rules"), { recursive: true });
let changed = 0;
for (const [relative, content] of files) {
  const file = path.join(root, relative);
  let old;
  try {
    old = readFileSync(file, "utf8");
  } catch {
    old = undefined;
  }
  if (old === content) continue;
  writeFileSync(file, content);
  changed++;
  console.log(`wrote ${relative}`);
}
for (const name of readdirSync(path.join(root, "docs/rules"))) {
  const relative = `docs/rules/${name}`;
  if (name.endsWith(".md") && !files.has(relative)) {
    rmSync(path.join(root, relative));
    changed++;
    console.log(`removed ${relative} (no such rule)`);
  }
}
console.log(`${files.size} rule doc files, ${changed} changed`);

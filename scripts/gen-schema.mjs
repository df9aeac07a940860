#!/usr/bin/env node
// Writes gmaudit.schema.json (the JSON Schema of gmaudit.config.json) from the config's zod schema.
// Part of `npm run build`, so the published package always ships the schema of its own rules.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { CONFIG_SCHEMA_FILE, configJsonSchema, formatJson } from "../dist/config/json-schema.js";

const file = path.join(path.resolve(path.dirname(fileURLToPath(import.meta.url)), ".."), CONFIG_SCHEMA_FILE);
const content = formatJson(configJsonSchema());
let old;
try {
  old = readFileSync(file, "utf8");
} catch {
  old = undefined;
}
if (old !== content) writeFileSync(file, content);

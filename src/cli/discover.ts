import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import type { InputFiles } from "../ingest/inputs.js";
import type { TableKind } from "../input/tables.js";

/**
 * PRODUCT §2.1: when `--posts` etc. are not given, the companion files are looked for beside the
 * accounts file, by their English or Chinese name. Explicit flags always win.
 */

export type CompanionKind = Exclude<TableKind, "accounts">;

export const COMPANION_KINDS: readonly CompanionKind[] = ["posts", "messages", "filings", "findings"];

/** Base names, English first: the first that exists wins. */
export const COMPANION_NAMES: Record<CompanionKind, readonly string[]> = {
  posts: ["posts", "发布记录"],
  messages: ["messages", "留言记录"],
  filings: ["filings", "备案记录"],
  findings: ["findings", "检查记录"],
};

/** When no accounts file is given, `check` looks for one of these in the current folder. */
export const ACCOUNTS_NAMES: readonly string[] = ["accounts", "备案台账", "账号台账"];

/** Extensions in order of preference. */
export const COMPANION_EXTENSIONS: readonly string[] = [
  "csv",
  "tsv",
  "txt",
  "json",
  "ndjson",
  "jsonl",
  "xlsx",
  "xlsm",
];

/** Workbooks gmaudit does not read: found under a table's name, they are named so that the user saves them as CSV. */
export const WORKBOOK_EXTENSIONS: readonly string[] = ["xls", "et", "ods"];

/** `posts.*, 发布记录.*` — how the CLI names what it looked for. */
export function companionPatterns(kind: CompanionKind): string {
  return COMPANION_NAMES[kind].map((name) => `${name}.*`).join(", ");
}

/**
 * Finds `<name>.<ext>` in `dir`: names in order, then extensions in order. Matching ignores case
 * (`Posts.CSV` is found on Linux too) and Unicode normalisation (macOS may store names decomposed).
 */
export function findByName(
  dir: string,
  names: readonly string[],
  exclude: readonly string[] = [],
  extensions: readonly string[] = COMPANION_EXTENSIONS,
): string | undefined {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return undefined;
  }
  const key = (name: string) => name.normalize("NFC").toLowerCase();
  const byKey = new Map<string, string>();
  for (const entry of entries) {
    const k = key(entry);
    // An exact-case name beats a case variant of it.
    if (!byKey.has(k) || entry.normalize("NFC") === k) byKey.set(k, entry);
  }
  const excluded = new Set(exclude.map((file) => path.resolve(file)));
  for (const name of names) {
    for (const ext of extensions) {
      const entry = byKey.get(key(`${name}.${ext}`));
      if (entry === undefined) continue;
      const file = path.join(dir, entry);
      if (excluded.has(path.resolve(file))) continue;
      if (!isFile(file)) continue;
      return file;
    }
  }
  return undefined;
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

export interface Discovery {
  files: InputFiles;
  /** Companion files found beside the accounts file (not given by a flag). */
  found: CompanionKind[];
  /** Companion inputs neither given nor found: their checks are "not evaluated". */
  missing: CompanionKind[];
  /** For a missing companion, a workbook under its name (`posts.xlsx`): to be saved as CSV. */
  workbooks: Partial<Record<CompanionKind, string>>;
}

/**
 * The input files of a run: the explicit ones, plus any companion found beside the accounts file.
 * Never returns the accounts file itself as a companion.
 */
export function discoverInputs(
  accounts: string,
  explicit: Partial<Record<CompanionKind, string>> = {},
): Discovery {
  const dir = path.dirname(accounts);
  const files: InputFiles = { accounts };
  const found: CompanionKind[] = [];
  const missing: CompanionKind[] = [];
  const workbooks: Discovery["workbooks"] = {};
  for (const kind of COMPANION_KINDS) {
    const given = explicit[kind];
    if (given !== undefined) {
      files[kind] = given;
      continue;
    }
    const file = findByName(dir, COMPANION_NAMES[kind], [accounts]);
    if (file === undefined) {
      missing.push(kind);
      const workbook = findByName(dir, COMPANION_NAMES[kind], [], WORKBOOK_EXTENSIONS);
      if (workbook !== undefined) workbooks[kind] = workbook;
    } else {
      files[kind] = file;
      found.push(kind);
    }
  }
  return { files, found, missing, workbooks };
}

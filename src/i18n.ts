import { readFileSync } from "node:fs";
import path from "node:path";

/**
 * One language at a time (PRODUCT "Language"): every word a person reads is Chinese by default and
 * English with `--lang en`, `GMAUDIT_LANG=en` or the config's `"lang"`. A message carries both texts
 * and an id (tests assert ids, not sentences); it is rendered in one language at the edge.
 */
export type Lang = "zh" | "en";
export const LANGS: readonly Lang[] = ["zh", "en"];

/** A text in both languages (rule messages, warnings, labels): rendered in one at the edge. */
export interface Localized {
  zh: string;
  en: string;
}

/** A sentence a person reads, in both languages, with the id tests assert. */
export interface Message {
  readonly id: string;
  readonly zh: string;
  readonly en: string;
}

export function message(id: string, zh: string, en: string): Message {
  return { id, zh, en };
}

function asLang(value: unknown): Lang | undefined {
  return value === "zh" || value === "en" ? value : undefined;
}

/** The value of `--name X` or `--name=X` anywhere in argv (before a `--`). */
function flagValue(argv: readonly string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--") break;
    if (arg === name) return argv[i + 1];
    if (arg.startsWith(`${name}=`)) return arg.slice(name.length + 1);
  }
  return undefined;
}

/**
 * The language of a run, known before commander renders help or an error: `--lang` > GMAUDIT_LANG >
 * the config's `lang` (`--config FILE`, else gmaudit.config.json here) > zh. A value that is not a
 * language is skipped here: the command itself reports it (an invalid flag or config is exit 2).
 */
export function resolveLang(
  argv: readonly string[],
  env: Record<string, string | undefined>,
  cwd: string,
): Lang {
  const flag = asLang(flagValue(argv, "--lang"));
  if (flag !== undefined) return flag;
  const fromEnv = envLang(env);
  if (fromEnv !== undefined) return fromEnv;
  if (argv.includes("--no-config")) return "zh";
  const configFile = flagValue(argv, "--config") ?? "gmaudit.config.json";
  try {
    const text = readFileSync(path.resolve(cwd, configFile), "utf8").replace(/^\uFEFF/, "");
    return asLang((JSON.parse(text) as { lang?: unknown }).lang) ?? "zh";
  } catch {
    return "zh";
  }
}

/** GMAUDIT_LANG as a language, when set to one (below `--lang`, above the config). */
export function envLang(env: Record<string, string | undefined>): Lang | undefined {
  return asLang(env.GMAUDIT_LANG?.trim().toLowerCase());
}

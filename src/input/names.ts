import { type Platform, platformValue } from "./values.js";

/**
 * Matching an export that names its accounts instead of giving their registry ids (PRODUCT §1.7): by
 * normalised name, and by platform when the export has one. Works on cell strings, whatever the
 * file's format.
 */

export interface RegistryName {
  id: string;
  name: string;
  platform: Platform;
}

/** Spaces, full-width forms, case and a leading `@` do not matter: `@ 清河发布` = `清河发布`. */
export function normaliseAccountName(name: string): string {
  return name.normalize("NFKC").replace(/\s+/g, "").replace(/^@+/, "").toLowerCase();
}

/** An unregistered account's name as the outputs show it: `@清河旅游号 ` → `清河旅游号`. */
function asWritten(name: string): string {
  return name.trim().replace(/^@+\s*/, "");
}

export type NameMatch =
  | { id: string }
  /** Several registry accounts and nothing to tell them apart: an input error naming them. */
  | { candidates: readonly RegistryName[] };

export class NameMatcher {
  private readonly byName = new Map<string, RegistryName[]>();
  private readonly ids = new Set<string>();

  constructor(entries: readonly RegistryName[]) {
    for (const entry of entries) {
      this.ids.add(entry.id);
      const key = normaliseAccountName(entry.name);
      const list = this.byName.get(key);
      if (list === undefined) this.byName.set(key, [entry]);
      else list.push(entry);
    }
  }

  hasId(id: string): boolean {
    return this.ids.has(id);
  }

  /**
   * The registry id of the account a row names; a name in no registry row keeps the name as its id
   * (an unregistered account, as an unknown id is).
   */
  match(name: string, platformCell?: string): NameMatch {
    const all = this.byName.get(normaliseAccountName(name));
    if (all === undefined) return { id: asWritten(name) };
    const platform = platformCell === undefined ? undefined : platformValue.parse(platformCell);
    const fitting = platform === undefined ? all : all.filter((e) => e.platform === platform);
    if (fitting.length === 1) return { id: fitting[0]!.id };
    if (fitting.length === 0) return { id: asWritten(name) };
    return { candidates: fitting };
  }
}

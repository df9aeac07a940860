import type { ResolvedProfile } from "../profiles/resolve.js";
import { type CatalogueEntry, listCatalogue } from "../rules/manual.js";

export type { CatalogueEntry };

/**
 * What `gmaudit rules` and the docs index list: THE one place that joins the automatic rules
 * (src/rules/index.ts) and the manual indicators (src/rules/manual.ts, RULES §3), priced by a profile.
 */
export function catalogue(profile: ResolvedProfile): CatalogueEntry[] {
  return listCatalogue(profile);
}

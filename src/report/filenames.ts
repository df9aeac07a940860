import path from "node:path";

/**
 * File names made from unit names (`--per-unit DIR`): a unit name is data, never a path. No separator,
 * no `..`, no control or Windows-forbidden character, no Windows reserved name (CON, NUL, COM1 …), no
 * trailing dot or space, at most MAX_BYTES bytes of UTF-8 for the stem (file systems allow 255), and
 * unique among the files written — compared without case, as Windows and macOS do.
 */
const MAX_BYTES = 150;
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;

export function safeStem(name: string, fallback: string): string {
  let stem = name
    .normalize("NFC")
    .replace(/[\u0000-\u001f\u007f/\\:*?"<>|]/g, "_")
    .replace(/\s+/g, " ")
    .trim()
    // No ".." anywhere (harmless without a separator, but never worth the doubt), no leading dot.
    .replace(/\.{2,}/g, "_")
    .replace(/^\./, "_")
    .replace(/[. ]+$/, "");
  stem = truncateUtf8(stem, MAX_BYTES).replace(/[. ]+$/, "");
  if (stem === "" || /^_+$/.test(stem)) stem = fallback;
  if (RESERVED.test(stem)) stem = `_${stem}`;
  return stem;
}

function truncateUtf8(text: string, maxBytes: number): string {
  let bytes = 0;
  let out = "";
  for (const char of text) {
    bytes += Buffer.byteLength(char, "utf8");
    if (bytes > maxBytes) break;
    out += char;
  }
  return out;
}

/**
 * One file name per unit, in order: `{prefix}{stem}{ext}`, with `-2`, `-3` … where two units would
 * share a name. Each result is checked to stay inside `dir`.
 */
export function uniqueFileNames(
  dir: string,
  units: readonly string[],
  options: { prefix: string; extensions: readonly string[]; fallback: string },
): Map<string, string[]> {
  const taken = new Set<string>();
  const out = new Map<string, string[]>();
  for (const unit of units) {
    const stem = `${options.prefix}${safeStem(unit, options.fallback)}`;
    let candidate = stem;
    for (let n = 2; options.extensions.some((ext) => taken.has(`${candidate}${ext}`.toLowerCase())); n++) {
      candidate = `${stem}-${n}`;
    }
    const files = options.extensions.map((ext) => {
      const name = `${candidate}${ext}`;
      taken.add(name.toLowerCase());
      const full = path.resolve(dir, name);
      if (path.dirname(full) !== path.resolve(dir)) throw new Error(`unsafe file name ${name}`);
      return full;
    });
    out.set(unit, files);
  }
  return out;
}

import { randomBytes } from "node:crypto";
import { realpathSync, statSync } from "node:fs";
import { type FileHandle, open, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { GmauditError, UsageError } from "../errors.js";

/**
 * PRODUCT §3.5: every file is written atomically — a temporary file in the same folder (so the
 * rename never crosses a file system), flushed to disk, then renamed over the target. A failed or
 * interrupted run leaves either the old file or the new one, never half of one, and no temp file.
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const target = path.resolve(file);
  const temp = path.join(
    path.dirname(target),
    `.${path.basename(target)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`,
  );
  let handle: FileHandle | undefined;
  try {
    const mode = await stat(target).then(
      (s) => (s.isFile() ? s.mode & 0o777 : 0o666),
      () => 0o666,
    );
    handle = await open(temp, "wx", mode);
    await handle.writeFile(data);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await rename(temp, target);
  } catch (err) {
    await handle?.close().catch(() => undefined);
    await rm(temp, { force: true }).catch(() => undefined);
    const reason = err instanceof Error ? err.message : String(err);
    throw new GmauditError(`cannot write ${file}: ${reason}`);
  }
}

interface Identity {
  real: string;
  dev?: number;
  ino?: number;
}

function identify(file: string): Identity {
  const resolved = path.resolve(file);
  try {
    const s = statSync(resolved);
    return { real: realpathSync(resolved), dev: s.dev, ino: s.ino };
  } catch {
    // Not there (yet): resolve the folder's links and keep the name.
    try {
      return { real: path.join(realpathSync(path.dirname(resolved)), path.basename(resolved)) };
    } catch {
      return { real: resolved };
    }
  }
}

function sameFile(a: Identity, b: Identity): boolean {
  if (a.real === b.real) return true;
  // Hard links, case-insensitive file systems: the same inode is the same file.
  return a.ino !== undefined && a.dev === b.dev && a.ino === b.ino && a.ino !== 0;
}

/**
 * PRODUCT §3.5: gmaudit refuses to write over one of its input files. Paths are compared after
 * resolving symbolic links, and by inode where the output already exists.
 */
export function assertNotAnInput(outPath: string, inputPaths: readonly string[]): void {
  const out = identify(outPath);
  for (const input of inputPaths) {
    if (sameFile(out, identify(input))) {
      throw new UsageError(`refusing to write ${outPath}: it is the input file ${input}`);
    }
  }
}

import type { CliIO } from "../../src/cli/io.js";
import { runCli } from "../../src/cli/main.js";

/** A CliIO that records what the command writes, with a pinned clock and a clean environment. */
export interface FakeIO extends CliIO {
  out(): string;
  err(): string;
}

export function fakeIO(
  cwd: string,
  options: {
    now?: number;
    tty?: boolean;
    columns?: number;
    stdoutIsFile?: boolean;
    env?: Record<string, string>;
  } = {},
): FakeIO {
  let out = "";
  let err = "";
  return {
    stdout: {
      write: (s: string) => (out += s),
      isTTY: options.tty ?? false,
      ...(options.columns === undefined ? {} : { columns: options.columns }),
    },
    ...(options.stdoutIsFile === undefined ? {} : { stdoutIsFile: options.stdoutIsFile }),
    stderr: { write: (s: string) => (err += s), isTTY: false },
    env: options.env ?? {},
    cwd,
    now: () => options.now ?? 0,
    out: () => out,
    err: () => err,
  };
}

/** Runs `gmaudit <args>` in this process (no spawn) and returns its exit code and output. */
export async function runInProcess(
  args: string[],
  options: Parameters<typeof fakeIO>[1] & { cwd?: string } = {},
): Promise<{ code: number; out: string; err: string }> {
  const io = fakeIO(options.cwd ?? process.cwd(), options);
  const code = await runCli(args, io);
  return { code, out: io.out(), err: io.err() };
}

/**
 * Runs `gmaudit <args>` in this process as a spawned run in `dir` would be: `dir` is also the
 * process's own folder for the run (the CLI names input files as given only then; from another folder
 * it names them by their full path), with the real clock. Test files run in processes of their own
 * and their tests one at a time, so the change of folder is seen by this run only.
 */
export async function runInFolder(
  args: string[],
  dir: string,
  env: Record<string, string>,
): Promise<{ code: number; out: string; err: string }> {
  const before = process.cwd();
  process.chdir(dir);
  try {
    return await runInProcess(args, { cwd: dir, now: Date.now(), env });
  } finally {
    process.chdir(before);
  }
}

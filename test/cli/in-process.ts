import type { CliIO } from "../../src/cli/io.js";
import { runCli } from "../../src/cli/main.js";

/** A CliIO that records what the command writes, with a pinned clock and a clean environment. */
export interface FakeIO extends CliIO {
  out(): string;
  err(): string;
}

export function fakeIO(
  cwd: string,
  options: { now?: number; tty?: boolean; columns?: number; env?: Record<string, string> } = {},
): FakeIO {
  let out = "";
  let err = "";
  return {
    stdout: {
      write: (s: string) => (out += s),
      isTTY: options.tty ?? false,
      ...(options.columns === undefined ? {} : { columns: options.columns }),
    },
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
  options: { cwd?: string; now?: number; tty?: boolean; columns?: number; env?: Record<string, string> } = {},
): Promise<{ code: number; out: string; err: string }> {
  const io = fakeIO(options.cwd ?? process.cwd(), options);
  const code = await runCli(args, io);
  return { code, out: io.out(), err: io.err() };
}

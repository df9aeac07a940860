import { fstatSync } from "node:fs";
import type { Lang } from "../i18n.js";
import type { TextSink } from "../output/write.js";

/** What a command may touch of the outside world. Tests pass their own; only main.ts builds the real one. */
export interface CliIO {
  /** `columns`: the terminal's width, when stdout is one. */
  stdout: TextSink & { isTTY?: boolean; columns?: number };
  /** Stdout is a regular file (`> 结果.csv`): a CSV written there gets a BOM for Excel (PRODUCT §2.1). */
  stdoutIsFile?: boolean;
  stderr: { write(text: string): unknown; isTTY?: boolean };
  env: Record<string, string | undefined>;
  cwd: string;
  /** The clock: the only place "now" comes from. */
  now(): number;
}

/** Context handed to every sub-command's `register` function. */
export interface CommandContext {
  io: CliIO;
  /** Record the exit code of the command that ran (0, 1 or 2). */
  setExitCode(code: number): void;
  /** The language of everything the command writes for a person (PRODUCT "Language"). */
  lang: Lang;
  /** The package version. */
  version: string;
}

export function processIO(): CliIO {
  return {
    stdout: process.stdout,
    stdoutIsFile: isRegularFile(1),
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    now: () => Date.now(),
  };
}

function isRegularFile(fd: number): boolean {
  try {
    return fstatSync(fd).isFile();
  } catch {
    return false;
  }
}

/** Colour is on only for a terminal, and never with NO_COLOR or --no-color. */
export function colorEnabled(
  io: Pick<CliIO, "env"> & Record<"stdout" | "stderr", { isTTY?: boolean }>,
  stream: "stdout" | "stderr",
  noColorFlag = false,
): boolean {
  if (noColorFlag) return false;
  const noColor = io.env.NO_COLOR;
  if (noColor !== undefined && noColor !== "") return false;
  return io[stream].isTTY === true;
}

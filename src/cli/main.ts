import { readFileSync } from "node:fs";
import { Command, CommanderError } from "commander";
import { GmauditError, UsageError } from "../errors.js";
import { registerCheck } from "./check.js";
import { registerInit } from "./init.js";
import { type CliIO, type CommandContext, processIO } from "./io.js";
import { registerProfiles } from "./profiles.js";
import { registerRules } from "./rules.js";
import { registerValidate } from "./validate.js";
import { registerWorkdays } from "./workdays.js";

/** For bin/gmaudit.js's signal handlers: the temp files to remove when the process must stop. */
export { removePendingTempFiles } from "../output/write.js";

/** Set by `npm run bundle` (scripts/bundle.mjs): the single-file build has no package.json beside it. */
declare const GMAUDIT_BUNDLED_VERSION: string | undefined;

export const VERSION: string =
  typeof GMAUDIT_BUNDLED_VERSION === "string"
    ? GMAUDIT_BUNDLED_VERSION
    : (
        JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
          version: string;
        }
      ).version;

const EXAMPLES = `
Examples:
  $ gmaudit check accounts.csv --period 2026Q3          audit the accounts (posts.csv etc. found beside it)
  $ gmaudit validate accounts.csv posts.csv             check input files without auditing
  $ gmaudit workdays 2026-09-30 3                       the 3rd working day after 2026-09-30
  $ gmaudit rules --profile kunshan                     every rule with its settings under a profile
  $ gmaudit profiles                                    the built-in profiles
  $ gmaudit init                                        a commented gmaudit.config.json and input templates
`;

/**
 * Runs the gmaudit command line and returns the exit code (0 ok, 1 audit failures, 2 error).
 * Nothing here calls process.exit: bin/gmaudit.js sets process.exitCode from the result.
 */
export async function runCli(argv: readonly string[], io: CliIO = processIO()): Promise<number> {
  let exitCode = 0;
  const ctx: CommandContext = {
    io,
    version: VERSION,
    setExitCode: (code) => {
      exitCode = Math.max(exitCode, code);
    },
  };

  const program = new Command("gmaudit")
    .description("Audit government new-media accounts (政务新媒体) against the inspection rules.")
    .version(VERSION, "-V, --version", "print the version")
    .option("--debug", "print stack traces of unexpected errors")
    .addHelpText("after", EXAMPLES)
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    });

  registerCheck(program, ctx);
  registerValidate(program, ctx);
  registerWorkdays(program, ctx);
  registerRules(program, ctx);
  registerProfiles(program, ctx);
  registerInit(program, ctx);
  for (const sub of program.commands) {
    sub.exitOverride().configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    });
    sub.showHelpAfterError("(run with --help for usage)");
  }

  try {
    await program.parseAsync(argv as string[], { from: "user" });
    return exitCode;
  } catch (err) {
    return reportError(err, io, argv.includes("--debug"));
  }
}

function reportError(err: unknown, io: CliIO, debug: boolean): number {
  if (err instanceof CommanderError) {
    // --help and --version end through exitOverride with code 0; commander already printed.
    return err.exitCode === 0 ? 0 : 2;
  }
  if (err instanceof GmauditError) {
    io.stderr.write(`gmaudit: ${err.message}\n`);
    for (const line of err.details) io.stderr.write(`${line}\n`);
    if (err instanceof UsageError) io.stderr.write("(run with --help for usage)\n");
    if (debug && err.stack) io.stderr.write(`${err.stack}\n`);
    return 2;
  }
  const message = err instanceof Error ? err.message : String(err);
  io.stderr.write(`gmaudit: internal error: ${message}\n`);
  if (debug && err instanceof Error && err.stack) io.stderr.write(`${err.stack}\n`);
  else io.stderr.write("(run again with --debug for details, and please report it)\n");
  return 2;
}

#!/usr/bin/env node
// Thin shim: the only place that sets the process exit code, and the only one that reacts to the
// process's signals and stream errors (library and in-process callers of runCli keep their own).

const argv = process.argv.slice(2);
const debug = argv.includes("--debug");

/** Never a stack trace unless --debug: one line a user can report (a bug) or act on (`bug: false`). */
function fail(what, err, bug = true) {
  try {
    process.stderr.write(`gmaudit: ${what}: ${err instanceof Error ? err.message : String(err)}\n`);
    if (debug && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
    else if (bug) process.stderr.write("(run again with --debug for details, and please report it)\n");
  } catch {
    // stderr is gone: the exit code still tells.
  }
}

let cli;
try {
  cli = await import("../dist/cli/main.js");
} catch (err) {
  fail("internal error: cannot load the compiled program (dist/; run npm run build)", err);
  process.exit(2);
}

/** What is being written when the process must stop: removed, so no partial file remains. */
function abandonWrites() {
  try {
    return cli.removePendingTempFiles();
  } catch {
    return [];
  }
}

// PRODUCT §3.5: an interrupted run leaves no half-written file and no temp file. Exit codes are
// 128 + the signal's number, as a shell reports a process ended by that signal.
const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };
for (const [signal, code] of Object.entries(SIGNAL_EXIT_CODES)) {
  process.on(signal, () => {
    const abandoned = abandonWrites();
    try {
      const note = abandoned.length > 0 ? `; not written: ${abandoned.join(", ")}` : "";
      process.stderr.write(`${process.stderr.isTTY ? "\n" : ""}gmaudit: interrupted (${signal})${note}\n`);
    } catch {
      // Nothing to tell it to.
    }
    process.exit(code);
  });
}

// A reader that goes away (`gmaudit check … | head`) is not an error of ours: stop writing, keep the
// exit code. Any other failure to write the results (a full disk behind `>`) is exit 2.
let outputFailed = false;
process.stdout.on("error", (err) => {
  if (err.code === "EPIPE") return;
  if (!outputFailed) {
    outputFailed = true;
    abandonWrites();
    fail("cannot write the results to standard output", err, false);
  }
  process.exitCode = 2;
});
process.stderr.on("error", () => {
  // Messages cannot be shown; the exit code still tells.
});

// A last resort: runCli catches everything on its own path, so these mean a bug, reported in one line.
for (const event of ["uncaughtException", "unhandledRejection"]) {
  process.on(event, (err) => {
    abandonWrites();
    fail("internal error", err);
    process.exit(2);
  });
}

const code = await cli.runCli(argv);
process.exitCode = outputFailed ? 2 : code;

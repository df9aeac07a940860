#!/usr/bin/env node
// Thin shim: the only place that sets the process exit code, and the only one that reacts to the
// process's signals and stream errors (library and in-process callers of runCli keep their own).

const argv = process.argv.slice(2);
const debug = argv.includes("--debug");

// The shim's own few messages in the run's language (PRODUCT "Language"): the flag or GMAUDIT_LANG
// here (the config's `lang` is read by the program, which may be the thing that failed to load).
const langFlag = argv.find((a, i) => argv[i - 1] === "--lang" || a.startsWith("--lang="));
const en = (langFlag?.replace(/^--lang=/, "") ?? process.env.GMAUDIT_LANG?.trim().toLowerCase()) === "en";
const T = en
  ? {
      internal: "internal error",
      cannotLoad: "internal error: cannot load the compiled program (dist/; run npm run build)",
      report: "(run again with --debug for details, and please report it)",
      interrupted: (signal, files) => `interrupted (${signal})${files ? `; not written: ${files}` : ""}`,
      stdout: "cannot write the results to standard output",
      sep: ": ",
    }
  : {
      internal: "内部错误",
      cannotLoad: "内部错误：无法加载程序（dist/；请运行 npm run build）",
      report: "（加 --debug 重新运行可看到详情，请把它报告给维护人员）",
      interrupted: (signal, files) => `已中断（${signal}）${files ? `；未写入：${files}` : ""}`,
      stdout: "无法把结果写到标准输出",
      sep: "：",
    };

/** Never a stack trace unless --debug: one line a user can report (a bug) or act on (`bug: false`). */
function fail(what, err, bug = true) {
  try {
    process.stderr.write(`gmaudit: ${what}${T.sep}${err instanceof Error ? err.message : String(err)}\n`);
    if (debug && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
    else if (bug) process.stderr.write(`${T.report}\n`);
  } catch {
    // stderr is gone: the exit code still tells.
  }
}

let cli;
try {
  cli = await import("../dist/cli/main.js");
} catch (err) {
  fail(T.cannotLoad, err);
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
      const files = abandoned.length > 0 ? abandoned.join(en ? ", " : "、") : "";
      process.stderr.write(`${process.stderr.isTTY ? "\n" : ""}gmaudit: ${T.interrupted(signal, files)}\n`);
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
    fail(T.stdout, err, false);
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
    fail(T.internal, err);
    process.exit(2);
  });
}

const code = await cli.runCli(argv);
process.exitCode = outputFailed ? 2 : code;

#!/usr/bin/env node
// npm run bench — generates the data set if needed, runs `gmaudit check … --format json --out FILE` as
// a child process (and DuckDB over the same files when @duckdb/node-api is installed), and reports
// wall time, CPU time, rows/s per input file and peak RSS. See docs/performance.md.
//
//   npm run bench -- [--posts 10000000] [--accounts N] [--messages N] [--filings N] [--seed N]
//                    [--runs 3] [--no-duckdb] [--json] [--against DIR] [--workbook]
//
// --workbook: the posts are read from a workbook instead (posts.xlsx, one sheet of Excel's 1,048,576
// rows, made once from posts.csv by bench/workbook.mjs), and the results are written as workbooks
// (--out x.xlsx --findings-out y.xlsx): the streaming reader's and writer's time and peak RSS.
//
// --against DIR: another built checkout of gmaudit (e.g. `git worktree add ../base main && cd ../base &&
// npm ci`), run alternately with this one on the same data: on a shared machine, whose speed drifts
// from hour to hour, a change is judged against the build before it only back to back.
//
// Peak RSS is the child's `ru_maxrss` (getrusage: the OS's high-water mark of resident memory), and
// CPU time its user + system time (all threads), written at exit by bench/maxrss.mjs, which is
// preloaded with `node --import`. Per-file rows/s come
// from gmaudit itself: with GMAUDIT_PROFILE_INPUTS=1 it prints one `gmaudit-input {json}` line per
// input file on stderr (rows and milliseconds from opening the file to its last record).

import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { duckdbAvailable } from "./duckdb.mjs";
import { DAYS, ensureData, LAST_DAY, parseScaleArgs, scaleName } from "./generate.mjs";
import { ensurePostsWorkbook } from "./workbook.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..");
const bin = path.join(root, "bin", "gmaudit.js");
const maxrssHook = path.join(here, "maxrss.mjs");

/** The audit period: the last quarter of the data (13 complete weeks, 91 days). */
export const PERIOD = "2026Q2";
const PERIOD_FROM = "2026-04-01";

function parseArgs(argv) {
  const { scale, rest } = parseScaleArgs(argv);
  const options = { scale, runs: 3, duckdb: true, json: false, against: undefined, workbook: false };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === "--runs") options.runs = Math.max(1, Number(rest[++i]));
    else if (arg === "--against") options.against = againstBin(rest[++i]);
    else if (arg === "--no-duckdb") options.duckdb = false;
    else if (arg === "--json") options.json = true;
    else if (arg === "--workbook") options.workbook = true;
    else throw new Error(`unknown option ${arg}`);
  }
  return options;
}

/** The gmaudit entry point of another checkout, which must be built. */
function againstBin(dir) {
  if (!dir) throw new Error("--against needs the folder of another gmaudit checkout");
  const file = path.resolve(dir, "bin", "gmaudit.js");
  try {
    readFileSync(path.resolve(dir, "dist", "cli", "main.js"));
  } catch {
    throw new Error(
      `--against ${dir}: no built gmaudit there (expected ${file} and dist/; run npm ci in it)`,
    );
  }
  return file;
}

/** Runs a node script as a child; resolves with wall ms, CPU ms, peak RSS bytes, exit code and stderr. */
function runChild(args, { cwd, env = {} }) {
  const scratch = mkdtempSync(path.join(tmpdir(), "gmaudit-bench-rss-"));
  const rssFile = path.join(scratch, "maxrss");
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ["--import", maxrssHook, ...args], {
      cwd,
      env: { ...process.env, ...env, GMAUDIT_BENCH_MAXRSS_FILE: rssFile, NO_COLOR: "1" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (text) => {
      stderr += text;
    });
    child.on("error", reject);
    child.on("close", (code) => {
      const wallMs = performance.now() - started;
      let maxRss = Number.NaN;
      let cpuMs = Number.NaN;
      try {
        const usage = JSON.parse(readFileSync(rssFile, "utf8"));
        maxRss = usage.maxRss * 1024;
        cpuMs = (usage.userCpu + usage.systemCpu) / 1000;
      } catch {
        // Left NaN: the child died before its exit hook.
      }
      rmSync(scratch, { recursive: true, force: true });
      resolve({ code, wallMs, cpuMs, maxRss, stderr });
    });
  });
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

const INPUTS = ["accounts", "posts", "messages", "filings", "findings"];

async function runGmaudit(dir, out, entry = bin, posts = "posts.csv") {
  const args = [entry, "check", "accounts.csv"];
  for (const kind of INPUTS.slice(1)) args.push(`--${kind}`, kind === "posts" ? posts : `${kind}.csv`);
  // The workbook case writes its results as workbooks too: the streaming writer's share of the peak.
  const results = posts.endsWith(".xlsx")
    ? ["--out", out.replace(/\.json$/, ".xlsx"), "--findings-out", out.replace(/\.json$/, "-findings.xlsx")]
    : ["--format", "json", "--out", out];
  args.push("--period", PERIOD, ...results, "--no-config", "--quiet", "--fail-on", "never");
  const run = await runChild(args, { cwd: dir, env: { GMAUDIT_PROFILE_INPUTS: "1" } });
  if (run.code !== 0) throw new Error(`gmaudit check exited with ${run.code}:\n${run.stderr}`);
  const inputs = {};
  for (const line of run.stderr.split("\n")) {
    if (line.startsWith("gmaudit-input ")) {
      const entry = JSON.parse(line.slice("gmaudit-input ".length));
      inputs[entry.kind] = entry;
    }
  }
  return { ...run, inputs };
}

async function runDuckdb(dir, out) {
  const run = await runChild([path.join(here, "duckdb.mjs"), dir, PERIOD_FROM, LAST_DAY, out], { cwd: dir });
  if (run.code !== 0) throw new Error(`duckdb exited with ${run.code}:\n${run.stderr}`);
  return run;
}

const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;
/** `wall 9.80 s   CPU 15.1 s   peak RSS 340 MB   (runs: 9.81 s 340 MB, …)` */
const line = (s) =>
  `wall ${seconds(s.wallMs)}   CPU ${seconds(s.cpuMs)}   peak RSS ${mb(s.maxRss)}   (runs: ${s.runs
    .map((r) => `${seconds(r.wallMs)} ${mb(r.maxRss)}`)
    .join(", ")})`;
const rate = (n) => (n >= 1e6 ? `${(n / 1e6).toFixed(2)}M` : `${(n / 1e3).toFixed(0)}k`);

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const { dir, manifest } = ensureData(options.scale, undefined, (line) => console.error(line));
  const totalBytes = manifest.files.reduce((n, f) => n + f.bytes, 0);
  const scratch = mkdtempSync(path.join(tmpdir(), "gmaudit-bench-"));
  const posts = options.workbook
    ? path.basename(await ensurePostsWorkbook(dir, (line) => console.error(line)))
    : "posts.csv";
  const haveDuckdb = options.duckdb && !options.workbook && (await duckdbAvailable());
  const gmaudit = [];
  const against = [];
  const duckdb = [];
  try {
    for (let i = 0; i < options.runs; i++) {
      gmaudit.push(await runGmaudit(dir, path.join(scratch, "gmaudit.json"), bin, posts));
      if (options.against)
        against.push(await runGmaudit(dir, path.join(scratch, "against.json"), options.against, posts));
      if (haveDuckdb) duckdb.push(await runDuckdb(dir, path.join(scratch, "duckdb.csv")));
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }

  const summary = (runs) => ({
    wallMs: median(runs.map((r) => r.wallMs)),
    cpuMs: median(runs.map((r) => r.cpuMs)),
    maxRss: Math.max(...runs.map((r) => r.maxRss)),
    runs: runs.map((r) => ({ wallMs: r.wallMs, cpuMs: r.cpuMs, maxRss: r.maxRss })),
  });
  const g = summary(gmaudit);
  const a = options.against ? { bin: options.against, ...summary(against) } : undefined;
  const d = haveDuckdb ? summary(duckdb) : undefined;
  const fastest = gmaudit.reduce((best, r) => (r.wallMs < best.wallMs ? r : best));
  const perFile = INPUTS.map((kind) => {
    const entry = fastest.inputs[kind];
    const name = kind === "posts" ? posts : `${kind}.csv`;
    const file = manifest.files.find((f) => f.file === name);
    const bytes = file?.bytes ?? (name === posts ? statSync(path.join(dir, name)).size : undefined);
    return { kind, rows: entry?.rows ?? file?.rows, bytes, ms: entry?.ms };
  });
  const report = {
    scale: scaleName(options.scale),
    data: { dir: path.relative(root, dir), bytes: totalBytes, days: DAYS, period: PERIOD },
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memory: totalmem(), node: process.version },
    runs: options.runs,
    gmaudit: { ...g, inputs: perFile },
    against: a ?? null,
    duckdb: d ?? null,
    ratio: d ? g.wallMs / d.wallMs : null,
  };
  if (options.json) {
    console.log(JSON.stringify(report, null, 2));
    return;
  }
  console.log(
    `data      ${report.scale}: ${mb(totalBytes)} of CSV in ${report.data.dir}, --period ${PERIOD}`,
  );
  if (options.workbook) console.log(`          posts from ${posts} (one sheet, streamed)`);
  console.log(
    `machine   ${report.machine.cpus} cores (${report.machine.cpu}), ${mb(report.machine.memory)}, node ${process.version}`,
  );
  console.log(`runs      ${options.runs} (median wall and CPU time, highest peak RSS)`);
  console.log("");
  console.log(`gmaudit   ${line(g)}`);
  for (const f of perFile) {
    if (f.rows === undefined) continue;
    const speed = f.ms
      ? `${rate((f.rows / f.ms) * 1000).padStart(7)} rows/s  ${((f.bytes / 1024 / 1024 / f.ms) * 1000).toFixed(0).padStart(4)} MB/s`
      : "";
    console.log(
      `  ${f.kind.padEnd(9)} ${String(f.rows).padStart(10)} rows ${mb(f.bytes).padStart(8)}  ${f.ms ? seconds(f.ms).padStart(8) : "".padStart(8)}  ${speed}`,
    );
  }
  if (a) {
    console.log(`against   ${line(a)}`);
    console.log(`          ${path.dirname(path.dirname(a.bin))}, run alternately with this checkout`);
  }
  if (d) {
    console.log(`duckdb    ${line(d)}`);
    console.log(`ratio     gmaudit / duckdb = ${report.ratio.toFixed(2)}× (target ≤ 1.5×)`);
  } else {
    console.log(
      options.duckdb
        ? "duckdb    not installed (npm install --no-save @duckdb/node-api); the issue's reference is 3.5–4 s"
        : "duckdb    skipped (--no-duckdb)",
    );
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});

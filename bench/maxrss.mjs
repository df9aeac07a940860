// Preloaded by bench/run.mjs (`node --import bench/maxrss.mjs …`): at exit, writes the process's peak
// resident set size in KiB (getrusage ru_maxrss, the same number `/usr/bin/time -v` prints) to the file
// named by GMAUDIT_BENCH_MAXRSS_FILE. Does nothing without that variable or in worker threads
// (ru_maxrss is per process: the main thread's reading covers the workers).
import { writeFileSync } from "node:fs";
import { isMainThread } from "node:worker_threads";

const target = process.env.GMAUDIT_BENCH_MAXRSS_FILE;
if (target && isMainThread) {
  process.on("exit", () => {
    writeFileSync(target, String(process.resourceUsage().maxRSS));
  });
}

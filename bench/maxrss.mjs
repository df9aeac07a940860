// Preloaded by bench/run.mjs (`node --import bench/maxrss.mjs …`): at exit, writes the process's peak
// resident set size in KiB (getrusage ru_maxrss, the same number `/usr/bin/time -v` prints) and its CPU
// time in microseconds (user, system: all threads together) to the file named by
// GMAUDIT_BENCH_MAXRSS_FILE, as JSON. Does nothing without that variable or in worker threads
// (getrusage is per process: the main thread's reading covers the workers).
import { writeFileSync } from "node:fs";
import { isMainThread } from "node:worker_threads";

const target = process.env.GMAUDIT_BENCH_MAXRSS_FILE;
if (target && isMainThread) {
  process.on("exit", () => {
    const usage = process.resourceUsage();
    writeFileSync(
      target,
      JSON.stringify({ maxRss: usage.maxRSS, userCpu: usage.userCPUTime, systemCpu: usage.systemCPUTime }),
    );
  });
}

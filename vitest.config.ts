import { defineConfig } from "vitest/config";

// Two projects: `unit` is the inner loop (`npm test`, under 2 minutes on a busy 2-core machine);
// `slow` holds the thread-, process- and property-heavy suites (`*.slow.test.ts`), run by `npm run
// test:slow` and by CI. Timeouts are safety nets for a loaded machine, never a measurement.
export default defineConfig({
  test: {
    // Tests must not depend on the machine's zone: pin a non-Shanghai one. .ci/run runs the end-to-end
    // and determinism suites a second time with GMAUDIT_TEST_TZ=Asia/Shanghai (the audit's own zone).
    env: { TZ: process.env.GMAUDIT_TEST_TZ ?? "America/New_York", NO_COLOR: "1" },
    // Test files run in child processes, not worker threads: the in-process CLI runs change the
    // process's folder for the run (test/cli/in-process.ts, runInFolder), which a thread cannot do.
    pool: "forks",
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["test/**/*.test.ts"],
          // The report's rendering tests start LibreOffice and Chromium: vitest.render.config.ts (.ci/run).
          exclude: ["test/**/*.slow.test.ts", "test/render/**"],
          testTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: { name: "slow", include: ["test/**/*.slow.test.ts"], testTimeout: 180_000 },
      },
    ],
  },
});

import { configDefaults, defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The report's rendering tests start LibreOffice and Chromium: vitest.render.config.ts, run by .ci/run.
    exclude: [...configDefaults.exclude, "test/render/**"],
    testTimeout: 30_000,
    // Tests must not depend on the machine's zone: pin a non-Shanghai one. .ci/run runs the end-to-end
    // and determinism suites a second time with GMAUDIT_TEST_TZ=Asia/Shanghai (the audit's own zone).
    env: { TZ: process.env.GMAUDIT_TEST_TZ ?? "America/New_York", NO_COLOR: "1" },
  },
});
